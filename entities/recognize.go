package entities

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Recognizer finds the people, organizations, places and groups of a
// [Document], their roles and affiliations, and which mentions refer to the
// same entity. It holds only the shared, read-only word lists and is safe
// for concurrent use.
//
// Recognize works by rule over the tagger's part-of-speech tags and the
// word lists in data/ (titles and nouns for people, head words of
// organization and place names, countries with their capitals and
// adjectives, U.S. states, parties, first names with their gender):
//   - Names are runs of proper nouns, joined across "of", "for", "and" and
//     "&" inside organization names (Center for Strategic and International
//     Studies) and across name particles (bin, von, de). A title inside the
//     run (Chinese President Xi Jinping) is split off the name.
//   - A run is an organization when it ends in an organization word
//     (University, Agency, Times) or is an acronym, a place when it is a
//     country, capital or state, and a person when it starts with a first
//     name, follows a title or an honorific, or has an appositive role.
//     Countries and capitals that are the subject of a verb (Pyongyang
//     wants) are organizations: the government speaking.
//   - Nouns for people make groups (analysts, U.S. officials), anonymous
//     sources (a ministry official, a person familiar with the talks) and
//     definite nominals (the senator), and organization words make nominal
//     organizations (the ministry, Seoul's foreign ministry).
//   - Roles and affiliations come from titles before a name, appositives
//     after it, a party and state in parentheses, and possessive anchors;
//     an anonymous source named by an organization noun takes the nearest
//     earlier organization with that noun as its affiliation.
//   - Names are clustered by their words; a bare surname joins the person
//     the article already calls by it, or the one named in the same or the
//     previous sentence. Pronouns take the most salient earlier mention
//     that agrees in gender, number and kind, never one inside a quotation
//     when the pronoun is outside it.
type Recognizer struct {
	lx *lexicon
}

// NewRecognizer returns a Recognizer. The word lists are parsed on the
// first call and shared by every later one.
func NewRecognizer() (*Recognizer, error) {
	return &Recognizer{lx: loadLexicon()}, nil
}

