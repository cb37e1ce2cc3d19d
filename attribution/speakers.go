package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/entities"
)

// This file holds the token-level machinery the sieves share: finding cue
// verbs, the noun phrase next to a cue, and turning that phrase into a
// Speaker with the help of the entity analysis.

// maxSourceTokens bounds how far a source phrase (name plus appositive) may
// run between a quotation and its cue.
const maxSourceTokens = 24

// tok returns token i, or a zero token when i is out of range.
func (st *State) tok(i int) entities.Token {
	if i < 0 || i >= len(st.Doc.Tokens) {
		return entities.Token{}
	}
	return st.Doc.Tokens[i]
}

// lower returns token i's text in lower case.
func (st *State) lower(i int) string { return strings.ToLower(st.tok(i).Text) }

// isCue reports whether token i is a cue verb, and returns it.
func (st *State) isCue(i int) (cueWord, bool) {
	t := st.tok(i)
	w, ok := lookupCue(t.Text)
	if !ok {
		return w, false
	}
	if strings.HasPrefix(t.Tag, "VB") {
		return w, true
	}
	// The tagger sometimes takes a sentence-final "said" or "says" after a
	// name for a noun or adjective; the commonest speech forms are verbs
	// wherever they stand.
	switch strings.ToLower(t.Text) {
	case "said", "says", "told", "added", "asked", "wrote", "tweeted", "explained", "noted", "continued", "replied":
		return w, true
	}
	return w, false
}

// cueAt builds the Cue for token i, extended over a particle (pointed out,
// went on) when one follows.
func (st *State) cueAt(i int, w cueWord) *Cue {
	t := st.tok(i)
	span := t.Span
	if p := st.lower(i + 1); (p == "out" || p == "up" || p == "back") && st.tok(i+1).Tag == "RP" {
		span.End = st.tok(i + 1).End
	}
	return &Cue{Span: span, Text: span.In(st.Doc.Text), Lemma: w.Lemma, Class: w.Class}
}

// isPunct reports whether token i is punctuation (not a quotation mark).
func (st *State) isPunct(i int) bool {
	t := st.tok(i)
	if t.Text == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsPunct(r) && !isQuoteTag(t.Tag)
}

func isQuoteTag(tag string) bool { return tag == "``" || tag == "''" }

// endsClause reports whether token i ends a clause for cue search: a
// sentence end, a semicolon, or a quotation mark.
func (st *State) endsClause(i int) bool {
	t := st.tok(i)
	switch t.Text {
	case ".", "!", "?", ";", "...", "\u2026":
		return true
	}
	return isQuoteTag(t.Tag)
}

var pronounKinds = map[string]struct {
	kind   entities.Kind
	gender entities.Gender
	plural bool
}{
	"he": {entities.Person, entities.Male, false}, "she": {entities.Person, entities.Female, false},
	"him": {entities.Person, entities.Male, false}, "her": {entities.Person, entities.Female, false},
	"i": {entities.Person, entities.AnyGender, false}, "we": {entities.Group, entities.AnyGender, true},
	"they": {entities.Group, entities.AnyGender, true}, "it": {entities.Organization, entities.Neuter, false},
}

// adverbs that may stand between a subject and its cue, or after a cue.
var cueAdverbs = map[string]bool{
	"also": true, "later": true, "then": true, "once": true, "previously": true, "again": true,
	"recently": true, "repeatedly": true, "often": true, "had": true, "has": true, "have": true,
	"would": true, "will": true, "simply": true, "flatly": true, "quickly": true,
	"publicly": true, "privately": true, "bluntly": true, "famously": true, "reportedly": true,
	"last": true, "earlier": true, "further": true, "emphatically": true, "angrily": true, "jokingly": true,
	"not": true, "did": true, "does": true, "do": true, "was": true, "is": true,
	"are": true, "were": true, "am": true, "been": true, "be": true,
}

