package entities

import "strings"

// This file reads roles and affiliations: the title zone before a name
// (longtime Democratic pollster Pat Caddell), the appositive after it (Kim
// Heung-kyu, a China expert at Ajou University), a party and state in
// parentheses (D-Mass.), and the modifiers of a noun phrase (U.S.
// officials, a ministry official).

// roleModifierCaps are capitalised words that belong to a title rather than
// name an affiliation (Vice President, Foreign Minister, Majority Leader).
var roleModifierCaps = map[string]bool{
	"vice": true, "deputy": true, "assistant": true, "associate": true, "acting": true, "interim": true,
	"former": true, "senior": true, "chief": true, "executive": true, "foreign": true, "defense": true,
	"defence": true, "finance": true, "treasury": true, "interior": true, "home": true, "justice": true,
	"trade": true, "commerce": true, "energy": true, "health": true, "education": true, "labor": true,
	"agriculture": true, "transportation": true, "unification": true, "press": true, "campaign": true,
	"presidential": true, "national": true, "security": true, "majority": true, "minority": true,
	"supreme": true, "prime": true, "first": true, "lieutenant": true, "attorney": true, "ranking": true,
	"managing": true, "general": true, "communications": true, "policy": true, "economic": true,
	"political": true, "military": true, "intelligence": true, "homeland": true, "special": true,
	"principal": true, "top": true, "state": true, "founding": true, "co-founder": true,
}

// descriptors are words before a title that describe the person without
// being part of the role (longtime pollster, veteran diplomat).
var descriptors = map[string]bool{
	"longtime": true, "long-time": true, "veteran": true, "prominent": true, "influential": true,
	"outspoken": true, "embattled": true, "controversial": true, "popular": true, "powerful": true,
	"well-known": true, "famed": true, "noted": true, "respected": true, "current": true, "then": true,
	"now": true, "newly": true, "recently": true, "beleaguered": true, "ailing": true, "late": true,
	"outgoing": true, "incoming": true, "retired": true, "celebrated": true, "renowned": true,
	"leading": true, "fellow": true, "another": true, "other": true,
}

// determiners open a noun phrase.
var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "this": true, "that": true, "these": true, "those": true,
	"some": true, "many": true, "several": true, "most": true, "few": true, "other": true, "all": true,
	"both": true, "one": true, "another": true, "numerous": true, "various": true, "any": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "dozens": true, "hundreds": true, "thousands": true, "no": true,
	"such": true, "more": true, "fewer": true, "certain": true, "each": true, "every": true,
}

// predeterminers stand before another determiner (all the, both the).
var predeterminers = map[string]bool{"all": true, "both": true, "half": true, "such": true}

// headVerbs turn "who heads Y" into a role.
var headVerbs = map[string]string{
	"heads": "head", "leads": "leader", "runs": "head", "chairs": "chair", "directs": "director",
	"oversees": "head", "founded": "founder", "co-founded": "co-founder", "represents": "representative",
	"manages": "manager", "owns": "owner", "headed": "former head", "led": "former leader",
	"ran": "former head", "chaired": "former chair", "directed": "former director",
	"advises": "adviser", "advised": "former adviser", "commands": "commander",
}

// leftCtx is what the words before a name say about it.
type leftCtx struct {
	srcFrom    int
	role       string
	roleFound  bool
	found      bool
	aff        string
	affNominal string
	// affFrom, affTo is the token range of a proper-noun affiliation.
	affFrom, affTo int
	national       bool
	gender         Gender
}

