package attribution

import (
	"strings"

	"github.com/whosaid/whosaid/entities"
)

// This file finds the subject of a cue verb when it does not stand right
// before it: after a long appositive, before a coordinated verb phrase, or
// behind a relative pronoun.

// relativeSubject returns the antecedent of a relative pronoun that is the
// subject of cue c ("Cruz, who says Trump is attacking him", "experts who
// said"), and the pronoun's token; an empty phrase and -1 otherwise.
func (st *State) relativeSubject(c int, para entities.Span) (phrase, int) {
	r := c - 1
	if st.tok(r).Tag == "RB" {
		r--
	}
	if t := st.tok(r); r < 1 || !(t.Tag == "WP" && st.lower(r) == "who" || t.Tag == "WDT" && st.lower(r) == "that") {
		return phrase{}, -1
	}
	e := r
	if st.tok(e-1).Text == "," {
		e--
	}
	np := st.nounPhraseBefore(e, st.clauseStart(e, para))
	if np.empty() {
		return phrase{}, -1
	}
	return np, r
}

// appositiveSubject returns the name that opens the sentence of cue c
// when a long appositive separates them: "Sandra Inman, a Cruz supporter
// from Jackson, Miss., attending the convention, said ...". The name is a
// run of proper nouns followed by a comma.
func (st *State) appositiveSubject(c int, para entities.Span) phrase {
	s := st.sentenceStartTok(c, para)
	k := s
	for k < c && strings.HasPrefix(st.tok(k).Tag, "NNP") {
		k++
	}
	if k == s || k-s > 5 || st.tok(k).Text != "," {
		return phrase{}
	}
	for j := k; j < c; j++ {
		if st.inQuote(j) || st.tok(j).Text == ";" {
			return phrase{}
		}
	}
	return phrase{From: s, To: k}
}

// coordinatedSubject returns the subject of a cue that ends a coordinated
// verb phrase, "the court overruled the ruling and said ...": the subject
// of the first verb before the conjunction. It returns an empty phrase when
// the cue does not follow "and" or "but" (an adverb may stand between).
func (st *State) coordinatedSubject(c int, para entities.Span) phrase {
	j := c - 1
	if st.tok(j).Tag == "RB" {
		j--
	}
	if st.tok(j).Tag != "CC" || st.lower(j) == "or" {
		return phrase{}
	}
	start := st.sentenceStartTok(c, para)
	v := -1
	for k := j - 1; k >= start; k-- {
		if t := st.tok(k).Tag; (t == "VBD" || t == "VBZ" || t == "VBP") && !st.inQuote(k) {
			v = k
		}
	}
	if v < 0 {
		return phrase{}
	}
	lo := st.clauseStartRel(v, para)
	if st.tok(v-1).Text == "," {
		lo = st.clauseStart(v, para)
	}
	return st.subjectBefore(v, lo)
}
