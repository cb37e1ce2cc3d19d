package attribution

import (
	"sort"
	"strings"

	"github.com/whosaid/whosaid/entities"
)

// DefaultSieves returns a fresh copy of the default ordered sieve list, most
// precise first:
//
//   - trailing-cue: the cue clause right after the quotation ("...," Park
//     Won-gon, professor of ..., said. / "...," said Park.)
//   - leading-cue: the cue clause right before it (Kim said: "..." / Kim
//     told reporters, "...")
//   - according-to: According to X, "..."
//   - dash: "..." — X
//   - group: another piece of the same quotation already has a speaker
//   - sentence-cue: a quotation inside a sentence whose speech verb is
//     elsewhere in the sentence (Trump said the location will be announced
//     "in the not-too-distant future")
//   - sentence-subject: no speech verb, but the quotation follows the
//     verb of a sentence whose subject opens it (Moore thanked him for
//     "stepping up ...")
//   - same-paragraph: another quotation in the same paragraph has a
//     speaker ("A," said Tribe. "B."), else the person who opens the
//     paragraph, for a quotation that opens a later sentence
//   - colon-paragraph: the previous paragraph ends with "X said:"
//   - continuation: a quote-only paragraph continues the speaker of the
//     paragraph before, or takes the person who opens it when it quotes
//     no one
func DefaultSieves() []Sieve {
	return []Sieve{trailingCue{}, leadingCue{}, accordingTo{}, dashSource{}, samePiece{}, sentenceCue{}, sentenceSubject{}, sameParagraph{}, colonParagraph{}, continuation{}, samePiece{}}
}

// quoteTokens returns the index of the opening mark's token (or of the first
// content token) and of the first token after the quotation.
func (st *State) quoteTokens(q Quote) (open, after int) {
	start := q.Start
	if !q.Open.Empty() {
		start = q.Open.Start
	}
	end := q.End
	if !q.Close.Empty() {
		end = q.Close.End
	}
	open = st.Doc.TokenAt(start)
	after = st.Doc.TokenAt(end)
	for after < len(st.Doc.Tokens) && st.Doc.Tokens[after].Start < end {
		after++
	}
	return open, after
}

// paragraphOf returns the span of the paragraph holding offset.
func (st *State) paragraphOf(offset int) entities.Span {
	if p := st.Doc.ParagraphAt(offset); p >= 0 {
		return st.Doc.Paragraphs[p]
	}
	return entities.Span{Start: offset, End: offset}
}

// passive reports whether cue token c is a past participle after a form of
// "be" (the location will be announced), which makes its subject the thing
// said, not the sayer.
func (st *State) passive(c int) bool {
	if st.tok(c).Tag != "VBN" {
		return false
	}
	for k := c - 1; k >= c-3 && k >= 0; k-- {
		switch st.lower(k) {
		case "be", "is", "was", "were", "been", "being", "are", "'s", "get", "got":
			return true
		}
		if !strings.HasPrefix(st.tok(k).Tag, "RB") {
			return false
		}
	}
	return false
}

func (st *State) decide(sieve string, c int, w cueWord, sp *Speaker, ev Evidence) (Attribution, bool) {
	if sp == nil {
		return Attribution{}, false
	}
	ev.Flag("sieve." + sieve)
	ev.Flag("speaker.type." + sp.Type.String())
	if w.Class == Belief {
		ev.Flag("cue.belief")
	}
	ev.Flag("cue." + w.Lemma)
	return Attribution{Cue: st.cueAt(c, w), Speaker: sp, Evidence: ev}, true
}

// trailingCue finds the cue clause right after the closing mark.
type trailingCue struct{}

func (trailingCue) Name() string { return "trailing-cue" }

