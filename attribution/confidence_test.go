package attribution

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

// Quotes as the pipeline leaves them before scoring, from the surest
// attribution to the least sure.
var (
	trailingNamed = Quote{
		Span: entities.Span{Start: 1, End: 40}, Text: "We will not raise taxes on the middle class", Kind: Direct,
		Open: entities.Span{Start: 0, End: 1}, Close: entities.Span{Start: 41, End: 42},
		Cue:     &Cue{Text: "said", Lemma: "say", Class: Speech},
		Speaker: &Speaker{Name: "Hillary Clinton", Type: entities.Person, Entity: 0},
		Sieve:   "trailing-cue",
		Evidence: Evidence{{"quote.closed", 1}, {"order.speaker_cue", 1}, {"cue.distance", 0}, {"speaker.entity", 1},
			{"sieve.trailing-cue", 1}, {"speaker.type.person", 1}, {"cue.say", 1}},
	}
	reportedGroup = Quote{
		Span: entities.Span{Start: 0, End: 30}, Text: "the plan would fail", Kind: Indirect,
		Cue:     &Cue{Text: "think", Lemma: "think", Class: Belief},
		Speaker: &Speaker{Name: "critics", Type: entities.Group, Entity: -1},
		Sieve:   "reported",
		Evidence: Evidence{{"reported.that", 1}, {"speaker.no_mention", 1}, {"sieve.reported", 1},
			{"speaker.type.group", 1}, {"cue.think", 1}, {"reported.words", 4}, {"cue.belief", 1}},
	}
	scareQuote = Quote{
		Span: entities.Span{Start: 5, End: 20}, Text: "peace dividend", Kind: Term,
		Open: entities.Span{Start: 4, End: 5}, Close: entities.Span{Start: 20, End: 21},
		Evidence: Evidence{{"quote.closed", 1}},
	}
	oddEvidence = Quote{
		Text: "", Kind: Kind(42), Sieve: "no-such-sieve",
		Cue:      &Cue{},
		Speaker:  &Speaker{Type: entities.Kind(-3)},
		Evidence: Evidence{{"", 1}, {"x.distance", math.NaN()}, {"y.words", math.Inf(1)}, {"z", math.Inf(-1)}, {"w.count", -4}},
	}
)

func TestScoreIsProbability(t *testing.T) {
	for name, q := range map[string]Quote{"trailing named": trailingNamed, "reported group": reportedGroup,
		"scare quote": scareQuote, "odd evidence": oddEvidence, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			score(&q, false)
			assert.GreaterOrEqual(t, q.Confidence, 0.0)
			assert.LessOrEqual(t, q.Confidence, 1.0)
			assert.False(t, math.IsNaN(q.Confidence))
			assert.Nil(t, q.Explanation, "no explanation unless asked")
		})
	}
}

func TestScoreOrder(t *testing.T) {
	tests := []struct {
		surer, lessSure Quote
		reason          string
	}{
		{trailingNamed, scareQuote, "a named speaker right after the quotation beats a quoted term with no speaker"},
		{trailingNamed, reportedGroup, "a direct quote with a named speaker beats a group's belief without marks"},
	}
	for _, tt := range tests {
		t.Run(tt.surer.Text+" > "+tt.lessSure.Text, func(t *testing.T) {
			a, b := tt.surer, tt.lessSure
			score(&a, false)
			score(&b, false)
			assert.Greater(t, a.Confidence, b.Confidence, tt.reason)
		})
	}
}

func TestExplanationSumsToLogit(t *testing.T) {
	for name, q := range map[string]Quote{"trailing named": trailingNamed, "reported group": reportedGroup,
		"scare quote": scareQuote, "odd evidence": oddEvidence} {
		t.Run(name, func(t *testing.T) {
			score(&q, true)
			ex := q.Explanation
			require.NotNil(t, ex)
			assert.Equal(t, q.Confidence, ex.Value)
			require.Len(t, ex.Children, 1)
			logit := ex.Children[0]
			sum := 0.0
			for _, c := range logit.Children {
				sum += c.Value
			}
			assert.InDelta(t, logit.Value, sum, 1e-9)
			assert.InDelta(t, ex.Value, 1/(1+math.Exp(-logit.Value)), 1e-12)
			assert.Equal(t, "intercept", logit.Children[0].Message)
			assert.Len(t, logit.Children, len(Features(q))+1, "the intercept and one child per feature")
		})
	}
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name string
		q    Quote
		want []string
	}{
		{"trailing named", trailingNamed, []string{
			"kind=direct", "sieve=trailing-cue", "speaker=person", "cue=say", "cue.class=speech", "marks=both",
			"words=7-12", "kind=direct&sieve=trailing-cue", "sieve=trailing-cue&speaker=person",
			"kind=direct&words=7-12", "sieve=trailing-cue&cue=say", "speaker.words=2",
			"quote.closed", "order.speaker_cue", "cue.distance=0", "speaker.entity"}},
		{"reported group", reportedGroup, []string{
			"kind=indirect", "sieve=reported", "speaker=group", "cue=think", "cue.class=belief",
			"words=4-6", "kind=indirect&sieve=reported", "sieve=reported&speaker=group",
			"kind=indirect&words=4-6", "sieve=reported&cue=think", "speaker.words=1", "speaker.lower",
			"reported.that", "speaker.no_mention", "reported.words=3-4"}},
		{"scare quote", scareQuote, []string{
			"kind=term", "sieve=none", "speaker=none", "cue=none", "marks=both", "words=2",
			"kind=term&sieve=none", "sieve=none&speaker=none", "kind=term&words=2", "sieve=none&cue=none",
			"quote.closed"}},
		{"odd evidence", oddEvidence, []string{
			"kind=Kind(42)", "sieve=no-such-sieve", "speaker=Kind(-3)", "cue=unnamed", "cue.class=speech",
			"words=1", "kind=Kind(42)&sieve=no-such-sieve", "sieve=no-such-sieve&speaker=Kind(-3)",
			"kind=Kind(42)&words=1", "sieve=no-such-sieve&cue=unnamed", "speaker.words=0",
			"x.distance=0", "y.words=17+", "z", "w.count=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := Features(tt.q)
			var names []string
			for _, f := range fs {
				names = append(names, f.Name)
				assert.Equal(t, 1.0, f.Value, f.Name)
			}
			assert.Equal(t, tt.want, names)
		})
	}
}

