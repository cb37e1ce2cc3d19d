package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runTool runs the command with stdin and returns its exit status, stdout
// and stderr.
func runTool(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// outputLine is one line of JSON Lines output.
type outputLine struct {
	ID       json.RawMessage   `json:"id"`
	Quotes   []json.RawMessage `json:"quotes"`
	Problems []json.RawMessage `json:"problems"`
	Error    string            `json:"error"`
}

func decodeLines(t *testing.T, out string) []outputLine {
	t.Helper()
	var lines []outputLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l outputLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), "output line %q", sc.Text())
		lines = append(lines, l)
	}
	require.NoError(t, sc.Err())
	return lines
}

// articleLines makes n JSON Lines records of very different lengths, so
// that with several workers they finish out of order.
func articleLines(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		text := fmt.Sprintf(`"Article %d is here," the editor said.`, i)
		if i%3 == 0 {
			text = strings.Repeat(text+"\n\n", 40)
		}
		line, err := json.Marshal(map[string]any{"id": fmt.Sprintf("doc-%03d", i), "text": text, "extra": i})
		require.NoError(t, err)
		b.Write(line)
		b.WriteString("\n")
	}
	return b.String()
}

func TestRunJSONLOrder(t *testing.T) {
	const n = 60
	in := articleLines(t, n)
	code, one, stderr := runTool(t, in, "-input", "jsonl", "-output", "jsonl", "-workers", "1")
	require.Equal(t, 0, code, stderr)

	for _, workers := range []string{"2", "4", "7"} {
		t.Run("-workers "+workers, func(t *testing.T) {
			code, out, stderr := runTool(t, in, "-input", "jsonl", "-output", "jsonl", "-workers", workers)
			assert.Equal(t, 0, code, stderr)
			lines := decodeLines(t, out)
			require.Len(t, lines, n)
			for i, l := range lines {
				assert.JSONEq(t, fmt.Sprintf(`"doc-%03d"`, i), string(l.ID))
				assert.Empty(t, l.Error)
			}
			assert.Equal(t, one, out, "the output depends on the number of workers")
		})
	}
}