// phrase is a token range [From, To) that names a source.
type phrase struct{ From, To int }

func (p phrase) empty() bool { return p.To <= p.From }

// span returns the byte span of the phrase.
func (st *State) span(p phrase) entities.Span {
	if p.empty() {
		return entities.Span{}
	}
	return entities.Span{Start: st.tok(p.From).Start, End: st.tok(p.To - 1).End}
}

// isNominal reports whether token i can be part of a noun phrase naming a
// source.
func (st *State) isNominal(i int) bool {
	t := st.tok(i)
	switch {
	case strings.HasPrefix(t.Tag, "NN"), strings.HasPrefix(t.Tag, "JJ"), t.Tag == "DT", t.Tag == "CD",
		t.Tag == "PRP$", t.Tag == "POS", t.Tag == "PRP", t.Tag == "VBN" || t.Tag == "VBG" && i > 0:
		return true
	}
	switch t.Text {
	case "-", "&", ".":
		return t.Text != "."
	}
	return false
}

// subjectBefore returns the source phrase that ends just before token c
// (a cue verb), looking no further back than lo. It skips adverbs between
// subject and cue, and takes in an appositive set off by commas ("Kim
// Heung-kyu, a China expert at Ajou University, told").
func (st *State) subjectBefore(c, lo int) phrase {
	end := st.adverbialsBefore(c, lo)
	if end-1 < lo {
		return phrase{}
	}
	// An appositive closed by a comma: "NAME, APPOSITIVE, said".
	if st.tok(end-1).Text == "," {
		inner := end - 1
		k := inner - 1
		for k >= lo && inner-k <= maxSourceTokens && st.tok(k).Text != "," && !st.endsClause(k) {
			k--
		}
		if k >= lo && st.tok(k).Text == "," {
			h := k
			if st.tok(h-1).Text == ")" {
				// "Sander Levin (D-Mich.), a superdelegate, said": the
				// name comes before its parenthetical.
				for p := h - 2; p >= lo && h-p <= 8; p-- {
					if st.tok(p).Text == "(" {
						h = p
						break
					}
				}
			}
			head := st.nounPhraseBefore(h, lo)
			if !head.empty() {
				return phrase{head.From, inner}
			}
		}
		return phrase{}
	}
	// A parenthetical after the name: "Sen. Elizabeth Warren (D-Mass.) said".
	if st.tok(end-1).Text == ")" {
		k := end - 2
		for k >= lo && end-k <= 8 && st.tok(k).Text != "(" {
			k--
		}
		if k >= lo && st.tok(k).Text == "(" {
			head := st.nounPhraseBefore(k, lo)
			if !head.empty() {
				return phrase{head.From, end}
			}
		}
	}
	head := st.nounPhraseBefore(end, lo)
	if np := st.modifiedHead(head.From, lo); !head.empty() && !np.empty() {
		// "Republican activists clamoring to block Donald Trump said",
		// "analysts who spoke to Reuters said": the noun phrase before the
		// cue is the object inside a modifier of the subject; the subject
		// is the noun phrase the modifier belongs to.
		return phrase{np.From, end}
	}
	return head
}

// adverbialsBefore returns the first of the tokens before cue c, back to
// lo, that are adverbs ("also said", "has repeatedly argued") or time
// adverbials ("Sanders on Saturday criticized", "Park earlier Tuesday
// said"): the subject ends before them.
func (st *State) adverbialsBefore(c, lo int) int {
	end := c
	for end-1 >= lo {
		switch {
		case cueAdverbs[st.lower(end-1)]:
			end--
		case st.isTimeWord(end-1) && strings.HasPrefix(st.tok(end-1).Tag, "NN"):
			end--
			switch st.lower(end - 1) {
			case "on", "earlier", "later", "late", "early", "last", "this":
				if end-1 >= lo {
					end--
				}
			}
		default:
			return end
		}
	}
	return end
}

