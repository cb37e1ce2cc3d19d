package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
)

// synthetic returns examples whose share right is exactly the logistic of
// -1 + 2·a - 1·b for each combination of the flags a and b.
func synthetic() []example {
	var exs []example
	for _, c := range []struct {
		a, b bool
	}{{false, false}, {true, false}, {false, true}, {true, true}} {
		z := -1.0
		var fs []attribution.Feature
		if c.a {
			z += 2
			fs = append(fs, attribution.Feature{Name: "a", Value: 1})
		}
		if c.b {
			z--
			fs = append(fs, attribution.Feature{Name: "b", Value: 1})
		}
		n := 1000
		k := int(math.Round(float64(n) * sigmoid(z)))
		for i := range n {
			exs = append(exs, example{Features: fs, Right: i < k, Quoted: true})
		}
	}
	return exs
}

func TestFitLogisticRecoversWeights(t *testing.T) {
	m, err := fitLogistic(synthetic(), 0, 1)
	require.NoError(t, err)
	assert.InDelta(t, -1, m.Intercept, 0.01)
	assert.InDelta(t, 2, m.Weights["a"], 0.01)
	assert.InDelta(t, -1, m.Weights["b"], 0.01)

	shrunk, err := fitLogistic(synthetic(), 100, 1)
	require.NoError(t, err)
	assert.Less(t, math.Abs(shrunk.Weights["a"]), math.Abs(m.Weights["a"]), "the L2 penalty shrinks weights")
}

func TestFitLogisticMinCount(t *testing.T) {
	exs := synthetic()
	exs = append(exs, example{Features: []attribution.Feature{{Name: "rare", Value: 1}}, Right: true})
	m, err := fitLogistic(exs, 1, 2)
	require.NoError(t, err)
	_, ok := m.Weights["rare"]
	assert.False(t, ok, "a feature seen once gets no weight with min count 2")
}

func TestFitLogisticSeparable(t *testing.T) {
	exs := []example{
		{Features: []attribution.Feature{{Name: "x", Value: 1}}, Right: true},
		{Features: []attribution.Feature{{Name: "x", Value: 1}}, Right: true},
		{Right: false},
	}
	m, err := fitLogistic(exs, 1, 1)
	require.NoError(t, err)
	assert.False(t, math.IsNaN(m.Weights["x"]) || math.IsInf(m.Weights["x"], 0))
	_, err = fitLogistic(nil, 1, 1)
	assert.Error(t, err)
}

