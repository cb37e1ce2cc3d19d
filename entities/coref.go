package entities

import (
	"sort"
	"strings"
)

// This file clusters mentions into entities and resolves pronouns.

// maxLookback bounds how many earlier mentions an antecedent search
// visits, so that a text with no paragraph breaks stays linear.
const maxLookback = 200

// ent is an entity being built.
type ent struct {
	kind    Kind
	gender  Gender
	members []int
	// full are the members written with two or more name words.
	full []int
	// surnames are the single words a bare mention may use for the entity.
	surnames []string
	// firstName is the first word of a name written first-name first.
	firstName string
	// uses counts bare-surname members.
	uses int
	name string
	// role is the first role found for a member, in lower case.
	role string
}

// orgSynonyms are nominal heads that refer back to organizations named with
// another head word (the newspaper for The Washington Post).
var orgSynonyms = map[string][]string{
	"newspaper": {"times", "post", "journal", "tribune", "herald", "gazette", "chronicle", "inquirer", "examiner", "telegraph", "daily", "news", "monitor"},
	"paper":     {"times", "post", "journal", "tribune", "herald", "gazette", "chronicle", "inquirer", "examiner", "telegraph", "daily", "news", "monitor"},
	"outlet":    {"times", "post", "journal", "news", "tv", "network", "media", "daily", "magazine", "radio"},
	"network":   {"tv", "news", "network", "broadcasting", "television", "channel", "radio"},
	"company":   {"corp.", "corp", "inc.", "inc", "co.", "ltd.", "llc", "plc", "group", "company", "corporation", "holdings", "motors", "airlines", "industries", "technologies"},
	"firm":      {"corp.", "corp", "inc.", "inc", "co.", "ltd.", "llc", "plc", "group", "company", "corporation", "holdings", "partners", "capital"},
	"agency":    {"agency", "bureau", "service", "administration"},
	"group":     {"group", "association", "coalition", "alliance", "foundation", "committee", "council"},
}

