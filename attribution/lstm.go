package attribution

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
)

// The statement tagger can carry a second scorer beside its perceptron
// weights: a bidirectional LSTM (Hochreiter and Schmidhuber 1997) that
// reads a whole paragraph in both directions and gives each token a
// probability for every label. The perceptron sees a window of words and
// a few summaries of its sentence; the LSTM carries what it read across
// the paragraph, such as a cue several clauses back, and it generalises
// over words through learned vectors for the words, their word classes
// and their part-of-speech tags. In decoding, the LSTM's log-probability
// of a label, times its weight, is added to the perceptron's score of the
// label, so the Viterbi search is the same.

// The fields of a token that the LSTM embeds, each in its own table.
const (
	lstmWord = iota
	lstmFine
	lstmCoarse
	lstmTag
	numLSTMFields
)

// lstmDims are the sizes of the field vectors.
var lstmDims = [numLSTMFields]int{32, 16, 8, 8}

// numLSTMFlags is the number of yes/no inputs after the field vectors.
const numLSTMFlags = 10

// lstmInputDim is the size of a token's input vector.
func lstmInputDim() int {
	d := numLSTMFlags
	for _, x := range lstmDims {
		d += x
	}
	return d
}

// lstmModel is a trained bidirectional LSTM over tokens. It is read-only
// once trained and safe for concurrent use.
type lstmModel struct {
	hidden int
	weight float32                         // the factor of its log-probabilities in decoding
	vocab  [numLSTMFields]map[string]int32 // value -> row; row 0 is every unknown value
	emb    [numLSTMFields][]float32        // rows × lstmDims[f]
	w      [2][]float32                    // per direction, 4·hidden rows of (input + hidden + 1)
	out    []float32                       // numTags rows of (2·hidden + 1)

	projOnce sync.Once
	proj     [2][numLSTMFields][]float32 // see projections
	rec      [2][]float32                // per direction, the recurrent weights by state unit: hidden rows of 4·hidden
	bias     [2][]float32                // per direction, the gates' biases (4·hidden)
	flagW    [2][]float32                // per direction, the weights of each yes/no input: numLSTMFlags rows of 4·hidden
}

// rowLen is the length of a row of a direction's gate weights.
func (m *lstmModel) rowLen() int { return lstmInputDim() + m.hidden + 1 }

// lstmKeys are the values of a token's embedded fields.
func lstmKeys(v tokenView) [numLSTMFields]string {
	return [numLSTMFields]string{v.word, v.class.fine, v.class.coarse, v.tag}
}

// lstmFlags are a token's yes/no inputs.
func lstmFlags(v tokenView) [numLSTMFlags]float32 {
	var f [numLSTMFlags]float32
	set := func(i int, b bool) {
		if b {
			f[i] = 1
		}
	}
	set(0, v.quoted)
	set(1, v.cue != "" && !strings.HasPrefix(v.cue, "n:"))
	set(2, strings.HasPrefix(v.cue, "n:"))
	kind, pro := strings.CutSuffix(v.mention, "-pro")
	set(3, kind == "person")
	set(4, kind == "organization")
	set(5, kind == "group" || kind == "anonymous")
	set(6, kind == "place")
	set(7, pro)
	set(8, v.first)
	set(9, v.last)
	return f
}

// readOrder returns the token a direction reads k-th of n, and the one it
// read before it (k-1 or k+1 in the sequence; meaningless when k is 0).
func readOrder(dir, k, n int) (t, p int) {
	if dir == 1 {
		return n - 1 - k, n - k
	}
	return k, k - 1
}

// lstmRun holds one sequence's activations, kept for the backward pass.
// Its buffers are reused from sequence to sequence.
type lstmRun struct {
	n     int
	rows  [][numLSTMFields]int32
	flags [][numLSTMFlags]float32 // in decoding, each token's yes/no inputs
	x     []float32               // n × input: the token vectors, after dropout
	xMask []float32               // n × input: the input dropout's factors, or nil
	gates [2][]float32            // n × 4·hidden: i, f, g, o after their activations
	c, h  [2][]float32            // n × hidden
	hMask []float32               // n × 2·hidden: the output dropout's factors, or nil
	probs []float32               // n × numTags
}

