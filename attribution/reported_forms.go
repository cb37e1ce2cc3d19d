package attribution

import (
	"strings"

	"github.com/whosaid/whosaid/entities"
)

// This file holds the reported-speech forms beyond "X said (that) CLAUSE"
// and "CLAUSE, X said": questions, transcript lines, appearances, cues set
// off in the middle of a sentence, participles, stance objects, according
// to, cue nouns, and the yes-no questions that report nothing.

// pictureNouns depict rather than report what they show.
var pictureNouns = map[string]bool{
	"image": true, "images": true, "photo": true, "photos": true, "photograph": true,
	"photographs": true, "picture": true, "pictures": true, "screenshot": true, "map": true,
}

// infinitiveCues take what they report as an infinitive: promises,
// refusals and intentions (vowed to fight on, declined to comment, wants
// to run, plans to retire).
var infinitiveCues = map[string]bool{
	"decline": true, "refuse": true, "vow": true, "promise": true, "pledge": true, "offer": true,
	"agree": true, "threaten": true, "propose": true, "want": true, "plan": true, "seek": true,
	"hope": true, "intend": true, "decide": true, "expect": true, "demand": true, "ask": true,
}

// narrativeCues introduce a quotation but report nothing without one:
// "she began to cry", "he continued to campaign", "the party opened an
// office", "they backed away". On train their reported clauses were wrong
// three times in four.
var narrativeCues = map[string]bool{"begin": true, "continue": true, "open": true, "back": true}

// questionOpeners open the content of "asked": an embedded question
// (whether, if, what, how, why, when, who, which, where), a topic (about)
// or a request (to).
var questionOpeners = map[string]bool{
	"whether": true, "if": true, "what": true, "how": true, "why": true, "when": true,
	"who": true, "which": true, "where": true, "about": true, "to": true,
}

// reportedQuestion handles "asked": "Trump asked the network to donate
// the profits", "X asked whether ...", and the reporter's question with no
// speaker, "Asked whether he would run, Johnson demurred" / "when asked
// about the plan". The content is the embedded question or request, up to
// the clause end (a sentence-initial "Asked ..." clause ends at its comma).
func (st *State) reportedQuestion(c int) (Quote, bool) {
	para := st.paragraphOf(st.tok(c).Start)
	var subj phrase
	var ev Evidence
	ev.Flag("reported.question")
	k := c + 1
	participle := st.sentenceInitial(c) || st.lower(c-1) == "when" || st.lower(c-1) == "after" || st.lower(c-1) == "if"
	switch {
	case participle:
		ev.Flag("reported.question.reporter")
	case st.passive(c):
		if st.lower(k) != "by" {
			return Quote{}, false
		}
		subj = st.nounPhraseAfter(k+1, st.clauseEnd(k+1, para))
		if subj.empty() {
			return Quote{}, false
		}
		k = subj.To
	default:
		subj = st.subjectBefore(c, st.subjectStart(c, para))
		if subj.empty() {
			return Quote{}, false
		}
		// The person asked: "asked the network to", "asked Bennett about".
		for n := 0; n < 5 && !questionOpeners[st.lower(k)] && (st.isNominal(k) || st.tok(k).Tag == "PRP"); n++ {
			k++
		}
	}
	if !questionOpeners[st.lower(k)] || st.tok(k).Start >= para.End {
		return Quote{}, false
	}
	e := st.cutAtDirect(k, st.reportedEnd(k, para))
	if st.inFrontedClause(c, para) {
		e = st.mainClauseComma(k, e)
	} else if participle && st.sentenceInitial(c) {
		for j := k; j < e; j++ {
			if st.tok(j).Text == "," && !st.inQuote(j) {
				e = j
				break
			}
		}
	}
	for e > k && st.isPunct(e-1) && st.tok(e-1).Tag != "''" {
		e--
	}
	if e-k < 2 {
		return Quote{}, false
	}
	w := cueWord{Lemma: "ask", Class: Speech}
	if subj.empty() {
		span := entities.Span{Start: st.tok(k).Start, End: st.tok(e - 1).End}
		ev.Flag("speaker.none")
		return Quote{Span: span, Text: span.In(st.Doc.Text), Kind: Indirect, Group: -1, Cue: st.cueAt(c, w),
			Sieve: "reported", Evidence: ev}, true
	}
	return st.reportedQuote(k, e, c, w, subj, ev)
}