// leftContext reads the title zone before the name that starts at token e,
// looking no further back than lo: [descriptors] [affiliation] [role
// modifiers] TITLE NAME.
func (st *state) leftContext(e, lo int) leftCtx {
	lc := leftCtx{srcFrom: e, affFrom: -1, affTo: -1}
	i := e - 1
	s, pn, ok := st.titleEndingAt(i, lo)
	if !ok {
		// A party or nationality right before the name (Republican Ted
		// Cruz) gives an affiliation but no role.
		if i >= lo && i >= 0 && st.upper[i] && st.owner[i] < 0 {
			if a, ok := st.affiliationEndingAt(i, lo, false); ok && st.owner[i] < 0 {
				if _, isAdj := st.lx.adjectives[st.joinLower(a.from, i+1)]; isAdj || st.lx.parties[st.lower[i]] != "" {
					lc.aff, lc.srcFrom = a.text, a.from
				}
			}
		}
		return lc
	}
	lc.found = true
	lc.gender = pn.Gender
	if pn.Honorific {
		lc.srcFrom = s
		return lc
	}
	lc.roleFound = true
	lc.national = pn.National
	roleFrom, roleTo := s, i+1
	j := s - 1
	for j >= lo {
		if s2, _, ok := st.titleEndingAt(j, lo); ok && st.upper[j] == st.upper[s] && st.owner[j] < 0 {
			roleFrom, j = s2, s2-1
			continue
		}
		if st.roleModifier(j, pn) {
			roleFrom = j
			j--
			continue
		}
		break
	}
	lc.role = st.roleText(roleFrom, roleTo)
	// Up to two affiliations; the nearest one is kept.
	for n := 0; n < 2 && j >= lo; n++ {
		a, ok := st.affiliationEndingAt(j, lo, true)
		if !ok {
			break
		}
		if n == 0 {
			if a.nominal {
				lc.affNominal = a.text
			} else {
				lc.aff, lc.affFrom, lc.affTo = a.text, a.nameFrom, a.nameTo
			}
		}
		j = a.from - 1
	}
	for j >= lo && j >= 0 && st.owner[j] < 0 && (descriptors[st.lower[j]] || determiners[st.lower[j]] ||
		st.lower[j] == "former" || st.lower[j] == "ex" || st.describes(j) || st.toks[j].Tag == "JJ" && !st.upper[j]) {
		if st.lower[j] == "former" && !strings.HasPrefix(strings.ToLower(lc.role), "former") {
			lc.role = "former " + lc.role
		}
		if determiners[st.lower[j]] {
			j--
			break
		}
		j--
	}
	if j+1 < e {
		lc.srcFrom = j + 1
	}
	// A national title only needs a default country when none is given.
	lc.national = lc.national && lc.aff == "" && lc.affNominal == ""
	return lc
}

// timeNouns are the nouns of a time adverbial, which stands before a name
// without being its role or affiliation (On Saturday Sen. Warren, Earlier
// this month Mayor Ruiz).
var timeNouns = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"today": true, "yesterday": true, "tonight": true, "week": true, "month": true, "year": true, "morning": true,
	"evening": true, "afternoon": true, "night": true, "weekend": true,
}

// IsTimeNoun reports whether word (any case) is a noun of a time adverbial:
// a day of the week, or today, week, month, morning and the like.
func IsTimeNoun(word string) bool { return timeNouns[strings.ToLower(word)] }

// roleModifier reports whether token j, before a title, is part of the
// role (press secretary, Foreign Minister, senior adviser) rather than an
// affiliation or a descriptor.
func (st *state) roleModifier(j int, head personNoun) bool {
	if j < 0 || j >= st.n || st.isQuote(j) {
		return false
	}
	lw := st.lower[j]
	if timeNouns[lw] {
		return false // Earlier this month Mayor Ruiz: no "month Mayor"
	}
	if st.upper[j] {
		if roleModifierCaps[lw] && st.lx.adjectives[lw] == "" {
			return true
		}
		// A topic before an expert: a China expert, a Korea analyst.
		if head.Topic {
			if _, ok := st.lx.places[lw]; ok {
				return true
			}
		}
		return false
	}
	if descriptors[lw] || determiners[lw] || functionTags[st.toks[j].Tag] {
		return false
	}
	if h, ok := st.lx.heads[lw]; ok && h.Nominal && h.Class == headOrg {
		return false
	}
	switch st.toks[j].Tag {
	case "JJ", "NN", "VBN", "JJS", "NNS":
		return isWord(st.toks[j].Text)
	}
	return false
}

// roleText returns the role written by tokens [i, j), with abbreviated
// titles written out (Sen. becomes Senator).
func (st *state) roleText(i, j int) string {
	abbr := false
	for k := i; k < j; k++ {
		if pn, ok := st.lx.people[st.lower[k]]; ok && pn.Full != "" {
			abbr = true
		}
	}
	if !abbr {
		return st.textOf(i, j)
	}
	parts := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		if pn, ok := st.lx.people[st.lower[k]]; ok && pn.Full != "" {
			parts = append(parts, pn.Full)
		} else {
			parts = append(parts, st.toks[k].Text)
		}
	}
	return strings.Join(parts, " ")
}