// grow returns n zeros, in b's array when it is large enough.
func grow(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// sigmoid32 and tanh32 are the exact activations, for training.
func sigmoid32(x float32) float32 { return 1 / (1 + float32(math.Exp(float64(-x)))) }

func tanh32(x float32) float32 { return float32(math.Tanh(float64(x))) }

// dot returns the dot product of a and b[:len(a)].
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// axpy adds k·x to y.
func axpy(k float32, x, y []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += k * v
	}
}

// forward runs the LSTM over the tokens [s, e) of views and leaves the
// label probabilities in r.probs. dropIn and dropOut are the dropout rates
// (zero in decoding); rnd draws the dropout masks.
func (m *lstmModel) forward(r *lstmRun, views []tokenView, s, e int, dropIn, dropOut float32, rnd func() float32) {
	n, d, hd := e-s, lstmInputDim(), m.hidden
	r.n = n
	if cap(r.rows) < n {
		r.rows = make([][numLSTMFields]int32, n)
	}
	r.rows = r.rows[:n]
	r.x = grow(r.x, n*d)
	r.xMask, r.hMask = r.xMask[:0], r.hMask[:0]
	if dropIn > 0 {
		r.xMask = grow(r.xMask, n*d)
	}
	if dropOut > 0 {
		r.hMask = grow(r.hMask, n*2*hd)
	}
	for t := range n {
		v := views[s+t]
		x := r.x[t*d : (t+1)*d]
		off := 0
		for f, key := range lstmKeys(v) {
			row := m.vocab[f][key] // 0 when unknown
			r.rows[t][f] = row
			dim := lstmDims[f]
			copy(x[off:off+dim], m.emb[f][int(row)*dim:int(row+1)*dim])
			off += dim
		}
		flags := lstmFlags(v)
		copy(x[off:], flags[:])
		if dropIn > 0 {
			mask := r.xMask[t*d : (t+1)*d]
			for i := range x {
				if rnd() >= dropIn {
					mask[i] = 1 / (1 - dropIn)
				}
				x[i] *= mask[i]
			}
		}
	}
	rl := m.rowLen()
	for dir := range 2 {
		r.gates[dir] = grow(r.gates[dir], n*4*hd)
		r.c[dir] = grow(r.c[dir], n*hd)
		r.h[dir] = grow(r.h[dir], n*hd)
		w := m.w[dir]
		for k := range n {
			t, p := readOrder(dir, k, n)
			x := r.x[t*d : (t+1)*d]
			g := r.gates[dir][t*4*hd : (t+1)*4*hd]
			for j := range 4 * hd {
				row := w[j*rl : (j+1)*rl]
				a := dot(x, row) + row[rl-1]
				if k > 0 {
					a += dot(r.h[dir][p*hd:(p+1)*hd], row[d:])
				}
				g[j] = a
			}
			c := r.c[dir][t*hd : (t+1)*hd]
			h := r.h[dir][t*hd : (t+1)*hd]
			for u := range hd {
				ig, fg, gg, og := sigmoid32(g[u]), sigmoid32(g[hd+u]), tanh32(g[2*hd+u]), sigmoid32(g[3*hd+u])
				g[u], g[hd+u], g[2*hd+u], g[3*hd+u] = ig, fg, gg, og
				cv := ig * gg
				if k > 0 {
					cv += fg * r.c[dir][p*hd+u]
				}
				c[u] = cv
				h[u] = og * tanh32(cv)
			}
		}
	}
	m.outputs(r, r.hMask, dropOut, rnd)
}