func (trailingCue) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	if q.Close.Empty() {
		return Attribution{}, false
	}
	_, j := st.quoteTokens(q)
	para := st.paragraphOf(q.Start)
	content := strings.TrimRight(q.Text, " ")
	endsSentence := strings.HasSuffix(content, ".")
	for j < len(st.Doc.Tokens) && (st.tok(j).Text == "," || st.tok(j).Text == "\u2014" || st.tok(j).Text == "--") && st.tok(j).Start < para.End {
		endsSentence = false
		j++
	}
	if st.tok(j).Tag == "CC" && !endsSentence {
		// "..., and he reiterated": a coordinated clause of its own, not
		// the quotation's cue (21 percent said “not too likely” and 14
		// percent said ...).
		return Attribution{}, false
	}
	var ev Evidence
	limit := j + maxSourceTokens + 4
	for c := j; c < limit && c < len(st.Doc.Tokens) && st.tok(c).Start < para.End; c++ {
		if st.endsClause(c) {
			break
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) {
			continue
		}
		if c == j && st.tok(c).Tag == "VBG" && !st.opensSentence(q) {
			// “...,” promising that ...: a participle clause shares the
			// subject of the sentence the quotation sits in.
			return Attribution{}, false
		}
		var p phrase
		if c == j || (c == j+1 && cueAdverbs[st.lower(j)]) {
			ev.Flag("order.cue_speaker")
			p = st.nounPhraseAfter(c+1, st.clauseEnd(c+1, para))
		} else {
			ev.Flag("order.speaker_cue")
			p = st.subjectBefore(c, j)
			if p.From > j+1 {
				return Attribution{}, false
			}
		}
		if endsSentence {
			// "We won." Smith said. is rare; "We won." He said that ... is a
			// new sentence of reported speech. Accept only a short clause.
			if e := st.clauseEnd(c+1, para); e-c > 4 {
				return Attribution{}, false
			}
			ev.Flag("quote.ends_sentence")
		}
		ev.Add("cue.distance", float64(c-j))
		return st.decide("trailing-cue", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev)
	}
	return st.trailingClassCue(i, j, para)
}

// trailingClassCue finds a verb outside the cue list, of a speech class,
// in a short clause right after the closing mark that it ends, with its
// subject before it or after it: "...," an angry Hollande retaliated /
// "...," reacted Trump.
func (st *State) trailingClassCue(i, j int, para entities.Span) (Attribution, bool) {
	end := st.clauseEnd(j, para)
	if end-j > maxSourceTokens || end >= len(st.Doc.Tokens) || !st.endsClause(end) {
		return Attribution{}, false
	}
	for c := j; c < end; c++ {
		w, ok := classCue(st.tok(c).Text)
		if !ok {
			continue
		}
		var p phrase
		var ev Evidence
		ev.Flag("cue.class")
		switch tag := st.tok(c).Tag; {
		case c == j && (strings.HasPrefix(tag, "VB") || tag == "JJ"):
			// The tagger reads an inverted verb after a closing mark
			// as an adjective or participle as often as not.
			ev.Flag("order.cue_speaker")
			p = st.nounPhraseAfter(c+1, end)
			if p.To != end {
				return Attribution{}, false
			}
		case c == end-1 && (tag == "VBD" || tag == "VBZ" || tag == "VBN"):
			ev.Flag("order.speaker_cue")
			p = st.subjectBefore(c, j)
			if p.From != j {
				return Attribution{}, false
			}
		default:
			return Attribution{}, false
		}
		if !st.namesSomeone(p) {
			return Attribution{}, false
		}
		return st.decide("trailing-cue", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev)
	}
	return Attribution{}, false
}

// namesSomeone reports whether phrase p holds a mention of a person, an
// organization or a group, or a personal pronoun: a speaker, not a thing.
func (st *State) namesSomeone(p phrase) bool {
	for k := p.From; k < p.To; k++ {
		if st.tok(k).Tag == "PRP" {
			return true
		}
		if an := st.Analysis; an != nil {
			if m := an.MentionAt(st.tok(k).Start); m >= 0 {
				switch an.Mentions[m].Kind {
				case entities.Person, entities.Organization, entities.Group:
					return true
				}
			}
		}
	}
	return false
}

// clauseEnd returns the index of the first token at or after s that ends
// the clause, or the paragraph's end.
func (st *State) clauseEnd(s int, para entities.Span) int {
	k := s
	for k < len(st.Doc.Tokens) && st.tok(k).Start < para.End && !st.endsClause(k) && k-s < 40 {
		k++
	}
	return k
}

// leadingCue finds the cue clause right before the opening mark.
type leadingCue struct{}

