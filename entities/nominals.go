package entities

import "strings"

// This file finds mentions that are not names: groups (analysts, U.S.
// officials), anonymous sources (a ministry official, sources familiar with
// the talks), definite nominals (the senator, the ministry, Seoul's foreign
// ministry) and pronouns.

// pronounInfo is what a pronoun agrees with.
type pronounInfo struct {
	kind   Kind
	gender Gender
	plural bool
	// person is 1 for I and we, which refer to the speaker and are never
	// resolved here.
	person int
	conf   float64
}

var pronouns = map[string]pronounInfo{
	"he": {Person, Male, false, 3, 0.95}, "him": {Person, Male, false, 3, 0.95},
	"his": {Person, Male, false, 3, 0.95}, "himself": {Person, Male, false, 3, 0.95},
	"she": {Person, Female, false, 3, 0.95}, "her": {Person, Female, false, 3, 0.95},
	"hers": {Person, Female, false, 3, 0.95}, "herself": {Person, Female, false, 3, 0.95},
	"it": {Organization, Neuter, false, 3, 0.5}, "its": {Organization, Neuter, false, 3, 0.6},
	"itself": {Organization, Neuter, false, 3, 0.6},
	"they":   {Group, AnyGender, true, 3, 0.6}, "them": {Group, AnyGender, true, 3, 0.6},
	"their": {Group, AnyGender, true, 3, 0.6}, "theirs": {Group, AnyGender, true, 3, 0.6},
	"themselves": {Group, AnyGender, true, 3, 0.6},
	"we":         {Group, AnyGender, true, 1, 0.6}, "us": {Group, AnyGender, true, 1, 0.5},
	"our": {Group, AnyGender, true, 1, 0.6}, "ours": {Group, AnyGender, true, 1, 0.6},
	"ourselves": {Group, AnyGender, true, 1, 0.6},
	"i":         {Person, AnyGender, false, 1, 0.9}, "me": {Person, AnyGender, false, 1, 0.9},
	"my": {Person, AnyGender, false, 1, 0.9}, "myself": {Person, AnyGender, false, 1, 0.9},
}

// postmodifiers after "a person" or "sources" that make them a source.
var sourcePostmodifiers = map[string]bool{
	"familiar": true, "close": true, "knowledgeable": true, "briefed": true, "with": true,
	"who": true, "involved": true, "aware": true, "inside": true, "within": true,
}

// findNominals adds groups, anonymous sources and nominal organizations on
// the tokens no name has claimed.
func (st *state) findNominals() {
	for i := 0; i < st.n; i++ {
		if st.owner[i] >= 0 || st.inSrc[i] {
			continue
		}
		if s, pn, ok := st.personNounAt(i); ok {
			st.addNominalPerson(s, i+1, pn)
			continue
		}
		if h, ok := st.headOf(i); ok && h.Nominal && h.Class == headOrg && !st.upper[i] && st.isNoun(i) && st.isHead(i) {
			st.addNominalOrg(i)
		}
	}
}

// isHead reports whether the noun at token i ends its noun phrase: no noun
// follows it.
func (st *state) isHead(i int) bool {
	if i+1 >= st.n {
		return true
	}
	nx := st.toks[i+1]
	if strings.HasPrefix(nx.Tag, "NN") && !st.upper[i+1] && st.sameSentence(i, i+1) {
		return false
	}
	return true
}

