package attribution

import (
	"context"
	"sort"
	"strings"

	"github.com/whosaid/whosaid/entities"
)

// This file finds reported speech: statements attributed without
// quotation marks (kind Indirect), or with a quoted part inside (kind
// Mixed). The patterns, in the order they are tried at each cue verb:
//
//	SUBJECT CUE [OBJECT] [ADVERBIAL] [that] CLAUSE.   Analysts said that ...
//	CLAUSE, SUBJECT CUE [ADVERBIAL].                  Kim has ..., analysts said.
//	CLAUSE, CUE SUBJECT.                              ..., said Park.
//	... which SUBJECT CUE CLAUSE                      which analysts said was ...
//	According to SUBJECT, CLAUSE. / CLAUSE, according to SUBJECT.

// findReported returns the reported-speech quotes in st's document, or
// ctx's error when ctx is done. Quoted
// statements already in st.Quotes are not reported again: a reported
// clause that is wholly a quotation is skipped, and one that holds a
// quotation becomes Mixed.
func findReported(ctx context.Context, st *State) ([]Quote, error) {
	var out []Quote
	toks := st.Doc.Tokens
	for c := 0; c < len(toks); c++ {
		if c%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if st.inQuote(c) {
			continue
		}
		if st.lower(c) == "according" && st.lower(c+1) == "to" {
			if q, ok := st.accordingToReported(c); ok {
				out = append(out, q)
			}
			continue
		}
		if w, ok := lookupCueNoun(st.tok(c).Text); ok && strings.HasPrefix(st.tok(c).Tag, "NN") {
			if q, ok := st.reportedNoun(c, w); ok {
				out = append(out, q)
			}
			continue
		}
		if st.lower(c) == "asked" {
			if q, ok := st.reportedQuestion(c); ok {
				out = append(out, q)
				continue
			}
		}
		w, ok := st.isCue(c)
		if !ok || st.passive(c) || narrativeCues[w.Lemma] {
			continue
		}
		para := st.paragraphOf(st.tok(c).Start)
		if st.yesNoQuestion(c, para) {
			continue
		}
		if st.tok(c).Tag == "VBG" && st.afterComma(c) {
			if q, ok := st.reportedParticiple(c, w, para); ok {
				out = append(out, q)
			}
			continue
		}
		if q, ok := st.reportedAfterCue(c, w, para); ok {
			out = append(out, q)
			continue
		}
		if q, ok := st.reportedBeforeCue(c, w, para); ok {
			out = append(out, q)
			continue
		}
		out = append(out, st.reportedParenthetical(c, w, para)...)
	}
	out = append(out, st.findAppearances()...)
	out = append(out, st.findSpeakerLines()...)
	return dropReportsOfReports(out), ctx.Err()
}