// cluster assigns every candidate that is not a pronoun to an entity.
func (st *state) cluster() {
	var ents []*ent
	newEnt := func(ci int) int {
		ents = append(ents, &ent{kind: st.cands[ci].kind})
		return len(ents) - 1
	}
	join := func(ci, e int) {
		st.cands[ci].entity = e
		ents[e].members = append(ents[e].members, ci)
		if r := st.cands[ci].role; r != "" && ents[e].role == "" {
			ents[e].role = strings.ToLower(r)
		}
	}
	byKey := map[string]int{}
	acronyms := map[string]int{}
	// bySurname and byFirstName index people by the single words a bare
	// mention may use; orgWords indexes organizations of several words by
	// their first word.
	bySurname := map[string][]int{}
	orgWords := map[string][]int{}
	var orgFirst []string

	// Pass 1: names of two or more words, places, multi-word organizations.
	for ci, c := range st.cands {
		switch {
		case c.pronoun || c.nominal:
			continue
		case c.place:
			key := "place:" + strings.ToLower(st.placeKey(c))
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
			}
			join(ci, e)
		case c.kind == Organization && (c.to-c.from >= 2 || c.canonical != ""):
			key := "org:" + st.orgKey(c)
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
			}
			join(ci, e)
			if c.to-c.from >= 2 {
				orgWords[st.lower[c.from]] = append(orgWords[st.lower[c.from]], ci)
			}
			if c.acronym != "" {
				acronyms[strings.ToLower(strings.ReplaceAll(c.acronym, ".", ""))] = e
			}
			if ini := st.initials(c); len(ini) >= 2 {
				if _, ok := acronyms[ini]; !ok {
					acronyms[ini] = e
				}
			}
		case c.kind == Person || c.kind == Unknown:
			words := st.nameWords(c)
			if len(words) < 2 {
				continue
			}
			key := "person:" + words[0] + "|" + words[len(words)-1]
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
				en := ents[e]
				en.surnames = append(en.surnames, words[len(words)-1])
				asian := st.surnameFirst(c.from, c.to)
				if asian || st.lx.firstNames[words[0]] == AnyGender {
					en.surnames = append(en.surnames, words[0])
				}
				if !asian {
					en.firstName = words[0]
				}
				for _, w := range en.surnames {
					bySurname[w] = append(bySurname[w], e)
				}
				if en.firstName != "" && st.lx.firstNames[en.firstName] != AnyGender {
					bySurname[en.firstName] = append(bySurname[en.firstName], e)
				}
			}
			if c.kind == Unknown {
				c.kind = Person
			}
			join(ci, e)
			ents[e].full = append(ents[e].full, ci)
		}
	}

	// Pass 2, in text order: single words, nominals, groups.
	for ci, c := range st.cands {
		if c.entity >= 0 || c.pronoun {
			continue
		}
		switch {
		case c.kind == Group || c.kind == Anonymous && c.plural:
			key := "group:" + st.groupKey(c)
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
			}
			join(ci, e)
		case c.kind == Anonymous:
			if c.definite {
				if k := st.nominalAntecedent(ci, ents); k >= 0 {
					c.kind = st.cands[k].kind
					if c.kind == Person {
						c.conf = 0.7
					}
					c.antecedent = k
					join(ci, st.cands[k].entity)
					continue
				}
			}
			join(ci, newEnt(ci))
		case c.kind == Organization && c.nominal:
			if c.aff == "" {
				if k := st.orgAntecedent(ci, ents); k >= 0 {
					c.antecedent = k
					join(ci, st.cands[k].entity)
					continue
				}
			}
			key := "orgnom:" + strings.ToLower(c.aff+" "+st.textOf(c.from, c.to))
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
			}
			join(ci, e)
		default:
			word := strings.ToLower(strings.ReplaceAll(st.spanOf(c).In(st.text), ".", ""))
			if c.kind == Organization {
				if e, ok := acronyms[word]; ok {
					join(ci, e)
					continue
				}
			}
			if c.kind != Organization || c.hinted {
				if e := st.choosePerson(ci, word, ents, bySurname[word]); e >= 0 {
					c.kind = Person
					if c.conf < 0.8 {
						c.conf = 0.8
					}
					ents[e].uses++
					join(ci, e)
					continue
				}
			}
			e := st.orgByPrefix(ci, orgWords[st.lower[c.from]])
			if e < 0 && c.to-c.from == 1 && len(word) >= 3 && st.upper[c.from] {
				// A clipped first word (the Fed for the Federal Reserve).
				if orgFirst == nil {
					orgFirst = make([]string, 0, len(orgWords))
					for w := range orgWords {
						orgFirst = append(orgFirst, w)
					}
					sort.Strings(orgFirst)
				}
				for i := sort.SearchStrings(orgFirst, word); i < len(orgFirst) && strings.HasPrefix(orgFirst[i], word); i++ {
					if len(orgFirst[i]) > len(word) {
						if x := st.orgByPrefix(ci, orgWords[orgFirst[i]]); x >= 0 {
							e = x
							break
						}
					}
				}
			}
			if e >= 0 {
				c.kind = Organization
				c.gender = Neuter
				if c.conf < 0.75 {
					c.conf = 0.75
				}
				join(ci, e)
				continue
			}
			if c.kind == Unknown && (!c.subject && (st.first[c.from] || st.toks[c.from].Tag != "NNP" && st.toks[c.from].Tag != "NNPS") || st.compound(c)) {
				c.removed = true
				continue
			}
			key := "name:" + word
			e, ok := byKey[key]
			if !ok {
				e = newEnt(ci)
				byKey[key] = e
			}
			join(ci, e)
		}
	}
	st.compact(ents)
}

// compound reports whether an unknown name is a compound of names joined by
// hyphens (Trump-Kim, Washington-Pyongyang), which names no one.
func (st *state) compound(c *cand) bool {
	if c.to-c.from != 1 {
		return false
	}
	parts := strings.Split(st.toks[c.from].Text, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !isWord(p) || !st.upper[c.from] || strings.ToLower(p) == p {
			return false
		}
	}
	return true
}