// outputs computes the label probabilities from the states in r, with
// dropout at rate dropOut when it is above zero, its factors drawn into
// mask.
func (m *lstmModel) outputs(r *lstmRun, mask []float32, dropOut float32, rnd func() float32) {
	n, hd := r.n, m.hidden
	r.probs = grow(r.probs, n*int(numTags))
	ol := 2*hd + 1
	both := make([]float32, 2*hd)
	for t := range n {
		copy(both[:hd], r.h[0][t*hd:(t+1)*hd])
		copy(both[hd:], r.h[1][t*hd:(t+1)*hd])
		if dropOut > 0 {
			mask := mask[t*2*hd : (t+1)*2*hd]
			for i := range both {
				if rnd() >= dropOut {
					mask[i] = 1 / (1 - dropOut)
				}
				both[i] *= mask[i]
			}
		}
		p := r.probs[t*int(numTags) : (t+1)*int(numTags)]
		most := float32(math.Inf(-1))
		for l := range p {
			row := m.out[l*ol : (l+1)*ol]
			p[l] = dot(both, row) + row[ol-1]
			most = max(most, p[l])
		}
		var sum float32
		for l := range p {
			p[l] = float32(math.Exp(float64(p[l] - most)))
			sum += p[l]
		}
		for l := range p {
			p[l] /= sum
		}
	}
}

// projections returns, per direction and field, every vocabulary row's
// contribution to the gates' inputs (rows × 4·hidden), computed once: in
// decoding, a token's input part of the gates is then a sum of looked-up
// rows instead of a product with its whole input vector. The same pass
// lays out the recurrent weights, the biases and the yes/no inputs'
// weights as contiguous vectors of 4·hidden (rec, bias, flagW).
func (m *lstmModel) projections() *[2][numLSTMFields][]float32 {
	m.projOnce.Do(func() {
		hd, rl := m.hidden, m.rowLen()
		for dir := range 2 {
			off := 0
			for f := range numLSTMFields {
				dim := lstmDims[f]
				rows := len(m.emb[f]) / dim
				p := make([]float32, rows*4*hd)
				for r := range rows {
					e := m.emb[f][r*dim : (r+1)*dim]
					for j := range 4 * hd {
						p[r*4*hd+j] = dot(e, m.w[dir][j*rl+off:j*rl+off+dim])
					}
				}
				m.proj[dir][f] = p
				off += dim
			}
			d := lstmInputDim()
			m.rec[dir] = make([]float32, hd*4*hd)
			m.bias[dir] = make([]float32, 4*hd)
			m.flagW[dir] = make([]float32, numLSTMFlags*4*hd)
			for j := range 4 * hd {
				row := m.w[dir][j*rl : (j+1)*rl]
				for u := range hd {
					m.rec[dir][u*4*hd+j] = row[d+u]
				}
				for i := range numLSTMFlags {
					m.flagW[dir][i*4*hd+j] = row[off+i]
				}
				m.bias[dir][j] = row[rl-1]
			}
		}
	})
	return &m.proj
}

// The activations in decoding read a table of tanh over [-tanhRange,
// tanhRange] with linear interpolation (error below 1e-5), several times
// faster than math.Tanh; training uses the exact functions.
const (
	tanhRange = 8
	tanhSteps = 4096
)

var tanhTable = func() []float32 {
	t := make([]float32, tanhSteps+2)
	for i := range t {
		t[i] = float32(math.Tanh(float64(i)*2*tanhRange/tanhSteps - tanhRange))
	}
	return t
}()

// fastTanh is tanh from the table.
func fastTanh(x float32) float32 {
	if x <= -tanhRange {
		return -1
	}
	if x >= tanhRange {
		return 1
	}
	p := (x + tanhRange) * (tanhSteps / (2 * tanhRange))
	i := int(p)
	f := p - float32(i)
	return tanhTable[i] + f*(tanhTable[i+1]-tanhTable[i])
}

// fastSigmoid is the logistic function from the tanh table.
func fastSigmoid(x float32) float32 { return 0.5 + 0.5*fastTanh(0.5*x) }