// Recognize finds the mentions in doc and clusters them into entities.
// quoted are the spans of quotations (their content): mentions inside them
// are marked Quoted and are never antecedents of a pronoun outside them.
// quoted need not be sorted. Recognize returns ctx's error when ctx is done,
// and an empty Analysis for a nil or empty Document.
func (r *Recognizer) Recognize(ctx context.Context, doc *Document, quoted []Span) (*Analysis, error) {
	if ctx == nil {
		return nil, ErrNilContext
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	an := &Analysis{Mentions: []Mention{}, Entities: []Entity{}}
	if doc == nil || len(doc.Tokens) == 0 {
		return an, nil
	}
	lx := r.lx
	if lx == nil {
		lx = loadLexicon()
	}
	st := newState(lx, doc, quoted)
	st.findNames()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.findNominals()
	st.findPronouns()
	st.finishCandidates()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.cluster()
	st.resolvePronouns()
	return st.analysis(), ctx.Err()
}

// cand is a mention being built, with the token ranges the rules work on.
type cand struct {
	// from, to is the token range of the mention's Span; srcFrom, srcTo
	// the range of its Source.
	from, to       int
	srcFrom, srcTo int
	kind           Kind
	role, aff      string
	// affNominal is an organization word (ministry) whose organization is
	// looked for in the context once entities are named.
	affNominal string
	// national marks a national title with no country (President).
	national bool
	pronoun  bool
	gender   Gender
	plural   bool
	conf     float64
	// proper marks names; nominal marks noun phrases (analysts, the
	// ministry); definite marks nominals with the, this or that.
	proper   bool
	nominal  bool
	definite bool
	// head is the lower-case head word.
	head string
	// canonical is the name a place or party is clustered by (United
	// States for U.S.).
	canonical string
	// acronym is the acronym defined after an organization's name.
	acronym string
	// possessive marks a name followed by 's.
	possessive bool
	// place marks names of places, which keep their place key when they
	// act as organizations.
	place bool
	// hinted marks a name typed an organization only because it
	// affiliates a title holder; a person's name may still claim it.
	hinted bool
	// cutDot drops the sentence's period that the tokenizer left on the
	// last word of the name.
	cutDot bool
	// subject marks a mention followed by a finite verb.
	subject bool
	quoted  bool
	// quote is the index of the quotation that holds the mention, or -1.
	quote   int
	removed bool
	// pronounForm is the lower-case pronoun.
	pronounForm string
	entity      int
	// antecedent is the candidate a pronoun or nominal was resolved to.
	antecedent int
}

// state is the working memory of one Recognize call.
type state struct {
	lx   *lexicon
	doc  *Document
	text string
	toks []Token
	n    int
	// lower and upper are every token in lower case and whether it starts
	// with a capital letter.
	lower []string
	upper []bool
	// first marks tokens whose capital says nothing: the first word of a
	// sentence or of a quotation, and the words of a headline.
	first []bool
	// headline marks the words of a title-case headline.
	headline []bool
	// sent and para number every token's sentence and paragraph.
	sent []int
	para []int
	// owner is the candidate that claims a token, or -1; inSrc marks tokens
	// of a source phrase (a title, an appositive).
	owner []int
	inSrc []bool
	// affHint marks tokens read as an affiliation (the Allianz of an
	// economist at Allianz).
	affHint []bool
	// quoted are the quotations, sorted.
	quoted []Span
	cands  []*cand
	ents   []*ent

	// docProper holds words tagged as proper nouns mid-sentence somewhere
	// in the text; lowerSeen holds capitalised words also written in lower
	// case (common words).
	docProper map[string]bool
	lowerSeen map[string]bool
	// runWords holds the words of names of two or more words found so far.
	runWords map[string]bool
	// dateline is the country of the dateline's city, or "".
	dateline string
	// compass caches compassCountry's answers.
	compass map[string]string
	// sentStart holds the first token of every sentence.
	sentStart []int
}

func newState(lx *lexicon, doc *Document, quoted []Span) *state {
	n := len(doc.Tokens)
	st := &state{
		lx:        lx,
		doc:       doc,
		text:      doc.Text,
		toks:      doc.Tokens,
		n:         n,
		lower:     make([]string, n),
		upper:     make([]bool, n),
		first:     make([]bool, n),
		headline:  make([]bool, n),
		sent:      make([]int, n),
		para:      make([]int, n),
		owner:     make([]int, n),
		inSrc:     make([]bool, n),
		affHint:   make([]bool, n),
		docProper: make(map[string]bool, 64),
		runWords:  make(map[string]bool, 64),
		compass:   make(map[string]string, 2),
		lowerSeen: make(map[string]bool, 64),
	}
	st.quoted = append([]Span(nil), quoted...)
	sort.Slice(st.quoted, func(i, j int) bool { return st.quoted[i].Start < st.quoted[j].Start })
	for i, t := range doc.Tokens {
		st.owner[i] = -1
		st.lower[i] = strings.ToLower(t.Text)
		r, _ := utf8.DecodeRuneInString(t.Text)
		st.upper[i] = unicode.IsUpper(r)
	}
	st.layout()
	// lowerSeen only needs the words that are also written with a capital.
	capital := make(map[string]bool, n/8+16)
	for i, t := range doc.Tokens {
		if !st.upper[i] {
			continue
		}
		lw := st.lower[i]
		capital[lw] = true
		if !st.first[i] && (t.Tag == "NNP" || t.Tag == "NNPS") {
			st.docProper[lw] = true
		}
	}
	for i, t := range doc.Tokens {
		if !st.upper[i] && capital[t.Text] {
			st.lowerSeen[t.Text] = true
		}
	}
	st.dateline = st.findDateline()
	return st
}

// layout assigns every token its sentence and paragraph, and marks the
// tokens whose capital letter says nothing: the first word of a sentence,
// of a quotation, and every word of a headline written in title case.
func (st *state) layout() {
	doc := st.doc
	si, pi, num := 0, 0, 0
	for i, t := range st.toks {
		prevSi, prevPi := si, pi
		for si+1 < len(doc.Sentences) && doc.Sentences[si].End <= t.Start {
			si++
		}
		for pi+1 < len(doc.Paragraphs) && doc.Paragraphs[pi].End <= t.Start {
			pi++
		}
		// The segmenter sometimes ends a sentence after a title or an
		// initial (Mr. Hedge, Donald J. Trump); such a break is ignored.
		if i > 0 && (pi != prevPi || si != prevSi && !st.abbreviation(i-1)) {
			num++
		}
		st.sent[i] = num
		st.para[i] = pi
	}
	startNext := true
	for i := range st.toks {
		if i > 0 && (st.sent[i] != st.sent[i-1] || st.para[i] != st.para[i-1]) {
			startNext = true
			st.sentStart = append(st.sentStart, i)
		} else if i == 0 {
			st.sentStart = append(st.sentStart, 0)
		}
		if st.isQuote(i) || st.toks[i].Text == "(" || st.toks[i].Text == "--" || st.toks[i].Text == "-" || st.toks[i].Text == "\u2014" {
			if st.isQuote(i) && i > 0 && (st.toks[i-1].Text == ":" || st.toks[i-1].Text == ",") {
				startNext = true
			}
			if !st.isQuote(i) && st.toks[i].Text != "(" && i > 0 && st.toks[i-1].Text == ")" {
				startNext = true // a dateline: SEOUL, Jan. 10 (Yonhap) -- Analysts said
			}
			continue
		}
		if startNext {
			st.first[i] = true
			startNext = false
		}
		if st.toks[i].Text == ":" {
			startNext = true
		}
	}
	// Headlines in title case: most words capitalised.
	for p := 0; p < len(doc.Paragraphs); p++ {
		i, j := doc.TokensIn(doc.Paragraphs[p])
		words, caps, lowerLong := 0, 0, 0
		for k := i; k < j; k++ {
			if isWord(st.toks[k].Text) {
				words++
				if st.upper[k] {
					caps++
				} else if len(st.toks[k].Text) > 3 && !functionTags[st.toks[k].Tag] {
					lowerLong++
				}
			}
		}
		if words >= 4 && caps*10 >= words*6 && lowerLong == 0 {
			for k := i; k < j; k++ {
				st.first[k] = true
				st.headline[k] = true
			}
		}
	}
}

// abbreviation reports whether token i is a title abbreviation or an
// initial, after which a sentence does not end.
func (st *state) abbreviation(i int) bool {
	t := st.toks[i].Text
	if t == "." && i > 0 && st.initial(i-1) {
		return true
	}
	if !strings.HasSuffix(t, ".") {
		return false
	}
	if pn, ok := st.lx.people[st.lower[i]]; ok && (pn.Honorific || pn.Full != "") {
		return true
	}
	r, n := utf8.DecodeRuneInString(t)
	return n+1 == len(t) && unicode.IsUpper(r)
}

// initial reports whether token i is a single capital letter (the J of
// Donald J. Trump when the tokenizer splits off its period).
func (st *state) initial(i int) bool {
	t := st.toks[i].Text
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && unicode.IsUpper(r)
}

// trailingDot reports whether token i is a name that swallowed the period
// ending its sentence (Xi. at the end of a sentence): it ends in a period,
// is no abbreviation or initial, and the next token starts a new sentence.
func (st *state) trailingDot(i int) bool {
	t := st.toks[i].Text
	if len(t) < 3 || !strings.HasSuffix(t, ".") || strings.Count(t, ".") > 1 || st.abbreviation(i) {
		return false
	}
	if _, ok := st.lx.states[st.lower[i]]; ok {
		return false
	}
	if _, ok := st.lx.people[st.lower[i]]; ok {
		return false
	}
	if st.lx.notNames[st.lower[i]] {
		return false
	}
	return i+1 >= st.n || !st.sameSentence(i, i+1) || st.upper[i+1]
}

// findDateline returns the country of a dateline city (SEOUL, Jan. 10
// (Yonhap) --) in the first paragraphs, or "".
func (st *state) findDateline() string {
	for p := 0; p < len(st.doc.Paragraphs) && p < 8; p++ {
		i, j := st.doc.TokensIn(st.doc.Paragraphs[p])
		if j-i < 3 {
			continue
		}
		dash := false
		for k := i; k < j && k < i+14; k++ {
			if t := st.toks[k].Text; t == "--" || t == "\u2014" || t == "\u2013" || t == "-" {
				dash = true
				break
			}
		}
		if !dash {
			continue
		}
		for w := 3; w >= 1; w-- {
			if i+w > j {
				continue
			}
			key := st.joinLower(i, i+w)
			if c, ok := st.lx.capitals[key]; ok {
				return c
			}
			if c, ok := st.lx.places[key]; ok {
				if _, isCountry := st.lx.places[strings.ToLower(c)]; isCountry && st.lx.capitals[key] == "" {
					if _, isState := st.lx.states[key]; !isState {
						continue
					}
					return "United States"
				}
			}
		}
	}
	return ""
}

// finishCandidates sorts the candidates, drops the removed and overlapping
// ones, and marks the quoted ones and the subjects.
func (st *state) finishCandidates() {
	kept := st.cands[:0]
	for _, c := range st.cands {
		if !c.removed && c.to > c.from {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].from < kept[j].from })
	out := kept[:0]
	last := -1
	for _, c := range kept {
		if c.from < last {
			continue
		}
		out = append(out, c)
		last = c.to
	}
	st.cands = out
	for _, c := range st.cands {
		if c.srcFrom > c.from || c.srcFrom < 0 {
			c.srcFrom = c.from
		}
		if c.srcTo < c.to || c.srcTo > st.n {
			c.srcTo = c.to
		}
		c.quote = st.quoteOf(st.spanOf(c))
		c.quoted = c.quote >= 0
		c.subject = st.isSubject(c)
		c.entity = -1
		c.antecedent = -1
		if c.kind == Place && c.subject && !c.possessive && st.actsAsGovernment(c) {
			c.kind = Organization
			c.conf = 0.75
		}
	}
}

