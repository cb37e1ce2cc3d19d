package attribution

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/whosaid/whosaid/entities"
)

// TrainingDoc is an annotated article for [Extractor.TrainTagger].
type TrainingDoc struct {
	// Text is the article.
	Text string
	// Attributions are its annotated statements; each names its content
	// pieces, its cue and its source as byte spans into Text.
	Attributions []TrainingAttribution
}

// TrainingAttribution is one annotated statement. A statement in several
// pieces may be given as one attribution with several Content spans or as
// several attributions.
type TrainingAttribution struct {
	Content []entities.Span
	Cue     []entities.Span
	Source  []entities.Span
}

// TaggerTraining sets how [Extractor.TrainTagger] trains.
type TaggerTraining struct {
	// Epochs is the number of passes over the articles (default 12).
	Epochs int
	// Seed orders the articles in each pass.
	Seed uint64
	// MinUpdates drops the features whose weights changed in fewer
	// training steps: rare features that would mostly memorise (default 3).
	MinUpdates int
	// SkipBounds leaves the boundary ranker out of the model: the clauses
	// keep the boundaries the rules and the tagger give them.
	SkipBounds bool
	// LSTM, when not nil, also trains an LSTM scorer on the articles,
	// whose scores decoding adds to the perceptron's. A model with an
	// LSTM scorer does not use the boundary ranker, so none is trained
	// (as with SkipBounds).
	LSTM *LSTMTraining
	// Base, when not nil, is a model whose perceptron and ranker weights
	// and LSTM scorers are kept: only a new LSTM is trained, and the
	// result is Base with it added (its scores add to theirs).
	Base *TaggerModel
	// CrossFit, when above 1, also trains the boundary ranker on the
	// tagger's own clauses: the articles are dealt into CrossFit parts,
	// and each part is tagged by a tagger trained on the others (CrossFit
	// more taggers to train, each on (CrossFit-1)/CrossFit of the
	// articles).
	CrossFit int
}

// trainDoc is a parsed training article with its gold labels.
type trainDoc struct {
	st     *State
	in     *taggerInput // its features, computed once for every pass
	chunks [][2]int     // the token ranges decoded one at a time
	gold   []tagLabel
	bounds []boundExample // the boundary ranker's examples
}

// TrainTagger trains a statement tagger on annotated articles with the
// extractor's tokenizer, quotation finder and cue lexicon, and with it
// (unless o.SkipBounds) the boundary ranker, on the rules' clauses against
// the annotated ones, and with o.CrossFit on the tagger's own clauses; it
// returns the averaged model. It returns ctx's error when ctx is done.
func (e *Extractor) TrainTagger(ctx context.Context, docs []TrainingDoc, o TaggerTraining) (*TaggerModel, error) {
	if ctx == nil {
		return nil, ErrNilContext
	}
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.MinUpdates <= 0 {
		o.MinUpdates = 3
	}
	if o.LSTM != nil {
		o.SkipBounds = true
	}
	tds := make([]trainDoc, 0, len(docs))
	var rulesOf [][]Quote
	for _, d := range docs {
		st, err := e.prepare(ctx, d.Text)
		if err != nil {
			return nil, err
		}
		in, err := st.taggerFeatures(ctx)
		if err != nil {
			return nil, err
		}
		td := trainDoc{st: st, in: in, chunks: st.tagChunks(), gold: goldLabels(st.Doc, d.Attributions)}
		if !o.SkipBounds && o.Base == nil {
			rules, err := findReported(ctx, st)
			if err != nil {
				return nil, err
			}
			td.bounds = st.boundExamples(rules, d.Attributions, "reported")
			rulesOf = append(rulesOf, rules)
		}
		tds = append(tds, td)
	}
	all := make([]int, len(tds))
	for i := range all {
		all[i] = i
	}
	train := func(seed uint64, idx []int) (*TaggerModel, error) {
		tr := &perceptron{w: map[uint32]*accum{}}
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		order := slices.Clone(idx)
		for range o.Epochs {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, di := range order {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				tr.learn(tds[di])
			}
		}
		return tr.average(o.MinUpdates), nil
	}
	if o.Base != nil {
		if o.LSTM == nil {
			return nil, errors.New("attribution: TrainTagger: a Base model but no LSTM to train")
		}
		lstm, err := trainLSTM(ctx, tds, all, *o.LSTM, o.Seed)
		if err != nil {
			return nil, err
		}
		return &TaggerModel{table: o.Base.table, lstms: append(slices.Clone(o.Base.lstms), lstm)}, nil
	}
	m, err := train(o.Seed, all)
	if err != nil {
		return nil, err
	}
	var lstms []*lstmModel
	if o.LSTM != nil {
		var err error
		lstm, err := trainLSTM(ctx, tds, all, *o.LSTM, o.Seed)
		if err != nil {
			return nil, err
		}
		lstms = []*lstmModel{lstm}
		m.lstms = lstms
	}
	if o.SkipBounds {
		return m, nil
	}
	if o.CrossFit > 1 {
		// The ranker also learns from the tagger's own clauses, each
		// article's from a tagger trained without it, so that it sees the
		// tagger's errors as they are on articles it has not learned.
		for f := range o.CrossFit {
			var in, out []int
			for i := range tds {
				if i%o.CrossFit == f {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			mf, err := train(o.Seed+uint64(f)+1, in)
			if err != nil {
				return nil, err
			}
			for _, i := range out {
				tagged, err := tds[i].st.taggedReported(ctx, mf, rulesOf[i])
				if err != nil {
					return nil, err
				}
				tds[i].bounds = append(tds[i].bounds, tds[i].st.boundExamples(tagged, docs[i].Attributions, "tagger")...)
			}
		}
	}
	// The boundary ranker, on the same articles.
	bt := &boundTrainer{w: map[uint32]*boundAccum{}}
	order := slices.Clone(all)
	rng := rand.New(rand.NewPCG(o.Seed, 0xb0d5))
	for range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			for _, x := range tds[di].bounds {
				bt.learn(x)
			}
		}
	}
	mb := m.withBounds(bt.average())
	mb.lstms = lstms
	return mb, nil
}

