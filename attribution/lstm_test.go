package attribution

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lstmFixture is a tiny model and a sequence to check it on.
func lstmFixture(t *testing.T) (*lstmModel, []tokenView, []tagLabel) {
	t.Helper()
	views := []tokenView{
		{word: "<NNP>", tag: "NNP", mention: "person", class: wordClass{"c1", "f1"}},
		{word: "said", tag: "VBD", cue: "say", class: wordClass{"c2", "f2"}},
		{word: "the", tag: "DT", class: wordClass{"c3", "f3"}},
		{word: "plan", tag: "NN", class: wordClass{"c3", "f4"}},
		{word: "failed", tag: "VBD", quoted: true, class: wordClass{"c2", "f5"}},
		{word: ".", tag: "."},
	}
	gold := []tagLabel{tagSource, tagCue, tagBegin, tagInside, tagInside, tagOut}
	var vocab [numLSTMFields]map[string]int32
	for f := range vocab {
		vocab[f] = map[string]int32{}
		for _, v := range views[:4] { // the last two have unknown values
			k := lstmKeys(v)[f]
			if _, ok := vocab[f][k]; !ok {
				vocab[f][k] = int32(len(vocab[f]) + 1)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	return newLSTMModel(3, vocab, rng.Float32), views, gold
}

// TestLSTMGradients checks the backward pass against finite differences
// of the loss, for weights of every array.
func TestLSTMGradients(t *testing.T) {
	m, views, gold := lstmFixture(t)
	var r lstmRun
	loss := func() float64 {
		m.forward(&r, views, 0, len(views), 0, 0, nil)
		var l float64
		for i, g := range gold {
			l -= math.Log(float64(r.probs[i*int(numTags)+int(g)]))
		}
		return l
	}
	g := newLSTMGrads(m)
	loss()
	m.backward(&r, gold, g)
	arrays := map[string][2][]float32{
		"out":   {m.out, g.out},
		"fwd":   {m.w[0], g.w[0]},
		"bwd":   {m.w[1], g.w[1]},
		"words": {m.emb[lstmWord], g.emb[lstmWord]},
		"tags":  {m.emb[lstmTag], g.emb[lstmTag]},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for name, a := range arrays {
		p, grad := a[0], a[1]
		for range 25 {
			i := rng.IntN(len(p))
			const h = 1e-2
			old := p[i]
			p[i] = old + h
			up := loss()
			p[i] = old - h
			down := loss()
			p[i] = old
			num := (up - down) / (2 * h)
			assert.InDelta(t, num, float64(grad[i]), 2e-3+0.02*math.Abs(num), "%s[%d]", name, i)
		}
	}
}

// TestLSTMInfer checks that decoding through the projections gives the
// probabilities of the plain forward pass.
func TestLSTMInfer(t *testing.T) {
	m, views, _ := lstmFixture(t)
	var r1, r2 lstmRun
	m.forward(&r1, views, 0, len(views), 0, 0, nil)
	m.infer(&r2, views, 1, len(views))
	require.Len(t, r2.probs, (len(views)-1)*int(numTags))
	m.infer(&r2, views, 0, len(views))
	require.Len(t, r2.probs, len(r1.probs))
	for i := range r1.probs {
		assert.InDelta(t, r1.probs[i], r2.probs[i], 1e-5)
	}
}

// TestLSTMLearns trains on one sequence and checks that the loss falls
// and the labels come out right.
func TestLSTMLearns(t *testing.T) {
	m, views, gold := lstmFixture(t)
	g := newLSTMGrads(m)
	opt := newAdam(m, 0.02)
	var r lstmRun
	first := -1.0
	var last float64
	for range 200 {
		m.forward(&r, views, 0, len(views), 0, 0, nil)
		last = m.backward(&r, gold, g)
		if first < 0 {
			first = last
		}
		opt.apply(m, g, 5)
	}
	assert.Less(t, last, first/10)
	out := make([][numTags]float32, len(views))
	m.addLogProbs(&r, views, 0, len(views), out)
	for i, want := range gold {
		best := tagOut
		for l := range numTags {
			if out[i][l] > out[i][best] {
				best = l
			}
		}
		assert.Equal(t, want, best, "token %d", i)
	}
}

// TestLSTMRoundTrip writes a model and reads it back.
func TestLSTMRoundTrip(t *testing.T) {
	m, views, _ := lstmFixture(t)
	b := m.appendTo(nil)
	require.Equal(t, byte(lstmMark), b[0])
	back, err := readLSTM(bufio.NewReader(bytes.NewReader(b[1:])))
	require.NoError(t, err)
	assert.Equal(t, m.vocab, back.vocab)
	var r1, r2 lstmRun
	a, c := make([][numTags]float32, len(views)), make([][numTags]float32, len(views))
	m.addLogProbs(&r1, views, 0, len(views), a)
	back.addLogProbs(&r2, views, 0, len(views), c)
	for i := range a {
		for l := range numTags {
			assert.InDelta(t, a[i][l], c[i][l], 1e-3)
		}
	}
	// Every truncation is an error, not a panic.
	for n := 1; n < len(b); n += 7 {
		_, err := readLSTM(bufio.NewReader(bytes.NewReader(b[1:n])))
		assert.Error(t, err, "cut at %d", n)
	}
}

// BenchmarkLSTM times one forward and backward pass over a 100-token
// sequence with a 32-unit state.
func BenchmarkLSTM(b *testing.B) {
	views := make([]tokenView, 100)
	gold := make([]tagLabel, 100)
	var vocab [numLSTMFields]map[string]int32
	for f := range vocab {
		vocab[f] = map[string]int32{"x": 1}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	m := newLSTMModel(32, vocab, rng.Float32)
	g := newLSTMGrads(m)
	var r lstmRun
	b.Run("forward", func(b *testing.B) {
		for b.Loop() {
			m.forward(&r, views, 0, len(views), 0, 0, nil)
		}
	})
	b.Run("infer", func(b *testing.B) {
		for b.Loop() {
			m.infer(&r, views, 0, len(views))
		}
	})
	b.Run("forward+backward", func(b *testing.B) {
		for b.Loop() {
			m.forward(&r, views, 0, len(views), 0.2, 0.3, rng.Float32)
			m.backward(&r, gold, g)
		}
	})
}

// TestFastTanh checks the table's activations against the exact ones.
func TestFastTanh(t *testing.T) {
	for x := float32(-12); x <= 12; x += 0.0007 {
		require.InDelta(t, math.Tanh(float64(x)), float64(fastTanh(x)), 1e-5, "tanh(%g)", x)
		require.InDelta(t, float64(sigmoid32(x)), float64(fastSigmoid(x)), 1e-5, "sigmoid(%g)", x)
	}
}

// TestReadLSTMTooLarge checks that a model whose decoding would expand
// into too many weights is refused before its arrays are read.
func TestReadLSTMTooLarge(t *testing.T) {
	b := binary.AppendUvarint(nil, maxLSTMHidden)
	b = binary.AppendUvarint(b, numLSTMFlags)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(1))
	for f := range numLSTMFields {
		b = binary.AppendUvarint(b, uint64(lstmDims[f]))
		n := 0
		if f == lstmWord {
			n = 40000
		}
		b = binary.AppendUvarint(b, uint64(n))
		for i := range n {
			k := fmt.Sprint("w", i)
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
		}
	}
	// Whole arrays of zeros follow, so that only the size check refuses it.
	array := func(n int) {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(1))
		b = append(b, make([]byte, n)...)
	}
	for f := range numLSTMFields {
		rows := 1
		if f == lstmWord {
			rows += 40000
		}
		array(rows * lstmDims[f])
	}
	rl := lstmInputDim() + maxLSTMHidden + 1
	array(4 * maxLSTMHidden * rl)
	array(4 * maxLSTMHidden * rl)
	array(int(numTags) * (2*maxLSTMHidden + 1))
	_, err := readLSTM(bufio.NewReader(bytes.NewReader(b)))
	assert.ErrorIs(t, err, errModel)
}