// compact drops removed candidates and renumbers the entities.
func (st *state) compact(ents []*ent) {
	kept := st.cands[:0]
	old := make([]int, 0, len(st.cands))
	for i, c := range st.cands {
		if c.removed {
			continue
		}
		kept = append(kept, c)
		old = append(old, i)
	}
	remap := make(map[int]int, len(old))
	for i, o := range old {
		remap[o] = i
	}
	st.cands = kept
	for _, c := range st.cands {
		if c.antecedent >= 0 {
			if n, ok := remap[c.antecedent]; ok {
				c.antecedent = n
			} else {
				c.antecedent = -1
			}
		}
	}
	// Renumber entities in order of first mention, dropping empty ones.
	num := make(map[int]int)
	st.ents = st.ents[:0]
	for ci, c := range st.cands {
		if c.entity < 0 {
			continue
		}
		n, ok := num[c.entity]
		if !ok {
			n = len(st.ents)
			num[c.entity] = n
			src := ents[c.entity]
			st.ents = append(st.ents, &ent{kind: src.kind, surnames: src.surnames, firstName: src.firstName})
		}
		c.entity = n
		st.ents[n].members = append(st.ents[n].members, ci)
	}
	for _, e := range st.ents {
		st.aggregate(e)
	}
}

// aggregate sets an entity's kind and gender from its named and nominal
// members.
func (st *state) aggregate(e *ent) {
	rank := map[Kind]int{Person: 6, Organization: 5, Place: 4, Group: 3, Anonymous: 2, Unknown: 1}
	best := Unknown
	e.gender = AnyGender
	for _, m := range e.members {
		c := st.cands[m]
		if c.pronoun {
			continue
		}
		if rank[c.kind] > rank[best] {
			best = c.kind
		}
		if e.gender == AnyGender && c.gender != AnyGender {
			e.gender = c.gender
		}
	}
	e.kind = best
	if best != Unknown {
		for _, m := range e.members {
			if c := st.cands[m]; !c.pronoun && c.kind == Unknown {
				c.kind = best
				if c.conf < 0.7 {
					c.conf = 0.7
				}
			}
		}
	}
	if e.kind != Person && e.kind != Anonymous && e.gender != Neuter {
		if e.kind == Organization || e.kind == Place {
			e.gender = Neuter
		} else {
			e.gender = AnyGender
		}
	}
}

// nameWords returns the lower-case words of a name without initials and
// suffixes (Donald J. Trump Jr. gives donald, trump).
func (st *state) nameWords(c *cand) []string {
	words := make([]string, 0, c.to-c.from)
	for k := c.from; k < c.to; k++ {
		w := st.lower[k]
		if len(strings.TrimSuffix(w, ".")) <= 1 || w == "." {
			continue
		}
		switch w {
		case "jr.", "jr", "sr.", "sr", "ii", "iii", "iv":
			continue
		}
		words = append(words, strings.ReplaceAll(w, ".", ""))
	}
	return words
}

// placeKey returns the name a place is clustered by.
func (st *state) placeKey(c *cand) string {
	if c.canonical != "" {
		return c.canonical
	}
	return st.textOf(c.from, c.to)
}

// orgKey returns the name an organization is clustered by: its lower-case
// words without a leading "the".
func (st *state) orgKey(c *cand) string {
	if c.canonical != "" {
		return strings.ToLower(c.canonical)
	}
	k := strings.ToLower(st.textOf(c.from, c.to))
	return strings.TrimPrefix(k, "the ")
}

// groupKey returns the words a group is clustered by: without determiners.
func (st *state) groupKey(c *cand) string {
	return st.joinLower(st.groupStart(c), c.to)
}

