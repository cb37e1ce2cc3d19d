package attribution

import (
	"context"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/whosaid/whosaid/entities"
)

// This file holds the boundary ranker: a learned second opinion on where
// a reported clause that the statement tagger found starts and ends. The
// tagger decides token by token, and its runs often start or stop a few
// words off; the ranker looks at the words and part-of-speech tags around
// the nearby token boundaries of the whole clause and moves a boundary
// when it scores another one higher. It learns from the rules' clauses
// (whose boundaries come from their form: after "that", up to the
// sentence's end or the next cue clause) against the annotated ones, and
// leaves the rules' clauses alone: their boundaries are the conventions
// the case file sets out. Its weights live in the tagger's model, trained
// with it by TrainTagger on the same annotated articles; a model without
// them leaves every boundary where the tagger put it.

// boundWindow is how many tokens a boundary may move either way.
const boundWindow = 15

// boundCandidate is one place a clause could start or end: the token
// index (the first token for a start, the token after the last for an
// end), the trimmed byte offset it gives, and its features.
type boundCandidate struct {
	tok    int
	offset int
	feats  []uint32
}

// boundSide is which end of a clause a candidate moves.
type boundSide bool

const (
	boundStart boundSide = false
	boundEnd   boundSide = true
)

// rankable reports whether q is a clause the ranker can learn from or
// move: a single reported clause with its cue.
func rankable(q *Quote) bool {
	return q.Group == -1 && (q.Kind == Indirect || q.Kind == Mixed) && q.Cue != nil
}

// boundCandidates returns the places the side of q can move to, the
// current one first; nil when q's span does not fit the document.
func (st *State) boundCandidates(q *Quote, side boundSide) []boundCandidate {
	doc := st.Doc
	i0, i1 := doc.TokensIn(q.Span)
	if i1 <= i0 {
		return nil
	}
	para := st.paragraphOf(q.Start)
	ps, pe := doc.TokensIn(para)
	blocked := []entities.Span{q.Cue.Span}
	if q.Speaker != nil {
		blocked = append(blocked, q.Speaker.Span)
		if !q.Speaker.Source.Empty() {
			blocked = append(blocked, q.Speaker.Source)
		}
	}
	overlapsBlocked := func(s entities.Span) bool {
		for _, b := range blocked {
			if !b.Empty() && s.Start < b.End && b.Start < s.End {
				return true
			}
		}
		return false
	}
	out := make([]boundCandidate, 0, 2*boundWindow+2)
	slab := make([]uint32, 0, 32*(2*boundWindow+2)) // every candidate's features
	ends := make([]int, 0, 2*boundWindow+2)         // where each one's end in slab
	add := func(j int, span entities.Span, cur bool) {
		t := trimEdges(doc.Text, span)
		if t.Empty() {
			return
		}
		off := t.Start
		if side == boundEnd {
			off = t.End
		}
		for _, c := range out {
			if c.offset == off {
				return
			}
		}
		if !cur && overlapsBlocked(span) {
			return
		}
		slab = st.boundFeatures(slab, q, side, j, i0, i1)
		out = append(out, boundCandidate{tok: j, offset: off})
		ends = append(ends, len(slab))
	}
	if side == boundStart {
		add(i0, q.Span, true)
		for j := max(ps, i0-boundWindow); j <= min(i0+boundWindow, i1-1); j++ {
			if j == i0 || st.inQuote(j) && st.inQuote(j-1) && st.tok(j).Tag != "``" {
				continue // not inside a quotation
			}
			add(j, entities.Span{Start: st.tok(j).Start, End: q.End}, false)
		}
	} else {
		add(i1, q.Span, true)
		for e := max(i0+1, i1-boundWindow); e <= min(i1+boundWindow, pe); e++ {
			if e == i1 || st.inQuote(e-1) && st.inQuote(e) && st.tok(e-1).Tag != "''" {
				continue
			}
			add(e, entities.Span{Start: q.Start, End: st.tok(e - 1).End}, false)
		}
	}
	lo := 0
	for k := range out {
		out[k].feats = slab[lo:ends[k]:ends[k]]
		lo = ends[k]
	}
	return out
}

