package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/entities"
)

func TestSpeakerTally(t *testing.T) {
	q := func(name string, typ entities.Kind, role, aff string) attribution.Quote {
		return attribution.Quote{Speaker: &attribution.Speaker{Name: name, Type: typ, Role: role, Affiliation: aff}}
	}
	tally := newSpeakerTally()
	tally.add([]attribution.Quote{
		q("Bea", entities.Person, "", ""),
		q("Al", entities.Person, "mayor", ""),
		{},
		q("Bea", entities.Person, "minister", "Treasury"),
	})
	tally.add([]attribution.Quote{
		q("Al", entities.Person, "", "City Hall"),
		q("Cy", entities.Organization, "", ""),
		q("Bea", entities.Person, "economist", ""),
	})
	want := []speakerCount{
		{Name: "Bea", Type: entities.Person, Role: "minister", Affiliation: "Treasury", Quotes: 3},
		{Name: "Al", Type: entities.Person, Role: "mayor", Affiliation: "City Hall", Quotes: 2},
		{Name: "Cy", Type: entities.Organization, Quotes: 1},
	}
	assert.Equal(t, want, tally.rows())
	assert.Equal(t, 1, tally.unassigned)

	var b bytes.Buffer
	require.NoError(t, tally.write(&b))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	require.Len(t, lines, 6)
	assert.Equal(t, "== speakers", lines[0])
	assert.Regexp(t, `^3\s+Bea\s+person\s+minister\s+Treasury$`, lines[2])
	assert.Regexp(t, `^2\s+Al\s+person\s+mayor\s+City Hall$`, lines[3])
	assert.Regexp(t, `^1\s+\(no speaker\)`, lines[5])
}

// speakerArticles are JSON Lines whose speakers are known: Ann Lee twice,
// Bob Hart once.
const speakerArticles = `{"id": "a", "text": "\"We won,\" Ann Lee said. \"It was hard,\" Ann Lee said."}
{"id": "b", "text": "\"Not yet,\" Bob Hart said."}
`

func TestRunSpeakers(t *testing.T) {
	t.Run("-output text", func(t *testing.T) {
		code, out, stderr := runTool(t, speakerArticles, "-input", "jsonl", "-speakers")
		require.Equal(t, 0, code, stderr)
		summary := out[strings.Index(out, "== speakers"):]
		assert.Regexp(t, `(?m)^2\s+Ann Lee\s+person`, summary)
		assert.Regexp(t, `(?m)^1\s+Bob Hart\s+person`, summary)
		assert.Less(t, strings.Index(summary, "Ann Lee"), strings.Index(summary, "Bob Hart"), "most quotes first")
	})
	for _, format := range []string{"jsonl", "json", "csv"} {
		t.Run("-output "+format, func(t *testing.T) {
			code, with, stderr := runTool(t, speakerArticles, "-input", "jsonl", "-output", format, "-speakers")
			require.Equal(t, 0, code, stderr)
			_, without, _ := runTool(t, speakerArticles, "-input", "jsonl", "-output", format)
			assert.Equal(t, without, with, "the summary stays out of the output")
			assert.Regexp(t, `(?m)^2\s+Ann Lee\s+person`, stderr)
		})
	}
	t.Run("-min-confidence counts kept quotes only", func(t *testing.T) {
		code, out, stderr := runTool(t, speakerArticles, "-input", "jsonl", "-speakers", "-min-confidence", "1")
		require.Equal(t, 0, code, stderr)
		assert.NotContains(t, out[strings.Index(out, "== speakers"):], "Ann Lee")
	})
}

func TestRunProgress(t *testing.T) {
	in := articleLines(t, 5)
	_, plain, _ := runTool(t, in, "-input", "jsonl", "-output", "jsonl")
	tests := []struct {
		args    []string
		wantBar bool
	}{
		{[]string{"-input", "jsonl"}, false},
		{[]string{"-input", "jsonl", "-progress", "auto"}, false},
		{[]string{"-input", "jsonl", "-progress", "never"}, false},
		{[]string{"-input", "jsonl", "-progress", "always"}, true},
		{[]string{"-progress", "always"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append(tt.args, "-output", "jsonl")
			stdin := in
			if tt.args[0] == "-progress" {
				stdin = `"One article," she said.`
			}
			code, out, stderr := runTool(t, stdin, args...)
			require.Equal(t, 0, code, stderr)
			if tt.wantBar {
				assert.Contains(t, stderr, "articles", "the bar is drawn on stderr")
				assert.Equal(t, plain, out, "the bar stays out of the output")
			} else {
				assert.Empty(t, stderr, "quiet when stderr is not a terminal or the run is not a batch")
			}
		})
	}
	t.Run("files", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"a.txt": `"A," he said.`, "b.html": `<p>"B," she said.</p>`})
		o := options{input: "text", paths: []string{dir}, progress: "always"}
		assert.Equal(t, 2, countInputs(o))
		assert.True(t, showProgress(o, &bytes.Buffer{}))
		o.progress = "auto"
		assert.False(t, showProgress(o, &bytes.Buffer{}), "a buffer is not a terminal")
	})
	t.Run("bad -progress", func(t *testing.T) {
		code, _, stderr := runTool(t, "", "-progress", "sometimes")
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, stderr, "-progress")
	})
}

