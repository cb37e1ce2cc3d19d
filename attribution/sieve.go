package attribution

import "github.com/whosaid/whosaid/entities"

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

	marked []entities.Span // merged quotation spans, built on first use
}

// link runs the sieves over every quote and returns the state they left.
func (e *Extractor) link(doc *entities.Document, an *entities.Analysis, quotes []Quote) *State {
	st := &State{Doc: doc, Analysis: an, Quotes: quotes}
	for _, s := range e.cfg.sieves {
		for i := range st.Quotes {
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
	return st
}
