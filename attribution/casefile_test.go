package attribution

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// caseBlock is one case of a pattern file (testdata/attribution/cases.txt,
// testdata/reported/cases.txt): "## N. reason" starts it, "> A | B | ..."
// lines state quotes that must be found, "! CONTENT" lines contents that
// must not be, "#" lines are comments and the other lines are the article.
type caseBlock struct {
	name   string // "N. reason"
	text   string
	expect [][]string // the fields of each ">" line
	absent []string   // the contents of the "!" lines
}

// readCaseBlocks parses the pattern file testdata/DIR/cases.txt, whose ">"
// lines must have the given number of fields.
func readCaseBlocks(t *testing.T, dir string, fields int) []caseBlock {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", dir, "cases.txt"))
	require.NoError(t, err)
	defer f.Close()
	var cases []caseBlock
	var text []string
	flush := func() {
		if len(cases) > 0 {
			cases[len(cases)-1].text = strings.TrimSpace(strings.Join(text, "\n"))
		}
		text = nil
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			flush()
			cases = append(cases, caseBlock{name: strings.TrimPrefix(line, "## ")})
		case strings.HasPrefix(line, "#"), len(cases) == 0:
		case strings.HasPrefix(line, "> "):
			parts := strings.Split(strings.TrimPrefix(line, "> "), " | ")
			require.Len(t, parts, fields, "bad expectation line %q", line)
			c := &cases[len(cases)-1]
			c.expect = append(c.expect, parts)
		case strings.HasPrefix(line, "! "):
			c := &cases[len(cases)-1]
			c.absent = append(c.absent, strings.TrimPrefix(line, "! "))
		default:
			text = append(text, line)
		}
	}
	require.NoError(t, sc.Err())
	flush()
	return cases
}