// groupStart returns the first token of a group's name, past its
// determiners.
func (st *state) groupStart(c *cand) int {
	i := c.from
	for i < c.to-1 && determiners[st.lower[i]] {
		i++
	}
	return i
}

// initials returns the lower-case initials of an organization's
// capitalised words (kcna for Korean Central News Agency).
func (st *state) initials(c *cand) string {
	if c.to-c.from < 2 {
		return ""
	}
	var b strings.Builder
	for k := c.from; k < c.to; k++ {
		if st.upper[k] {
			b.WriteString(strings.ToLower(st.toks[k].Text[:1]))
		}
	}
	return b.String()
}

// genderAgrees reports whether a bare surname whose honorific gives it a
// gender (Mr. Trump) may name entity e: not when e's first name is of the
// other gender (Ivana Trump), which would make one person of a husband and
// wife.
func (st *state) genderAgrees(c *cand, e *ent) bool {
	if (c.gender != Male && c.gender != Female) || e.firstName == "" {
		return true
	}
	g := st.lx.firstNames[e.firstName]
	return g != Male && g != Female || g == c.gender
}

// choosePerson picks the person entity a single name word refers to, or -1.
// A word that more than one person can be called (Kim) goes to a person
// named in full in the same or the previous sentence, else to the one the
// article already calls by it, else to the last one named outside a
// quotation.
func (st *state) choosePerson(ci int, word string, ents []*ent, indexed []int) int {
	c := st.cands[ci]
	var options []int
	for _, e := range indexed {
		if len(ents[e].full) > 0 && (len(options) == 0 || options[len(options)-1] != e) && st.genderAgrees(c, ents[e]) {
			options = append(options, e)
		}
	}
	switch len(options) {
	case 0:
		return -1
	case 1:
		return options[0]
	}
	pos := c.from
	lastFull := func(e int, quotedOK bool) int {
		best := -1
		for _, m := range ents[e].full {
			fm := st.cands[m]
			if fm.from < pos && (quotedOK || !fm.quoted) && fm.from > best {
				best = fm.from
			}
		}
		return best
	}
	if !c.quoted {
		best, bestPos := -1, -1
		for _, e := range options {
			p := lastFull(e, false)
			if p >= 0 && st.sent[pos]-st.sent[p] <= 1 && p > bestPos {
				best, bestPos = e, p
			}
		}
		if best >= 0 {
			return best
		}
	}
	best, bestUses := -1, 0
	for _, e := range options {
		if ents[e].uses > bestUses {
			best, bestUses = e, ents[e].uses
		}
	}
	if best >= 0 {
		return best
	}
	best, bestPos := -1, -1
	for _, e := range options {
		if p := lastFull(e, false); p > bestPos {
			best, bestPos = e, p
		}
	}
	if best >= 0 {
		return best
	}
	return options[0]
}

// orgByPrefix returns the organization whose name starts with the single
// word of candidate ci (Xinhua for Xinhua News Agency), preferring the
// most recent one, or -1. members are the organization names of several
// words that start with that word.
func (st *state) orgByPrefix(ci int, members []int) int {
	c := st.cands[ci]
	if c.to-c.from != 1 {
		return -1
	}
	// members are in text order: the last one before c, else the first.
	best := -1
	for i := len(members) - 1; i >= 0; i-- {
		mc := st.cands[members[i]]
		if mc.entity < 0 || mc.kind != Organization {
			continue
		}
		best = mc.entity
		if mc.from < c.from {
			break
		}
	}
	return best
}

// orgAntecedent returns the candidate an organization nominal (the
// ministry, the newspaper) refers back to, or -1.
func (st *state) orgAntecedent(ci int, ents []*ent) int {
	c := st.cands[ci]
	syn := orgSynonyms[c.head]
	for k := ci - 1; k >= 0 && ci-k <= maxLookback; k-- {
		m := st.cands[k]
		if st.para[c.from]-st.para[m.from] > 12 {
			break
		}
		if m.entity < 0 || m.kind != Organization || m.quoted && !c.quoted {
			continue
		}
		if m.head == c.head {
			return k
		}
		for _, s := range syn {
			if m.head == s {
				return k
			}
		}
		for t := m.from; t < m.to; t++ {
			if st.lower[t] == c.head {
				return k
			}
		}
	}
	return -1
}