// findSpeakerLines returns the paragraphs that open with a speaker's name
// and a colon and go on without quotation marks: transcripts ("JOEL
// BENENSON: This is a man who ...") and headlines ("Mark Cuban: I'd
// consider a bid"). The name is one to five capitalised words; what
// follows must read as a clause.
func (st *State) findSpeakerLines() []Quote {
	var out []Quote
	for _, p := range st.Doc.Paragraphs {
		i, j := st.Doc.TokensIn(p)
		colon := -1
		for k := i; k < j && k-i <= 5; k++ {
			t := st.tok(k)
			if t.Text == ":" {
				colon = k
				break
			}
			if !strings.HasPrefix(t.Tag, "NNP") && !(isWordUpper(t.Text) && len(t.Text) > 1) && t.Text != "." {
				break
			}
		}
		if colon <= i || colon+3 > j {
			continue
		}
		k := colon + 1
		if st.tok(k).Tag == "``" && st.wholeQuote(k, j) || st.inQuote(k) && !isQuoteTag(st.tok(k).Tag) {
			continue // a quotation: the sieves' work
		}
		if !st.clauseWords(k, j) {
			continue
		}
		var ev Evidence
		ev.Flag("reported.speaker_line")
		w := cueWord{Lemma: ":", Class: Speech}
		q, ok := st.reportedQuote(k, j, colon, w, phrase{From: i, To: colon}, ev)
		if ok {
			out = append(out, q)
		}
	}
	return out
}

// isWordUpper reports whether s is a word in capitals (BENENSON).
func isWordUpper(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '-' || r == '\'' || r == '.':
		default:
			return false
		}
	}
	return letters > 0
}

// appearanceVerbs are the verbs of appearance that, with a subject raised
// out of their complement, state the writer's inference: "Sanders seemed
// to reap the benefits", "the race appears closer in Ohio".
var appearanceVerbs = map[string]bool{
	"seem": true, "seems": true, "seemed": true, "appear": true, "appears": true, "appeared": true,
}

// beForms are the forms of "be" before a passive "expected".
var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true}

// appearanceGroup numbers the groups of appearance statements apart from
// the quotation finder's groups; renumberGroups renumbers them all.
const appearanceGroup = 1 << 30

// findAppearances returns the statements of appearance and expectation
// that PolNeAR counts as attributions without a source: "SUBJECT seemed to
// VP", "SUBJECT appears ADJECTIVE", "SUBJECT is expected to VP". Each is two
// pieces sharing a group, the subject and the complement, with the verb as
// a belief cue and no speaker (the writer). An expletive subject (it seems,
// there appear) is left out, and so is a verb inside a quotation.
func (st *State) findAppearances() []Quote {
	var out []Quote
	for c := 1; c < len(st.Doc.Tokens); c++ {
		t := st.tok(c)
		cue := c // first token of the cue
		switch {
		case appearanceVerbs[st.lower(c)] && strings.HasPrefix(t.Tag, "VB") && t.Tag != "VBG":
			if n := st.tok(c + 1); st.lower(c+1) != "to" && n.Tag != "JJ" && n.Tag != "JJR" && n.Tag != "RBR" {
				continue
			}
		case st.lower(c) == "expected" && st.lower(c+1) == "to":
			b := c - 1
			if st.lower(b) == "not" {
				b--
			}
			if !beForms[st.lower(b)] {
				continue
			}
			cue = b
		default:
			continue
		}
		if st.inQuote(c) {
			continue
		}
		para := st.paragraphOf(t.Start)
		subj := st.subjectBefore(cue, st.clauseStartRel(cue, para))
		if subj.empty() || subj.To != cue {
			continue
		}
		if w := st.lower(subj.From); subj.To-subj.From == 1 && (w == "it" || w == "there" || w == "this" || w == "that") {
			continue
		}
		k := c + 1
		e := st.cutAtDirect(k, st.reportedEnd(k, para))
		for e > k && st.isPunct(e-1) {
			e--
		}
		if e-k < 2 {
			continue
		}
		cs := entities.Span{Start: st.tok(cue).Start, End: t.End}
		cw := &Cue{Span: cs, Text: cs.In(st.Doc.Text), Lemma: appearanceLemma(st.lower(c)), Class: Belief}
		g := appearanceGroup + len(out)
		for _, piece := range []entities.Span{st.span(subj), {Start: st.tok(k).Start, End: st.tok(e - 1).End}} {
			var ev Evidence
			ev.Flag("reported.appearance")
			ev.Flag("cue.belief")
			ev.Flag("speaker.none")
			out = append(out, Quote{Span: piece, Text: piece.In(st.Doc.Text), Kind: Indirect, Group: g,
				Cue: cw, Sieve: "appearance", Evidence: ev})
		}
	}
	return out
}

