package attribution

import (
	"context"

	"github.com/whosaid/whosaid/entities"
)

// Sieve is one rule for finding the speaker of a quote. Sieves run in order,
// most precise first; the first that decides a quote wins, and later sieves
// see the speakers decided so far (so a quote-only paragraph can take the
// previous paragraph's speaker).
type Sieve interface {
	// Name is a short stable identifier, recorded on the quotes it decides.
	Name() string
	// Attribute returns the cue and speaker of st.Quotes[i], with the
	// evidence used, and true when it decides; or false to pass the quote
	// on to the next sieve.
	Attribute(st *State, i int) (Attribution, bool)
}

// Attribution is a sieve's decision for one quote.
type Attribution struct {
	Cue      *Cue
	Speaker  *Speaker
	Evidence Evidence
}

// State is what sieves read: the document, its mentions, the cues found in
// it and every quote with the speakers decided so far.
type State struct {
	Doc      *entities.Document
	Analysis *entities.Analysis
	Quotes   []Quote

	problems []Problem       // what the quotation finder reported
	marked   []entities.Span // merged quotation spans, built on first use
	index    *quoteIndex     // lookups into Quotes, built on first use
}

// quoteIndex answers the questions the sieves and reported speech ask of
// every quote in constant or logarithmic time, so that a document with
// thousands of quotations costs time linear in its length. The spans,
// marks and groups of Quotes never change after the quotation finder, so
// the index is built once.
type quoteIndex struct {
	byOpen map[int][]int // opening-mark offset -> quote indexes, in order
	groups map[int][]int // group -> quote indexes, in order
	quoted *spanIndex    // the quoted kinds
}

func (st *State) idx() *quoteIndex {
	if st.index != nil {
		return st.index
	}
	x := &quoteIndex{byOpen: map[int][]int{}, groups: map[int][]int{}}
	for i, q := range st.Quotes {
		if !q.Open.Empty() {
			x.byOpen[q.Open.Start] = append(x.byOpen[q.Open.Start], i)
		}
		x.groups[q.Group] = append(x.groups[q.Group], i)
	}
	x.quoted = newSpanIndex(st.Quotes, func(q Quote) bool { return q.Kind.Quoted() })
	st.index = x
	return x
}

// quotedOverlapping returns the indexes of the quoted-kind quotes whose
// content overlaps span, in order of Start.
func (st *State) quotedOverlapping(span entities.Span) []int {
	return st.idx().quoted.overlapping(span)
}

// link runs the sieves over every quote and returns the state they left,
// or ctx's error when ctx is done (checked every checkEvery quotes).
func (e *Extractor) link(ctx context.Context, doc *entities.Document, an *entities.Analysis, quotes []Quote) (*State, error) {
	st := &State{Doc: doc, Analysis: an, Quotes: quotes}
	for _, s := range e.cfg.sieves {
		for i := range st.Quotes {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if st.Quotes[i].Speaker != nil {
				continue
			}
			if a, ok := s.Attribute(st, i); ok {
				q := &st.Quotes[i]
				q.Cue, q.Speaker, q.Sieve = a.Cue, a.Speaker, s.Name()
				q.Evidence = append(q.Evidence, a.Evidence...)
			}
		}
	}
	return st, ctx.Err()
}

// checkEvery is how many quotes or tokens the extractor handles between two
// checks of its context.
const checkEvery = 1024