// nominalAntecedent returns the person or anonymous source a definite
// nominal (the senator, the official) refers back to: the most recent one
// whose role has the same head word, or -1.
func (st *state) nominalAntecedent(ci int, ents []*ent) int {
	c := st.cands[ci]
	for k := ci - 1; k >= 0 && ci-k <= maxLookback; k-- {
		m := st.cands[k]
		if st.para[c.from]-st.para[m.from] > 8 {
			break
		}
		if m.entity < 0 || m.pronoun || (m.kind != Person && m.kind != Anonymous) || m.plural {
			continue
		}
		if m.quoted && !c.quoted {
			continue
		}
		role := ents[m.entity].role
		if role == "" {
			continue
		}
		words := strings.Fields(role)
		if words[len(words)-1] != c.head {
			continue
		}
		// Every modifier of the nominal must be in the role: the former
		// senator may be a former Senator, the next president no
		// President.
		ok := true
		for t := st.groupStart(c); t < c.to-1; t++ {
			if !strings.Contains(role, st.lower[t]) {
				ok = false
			}
		}
		if ok {
			return k
		}
	}
	return -1
}

// resolvePronouns links every third-person pronoun to the entity of the
// most salient earlier mention it agrees with.
func (st *state) resolvePronouns() {
	// count holds, for every entity, its mentions before the current one.
	count := make([]int, len(st.ents))
	for ci, c := range st.cands {
		if ci > 0 {
			if e := st.cands[ci-1].entity; e >= 0 {
				count[e]++
			}
		}
		if !c.pronoun {
			continue
		}
		if p := pronouns[c.pronounForm]; p.person == 1 {
			continue
		}
		k := st.cataphora(ci)
		if k < 0 {
			k = st.antecedent(ci, count)
		}
		if k < 0 {
			continue
		}
		m := st.cands[k]
		c.entity = m.entity
		c.antecedent = k
		e := st.ents[m.entity]
		e.members = append(e.members, ci)
		if e.kind == Unknown && (c.kind == Person || c.kind == Organization) {
			e.kind = c.kind
			if c.kind == Organization {
				e.gender = Neuter
			}
			for _, k := range e.members {
				if mc := st.cands[k]; mc.kind == Unknown {
					mc.kind = e.kind
					if mc.conf < 0.6 {
						mc.conf = 0.6
					}
				}
			}
		}
		if c.gender == Male || c.gender == Female {
			if e.gender == AnyGender && e.kind == Person {
				e.gender = c.gender
			}
		}
		c.kind = e.kind
	}
	for _, e := range st.ents {
		sort.Ints(e.members)
	}
}

// agrees reports whether pronoun c can refer to candidate m.
func (st *state) agrees(c, m *cand) bool {
	if m.entity < 0 {
		return false
	}
	e := st.ents[m.entity]
	p := pronouns[c.pronounForm]
	switch p.kind {
	case Person:
		if e.kind == Unknown {
			// A single unknown word may be a surname (Xi said ... his).
			return m.proper && m.to-m.from == 1 && !st.commonWords(m.from, m.to)
		}
		if e.kind != Person && e.kind != Anonymous || m.plural {
			return false
		}
		return e.gender == AnyGender || e.gender == p.gender
	case Organization:
		if e.kind == Unknown && m.proper && !m.plural {
			// An unknown name that reported speech, for a pronoun that
			// reports speech (Xinhua reported ... it added).
			return st.speaks(c) && st.speaks(m)
		}
		if e.kind == Place && c.from > 0 && (strings.HasPrefix(st.toks[c.from-1].Tag, "VB") || st.toks[c.from-1].Tag == "IN") {
			// An object it is seldom a place (dismisses it).
			return false
		}
		return (e.kind == Organization || e.kind == Place) && !m.plural
	case Group:
		return m.plural || e.kind == Organization
	}
	return false
}