// appearanceLemma returns the lemma of an appearance cue.
func appearanceLemma(w string) string {
	switch {
	case strings.HasPrefix(w, "seem"):
		return "seem"
	case strings.HasPrefix(w, "appear"):
		return "appear"
	}
	return "expect"
}

// reportedParenthetical handles a cue clause set off inside the reported
// sentence before its verb: "The permit, his campaign said, had been hard
// to get." The statement is two pieces sharing a group, the part before the
// cue clause and the part after it.
func (st *State) reportedParenthetical(c int, w cueWord, para entities.Span) []Quote {
	if st.tok(c+1).Text != "," || st.inQuote(c) {
		return nil
	}
	subj := st.subjectBefore(c, st.clauseStartRel(c, para))
	if subj.empty() || subj.From < 1 || st.tok(subj.From-1).Text != "," {
		return nil
	}
	comma := subj.From - 1
	s := st.sentenceStartTok(comma, para)
	if comma-s < 1 || comma-s > 12 {
		return nil
	}
	for k := s; k < comma; k++ {
		if st.inQuote(k) || strings.HasPrefix(st.tok(k).Tag, "VB") && st.tok(k).Tag != "VBG" && st.tok(k).Tag != "VBN" {
			return nil // a clause of its own: CLAUSE, X said
		}
	}
	k := c + 2
	switch st.tok(k).Tag {
	case "VBD", "VBZ", "VBP", "MD", "RB":
	default:
		return nil
	}
	e := st.cutAtDirect(k, st.reportedEnd(k, para))
	if e-k < 2 || !st.clauseWords(k, e) {
		return nil
	}
	var ev Evidence
	ev.Flag("reported.parenthetical")
	first, ok1 := st.reportedQuote(s, comma, c, w, subj, ev)
	second, ok2 := st.reportedQuote(k, e, c, w, subj, ev)
	if !ok1 || !ok2 {
		return nil
	}
	first.Group = parentheticalGroup + c
	second.Group = parentheticalGroup + c
	return []Quote{first, second}
}

// parentheticalGroup numbers the groups of parenthetical statements apart
// from the others; renumberGroups renumbers them all.
const parentheticalGroup = 1 << 29

// afterComma reports whether token k follows a comma, perhaps one inside
// a closing quotation mark ("...," said Park).
func (st *State) afterComma(k int) bool {
	return st.tok(k-1).Text == "," || st.tok(k-1).Tag == "''" && st.tok(k-2).Text == ","
}

// participleSubject returns the subject of the clause a participle cue c
// hangs on (Trump defended it, saying ...; she released a statement
// saying ...): the subject of the nearest speech cue before it, else of
// the sentence's first finite verb. It is empty when there is no such
// verb.
func (st *State) participleSubject(c int, para entities.Span) phrase {
	start := st.sentenceStartTok(c, para)
	v := -1
	for j := c - 2; j >= start; j-- {
		t := st.tok(j).Tag
		if (t == "VBD" || t == "VBZ" || t == "VBP") && !st.inQuote(j) {
			if w, ok := st.isCue(j); ok && w.Class == Speech && !st.passive(j) {
				v = j
				break
			}
			v = j
		}
	}
	if v < 0 {
		return phrase{}
	}
	var subj phrase
	if _, cue := st.isCue(v); cue && st.afterComma(v) && v-1 > start {
		subj = st.nounPhraseAfter(v+1, c-1) // "..., said Park, adding that"
	}
	if subj.empty() {
		subj = st.subjectBefore(v, st.subjectStart(v, para))
	}
	return subj
}

// reportedParticiple handles a participle cue that continues a sentence,
// ", saying (that) CLAUSE" or ", adding that CLAUSE": its speaker is the
// subject of the sentence's main verb (Park said ..., adding that ...; the
// union rejected the offer, saying that ...).
func (st *State) reportedParticiple(c int, w cueWord, para entities.Span) (Quote, bool) {
	if w.Class != Speech {
		return Quote{}, false
	}
	subj := st.participleSubject(c, para)
	if subj.empty() {
		return Quote{}, false
	}
	var ev Evidence
	ev.Flag("reported.participle")
	k := c + 1
	that := -1
	if st.lower(k) == "that" {
		ev.Flag("reported.that")
		that = k
		k++
		if st.tok(k).Tag == "``" && !st.tailAfterQuote(k) {
			// ", adding that "...": the clause is the quotation's
			// wording, a mixed quote, as after a finite cue.
			if e := st.quoteEndTok(k); e > k+1 {
				ev.Flag("reported.that_quotation")
				return st.reportedQuote(that, e, c, w, subj, ev)
			}
			return Quote{}, false
		}
	} else if !st.canStartClause(k) || st.tok(k).Tag == "``" && !st.tailAfterQuote(k) {
		return Quote{}, false
	}
	e := st.cutAtDirect(k, st.reportedEnd(k, para))
	if !st.clauseWords(k, e) {
		return Quote{}, false
	}
	return st.reportedQuote(orThat(that, k), e, c, w, subj, ev)
}