// affil is one affiliation read before a title or a noun.
type affil struct {
	// text is the affiliation, or the organization word when nominal.
	text    string
	nominal bool
	// from is its first token; nameFrom, nameTo the token range of a
	// proper name, or -1.
	from             int
	nameFrom, nameTo int
}

// affiliationEndingAt reads one affiliation that ends at token j, starting
// no earlier than lo: a possessive anchor (Indiana's), a nationality (North
// Korean), a party (Democratic), a proper name (White House) or, when
// nominal is true, a lower-case organization word (ministry).
func (st *state) affiliationEndingAt(j, lo int, nominal bool) (affil, bool) {
	if j < lo || j < 0 || j >= st.n || st.isQuote(j) {
		return affil{}, false
	}
	if isPossessive(st.toks[j].Text) {
		from, aff := st.anchorBefore(j + 1)
		if aff != "" && from >= lo {
			return affil{text: aff, from: from, nameFrom: -1, nameTo: -1}, true
		}
		return affil{}, false
	}
	if st.upper[j] {
		for w := st.lx.adjectiveWords; w >= 1; w-- {
			s := j - w + 1
			if s < lo || s < 0 {
				continue
			}
			if c, ok := st.lx.adjectives[st.joinLower(s, j+1)]; ok && (!strings.HasSuffix(st.lower[j], "s") || st.lower[j] == "u.s.") {
				return affil{text: c, from: s, nameFrom: -1, nameTo: -1}, true
			}
		}
		if p, ok := st.lx.parties[st.lower[j]]; ok && len(st.lower[j]) > 1 {
			return affil{text: p, from: j, nameFrom: -1, nameTo: -1}, true
		}
		if functionTags[st.toks[j].Tag] || st.describes(j) || timeNouns[st.lower[j]] {
			return affil{}, false // On Saturday Sen. Warren: no affiliation "Saturday"
		}
		s := j
		for s-1 >= lo && st.upper[s-1] && !functionTags[st.toks[s-1].Tag] && !st.isQuote(s-1) && j-s < 6 && !st.describes(s-1) && !timeNouns[st.lower[s-1]] {
			if _, isAdj := st.lx.adjectives[st.lower[s-1]]; isAdj && st.owner[s-1] < 0 {
				break
			}
			if p, isParty := st.lx.parties[st.lower[s-1]]; isParty && p != "" && len(st.lower[s-1]) > 1 && st.owner[s-1] < 0 {
				break
			}
			s--
		}
		a := affil{text: st.textOf(s, j+1), from: s, nameFrom: s, nameTo: j + 1}
		if c, ok := st.placeName(s, j+1); ok {
			a.text = c
		}
		return a, true
	}
	if nominal {
		if h, ok := st.lx.heads[st.lower[j]]; ok && h.Nominal && h.Class == headOrg && st.isNoun(j) {
			return affil{text: st.lower[j], nominal: true, from: j, nameFrom: -1, nameTo: -1}, true
		}
	}
	return affil{}, false
}

// describes reports whether the capitalised token j describes rather than
// names: a descriptor or title word written with a capital at the start of
// a sentence (Former, Top), or a compound adjective (Oscar-winning).
func (st *state) describes(j int) bool {
	lw := st.lower[j]
	if descriptors[lw] || determiners[lw] || roleModifierCaps[lw] && st.owner[j] < 0 {
		return true
	}
	// Index the token as written: lower-casing can change its length
	// (invalid UTF-8 becomes U+FFFD), so offsets into lw do not fit it.
	t := st.toks[j].Text
	if h := strings.LastIndexByte(t, '-'); h > 0 && h+1 < len(t) {
		if t[h+1] >= 'a' && t[h+1] <= 'z' && st.toks[j].Tag != "NNP" {
			return true
		}
		switch strings.ToLower(t[h+1:]) {
		case "winning", "based", "born", "educated", "led", "owned", "backed", "run", "affiliated", "leaning", "aligned", "friendly":
			return true
		}
	}
	return false
}

// rightCtx is what the words after a name say about it.
type rightCtx struct {
	srcTo      int
	role       string
	aff        string
	affNominal string
	affStrong  bool
	national   bool
	gender     Gender
	found      bool
}