// boundFeatures appends to fs the features of moving the side of q to
// token j (for an end, the token after the last), q's tokens being
// [i0, i1).
func (st *State) boundFeatures(fs []uint32, q *Quote, side boundSide, j, i0, i1 int) []uint32 {
	word := func(k int) string {
		if k < 0 || k >= len(st.Doc.Tokens) {
			return "<none>"
		}
		return wordOf(st.tok(k))
	}
	tag := func(k int) string {
		if k < 0 || k >= len(st.Doc.Tokens) {
			return "<none>"
		}
		return st.tok(k).Tag
	}
	p := "bs"
	cur := i0
	if side == boundEnd {
		p, cur = "be", i1
	}
	add := func(name string, vals ...string) { fs = append(fs, feat(p+name, vals...)) }
	classes, _ := wordClasses() // an error stopped taggerFeatures before any ranking
	class := func(k int) string {
		if c, ok := classes[word(k)]; ok {
			return c.fine
		}
		return "-"
	}
	off := j - cur
	add(".off", offsetBucket(off))
	add(".kind", q.Kind.String(), offsetBucket(off))
	lemma := q.Cue.Lemma
	cueBefore := q.Cue.End <= q.Start
	if side == boundStart {
		// The boundary lies between tokens j-1 and j.
		add(".w", word(j))
		add(".t", tag(j))
		add(".w-1", word(j-1))
		add(".t-1", tag(j-1))
		add(".t-2", tag(j-2))
		add(".t+1", tag(j+1))
		add(".tt", tag(j-1), tag(j))
		add(".ww", word(j-1), word(j))
		add(".ttt", tag(j-2), tag(j-1), tag(j))
		if cueBefore {
			ce := st.Doc.TokenAt(q.Cue.End - 1)
			add(".cue", lemma, word(j))
			add(".dcue", bucket(j-ce-1), tag(j))
		} else {
			add(".cueafter", lemma, tag(j))
		}
		add(".sentstart", boolStr(st.sentenceStarts(j)), tag(j))
		add(".k", class(j))
		add(".k-1", class(j-1))
	} else {
		// The boundary lies between tokens j-1 and j.
		add(".w", word(j-1))
		add(".t", tag(j-1))
		add(".w+1", word(j))
		add(".t+1", tag(j))
		add(".t+2", tag(j+1))
		add(".w+2", word(j+1))
		add(".tt", tag(j-1), tag(j))
		add(".ww", word(j), word(j+1))
		add(".ttt", tag(j-1), tag(j), tag(j+1))
		if cueBefore {
			add(".cue", lemma, word(j))
		} else {
			cs := st.Doc.TokenAt(q.Cue.Start)
			add(".cueafter", lemma, bucket(cs-j))
		}
		add(".sentend", boolStr(st.sentenceStarts(j)), tag(j-1))
		add(".k", class(j-1))
		add(".k+1", class(j))
	}
	dir := "0"
	if off < 0 {
		dir = "-"
	} else if off > 0 {
		dir = "+"
	}
	if side == boundStart {
		add(".dw", dir, word(j))
		add(".dtt", dir, tag(j-1), tag(j))
	} else {
		add(".dw", dir, word(j-1))
		add(".dtt", dir, tag(j-1), tag(j))
	}
	// Whether what the candidate keeps reads as a clause, and its length.
	ks, ke := j, i1
	if side == boundEnd {
		ks, ke = i0, j
	}
	add(".clause", boolStr(st.clauseWords(ks, ke)), dir)
	add(".len", bucket(ke-ks), dir)
	if off == 0 {
		for _, f := range q.Evidence {
			if strings.HasPrefix(f.Name, "reported.") && f.Value == 1 {
				add(".form", f.Name)
			}
		}
	}
	return fs
}

