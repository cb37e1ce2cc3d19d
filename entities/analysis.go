package entities

import "sort"

// Before returns the index of the last mention that ends at or before
// offset (the subject before a cue), or -1.
func (a *Analysis) Before(offset int) int {
	return sort.Search(len(a.Mentions), func(k int) bool { return a.Mentions[k].End > offset }) - 1
}

// After returns the index of the first mention that starts at or after
// offset (the name after an inverted cue: said Park Won-gon), or -1.
func (a *Analysis) After(offset int) int {
	i := sort.Search(len(a.Mentions), func(k int) bool { return a.Mentions[k].Start >= offset })
	if i >= len(a.Mentions) {
		return -1
	}
	return i
}

// Antecedent returns the index of the nearest earlier mention of the same
// entity that is not a pronoun (the name a "he" or a bare "Kim" stands
// for), or -1 when mention m is unresolved or first. A mention outside
// quotations never gets an antecedent inside one.
func (a *Analysis) Antecedent(m int) int {
	if m < 0 || m >= len(a.Mentions) {
		return -1
	}
	mn := a.Mentions[m]
	if mn.Entity < 0 || mn.Entity >= len(a.Entities) {
		return -1
	}
	ms := a.Entities[mn.Entity].Mentions
	i := sort.SearchInts(ms, m)
	for k := i - 1; k >= 0; k-- {
		c := a.Mentions[ms[k]]
		if c.Pronoun || c.Quoted && !mn.Quoted {
			continue
		}
		return ms[k]
	}
	return -1
}

// Head returns the index of the mention that a source phrase s is about:
// of the mentions inside s, the one whose Source covers most of s (Josh
// Earnest in "White House press secretary Josh Earnest", not White House;
// Kim Heung-kyu in "Kim Heung-kyu, a China expert at Ajou University"), or
// -1 when s holds no mention.
func (a *Analysis) Head(s Span) int {
	i, j := a.MentionsIn(s)
	best, bestLen := -1, -1
	for k := i; k < j; k++ {
		src := a.Mentions[k].Source
		lo, hi := max(src.Start, s.Start), min(src.End, s.End)
		if n := hi - lo; n > bestLen {
			best, bestLen = k, n
		}
	}
	return best
}