// modifiedHead returns the noun phrase that a modifier ending at token e
// belongs to, looking back at most ten tokens and never past a comma, a
// clause end or a quotation: a present participle phrase ("activists" in
// "activists clamoring to block Donald Trump": a noun, then the
// participle, with no finite verb after it), or a restrictive relative
// clause ("analysts" in "analysts who spoke to Reuters": a noun phrase,
// then who, that or which, then a verb). It returns an empty phrase
// otherwise.
func (st *State) modifiedHead(e, lo int) phrase {
	verb := false
	participle := true // the modifier may be a participle: no verb or relative pronoun so far
	for k := e - 1; k > lo && e-k <= 10; k-- {
		t := st.tok(k)
		if t.Text == "," || st.endsClause(k) || st.inQuote(k) {
			return phrase{}
		}
		if w := strings.ToLower(t.Text); (t.Tag == "WP" || t.Tag == "WDT" || w == "that") && (w == "who" || w == "that" || w == "which") {
			if !verb || !st.isNominal(k-1) {
				return phrase{}
			}
			return st.nounPhraseBefore(k, lo)
		}
		switch t.Tag {
		case "VBG":
			if participle && strings.HasPrefix(st.tok(k-1).Tag, "NN") {
				return st.nounPhraseBefore(k, lo)
			}
			participle = false // the nearest participle has no noun before it
		case "VBD", "VBZ", "VBP", "MD", "WP", "WDT":
			participle = false
		}
		if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
			verb = true
		}
	}
	return phrase{}
}

// nounPhraseBefore returns the noun phrase that ends just before token e,
// starting no earlier than lo: a run of nominal tokens, with "of"/"for"/"at"
// joining two nominal runs ("a spokesman for the ministry", "the head of
// the agency").
func (st *State) nounPhraseBefore(e, lo int) phrase {
	// A personal pronoun is a whole subject: "told host Chris Cuomo she
	// believed" has the subject she.
	if e-1 >= lo && st.tok(e-1).Tag == "PRP" {
		return phrase{e - 1, e}
	}
	k := e
	// The phrase stays in the sentence of its last word ("in May. Opposition
	// leaders": a word that keeps its full stop ends the sentence).
	if si := st.Doc.SentenceAt(st.tok(e - 1).Start); si >= 0 {
		if s, _ := st.Doc.TokensIn(st.Doc.Sentences[si]); s > lo {
			lo = s
		}
	}
	for k-1 >= lo && st.isNominal(k-1) && st.tok(k-1).Tag != "PRP" && e-k < maxSourceTokens {
		k--
		if k-1 >= lo && isJoiner(st.lower(k-1)) && k-2 >= lo && st.isNominal(k-2) {
			k--
		} else if k-3 >= lo && st.lower(k-1) == "to" && st.lower(k-2) == "close" && st.isNominal(k-3) {
			k -= 2 // "sources close to the talks"
		} else if k-3 >= lo && isJoiner(st.lower(k-1)) && isParticipleTag(st.tok(k-2).Tag) && strings.HasPrefix(st.tok(k-3).Tag, "NN") {
			k -= 2 // "diplomats briefed on the talks": a participle the tagger read as a finite verb
		}
	}
	// A lone possessive or determiner is no phrase.
	for k < e && (st.tok(k).Tag == "POS") {
		k++
	}
	// A participle right after a verb or an adverb belongs to the verb
	// phrase, not the noun phrase ("are increasingly choosing candidates
	// who say").
	for k < e-1 && (st.tok(k).Tag == "VBG" || st.tok(k).Tag == "VBN") && k-1 >= 0 && (strings.HasPrefix(st.tok(k-1).Tag, "VB") || st.tok(k-1).Tag == "RB" || st.tok(k-1).Tag == "MD") {
		k++
	}
	if k >= e {
		return phrase{}
	}
	return phrase{st.afterFrontedTime(k, e), e}
}