func TestRunJSONLIDs(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a", "text": "\"One,\" he said."}`,
		`{"text": "\"No id,\" she said."}`,
		`{"id": "a", "text": "\"Same id,\" he said."}`,
		`{"id": null, "text": "Null id."}`,
		`{"id": 7, "text": "Seven."}`,
		`{"id": 7.0, "text": "Seven again."}`,
		`{"id": "b", "text": "Fine."}`,
		`{"id": "b", "body": "no text"}`,
		`not json`,
	}, "\n") + "\n"
	code, out, stderr := runTool(t, in, "-input", "jsonl", "-output", "jsonl", "-workers", "3")
	assert.Equal(t, exitFailed, code, "the two bad lines fail")
	lines := decodeLines(t, out)
	require.Len(t, lines, 9, "every input line gives one output line: nothing is merged")
	for i, want := range []string{`"a"`, `null`, `"a"`, `null`, `7`, `7.0`, `"b"`, `"b"`, `null`} {
		assert.JSONEq(t, want, string(lines[i].ID), "line %d", i+1)
	}
	assert.Contains(t, stderr, "quotes: line 2: no id\n")
	assert.Contains(t, stderr, `quotes: line 3: duplicate id "a" (first at line 1)`)
	assert.Contains(t, stderr, "quotes: line 4: no id\n")
	assert.Contains(t, stderr, `quotes: line 6: duplicate id 7.0 (first at line 5)`)
	assert.Contains(t, stderr, `quotes: line 8: duplicate id "b" (first at line 7)`)
	assert.NotContains(t, stderr, "line 9: no id", "a line that is not JSON reports its error only")
	assert.Equal(t, 5, strings.Count(stderr, "no id")+strings.Count(stderr, "duplicate id"))

	t.Run("unique ids are quiet", func(t *testing.T) {
		code, _, stderr := runTool(t, articleLines(t, 10), "-input", "jsonl", "-output", "jsonl")
		assert.Equal(t, 0, code)
		assert.Empty(t, stderr)
	})
}

// failAfter accepts n bytes, then fails every write, like a pipe closed by
// its reader.
type failAfter struct {
	n       int
	written int
}

func (f *failAfter) Write(b []byte) (int, error) {
	if f.written+len(b) > f.n {
		return 0, errors.New("broken pipe")
	}
	f.written += len(b)
	return len(b), nil
}

func TestRunWriteErrors(t *testing.T) {
	in := articleLines(t, 200)
	for _, format := range formats {
		for _, n := range []int{0, 100, 70 << 10} {
			t.Run(fmt.Sprintf("-output %s failing after %d bytes", format, n), func(t *testing.T) {
				var stderr bytes.Buffer
				code := run(context.Background(), []string{"-input", "jsonl", "-output", format, "-speakers"},
					strings.NewReader(in), &failAfter{n: n}, &stderr)
				assert.Equal(t, exitFailed, code)
				assert.Contains(t, stderr.String(), "quotes: broken pipe")
			})
		}
	}
	t.Run("html input", func(t *testing.T) {
		var stderr bytes.Buffer
		code := run(context.Background(), []string{"-input", "html", "-output", "json"},
			strings.NewReader(`<p>"Hi," she said.</p>`), failingWriter{}, &stderr)
		assert.Equal(t, exitFailed, code)
		assert.Contains(t, stderr.String(), "disk full")
	})
}

func TestIDChecker(t *testing.T) {
	c := newIDChecker()
	rec := func(id, at string) record { return record{id: json.RawMessage(id), at: at} }
	assert.Empty(t, c.check(rec(`"x"`, "line 1")))
	assert.Empty(t, c.check(rec(`"y"`, "line 2")))
	assert.Equal(t, `line 3: duplicate id "\u0078" (first at line 1)`, c.check(rec(`"\u0078"`, "line 3")))
	assert.Equal(t, `line 4: duplicate id { "k": 1 } (first at line 5)`,
		func() string { c.check(rec(`{"k":1}`, "line 5")); return c.check(rec(`{ "k": 1 }`, "line 4")) }())
	assert.Equal(t, "line 6: no id", c.check(record{id: jsonNull, at: "line 6", noID: true}))
}
