package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
)

// writeGold writes a small annotated file of own sentences: each article
// has one statement whose content, cue and source spans are found by
// string search.
func writeGold(t *testing.T, dir string) string {
	t.Helper()
	type span = [2]int
	at := func(text, sub string) span {
		i := strings.Index(text, sub)
		require.GreaterOrEqual(t, i, 0, "%q not in %q", sub, text)
		return span{i, i + len(sub)}
	}
	var b bytes.Buffer
	people := []string{"Maria Lund", "Tom Okafor", "Ines Berg", "Raj Patel", "Lena Vos", "Omar Haddad"}
	things := []string{"the late trains", "the new parking fees", "the closed library", "the noisy roadworks", "the school budget", "the harbor plan"}
	for i := range people {
		text := people[i] + " complained about " + things[i] + ". The council met on Monday."
		c, s, q := at(text, "complained about"), at(text, people[i]), at(text, things[i])
		row := map[string]any{"id": people[i], "text": text, "quotes": []any{map[string]any{
			"start": q[0], "end": q[1], "cue_spans": []span{c}, "speaker_spans": []span{s},
		}}}
		line, err := json.Marshal(row)
		require.NoError(t, err)
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(dir, "gold.jsonl")
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	return path
}

func readModelFile(t *testing.T, path string) *attribution.TaggerModel {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	m, err := attribution.ReadTaggerModel(bufio.NewReader(f))
	require.NoError(t, err)
	return m
}

// TestTrainSmall runs the whole program: cross-validation output, fold
// models and the full model, which then finds a statement of the trained
// construction in a new sentence.
func TestTrainSmall(t *testing.T) {
	dir := t.TempDir()
	gold := writeGold(t, dir)
	out, cv, folds := filepath.Join(dir, "m.bin.gz"), filepath.Join(dir, "cv.jsonl"), filepath.Join(dir, "folds")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-train", gold, "-out", out, "-cv-out", cv, "-fold-dir", folds, "-folds", "2", "-epochs", "6", "-min-updates", "1"}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())

	c, err := os.ReadFile(cv)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(c)), "\n")
	assert.Len(t, lines, 6, "one output line per article")
	for _, l := range lines {
		var row struct {
			ID     string            `json:"id"`
			Quotes []json.RawMessage `json:"quotes"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &row))
		assert.NotEmpty(t, row.ID)
	}
	for _, f := range []string{"fold-0.bin.gz", "fold-1.bin.gz"} {
		readModelFile(t, filepath.Join(folds, f))
	}
	info, err := os.ReadFile(filepath.Join(folds, "folds.json"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"folds": 2, "seed": 1, "documents": 6}`, string(info))

	m := readModelFile(t, out)
	ex, err := attribution.New(attribution.WithTagger(m))
	require.NoError(t, err)
	res, err := ex.Extract(t.Context(), "Anna Kowalski complained about the broken street lights. The council met on Monday.")
	require.NoError(t, err)
	var found bool
	for _, q := range res.Quotes {
		if q.Sieve == "tagger" && q.Text == "the broken street lights" && q.Speaker != nil && q.Speaker.Name == "Anna Kowalski" {
			found = true
		}
	}
	assert.True(t, found, "the trained construction is found in a new sentence: %+v", res.Quotes)
}

// TestAssignFoldsBalanced checks the fold assignment, drawn as
// examples/calibrate draws it: deterministic, balanced, seed dependent.
func TestAssignFoldsBalanced(t *testing.T) {
	golds := make([]gold, 7)
	for i := range golds {
		golds[i].ID = json.RawMessage(`"doc` + string(rune('a'+i)) + `"`)
	}
	f1 := assignFolds(golds, 3, 1)
	assert.Equal(t, f1, assignFolds(golds, 3, 1))
	sizes := map[int]int{}
	for _, f := range f1 {
		sizes[f]++
	}
	assert.Equal(t, map[int]int{0: 3, 1: 2, 2: 2}, sizes)
	assert.NotEqual(t, f1, assignFolds(golds, 3, 2))
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run(nil, &stdout, &stderr))
	assert.Equal(t, 2, run([]string{"-train", "x", "-folds", "1"}, &stdout, &stderr))
	assert.Equal(t, 1, run([]string{"-train", filepath.Join(t.TempDir(), "missing.jsonl")}, &stdout, &stderr))
}
