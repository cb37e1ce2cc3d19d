package attribution

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

// quoteHostileInputs are texts that must give quotations and problems with
// valid spans, never a panic.
var quoteHostileInputs = []string{
	"",
	" \n\t\r\n ",
	`"`,
	`""`,
	`"""""""`,
	"“”‘’«»„",
	"”“",
	`He said "never`,
	`never," he said.`,
	`"Open, ` + "\n\n" + `"still open` + "\n\n" + `"and closed," she said.`,
	`''Two apostrophes,'' he said, ''as the wire writes them.''`,
	`''Nested 'single' inside,''' she said.`,
	"''''''''",
	"``''``''",
	`«Guillemets» and «unclosed`,
	"« “ » ” « ”",
	"rock 'n' roll in the '90s, Jones' dog and Xi's don't",
	"‘‘double curly singles’’ and ’’ and ‘‘",
	"\xff\xfe\"bad bytes\xc3\" he said",
	"\x00\"NUL\x00inside\" she said\x00",
	"\"\xe2\x80\x9c\xe2\x80\" cut curly mark\"",
	"“Curly with a straight close,\" he said.",
	`"A," she said. "B." "C," he added, "D."`,
	"He said:\n\"\"",
	"line one\r\n\r\n\"CRLF quote,\" she said.\r\n",
	`<tweet id="1" author="@a">"inside," a tag said</tweet> <b`,
	`<a href="x` + "\n" + `">`,
	`="="="="=`,
	"‘ ‘ ‘ ’ ’",
	"6'2\" and 30\" and \"5\"",
	strings.Repeat(`"`, 1000),
	strings.Repeat(`"'«‘“`, 200),
	strings.Repeat(`"a `, 500),
	strings.Repeat("“a\n", 300),
	strings.Repeat("\xe2\x80", 300) + `"cut runes"`,
}

var featureName = regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z0-9_]+)+$`)

// checkQuotations asserts the invariants every result of findQuotations
// keeps on text: spans in bounds and on rune boundaries, Text equal to the
// bytes it spans, marks outside the content, quotes sorted and apart,
// groups numbered from 0 in text order, well-named evidence.
func checkQuotations(t testing.TB, text string, quotes []Quote, problems []Problem) {
	t.Helper()
	valid := utf8.ValidString(text)
	inText := func(what string, s entities.Span) bool {
		t.Helper()
		ok := assert.Truef(t, 0 <= s.Start && s.Start <= s.End && s.End <= len(text),
			"%s: span %d-%d is outside the text (%d bytes)", what, s.Start, s.End, len(text))
		if ok && valid {
			assert.Truef(t, boundary(text, s.Start) && boundary(text, s.End), "%s: span %d-%d splits a rune", what, s.Start, s.End)
		}
		return ok
	}
	next := 0
	for i, q := range quotes {
		what := fmt.Sprintf("quote %d (%s %q)", i, q.Kind, q.Text)
		if inText(what, q.Span) {
			assert.Equalf(t, text[q.Start:q.End], q.Text, "%s: Text is not the text it spans", what)
		}
		assert.NotEmptyf(t, q.Text, "%s: empty content", what)
		if inText(what+" opening mark", q.Open) {
			assert.Falsef(t, q.Open.Empty(), "%s: no opening mark", what)
			assert.LessOrEqualf(t, q.Open.End, q.Start, "%s: opening mark inside the content", what)
		}
		if inText(what+" closing mark", q.Close) && !q.Close.Empty() {
			assert.GreaterOrEqualf(t, q.Close.Start, q.End, "%s: closing mark inside the content", what)
		}
		assert.Containsf(t, []Kind{Direct, Partial, Term}, q.Kind, "%s: kind", what)
		assert.Nilf(t, q.Cue, "%s: cue is set", what)
		assert.Nilf(t, q.Speaker, "%s: speaker is set", what)
		if i > 0 {
			assert.LessOrEqualf(t, quotes[i-1].Close.End, q.Open.Start, "%s: overlaps the quote before", what)
			if quotes[i-1].Close.Empty() {
				assert.LessOrEqualf(t, quotes[i-1].End, q.Open.Start, "%s: overlaps the quote before", what)
			}
		}
		assert.Truef(t, q.Group <= next && q.Group >= 0, "%s: group %d out of order (next new group %d)", what, q.Group, next)
		if q.Group == next {
			next++
		}
		_, hasWords := q.Evidence.Value("quote.words")
		assert.Truef(t, hasWords, "%s: no quote.words feature", what)
		for _, f := range q.Evidence {
			assert.Regexpf(t, featureName, f.Name, "%s: feature name", what)
		}
	}
	for i, p := range problems {
		inText(fmt.Sprintf("problem %d (%s)", i, p.Message), p.Span)
		assert.Truef(t, strings.HasPrefix(p.Message, "attribution: "), "problem %d: message %q", i, p.Message)
	}
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

func TestQuotationInvariants(t *testing.T) {
	inputs := append([]string(nil), quoteHostileInputs...)
	for _, c := range readQuoteCases(t) {
		inputs = append(inputs, c.Input)
	}
	for _, text := range inputs {
		t.Run(caseTitle(text), func(t *testing.T) {
			quotes, problems := findQuotations(parseForTest(t, text))
			checkQuotations(t, text, quotes, problems)
		})
	}
}

// TestQuotationProblems checks which problems unbalanced marks give and
// that no text is lost.
func TestQuotationProblems(t *testing.T) {
	tests := []struct {
		text     string
		quotes   []string
		problems []string
		reason   string
	}{
		{`"Open at the end`, []string{"Open at the end"}, []string{`0-1 attribution: unclosed quotation mark`},
			"a mark left open keeps the rest of the paragraph"},
		{"“Open, and the next paragraph has none.\nPlain text.", []string{"Open, and the next paragraph has none."},
			[]string{"0-3 attribution: unclosed quotation mark"}, "the quotation ends at its paragraph end"},
		{`closed," she said.`, nil, []string{`7-8 attribution: closing quotation mark with no opening mark`},
			"a closing mark with nothing open"},
		{"“Goes on\n“and closes,” he said.", []string{"Goes on", "and closes,"}, nil,
			"a continued quotation is no problem"},
		{"“Goes on\n“and on", []string{"Goes on", "and on"}, []string{"11-14 attribution: unclosed quotation mark"},
			"the last piece left open is the problem"},
		{strings.Repeat(`x" `, 10000), nil, nil, "many closing marks after words: each one a problem"},
	}
	for _, tt := range tests {
		t.Run(caseTitle(tt.text), func(t *testing.T) {
			quotes, problems := findQuotations(parseForTest(t, tt.text))
			checkQuotations(t, tt.text, quotes, problems)
			var gotQuotes, gotProblems []string
			for _, q := range quotes {
				gotQuotes = append(gotQuotes, q.Text)
			}
			for _, p := range problems {
				gotProblems = append(gotProblems, fmt.Sprintf("%d-%d %s", p.Start, p.End, p.Message))
			}
			assert.Equal(t, tt.quotes, gotQuotes, tt.reason)
			if strings.HasPrefix(tt.reason, "many") {
				assert.Len(t, problems, 10000, tt.reason)
				return
			}
			assert.Equal(t, tt.problems, gotProblems, tt.reason)
		})
	}
}