func (leadingCue) Name() string { return "leading-cue" }

func (leadingCue) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	if q.Open.Empty() {
		return Attribution{}, false
	}
	o, _ := st.quoteTokens(q)
	para := st.paragraphOf(q.Start)
	k := o - 1
	if k < 0 || st.tok(k).End <= para.Start {
		return Attribution{}, false
	}
	var ev Evidence
	colon := -1
	switch st.tok(k).Text {
	case ":":
		ev.Flag("mark.colon")
		colon = k
		k--
	case ",":
		ev.Flag("mark.comma")
		k--
	case "that":
		ev.Flag("mark.that")
		k--
	}
	for c := k; c >= 0 && k-c <= 8 && st.tok(c).Start >= para.Start; c-- {
		if st.endsClause(c) {
			break
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) {
			if strings.HasPrefix(st.tok(c).Tag, "VB") && c != k {
				break
			}
			continue
		}
		lo := st.clauseStart(c, para)
		p := st.subjectBefore(c, lo)
		if st.tok(c).Tag == "VBG" && c > lo && st.isNominal(c-1) {
			// She released a statement saying, “...”: the noun before the
			// participle is the object of the main verb, whose subject
			// speaks.
			if s := st.participleSubject(c, para); !s.empty() {
				p = s
				ev.Flag("cue.participle")
			}
		}
		if p.empty() {
			return Attribution{}, false
		}
		ev.Add("cue.distance", float64(k-c))
		return st.decide("leading-cue", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev)
	}
	if colon >= 0 {
		return st.colonSubject(colon, para, i)
	}
	return Attribution{}, false
}

// colonSubject attributes a quotation introduced by a colon with no speech
// verb (Clinton: "..." / He then listed the qualities: "...") to the
// subject that opens the colon's clause.
func (st *State) colonSubject(colon int, para entities.Span, i int) (Attribution, bool) {
	lo := st.clauseStart(colon, para)
	p := st.nounPhraseAfter(lo, colon)
	if p.empty() {
		return Attribution{}, false
	}
	var ev Evidence
	ev.Flag("mark.colon")
	ev.Flag("cue.colon_subject")
	sp := st.speakerFor(p, st.Quotes[i].Start, &ev)
	if sp == nil {
		return Attribution{}, false
	}
	ev.Flag("sieve.colon")
	ev.Flag("speaker.type." + sp.Type.String())
	t := st.tok(colon)
	return Attribution{Cue: &Cue{Span: t.Span, Text: t.Text, Lemma: ":", Class: Speech}, Speaker: sp, Evidence: ev}, true
}

// clauseStart returns the index of the first token of the clause that
// holds token c: just after a sentence end, a quotation mark or the
// paragraph start.
func (st *State) clauseStart(c int, para entities.Span) int {
	k := c
	for k-1 >= 0 && st.tok(k-1).Start >= para.Start && !st.endsClause(k-1) && c-k < 40 {
		k--
	}
	return k
}

// accordingTo handles "According to X, ..." before the quotation and
// "..., according to X." after it.
type accordingTo struct{}

func (accordingTo) Name() string { return "according-to" }

func (accordingTo) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	o, after := st.quoteTokens(q)
	para := st.paragraphOf(q.Start)
	try := func(a int) (Attribution, bool) {
		if st.lower(a) != "according" || st.lower(a+1) != "to" {
			return Attribution{}, false
		}
		p := st.nounPhraseAfter(a+2, st.clauseEnd(a+2, para))
		var ev Evidence
		cue := cueWord{Lemma: "according to", Class: Speech}
		sp := st.speakerFor(p, st.Quotes[i].Start, &ev)
		if sp == nil {
			return Attribution{}, false
		}
		ev.Flag("sieve.according-to")
		ev.Flag("speaker.type." + sp.Type.String())
		span := entities.Span{Start: st.tok(a).Start, End: st.tok(a + 1).End}
		return Attribution{Cue: &Cue{Span: span, Text: span.In(st.Doc.Text), Lemma: cue.Lemma, Class: Speech}, Speaker: sp, Evidence: ev}, true
	}
	for a := o - 1; a >= 0 && o-a <= 12 && st.tok(a).Start >= para.Start && !st.endsClause(a); a-- {
		if at, ok := try(a); ok {
			return at, true
		}
	}
	j := after
	if st.tok(j).Text == "," {
		j++
	}
	return try(j)
}