// rightContext reads a parenthetical party and state (D-Mass.) and an
// appositive set off by a comma after the name that ends before token b.
func (st *state) rightContext(b, hi int) rightCtx {
	rc := rightCtx{srcTo: b}
	j := b
	if j < st.n && st.toks[j].Text == "(" {
		k := j + 1
		for k < st.n && k-j <= 8 && st.toks[k].Text != ")" && st.sameSentence(j, k) {
			k++
		}
		if k < st.n && st.toks[k].Text == ")" {
			if party := st.partyState(j+1, k); party != "" {
				rc.aff, rc.srcTo, rc.found, rc.affStrong = party, k+1, true, false
				j = k + 1
			}
		}
	}
	// Representative Peter King of New York.
	if j+1 < st.n && st.lower[j] == "of" && st.upper[j+1] {
		e := j + 1
		for e < st.n && e-j <= 4 && st.upper[e] && st.sameSentence(j, e) {
			e++
		}
		if c, ok := st.placeName(j+1, e); ok {
			if rc.aff == "" {
				rc.aff = c
			}
			rc.srcTo = e
			j = e
		}
	}
	hi = st.clauseEnd(j)
	if j >= hi || st.toks[j].Text != "," {
		return rc
	}
	k := j + 1
	if k+1 < hi && st.toks[k].Tag == "CD" && st.toks[k+1].Text == "," {
		k += 2
	}
	end := k
	for end < hi && end-k < 25 && st.toks[end].Text != "," && st.toks[end].Text != "(" && st.toks[end].Text != ")" {
		end++
	}
	if end-k > 24 {
		return rc
	}
	// A relative clause inside the appositive is part of the source but
	// not of the role (a former adviser to Mr. Obama who is now ...).
	npEnd := end
	for t := k + 1; t < end; t++ {
		if st.lower[t] == "who" || st.lower[t] == "which" || st.lower[t] == "whose" {
			npEnd = t
			break
		}
	}
	np, ok := st.appositive(k, npEnd)
	if !ok {
		return rc
	}
	rc.role, rc.national, rc.gender, rc.found = np.role, np.national, np.gender, true
	if np.aff != "" {
		rc.aff, rc.affStrong = np.aff, true
	}
	rc.affNominal = np.affNominal
	rc.srcTo = end
	st.markSource(j, end)
	st.hintAffiliation(np.affFrom, np.affTo)
	return rc
}

// hintAffiliation marks the capitalised tokens of [i, j) as an
// affiliation, and makes an organization of a name already found there
// that is no person or place (an economist at Allianz).
func (st *state) hintAffiliation(i, j int) {
	for k := i; k < j && k < st.n; k++ {
		if k < 0 || !st.upper[k] {
			continue
		}
		st.affHint[k] = true
		if o := st.owner[k]; o >= 0 {
			c := st.cands[o]
			if c.kind == Unknown || c.kind == Person && c.to-c.from >= 2 && c.role == "" && !c.hinted && st.lx.firstNames[st.lower[c.from]] == AnyGender && !st.surnameFirst(c.from, c.to) {
				c.kind, c.gender, c.conf, c.hinted = Organization, Neuter, 0.6, true
			}
		}
	}
}

// partyState reads a party and state in parentheses, tokens [i, k):
// D-Mass., R-Texas, I-Vt. It returns the party, or "".
func (st *state) partyState(i, k int) string {
	if k <= i {
		return ""
	}
	t := st.toks[i].Text
	h := strings.IndexByte(t, '-')
	if h <= 0 || h+1 >= len(t) {
		return ""
	}
	party, ok := st.lx.parties[strings.ToLower(t[:h])]
	if !ok || h > 1 {
		return ""
	}
	state := strings.ToLower(t[h+1:])
	if k > i+1 && st.toks[i+1].Text == "." {
		state += "."
	}
	if _, ok := st.lx.states[state]; ok {
		return party
	}
	if _, ok := st.lx.states[strings.TrimSuffix(state, ".")]; ok {
		return party
	}
	return ""
}

// roleNP is a role read from a noun phrase.
type roleNP struct {
	role       string
	aff        string
	affNominal string
	national   bool
	gender     Gender
	// affFrom, affTo is the token range of the affiliation, when it is
	// written after the role.
	affFrom, affTo int
}