// afterFrontedTime returns where a noun phrase [k, e) starts once a fronted
// time adverbial written without a comma is left out ("Saturday at the
// state convention Sen. Elizabeth Warren said", "Earlier this month Mayor
// Ann Ruiz told"): after the time word that opens it (perhaps after this,
// last or next), at the name the phrase ends with and the title before
// that name, or else at the first word after the time word that is no
// preposition or article. k when the phrase does not open with a time
// word.
func (st *State) afterFrontedTime(k, e int) int {
	t := k
	switch st.lower(k) {
	case "this", "last", "next", "that", "each", "every":
		t++
	}
	if t >= e-1 || !st.isTimeWord(t) || !strings.HasPrefix(st.tok(t).Tag, "NN") {
		return k // no time word opens the phrase (a spokesman for the Tuesday Group)
	}
	if an := st.Analysis; an != nil {
		if m := an.MentionAt(st.tok(e - 1).Start); m >= 0 {
			h := st.Doc.TokenAt(an.Mentions[m].Start)
			if h <= t {
				return k // the time word is part of the name (the Tuesday Group)
			}
			for h-1 > t && st.tok(h-1).Tag == "NNP" {
				h-- // the title: Sen., Mayor
			}
			return h
		}
	}
	s := t + 1
	for s < e-1 && (isJoiner(st.lower(s)) || st.tok(s).Tag == "DT") {
		s++
	}
	return s
}

func isJoiner(w string) bool {
	switch w {
	case "of", "for", "at", "from", "with", "in", "on", "and", "'s", "\u2019s",
		"to", "inside", "within", "near", "among", "across", "outside", "under":
		return true
	}
	return false
}

// nounPhraseAfter returns the source phrase that starts at token s (after
// an inverted cue: said Kim Heung-kyu, a China expert at ...), ending at the
// clause end or hi.
func (st *State) nounPhraseAfter(s, hi int) phrase {
	k := s
	for k < hi && st.isNominal(k) && k-s < maxSourceTokens {
		k++
		if k < hi && isJoiner(st.lower(k)) && k+1 < hi && st.isNominal(k+1) {
			k++
		}
	}
	if k == s {
		return phrase{}
	}
	head := phrase{s, k}
	// Appositive: ", a professor at X," up to the next comma or clause end.
	if k < hi && st.tok(k).Text == "," && st.isNominal(k+1) {
		j := k + 1
		for j < hi && j-k <= maxSourceTokens && st.tok(j).Text != "," && !st.endsClause(j) {
			j++
		}
		if j > k+1 {
			return phrase{s, j}
		}
	}
	return head
}