// infer is forward without dropout, through the projections; it leaves
// the label probabilities in r.probs.
func (m *lstmModel) infer(r *lstmRun, views []tokenView, s, e int) {
	n, hd := e-s, m.hidden
	proj := m.projections()
	r.n = n
	// Each token's rows and yes/no inputs, read once for both directions.
	if cap(r.rows) < n {
		r.rows = make([][numLSTMFields]int32, n)
	}
	if cap(r.flags) < n {
		r.flags = make([][numLSTMFlags]float32, n)
	}
	r.rows, r.flags = r.rows[:n], r.flags[:n]
	for t := range n {
		v := views[s+t]
		for f, key := range lstmKeys(v) {
			r.rows[t][f] = m.vocab[f][key]
		}
		r.flags[t] = lstmFlags(v)
	}
	pre := make([]float32, 4*hd)
	for dir := range 2 {
		r.c[dir] = grow(r.c[dir], n*hd)
		r.h[dir] = grow(r.h[dir], n*hd)
		for k := range n {
			t, p := readOrder(dir, k, n)
			copy(pre, m.bias[dir])
			for f, row := range r.rows[t] {
				axpy(1, proj[dir][f][int(row)*4*hd:int(row+1)*4*hd], pre)
			}
			for i, on := range r.flags[t] {
				if on != 0 {
					axpy(1, m.flagW[dir][i*4*hd:(i+1)*4*hd], pre)
				}
			}
			if k > 0 {
				rec := m.rec[dir]
				for u, hv := range r.h[dir][p*hd : (p+1)*hd] {
					if hv != 0 {
						axpy(hv, rec[u*4*hd:(u+1)*4*hd], pre)
					}
				}
			}
			c := r.c[dir][t*hd : (t+1)*hd]
			h := r.h[dir][t*hd : (t+1)*hd]
			for u := range hd {
				ig, fg, gg, og := fastSigmoid(pre[u]), fastSigmoid(pre[hd+u]), fastTanh(pre[2*hd+u]), fastSigmoid(pre[3*hd+u])
				cv := ig * gg
				if k > 0 {
					cv += fg * r.c[dir][p*hd+u]
				}
				c[u] = cv
				h[u] = og * fastTanh(cv)
			}
		}
	}
	m.outputs(r, nil, 0, nil)
}

// addLogProbs adds the weighted log-probabilities of every label for the
// tokens [s, e) to out[0 : e-s].
func (m *lstmModel) addLogProbs(r *lstmRun, views []tokenView, s, e int, out [][numTags]float32) {
	m.infer(r, views, s, e)
	for t := range e - s {
		for l := range numTags {
			p := max(r.probs[t*int(numTags)+int(l)], 1e-6)
			out[t][l] += m.weight * float32(math.Log(float64(p)))
		}
	}
}

// lstmGrads holds the gradients of a model's weights.
type lstmGrads struct {
	emb     [numLSTMFields][]float32
	touched [numLSTMFields][]int32 // the rows of emb with a gradient
	w       [2][]float32
	out     []float32
}

func newLSTMGrads(m *lstmModel) *lstmGrads {
	g := &lstmGrads{out: make([]float32, len(m.out))}
	for f := range g.emb {
		g.emb[f] = make([]float32, len(m.emb[f]))
	}
	for dir := range g.w {
		g.w[dir] = make([]float32, len(m.w[dir]))
	}
	return g
}