// spanOf returns the byte span of a candidate's mention.
func (st *state) spanOf(c *cand) Span {
	end := st.toks[c.to-1].End
	if c.cutDot && end-1 > st.toks[c.from].Start {
		end--
	}
	return Span{st.toks[c.from].Start, end}
}

// sourceOf returns the byte span of a candidate's source phrase.
func (st *state) sourceOf(c *cand) Span {
	end := st.toks[c.srcTo-1].End
	if c.srcTo == c.to && c.cutDot && end-1 > st.toks[c.srcFrom].Start {
		end--
	}
	return Span{st.toks[c.srcFrom].Start, end}
}

// quoteOf returns the index of the quotation that holds s, or -1.
func (st *state) quoteOf(s Span) int {
	q := st.quoted
	i := sort.Search(len(q), func(k int) bool { return q[k].Start > s.Start })
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if q[k].Contains(s) {
			return k
		}
	}
	return -1
}

// isSubject reports whether the candidate is followed, past its source
// phrase and any adverb, by a finite verb.
func (st *state) isSubject(c *cand) bool {
	j := c.srcTo
	if c.possessive {
		return false
	}
	for k := 0; k < 3 && j < st.n && (st.toks[j].Tag == "RB" || st.toks[j].Text == ","); k++ {
		if st.toks[j].Text == "," && c.srcTo == c.to {
			return false
		}
		j++
	}
	return j < st.n && st.isFiniteVerb(j)
}