// personNounAt returns the noun for people that ends at token i and heads
// its phrase (officials, a ministry official, the press secretary).
func (st *state) personNounAt(i int) (int, personNoun, bool) {
	if !st.isNoun(i) || !st.isHead(i) {
		return 0, personNoun{}, false
	}
	if st.upper[i] && !st.first[i] {
		return 0, personNoun{}, false
	}
	maxW := 1
	if st.lx.peopleLast[st.lower[i]] {
		maxW = st.lx.peopleWords
	}
	for w := maxW; w >= 1; w-- {
		s := i - w + 1
		if s < 0 || !st.sameSentence(s, i) {
			continue
		}
		ok := true
		for k := s; k < i; k++ {
			if st.owner[k] >= 0 || st.inSrc[k] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if pn, found := st.lx.people[st.joinLower(s, i+1)]; found && !pn.Honorific {
			return s, pn, true
		}
	}
	return 0, personNoun{}, false
}

// addNominalPerson adds the group, anonymous source or definite nominal
// headed by the noun [s, e).
func (st *state) addNominalPerson(s, e int, pn personNoun) {
	np := st.npBefore(s)
	post := st.postmodifier(e)
	needsPost := pn.Singular == "person" || pn.Singular == "source" && !pn.Plural || pn.Singular == "member"
	if needsPost && !post.source && !(pn.Singular == "source" && pn.Plural) {
		return
	}
	c := &cand{from: np.from, to: e, srcFrom: np.srcFrom, srcTo: post.end, nominal: true,
		head: pn.Singular, aff: np.aff, affNominal: np.affNominal, gender: pn.Gender, conf: 0.8}
	if post.aff != "" && (c.aff == "" || !np.affFromAnchor) {
		c.aff, c.affNominal = post.aff, ""
	} else if post.affNominal != "" && c.aff == "" {
		c.affNominal = post.affNominal
	}
	if pn.Plural {
		if !pn.Group && !pn.Anon {
			return
		}
		c.plural = true
		c.kind = Group
		if !pn.Group || pn.Singular == "source" || pn.Singular == "person" {
			c.kind = Anonymous
		}
		st.add(c)
		return
	}
	if (np.det != "" || np.affFromAnchor) && st.namedAfter(c, e, st.roleText(np.roleFrom, e)) {
		return
	}
	if !pn.Anon && !pn.Title {
		return
	}
	c.role = st.roleText(np.roleFrom, e)
	if np.roleFrom < np.from {
		c.role = st.roleText(np.from, e)
	}
	switch np.det {
	case "a", "an", "one", "another", "":
		if np.det == "" && !np.affFromAnchor && pn.Singular != "someone" && pn.Singular != "somebody" {
			return
		}
		if !pn.Anon {
			return
		}
		c.kind = Anonymous
		c.conf = 0.8
	case "the", "this", "that":
		c.kind = Anonymous
		c.definite = true
		c.conf = 0.6
	default:
		return
	}
	st.add(c)
}

// namedAfter handles an appositive name after a nominal (a ministry
// spokesman, Noh Kyu-duk, said; the North's leader, Kim Jong-un): the
// name takes the nominal's role and affiliation and its source starts
// with the nominal. It reports whether it did.
func (st *state) namedAfter(c *cand, e int, role string) bool {
	if e+1 >= st.n || st.toks[e].Text != "," {
		return false
	}
	o := st.owner[e+1]
	if o < 0 {
		return false
	}
	p := st.cands[o]
	if p.from != e+1 || (p.kind != Person && p.kind != Unknown) || p.removed {
		return false
	}
	if p.to < st.n && p.to != st.clauseEnd(p.to) && st.toks[p.to].Text != "," {
		return false
	}
	p.kind = Person
	if p.role == "" {
		p.role = role
	}
	if p.aff == "" {
		p.aff, p.affNominal = c.aff, c.affNominal
	}
	if p.gender == AnyGender {
		p.gender = c.gender
	}
	if p.conf < 0.85 {
		p.conf = 0.85
	}
	p.srcFrom = c.srcFrom
	st.markSource(c.srcFrom, p.from)
	return true
}

// post is what follows a nominal head: a source phrase (familiar with the
// talks) or a prepositional affiliation (at the ministry).
type post struct {
	end        int
	source     bool
	aff        string
	affNominal string
}

// postmodifier reads what follows the head noun that ends before token e.
func (st *state) postmodifier(e int) post {
	p := post{end: e}
	if e >= st.n || !st.sameSentence(e-1, e) {
		return p
	}
	lw := st.lower[e]
	hi := st.clauseEnd(e)
	stop := func(k int) bool {
		return st.toks[k].Text == "," || st.isFiniteVerb(k) || st.isQuote(k) || st.toks[k].Text == "("
	}
	if sourcePostmodifiers[lw] {
		k := e + 1
		for k < hi && !stop(k) && k-e < 12 {
			k++
		}
		if lw == "who" && k < hi && st.isFiniteVerb(k) {
			return p
		}
		if lw == "with" && !(e+1 < st.n && (st.lower[e+1] == "knowledge" || st.lower[e+1] == "direct")) {
			goto prep
		}
		p.end, p.source = k, true
		return p
	}
prep:
	switch lw {
	case "at", "for", "with", "from", "of", "in", "to":
		af := e + 1
		for af < hi && determiners[st.lower[af]] {
			af++
		}
		k := af
		if af < hi && st.upper[af] {
			for k < hi && k-af < 8 && (st.upper[k] && !st.isQuote(k) || (st.lower[k] == "of" || st.lower[k] == "for" || st.lower[k] == "&") && k+1 < hi && st.upper[k+1]) {
				k++
			}
		} else {
			for k < hi && !stop(k) && k-af < 8 && !functionTags[st.toks[k].Tag] {
				k++
			}
		}
		if k == af {
			return p
		}
		if h, ok := st.lx.heads[st.lower[k-1]]; ok && h.Nominal && !st.upper[k-1] && h.Class == headOrg {
			p.affNominal = st.lower[k-1]
			p.end = k
			return p
		}
		if !st.upper[af] || (lw == "in" || lw == "from") && st.lx.places[st.joinLower(af, k)] == "" && !st.orgRun(af, k) {
			return p
		}
		p.aff = st.affText(af, k)
		p.end = k
		st.hintAffiliation(af, k)
	}
	return p
}

// addNominalOrg adds a definite organization nominal headed by the
// organization word at token i (the ministry, the Trump campaign, Seoul's
// foreign ministry).
func (st *state) addNominalOrg(i int) {
	np := st.npBefore(i)
	properMod := np.aff != "" && !np.affFromAnchor && np.from < i && st.upper[np.from]
	if np.det != "the" && np.det != "this" && np.det != "that" && !np.affFromAnchor && !properMod && st.lower[i] != "police" {
		return
	}
	c := &cand{from: np.from, to: i + 1, srcFrom: np.srcFrom, srcTo: i + 1, kind: Organization,
		nominal: true, definite: true, head: st.lower[i], aff: np.aff, gender: Neuter, conf: 0.7}
	if np.affFromAnchor {
		c.conf = 0.8
	}
	st.add(c)
}

// findPronouns adds third-person pronouns, and I and we, which are marked
// but left unresolved.
func (st *state) findPronouns() {
	for i := 0; i < st.n; i++ {
		if st.owner[i] >= 0 {
			continue
		}
		tag := st.toks[i].Tag
		if tag != "PRP" && tag != "PRP$" {
			continue
		}
		p, ok := pronouns[st.lower[i]]
		if !ok {
			continue
		}
		if st.lower[i] == "it" && st.expletive(i) {
			continue
		}
		c := &cand{from: i, to: i + 1, srcFrom: i, srcTo: i + 1, kind: p.kind, pronoun: true,
			gender: p.gender, plural: p.plural, conf: p.conf, pronounForm: st.lower[i], head: st.lower[i]}
		if p.gender == Neuter {
			c.gender = Neuter
		}
		st.add(c)
	}
}

// expletive reports whether "it" at token i is the empty subject of a
// sentence about weather, time or an extraposed clause (it is likely that,
// it seems, it was time to).
func (st *state) expletive(i int) bool {
	j := i + 1
	if j >= st.n {
		return false
	}
	switch st.lower[j] {
	case "seems", "seemed", "appears", "appeared", "remains", "remained", "takes", "took", "means", "matters", "happens":
		return true
	case "is", "was", "'s", "\u2019s", "will", "would", "could", "may", "might", "has", "had":
		k := j + 1
		for k < st.n && (st.lower[k] == "be" || st.lower[k] == "been" || st.lower[k] == "not" || st.toks[k].Tag == "RB") && k-j < 4 {
			k++
		}
		if k >= st.n {
			return false
		}
		switch st.toks[k].Tag {
		case "JJ", "JJR", "JJS":
			return true
		}
		switch st.lower[k] {
		case "time", "clear", "unclear", "possible", "impossible", "true", "hard", "easy", "difficult", "raining":
			return true
		}
	}
	return false
}
