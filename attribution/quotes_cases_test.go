package attribution

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

// The markers of testdata/quotes/cases.txt: quote content and problem
// spans.
const (
	caseQuoteOpen    = "⟦"
	caseQuoteClose   = "⟧"
	caseProblemOpen  = "⟨"
	caseProblemClose = "⟩"
)

// quoteCase is one numbered case of testdata/quotes/cases.txt.
type quoteCase struct {
	Number int
	Reason string
	// Marked is the text with the expected quotes and problems marked;
	// Input is the text without the markers.
	Marked string
	Input  string
	// Kinds lists kind/group for each expected quote in text order.
	Kinds []string
	Line  int
}

// readQuoteCases reads the numbered case file.
func readQuoteCases(t testing.TB) []quoteCase {
	t.Helper()
	path := filepath.Join("..", "testdata", "quotes", "cases.txt")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()

	var cases []quoteCase
	var cur *quoteCase
	var lines []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "### "):
			require.Nilf(t, cur, "%s:%d: case %v has no kinds line", path, n, cur)
			num, reason, ok := strings.Cut(strings.TrimPrefix(line, "### "), ". ")
			require.Truef(t, ok, "%s:%d: header is not \"### N. reason\"", path, n)
			number, err := strconv.Atoi(num)
			require.NoErrorf(t, err, "%s:%d: case number", path, n)
			require.NotEmptyf(t, strings.TrimSpace(reason), "%s:%d: case %d has no reason", path, n, number)
			cur = &quoteCase{Number: number, Reason: reason, Line: n}
			lines = lines[:0]
		case cur != nil && strings.HasPrefix(line, "kinds:"):
			cur.Marked = strings.Join(lines, "\n")
			cur.Input = stripCaseMarkers(cur.Marked)
			if k := strings.Fields(strings.TrimPrefix(line, "kinds:")); len(k) != 1 || k[0] != "none" {
				cur.Kinds = k
			}
			cases = append(cases, *cur)
			cur = nil
		case cur != nil:
			lines = append(lines, line)
		}
	}
	require.NoError(t, sc.Err())
	require.Nil(t, cur, "the last case has no kinds line")
	return cases
}

func stripCaseMarkers(s string) string {
	return strings.NewReplacer(caseQuoteOpen, "", caseQuoteClose, "", caseProblemOpen, "", caseProblemClose, "").Replace(s)
}

// markQuotes renders text with the quotes' content and the problems'
// spans marked as in the case file.
func markQuotes(text string, quotes []Quote, problems []Problem) string {
	type insert struct {
		at    int
		close bool
		s     string
	}
	var ins []insert
	for _, q := range quotes {
		ins = append(ins, insert{q.Start, false, caseQuoteOpen}, insert{q.End, true, caseQuoteClose})
	}
	for _, p := range problems {
		ins = append(ins, insert{p.Start, false, caseProblemOpen}, insert{p.End, true, caseProblemClose})
	}
	sort.SliceStable(ins, func(i, j int) bool {
		if ins[i].at != ins[j].at {
			return ins[i].at < ins[j].at
		}
		return ins[i].close && !ins[j].close
	})
	var b strings.Builder
	last := 0
	for _, in := range ins {
		b.WriteString(text[last:in.at])
		b.WriteString(in.s)
		last = in.at
	}
	b.WriteString(text[last:])
	return b.String()
}

func kindsOf(quotes []Quote) []string {
	var out []string
	for _, q := range quotes {
		out = append(out, fmt.Sprintf("%s/%d", q.Kind, q.Group))
	}
	return out
}

func parseForTest(t testing.TB, text string) *entities.Document {
	t.Helper()
	doc, err := entities.Parse(context.Background(), text)
	require.NoError(t, err)
	return doc
}

// TestQuotationCases runs every case of testdata/quotes/cases.txt.
func TestQuotationCases(t *testing.T) {
	cases := readQuoteCases(t)
	require.GreaterOrEqual(t, len(cases), 40, "the case file holds at least 40 cases")
	seen := make(map[int]bool)
	for _, c := range cases {
		require.Falsef(t, seen[c.Number], "case %d is numbered twice", c.Number)
		seen[c.Number] = true
		t.Run(fmt.Sprintf("%d/%s", c.Number, caseTitle(c.Input)), func(t *testing.T) {
			quotes, problems := findQuotations(parseForTest(t, c.Input))
			assert.Equalf(t, c.Marked, markQuotes(c.Input, quotes, problems), "case %d (line %d): %s", c.Number, c.Line, c.Reason)
			assert.Equalf(t, c.Kinds, kindsOf(quotes), "case %d (line %d): %s", c.Number, c.Line, c.Reason)
		})
	}
}

// caseTitle shortens an input to a readable subtest name.
func caseTitle(s string) string {
	r := []rune(strings.ReplaceAll(s, "\n", "⏎"))
	if len(r) > 48 {
		r = append(r[:48], '…')
	}
	return string(r)
}