// dashSource handles a source after a dash: "..." — Kim Heung-kyu.
type dashSource struct{}

func (dashSource) Name() string { return "dash" }

func (dashSource) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	_, j := st.quoteTokens(q)
	switch st.tok(j).Text {
	case "\u2014", "--", "\u2013", "-":
	default:
		return Attribution{}, false
	}
	para := st.paragraphOf(q.Start)
	if st.tok(j).Start >= para.End {
		return Attribution{}, false
	}
	p := st.nounPhraseAfter(j+1, st.clauseEnd(j+1, para))
	var ev Evidence
	sp := st.speakerFor(p, st.Quotes[i].Start, &ev)
	if sp == nil || (sp.Type != entities.Person && sp.Type != entities.Organization) {
		return Attribution{}, false
	}
	ev.Flag("sieve.dash")
	ev.Flag("speaker.type." + sp.Type.String())
	t := st.tok(j)
	return Attribution{Cue: &Cue{Span: t.Span, Text: t.Text, Lemma: "dash", Class: Speech}, Speaker: sp, Evidence: ev}, true
}

// samePiece gives a piece of a quotation the speaker of another piece.
type samePiece struct{}

func (samePiece) Name() string { return "group" }

func (samePiece) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	best := -1
	for _, k := range st.idx().groups[q.Group] {
		if k == i || st.Quotes[k].Speaker == nil {
			continue
		}
		if best < 0 || abs(k-i) < abs(best-i) {
			best = k
		}
	}
	if best < 0 {
		return Attribution{}, false
	}
	return inherit("group", st.Quotes[best], abs(best-i)), true
}

// inherit gives a quote the cue and a copy of the speaker of quote o, with
// the evidence of the sieve that decided so; distance, when not negative,
// is how many quotes apart the two are.
func inherit(sieve string, o Quote, distance int) Attribution {
	var ev Evidence
	ev.Flag("sieve." + sieve)
	if distance >= 0 {
		ev.Add("group.distance", float64(distance))
	}
	ev.Flag("speaker.type." + o.Speaker.Type.String())
	sp := *o.Speaker
	return Attribution{Cue: o.Cue, Speaker: &sp, Evidence: ev}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// maxSentenceScan bounds how many tokens sentence-cue looks at on each side
// of a quotation, so that a pathological sentence costs linear time.
const maxSentenceScan = 80

// sentenceCue finds a speech verb with a subject elsewhere in the
// quotation's sentence, outside every quotation: first before the quote,
// then after it.
type sentenceCue struct{}

func (sentenceCue) Name() string { return "sentence-cue" }

func (sentenceCue) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	para := st.paragraphOf(q.Start)
	o, after := st.quoteTokens(q)
	lo := max(st.clauseStartSentence(o, para), o-maxSentenceScan)
	for c := o - 1; c >= lo; c-- {
		if st.inQuote(c) {
			continue
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) {
			continue
		}
		p := st.subjectBefore(c, st.clauseStart(c, para))
		var ev Evidence
		if st.tok(c).Tag == "VBG" && st.tok(c-1).Text == "," {
			// A participle clause (Trump defended it, calling the man "a
			// troublemaker") shares the subject of its main clause.
			lo := st.clauseStart(c, para)
			p = st.nounPhraseAfter(lo, c)
			ev.Flag("cue.participle")
		}
		ev.Flag("order.cue_before")
		ev.Add("cue.distance", float64(o-c))
		if at, ok := st.decide("sentence-cue", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev); ok {
			return at, true
		}
	}
	hi := min(st.sentenceEndTok(after, para), after+maxSentenceScan)
	for c := after; c < hi; c++ {
		if st.inQuote(c) {
			continue
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) {
			continue
		}
		var p phrase
		if st.tok(c-1).Text == "," {
			p = st.nounPhraseAfter(c+1, st.clauseEnd(c+1, para))
		} else {
			p = st.subjectBefore(c, after)
		}
		var ev Evidence
		ev.Flag("order.cue_after")
		ev.Add("cue.distance", float64(c-after))
		if at, ok := st.decide("sentence-cue", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev); ok {
			return at, true
		}
	}
	return Attribution{}, false
}