// appositive reads the appositive [k, end): a role noun phrase or a
// relative clause (who heads Y, who is a professor at Y).
func (st *state) appositive(k, end int) (roleNP, bool) {
	if k >= end {
		return roleNP{}, false
	}
	if st.lower[k] == "who" && k+1 < end {
		v := st.lower[k+1]
		if role, ok := headVerbs[v]; ok {
			af := k + 2
			for af < end && determiners[st.lower[af]] {
				af++
			}
			ae := st.affEnd(af, end)
			if af >= ae {
				return roleNP{}, false
			}
			return roleNP{role: role, aff: st.affText(af, ae), affFrom: af, affTo: ae}, true
		}
		switch v {
		case "is", "was", "'s", "\u2019s", "became", "remains", "served":
			k += 2
			if k < end && st.lower[k] == "as" {
				k++
			}
			return st.parseRoleNP(k, end)
		}
		return roleNP{}, false
	}
	return st.parseRoleNP(k, end)
}

// affEnd returns where an affiliation noun phrase that starts at af ends:
// before a conjunction or relative word, or at end.
func (st *state) affEnd(af, end int) int {
	for k := af; k < end; k++ {
		switch st.lower[k] {
		case "and", "who", "which", "where", "when", "since", "after", "before", "until", "while":
			return k
		}
		if st.isFiniteVerb(k) {
			return k
		}
	}
	return end
}

// affText returns the affiliation written by [i, j), with a country or
// capital written canonically.
func (st *state) affText(i, j int) string {
	for i < j && determiners[st.lower[i]] {
		i++
	}
	if i >= j {
		return ""
	}
	if c, ok := st.placeName(i, j); ok {
		return c
	}
	if st.upper[i] {
		return st.nameText(i, j)
	}
	return st.textOf(i, j)
}

// parseRoleNP reads a role noun phrase [k, end): [det] [affiliation]
// [modifiers] HEAD [of ...] [at|for|with|from|to AFFILIATION].
func (st *state) parseRoleNP(k, end int) (roleNP, bool) {
	var np roleNP
	s := k
	for s < end && (determiners[st.lower[s]] || descriptors[st.lower[s]]) && st.lower[s] != "former" {
		s++
	}
	if s >= end {
		return np, false
	}
	for t := s; t < end; t++ {
		if st.isFiniteVerb(t) || st.isQuote(t) {
			return np, false
		}
	}
	p := end
	for t := s + 1; t < end && p == end; t++ {
		switch st.lower[t] {
		case "at", "for", "with", "from", "to":
			p = t
		case "of":
			n := t + 1
			if n < end && (st.lower[n] == "the" || st.upper[n]) {
				p = t
			}
		case "in", "on":
			if t+1 < end && st.upper[t+1] {
				p = t
			}
		}
	}
	h := p - 1
	for t := s + 1; t < p; t++ {
		if st.lower[t] == "of" {
			h = t - 1
			break
		}
	}
	pn, ok := st.personHead(h)
	if !ok {
		if party, isParty := st.lx.parties[st.lower[h]]; isParty && h == s && len(st.lower[h]) > 1 {
			np.aff = party
			return np, true
		}
		return np, false
	}
	np.gender = pn.Gender
	roleFrom := s
	for t := s; t < h; t++ {
		if isPossessive(st.toks[t].Text) {
			np.aff = st.affText(s, t)
			roleFrom = t + 1
		}
	}
	if p < end {
		af := p + 1
		for af < end && determiners[st.lower[af]] {
			af++
		}
		ae := st.affEnd(af, end)
		if af < ae {
			if h2, ok := st.lx.heads[st.lower[ae-1]]; ok && ae-af == 1 && h2.Nominal && !st.upper[ae-1] {
				np.affNominal = st.lower[ae-1]
			} else {
				np.aff = st.affText(af, ae)
				np.affFrom, np.affTo = af, ae
			}
		}
	}
	if np.aff == "" && np.affNominal == "" {
		// The role's own modifiers may hold the affiliation: the North
		// Korean leader, a Democratic strategist, a ministry spokesman.
		r := h
		for r-1 >= roleFrom && st.roleModifier(r-1, pn) {
			r--
		}
		if r > roleFrom {
			if a, ok := st.affiliationEndingAt(r-1, roleFrom, true); ok {
				if a.nominal {
					np.affNominal = a.text
				} else {
					np.aff = a.text
				}
				roleFrom = r
			}
		}
		np.national = pn.National
	}
	if roleFrom >= p {
		return np, false
	}
	np.role = st.roleText(roleFrom, p)
	return np, true
}