// backward adds to g the gradient of the cross-entropy of the gold labels
// under the probabilities of the forward pass in r, and returns that
// cross-entropy.
func (m *lstmModel) backward(r *lstmRun, gold []tagLabel, g *lstmGrads) float64 {
	n, d, hd, rl := r.n, lstmInputDim(), m.hidden, m.rowLen()
	ol := 2*hd + 1
	var loss float64
	dh := [2][]float32{make([]float32, n*hd), make([]float32, n*hd)}
	both := make([]float32, 2*hd)
	dBoth := make([]float32, 2*hd)
	for t := range n {
		copy(both[:hd], r.h[0][t*hd:(t+1)*hd])
		copy(both[hd:], r.h[1][t*hd:(t+1)*hd])
		var mask []float32
		if len(r.hMask) > 0 {
			mask = r.hMask[t*2*hd : (t+1)*2*hd]
			for i := range both {
				both[i] *= mask[i]
			}
		}
		p := r.probs[t*int(numTags) : (t+1)*int(numTags)]
		loss -= math.Log(max(float64(p[gold[t]]), 1e-9))
		clear(dBoth)
		for l := range p {
			dl := p[l]
			if tagLabel(l) == gold[t] {
				dl--
			}
			row := m.out[l*ol : (l+1)*ol]
			gr := g.out[l*ol : (l+1)*ol]
			axpy(dl, both, gr)
			gr[ol-1] += dl
			axpy(dl, row[:2*hd], dBoth)
		}
		if mask != nil {
			for i := range dBoth {
				dBoth[i] *= mask[i]
			}
		}
		copy(dh[0][t*hd:(t+1)*hd], dBoth[:hd])
		copy(dh[1][t*hd:(t+1)*hd], dBoth[hd:])
	}
	dx := make([]float32, n*d)
	dNext := make([]float32, hd)
	dcNext := make([]float32, hd)
	da := make([]float32, 4*hd)
	for dir := range 2 {
		clear(dNext)
		clear(dcNext)
		w, gw := m.w[dir], g.w[dir]
		// Back through the tokens in the reverse of the order read.
		for k := n - 1; k >= 0; k-- {
			t, p := readOrder(dir, k, n)
			gt := r.gates[dir][t*4*hd : (t+1)*4*hd]
			c := r.c[dir][t*hd : (t+1)*hd]
			for u := range hd {
				dhu := dh[dir][t*hd+u] + dNext[u]
				ig, fg, gg, og := gt[u], gt[hd+u], gt[2*hd+u], gt[3*hd+u]
				tc := tanh32(c[u])
				dc := dhu*og*(1-tc*tc) + dcNext[u]
				var cPrev float32
				if k > 0 {
					cPrev = r.c[dir][p*hd+u]
				}
				da[u] = dc * gg * ig * (1 - ig)
				da[hd+u] = dc * cPrev * fg * (1 - fg)
				da[2*hd+u] = dc * ig * (1 - gg*gg)
				da[3*hd+u] = dhu * tc * og * (1 - og)
				dcNext[u] = dc * fg
			}
			x := r.x[t*d : (t+1)*d]
			dxt := dx[t*d : (t+1)*d]
			clear(dNext)
			for j, a := range da {
				if a == 0 {
					continue
				}
				row := w[j*rl : (j+1)*rl]
				gRow := gw[j*rl : (j+1)*rl]
				axpy(a, x, gRow[:d])
				axpy(a, row[:d], dxt)
				if k > 0 {
					hp := r.h[dir][p*hd : (p+1)*hd]
					axpy(a, hp, gRow[d:d+hd])
					axpy(a, row[d:d+hd], dNext)
				}
				gRow[rl-1] += a
			}
		}
	}
	// The embedding rows take the input's gradient.
	for t := range n {
		dxt := dx[t*d : (t+1)*d]
		if len(r.xMask) > 0 {
			mask := r.xMask[t*d : (t+1)*d]
			for i := range dxt {
				dxt[i] *= mask[i]
			}
		}
		off := 0
		for f := range numLSTMFields {
			dim := lstmDims[f]
			row := r.rows[t][f]
			ge := g.emb[f][int(row)*dim : int(row+1)*dim]
			if allZero(ge) {
				g.touched[f] = append(g.touched[f], row)
			}
			axpy(1, dxt[off:off+dim], ge)
			off += dim
		}
	}
	return loss
}

func allZero(x []float32) bool {
	for _, v := range x {
		if v != 0 {
			return false
		}
	}
	return true
}

// adam is the Adam optimiser's state (Kingma and Ba 2015), with lazy
// updates of the embedding rows: a row is updated only when it has a
// gradient.
type adam struct {
	rate       float32
	step       int
	mEmb, vEmb [numLSTMFields][]float32
	mW, vW     [2][]float32
	mOut, vOut []float32
}