// sentenceStarts reports whether token k opens a sentence (or lies past
// the last token).
func (st *State) sentenceStarts(k int) bool {
	if k <= 0 || k >= len(st.Doc.Tokens) {
		return true
	}
	return st.Doc.SentenceAt(st.tok(k).Start) != st.Doc.SentenceAt(st.tok(k-1).Start)
}

// offsetBucket names how far a candidate boundary lies from the rules'
// one, in tokens, with its direction.
func offsetBucket(off int) string {
	a := off
	if a < 0 {
		a = -a
	}
	sign := "+"
	if off < 0 {
		sign = "-"
	}
	switch {
	case a == 0:
		return "0"
	case a <= 3:
		return sign + strconv.Itoa(a)
	case a <= 6:
		return sign + "4-6"
	}
	return sign + "7+"
}

// boundScore adds up the ranker's weights of fs.
func (m *TaggerModel) boundScore(fs []uint32) float32 {
	var s float32
	for _, f := range fs {
		if w := m.table.get(f); w != nil {
			s += w[0]
		}
	}
	return s
}

// bestBound returns the index of the best-scoring candidate; the first
// (the rules' choice) wins ties.
func bestBound(cands []boundCandidate, score func([]uint32) float32) int {
	best, bs := 0, float32(0)
	for i, c := range cands {
		if s := score(c.feats); i == 0 || s > bs {
			best, bs = i, s
		}
	}
	return best
}

// rankBounds moves the boundaries of the tagger's clauses among quotes
// where m's boundary ranker prefers others; the rules' clauses keep the
// boundaries their forms give them. It returns ctx's error when ctx is
// done (checked every few clauses: each has dozens of candidates).
func (st *State) rankBounds(ctx context.Context, m *TaggerModel, quotes []Quote) error {
	for i := range quotes {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		q := &quotes[i]
		if !rankable(q) || q.Sieve != "tagger" {
			continue
		}
		starts, ends := st.boundCandidates(q, boundStart), st.boundCandidates(q, boundEnd)
		if len(starts) == 0 || len(ends) == 0 {
			continue
		}
		s, e := starts[bestBound(starts, m.boundScore)], ends[bestBound(ends, m.boundScore)]
		if s.tok == starts[0].tok && e.tok == ends[0].tok {
			continue
		}
		span := q.Span
		if s.tok != starts[0].tok {
			span.Start = st.tok(s.tok).Start
		}
		if e.tok != ends[0].tok {
			span.End = st.tok(e.tok - 1).End
		}
		if span.End <= span.Start || trimEdges(st.Doc.Text, span).Empty() {
			continue
		}
		st.moveBounds(q, span)
	}
	return nil
}

// moveBounds gives q the span span and the kind its quotations give it.
func (st *State) moveBounds(q *Quote, span entities.Span) {
	kind := Indirect
	for _, i := range st.quotedOverlapping(span) {
		if span.Contains(st.Quotes[i].Span) {
			kind = Mixed
		}
	}
	q.Span, q.Text, q.Kind = span, span.In(st.Doc.Text), kind
	q.Evidence.Flag("reported.bounds_moved")
}

// trimEdges returns span without the spaces, quotation marks and
// punctuation at its ends, the way spans are compared.
func trimEdges(text string, span entities.Span) entities.Span {
	s, e := max(span.Start, 0), min(span.End, len(text))
	if e < s {
		return entities.Span{Start: s, End: s}
	}
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isEdgeRune(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isEdgeRune(r) {
			break
		}
		e -= n
	}
	return entities.Span{Start: s, End: e}
}

// isEdgeRune reports whether r is trimmed from the ends of a span.
func isEdgeRune(r rune) bool {
	return strings.ContainsRune(" \t\r\n\u00a0\"'`.,;:!?()[]{}-\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013\u2026", r)
}

// boundExample is one clause side to learn from: its candidates and the
// index of the one the annotation gives.
type boundExample struct {
	cands []boundCandidate
	gold  int
}

