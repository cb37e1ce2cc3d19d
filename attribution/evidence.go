package attribution

// Feature is one named observation about a quote and its attribution, such
// as the sieve that decided it or the distance between quote and speaker.
// Binary observations have Value 1.
type Feature struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Evidence is the list of features recorded for a quote by the quote finder
// and the sieves, in the order they were recorded. The confidence model
// turns it into a probability.
type Evidence []Feature

// Add appends a feature.
func (e *Evidence) Add(name string, value float64) { *e = append(*e, Feature{name, value}) }

// Flag appends a binary feature with value 1.
func (e *Evidence) Flag(name string) { e.Add(name, 1) }

// Value returns the value of the last feature called name, and whether
// there is one.
func (e Evidence) Value(name string) (float64, bool) {
	for i := len(e) - 1; i >= 0; i-- {
		if e[i].Name == name {
			return e[i].Value, true
		}
	}
	return 0, false
}

// has reports whether the evidence holds a feature with this name.
func (e Evidence) has(name string) bool {
	_, ok := e.Value(name)
	return ok
}