func newAdam(m *lstmModel, rate float32) *adam {
	a := &adam{rate: rate, mOut: make([]float32, len(m.out)), vOut: make([]float32, len(m.out))}
	for f := range m.emb {
		a.mEmb[f], a.vEmb[f] = make([]float32, len(m.emb[f])), make([]float32, len(m.emb[f]))
	}
	for dir := range m.w {
		a.mW[dir], a.vW[dir] = make([]float32, len(m.w[dir])), make([]float32, len(m.w[dir]))
	}
	return a
}

// apply takes one step along the gradients g, clipped to a norm of at
// most clip, and clears them.
func (a *adam) apply(m *lstmModel, g *lstmGrads, clip float32) {
	var sq float64
	add := func(x []float32) {
		for _, v := range x {
			sq += float64(v) * float64(v)
		}
	}
	add(g.out)
	add(g.w[0])
	add(g.w[1])
	for f := range g.emb {
		dim := lstmDims[f]
		for _, row := range g.touched[f] {
			add(g.emb[f][int(row)*dim : int(row+1)*dim])
		}
	}
	scale := float32(1)
	if norm := float32(math.Sqrt(sq)); norm > clip {
		scale = clip / norm
	}
	a.step++
	const b1, b2, eps = 0.9, 0.999, 1e-8
	c1 := 1 - math.Pow(b1, float64(a.step))
	c2 := 1 - math.Pow(b2, float64(a.step))
	lr := a.rate * float32(math.Sqrt(c2)/c1)
	upd := func(p, gr, mm, vv []float32) {
		for i, gv := range gr {
			gv *= scale
			mm[i] = b1*mm[i] + (1-b1)*gv
			vv[i] = b2*vv[i] + (1-b2)*gv*gv
			p[i] -= lr * mm[i] / (float32(math.Sqrt(float64(vv[i]))) + eps)
			gr[i] = 0
		}
	}
	upd(m.out, g.out, a.mOut, a.vOut)
	for dir := range 2 {
		upd(m.w[dir], g.w[dir], a.mW[dir], a.vW[dir])
	}
	for f := range g.emb {
		dim := lstmDims[f]
		for _, row := range g.touched[f] {
			lo, hi := int(row)*dim, int(row+1)*dim
			upd(m.emb[f][lo:hi], g.emb[f][lo:hi], a.mEmb[f][lo:hi], a.vEmb[f][lo:hi])
		}
		g.touched[f] = g.touched[f][:0]
	}
}

// newLSTMModel returns a model with these vocabularies and random weights
// drawn by rnd.
func newLSTMModel(hidden int, vocab [numLSTMFields]map[string]int32, rnd func() float32) *lstmModel {
	m := &lstmModel{hidden: hidden, vocab: vocab, weight: 1}
	uniform := func(x []float32, r float32) {
		for i := range x {
			x[i] = (2*rnd() - 1) * r
		}
	}
	for f := range vocab {
		m.emb[f] = make([]float32, (len(vocab[f])+1)*lstmDims[f])
		uniform(m.emb[f], 0.1)
	}
	rl := m.rowLen()
	for dir := range 2 {
		m.w[dir] = make([]float32, 4*hidden*rl)
		uniform(m.w[dir], float32(math.Sqrt(6/float64(rl+hidden))))
		for u := range hidden {
			m.w[dir][(hidden+u)*rl+rl-1] = 1 // the forget gate starts open
		}
	}
	m.out = make([]float32, int(numTags)*(2*hidden+1))
	uniform(m.out, float32(math.Sqrt(6/float64(2*hidden+int(numTags)))))
	return m
}

// The serialised form follows the perceptron's features: a mark, the
// sizes, the vocabularies in row order, and every weight array as a scale
// and variable-length integers.
const lstmMark = 'L'

// Bounds on what a serialised LSTM may declare.
const (
	maxLSTMHidden    = 256
	maxLSTMVocab     = 1 << 20
	maxLSTMProjected = 1 << 25
)

