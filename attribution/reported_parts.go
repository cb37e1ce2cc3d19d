package attribution

import (
	"github.com/whosaid/whosaid/entities"
)

// This file gives the quoted parts inside reported clauses the speaker of
// the innermost clause that holds them.

// auxiliaries are the verbs that come before a clause's main verb (has
// accepted, will visit, was told).
var auxiliaries = map[string]bool{
	"have": true, "has": true, "had": true, "having": true, "be": true, "is": true, "are": true,
	"was": true, "were": true, "been": true, "being": true, "am": true, "do": true, "does": true, "did": true,
}

// reassignParts gives a quoted part the speaker of the innermost reported
// clause that holds it, when that clause says more precisely whose words
// they are than the cue the sieves found:
//
//   - the clause's cue comes before the part: in "Kim said that he will
//     seek a summit, which would be "welcomed by the world," it added" the
//     words are Kim's, reported by "it";
//   - the clause's cue comes after it, and the part stands in the object of
//     a person's verb: in "Xi backed the talks "holding summits," Xinhua
//     reported" the quoted words are Xi's, which the agency passes on. A
//     part before the main verb ("Xi has "gladly" accepted, it added") is
//     the reporter's own word and keeps its speaker.
func (st *State) reassignParts(quotes []Quote, x *spanIndex) {
	for i := range quotes {
		q := &quotes[i]
		if q.Kind != Partial || q.Speaker == nil || q.Open.Empty() {
			continue
		}
		var r *Quote
		x.containing(q.Span, func(k int) bool {
			o := &x.quotes[k]
			if o.Cue != nil && o.Speaker != nil && o.Kind == Mixed && (r == nil || o.Len() < r.Len()) {
				r = o
			}
			return true
		})
		if r == nil {
			continue
		}
		if r.Cue.End <= q.Open.Start {
			if q.Cue != nil && r.Span.Contains(q.Cue.Span) {
				continue // the sieves found a cue inside the clause
			}
			if q.Cue != nil && q.Cue.Span == r.Cue.Span && q.Speaker.Name == r.Speaker.Name {
				continue // the sieves found the same cue and speaker
			}
			sp := *r.Speaker
			q.Speaker, q.Cue, q.Sieve = &sp, r.Cue, "reported-part"
			q.Evidence.Flag("sieve.reported-part")
			continue
		}
		if sp := st.clauseSubjectOf(r.Span, q.Open.Start); sp != nil {
			q.Speaker, q.Cue, q.Sieve = sp, r.Cue, "reported-subject"
			q.Evidence.Flag("sieve.reported-subject")
		}
	}
}

// clauseSubjectOf returns the speaker named by the person mention that
// opens the clause span (its title included), when the clause's main verb comes before offset;
// nil otherwise.
func (st *State) clauseSubjectOf(clause entities.Span, offset int) *Speaker {
	an := st.Analysis
	if an == nil {
		return nil
	}
	// The person the clause opens with, a title before the name included
	// (President Omar Haddad backed ...).
	first, _ := st.Doc.TokensIn(clause)
	m := -1
	for k := first; k < first+4 && k < len(st.Doc.Tokens); k++ {
		if i := an.MentionAt(st.tok(k).Start); i >= 0 {
			mn := an.Mentions[i]
			if mn.Start == clause.Start || mn.Source.Start == clause.Start {
				m = i
			}
			break
		}
	}
	if m < 0 || an.Mentions[m].Kind != entities.Person {
		return nil
	}
	from, _ := st.Doc.TokensIn(an.Mentions[m].Span)
	k, _ := st.Doc.TokensIn(entities.Span{Start: an.Mentions[m].End, End: offset})
	for ; k < len(st.Doc.Tokens) && st.tok(k).Start < offset; k++ {
		t := st.tok(k)
		if t.Tag == "MD" || auxiliaries[st.lower(k)] || t.Tag == "RB" {
			continue
		}
		if t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" {
			var ev Evidence
			return st.speakerFor(phrase{From: from, To: k}, clause.Start, &ev)
		}
		return nil
	}
	return nil
}