// speakerFor turns a source phrase into a Speaker: the mention the phrase
// is about (outside quotations), else the phrase's head, with the name,
// kind, role and affiliation of that mention's entity. It returns nil when
// the phrase names nobody (it holds no noun). A pronoun takes the speaker
// of the nearest agreeing quote before offset at.
func (st *State) speakerFor(p phrase, at int, ev *Evidence) *Speaker {
	if p.empty() {
		return nil
	}
	src := st.span(p)
	an := st.Analysis
	if an != nil {
		// The mention the phrase is about: in "White House press secretary
		// Josh Earnest" that is Josh Earnest, whose source phrase covers
		// the most of it.
		// The name comes before any appositive: look there first.
		head := src
		rel := -1   // the relative pronoun that ends the head
		comma := -1 // the comma that ends it
		for k := p.From; k < p.To; k++ {
			if t := st.tok(k); t.Text == "," || k > p.From && (t.Tag == "WP" || t.Tag == "WDT") && st.verbBetween(k+1, p.To) {
				// Before an appositive, or a relative clause with a verb of
				// its own ("analysts who spoke to Reuters"; in "a process
				// that officials" the officials are the subject).
				head.End = t.Start
				if t.Text != "," {
					rel = k
				} else {
					comma = k
				}
				break
			}
		}
		m := an.Head(head)
		if m < 0 && rel >= 0 {
			// "Progressive groups that have endorsed him say": with no
			// mention in the head, the head's words are the speaker, not a
			// mention inside the relative clause.
			return st.fromTokens(phrase{p.From, rel}, src, at, ev)
		}
		if m < 0 && comma > p.From && st.properNouns(p.From, comma) {
			// "Andrew J. Tabler, an expert at the Washington Institute,":
			// a name the recognizer missed is still the head; the
			// appositive's organization is only where he works.
			return st.fromTokens(phrase{p.From, comma}, src, at, ev)
		}
		if h, _ := st.Doc.TokensIn(head); m >= 0 && an.MentionAt(head.Start) < 0 {
			// "One operative inside Trump Tower", "other advisers to the
			// island's government", "people briefed on the talks": the
			// head comes before the preposition or participle that starts
			// its modifier, and the mention there only says where or what.
			// A name before it ("Tabler of the institute") is the head
			// too; but in "many of the industries" the head is the
			// mention after "of", and in "a note from Jones' team" the
			// mention after "from" or "by" is whose words they are.
			mi, _ := st.Doc.TokensIn(an.Mentions[m].Span)
			q := -1 // the preposition that ends the head
			for k := mi - 1; k > h; k-- {
				if w := st.lower(k); w == "from" || w == "by" {
					q = -1 // "a letter from the mayor's office": the mention wrote it
					break
				}
				if st.modifierStart(k) {
					q = k
				}
			}
			if q > h && (st.lower(q) != "of" || st.properNouns(h, q)) && st.isNominal(q-1) {
				if sp := st.fromTokens(phrase{h, q}, src, at, ev); sp != nil {
					return sp
				}
			}
		}
		if f := an.MentionAt(head.Start); f >= 0 && f != m && an.Mentions[f].Start == head.Start && !an.Mentions[f].Pronoun {
			// "A spokesman for the prosecutor's office": the phrase's own
			// head comes first; a mention in its modifier only says whose.
			if _, j := st.Doc.TokensIn(an.Mentions[f].Span); st.modifierStart(j) && st.tok(j).End <= head.End {
				m = f
			}
		}
		if m >= 0 && st.possessor(m, head) {
			// "Her rival, Erik Holm," / "the nurses' union": the phrase is
			// about what the possessor has. A name in the appositive says
			// who; without one the phrase itself is the speaker.
			i, j := an.MentionsIn(entities.Span{Start: head.End, End: src.End})
			for k := i; k < j; k++ {
				if mk := an.Mentions[k]; !mk.Quoted && !mk.Pronoun && mk.Kind == entities.Person {
					return st.fromMention(k, src, at, ev)
				}
			}
			return st.fromTokens(p, src, at, ev)
		}
		if m >= 0 && !an.Mentions[m].Quoted {
			return st.fromMention(m, src, at, ev)
		}
		if m := an.Head(src); m >= 0 && !an.Mentions[m].Quoted {
			return st.fromMention(m, src, at, ev)
		}
		i, j := an.MentionsIn(src)
		for m := i; m < j; m++ {
			if !an.Mentions[m].Quoted {
				return st.fromMention(m, src, at, ev)
			}
		}
	}
	return st.fromTokens(p, src, at, ev)
}

// isParticipleTag reports whether a verb tag can stand for a past
// participle after a noun (the tagger often reads "briefed" in "diplomats
// briefed on the talks" as a finite verb).
func isParticipleTag(tag string) bool { return tag == "VBN" || tag == "VBD" || tag == "VBP" }