// personHead reports whether token h is a noun for a person that can head
// a role: a word from the list of people, or a common noun ending like one
// (-er, -or, -ist, -ian, -man, -ant).
func (st *state) personHead(h int) (personNoun, bool) {
	if h < 0 || h >= st.n || !st.isNoun(h) {
		return personNoun{}, false
	}
	lw := st.lower[h]
	if pn, ok := st.lx.people[lw]; ok && !pn.Honorific {
		return pn, true
	}
	if st.upper[h] {
		return personNoun{}, false
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "man", "woman", "person", "ant"} {
		if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+2 && st.toks[h].Tag == "NN" {
			return personNoun{Singular: lw, Title: true}, true
		}
	}
	return personNoun{}, false
}

// np is a noun phrase before a head noun: its first token, the first token
// of its source (a possessive anchor), and the affiliation its modifiers
// give.
type np struct {
	from, srcFrom int
	det           string
	aff           string
	affNominal    string
	affFromAnchor bool
	roleFrom      int
}

// npBefore reads the modifiers before the head noun at token i: determiners
// and quantifiers, adjectives, nouns, nationalities, parties, and proper
// names, which it absorbs (U.S. officials, White House aides); a possessive
// anchor ends it (Trump's aides).
func (st *state) npBefore(i int) np {
	out := np{from: i, srcFrom: i, roleFrom: i}
	j := i - 1
	roleZone := true
	for j >= 0 && i-j <= 8 && st.sameSentence(j, i) {
		lw := st.lower[j]
		if st.isQuote(j) {
			break
		}
		if o := st.owner[j]; o >= 0 {
			c := st.cands[o]
			if c.to != j+1 || c.pronoun || c.nominal || c.kind == Group || c.kind == Anonymous {
				break
			}
			if c.possessive || (c.to < st.n && isPossessive(st.toks[c.to].Text)) {
				break
			}
			if out.aff == "" {
				out.aff = c.canonical
				if out.aff == "" {
					out.aff = st.textOf(c.from, c.to)
				}
			}
			c.removed = true
			out.from, out.srcFrom = c.srcFrom, c.srcFrom
			j = c.srcFrom - 1
			roleZone = false
			continue
		}
		if isPossessive(st.toks[j].Text) {
			from, aff := st.anchorBefore(j + 1)
			if aff != "" {
				out.srcFrom = from
				out.aff = aff
				out.affFromAnchor = true
			}
			break
		}
		if determiners[lw] && st.toks[j].Tag != "IN" && st.toks[j].Tag != "WDT" {
			out.det = lw
			out.from, out.srcFrom = j, j
			if j > 0 && (st.toks[j-1].Tag == "PDT" || predeterminers[st.lower[j-1]]) && st.owner[j-1] < 0 {
				out.from, out.srcFrom = j-1, j-1
				out.det = st.lower[j-1]
			}
			break
		}
		if st.upper[j] {
			if a, ok := st.affiliationEndingAt(j, 0, false); ok && a.from >= i-8 {
				if out.aff == "" {
					out.aff = a.text
				}
				out.from, out.srcFrom = a.from, a.from
				j = a.from - 1
				roleZone = false
				continue
			}
			break
		}
		if functionTags[st.toks[j].Tag] || !isWord(st.toks[j].Text) {
			break
		}
		tag := st.toks[j].Tag
		if tag != "JJ" && tag != "JJR" && tag != "JJS" && tag != "NN" && tag != "VBN" && tag != "CD" && tag != "VBG" {
			break
		}
		if tag == "VBN" && !strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "en") {
			break
		}
		if h, ok := st.lx.heads[lw]; ok && h.Nominal && h.Class == headOrg && tag == "NN" {
			if out.affNominal == "" && out.aff == "" {
				out.affNominal = lw
			}
			roleZone = false
		} else if roleZone && (tag == "JJ" || tag == "NN") && !descriptors[lw] {
			out.roleFrom = j
		} else {
			roleZone = false
		}
		out.from, out.srcFrom = j, j
		j--
	}
	return out
}
