package attribution

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The confidence model is a logistic regression over the features that
// [Features] derives from a quote. Its weights are fitted by
// examples/calibrate on PolNeAR and embedded here. The fit gives no weight
// to a feature seen in fewer than a handful of training quotes, and a
// feature the file has no weight for counts 0: a rare cue lemma then counts
// only through its class (cue.class=speech), an unknown sieve only through
// its kind and speaker. The file's layout:
//
//	{"intercept": -1.2, "weights": {"kind=direct": 0.8, ...}, "fit": {...}}
//
// "fit" records how the weights were made and their cross-validated
// figures; the library reads only "intercept" and "weights".
//
//go:embed data/weights.json
var weightsJSON []byte

// model is a fitted logistic model: P = 1 / (1 + exp(-(Intercept + Σ w·x))).
type model struct {
	Intercept float64            `json:"intercept"`
	Weights   map[string]float64 `json:"weights"`
}

// parseModel decodes a weights file.
func parseModel(b []byte) (*model, error) {
	var m model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("attribution: weights: %w", err)
	}
	if math.IsNaN(m.Intercept) || math.IsInf(m.Intercept, 0) {
		return nil, fmt.Errorf("attribution: weights: intercept is not finite")
	}
	for name, w := range m.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("attribution: weights: %q is not finite", name)
		}
	}
	return &m, nil
}

// embeddedModel is the model of data/weights.json, decoded on first use. A
// file that does not decode (which the tests rule out) gives the empty
// model, under which every quote scores 0.5.
var embeddedModel = sync.OnceValue(func() *model {
	m, err := parseModel(weightsJSON)
	if err != nil {
		return &model{}
	}
	return m
})

// score sets q.Confidence from the embedded model and, when explain is
// true, q.Explanation.
func score(q *Quote, explain bool) {
	m := embeddedModel()
	feats := Features(*q)
	z := m.Intercept
	for _, f := range feats {
		z += m.Weights[f.Name] * f.Value
	}
	q.Confidence = sigmoid(z)
	if explain {
		q.Explanation = m.explain(feats, z)
	}
}