// modifierStart reports whether token k opens a modifier after a noun: a
// preposition or a participle ("a spokesman for ...", "people briefed on
// ...", "activists clamoring to ...", "a source close to ...").
func (st *State) modifierStart(k int) bool {
	if st.lower(k) == "close" && st.lower(k+1) == "to" {
		return true
	}
	switch st.tok(k).Tag {
	case "IN", "TO", "VBN", "VBG":
		return true
	case "VBD", "VBP":
		return st.tok(k+1).Tag == "IN" && strings.HasPrefix(st.tok(k-1).Tag, "NN")
	}
	return false
}

// properNouns reports whether tokens [s, e) are all proper nouns (a name
// with its initials).
func (st *State) properNouns(s, e int) bool {
	for k := s; k < e; k++ {
		if !strings.HasPrefix(st.tok(k).Tag, "NNP") {
			return false
		}
	}
	return e > s
}

// possessor reports whether mention m only determines the head phrase it
// stands in: a possessive pronoun (her rival) or a possessive noun
// (the nurses' union) followed by the noun that is the phrase's head.
func (st *State) possessor(m int, head entities.Span) bool {
	mn := st.Analysis.Mentions[m]
	if h, _ := st.Doc.TokensIn(head); mn.Start > st.tok(h).End {
		return false // inside a modifier (a spokesman for the prosecutor's office)
	}
	_, j := st.Doc.TokensIn(mn.Span)
	if mn.Pronoun {
		k, _ := st.Doc.TokensIn(mn.Span)
		if st.tok(k).Tag != "PRP$" {
			return false
		}
		j = k + 1
	} else if t := st.tok(j); t.Tag == "POS" || t.Text == "'" || t.Text == "\u2019" {
		j++
	} else {
		return false
	}
	return j < len(st.Doc.Tokens) && st.tok(j).End <= head.End && strings.HasPrefix(st.tok(j).Tag, "NN") && !strings.HasPrefix(st.tok(j).Tag, "NNP")
}

// fromMention builds a Speaker from mention m.
func (st *State) fromMention(m int, src entities.Span, at int, ev *Evidence) *Speaker {
	an := st.Analysis
	mn := an.Mentions[m]
	if !mn.Source.Empty() && mn.Source.Start >= src.Start && mn.Source.End > src.End {
		src.End = mn.Source.End
	}
	sp := &Speaker{Name: mn.Text, Type: mn.Kind, Span: mn.Span, Source: src, Role: mn.Role, Affiliation: mn.Affiliation, Entity: mn.Entity}
	if mn.Pronoun {
		ev.Flag("speaker.pronoun")
		if prev := st.previousSpeaker(at, mn.Gender, mn.Plural, mn.Kind); prev != nil {
			ev.Flag("speaker.pronoun.previous_quote")
			sp.Name, sp.Type, sp.Role, sp.Affiliation, sp.Entity = prev.Name, prev.Type, prev.Role, prev.Affiliation, prev.Entity
			return sp
		}
		if mn.Entity < 0 {
			ev.Flag("speaker.pronoun.unresolved")
		}
	}
	if mn.Entity >= 0 && mn.Entity < len(an.Entities) {
		e := an.Entities[mn.Entity]
		ev.Flag("speaker.entity")
		sp.Name, sp.Type = e.Name, e.Kind
		if e.Role != "" && sp.Role == "" {
			sp.Role = e.Role
		}
		if e.Affiliation != "" && sp.Affiliation == "" {
			sp.Affiliation = e.Affiliation
		}
	}
	if sp.Type == entities.Unknown {
		sp.Type = entities.Person
	}
	return sp
}