// boundExamples returns what the ranker learns from an annotated article:
// for every clause of rules that overlaps an annotated content by at least
// half of the longer, each side whose annotated boundary is among its
// candidates.
func (st *State) boundExamples(rules []Quote, atts []TrainingAttribution, sieve string) []boundExample {
	var gold []entities.Span
	for _, a := range atts {
		for _, c := range a.Content {
			if t := trimEdges(st.Doc.Text, c); !t.Empty() {
				gold = append(gold, t)
			}
		}
	}
	var out []boundExample
	for i := range rules {
		q := &rules[i]
		if !rankable(q) || q.Sieve != sieve {
			continue
		}
		t := trimEdges(st.Doc.Text, q.Span)
		var g entities.Span
		best := 0.25
		for _, s := range gold {
			inter := min(s.End, t.End) - max(s.Start, t.Start)
			if r := float64(inter) / float64(max(s.End-s.Start, t.End-t.Start, 1)); inter > 0 && r >= best {
				g, best = s, r
			}
		}
		if g.Empty() {
			continue
		}
		for _, side := range []boundSide{boundStart, boundEnd} {
			want := g.Start
			if side == boundEnd {
				want = g.End
			}
			cands := st.boundCandidates(q, side)
			for k, c := range cands {
				if c.offset == want {
					out = append(out, boundExample{cands: cands, gold: k})
					break
				}
			}
		}
	}
	return out
}

// boundTrainer is the ranker's averaged perceptron being trained.
type boundTrainer struct {
	w    map[uint32]*boundAccum
	step int
}

// boundAccum is one ranker feature's weight with the running sum for
// averaging.
type boundAccum struct {
	w, total float64
	ts       int
}

func (b *boundTrainer) score(fs []uint32) float32 {
	var s float64
	for _, f := range fs {
		if a, ok := b.w[f]; ok {
			s += a.w
		}
	}
	return float32(s)
}

func (b *boundTrainer) update(fs []uint32, d float64) {
	for _, f := range fs {
		a, ok := b.w[f]
		if !ok {
			a = &boundAccum{}
			b.w[f] = a
		}
		a.total += float64(b.step-a.ts) * a.w
		a.ts = b.step
		a.w += d
	}
}

// learn ranks one example's candidates and, when the best is not the
// annotated one, moves the weights towards it.
func (b *boundTrainer) learn(x boundExample) {
	b.step++
	if p := bestBound(x.cands, b.score); p != x.gold {
		b.update(x.cands[x.gold].feats, 1)
		b.update(x.cands[p].feats, -1)
	}
}

// average returns the averaged weights that are not zero.
func (b *boundTrainer) average() map[uint32]float64 {
	out := map[uint32]float64{}
	steps := float64(max(b.step, 1))
	for f, a := range b.w {
		if avg := (a.total + float64(b.step-a.ts)*a.w) / steps; avg != 0 {
			out[f] = avg
		}
	}
	return out
}

// withBounds returns the model with the ranker's weights added, in the
// first label's place of keys the tagger does not use, scaled so that the
// largest is as large as the tagger's largest (the ranker only compares
// scores, and the saved form rounds every weight on one scale).
func (m *TaggerModel) withBounds(ws map[uint32]float64) *TaggerModel {
	features := m.table.features()
	var tagMax, rankMax float64
	have := make(map[uint32]bool, len(features))
	for _, f := range features {
		have[f.key] = true
		for _, w := range f.w {
			tagMax = max(tagMax, math.Abs(float64(w)))
		}
	}
	for _, w := range ws {
		rankMax = max(rankMax, math.Abs(w))
	}
	scale := 1.0
	if tagMax > 0 && rankMax > 0 {
		scale = tagMax / rankMax
	}
	for f, w := range ws {
		if have[f] {
			continue // a hash shared with a tagger feature: left out
		}
		features = append(features, featSlot{key: f, w: [numTags]float32{float32(w * scale)}})
	}
	return newTaggerModel(features)
}