// clauseStartSentence returns the first token of the sentence holding token
// o, within the paragraph.
func (st *State) clauseStartSentence(o int, para entities.Span) int {
	s := st.Doc.SentenceAt(st.tok(o).Start)
	if s < 0 {
		return o
	}
	i, _ := st.Doc.TokensIn(st.Doc.Sentences[s])
	if st.tok(i).Start < para.Start {
		i = st.Doc.TokenAt(para.Start)
	}
	return i
}

// sentenceEndTok returns the index just past the sentence holding token a.
func (st *State) sentenceEndTok(a int, para entities.Span) int {
	if a >= len(st.Doc.Tokens) || st.tok(a).Start >= para.End {
		return a
	}
	s := st.Doc.SentenceAt(st.tok(a).Start)
	if s < 0 {
		return a
	}
	_, j := st.Doc.TokensIn(st.Doc.Sentences[s])
	return j
}

// inQuote reports whether token c lies inside any quotation (marks
// included).
func (st *State) inQuote(c int) bool {
	if st.marked == nil {
		st.marked = mergedQuoteSpans(st.Quotes)
	}
	off := st.tok(c).Start
	k := sort.Search(len(st.marked), func(i int) bool { return st.marked[i].End > off })
	return k < len(st.marked) && st.marked[k].Start <= off
}

// mergedQuoteSpans returns the spans of the quoted kinds, marks included,
// merged where they overlap and sorted, for binary search.
func mergedQuoteSpans(quotes []Quote) []entities.Span {
	out := make([]entities.Span, 0, len(quotes))
	for _, q := range quotes {
		if !q.Kind.Quoted() {
			continue
		}
		s, e := q.Start, q.End
		if !q.Open.Empty() {
			s = q.Open.Start
		}
		if !q.Close.Empty() {
			e = q.Close.End
		}
		out = append(out, entities.Span{Start: s, End: e})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start <= merged[n-1].End {
			if sp.End > merged[n-1].End {
				merged[n-1].End = sp.End
			}
			continue
		}
		merged = append(merged, sp)
	}
	return append([]entities.Span{}, merged...)
}

// colonParagraph attributes a quotation that opens a paragraph to the
// "X said:" that ends the paragraph before.
type colonParagraph struct{}

func (colonParagraph) Name() string { return "colon-paragraph" }

func (colonParagraph) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	pi := st.Doc.ParagraphAt(q.Start)
	if pi <= 0 || q.Open.Empty() || q.Open.Start != st.Doc.Paragraphs[pi].Start {
		return Attribution{}, false
	}
	prev := st.Doc.Paragraphs[pi-1]
	_, e := st.Doc.TokensIn(prev)
	last := e - 1
	if last < 0 || st.tok(last).Text != ":" {
		return Attribution{}, false
	}
	for c := last - 1; c >= 0 && last-c <= 8 && st.tok(c).Start >= prev.Start; c-- {
		if st.endsClause(c) {
			break
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) {
			continue
		}
		p := st.subjectBefore(c, st.clauseStart(c, prev))
		var ev Evidence
		return st.decide("colon-paragraph", c, w, st.speakerFor(p, st.Quotes[i].Start, &ev), ev)
	}
	return st.colonSubject(last, prev, i)
}

// continuation gives a quote-only paragraph the speaker of the last quote
// in the paragraph before it, or, when that paragraph quotes no one, the
// person who opens it as the subject of its first clause (leadIn).
type continuation struct{}

func (continuation) Name() string { return "continuation" }

func (continuation) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	pi := st.Doc.ParagraphAt(q.Start)
	if pi <= 0 || q.Open.Empty() || q.Open.Start != st.Doc.Paragraphs[pi].Start {
		return Attribution{}, false
	}
	for k := i - 1; k >= 0; k-- {
		o := st.Quotes[k]
		pk := st.Doc.ParagraphAt(o.Start)
		if pk == pi {
			continue
		}
		if pk < pi-1 {
			break // the paragraph before quotes no one
		}
		if o.Speaker == nil {
			return Attribution{}, false
		}
		return inherit("continuation", o, -1), true
	}
	return st.leadIn(i, st.Doc.Paragraphs[pi-1], "continuation", false)
}