// fromTokens builds a Speaker from a phrase the entity analysis has no
// mention for, typing it by its words: a pronoun, a proper name, a plural
// noun (a group) or a singular one (an anonymous source).
func (st *State) fromTokens(p phrase, src entities.Span, at int, ev *Evidence) *Speaker {
	// The head: the phrase up to its first comma, parenthesis or joiner.
	h := p.From
	for h < p.To && st.tok(h).Text != "," && st.tok(h).Text != "(" {
		h++
	}
	head := phrase{p.From, h}
	if head.empty() {
		return nil
	}
	hasNoun := false
	proper, plural := false, false
	for i := head.From; i < head.To; i++ {
		tag := st.tok(i).Tag
		if strings.HasPrefix(tag, "NN") || tag == "PRP" || tag == "CD" {
			hasNoun = true
		}
		if strings.HasPrefix(tag, "NNP") {
			proper = true
		}
		if tag == "NNS" || tag == "NNPS" {
			plural = true
		}
	}
	if !hasNoun {
		return nil
	}
	ev.Flag("speaker.no_mention")
	sp := &Speaker{Name: st.span(head).In(st.Doc.Text), Span: st.span(head), Source: src, Entity: -1}
	if t := st.tok(head.From); t.Tag == "DT" && head.To-head.From > 1 && st.sentenceInitial(head.From) {
		// "The airport operator confirmed": a common noun phrase keeps no
		// capital from the start of its sentence.
		sp.Name = strings.ToLower(sp.Name[:1]) + sp.Name[1:]
	}
	if head.To-head.From == 1 && st.tok(head.From).Tag == "PRP" {
		pk, ok := pronounKinds[st.lower(head.From)]
		if !ok {
			return nil
		}
		ev.Flag("speaker.pronoun")
		sp.Type = pk.kind
		if prev := st.previousSpeaker(at, pk.gender, pk.plural, pk.kind); prev != nil {
			ev.Flag("speaker.pronoun.previous_quote")
			sp.Name, sp.Type, sp.Role, sp.Affiliation, sp.Entity = prev.Name, prev.Type, prev.Role, prev.Affiliation, prev.Entity
		} else {
			ev.Flag("speaker.pronoun.unresolved")
		}
		return sp
	}
	switch {
	case proper && !plural:
		sp.Type = entities.Person
	case plural:
		sp.Type = entities.Group
	default:
		sp.Type = entities.Anonymous
	}
	return sp
}

// previousSpeaker returns the speaker of the nearest quote before offset, within
// the same or the two previous paragraphs, that a pronoun of the given
// gender, number and kind can refer to.
func (st *State) previousSpeaker(offset int, g entities.Gender, plural bool, kind entities.Kind) *Speaker {
	doc := st.Doc
	para := doc.ParagraphAt(offset)
	for k := len(st.Quotes) - 1; k >= 0; k-- {
		q := st.Quotes[k]
		if q.Start >= offset {
			continue
		}
		if p := doc.ParagraphAt(q.Start); para-p > 2 {
			break
		}
		if q.Speaker == nil {
			continue
		}
		if agrees(st.Analysis, q.Speaker, g, plural, kind) {
			return q.Speaker
		}
		return nil
	}
	return nil
}

// agrees reports whether a pronoun of gender g, number and kind can refer
// to speaker s.
func agrees(an *entities.Analysis, s *Speaker, g entities.Gender, plural bool, kind entities.Kind) bool {
	switch kind {
	case entities.Person:
		if s.Type != entities.Person && s.Type != entities.Anonymous {
			return false
		}
		if an != nil && s.Entity >= 0 && s.Entity < len(an.Entities) {
			eg := an.Entities[s.Entity].Gender
			if eg != entities.AnyGender && g != entities.AnyGender && eg != g {
				return false
			}
		}
		return true
	case entities.Organization:
		return s.Type == entities.Organization
	case entities.Group:
		return s.Type == entities.Group || s.Type == entities.Organization
	}
	return false
}

// sentenceInitial reports whether token k opens its sentence (after any
// dateline or quotation mark).
func (st *State) sentenceInitial(k int) bool {
	if k == 0 {
		return true
	}
	p := st.tok(k - 1)
	if st.paragraphOf(st.tok(k).Start).Start > p.Start {
		return true
	}
	switch p.Text {
	case ".", "!", "?", "--", "\u2014", ":":
		return true
	}
	return isQuoteTag(p.Tag)
}