func (m *lstmModel) appendTo(b []byte) []byte {
	b = append(b, lstmMark)
	b = binary.AppendUvarint(b, uint64(m.hidden))
	b = binary.AppendUvarint(b, numLSTMFlags)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.weight))
	for f := range numLSTMFields {
		b = binary.AppendUvarint(b, uint64(lstmDims[f]))
		keys := make([]string, len(m.vocab[f]))
		for k, row := range m.vocab[f] {
			keys[row-1] = k
		}
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
		}
	}
	arrays := append(append([][]float32{}, m.emb[:]...), m.w[0], m.w[1], m.out)
	for _, x := range arrays {
		var most float32
		for _, v := range x {
			most = max(most, float32(math.Abs(float64(v))))
		}
		scale := most / 32767
		if scale == 0 {
			scale = 1
		}
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
		for _, v := range x {
			b = binary.AppendVarint(b, int64(math.Round(float64(v/scale))))
		}
	}
	return b
}

// readLSTM reads a model that appendTo wrote, after its mark.
func readLSTM(br *bufio.Reader) (*lstmModel, error) {
	bad := func(err error) (*lstmModel, error) {
		if err == nil || errors.Is(err, errModel) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errModel
		}
		return nil, fmt.Errorf("attribution: tagger model: %w", err)
	}
	hidden, err := binary.ReadUvarint(br)
	if err != nil || hidden == 0 || hidden > maxLSTMHidden {
		return bad(err)
	}
	if flags, err := binary.ReadUvarint(br); err != nil || flags != numLSTMFlags {
		return bad(err)
	}
	m := &lstmModel{hidden: int(hidden)}
	var wb [4]byte
	if _, err := io.ReadFull(br, wb[:]); err != nil {
		return bad(err)
	}
	m.weight = math.Float32frombits(binary.LittleEndian.Uint32(wb[:]))
	if math.IsNaN(float64(m.weight)) || math.IsInf(float64(m.weight), 0) {
		return bad(nil)
	}
	for f := range numLSTMFields {
		dim, err := binary.ReadUvarint(br)
		if err != nil || dim != uint64(lstmDims[f]) {
			return bad(err)
		}
		n, err := binary.ReadUvarint(br)
		if err != nil || n > maxLSTMVocab {
			return bad(err)
		}
		m.vocab[f] = make(map[string]int32, min(n, 1<<12))
		for i := range n {
			l, err := binary.ReadUvarint(br)
			if err != nil || l > 1<<10 {
				return bad(err)
			}
			k := make([]byte, l)
			if _, err := io.ReadFull(br, k); err != nil {
				return bad(err)
			}
			if _, dup := m.vocab[f][string(k)]; dup {
				return bad(nil)
			}
			m.vocab[f][string(k)] = int32(i + 1)
		}
	}
	// Decoding expands every vocabulary row into both directions' gate
	// inputs (see projections); a model whose expansion would not fit in
	// maxLSTMProjected weights is refused, not allocated.
	rows := 0
	for f := range numLSTMFields {
		rows += len(m.vocab[f]) + 1
	}
	if rows*2*4*m.hidden > maxLSTMProjected {
		return bad(nil)
	}
	read := func(n int) ([]float32, error) {
		if _, err := io.ReadFull(br, wb[:]); err != nil {
			return nil, err
		}
		scale := math.Float32frombits(binary.LittleEndian.Uint32(wb[:]))
		if !(scale > 0) || math.IsInf(float64(scale), 0) {
			return nil, errModel
		}
		x := make([]float32, 0, min(n, 1<<16))
		for range n {
			v, err := binary.ReadVarint(br)
			if err != nil {
				return nil, err
			}
			f := float32(v) * scale
			if math.IsInf(float64(f), 0) {
				return nil, errModel
			}
			x = append(x, f)
		}
		return x, nil
	}
	for f := range numLSTMFields {
		if m.emb[f], err = read((len(m.vocab[f]) + 1) * lstmDims[f]); err != nil {
			return bad(err)
		}
	}
	for dir := range 2 {
		if m.w[dir], err = read(4 * m.hidden * m.rowLen()); err != nil {
			return bad(err)
		}
	}
	if m.out, err = read(int(numTags) * (2*m.hidden + 1)); err != nil {
		return bad(err)
	}
	return m, nil
}