// reportedObject handles SUBJECT STANCE-VERB OBJECT, where a verb of public
// stance reports its object when no clause follows: "Warren endorsed
// Clinton", "Bush criticized Rubio for his vote on the bill", "Trump called
// the plan a disaster", "she called for a recount". The object runs to the
// clause end, or to a verb phrase joined by "and" (endorsed Clinton and
// campaigned for her).
func (st *State) reportedObject(c int, w cueWord, subj phrase, para entities.Span, ev Evidence) (Quote, bool) {
	if !w.Object {
		return Quote{}, false
	}
	if w.Lemma == "show" {
		for k := subj.From; k < subj.To; k++ {
			if pictureNouns[st.lower(k)] {
				return Quote{}, false // a caption: "This image shows Xi and Kim"
			}
		}
	}
	k := c + 1
	if st.tok(k).Tag == "RP" || st.lower(k) == "for" && w.Lemma == "call" {
		k++
	}
	switch st.tok(k).Tag {
	case "DT", "PRP", "PRP$", "NNP", "NNPS", "NN", "NNS", "JJ", "CD", "``", "VBG", "PDT":
	default:
		return Quote{}, false
	}
	if st.tok(k).Start >= para.End {
		return Quote{}, false
	}
	e := st.cutAtDirect(k, st.reportedEnd(k, para))
	e = st.frontedEnd(c, k, e, para)
	for j := k + 1; j < e; j++ {
		if (st.tok(j).Tag == "CC" || st.tok(j).Text == ",") && !st.inQuote(j) {
			// "endorsed Clinton and campaigned for her"; "a delegate
			// supporting Clinton, said he ...": a verb after the object
			// belongs to the sentence, not to the object.
			v := j + 1
			if st.tok(v).Tag == "RB" {
				v++ // "and even questioned"
			}
			switch st.tok(v).Tag {
			case "VBD", "VBZ", "VBP", "MD":
				e = j
			case "VBN":
				if st.tok(j).Tag == "CC" {
					e = j
				}
			}
			if st.tok(j).Tag == "CC" && st.subjectCueAt(j+1, para) {
				e = j // "called the plan “a waste,” and Hale said he agreed"
			}
			if e == j {
				break
			}
		}
	}
	// "supported the trade pact, which caused ...": a relative clause that
	// ends the sentence describes the object; it is the writer's, not
	// part of what the subject endorsed.
	e = st.trailingRelative(k, e, true)
	if st.tok(k).Tag == "``" && st.wholeQuote(k, e) {
		return Quote{}, false // SUBJECT praised "...": the quotation is found by the sieves
	}
	ev.Flag("reported.object")
	return st.reportedQuote(k, e, c, w, subj, ev)
}

// accordingToReported handles According to X, CLAUSE. and CLAUSE,
// according to X.
func (st *State) accordingToReported(a int) (Quote, bool) {
	para := st.paragraphOf(st.tok(a).Start)
	subj := st.nounPhraseAfter(a+2, st.clauseEnd(a+2, para))
	if subj.empty() {
		return Quote{}, false
	}
	w := cueWord{Lemma: "according to", Class: Speech}
	var ev Evidence
	ev.Flag("reported.according_to")
	for j := a + 2; j < subj.To; j++ {
		// "According to the central bank, household debt rose": what
		// looked like an appositive is the clause.
		if st.tok(j).Text == "," && st.clauseWords(j+1, st.reportedEnd(j+1, para)) && st.canStartClause(j+1) {
			subj.To = j
			break
		}
	}
	if st.tok(a-1).Text == "," {
		comma := a - 1
		s := st.sentenceStartTok(comma, para)
		if st.tok(comma-1).Tag != "''" && st.clauseWords(s, comma) {
			return st.reportedQuote(s, comma, a, w, subj, ev)
		}
		// "Now, according to the poll, some are swinging": the phrase is
		// set off inside the sentence and the clause follows it.
		if k := subj.To; st.tok(k).Text == "," {
			if e := st.cutAtDirect(k+1, st.reportedEnd(k+1, para)); st.canStartClause(k+1) && st.clauseWords(k+1, e) {
				ev.Flag("reported.according_to_inside")
				return st.reportedQuote(k+1, e, a, w, subj, ev)
			}
		}
		return Quote{}, false
	}
	k := subj.To
	if st.tok(k).Text != "," {
		return Quote{}, false
	}
	k++
	if st.tok(k).Tag == "``" && !st.tailAfterQuote(k) {
		return Quote{}, false
	}
	e := st.reportedEnd(k, para)
	if !st.clauseWords(k, e) {
		return Quote{}, false
	}
	return st.reportedQuote(k, e, a, w, subj, ev)
}

