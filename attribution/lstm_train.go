package attribution

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
)

// LSTMTraining sets how the tagger's LSTM scorer is trained; see
// [TaggerTraining].
type LSTMTraining struct {
	// Hidden is the size of each direction's state (default 32).
	Hidden int
	// Epochs is the number of passes over the paragraphs (default 6).
	Epochs int
	// Rate is Adam's learning rate (default 0.002).
	Rate float64
	// MinCount is how often a word must occur in the articles to have a
	// vector of its own (default 5); rarer words share the unknown one.
	MinCount int
	// Seed draws the first weights, the dropout and the order of the
	// paragraphs (default: the tagger's seed).
	Seed uint64
	// Progress, when not nil, receives a line per pass with the mean
	// loss per token.
	Progress io.Writer
	// Weight is the factor of its log-probabilities in decoding
	// (default 4).
	Weight float64
}

// trainLSTM trains the LSTM on the chunks of the articles tds[idx], in an
// order drawn from seed.
func trainLSTM(ctx context.Context, tds []trainDoc, idx []int, o LSTMTraining, seed uint64) (*lstmModel, error) {
	if o.Hidden <= 0 {
		o.Hidden = 32
	}
	if o.Epochs <= 0 {
		o.Epochs = 6
	}
	if o.Rate <= 0 {
		o.Rate = 0.002
	}
	if o.MinCount <= 0 {
		o.MinCount = 5
	}
	if o.Weight <= 0 {
		o.Weight = 4
	}
	// The vocabularies: every value seen, and the words seen often enough.
	var counts [numLSTMFields]map[string]int
	for f := range counts {
		counts[f] = map[string]int{}
	}
	type seq struct{ doc, s, e int }
	var seqs []seq
	for _, di := range idx {
		td := tds[di]
		for _, v := range td.in.views {
			for f, k := range lstmKeys(v) {
				counts[f][k]++
			}
		}
		for _, c := range td.chunks {
			seqs = append(seqs, seq{di, c[0], c[1]})
		}
	}
	var vocab [numLSTMFields]map[string]int32
	for f := range vocab {
		keys := make([]string, 0, len(counts[f]))
		for k, n := range counts[f] {
			if f != lstmWord || n >= o.MinCount {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		vocab[f] = make(map[string]int32, len(keys))
		for i, k := range keys {
			vocab[f][k] = int32(i + 1)
		}
	}
	if o.Seed != 0 {
		seed = o.Seed
	}
	rng := rand.New(rand.NewPCG(seed, 0x15f3))
	rnd := rng.Float32
	m := newLSTMModel(o.Hidden, vocab, rnd)
	m.weight = float32(o.Weight)
	g := newLSTMGrads(m)
	opt := newAdam(m, float32(o.Rate))
	var r lstmRun
	for ep := range o.Epochs {
		var loss float64
		var toks int
		rng.Shuffle(len(seqs), func(i, j int) { seqs[i], seqs[j] = seqs[j], seqs[i] })
		for _, q := range seqs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			td := tds[q.doc]
			m.forward(&r, td.in.views, q.s, q.e, 0.2, 0.3, rnd)
			loss += m.backward(&r, td.gold[q.s:q.e], g)
			toks += q.e - q.s
			opt.apply(m, g, 5)
		}
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "lstm pass %d of %d: cross-entropy %.4f per token over %d tokens\n", ep+1, o.Epochs, loss/float64(max(toks, 1)), toks)
		}
	}
	return m, nil
}