// maxLeadTitle is how many capitalised words of a title leadIn passes
// before the name of the person who opens a clause.
const maxLeadTitle = 3

// leadIn gives quote i, which has no cue, the person who opens paragraph
// prev as the subject of its first clause: the paragraph before a
// quote-only paragraph that quotes no one ("Viguerie is upbeat about
// Cruz's chances ... / “Not only can Ted Cruz win in November ...”"), or
// the quotation's own paragraph when the quotation follows that clause
// ("Bolton distanced himself from the movement. “I'm going to support
// him ...”"). News writing introduces a speaker so, and PolNeAR
// attributes the quotation to them. With ownSentence, prev is the
// quotation's own sentence up to its opening mark (sentenceSubject): the
// subject may also be a pronoun or an organization, and must not be cut
// off from the quotation by a where/when clause.
func (st *State) leadIn(i int, prev entities.Span, sieve string, ownSentence bool) (Attribution, bool) {
	an := st.Analysis
	if an == nil {
		return Attribution{}, false
	}
	s, e := st.Doc.TokensIn(prev)
	if s >= e {
		return Attribution{}, false
	}
	if st.inQuote(s) {
		return Attribution{}, false
	}
	// A title may stand before the name (Mayor Ann Ruiz, Sen. Reed).
	h := s
	for h < e && h < s+maxLeadTitle && st.tok(h).Tag == "NNP" && an.MentionAt(st.tok(h).Start) < 0 {
		h++
	}
	m := an.MentionAt(st.tok(h).Start)
	if m < 0 || an.Mentions[m].Start != st.tok(h).Start {
		return Attribution{}, false
	}
	switch mk := an.Mentions[m]; {
	case ownSentence:
		// Inside its own sentence a pronoun or an organization is as
		// plainly the subject as a name (He thanked him for “...”).
		if mk.Kind != entities.Person && mk.Kind != entities.Organization {
			return Attribution{}, false
		}
	case mk.Kind != entities.Person || mk.Pronoun:
		return Attribution{}, false
	}
	to := st.Doc.TokenAt(an.Mentions[m].End-1) + 1
	if to <= s || to >= e {
		return Attribution{}, false
	}
	// The mention is the subject: a finite verb follows, perhaps after
	// an adverb (Viguerie is upbeat, Bolton also warned).
	v := to
	if st.tok(v).Tag == "RB" {
		v++
	}
	switch st.tok(v).Tag {
	case "VBZ", "VBD", "VBP", "MD":
	case "VBN":
		// Right after a name, with no auxiliary, a past participle is a
		// past tense the tagger misread (Ann Ruiz compared the plan).
		if v != to {
			return Attribution{}, false
		}
	default:
		return Attribution{}, false
	}
	if isApostropheS(st.tok(v).Text) {
		return Attribution{}, false // Zuckoff's book ...
	}
	if ownSentence && st.adverbialClauseBetween(v+1, e) {
		// The quotation belongs to a clause of its own (where
		// protesters had gathered, chanting “...”).
		return Attribution{}, false
	}
	var ev Evidence
	sp := st.speakerFor(phrase{s, to}, st.Quotes[i].Start, &ev)
	if sp == nil {
		return Attribution{}, false
	}
	ev.Flag("sieve." + sieve)
	if !ownSentence {
		ev.Flag("continuation.lead_in")
	}
	ev.Flag("speaker.type." + sp.Type.String())
	return Attribution{Speaker: sp, Evidence: ev}, true
}

// sameParagraph gives a quotation the speaker of the nearest other
// quotation in its paragraph: the one before it, else the one after ("A,"
// said Tribe. "B." — PolNeAR and most readers take B as Tribe's too); with
// none, a quotation that opens a later sentence takes the person who opens
// the paragraph (leadIn).
type sameParagraph struct{}

// sameParagraphReach is how many quotes away sameParagraph looks.
const sameParagraphReach = 8

func (sameParagraph) Name() string { return "same-paragraph" }

