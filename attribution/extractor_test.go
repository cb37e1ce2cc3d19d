package attribution_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/entities"
)

// hostileInputs are texts that scrapers and archives produce and that must
// give a result, never a panic. They also seed FuzzExtract.
var hostileInputs = []string{
	"",
	" \n\t\r\n ",
	`"`,
	`""`,
	`"""""""`,
	"“”‘’«»",
	`He said "never`,
	`never," he said.`,
	`"Unclosed at the end of the first paragraph.` + "\n\nA second paragraph with no mark.",
	`"Open, ` + "\n\n" + `"still open` + "\n\n" + `"and closed," she said.`,
	`''Two apostrophes,'' he said, ''as the wire writes them.''`,
	`''Nested 'single' inside,''' she said.`,
	`«Guillemets» and «unclosed`,
	"rock 'n' roll in the '90s, Jones' dog and Xi's don't",
	"\xff\xfe\"bad bytes\xc3\" he said",
	"\x00\"NUL\x00inside\" she said\x00",
	"“Curly with a straight close,\" he said.",
	`"A," she said. "B." "C," he added, "D."`,
	"He said:\n\"\"",
	"12345 67890 !!! ??? ... --- ;;;",
	"line one\r\n\r\n\"CRLF quote,\" she said.\r\n",
	strings.Repeat(`"`, 10000),
	strings.Repeat(`"'«‘“`, 400),
	strings.Repeat(`"a `, 2000),
	strings.Repeat("word ", 20000) + `"end," he said.`,
	strings.Repeat("\xe2\x80", 300) + `"cut runes"`,
}

// caseName shortens an input to a readable subtest name.
func caseName(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return fmt.Sprintf("%q...(%d bytes)", string(r[:40]), len(s))
	}
	return fmt.Sprintf("%q", s)
}

func TestExtractHostileInputs(t *testing.T) {
	ex, err := attribution.New(attribution.WithTerms(true))
	require.NoError(t, err)
	for _, text := range hostileInputs {
		t.Run(caseName(text), func(t *testing.T) {
			res, err := ex.Extract(context.Background(), text)
			require.NoError(t, err)
			require.NotNil(t, res)
			assertSpanInvariants(t, text, res)
		})
	}
}

func TestExtractContext(t *testing.T) {
	ex, err := attribution.New()
	require.NoError(t, err)
	text := readArticle(t, articleNames(t)[0])

	t.Run("nil context", func(t *testing.T) {
		var ctx context.Context
		res, err := ex.Extract(ctx, text)
		assert.ErrorIs(t, err, attribution.ErrNilContext)
		assert.Nil(t, res)
	})
	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res, err := ex.Extract(ctx, text)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Nil(t, res)
	})
}

// TestExtractConcurrent runs one Extractor from many goroutines and checks
// that every result equals the sequential one.
func TestExtractConcurrent(t *testing.T) {
	ex, err := attribution.New(attribution.WithTerms(true))
	require.NoError(t, err)
	names := articleNames(t)
	texts := make([]string, len(names))
	want := make([]string, len(names))
	for i, name := range names {
		texts[i] = readArticle(t, name)
		res, err := ex.Extract(context.Background(), texts[i])
		require.NoError(t, err)
		want[i] = mustJSON(t, res)
	}

	const goroutines = 8
	got := make([][]string, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		got[g] = make([]string, len(texts))
		wg.Go(func() {
			for k := range texts {
				i := (k + g) % len(texts)
				res, err := ex.Extract(context.Background(), texts[i])
				if err != nil {
					got[g][i] = "error: " + err.Error()
					continue
				}
				b, err := json.Marshal(res)
				if err != nil {
					got[g][i] = "error: " + err.Error()
					continue
				}
				got[g][i] = string(b)
			}
		})
	}
	wg.Wait()
	for g := range goroutines {
		for i, name := range names {
			assert.Equal(t, want[i], got[g][i], "goroutine %d, article %s", g, name)
		}
	}
}

// TestWithTerms checks that terms are left out by default and that leaving
// them out changes nothing else.
func TestWithTerms(t *testing.T) {
	plain, err := attribution.New()
	require.NoError(t, err)
	withTerms, err := attribution.New(attribution.WithTerms(true))
	require.NoError(t, err)
	for _, name := range articleNames(t) {
		t.Run(name, func(t *testing.T) {
			text := readArticle(t, name)
			without, err := plain.Extract(context.Background(), text)
			require.NoError(t, err)
			with, err := withTerms.Extract(context.Background(), text)
			require.NoError(t, err)

			var kept []attribution.Quote
			for _, q := range with.Quotes {
				if q.Kind != attribution.Term {
					kept = append(kept, q)
				}
			}
			for _, q := range without.Quotes {
				assert.NotEqual(t, attribution.Term, q.Kind, "term %q in the default output", q.Text)
			}
			assert.Equal(t, quoteTexts(kept), quoteTexts(without.Quotes))
		})
	}
}