func TestRunJSONLBadLines(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		wantID    string
		wantError string
	}{
		{"not JSON", `{"id": "a", "text": `, "null", "line 2: "},
		{"not an object", `[1, 2]`, "null", "line 2: "},
		{"no text", `{"id": "b", "body": "words"}`, `"b"`, `line 2: no "text" field`},
		{"text not a string", `{"id": 7, "text": 12}`, "null", "line 2: "},
		{"null text", `{"id": "c", "text": null}`, `"c"`, `line 2: no "text" field`},
		{"no id", `{"text": "\"Fine,\" she said."}`, "null", ""},
		{"numeric id", `{"id": 42, "text": "\"Fine,\" she said."}`, "42", ""},
		{"empty text", `{"id": "d", "text": ""}`, `"d"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			in := `{"id": "first", "text": "\"Hello,\" he said."}` + "\n" + tt.line + "\n\n" + `{"id": "last", "text": "No quotes."}` + "\n"
			code, out, stderr := runTool(t, in, "-input", "jsonl", "-output", "jsonl", "-workers", "2")
			lines := decodeLines(t, out)
			require.Len(t, lines, 3, "one output line per non-blank input line")
			assert.JSONEq(t, `"first"`, string(lines[0].ID))
			assert.JSONEq(t, tt.wantID, string(lines[1].ID))
			assert.JSONEq(t, `"last"`, string(lines[2].ID))
			if tt.wantError == "" {
				assert.Equal(t, 0, code, stderr)
				assert.Empty(t, lines[1].Error)
				return
			}
			assert.Equal(t, 1, code, "a failed line makes the exit status non-zero")
			assert.True(t, strings.HasPrefix(lines[1].Error, tt.wantError), "error %q should start with %q", lines[1].Error, tt.wantError)
			assert.Nil(t, lines[1].Quotes)
			assert.Contains(t, stderr, "1 of 3 inputs failed")
		})
	}
}

func TestRunJSONLLineNumbers(t *testing.T) {
	in := "\n" + `{"id": "a", "text": "x"}` + "\n\n \n" + "oops\n" + `{"id": "b"}`
	code, out, _ := runTool(t, in, "-input", "jsonl", "-output", "jsonl")
	assert.Equal(t, 1, code)
	lines := decodeLines(t, out)
	require.Len(t, lines, 3)
	assert.Empty(t, lines[0].Error)
	assert.True(t, strings.HasPrefix(lines[1].Error, "line 5: "), lines[1].Error)
	assert.Equal(t, `line 6: no "text" field`, lines[2].Error, "the last line may lack a newline")
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"-output", "xml"}, exitUsage},
		{[]string{"-input", "csv"}, exitUsage},
		{[]string{"-workers", "0"}, exitUsage},
		{[]string{"-min-confidence", "1.5"}, exitUsage},
		{[]string{"-no-such-flag"}, exitUsage},
		{[]string{"-h"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, stderr := runTool(t, "", tt.args...)
			assert.Equal(t, tt.want, code)
			assert.Empty(t, out)
			assert.NotEmpty(t, stderr)
		})
	}
}

// writeTree makes files under a temporary directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	return dir
}

func TestRunFilesAndDirectories(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"b.txt":          `"Second," she said.`,
		"a.txt":          `"First," he said.`,
		"notes.md":       `"Not an article," nobody said.`,
		"sub/c.txt":      `"Third," they said.`,
		"sub/deep/d.TXT": `"Fourth," it said.`,
	})
	missing := filepath.Join(dir, "missing.txt")
	code, out, stderr := runTool(t, "", "-output", "jsonl", dir, missing)
	assert.Equal(t, 1, code, "a missing file makes the exit status non-zero")
	lines := decodeLines(t, out)
	var ids []string
	for _, l := range lines {
		var id string
		require.NoError(t, json.Unmarshal(l.ID, &id))
		rel, err := filepath.Rel(dir, id)
		require.NoError(t, err)
		ids = append(ids, filepath.ToSlash(rel))
	}
	assert.Equal(t, []string{"a.txt", "b.txt", "sub/c.txt", "sub/deep/d.TXT", "missing.txt"}, ids)
	assert.Contains(t, lines[4].Error, "missing.txt")
	assert.Contains(t, stderr, "1 of 5 inputs failed")
}

func TestRunStdinText(t *testing.T) {
	code, out, stderr := runTool(t, `"From stdin," she said.`, "-output", "jsonl")
	assert.Equal(t, 0, code, stderr)
	lines := decodeLines(t, out)
	require.Len(t, lines, 1)
	assert.JSONEq(t, `"-"`, string(lines[0].ID))
	assert.NotNil(t, lines[0].Quotes, "quotes is a list, never null")
	assert.NotNil(t, lines[0].Problems, "problems is a list, never null")
}

func TestRunJSONLFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"one.jsonl":     `{"id": 1, "text": "a"}` + "\n" + `{"id": 2, "text": "b"}` + "\n",
		"sub/two.jsonl": "not json\n",
		"skip.txt":      `{"id": 3, "text": "c"}`,
	})
	code, out, _ := runTool(t, "", "-input", "jsonl", "-output", "jsonl", dir)
	assert.Equal(t, 1, code)
	lines := decodeLines(t, out)
	require.Len(t, lines, 3)
	assert.JSONEq(t, "1", string(lines[0].ID))
	assert.JSONEq(t, "2", string(lines[1].ID))
	assert.True(t, strings.HasPrefix(lines[2].Error, filepath.Join(dir, "sub", "two.jsonl")+": line 1: "), lines[2].Error)
}

func TestRunOutputFormats(t *testing.T) {
	in := `{"id": "q", "text": "\"We are not in a hurry,\" Governor Helena Marsh said. \"But we are not asleep.\""}` + "\n" +
		`{"id": "bad"}` + "\n"

	t.Run("-output json", func(t *testing.T) {
		code, out, _ := runTool(t, in, "-input", "jsonl", "-output", "json")
		assert.Equal(t, 1, code)
		var records []outputLine
		require.NoError(t, json.Unmarshal([]byte(out), &records), out)
		require.Len(t, records, 2)
		assert.JSONEq(t, `"q"`, string(records[0].ID))
		assert.Equal(t, `line 2: no "text" field`, records[1].Error)
	})
	t.Run("-output json with no input", func(t *testing.T) {
		code, out, _ := runTool(t, "", "-input", "jsonl", "-output", "json")
		assert.Equal(t, 0, code)
		assert.Equal(t, "[]\n", out)
	})
	t.Run("-output csv", func(t *testing.T) {
		code, out, _ := runTool(t, in, "-input", "jsonl", "-output", "csv")
		assert.Equal(t, 1, code)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		require.NotEmpty(t, rows)
		assert.Equal(t, csvHeader, rows[0])
		last := rows[len(rows)-1]
		assert.Equal(t, "bad", last[0])
		assert.Equal(t, `line 2: no "text" field`, last[len(last)-1])
		for _, row := range rows[1 : len(rows)-1] {
			assert.Equal(t, "q", row[0])
			assert.Empty(t, row[len(row)-1])
		}
	})
	t.Run("-output text", func(t *testing.T) {
		code, out, stderr := runTool(t, in, "-input", "jsonl")
		assert.Equal(t, 1, code)
		assert.True(t, strings.HasPrefix(out, "== q: "), out)
		assert.Contains(t, stderr, `quotes: bad: line 2: no "text" field`)
	})
}

func TestRunMinConfidence(t *testing.T) {
	in := articleLines(t, 5)
	_, all, _ := runTool(t, in, "-input", "jsonl", "-output", "jsonl")
	code, some, stderr := runTool(t, in, "-input", "jsonl", "-output", "jsonl", "-min-confidence", "0.5")
	assert.Equal(t, 0, code, stderr)
	allLines, someLines := decodeLines(t, all), decodeLines(t, some)
	require.Len(t, someLines, len(allLines))
	for i, l := range someLines {
		assert.LessOrEqual(t, len(l.Quotes), len(allLines[i].Quotes))
		for _, q := range l.Quotes {
			var v struct{ Confidence float64 }
			require.NoError(t, json.Unmarshal(q, &v))
			assert.GreaterOrEqual(t, v.Confidence, 0.5)
		}
	}
}

// TestRunTaggerOff checks that -tagger=false leaves out the statements
// only the tagger finds and keeps the rest.
func TestRunTaggerOff(t *testing.T) {
	in := "The senator complained about the new tax rules on Tuesday. \"We will fight,\" she said."
	sieves := func(args ...string) []string {
		code, out, stderr := runTool(t, in, append([]string{"-output", "jsonl"}, args...)...)
		require.Equal(t, 0, code, stderr)
		lines := decodeLines(t, out)
		require.Len(t, lines, 1)
		var got []string
		for _, q := range lines[0].Quotes {
			var v struct{ Sieve string }
			require.NoError(t, json.Unmarshal(q, &v))
			got = append(got, v.Sieve)
		}
		return got
	}
	assert.Contains(t, sieves(), "tagger")
	off := sieves("-tagger=false")
	assert.NotContains(t, off, "tagger")
	assert.Contains(t, off, "trailing-cue")
	// Without the LSTM the perceptron still finds the statement.
	assert.Contains(t, sieves("-lstm=false"), "tagger")
}

// failingWriter fails every write, like a closed pipe or a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRunWriteError(t *testing.T) {
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"-input", "jsonl", "-output", "jsonl"},
		strings.NewReader(articleLines(t, 3)), failingWriter{}, &stderr)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stderr.String(), "disk full")
}

func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"-input", "jsonl", "-output", "jsonl"}, strings.NewReader(articleLines(t, 20)), &stdout, &stderr)
	assert.Equal(t, exitInterrupted, code)
	assert.Contains(t, stderr.String(), "interrupted")
	for _, l := range decodeLines(t, stdout.String()) {
		assert.NotEmpty(t, l.ID, "whatever was written is whole lines")
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"two\n\n  lines", 20, "two lines"},
		{"abcdefghij", 5, "abcd…"},
		{"ééééé", 4, "ééé…"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/%d", tt.in, tt.width), func(t *testing.T) {
			assert.Equal(t, tt.want, shorten(tt.in, tt.width))
		})
	}
}