// reportedNoun handles a cue noun with a "that" clause: X's statement that
// CLAUSE, the claim by X that CLAUSE, X voiced expectations that CLAUSE.
func (st *State) reportedNoun(n int, w cueWord) (Quote, bool) {
	para := st.paragraphOf(st.tok(n).Start)
	k := n + 1
	var subj phrase
	var ev Evidence
	ev.Flag("reported.noun")
	if st.lower(k) == "by" || st.lower(k) == "from" {
		subj = st.nounPhraseAfter(k+1, st.clauseEnd(k+1, para))
		k = subj.To
		ev.Flag("reported.noun_by")
	}
	if st.lower(k) != "that" {
		return Quote{}, false
	}
	that := k
	k++
	if !st.canStartClause(k) {
		return Quote{}, false
	}
	if subj.empty() {
		// Back over the noun phrase's modifiers to its determiner or
		// possessive.
		b := n
		for b-1 >= 0 && b-n > -4 && (strings.HasPrefix(st.tok(b-1).Tag, "JJ") || st.tok(b-1).Tag == "NN" || st.tok(b-1).Tag == "NNS") {
			b--
		}
		switch {
		case st.tok(b-1).Tag == "POS":
			subj = st.nounPhraseBefore(b-1, st.clauseStart(b-1, para))
			ev.Flag("reported.noun_possessive")
		case st.tok(b-1).Tag == "PRP$":
			subj = phrase{b - 1, b}
			ev.Flag("reported.noun_possessive")
		default:
			if st.tok(b-1).Tag == "DT" {
				b--
			}
			v := b - 1
			if !strings.HasPrefix(st.tok(v).Tag, "VB") || st.passive(v) {
				return Quote{}, false
			}
			subj = st.subjectBefore(v, st.clauseStartRel(v, para))
			ev.Flag("reported.noun_light_verb")
		}
	}
	if subj.empty() {
		return Quote{}, false
	}
	e := st.reportedEnd(k, para)
	if !st.clauseWords(k, e) {
		return Quote{}, false
	}
	if st.sentenceInitial(subj.From) {
		// "Quinn's statement that the budget was balanced drew criticism":
		// the noun phrase is the sentence's subject, so the content ends
		// where the main verb comes.
		e = st.beforeMainVerb(k, e)
	}
	return st.reportedQuote(that, e, n, w, subj, ev)
}

// beforeMainVerb returns where the clause [k, e), the complement of a noun
// that is a sentence's subject, gives way to the sentence's own verb: the
// second finite verb that no conjunction, relative pronoun or comma
// introduces; e when there is none.
func (st *State) beforeMainVerb(k, e int) int {
	seen := false
	for j := k; j < e; j++ {
		switch st.tok(j).Tag {
		case "VBD", "VBZ", "VBP", "MD":
			if st.inQuote(j) {
				continue
			}
			if seen {
				switch st.tok(j - 1).Tag {
				case "CC", "WDT", "WP", "MD", "VBD", "VBZ", "VBP", "RB", ",", "TO":
				default:
					return j
				}
			}
			seen = true
		}
	}
	return e
}

// questionAuxiliaries open a yes-no question (Did she say that ...?).
var questionAuxiliaries = map[string]bool{
	"did": true, "does": true, "do": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "has": true, "have": true, "had": true, "is": true, "was": true,
}

// yesNoQuestion reports whether token c stands in a yes-no question: a
// sentence that opens with an auxiliary and ends with a question mark asks
// whether something was said; it reports nothing.
func (st *State) yesNoQuestion(c int, para entities.Span) bool {
	s := st.sentenceStartTok(c, para)
	if !questionAuxiliaries[st.lower(s)] {
		return false
	}
	for k := c; k < len(st.Doc.Tokens) && st.tok(k).Start < para.End; k++ {
		switch st.tok(k).Text {
		case "?":
			return true
		case ".", "!":
			return false
		}
	}
	return false
}