// explain builds the explanation tree of a score: the probability, over
// the logit, over the intercept and one child per feature with its
// contribution (weight × value). The children of the logit node sum to its
// value.
func (m *model) explain(feats []Feature, z float64) *Explanation {
	terms := make([]*Explanation, 0, len(feats)+1)
	terms = append(terms, &Explanation{Value: m.Intercept, Message: "intercept"})
	for _, f := range feats {
		w, ok := m.Weights[f.Name]
		msg := fmt.Sprintf("%s: weight %.4g × value %g", f.Name, w, f.Value)
		if !ok {
			msg = fmt.Sprintf("%s: no weight in the model × value %g", f.Name, f.Value)
		}
		terms = append(terms, &Explanation{Value: w * f.Value, Message: msg})
	}
	logit := &Explanation{Value: z, Message: "logit, sum of:", Children: terms}
	return &Explanation{
		Value:    sigmoid(z),
		Message:  fmt.Sprintf("confidence = 1 / (1 + exp(-%.4g))", z),
		Children: []*Explanation{logit},
	}
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// numericSuffixes mark the evidence features whose value is a count or a
// distance rather than a flag; [Features] buckets them.
var numericSuffixes = []string{".distance", ".words", ".count", ".candidates", ".tokens"}

// Features returns the features the confidence model scores q by, in a
// fixed order that depends only on q. Every feature is named; binary ones
// have value 1. They are:
//   - kind=K, sieve=S (none when no sieve decided), speaker=T (the speaker's
//     type, or none), cue=LEMMA and cue.class=C (or cue=none), and
//     marks=M for quoted kinds (both, open, close or none: which quotation
//     marks the finder saw);
//   - words=B, the content's length in words, bucketed (1, 2, 3, 4-6, 7-12,
//     13-25, 26+);
//   - the pairs kind=K&sieve=S, sieve=S&speaker=T, kind=K&words=B and
//     sieve=S&cue=LEMMA;
//   - for a speaker, speaker.words=B, the words of its name (0, 1, 2, 3+), and
//     speaker.lower when the name starts in lower case (a phrase such as
//     "a ministry official" rather than a name);
//   - sieve=S&pronoun when the evidence has speaker.pronoun;
//   - every feature of q.Evidence, once each (the last value wins), except
//     those the list above already says (sieve.S, speaker.type.T, cue.LEMMA
//     and cue.belief): a name ending in .distance, .words, .count,
//     .candidates or .tokens is a number and becomes NAME=B with the
//     buckets 0, 1, 2, 3-4, 5-8, 9-16, 17+; any other name is a flag, kept
//     when its value is not 0.
//
// The fitting program (examples/calibrate) and the scorer both use it, so
// a weight fitted for a name is the weight the library applies.
func Features(q Quote) []Feature {
	kind := "kind=" + q.Kind.String()
	sieve := "sieve=none"
	if q.Sieve != "" {
		sieve = "sieve=" + q.Sieve
	}
	speaker := "speaker=none"
	if q.Speaker != nil {
		speaker = "speaker=" + q.Speaker.Type.String()
	}
	cue := "cue=none"
	if q.Cue != nil {
		cue = "cue=" + cueLemma(q.Cue)
	}
	words := "words=" + wordBucket(countWords(q.Text))

	var fs featureSet
	fs.flag(kind)
	fs.flag(sieve)
	fs.flag(speaker)
	fs.flag(cue)
	if q.Cue != nil {
		fs.flag("cue.class=" + q.Cue.Class.String())
	}
	if q.Kind.Quoted() {
		fs.flag("marks=" + marks(q))
	}
	fs.flag(words)
	fs.flag(kind + "&" + sieve)
	fs.flag(sieve + "&" + speaker)
	fs.flag(kind + "&" + words)
	fs.flag(sieve + "&" + cue)
	if q.Speaker != nil {
		fs.flag("speaker.words=" + nameBucket(countWords(q.Speaker.Name)))
		if r, _ := utf8.DecodeRuneInString(q.Speaker.Name); unicode.IsLower(r) {
			fs.flag("speaker.lower")
		}
	}
	if _, ok := q.Evidence.Value("speaker.pronoun"); ok {
		fs.flag(sieve + "&pronoun")
	}

	for _, f := range q.Evidence {
		name := f.Name
		switch {
		case name == "" || strings.HasPrefix(name, "sieve.") || strings.HasPrefix(name, "speaker.type."):
			continue
		case q.Cue != nil && (name == "cue."+q.Cue.Lemma || name == "cue.belief"):
			continue
		case isNumeric(name):
			fs.set(name+"=", name+"="+countBucket(f.Value), 1)
		case f.Value != 0 && !math.IsNaN(f.Value):
			fs.set(name, name, 1)
		}
	}
	return fs.list
}

// featureSet is an ordered list of features with one entry per key.
type featureSet struct {
	list []Feature
	keys []string
}

func (s *featureSet) flag(name string) { s.set(name, name, 1) }

// set records feature name under key, replacing an earlier feature with
// the same key in its place.
func (s *featureSet) set(key, name string, v float64) {
	for i, k := range s.keys {
		if k == key {
			s.list[i] = Feature{name, v}
			return
		}
	}
	s.keys = append(s.keys, key)
	s.list = append(s.list, Feature{name, v})
}

func isNumeric(name string) bool {
	for _, suf := range numericSuffixes {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// cueLemma returns the cue's lemma, or its text in lower case when it has
// none.
func cueLemma(c *Cue) string {
	if c.Lemma != "" {
		return strings.ToLower(c.Lemma)
	}
	if t := strings.ToLower(strings.Join(strings.Fields(c.Text), " ")); t != "" {
		return t
	}
	return "unnamed"
}

// marks tells which quotation marks a quoted quote has.
func marks(q Quote) string {
	switch {
	case !q.Open.Empty() && !q.Close.Empty():
		return "both"
	case !q.Open.Empty():
		return "open"
	case !q.Close.Empty():
		return "close"
	}
	return "none"
}

// countWords counts the words of s: runs of letters or digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func nameBucket(n int) string {
	switch {
	case n <= 0:
		return "0"
	case n == 1:
		return "1"
	case n == 2:
		return "2"
	}
	return "3+"
}

func wordBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n == 2:
		return "2"
	case n == 3:
		return "3"
	case n <= 6:
		return "4-6"
	case n <= 12:
		return "7-12"
	case n <= 25:
		return "13-25"
	}
	return "26+"
}

func countBucket(v float64) string {
	switch {
	case math.IsNaN(v) || v < 0.5:
		return "0"
	case v < 1.5:
		return "1"
	case v < 2.5:
		return "2"
	case v < 4.5:
		return "3-4"
	case v < 8.5:
		return "5-8"
	case v < 16.5:
		return "9-16"
	}
	return "17+"
}