// dropReportsOfReports removes a clause reported before its cue ("CLAUSE,
// it added") when the clause holds a report of its own ("Kim said that
// ..., it added"): the inner report names who said it, and the outer one
// only repeats the channel.
func dropReportsOfReports(qs []Quote) []Quote {
	var cues []int // the start of every cue, sorted
	for _, q := range qs {
		if q.Cue != nil {
			cues = append(cues, q.Cue.Start)
		}
	}
	sort.Ints(cues)
	out := qs[:0]
	for _, q := range qs {
		if q.Evidence.has("reported.speaker_cue") || q.Evidence.has("reported.cue_speaker") {
			// Such a clause's own cue follows it, so any cue inside it
			// belongs to another report.
			k := sort.SearchInts(cues, q.Start)
			if k < len(cues) && cues[k] < q.End {
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// clauseWords reports whether tokens [s, e) read as a clause: a finite
// verb or a modal comes within the first 24 tokens (not counting a
// parenthetical set off by dashes or brackets), before any
// non-restrictive relative pronoun ("anything to pull them away from Sanders, who held" is no
// clause of its own).
func (st *State) clauseWords(s, e int) bool {
	if e-s < 3 {
		return false
	}
	skipped := 0 // tokens of parentheticals, which do not count
	for k := s; k < e && k-s-skipped < 24; k++ {
		if c := parentheticalCloser(st.tok(k).Text); c != "" {
			// "X's backing -- or its oblique pressure -- and Y's desire
			// will ...": a parenthetical set off by dashes or brackets.
			for j := k + 1; j < e && j-k < 25; j++ {
				if st.tok(j).Text == c {
					skipped += j - k + 1
					k = j
					break
				}
			}
			continue
		}
		switch st.tok(k).Tag {
		case "MD", "VBD", "VBZ", "VBP":
			return true
		case "WP", "WDT":
			if st.tok(k-1).Text == "," {
				// "the company, which was founded in 1990, would move":
				// a relative clause closed by a comma is passed over; one
				// that runs on means the phrase before it has no verb.
				j := k + 1
				for j < e && j-k < 20 && st.tok(j).Text != "," {
					j++
				}
				if j >= e || st.tok(j).Text != "," {
					return false
				}
				k = j
			}
		}
	}
	return false
}

// parentheticalCloser returns the mark that closes a parenthetical opened by w
// (a dash or a bracket), or "".
func parentheticalCloser(w string) string {
	switch w {
	case "--", "\u2014", "\u2013":
		return w
	case "(":
		return ")"
	}
	return ""
}

// canStartClause reports whether token k can be the first word of a
// reported clause after its cue.
func (st *State) canStartClause(k int) bool {
	t := st.tok(k)
	switch t.Tag {
	case "DT", "PRP", "PRP$", "NNP", "NNPS", "NN", "NNS", "EX", "CD", "JJ", "``", "IN", "RB", "WRB", "JJS", "JJR", "PDT", "VBG":
		if t.Tag == "IN" {
			w := strings.ToLower(t.Text)
			return w == "if" || w == "whether" || w == "because" || w == "while" || w == "although" || w == "after" || w == "before" || w == "since" || w == "unless" || w == "as"
		}
		return true
	}
	return false
}

// reportedAfterCue handles SUBJECT CUE [OBJECT] [ADVERBIAL] [that] CLAUSE.
func (st *State) reportedAfterCue(c int, w cueWord, para entities.Span) (Quote, bool) {
	lo := st.subjectStart(c, para)
	var subj phrase
	if st.tok(c-1).Text == "," {
		subj = st.appositiveSubject(c, para)
	}
	if subj.empty() {
		subj = st.subjectBefore(c, lo)
	}
	if subj.empty() {
		subj = st.coordinatedSubject(c, para)
	}
	if subj.empty() && w.Class == Speech && !w.Object {
		subj = st.catenativeSubject(c, para)
	}
	who := -1 // a relative pronoun subject (Cruz, who says ...)
	if subj.empty() {
		subj, who = st.relativeSubject(c, para)
	}
	if subj.empty() {
		return Quote{}, false
	}
	if who >= 0 {
		q, ok := st.reportedAfterCueWith(c, w, para, subj)
		if ok && q.Speaker != nil {
			// The mention next to the cue is the pronoun; the name is its
			// antecedent's.
			q.Speaker.Span = st.tok(who).Span
		}
		if ok && st.tok(who-1).Text == "," {
			// "Ferri, who says the reform came too late, has left the
			// party": the relative clause ends where the main verb comes.
			i, j := st.Doc.TokensIn(q.Span)
			for k := i + 1; k+1 < j; k++ {
				if t := st.tok(k + 1).Tag; st.tok(k).Text == "," && !st.inQuote(k) && (t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD") {
					q.Span.End = st.tok(k - 1).End
					q.Text = q.Span.In(st.Doc.Text)
					if q.Kind == Mixed && len(st.quotedOverlapping(q.Span)) == 0 {
						q.Kind = Indirect
					}
					break
				}
			}
		}
		return q, ok
	}
	return st.reportedAfterCueWith(c, w, para, subj)
}

// reportedAfterCueWith is reportedAfterCue once the subject is known.
func (st *State) reportedAfterCueWith(c int, w cueWord, para entities.Span, subj phrase) (Quote, bool) {
	k := c + 1
	var ev Evidence
	// A particle (pointed out), an object (told reporters, told CNN), and
	// adverbials (on Tuesday, in a statement, last week) before the clause.
	if st.tok(k).Tag == "RP" {
		k++
	}
	if w.Lemma == "tell" || w.Lemma == "assure" || w.Lemma == "inform" || w.Lemma == "remind" || w.Lemma == "warn" || w.Lemma == "advise" {
		if st.lower(k) != "that" {
			// The hearer: "told reporters", "told the budget committee";
			// a second determiner or a pronoun after a noun opens the
			// clause (told the committee the program had ...).
			for n := 0; n < 6 && (st.isNominal(k) || st.tok(k).Tag == "PRP"); n++ {
				if n > 0 && strings.HasPrefix(st.tok(k-1).Tag, "NN") && (st.tok(k).Tag == "DT" || st.tok(k).Tag == "PRP") {
					break
				}
				k++
			}
		}
	}
	k = st.skipAdverbials(k, para)
	if st.tok(k).Text == "," {
		// "said, among other things, that ...": an adverbial set off by
		// commas between the cue and its complementizer.
		for j := k + 1; j < k+8 && j+1 < len(st.Doc.Tokens) && st.tok(j).Start < para.End; j++ {
			if st.tok(j).Text == "," && st.lower(j+1) == "that" && !st.inQuote(j) {
				k = j + 1
				break
			}
			if st.endsClause(j) || st.inQuote(j) {
				break
			}
		}
	}
	that := -1 // the complementizer, which PolNeAR counts as content
	if st.lower(k) == "that" {
		ev.Flag("reported.that")
		that = k
		k++
		if st.tok(k).Text == "," {
			// "said that, despite the drought, the harvest would ...": the
			// adverbial set off by commas belongs to the clause.
			k++
			if e := st.cutAtDirect(k, st.reportedEnd(k, para)); st.clauseWords(k, e) {
				ev.Flag("reported.cue_first")
				return st.reportedQuote(that, e, c, w, subj, ev)
			}
			return Quote{}, false
		}
	} else if st.tok(k).Text == ":" {
		return Quote{}, false
	} else if st.tok(k).Text == "," {
		// "Rubio says, the race is not over": a comma after the cue may
		// open the clause when a subject follows (not a quotation, not
		// "before adding ...").
		switch st.tok(k + 1).Tag {
		case "DT", "PRP", "PRP$", "NNP", "NNPS", "NN", "NNS", "EX", "CD":
		default:
			return Quote{}, false
		}
		ev.Flag("reported.comma")
		k++
	}
	// In a relative clause (which analysts said was aimed at ...) the
	// reported clause's subject is the relative pronoun, so it opens with
	// its verb.
	relative := subj.From > 0 && (st.tok(subj.From-1).Tag == "WDT" || st.tok(subj.From-1).Tag == "WP")
	if k >= len(st.Doc.Tokens) || st.tok(k).Start >= para.End {
		return Quote{}, false
	}
	if relative && (strings.HasPrefix(st.tok(k).Tag, "VB") || st.tok(k).Tag == "MD") {
		ev.Flag("reported.relative")
		e := st.reportedEnd(k, para)
		return st.reportedQuote(k, e, c, w, subj, ev)
	}
	if that < 0 && st.lower(k) == "to" && infinitiveCues[w.Lemma] {
		// "Park declined to comment", "the party vowed to fight on":
		// the intention or refusal is the infinitive.
		e := st.cutAtDirect(k, st.reportedEnd(k, para))
		e = st.frontedEnd(c, k, e, para)
		if e-k >= 2 {
			ev.Flag("reported.infinitive")
			return st.reportedQuote(k, e, c, w, subj, ev)
		}
		return Quote{}, false
	}
	if that < 0 && !st.canStartClause(k) || w.Object && that < 0 {
		// A verb of stance without "that" takes an object, not a clause.
		return st.reportedObject(c, w, subj, para, ev)
	}
	if st.tok(k).Tag == "``" && !st.tailAfterQuote(k) {
		// SUBJECT said "...": a quotation, found by the sieves. After
		// "that" the quotation is the wording of a reported clause
		// (SUBJECT said that "..."): the clause is a mixed quote, and the
		// quotation stays a partial quote of its own.
		if e := st.quoteEndTok(k); that >= 0 && e > k+1 {
			ev.Flag("reported.that_quotation")
			return st.reportedQuote(that, e, c, w, subj, ev)
		}
		return Quote{}, false
	}
	e := st.cutAtDirect(k, st.reportedEnd(k, para))
	if !st.clauseWords(k, e) {
		return st.reportedObject(c, w, subj, para, ev)
	}
	e = st.frontedEnd(c, k, e, para)
	e = st.trailingRelative(k, e, false)
	ev.Flag("reported.cue_first")
	return st.reportedQuote(orThat(that, k), e, c, w, subj, ev)
}

// tailAfterQuote reports whether the clause that opens with a quotation
// mark at token k goes on after the quotation ends (a mixed quote), rather
// than being a whole quotation.
func (st *State) tailAfterQuote(k int) bool {
	off := st.tok(k).Start
	for _, i := range st.idx().byOpen[off] {
		q := st.Quotes[i]
		if !q.Close.Empty() {
			j := st.Doc.TokenAt(q.Close.End)
			t := st.tok(j)
			return t.Text != "" && t.Text != "." && t.Text != "," && !isQuoteTag(t.Tag) && t.Start < st.paragraphOf(off).End
		}
	}
	return false
}

// quoteEndTok returns the token after the closing mark of the quotation
// that opens at token k, or -1 when none opens there or it is not closed
// within its paragraph.
func (st *State) quoteEndTok(k int) int {
	off := st.tok(k).Start
	for _, i := range st.idx().byOpen[off] {
		q := st.Quotes[i]
		if q.Close.Empty() || q.Close.End > st.paragraphOf(off).End {
			return -1
		}
		return st.Doc.TokenAt(q.Close.End-1) + 1
	}
	return -1
}

// skipAdverbials skips time and manner adverbials between a cue and its
// clause: on Tuesday, in a statement, last week, in an interview with X,
// publicly, repeatedly.
func (st *State) skipAdverbials(k int, para entities.Span) int {
	for n := 0; n < 4 && k < len(st.Doc.Tokens) && st.tok(k).Start < para.End; n++ {
		t := st.tok(k)
		switch {
		case t.Tag == "RB" && strings.ToLower(t.Text) != "not":
			k++
		case strings.ToLower(t.Text) == "last" || strings.ToLower(t.Text) == "this" || strings.ToLower(t.Text) == "earlier" || strings.ToLower(t.Text) == "late":
			if st.isTimeWord(k + 1) {
				k += 2
			} else {
				return k
			}
		case st.isTimeWord(k):
			k++
		case t.Tag == "IN" && (strings.ToLower(t.Text) == "in" || strings.ToLower(t.Text) == "on" || strings.ToLower(t.Text) == "during" || strings.ToLower(t.Text) == "at"):
			j := k + 1
			for j < len(st.Doc.Tokens) && j-k < 8 && st.isNominal(j) {
				j++
				if isJoiner(st.lower(j)) && st.isNominal(j+1) && st.lower(j) != "and" {
					j++
				}
			}
			if j == k+1 {
				return k
			}
			// The adverbial must be followed by the clause or "that", and
			// a comma-set adverbial is fine too.
			if st.tok(j).Text == "," {
				j++
			}
			k = j
		default:
			return k
		}
	}
	return k
}

// isTimeWord reports whether token k is a time noun (entities.IsTimeNoun)
// or an adverb of past time (recently, previously).
func (st *State) isTimeWord(k int) bool {
	switch w := st.lower(k); w {
	case "recently", "previously":
		return true
	default:
		return entities.IsTimeNoun(w)
	}
}

// maxReported is the most tokens a reported clause may run before its end.
// Real clauses end long before; the bound keeps a paragraph of thousands of
// cues and no stops linear.
const maxReported = 400

// reportedEnd returns the token index where the reported clause starting
// at k ends: the sentence end, a semicolon, or a comma that introduces a
// trailing cue clause (", he said" / ", adding"). It returns k when no end
// comes within maxReported tokens.
func (st *State) reportedEnd(k int, para entities.Span) int {
	end := para.End
	if si := st.Doc.SentenceAt(st.tok(k).Start); si >= 0 && st.Doc.Sentences[si].End < end {
		// A sentence that ends in an abbreviation (2 a.m., the U.S.) has
		// no full stop token of its own.
		end = st.Doc.Sentences[si].End
	}
	j := k
	for ; j < len(st.Doc.Tokens) && st.tok(j).Start < para.End; j++ {
		if st.tok(j).Start >= end && !st.inQuote(j) {
			break // the sentence ended; a quotation running on carries it
		}
		if j-k >= maxReported {
			return k // no clause end in reach: not a reported clause
		}
		t := st.tok(j)
		if t.Tag == "''" && st.tok(j-1).Text == "," && j > k && (st.cueClauseAt(j+1, para) || st.participleCueAt(j+1)) {
			// ... "welcomed by the world," it added: the comma inside the
			// closing mark ends the clause; so it does before a participle
			// cue (... "not going anywhere," adding that ...).
			return j + 1
		}
		if isQuoteTag(t.Tag) || st.inQuote(j) {
			continue
		}
		if t.Tag == "CC" && j > k && st.coordinatedCueAt(j+1, para) {
			// "reiterated those feelings and stressed the need to ...": a
			// second cue sharing the subject starts a statement of its own.
			return j
		}
		switch t.Text {
		case ".", "!", "?", ";":
			return j
		case ",":
			if st.cueClauseAt(j+1, para) {
				return j
			}
			// ", adding that ...": a participle cue starts a report of
			// its own.
			if st.participleCueAt(j+1) && j > k {
				return j
			}
			// ", but he said ...": a new attribution joins on.
			if st.tok(j+1).Tag == "CC" && (st.cueClauseAt(j+2, para) || st.subjectCueAt(j+2, para)) {
				return j
			}
			// ", but went on to say ...": a verb phrase joined to the
			// reporting clause, sharing its subject.
			if st.tok(j+1).Tag == "CC" && st.lower(j+1) != "that" {
				switch st.tok(j + 2).Tag {
				case "VBD", "VBZ", "VBP", "VBG", "VBN":
					return j
				}
			}
		}
	}
	return j
}

// coordinatedCueAt reports whether a finite speech cue, perhaps after an
// adverb, starts at token k of paragraph para just after a conjunction and
// reads as the verb of a second statement by the same subject ("and
// stressed the need ...", "but later insisted that ...").
func (st *State) coordinatedCueAt(k int, para entities.Span) bool {
	if st.tok(k).Tag == "RB" {
		k++
	}
	switch st.tok(k).Tag {
	case "VBD", "VBZ", "VBP":
	default:
		return false
	}
	w, ok := st.isCue(k)
	if !ok || w.Class != Speech {
		return false
	}
	// The second verb must read as a report: a clause after "that" or
	// without it ("and said she had been pushed"), a quotation, or the
	// object of a verb of stance ("stressed the need"); "and added three
	// routes" is the clause's own verb.
	if w.Object || st.lower(k+1) == "that" || st.tok(k+1).Tag == "``" {
		return true
	}
	return st.canStartClause(k+1) && st.clauseWords(k+1, st.clauseEnd(k+1, para))
}

// participleCueAt reports whether token k is a speech cue in its present
// participle (adding, saying), which opens a report of its own.
func (st *State) participleCueAt(k int) bool {
	w, ok := st.isCue(k)
	return ok && w.Class == Speech && st.tok(k).Tag == "VBG"
}

// subjectCueAt reports whether a new attribution opens at token k: a short
// subject and a finite speech verb (", and analysts said the cut could
// come in June").
func (st *State) subjectCueAt(k int, para entities.Span) bool {
	for j := k; j < k+5 && j < len(st.Doc.Tokens) && st.tok(j).Start < para.End; j++ {
		if w, ok := st.isCue(j); ok {
			t := st.tok(j).Tag
			return j > k && w.Class == Speech && (t == "VBD" || t == "VBZ" || t == "VBP") && !st.passive(j)
		}
		if !st.isNominal(j) && st.tok(j).Tag != "PRP" {
			return false
		}
	}
	return false
}

// cueClauseAt reports whether a trailing cue clause starts at token k:
// "he said", "said Park", "the ministry added", "according to".
func (st *State) cueClauseAt(k int, para entities.Span) bool {
	if _, ok := st.isCue(k); ok {
		// An inverted cue (", said Park.") ends the clause; a participle
		// (", saying ...", ", showing ...") continues the sentence.
		return st.tok(k).Tag != "VBG" && st.clauseEnd(k+1, para)-k <= 8
	}
	if st.lower(k) == "according" && st.lower(k+1) == "to" {
		return true
	}
	for j := k; j < k+6 && j < len(st.Doc.Tokens) && st.tok(j).Start < para.End; j++ {
		if _, ok := st.isCue(j); ok {
			e := st.clauseEnd(j+1, para)
			return e-j <= 6 && !st.passive(j)
		}
		if !st.isNominal(j) {
			return false
		}
	}
	return false
}

// reportedBeforeCue handles CLAUSE, SUBJECT CUE. and CLAUSE, CUE SUBJECT.,
// with the clause from the sentence start to the comma.
func (st *State) reportedBeforeCue(c int, w cueWord, para entities.Span) (Quote, bool) {
	var subj phrase
	var comma int
	var ev Evidence
	switch {
	case st.tok(c-1).Text == ",":
		if t := st.tok(c).Tag; t != "VBD" && t != "VBZ" && t != "VBP" {
			return Quote{}, false
		}
		// "NAME, APPOSITIVE, told Yonhap": a verb that takes a hearer as
		// its object is never inverted, so the comma closes an appositive.
		if w.Lemma == "tell" || w.Lemma == "inform" || w.Lemma == "assure" || w.Lemma == "advise" {
			return Quote{}, false
		}
		comma = c - 1
		subj = st.nounPhraseAfter(c+1, st.clauseEnd(c+1, para))
		ev.Flag("reported.cue_speaker")
	default:
		subj = st.subjectBefore(c, st.clauseStartRel(c, para))
		if subj.empty() {
			return Quote{}, false
		}
		comma = subj.From - 1
		if st.tok(comma).Tag == "''" && st.tok(comma-1).Text == "," {
			// CLAUSE ending in a quoted part, "..., X said: the comma
			// stands inside the closing mark.
			comma--
		}
		if st.tok(comma).Text != "," {
			return Quote{}, false
		}
		ev.Flag("reported.speaker_cue")
	}
	if subj.empty() {
		return Quote{}, false
	}
	// The cue clause must end the sentence, give or take an adverbial or a
	// participle set off by a comma (..., KCNA reported, offering ...).
	e := st.clauseEnd(c+1, para)
	if st.tok(c+1).Text == "," && (st.tok(c+2).Tag == "VBG" || ev.has("reported.speaker_cue")) {
		// ", he said, because ...": a cue set off in the middle of the
		// sentence ends with its comma.
		e = c + 1
	}
	if ev.has("reported.cue_speaker") && subj.To >= e {
		e = c + 1 // ..., said Lena Vogt, an analyst at Kestrel Research.
	}
	if e-c > 8 {
		return Quote{}, false
	}
	end := comma // the content's end
	if st.tok(comma+1).Tag == "''" && st.tok(comma-1).Tag != "''" {
		// The comma closes a quoted part inside the clause (backed the
		// talks "holding summits and achieving results," Xinhua reported):
		// the content keeps the closing mark; a clause that is wholly the
		// quotation is left to the sieves below.
		end = comma + 2
	} else if st.tok(comma-1).Tag == "''" || st.inQuote(comma) || isQuoteTag(st.tok(comma+1).Tag) {
		// "...," he said: a quotation, found by the sieves.
		return Quote{}, false
	}
	s := st.sentenceStartTok(comma, para)
	if st.lower(s) == "according" || st.tok(s).Tag == "``" && st.wholeQuote(s, end) {
		return Quote{}, false
	}
	s = st.skipIntro(s, comma)
	if !st.clauseWords(s, comma) {
		return Quote{}, false
	}
	return st.reportedQuote(s, end, c, w, subj, ev)
}

// introPrepositions open a sentence-initial adverbial phrase that is the
// reporter's framing, not part of what is reported: "During the trip, Kim
// invited Xi, KCNA reported."
var introPrepositions = map[string]bool{
	"during": true, "in": true, "at": true, "on": true, "after": true, "with": true,
	"despite": true, "for": true, "under": true, "without": true, "amid": true,
	"following": true, "throughout": true, "since": true, "before": true,
}

// skipIntro returns the first token after a sentence-initial prepositional
// phrase and its comma when a clause follows it; s otherwise.
func (st *State) skipIntro(s, e int) int {
	asked := st.lower(s) == "asked" // "Asked about the plan, Park said ..."
	if !asked && (st.tok(s).Tag != "IN" || !introPrepositions[st.lower(s)]) {
		return s
	}
	for k := s + 1; k < e && k-s <= 20; k++ {
		if st.inQuote(k) {
			return s
		}
		switch st.tok(k).Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return s // a clause inside the intro: not a plain phrase
		}
		if st.tok(k).Text == "," {
			if st.clauseWords(k+1, e) {
				return k + 1
			}
			return s
		}
	}
	return s
}

// cutAtDirect ends the content [k, e) before a direct quotation that opens
// after its first word: "welcomed the vote at 2 a.m. "It wasn't pretty,"
// he said" reports the vote, and the quotation is a statement of its own.
func (st *State) cutAtDirect(k, e int) int {
	for j := k + 1; j < e; j++ {
		if st.tok(j).Tag == "``" && st.opensDirect(j) {
			return j
		}
	}
	return e
}

// opensDirect reports whether token k opens a direct quotation.
func (st *State) opensDirect(k int) bool {
	for _, i := range st.idx().byOpen[st.tok(k).Start] {
		if st.Quotes[i].Kind == Direct {
			return true
		}
	}
	return false
}

// wholeQuote reports whether tokens [s, e) are one quotation.
func (st *State) wholeQuote(s, e int) bool {
	off := st.tok(s).Start
	for _, i := range st.idx().byOpen[off] {
		q := st.Quotes[i]
		if q.Kind.Quoted() {
			return q.Close.Empty() || st.Doc.TokenAt(q.Close.End) >= e-1
		}
	}
	return false
}

// sentenceStartTok returns the first token of the sentence that holds
// token k, after any closing mark that ends the previous one, looking back
// at most maxReported tokens (a text without full stops stays linear).
func (st *State) sentenceStartTok(k int, para entities.Span) int {
	s := k
	for s-1 >= 0 && st.tok(s-1).Start >= para.Start && k-s < maxReported {
		t := st.tok(s - 1)
		if t.Text == "." || t.Text == "!" || t.Text == "?" || t.Text == ";" {
			break
		}
		s--
	}
	for s < k && (st.tok(s).Tag == "''" || st.tok(s).Text == ")") {
		s++
	}
	return s
}

// subjectStart returns the first token the subject of cue c may take:
// the clause start, or past commas when the cue follows one, since then the
// subject carries an appositive or relative clause set off by commas
// (McCain, who has tangled with Cruz, said ...).
func (st *State) subjectStart(c int, para entities.Span) int {
	if st.tok(c-1).Text == "," {
		return st.clauseStart(c, para)
	}
	return st.clauseStartRel(c, para)
}

// clauseStartRel is clauseStart that also stops after a relative pronoun,
// so that "which analysts said was ..." takes "analysts" as the subject;
// but not after one whose clause has a verb of its own before the cue
// ("analysts who spoke to Reuters said"): that clause is part of the
// subject.
func (st *State) clauseStartRel(c int, para entities.Span) int {
	k := c
	for k-1 >= 0 && st.tok(k-1).Start >= para.Start && c-k < 40 {
		t := st.tok(k - 1)
		if st.endsClause(k-1) || t.Text == ":" {
			break
		}
		if (t.Tag == "WDT" || t.Tag == "WP") && !st.verbBetween(k, c) {
			break
		}
		k--
	}
	return k
}

// verbBetween reports whether a verb or modal outside quotations lies
// among tokens [s, e).
func (st *State) verbBetween(s, e int) bool {
	for k := s; k < e; k++ {
		if t := st.tok(k).Tag; (strings.HasPrefix(t, "VB") || t == "MD") && !st.inQuote(k) {
			return true
		}
	}
	return false
}

// reportedQuote builds the Indirect or Mixed quote for content tokens
// [s, e) with cue token c and subject phrase subj.
func (st *State) reportedQuote(s, e, c int, w cueWord, subj phrase, ev Evidence) (Quote, bool) {
	for e > s && (st.isPunct(e-1) && st.tok(e-1).Tag != "''") {
		e--
	}
	if e <= s {
		return Quote{}, false
	}
	s = st.skipDateline(s, e)
	span := entities.Span{Start: st.tok(s).Start, End: st.tok(e - 1).End}
	if last := st.tok(e - 1).Text; len(last) > 2 && strings.HasSuffix(last, ".") && !strings.Contains(last[:len(last)-1], ".") && e-1 > s {
		// The tokenizer kept a sentence's full stop on its last word
		// ("in May."): the stop is not content.
		span.End--
	}
	kind := Indirect
	inner := trimEdges(st.Doc.Text, span) // without the marks and punctuation at its ends
	for _, i := range st.quotedOverlapping(span) {
		q := st.Quotes[i]
		if !span.Contains(q.Span) {
			if q.Span.Contains(inner) {
				// Inside a quotation ("... We have to get the job
				// done," Trump said): the quotation is the statement.
				return Quote{}, false
			}
			continue
		}
		kind = Mixed
	}
	sp := st.speakerFor(subj, st.tok(subj.From).Start, &ev)
	if sp == nil {
		return Quote{}, false
	}
	ev.Flag("sieve.reported")
	ev.Flag("speaker.type." + sp.Type.String())
	ev.Flag("cue." + w.Lemma)
	ev.Add("reported.words", float64(e-s))
	var cue *Cue
	if w.Lemma == "according to" {
		cs := entities.Span{Start: st.tok(c).Start, End: st.tok(c + 1).End}
		cue = &Cue{Span: cs, Text: cs.In(st.Doc.Text), Lemma: w.Lemma, Class: Speech}
	} else {
		cue = st.cueAt(c, w)
	}
	if w.Class == Belief {
		ev.Flag("cue.belief")
	}
	return Quote{Span: span, Text: span.In(st.Doc.Text), Kind: kind, Group: -1, Cue: cue, Speaker: sp,
		Sieve: "reported", Evidence: ev}, true
}

// skipDateline moves s past a wire dateline that opens a story's first
// sentence ("SEOUL, Jan. 10 (Yonhap) -- ..."): a capitalised place, a date
// or agency, then a dash, within the first dozen tokens.
func (st *State) skipDateline(s, e int) int {
	t := st.tok(s).Text
	if t == "" || strings.ToUpper(t) != t || strings.ToLower(t) == t {
		return s
	}
	for k := s + 1; k < e && k-s <= 12; k++ {
		switch st.tok(k).Text {
		case "--", "\u2014", "\u2013":
			if k+1 < e {
				return k + 1
			}
			return s
		case ".", "!", "?":
			if k > s+6 {
				return s
			}
		}
	}
	return s
}

// orThat returns the complementizer's index when the clause has one, else
// the clause's first word: PolNeAR's contents begin with "that".
func orThat(that, k int) int {
	if that >= 0 {
		return that
	}
	return k
}

// frontedSubordinators open an adverbial clause that may stand before the
// main clause of a sentence: "When he said the plan would work, few
// believed him".
var frontedSubordinators = map[string]bool{
	"when": true, "while": true, "as": true, "if": true, "although": true, "though": true,
	"because": true, "after": true, "before": true, "since": true, "until": true,
	"unless": true, "once": true, "whereas": true, "whenever": true,
}

// inFrontedClause reports whether cue c lies in an adverbial clause that
// opens its sentence (after any conjunction): "While he said he would
// bring back waterboarding, he clarified ...". Such a clause ends at the
// comma where the main clause begins, and so does the report inside it.
func (st *State) inFrontedClause(c int, para entities.Span) bool {
	s := st.sentenceStartTok(c, para)
	for s < c && (st.tok(s).Tag == "CC" || st.tok(s).Tag == "``") {
		s++
	}
	// A measure of time or degree may come first: "Three years after",
	// "Shortly before", "Even as".
	for n := 0; n < 3 && s < c && !frontedSubordinators[st.lower(s)]; n++ {
		switch st.tok(s).Tag {
		case "CD", "NNS", "NN", "RB", "JJ", "DT":
			s++
		default:
			n = 3
		}
	}
	if s >= c || !frontedSubordinators[st.lower(s)] {
		return false
	}
	if t := st.tok(s).Tag; t != "IN" && t != "WRB" && t != "RB" {
		return false
	}
	for k := s + 1; k < c; k++ {
		if st.tok(k).Text == "," && !st.inQuote(k) {
			return false // the fronted clause closed before the cue
		}
	}
	return true
}

// frontedEnd returns where the report of cue c, whose content runs over
// tokens [k, e), ends: at the comma where the main clause begins when c is
// in a fronted adverbial clause, else at e.
func (st *State) frontedEnd(c, k, e int, para entities.Span) int {
	if st.inFrontedClause(c, para) {
		return st.mainClauseComma(k, e)
	}
	return e
}

// mainClauseComma returns the first comma among tokens [k, e), outside
// quotations and brackets, after which a clause with its own verb begins
// (", he clarified that ...", ", only 23 percent ... voted"), or e. A
// comma between the items of a list ("that wages, rents and prices would
// rise, economists ...") is passed over.
func (st *State) mainClauseComma(k, e int) int {
	return st.topComma(k, e, func(j int) bool {
		return !st.listItemAt(j+1, e) && st.canStartClause(j+1) && st.tok(j+1).Tag != "``" && st.clauseWords(j+1, e)
	})
}

// topComma returns the first comma among tokens (k, e), outside
// quotations and brackets, at which ok holds, or e.
func (st *State) topComma(k, e int, ok func(j int) bool) int {
	depth := 0
	for j := k; j < e; j++ {
		switch st.tok(j).Text {
		case "(", "[":
			depth++
		case ")", "]":
			depth = max(depth-1, 0)
		case ",":
			if j > k && depth == 0 && !st.inQuote(j) && ok(j) {
				return j
			}
		}
	}
	return e
}

// trailingRelative returns the comma among tokens [k, e) that opens a
// non-restrictive relative clause running to the clause end (", which
// opened Friday", and with who set ", who is running again"), outside
// quotations and brackets, or e. Such a clause is most often the writer's
// aside about the last noun, not part of the report; one closed by a comma
// of its own ("the company, which was founded in 1990, would move") is
// inside the report, and so is one that quotes the speaker's words
// (", which would be "welcomed by the international community"").
func (st *State) trailingRelative(k, e int, who bool) int {
	return st.topComma(k, e, func(j int) bool {
		if !(st.lower(j+1) == "which" && st.tok(j+1).Tag == "WDT" || who && st.lower(j+1) == "who" && st.tok(j+1).Tag == "WP") {
			return false
		}
		for m := j + 2; m < e; m++ {
			if st.tok(m).Text == "," && !st.inQuote(m) {
				return false // closed by a comma of its own
			}
			if st.inQuote(m) || isQuoteTag(st.tok(m).Tag) {
				return false // it quotes the speaker
			}
		}
		return true
	})
}

// listItemAt reports whether tokens from k, before e, are a short noun
// phrase followed by a conjunction or another comma: the next item of a
// list ("rents and prices", "rents, prices").
func (st *State) listItemAt(k, e int) bool {
	for m := k; m < e && m < k+5; m++ {
		if m > k && (st.tok(m).Tag == "CC" || st.tok(m).Text == ",") {
			return true
		}
		if !st.isNominal(m) || st.tok(m).Tag == "PRP" {
			return false
		}
	}
	return false
}

// catenativeSubject returns the subject of the verb that governs the
// infinitive speech cue c ("He went on to say ...", "Clinton continued to insist
// that ..."): the speaker of the infinitive's report. A governing verb that
// reports its infinitive itself ("declined to say", "promised to") is left
// to its own rule.
func (st *State) catenativeSubject(c int, para entities.Span) phrase {
	if st.lower(c-1) != "to" || st.tok(c).Tag != "VB" {
		return phrase{}
	}
	v := c - 2
	for v > 0 && v > c-5 && st.tok(v).Start > para.Start && (st.tok(v).Tag == "RP" || st.tok(v).Tag == "RB" || st.lower(v) == "on") {
		v-- // "went on to say", "later continued to insist"
	}
	if v < 0 || st.tok(v).Start < para.Start {
		return phrase{}
	}
	switch st.tok(v).Tag {
	case "VBD", "VBZ", "VBP":
	default:
		return phrase{}
	}
	if w, ok := st.isCue(v); ok && infinitiveCues[w.Lemma] || st.inQuote(v) {
		return phrase{}
	}
	return st.subjectBefore(v, st.subjectStart(v, para))
}