func TestFitLogisticDeterministic(t *testing.T) {
	a, err := fitLogistic(synthetic(), 1, 1)
	require.NoError(t, err)
	b, err := fitLogistic(synthetic(), 1, 1)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestMeasure(t *testing.T) {
	xs := []scored{
		{p: 0.95, right: true, quoted: true},
		{p: 0.92, right: false, quoted: true},
		{p: 0.91, right: true, quoted: false},
		{p: 0.15, right: true, quoted: true},
		{p: 0.05, right: false, quoted: true},
		{p: 1.0, right: true, quoted: true},
	}
	m := measure(xs)
	// Bins as score.py: 0.95, 0.92, 0.91 and 1.0 in bin 9; 0.15 in bin 1;
	// 0.05 in bin 0.
	ece := (math.Abs(0.95+0.92+0.91+1.0-3) + math.Abs(0.15-1) + math.Abs(0.05-0)) / 6
	assert.InDelta(t, ece, m.ECE, 1e-12)
	brier := (0.05*0.05 + 0.92*0.92 + 0.09*0.09 + 0.85*0.85 + 0.05*0.05 + 0) / 6
	assert.InDelta(t, brier, m.Brier, 1e-12)
	assert.Equal(t, 3, m.High, "quoted quotes at 0.9 or more")
	assert.Equal(t, 2, m.HighRight)
	assert.Equal(t, 3, m.QuotedRight)
	assert.InDelta(t, 2.0/3, m.Precision, 1e-12)
	assert.InDelta(t, 2.0/3, m.Keep, 1e-12)
	assert.Equal(t, 4, m.Bins[9].N)
	assert.Equal(t, 0.75, m.Bins[9].Right)
}

func TestAssignFolds(t *testing.T) {
	var docs []document
	for _, id := range []string{`"a"`, `"b"`, `"c"`, `"d"`, `"e"`, `"f"`, `"g"`} {
		docs = append(docs, document{ID: json.RawMessage(id)})
	}
	f1 := assignFolds(docs, 3, 1)
	assert.Equal(t, f1, assignFolds(docs, 3, 1), "same seed, same folds")
	sizes := map[int]int{}
	for _, f := range f1 {
		sizes[f]++
	}
	assert.Equal(t, map[int]int{0: 3, 1: 2, 2: 2}, sizes, "folds differ in size by at most one")
	assert.NotEqual(t, f1, assignFolds(docs, 3, 2), "another seed, other folds")
}

// TestCalibrateSmall runs the whole program on a tiny gold file and checks
// the files it writes.
func TestCalibrateSmall(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	var lines []byte
	for i, text := range []string{
		`"We will win," Trump said. Clinton said that she would fight. "It is over," Sanders said.`,
		`Officials said the bridge would close. "Never," she said. The "so-called" plan failed.`,
		`Trump said that taxes will fall. "Not true," Clinton replied. Aides said the deal was off.`,
	} {
		b, err := json.Marshal(map[string]any{"id": string(rune('a' + i)), "text": text, "quotes": []any{
			map[string]any{"start": 1, "end": 11, "kind": "direct", "speaker": "Trump"},
		}})
		require.NoError(t, err)
		lines = append(append(lines, b...), '\n')
	}
	require.NoError(t, os.WriteFile(gold, lines, 0o644))
	out, cv, saved := filepath.Join(dir, "w.json"), filepath.Join(dir, "cv.jsonl"), filepath.Join(dir, "ex.jsonl")

	var stdout, stderr bytes.Buffer
	code := run([]string{"-train", gold, "-folds", "2", "-min-count", "1", "-out", out, "-cv-out", cv, "-save-examples", saved}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stdout.String(), "2-fold cross-validation")

	b, err := os.ReadFile(out)
	require.NoError(t, err)
	var w struct {
		Intercept float64            `json:"intercept"`
		Weights   map[string]float64 `json:"weights"`
		Fit       fitInfo            `json:"fit"`
	}
	require.NoError(t, json.Unmarshal(b, &w))
	assert.Equal(t, 3, w.Fit.Documents)

	c, err := os.ReadFile(cv)
	require.NoError(t, err)
	assert.Equal(t, 3, countLines(c))

	// Refitting from the saved examples gives the same weights.
	out2 := filepath.Join(dir, "w2.json")
	code = run([]string{"-examples", saved, "-folds", "2", "-min-count", "1", "-out", out2}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	b2, err := os.ReadFile(out2)
	require.NoError(t, err)
	var w2 struct {
		Intercept float64            `json:"intercept"`
		Weights   map[string]float64 `json:"weights"`
	}
	require.NoError(t, json.Unmarshal(b2, &w2))
	assert.Equal(t, w.Intercept, w2.Intercept)
	assert.Equal(t, w.Weights, w2.Weights)
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run(nil, &stdout, &stderr))
	assert.Equal(t, 2, run([]string{"-train", "x", "-examples", "y"}, &stdout, &stderr))
	assert.Equal(t, 1, run([]string{"-train", filepath.Join(t.TempDir(), "missing.jsonl")}, &stdout, &stderr))
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// TestCalibrateTaggerDir runs the program with a fold model per fold, and
// checks that a missing fold model is an error and that -limit, which
// would deal the folds differently, is refused with it.
func TestCalibrateTaggerDir(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	line, err := json.Marshal(map[string]any{"id": "a", "text": `"We will win," Trump said. Officials complained about the new fees.`, "quotes": []any{
		map[string]any{"start": 1, "end": 13, "kind": "direct", "speaker": "Trump"},
	}})
	require.NoError(t, err)
	line2, err := json.Marshal(map[string]any{"id": "b", "text": `Clinton said that she would fight.`, "quotes": []any{}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(gold, append(append(append(line, '\n'), line2...), '\n'), 0o644))

	m, err := attribution.DefaultTagger()
	require.NoError(t, err)
	folds := filepath.Join(dir, "folds")
	require.NoError(t, os.Mkdir(folds, 0o755))
	var buf bytes.Buffer
	_, err = m.WriteTo(&buf)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(folds, "fold-0.bin.gz"), buf.Bytes(), 0o644))

	var stdout, stderr bytes.Buffer
	args := []string{"-train", gold, "-folds", "2", "-min-count", "1", "-out", "", "-tagger-dir", folds}
	assert.Equal(t, 1, run(args, &stdout, &stderr), "folds.json is missing")
	info := filepath.Join(folds, "folds.json")
	require.NoError(t, os.WriteFile(info, []byte(`{"folds": 2, "seed": 7, "documents": 2}`), 0o644))
	stderr.Reset()
	assert.Equal(t, 1, run(args, &stdout, &stderr), "another seed")
	assert.Contains(t, stderr.String(), "seed 7")
	require.NoError(t, os.WriteFile(info, []byte(`{"folds": 2, "seed": 1, "documents": 2}`), 0o644))
	assert.Equal(t, 1, run(args, &stdout, &stderr), "fold-1.bin.gz is missing")
	require.NoError(t, os.WriteFile(filepath.Join(folds, "fold-1.bin.gz"), buf.Bytes(), 0o644))
	stderr.Reset()
	assert.Equal(t, 0, run(args, &stdout, &stderr), stderr.String())
	assert.Equal(t, 2, run(append(args, "-limit", "1"), &stdout, &stderr))
}
