package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds names: runs of proper nouns, split into a title and a
// name where a title leads the run, and typed as organizations, places,
// people or groups.

// functionTags are tags of words that never start or continue a name, even
// capitalised.
var functionTags = map[string]bool{
	"PRP": true, "PRP$": true, "DT": true, "IN": true, "CC": true, "WP": true, "WP$": true,
	"WDT": true, "WRB": true, "EX": true, "TO": true, "MD": true, "PDT": true, "POS": true,
	"UH": true, "RP": true,
}

// nameParticles are lower-case words inside personal names (Osama bin
// Laden, Ursula von der Leyen, Charles de Gaulle).
var nameParticles = map[string]bool{
	"bin": true, "ibn": true, "al": true, "el": true, "von": true, "van": true, "der": true, "den": true,
	"de": true, "da": true, "di": true, "du": true, "le": true, "la": true, "del": true, "della": true, "dos": true,
}

// sentenceModifiers are capitalised words that open a sentence before a
// title rather than a name (Former Gov. George Pell).
var sentenceModifiers = map[string]bool{
	"former": true, "top": true, "vice": true, "deputy": true, "acting": true, "interim": true, "senior": true,
	"chief": true, "assistant": true, "associate": true,
}

// findNames claims every run of proper nouns and turns it into mentions.
func (st *state) findNames() {
	for i := 0; i < st.n; {
		if st.owner[i] >= 0 || !st.properAt(i) {
			i++
			continue
		}
		j := st.runEnd(i)
		st.classifyRun(i, j)
		if j <= i {
			j = i + 1
		}
		i = j
	}
}

// properAt reports whether token i can be part of a name: a capitalised
// word that is not a function word, trusted mid-sentence and, at the start
// of a sentence, only when the word is known as a name or stands before
// another proper noun.
func (st *state) properAt(i int) bool {
	if i < 0 || i >= st.n || st.isQuote(i) {
		return false
	}
	if !st.upper[i] {
		return !st.first[i] && i > 0 && st.upper[i-1] && particleName(st.toks[i].Text)
	}
	t := st.toks[i]
	if !isWord(t.Text) || functionTags[t.Tag] {
		return false
	}
	lw := st.lower[i]
	if st.lx.notNames[lw] {
		return false
	}
	if !st.first[i] {
		return true
	}
	if st.lowerSeen[lw] && !st.docProper[lw] && st.lx.firstNames[lw] == AnyGender || determiners[lw] || descriptors[lw] || sentenceModifiers[lw] {
		return false
	}
	if st.runWords[lw] || st.lx.firstNames[lw] != AnyGender || st.lx.places[lw] != "" || st.lx.adjectives[lw] != "" ||
		len(lw) > 1 && st.lx.parties[lw] != "" {
		return true
	}
	if strings.HasPrefix(t.Tag, "VB") {
		return false
	}
	if st.docProper[lw] || isAcronym(t.Text) {
		return true
	}
	// A single name that opens a sentence and is its subject (Kim said).
	if t.Tag == "NNP" || t.Tag == "NN" || t.Tag == "RB" || t.Tag == "JJ" {
		j := i + 1
		if j < st.n && st.toks[j].Tag == "RB" {
			j++
		}
		if st.isFiniteVerb(j) {
			return true
		}
	}
	nnp := t.Tag == "NNP" || t.Tag == "NNPS"
	if i+1 < st.n && st.sameSentence(i, i+1) && st.lower[i+1] == "&" && st.properAt(i+2) {
		return true
	}
	// The first word of a name whose second word is mid-sentence (the
	// tagger often misses a name at the start of a sentence).
	if (nnp || t.Tag == "NN" || t.Tag == "JJ") && i+1 < st.n && st.sameSentence(i, i+1) && st.upper[i+1] && !st.first[i+1] &&
		!st.lx.notNames[st.lower[i+1]] && st.properAt(i+1) {
		return true
	}
	// A title or an honorific that opens a sentence (Sen. Warren said).
	if pn, ok := st.lx.people[lw]; ok && (pn.Title || pn.Honorific) && st.properAt(i+1) && !st.first[i+1] {
		return true
	}
	return false
}