func (sameParagraph) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	pi := st.Doc.ParagraphAt(q.Start)
	pick := func(k int) (Attribution, bool) {
		o := st.Quotes[k]
		if o.Speaker == nil || !o.Kind.Quoted() || o.Kind == Term {
			return Attribution{}, false
		}
		return inherit("same-paragraph", o, abs(k-i)), true
	}
	// Look at most sameParagraphReach quotes each way, so a paragraph of
	// thousands of unattributed quotations stays linear.
	for k := i - 1; k >= 0 && k >= i-sameParagraphReach && st.Doc.ParagraphAt(st.Quotes[k].Start) == pi; k-- {
		if a, ok := pick(k); ok {
			return a, true
		}
	}
	for k := i + 1; k < len(st.Quotes) && k <= i+sameParagraphReach && st.Doc.ParagraphAt(st.Quotes[k].Start) == pi; k++ {
		if a, ok := pick(k); ok {
			return a, true
		}
	}
	// A quotation that opens a later sentence of a paragraph whose first
	// clause has a person as its subject.
	if !q.Open.Empty() && pi >= 0 {
		o := st.Doc.TokenAt(q.Open.Start)
		if o > 0 && st.tok(o-1).Start >= st.Doc.Paragraphs[pi].Start && st.endsClause(o-1) && !isQuoteTag(st.tok(o-1).Tag) {
			return st.leadIn(i, st.Doc.Paragraphs[pi], "same-paragraph", false)
		}
	}
	return Attribution{}, false
}

// sentenceSubject gives a quotation inside a sentence, after its verb, the
// subject that opens the sentence, when no speech verb was found: Moore
// thanked him for “stepping up ...”, Babar pondered who might “testify for
// our innocence ...”. The sentence's subject chose the words the writer
// quotes; PolNeAR attributes them so.
type sentenceSubject struct{}

func (sentenceSubject) Name() string { return "sentence-subject" }

func (sentenceSubject) Attribute(st *State, i int) (Attribution, bool) {
	q := st.Quotes[i]
	if q.Open.Empty() {
		return Attribution{}, false
	}
	para := st.paragraphOf(q.Start)
	o := st.Doc.TokenAt(q.Open.Start)
	s := st.clauseStartSentence(o, para)
	if o <= s+1 {
		return Attribution{}, false
	}
	sent := entities.Span{Start: st.tok(s).Start, End: q.Open.Start}
	if at, ok := st.leadIn(i, sent, "sentence-subject", true); ok {
		return at, true
	}
	// A fronted phrase set off by a comma (Speaking to MSNBC on Monday,
	// Bush referred to Rubio as “...”; In a statement, the group called
	// it “...”): the subject opens the clause after the comma.
	switch st.tok(s).Tag {
	case "VBG", "VBN", "IN", "RB":
	default:
		return Attribution{}, false
	}
	for k := s + 1; k < o-2; k++ {
		if st.inQuote(k) || st.endsClause(k) {
			break
		}
		if st.tok(k).Text == "," {
			return st.leadIn(i, entities.Span{Start: st.tok(k + 1).Start, End: q.Open.Start}, "sentence-subject", true)
		}
	}
	return Attribution{}, false
}

// adverbialClauseBetween reports whether tokens [a, b) open an adverbial
// clause with a subject of its own (where protesters had gathered, when
// the crowd ...).
func (st *State) adverbialClauseBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if st.tok(k).Tag == "WRB" {
			return true
		}
	}
	return false
}

// opensSentence reports whether quotation q opens its sentence: nothing of
// the sentence stands before its opening mark.
func (st *State) opensSentence(q Quote) bool {
	if q.Open.Empty() {
		return false
	}
	o := st.Doc.TokenAt(q.Open.Start)
	para := st.paragraphOf(q.Start)
	return o <= st.clauseStartSentence(o, para)
}

// isApostropheS reports whether a token is the possessive ending 's, which
// the part-of-speech tagger sometimes reads as a contracted "is". A bare
// apostrophe after a plural (Sanders’ email notes) is left alone: PolNeAR
// gives such a sentence to the owner.
func isApostropheS(w string) bool { return w == "'s" || w == "\u2019s" }