func TestQuotationNoDocument(t *testing.T) {
	quotes, problems := findQuotations(nil)
	assert.Empty(t, quotes)
	assert.Empty(t, problems)

	// A document whose paragraphs do not fit its text is read as far as
	// they do.
	doc := &entities.Document{Text: `"short," he said`, Paragraphs: []entities.Span{{Start: 0, End: 100}, {Start: 5, End: 2}, {Start: -1, End: 3}}}
	quotes, problems = findQuotations(doc)
	assert.Empty(t, quotes)
	assert.Empty(t, problems)
}

// tokenless builds a document without tokens: the quotation finder must
// work on marks alone, and this keeps large inputs cheap to set up.
func tokenless(text string) *entities.Document {
	return &entities.Document{Text: text, Paragraphs: entities.SplitParagraphs(text)}
}

// TestQuotationLinearTime runs hostile texts at two sizes and checks that
// the time grows about as the size does; a quadratic step would make the
// larger run 64 times slower.
func TestQuotationLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	patterns := map[string]string{
		"opening marks":         "“",
		"straight marks":        `"`,
		"straight marks spaced": `" `,
		"wire marks":            "'' ",
		"attribute openers":     `=" `,
		"unfinished tags":       "<a ",
		"left singles":          "‘a ",
		"short quotations":      `"a" `,
		"nested guillemets":     "« “ ",
	}
	for name, unit := range patterns {
		t.Run(name, func(t *testing.T) {
			run := func(size int) time.Duration {
				text := strings.Repeat(unit, size/len(unit))
				doc := tokenless(text)
				best := time.Duration(1 << 62)
				for range 3 {
					runtime.GC() // the last run's garbage is not this one's cost
					start := time.Now()
					quotes, problems := findQuotations(doc)
					best = min(best, time.Since(start))
					require.LessOrEqual(t, len(quotes)+len(problems), len(text))
				}
				return best
			}
			// The small text is grown until it takes a few milliseconds, so
			// that scheduling noise does not decide the ratio. Sixteen times
			// the text may take up to 80 times as long: linear work stays
			// far below that even when the larger text outgrows the
			// processor's caches and other test binaries share the machine,
			// while quadratic work takes 256 times. A busy machine can spoil
			// one measure, so up to three are taken before failing;
			// quadratic work fails every one.
			small := 1 << 16
			for run(small) < 3*time.Millisecond && small < 1<<20 {
				small *= 2
			}
			var a, b time.Duration
			for range 3 {
				if a, b = run(small), run(16*small); b < 80*a+50*time.Millisecond {
					break
				}
			}
			assert.Lessf(t, b, 80*a+50*time.Millisecond, "16 times the text took %v against %v", b, a)
		})
	}
}

// TestQuotationLargeParagraph reads a 20 MB paragraph with a quotation
// every few hundred bytes and one left open.
func TestQuotationLargeParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	unit := strings.Repeat("word ", 60) + `"a quoted phrase," he said. `
	text := `"` + strings.Repeat(unit, 20<<20/len(unit))
	start := time.Now()
	quotes, problems := findQuotations(tokenless(text))
	elapsed := time.Since(start)
	assert.Less(t, elapsed, 20*time.Second)
	require.NotEmpty(t, quotes)
	assert.Equal(t, 0, quotes[0].Open.Start)
	checkQuotations(t, text, quotes[:10], problems)
}

// FuzzFindQuotations checks the span invariants on any text, seeded from
// the case file and the hostile inputs.
func FuzzFindQuotations(f *testing.F) {
	for _, s := range quoteHostileInputs {
		f.Add(s)
	}
	for _, c := range readQuoteCases(f) {
		f.Add(c.Input)
	}
	f.Fuzz(func(t *testing.T, text string) {
		quotes, problems := findQuotations(parseForTest(t, text))
		checkQuotations(t, text, quotes, problems)
		quotes, problems = findQuotations(tokenless(text))
		checkQuotations(t, text, quotes, problems)
	})
}