// particleName reports whether a lower-case word is a name written with an
// Arabic article (el-Qaddafi, al-Assad).
func particleName(s string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "bin-"} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			r, _ := utf8.DecodeRuneInString(s[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// isAcronym reports whether s is two or more capital letters, possibly with
// dots or an ampersand (NATO, U.N., AT&T).
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}

// runEnd returns the end of the name run that starts at token i.
func (st *state) runEnd(i int) int {
	j := i + 1
	joined := false
	for j < st.n && st.owner[j] < 0 && st.sameSentence(i, j) {
		if st.properAt(j) && (!st.first[j] || st.headline[j] && st.headline[i]) {
			j++
			continue
		}
		lw := st.lower[j]
		// A month or another word that is no name on its own, after a first
		// name or a title (Theresa May, Mrs. May).
		if st.lx.notNames[lw] && st.upper[j] && j == i+1 && st.nameLead(j-1) {
			j++
			continue
		}
		// An Irish or Italian name split at its apostrophe (O ' Malley).
		if st.apostropheName(j) {
			j += 2
			continue
		}
		// An initial whose period the tokenizer split off (Donald J .
		// Trump).
		if st.toks[j].Text == "." && st.initial(j-1) && j+1 < st.n && st.properAt(j+1) {
			j += 2
			continue
		}
		k := j
		for k < st.n && nameParticles[st.lower[k]] && !st.upper[k] {
			k++
		}
		if k > j && st.properAt(k) && st.sameSentence(i, k) {
			j = k + 1
			continue
		}
		if j+1 < st.n && st.properAt(j+1) && !st.first[j+1] && st.sameSentence(i, j+1) {
			switch {
			case lw == "&":
				j += 2
				continue
			case lw == "of" || lw == "for" || lw == "on":
				if st.joinsName(j) {
					joined = true
					j += 2
					continue
				}
			case lw == "and":
				if joined {
					j += 2
					continue
				}
			}
		}
		break
	}
	return j
}

// apostropheName reports whether token j is an apostrophe that joins a
// single capital to a name with no space (O'Malley, D'Angelo), which the
// tokenizer may have split off as a quotation mark.
func (st *state) apostropheName(j int) bool {
	if j < 1 || j+1 >= st.n || !st.initial(j-1) || !st.upper[j+1] {
		return false
	}
	if t := st.toks[j].Text; t != "'" && t != "\u2019" {
		return false
	}
	return st.toks[j].Start == st.toks[j-1].End && st.toks[j+1].Start == st.toks[j].End
}

// stateAt reports whether a U.S. state, written out or abbreviated, starts
// at token i (Texas, Calif., Miss .), and returns it.
func (st *state) stateAt(i int) (string, bool) {
	if i < 0 || i >= st.n || !st.upper[i] {
		return "", false
	}
	if s, ok := st.lx.states[st.lower[i]]; ok && len(st.lower[i]) > 2 {
		return s, true
	}
	if i+1 < st.n && st.toks[i+1].Text == "." && st.toks[i+1].Start == st.toks[i].End {
		if s, ok := st.lx.states[st.lower[i]+"."]; ok {
			return s, true
		}
	}
	if i+1 < st.n {
		if s, ok := st.lx.states[st.joinLower(i, i+2)]; ok {
			return s, true
		}
	}
	return "", false
}

// nameLead reports whether token i is a first name, a title or an
// honorific.
func (st *state) nameLead(i int) bool {
	if st.lx.firstNames[st.lower[i]] != AnyGender {
		return true
	}
	pn, ok := st.lx.people[st.lower[i]]
	return ok && (pn.Title || pn.Honorific)
}

// joinsName reports whether the preposition at token j continues a name:
// after an organization or place word (Bank of America, Council on Foreign
// Relations, Gulf of Mexico) or inside a title written with "of"
// (Secretary of State).
func (st *state) joinsName(j int) bool {
	if j < 1 {
		return false
	}
	prev := st.lower[j-1]
	if h, ok := st.lx.heads[prev]; ok && h.Class != headOther {
		return true
	}
	switch prev {
	case "republic", "kingdom", "people's", "federation", "states", "emirates", "union":
		return true
	}
	if j+1 < st.n {
		for w := 1; w <= 2 && j-w >= 0; w++ {
			if pn, ok := st.lx.people[st.joinLower(j-w, j+2)]; ok && pn.Title {
				return true
			}
		}
	}
	return false
}

// headOf returns the head-word entry of token i.
func (st *state) headOf(i int) (headWord, bool) {
	if i < 0 || i >= st.n {
		return headWord{}, false
	}
	h, ok := st.lx.heads[st.lower[i]]
	return h, ok
}

// orgRun reports whether the run [a, b) names an organization: it ends in
// an organization word, or one stands before its first "of", "for" or "on"
// (Ministry of Foreign Affairs).
func (st *state) orgRun(a, b int) bool {
	if h, ok := st.headOf(b - 1); ok && h.Class == headOrg {
		return true
	}
	for k := a + 1; k < b-1; k++ {
		switch st.lower[k] {
		case "of", "for", "on":
			h, ok := st.headOf(k - 1)
			return ok && h.Class == headOrg
		}
	}
	return false
}

// classifyRun turns the run [a, b) into mentions, trying in order: an
// organization word at the end (or before of), names joined by &, a
// title that opens the run, a known place, a state or a city before a
// state, a place or event word at the end, a run of descriptors (a
// nationality, a party, a title), the North for North Korea, an acronym,
// a heading in capitals, an affiliation read earlier, and last a person
// (Unknown when nothing says so).
func (st *state) classifyRun(a, b int) {
	if b <= a {
		return
	}
	if b-a >= 2 {
		for k := a; k < b; k++ {
			st.runWords[st.lower[k]] = true
		}
	}
	if st.orgRun(a, b) {
		st.addOrg(a, b, 0.9)
		return
	}
	for k := a + 1; k < b-1; k++ {
		if st.toks[k].Text == "&" {
			st.addOrg(a, b, 0.75)
			return
		}
	}
	if e, ok := st.titleSplit(a, b); ok {
		st.addPerson(a, e, b)
		return
	}
	if canon, ok := st.placeName(a, b); ok {
		st.addPlace(a, b, canon, 0.9)
		return
	}
	// A state's abbreviation (Calif.), and a city before a state
	// (Baldwin, Miss.).
	if s, ok := st.stateAt(a); ok && b-a <= 2 && (b-a == 1 || strings.Contains(s, " ")) {
		st.addPlace(a, b, s, 0.85)
		return
	}
	if b+1 < st.n && st.toks[b].Text == "," {
		if _, ok := st.stateAt(b + 1); ok && st.lx.firstNames[st.lower[a]] == AnyGender {
			st.addPlace(a, b, st.textOf(a, b), 0.8)
			return
		}
	}
	last := st.lower[b-1]
	if h, ok := st.lx.heads[last]; ok && b-a >= 2 {
		switch h.Class {
		case headOther:
			return
		case headPlace:
			st.addPlace(a, b, st.textOf(a, b), 0.8)
			return
		}
	}
	// A place followed by words that are no name (Beijing Olympics) ends
	// above; a nationality adjective, a party word or a title alone is no
	// mention, but a plural of one is a group (Americans, Republicans).
	if st.descriptorRun(a, b) {
		if b-a == 1 {
			st.addProperGroup(a)
		}
		return
	}
	// "the North" and "the South" for a country named in the article.
	if b-a == 1 && a > 0 && st.lower[a-1] == "the" && (last == "north" || last == "south") {
		if c := st.compassCountry(st.toks[a].Text); c != "" {
			st.addPlace(a-1, b, c, 0.8)
			return
		}
	}
	if b-a == 1 && isAcronym(st.toks[a].Text) {
		st.addOrg(a, b, 0.6)
		return
	}
	if b-a >= 2 && st.allCaps(a, b) {
		return
	}
	if st.affHint[a] && st.affHint[b-1] && st.lx.firstNames[st.lower[a]] == AnyGender {
		st.addOrg(a, b, 0.6)
		st.cands[len(st.cands)-1].hinted = true
		return
	}
	st.addPerson(a, a, b)
}

// allCaps reports whether every word of [a, b) is written in capitals (a
// heading such as FULL TEXT).
func (st *state) allCaps(a, b int) bool {
	for k := a; k < b; k++ {
		t := st.toks[k].Text
		if !isWord(t) || strings.ToUpper(t) != t {
			return false
		}
	}
	return true
}

// descriptorRun reports whether every word of the run describes rather than
// names: nationality adjectives, party words, titles.
func (st *state) descriptorRun(a, b int) bool {
	if _, ok := st.lx.adjectives[st.joinLower(a, b)]; ok {
		return true
	}
	for k := a; k < b; k++ {
		lw := st.lower[k]
		if _, ok := st.lx.adjectives[lw]; ok {
			continue
		}
		if p, ok := st.lx.parties[lw]; ok && len(lw) > 1 && p != "" {
			continue
		}
		if pn, ok := st.lx.people[lw]; ok && (pn.Title || pn.Honorific || pn.Group) {
			continue
		}
		if roleModifierCaps[lw] {
			continue
		}
		return false
	}
	return true
}

// compassCountry returns the country the article names that starts with
// the compass word w (North Korea for "North"), or "".
func (st *state) compassCountry(w string) string {
	if c, ok := st.compass[w]; ok {
		return c
	}
	c := ""
	for _, country := range []string{" Korea", " Sudan"} {
		if strings.Contains(st.text, w+country) {
			c = w + country
			break
		}
	}
	st.compass[w] = c
	return c
}

// placeName reports whether the run [a, b) is a known place and returns its
// canonical name.
func (st *state) placeName(a, b int) (string, bool) {
	if b-a > st.lx.placeWords {
		return "", false
	}
	key := st.joinLower(a, b)
	if c, ok := st.lx.places[key]; ok {
		return c, true
	}
	if strings.HasPrefix(key, "the ") {
		c, ok := st.lx.places[strings.TrimPrefix(key, "the ")]
		return c, ok
	}
	return "", false
}

// titleSplit finds the start of the name in a run that opens with a title
// (Chinese President Xi Jinping, White House Press Secretary Josh Earnest).
func (st *state) titleSplit(a, b int) (int, bool) {
	for e := b - 1; e > a; e-- {
		s, pn, ok := st.titleEndingAt(e-1, a)
		if !ok || s < a {
			continue
		}
		if pn.Honorific || st.nameCore(e, b) {
			return e, true
		}
	}
	return 0, false
}

// nameCore reports whether [e, b) can be a personal name.
func (st *state) nameCore(e, b int) bool {
	for k := e; k < b; k++ {
		if pn, ok := st.lx.people[st.lower[k]]; ok && pn.Title && !st.upper[k] {
			return false
		}
	}
	if _, ok := st.placeName(e, b); ok && st.lx.firstNames[st.lower[e]] == AnyGender {
		return false
	}
	return !st.descriptorRun(e, b)
}

// titleEndingAt returns the longest title that ends at token i and starts
// no earlier than lo: its first token and its entry. Lower-case titles must
// be tagged as nouns; "then-" and "ex-" prefixes are allowed.
func (st *state) titleEndingAt(i, lo int) (int, personNoun, bool) {
	if i < 0 || i >= st.n || i < lo {
		return 0, personNoun{}, false
	}
	maxW := 1
	if st.lx.peopleLast[st.lower[i]] {
		maxW = st.lx.peopleWords
	}
	for w := maxW; w >= 1; w-- {
		s := i - w + 1
		if s < lo || s < 0 {
			continue
		}
		key := st.joinLower(s, i+1)
		if w == 1 {
			key = stripTitlePrefix(key)
		}
		pn, ok := st.lx.people[key]
		if !ok || pn.Plural || !(pn.Title || pn.Honorific) {
			continue
		}
		if !st.upper[i] && !st.isNoun(i) {
			continue
		}
		return s, pn, true
	}
	return 0, personNoun{}, false
}

// stripTitlePrefix removes "then-", "ex-" and "former-" from a title.
func stripTitlePrefix(s string) string {
	for _, p := range []string{"then-", "ex-", "former-"} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// claim marks tokens [i, j) as belonging to candidate c.
func (st *state) claim(i, j, c int) {
	for k := i; k < j && k < st.n; k++ {
		if k >= 0 {
			st.owner[k] = c
		}
	}
}

// markSource marks tokens [i, j) as part of a source phrase.
func (st *state) markSource(i, j int) {
	for k := i; k < j && k < st.n; k++ {
		if k >= 0 {
			st.inSrc[k] = true
		}
	}
}

// add appends a candidate and claims its tokens.
func (st *state) add(c *cand) *cand {
	if c.proper && c.to > c.from && c.to < st.n+1 && st.trailingDot(c.to-1) {
		c.cutDot = true
	}
	if c.srcFrom > c.from {
		c.srcFrom = c.from
	}
	if c.srcTo < c.to {
		c.srcTo = c.to
	}
	st.cands = append(st.cands, c)
	st.claim(c.from, c.to, len(st.cands)-1)
	st.markSource(c.srcFrom, c.from)
	st.markSource(c.to, c.srcTo)
	return c
}

// addOrg adds the organization named by [a, b), with a possessive anchor
// or nationality before it and an acronym after it.
func (st *state) addOrg(a, b int, conf float64) {
	c := &cand{from: a, to: b, srcFrom: a, srcTo: b, kind: Organization, proper: true, conf: conf,
		head: st.lower[b-1], gender: Neuter}
	if p, ok := st.lx.parties[st.lower[a]]; ok && b-a == 1 && len(st.lower[a]) > 1 {
		c.canonical = p
	}
	if c2, ok := st.lx.adjectives[st.lower[a]]; ok && b-a > 1 {
		c.aff = c2
	}
	if from, aff := st.anchorBefore(a); aff != "" {
		c.srcFrom, c.aff = from, aff
	}
	// An acronym in parentheses: Korean Central News Agency (KCNA).
	if b+2 < st.n && st.toks[b].Text == "(" && st.toks[b+2].Text == ")" && isAcronym(st.toks[b+1].Text) {
		c.acronym = st.toks[b+1].Text
		c.srcTo = b + 3
	}
	st.add(c)
}

// anchorBefore returns the start of a possessive anchor before token a and
// the affiliation it names (China's Xinhua News Agency, the North's official
// Korean Central News Agency, Seoul's foreign ministry).
func (st *state) anchorBefore(a int) (int, string) {
	j := a - 1
	for k := 0; k < 3 && j >= 0 && !st.upper[j] && (st.toks[j].Tag == "JJ" || st.toks[j].Tag == "VBN" || st.toks[j].Tag == "NN") && st.sameSentence(j, a); k++ {
		j--
	}
	if j < 1 || !isPossessive(st.toks[j].Text) || !st.sameSentence(j, a) {
		return 0, ""
	}
	e := j
	s := e
	for s-1 >= 0 && st.upper[s-1] && st.sameSentence(s-1, e) && !functionTags[st.toks[s-1].Tag] && e-s < 6 {
		s--
	}
	if s == e {
		return 0, ""
	}
	if s > 0 && st.lower[s-1] == "the" {
		if c := st.compassCountry(st.toks[s].Text); c != "" && e-s == 1 {
			st.dropPlace(s-1, e)
			return s - 1, c
		}
	}
	if c, ok := st.placeName(s, e); ok {
		st.dropPlace(s, e)
		return s, c
	}
	return s, st.nameText(s, e)
}

// nameText returns the name written by tokens [s, e) without the
// honorifics and titles before it (Obama for Mr. Obama).
func (st *state) nameText(s, e int) string {
	k := s
	for k < e-1 {
		pn, ok := st.lx.people[st.lower[k]]
		if !ok || !(pn.Honorific || pn.Title) {
			break
		}
		k++
	}
	return st.textOf(k, e)
}

// dropPlace removes the place mention on tokens [s, e): a country or city
// in a possessive anchor describes what follows (China's Xinhua News
// Agency) the way an adjective would, and is kept as its affiliation.
func (st *state) dropPlace(s, e int) {
	for k := s; k < e; k++ {
		if o := st.owner[k]; o >= 0 && st.cands[o].place {
			st.cands[o].removed = true
		}
	}
}

// isPossessive reports whether a token is the possessive 's (or a bare
// apostrophe after a plural).
func isPossessive(s string) bool {
	switch s {
	case "'s", "\u2019s", "'", "\u2019", "'S":
		return true
	}
	return false
}

// addPlace adds the place [a, b) with its canonical name.
func (st *state) addPlace(a, b int, canon string, conf float64) {
	c := &cand{from: a, to: b, srcFrom: a, srcTo: b, kind: Place, proper: true, conf: conf,
		canonical: canon, head: st.lower[b-1], gender: Neuter, place: true}
	c.possessive = b < st.n && isPossessive(st.toks[b].Text)
	st.add(c)
}

// addProperGroup adds a capitalised plural that names a group: a demonym
// (Americans) or party members (Republicans), with its modifiers.
func (st *state) addProperGroup(a int) {
	lw := st.lower[a]
	if !strings.HasSuffix(lw, "s") || st.toks[a].Tag == "JJ" {
		return
	}
	aff := ""
	if p, ok := st.lx.parties[lw]; ok {
		aff = p
	} else if c, ok := st.lx.adjectives[lw]; ok {
		aff = c
	} else {
		return
	}
	np := st.npBefore(a)
	c := &cand{from: np.from, to: a + 1, srcFrom: np.srcFrom, srcTo: a + 1, kind: Group, plural: true,
		conf: 0.8, nominal: true, head: lw, aff: aff}
	if np.aff != "" && np.affFromAnchor {
		c.aff = np.aff
	}
	st.add(c)
}

// addPerson adds the person named by [e, b), the run [a, b) opening with a
// title when a < e, with the roles and affiliations around it. A name with
// no sign of being a person (no first name, title, role or second word) is
// added as Unknown, to be typed by coreference.
func (st *state) addPerson(a, e, b int) {
	lo := st.clauseStart(e)
	lc := st.leftContext(e, lo)
	// Whatever of the run lies before the title is an organization or place
	// of its own (Foreign Ministry Spokesman Lu Kang).
	if lc.affFrom >= a && lc.affTo > lc.affFrom && lc.affTo <= e {
		n := len(st.cands)
		st.classifyRun(lc.affFrom, lc.affTo)
		// A name of several words that affiliates a title holder and is
		// no place or first name is an organization (Breitbart Texas
		// editor Brandon Darby).
		for _, c := range st.cands[n:] {
			if (c.kind == Person || c.kind == Unknown) && c.to-c.from >= 2 && st.lx.firstNames[st.lower[c.from]] == AnyGender && c.role == "" {
				c.kind, c.gender, c.conf = Organization, Neuter, 0.6
			}
		}
	}
	if lc.affFrom >= 0 && lc.affFrom < a {
		// An earlier name that affiliates this title holder is no person.
		if o := st.owner[lc.affFrom]; o >= 0 {
			c := st.cands[o]
			if (c.kind == Person && c.to-c.from >= 2 || c.kind == Unknown) && c.role == "" && st.lx.firstNames[st.lower[c.from]] == AnyGender {
				c.kind, c.gender, c.conf, c.hinted = Organization, Neuter, 0.6, true
			}
		}
	}
	c := &cand{from: e, to: b, srcFrom: lc.srcFrom, srcTo: b, kind: Person, proper: true, conf: 0.6,
		role: lc.role, aff: lc.aff, affNominal: lc.affNominal, national: lc.national, head: st.lower[b-1]}
	if c.srcFrom > e {
		c.srcFrom = e
	}
	asian := st.surnameFirst(e, b)
	if g := st.lx.firstNames[st.lower[e]]; g != AnyGender && !asian && b-e >= 2 {
		c.gender = g
		c.conf = 0.85
	}
	if lc.gender != AnyGender {
		c.gender = lc.gender
	}
	if lc.found {
		c.conf = 0.9
	}
	rc := st.rightContext(b, st.clauseEnd(b))
	if rc.found {
		c.conf = 0.9
		if c.role == "" || (rc.role != "" && !lc.roleFound) {
			c.role = rc.role
			c.national = rc.national
		}
		if rc.aff != "" && (c.aff == "" || rc.affStrong) {
			c.aff = rc.aff
			c.affNominal = ""
		} else if c.aff == "" && rc.affNominal != "" {
			c.affNominal = rc.affNominal
		}
		if rc.gender != AnyGender && c.gender == AnyGender {
			c.gender = rc.gender
		}
		c.srcTo = rc.srcTo
	} else if rc.srcTo > b {
		c.srcTo = rc.srcTo
		if rc.aff != "" && c.aff == "" {
			c.aff = rc.aff
		}
	}
	if !lc.found && !rc.found && c.gender == AnyGender {
		switch {
		case asian:
			c.conf = 0.75
		case b-e >= 2 && !st.commonWords(e, b):
			c.conf = 0.6
		default:
			c.kind = Unknown
			c.conf = 0.35
		}
	}
	st.add(c)
}

// surnameFirst reports whether the name [e, b) is written surname first in
// the East Asian way, which hyphenated given names show (Kim Jong-un, Park
// Won-gon).
func (st *state) surnameFirst(e, b int) bool {
	if b-e < 2 || b-e > 3 {
		return false
	}
	t := st.toks[e+1].Text
	i := strings.IndexByte(t, '-')
	if i <= 0 || i+1 >= len(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[i+1:])
	return unicode.IsLower(r)
}

// commonWords reports whether any word of [e, b) is also written in lower
// case in the article: a capitalised phrase rather than a name.
func (st *state) commonWords(e, b int) bool {
	for k := e; k < b; k++ {
		if st.lowerSeen[st.lower[k]] && !st.docProper[st.lower[k]] {
			return true
		}
	}
	return false
}

// clauseStart returns the first token of the clause that holds token i:
// the token after the nearest sentence start, quotation mark, colon or
// semicolon before it.
func (st *state) clauseStart(i int) int {
	k := i
	for k > 0 && st.sameSentence(k-1, i) && i-k < 40 {
		switch st.toks[k-1].Text {
		case ":", ";", "(", ")", "--", "\u2014":
			return k
		}
		if st.isQuote(k - 1) {
			return k
		}
		k--
	}
	return k
}

// clauseEnd returns the token after the clause that starts at token i.
func (st *state) clauseEnd(i int) int {
	k := i
	for k < st.n && st.sameSentence(k, i) && k-i < 40 {
		switch st.toks[k].Text {
		case ".", "!", "?", ";", ":", "--", "\u2014":
			return k
		}
		if st.isQuote(k) {
			return k
		}
		k++
	}
	return k
}