// antecedent returns the candidate that pronoun ci most likely refers to,
// looking back over the same and the two previous paragraphs, or -1. count
// holds every entity's number of mentions before ci.
func (st *state) antecedent(ci int, count []int) int {
	c := st.cands[ci]
	p := pronouns[c.pronounForm]
	best, bestScore := -1, -1e9
	speaking := st.speaks(c)
	for k := ci - 1; k >= 0 && ci-k <= maxLookback; k-- {
		m := st.cands[k]
		if st.para[c.from]-st.para[m.from] > 2 || st.sent[c.from]-st.sent[m.from] > 5 {
			break
		}
		if m.quoted && !c.quoted {
			continue
		}
		// Inside a quotation, it and its refer to what the quotation
		// itself names; a person may be named before it.
		if c.quoted && m.quote != c.quote && (p.kind == Organization || m.quoted) {
			continue
		}
		if p.person == 3 && m.pronoun && pronouns[m.pronounForm].person == 1 {
			continue
		}
		if !st.agrees(c, m) {
			continue
		}
		dist := float64(st.sent[c.from] - st.sent[m.from])
		score := -dist
		if speaking && st.speaks(m) {
			// A pronoun that reports speech continues an earlier speaker
			// (Xinhua reported ... it added).
			score += 0.6
		}
		if c.quoted && m.quote == c.quote {
			// Inside a quotation its own names come first.
			score += 0.5
		}
		if m.subject {
			score += 1.0
			if st.first[m.srcFrom] {
				// The subject of the main clause is the likeliest topic.
				score += 0.2
			}
		}
		switch {
		case m.proper:
			score += 0.5
		case m.pronoun:
			score += 0.4
		case m.nominal:
			score += 0.2
		}
		if m.possessive || m.to < st.n && isPossessive(st.toks[m.to].Text) {
			score -= 0.3
		}
		if m.from > 0 && st.inSrc[m.from] && m.srcFrom == m.from {
			// A name inside another mention's source phrase, such as the
			// university of an expert.
			score -= 0.5
		}
		if dist == 0 {
			score += 0.3 - 0.01*float64(c.from-m.to)
			if st.boundByClause(m, c) {
				continue
			}
		}
		ek := st.ents[m.entity].kind
		switch p.kind {
		case Organization:
			if ek == Organization {
				score += 0.5
			}
			if m.kind == Organization {
				score += 0.3
			}
		case Group:
			if m.plural {
				score += 0.5
			}
		}
		if n := count[m.entity]; n > 0 {
			if n > 6 {
				n = 6
			}
			score += 0.05 * float64(n)
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if p.plural && best >= 0 {
		if co := st.coordination(ci); co > st.cands[best].from {
			return -1
		}
	}
	return best
}

// coordination returns the first token of the nearest coordination of two
// singular names (Kim and Trump) in the sentence of pronoun ci or the one
// before, which a plural pronoun may refer to as a whole, or -1.
func (st *state) coordination(ci int) int {
	c := st.cands[ci]
	for k := ci - 1; k > 0 && ci-k <= maxLookback; k-- {
		m := st.cands[k]
		if st.sent[c.from]-st.sent[m.from] > 1 {
			break
		}
		l := st.cands[k-1]
		if m.quoted != c.quoted || m.plural || l.plural || m.pronoun || l.pronoun {
			continue
		}
		if l.srcTo+1 == m.srcFrom && st.lower[l.srcTo] == "and" && (m.kind == Person || m.kind == Organization) && (l.kind == Person || l.kind == Organization) {
			return l.from
		}
	}
	return -1
}

// speechVerbs are the commonest verbs of reporting, enough to tell a
// speaker from other subjects when resolving pronouns.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"reported": true, "reports": true, "stated": true, "states": true, "wrote": true, "writes": true,
	"noted": true, "notes": true, "explained": true, "asked": true, "announced": true, "replied": true,
	"insisted": true, "argued": true, "claimed": true, "warned": true, "continued": true, "declared": true,
	"tweeted": true, "posted": true, "commented": true, "acknowledged": true, "conceded": true,
	"suggested": true, "quoted": true, "cited": true, "concluded": true, "responded": true,
}

// speaks reports whether candidate m is the subject of a speech verb (Kim
// said, said Kim) or follows "according to".
func (st *state) speaks(m *cand) bool {
	j := m.srcTo
	for k := 0; k < 3 && j < st.n && (st.toks[j].Tag == "RB" || st.toks[j].Text == "," || st.toks[j].Tag == "MD" || st.lower[j] == "has" || st.lower[j] == "had"); k++ {
		j++
	}
	if j < st.n && speechVerbs[st.lower[j]] {
		return true
	}
	if m.srcFrom > 0 && speechVerbs[st.lower[m.srcFrom-1]] {
		return true
	}
	return m.srcFrom > 1 && st.lower[m.srcFrom-1] == "to" && st.lower[m.srcFrom-2] == "according"
}

// boundByClause reports whether an object pronoun (him, her, them) c and
// the mention m are the subject and object of one clause, which they cannot
// co-refer as (Trump attacked him).
func (st *state) boundByClause(m, c *cand) bool {
	switch c.pronounForm {
	case "him", "her", "them":
	default:
		return false
	}
	if !m.subject {
		return false
	}
	for k := m.srcTo; k < c.from; k++ {
		switch st.toks[k].Text {
		case ",", "that", "and", "but", "because", "when", "while", "if", "after", "before":
			return false
		}
		if st.toks[k].Tag == "TO" || st.toks[k].Tag == "IN" {
			return false
		}
	}
	return true
}

// cataphora resolves a pronoun in a fronted phrase to the subject after
// the phrase (During his meeting with Kim, Xi threw ...; In his address,
// Kim said ...), or returns -1.
func (st *state) cataphora(ci int) int {
	c := st.cands[ci]
	if c.quoted {
		return -1
	}
	s := st.sentStart[st.sentIndex(c.from)]
	for s < c.from && (st.isQuote(s) || st.toks[s].Text == "(") {
		s++
	}
	if s >= c.from {
		return -1
	}
	switch st.toks[s].Tag {
	case "IN", "VBG", "VBN", "RB":
	default:
		return -1
	}
	comma := -1
	for k := s; k < st.n && st.sameSentence(k, c.from); k++ {
		if st.toks[k].Text == "," {
			comma = k
			break
		}
	}
	if comma < c.from {
		return -1
	}
	for k := ci + 1; k < len(st.cands); k++ {
		m := st.cands[k]
		if m.srcFrom > comma+1 {
			break
		}
		if m.srcFrom == comma+1 && !m.pronoun && st.agrees(c, m) && m.subject {
			return k
		}
	}
	return -1
}

// sentIndex returns the position in sentStart of the sentence that holds
// token i.
func (st *state) sentIndex(i int) int {
	k := sort.Search(len(st.sentStart), func(j int) bool { return st.sentStart[j] > i }) - 1
	if k < 0 {
		k = 0
	}
	return k
}

// entities builds the exported entities, fills each from its members and
// gives every mention the role and affiliation of its entity.
func (st *state) entities(an *Analysis) []Entity {
	out := make([]Entity, len(st.ents))
	for i, e := range st.ents {
		out[i] = Entity{Name: st.entityName(e), Kind: e.kind, Gender: e.gender, Mentions: append([]int(nil), e.members...)}
		if out[i].Mentions == nil {
			out[i].Mentions = []int{}
		}
		e.name = out[i].Name
	}
	// Affiliations named by an organization word take the nearest earlier
	// organization with that word (a ministry official after Seoul's foreign
	// ministry).
	for ci, c := range st.cands {
		if c.aff == "" && c.affNominal != "" {
			c.aff = st.resolveAffNominal(ci)
		}
	}
	for i, e := range st.ents {
		national := false
		for _, m := range e.members {
			c := st.cands[m]
			if c.pronoun {
				continue
			}
			if out[i].Role == "" && c.role != "" {
				out[i].Role = c.role
			}
			if out[i].Affiliation == "" && c.aff != "" {
				out[i].Affiliation = c.aff
			}
			national = national || c.national
			if c.plural && (e.kind == Group || e.kind == Anonymous) {
				out[i].Plural = true
			}
		}
		if out[i].Affiliation == "" && national && e.kind == Person {
			out[i].Affiliation = st.nationalDefault(e)
		}
		for _, m := range e.members {
			mn := &an.Mentions[m]
			if mn.Role == "" {
				mn.Role = out[i].Role
			}
			if mn.Affiliation == "" || st.cands[m].pronoun {
				mn.Affiliation = out[i].Affiliation
			}
			if st.cands[m].aff != "" && !st.cands[m].pronoun {
				mn.Affiliation = st.cands[m].aff
			}
			if mn.Pronoun {
				mn.Kind = e.kind
				if mn.Gender == AnyGender {
					mn.Gender = e.gender
				}
			}
		}
	}
	return out
}

// entityName returns the fullest form of an entity's name: the longest
// proper name, a place's canonical name, or a nominal's source phrase.
func (st *state) entityName(e *ent) string {
	best, bestLen := "", -1
	for _, m := range e.members {
		c := st.cands[m]
		if !c.proper || c.pronoun {
			continue
		}
		name := st.textOf(c.from, c.to)
		if c.kind == Place && c.canonical != "" {
			name = c.canonical
		}
		if c.canonical != "" && c.kind == Organization {
			name = c.canonical
		}
		if n := c.to - c.from; n > bestLen {
			best, bestLen = name, n
		}
	}
	if best != "" {
		return best
	}
	for _, m := range e.members {
		c := st.cands[m]
		if c.pronoun {
			continue
		}
		from := c.from
		if c.kind == Organization && c.srcFrom < c.from {
			from = c.srcFrom
		}
		if c.kind == Group || c.kind == Anonymous && c.plural {
			from = st.groupStart(c)
		}
		name := st.textOf(from, c.to)
		// A common noun phrase keeps no capital from the start of its
		// sentence: "A ministry official said" names "a ministry official".
		if st.first[from] && st.upper[from] && !strings.HasPrefix(st.toks[from].Tag, "NNP") {
			name = strings.ToLower(name[:1]) + name[1:]
		}
		if n := len(name); n > bestLen {
			best, bestLen = name, n
		}
		if c.kind == Anonymous || c.kind == Group {
			break
		}
	}
	if best == "" && len(e.members) > 0 {
		c := st.cands[e.members[0]]
		best = st.textOf(c.from, c.to)
	}
	return best
}

// resolveAffNominal returns the name of the organization an affiliation
// word refers to: the nearest earlier organization with that head word, or
// the word itself.
func (st *state) resolveAffNominal(ci int) string {
	c := st.cands[ci]
	w := c.affNominal
	for k := ci - 1; k >= 0 && ci-k <= maxLookback; k-- {
		m := st.cands[k]
		if m.kind != Organization || m.entity < 0 {
			continue
		}
		if st.para[c.from]-st.para[m.from] > 15 {
			break
		}
		if m.head == w || strings.Contains(strings.ToLower(st.ents[m.entity].name), w) {
			return st.ents[m.entity].name
		}
	}
	return w
}

// nationalDefault returns the country of a national title given with no
// country (President Donald Trump): the United States for a name that
// starts with an English first name or in an article with no dateline
// (the convention of American newspapers), else the dateline's country.
func (st *state) nationalDefault(e *ent) string {
	if e.firstName != "" && st.lx.firstNames[e.firstName] != AnyGender || st.dateline == "" {
		return "United States"
	}
	return st.dateline
}