// TestResultJSONEmpty checks that an empty result encodes empty lists, not
// null, as the output schema promises.
func TestResultJSONEmpty(t *testing.T) {
	ex, err := attribution.New()
	require.NoError(t, err)
	res, err := ex.Extract(context.Background(), "")
	require.NoError(t, err)
	assert.JSONEq(t, `{"quotes": [], "problems": []}`, mustJSON(t, res))
}

// TestQuoteJSON pins the output schema of one quote, field by field, as the
// README documents it.
func TestQuoteJSON(t *testing.T) {
	q := attribution.Quote{
		Span:  entities.Span{Start: 1, End: 21},
		Text:  "We are not in a hurry",
		Kind:  attribution.Direct,
		Group: 3,
		Cue: &attribution.Cue{
			Span: entities.Span{Start: 37, End: 41}, Text: "said", Lemma: "say", Class: attribution.Speech,
		},
		Speaker: &attribution.Speaker{
			Name: "Helena Marsh", Type: entities.Person,
			Span:   entities.Span{Start: 24, End: 36},
			Source: entities.Span{Start: 24, End: 36},
			Role:   "Governor", Affiliation: "Central Bank of Calandria", Entity: 0,
		},
		Confidence: 0.9,
		Sieve:      "adjacent",
	}
	wantJSON := `{
		"text": "We are not in a hurry", "start": 1, "end": 21, "kind": "direct", "group": 3,
		"cue": {"text": "said", "start": 37, "end": 41, "lemma": "say", "class": "speech"},
		"speaker": {"name": "Helena Marsh", "type": "person", "start": 24, "end": 36,
			"source_start": 24, "source_end": 36, "role": "Governor", "affiliation": "Central Bank of Calandria"},
		"confidence": 0.9, "sieve": "adjacent"}`
	got := mustJSON(t, q)
	assert.JSONEq(t, wantJSON, got)

	var back attribution.Speaker
	require.NoError(t, json.Unmarshal([]byte(mustJSON(t, q.Speaker)), &back))
	want := *q.Speaker
	want.Entity = -1
	assert.Equal(t, want, back, "a speaker decodes to what was encoded, with no entity index")
}

// assertSpanInvariants checks every span of res against text: in bounds,
// on UTF-8 boundaries when text is valid UTF-8, and, for quotes and cues,
// Text equal to the bytes it covers. Quotes and problems must be sorted.
func assertSpanInvariants(t *testing.T, text string, res *attribution.Result) {
	t.Helper()
	valid := utf8.ValidString(text)
	inText := func(what string, s entities.Span) bool {
		t.Helper()
		if !assert.Truef(t, 0 <= s.Start && s.Start <= s.End && s.End <= len(text),
			"%s: span %d-%d is outside the text (%d bytes)", what, s.Start, s.End, len(text)) {
			return false
		}
		if valid {
			assert.Truef(t, runeBoundary(text, s.Start) && runeBoundary(text, s.End),
				"%s: span %d-%d splits a UTF-8 sequence", what, s.Start, s.End)
		}
		return true
	}
	for i, q := range res.Quotes {
		what := fmt.Sprintf("quote %d (%s)", i, q.Kind)
		if inText(what, q.Span) {
			assert.Equalf(t, text[q.Start:q.End], q.Text, "%s: Text is not the text it spans", what)
		}
		inText(what+" opening mark", q.Open)
		inText(what+" closing mark", q.Close)
		assert.Containsf(t, []string{"direct", "partial", "mixed", "indirect", "term"}, q.Kind.String(), "%s: kind", what)
		assert.GreaterOrEqualf(t, q.Group, 0, "%s: group", what)
		assert.Truef(t, q.Confidence >= 0 && q.Confidence <= 1, "%s: confidence %v outside [0, 1]", what, q.Confidence)
		if i > 0 {
			assert.LessOrEqualf(t, res.Quotes[i-1].Start, q.Start, "%s: quotes are not sorted by start", what)
		}
		if q.Cue != nil && inText(what+" cue", q.Cue.Span) {
			assert.Equalf(t, text[q.Cue.Start:q.Cue.End], q.Cue.Text, "%s: cue Text is not the text it spans", what)
		}
		if q.Speaker != nil {
			inText(what+" speaker", q.Speaker.Span)
			inText(what+" speaker source", q.Speaker.Source)
			if res.Analysis != nil {
				assert.Truef(t, q.Speaker.Entity >= -1 && q.Speaker.Entity < len(res.Analysis.Entities),
					"%s: speaker entity %d is not an index into the %d entities", what, q.Speaker.Entity, len(res.Analysis.Entities))
			}
		}
	}
	for i, p := range res.Problems {
		inText(fmt.Sprintf("problem %d (%s)", i, p.Message), p.Span)
		if i > 0 {
			assert.LessOrEqualf(t, res.Problems[i-1].Start, p.Start, "problem %d: problems are not sorted by start", i)
		}
	}
}

// runeBoundary reports whether offset i of s starts a UTF-8 sequence or is
// the end of s.
func runeBoundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

func quoteTexts(qs []attribution.Quote) []string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, fmt.Sprintf("%d-%d %s %q", q.Start, q.End, q.Kind, q.Text))
	}
	return out
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
