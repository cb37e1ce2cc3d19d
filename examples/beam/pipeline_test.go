package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
)

// TestMain runs the pipelines on Beam's local runner (prism) unless
// --runner says otherwise.
func TestMain(m *testing.M) {
	ptest.Main(m)
}

// TestPipelineMatchesTool runs the pipeline over the bundled articles and
// checks that its output, sorted by id, is the command-line tool's output
// for the same JSON Lines.
func TestPipelineMatchesTool(t *testing.T) {
	articles, err := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, articles)

	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var input bytes.Buffer
	enc := json.NewEncoder(&input)
	for _, path := range articles {
		text, err := os.ReadFile(path)
		require.NoError(t, err)
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		require.NoError(t, enc.Encode(map[string]string{"id": id, "text": string(text)}))
		input.WriteString("\n") // blank lines are skipped by both
	}
	require.NoError(t, os.WriteFile(in, input.Bytes(), 0o644))

	out := filepath.Join(dir, "out.jsonl")
	// The local runner leaves a file in the temporary directory.
	t.Setenv("TMPDIR", t.TempDir())
	p, s := beam.NewPipelineWithRoot()
	buildPipeline(s, in, out)
	require.NoError(t, ptest.Run(p))
	got, err := os.ReadFile(out)
	require.NoError(t, err)

	tool := exec.Command("go", "run", "./examples/quotes", "-input", "jsonl", "-output", "jsonl")
	tool.Dir = filepath.Join("..", "..")
	tool.Stdin = bytes.NewReader(input.Bytes())
	tool.Stderr = os.Stderr
	want, err := tool.Output()
	require.NoError(t, err)

	gotLines, wantLines := sortedByID(t, got), sortedByID(t, want)
	assert.Len(t, gotLines, len(articles))
	assert.Equal(t, wantLines, gotLines)
}

// sortedByID returns the lines of JSON Lines output sorted by their id.
func sortedByID(t *testing.T, output []byte) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(output), "\n"), "\n")
	ids := make(map[string]string, len(lines))
	for _, line := range lines {
		var r struct {
			ID json.RawMessage `json:"id"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		ids[line] = string(r.ID)
	}
	sort.SliceStable(lines, func(i, j int) bool { return ids[lines[i]] < ids[lines[j]] })
	return lines
}

func TestProcess(t *testing.T) {
	ex, err := attribution.New()
	require.NoError(t, err)
	tests := []struct {
		line string
		want string
	}{
		{`{"id": "a", "text": ""}`, `{"id":"a","quotes":[],"problems":[]}`},
		{`{"id": 7, "text": "No quotes here.", "lang": "en"}`, `{"id":7,"quotes":[],"problems":[]}`},
		{`{"text": "No quotes here."}`, `{"id":null,"quotes":[],"problems":[]}`},
		{`{"id": "b"}`, `{"id":"b","error":"no \"text\" field"}`},
		{`{"id": "c", "text": 3}`, `{"id":null,"error":"json: cannot unmarshal number into Go struct field .text of type string"}`},
		{`not json`, `{"id":null,"error":"invalid character 'o' in literal null (expecting 'u')"}`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := process(context.Background(), ex, tt.line)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestProcessFindsQuotes(t *testing.T) {
	ex, err := attribution.New()
	require.NoError(t, err)
	got, err := process(context.Background(), ex, `{"id": "q", "text": "\"We will win,\" the mayor said."}`)
	require.NoError(t, err)
	var r struct {
		ID     string `json:"id"`
		Quotes []struct {
			Text string `json:"text"`
		} `json:"quotes"`
	}
	require.NoError(t, json.Unmarshal([]byte(got), &r))
	assert.Equal(t, "q", r.ID)
	require.NotEmpty(t, r.Quotes)
	assert.Equal(t, "We will win,", r.Quotes[0].Text)
}

func TestProcessCanceled(t *testing.T) {
	ex, err := attribution.New()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = process(ctx, ex, `{"id": "x", "text": "\"Yes,\" she said."}`)
	assert.ErrorIs(t, err, context.Canceled)
}