// goldLabels gives each token of doc its label from the annotation: the
// innermost content that holds it decides Begin or Inside; cue and source
// tokens are labelled so over any content.
func goldLabels(doc *entities.Document, atts []TrainingAttribution) []tagLabel {
	n := len(doc.Tokens)
	labels := make([]tagLabel, n)
	owner := make([]int, n) // content id, -1 for none
	size := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	id := 0
	for _, a := range atts {
		for _, c := range a.Content {
			i, j := doc.TokensIn(c)
			for k := i; k < j; k++ {
				if owner[k] < 0 || c.End-c.Start < size[k] {
					owner[k], size[k] = id, c.End-c.Start
				}
			}
			id++
		}
	}
	for k := range labels {
		if owner[k] < 0 {
			continue
		}
		if k > 0 && owner[k-1] == owner[k] && labels[k-1] != tagOut {
			labels[k] = tagInside
		} else {
			labels[k] = tagBegin
		}
	}
	mark := func(spans []entities.Span, l tagLabel) {
		for _, s := range spans {
			i, j := doc.TokensIn(s)
			for k := i; k < j; k++ {
				labels[k] = l
			}
		}
	}
	for _, a := range atts {
		mark(a.Source, tagSource)
	}
	for _, a := range atts {
		mark(a.Cue, tagCue)
	}
	// A content run cut by a cue or source starts again with Begin.
	for k := range labels {
		if labels[k] == tagInside && (k == 0 || labels[k-1] != tagBegin && labels[k-1] != tagInside) {
			labels[k] = tagBegin
		}
	}
	return labels
}

// accum is one feature's weights while training, with the running sums
// for averaging.
type accum struct {
	w, total [numTags]float64
	ts       [numTags]int
	updates  int
}

// perceptron is an averaged perceptron being trained.
type perceptron struct {
	w    map[uint32]*accum
	step int
}

func (p *perceptron) scores(fs []uint32) [numTags]float32 {
	var s [numTags]float32
	for _, f := range fs {
		if a, ok := p.w[f]; ok {
			for l := range s {
				s[l] += float32(a.w[l])
			}
		}
	}
	return s
}

func (p *perceptron) update(fs []uint32, l tagLabel, d float64) {
	for _, f := range fs {
		a, ok := p.w[f]
		if !ok {
			a = &accum{}
			p.w[f] = a
		}
		a.updates++
		a.total[l] += float64(p.step-a.ts[l]) * a.w[l]
		a.ts[l] = p.step
		a.w[l] += d
	}
}

// learn labels one article with the current weights and, in every chunk
// whose labels are wrong, moves the weights towards the gold labels'
// features and away from the predicted ones (the structured perceptron).
func (p *perceptron) learn(d trainDoc) {
	in := d.in
	n := len(d.st.Doc.Tokens)
	pred := make([]tagLabel, n)
	margins := make([]float32, n)
	var vt viterbi
	var buf []uint32
	at := func(ls []tagLabel, i, s int) tagLabel {
		if i < s {
			return tagOut
		}
		return ls[i]
	}
	for _, c := range d.chunks {
		s, e := c[0], c[1]
		vt.decode(p, in, s, e, nil, pred, margins)
		for i := s; i < e; i++ {
			p.step++
			g, g1, g2 := d.gold[i], at(d.gold, i-1, s), at(d.gold, i-2, s)
			q, q1, q2 := pred[i], at(pred, i-1, s), at(pred, i-2, s)
			if g == q && g1 == q1 && g2 == q2 {
				continue
			}
			buf = append(prevFeatures(append(buf[:0], in.static[i]...), in.views[i], g1), bigramFeature(g1, g2))
			p.update(buf, g, 1)
			buf = append(prevFeatures(append(buf[:0], in.static[i]...), in.views[i], q1), bigramFeature(q1, q2))
			p.update(buf, q, -1)
		}
	}
}

// average returns the model with every weight averaged over the steps,
// without the features updated fewer than minUpdates times or whose
// weights all round to nothing.
func (p *perceptron) average(minUpdates int) *TaggerModel {
	features := make([]featSlot, 0, len(p.w))
	steps := float64(max(p.step, 1))
	for f, a := range p.w {
		if a.updates < minUpdates {
			continue
		}
		var ws [numTags]float32
		keep := false
		for l := range ws {
			avg := (a.total[l] + float64(p.step-a.ts[l])*a.w[l]) / steps
			ws[l] = float32(avg)
			if math.Abs(avg) >= 1e-3 {
				keep = true
			}
		}
		if keep {
			features = append(features, featSlot{f, ws})
		}
	}
	return newTaggerModel(features)
}