// actsAsGovernment reports whether a place that is the subject of a verb
// stands for its government: a country or capital not inside a
// prepositional phrase (between the U.S. and North Korea).
func (st *state) actsAsGovernment(c *cand) bool {
	for k := c.from - 1; k >= 0 && st.sameSentence(k, c.from) && c.from-k < 12; k-- {
		switch st.toks[k].Tag {
		case "IN", "TO":
			switch st.lower[k] {
			case "that", "if", "because", "as", "while", "since", "although", "though", "unless", "whether", "after", "before", "when":
				return true
			}
			return false
		case "VBD", "VBZ", "VBP", "MD", ",", ":", "WDT", "WP", "WRB":
			return true
		}
		if st.isQuote(k) {
			return true
		}
	}
	return true
}

// analysis turns the clustered candidates into the exported result.
func (st *state) analysis() *Analysis {
	an := &Analysis{Mentions: make([]Mention, 0, len(st.cands)), Entities: []Entity{}}
	for _, c := range st.cands {
		m := Mention{
			Span:        st.spanOf(c),
			Kind:        c.kind,
			Source:      st.sourceOf(c),
			Role:        c.role,
			Affiliation: c.aff,
			Pronoun:     c.pronoun,
			Gender:      c.gender,
			Plural:      c.plural,
			Quoted:      c.quoted,
			Entity:      c.entity,
			Confidence:  clamp01(c.conf),
		}
		m.Text = m.Span.In(st.text)
		an.Mentions = append(an.Mentions, m)
	}
	an.Entities = st.entities(an)
	return an
}

func clamp01(f float64) float64 {
	switch {
	case f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// isWord reports whether s starts with a letter.
func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// joinLower returns the lower-case words of tokens [i, j) joined by single
// spaces.
func (st *state) joinLower(i, j int) string {
	if j-i == 1 {
		return st.lower[i]
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(st.lower[k])
	}
	return b.String()
}

// textOf returns the text as written from token i to token j-1.
func (st *state) textOf(i, j int) string {
	if i < 0 || j > st.n || i >= j {
		return ""
	}
	return st.text[st.toks[i].Start:st.toks[j-1].End]
}

// isQuote reports whether token i is a quotation mark.
func (st *state) isQuote(i int) bool {
	if i < 0 || i >= st.n {
		return false
	}
	tag := st.toks[i].Tag
	return tag == "``" || tag == "''"
}

// isFiniteVerb reports whether token i is a finite verb or a modal.
func (st *state) isFiniteVerb(i int) bool {
	if i < 0 || i >= st.n {
		return false
	}
	switch st.toks[i].Tag {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// isNoun reports whether token i is tagged as a noun.
func (st *state) isNoun(i int) bool {
	return i >= 0 && i < st.n && strings.HasPrefix(st.toks[i].Tag, "NN")
}

// sameSentence reports whether tokens i and j are in one sentence.
func (st *state) sameSentence(i, j int) bool {
	return i >= 0 && j >= 0 && i < st.n && j < st.n && st.sent[i] == st.sent[j] && st.para[i] == st.para[j]
}