func TestFeaturesRepeatedEvidence(t *testing.T) {
	q := Quote{Kind: Direct, Evidence: Evidence{{"cue.distance", 1}, {"speaker.pronoun", 1}, {"cue.distance", 9}, {"speaker.pronoun", 1}}}
	var got []string
	for _, f := range Features(q)[10:] {
		got = append(got, f.Name)
	}
	assert.Equal(t, []string{"sieve=none&pronoun", "cue.distance=9-16", "speaker.pronoun"}, got, "one feature per name, the last value wins")
}

func TestBuckets(t *testing.T) {
	words := map[int]string{0: "1", 1: "1", 2: "2", 3: "3", 4: "4-6", 6: "4-6", 7: "7-12", 12: "7-12", 13: "13-25", 25: "13-25", 26: "26+", 1000: "26+"}
	for n, want := range words {
		assert.Equal(t, want, wordBucket(n), "words %d", n)
	}
	counts := map[float64]string{-1: "0", 0: "0", 1: "1", 2: "2", 3: "3-4", 4: "3-4", 5: "5-8", 8: "5-8", 9: "9-16", 16: "9-16", 17: "17+"}
	for v, want := range counts {
		assert.Equal(t, want, countBucket(v), "count %g", v)
	}
	assert.Equal(t, 6, countWords("Kim Heung-kyu, 54, said “no”"))
}

func TestEmbeddedWeights(t *testing.T) {
	m, err := parseModel(weightsJSON)
	require.NoError(t, err)
	require.NotEmpty(t, m.Weights, "data/weights.json holds no weights: run go run ./examples/calibrate")
	for name := range m.Weights {
		// Every weight is for a derived feature (NAME=VALUE) or an evidence
		// flag (dotted name); a name the library cannot produce is harmless
		// but shows a stale file.
		assert.True(t, strings.Contains(name, "=") || strings.Contains(name, "."), "weight for %q", name)
	}

	var fit struct {
		Fit struct {
			Documents int `json:"documents"`
			Examples  int `json:"examples"`
		} `json:"fit"`
	}
	require.NoError(t, json.Unmarshal(weightsJSON, &fit))
	assert.Positive(t, fit.Fit.Examples, "the fit records its examples")

	t.Run("unknown features count 0", func(t *testing.T) {
		q := Quote{Kind: Direct, Evidence: Evidence{{"no.such.feature", 1}}}
		score(&q, true)
		base := Quote{Kind: Direct}
		score(&base, false)
		assert.Equal(t, base.Confidence, q.Confidence)
		last := q.Explanation.Children[0].Children
		assert.Equal(t, 0.0, last[len(last)-1].Value)
		assert.Contains(t, last[len(last)-1].Message, "no weight")
	})
}

func TestParseModel(t *testing.T) {
	tests := []struct {
		in      string
		wantErr bool
	}{
		{`{"intercept": 0.5, "weights": {"kind=direct": 1}}`, false},
		{`{"intercept": 0.5}`, false},
		{`{"intercept": "x"}`, true},
		{`not json`, true},
		{``, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseModel([]byte(tt.in))
			if tt.wantErr {
				assert.ErrorContains(t, err, "attribution: weights")
				return
			}
			assert.NoError(t, err)
		})
	}
}

func TestExplanationsDeterministic(t *testing.T) {
	paths, err := filepath.Glob("../testdata/articles/*.txt")
	require.NoError(t, err)
	paths = append(paths, "")
	ex, err := New(WithExplanations(true), WithTerms(true))
	require.NoError(t, err)
	plain, err := New(WithTerms(true))
	require.NoError(t, err)
	for _, p := range paths {
		text := `Trump said that the wall will be built. "It will be great," he added.`
		if p != "" {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			text = string(b)
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			var runs [][]byte
			for range 3 {
				res, err := ex.Extract(context.Background(), text)
				require.NoError(t, err)
				for _, q := range res.Quotes {
					require.NotNil(t, q.Explanation)
					assert.Equal(t, q.Confidence, q.Explanation.Value)
				}
				b, err := json.Marshal(res.Quotes)
				require.NoError(t, err)
				runs = append(runs, b)
			}
			assert.Equal(t, string(runs[0]), string(runs[1]))
			assert.Equal(t, string(runs[0]), string(runs[2]))

			res, err := plain.Extract(context.Background(), text)
			require.NoError(t, err)
			b, err := json.Marshal(res.Quotes)
			require.NoError(t, err)
			assert.NotContains(t, string(b), `"explanation"`)
		})
	}
}
