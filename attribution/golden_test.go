package attribution_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
)

// update rewrites the golden files instead of comparing against them:
// go test ./... -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/articles")

// articlesDir holds the bundled articles (NAME.txt) and their golden results
// (NAME.json).
const articlesDir = "../testdata/articles"

// TestGolden runs the extractor, scare quotes and titles included, over
// every bundled article and compares the JSON result with NAME.json. Run
// with -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	ex, err := attribution.New(attribution.WithTerms(true))
	require.NoError(t, err)
	for _, name := range articleNames(t) {
		t.Run(name, func(t *testing.T) {
			text := readArticle(t, name)
			res, err := ex.Extract(context.Background(), text)
			require.NoError(t, err)
			assertSpanInvariants(t, text, res)
			got, err := goldenJSON(res)
			require.NoError(t, err)

			path := filepath.Join(articlesDir, name+".json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "no golden file: run go test ./attribution -update")
			assert.Equal(t, string(want), string(got), "%s differs from the extractor's output (-want +got); if the change is intended, run go test ./attribution -update", path)
		})
	}
}

// goldenJSON encodes res as indented JSON with one quote or problem per
// line, so that a changed quote shows as one changed line in a diff.
// Confidence is rounded to two decimals, so that refitting the confidence
// model changes only the lines whose confidence really moved.
func goldenJSON(res *attribution.Result) ([]byte, error) {
	quotes := make([]attribution.Quote, len(res.Quotes))
	for i, q := range res.Quotes {
		q.Confidence = math.Round(q.Confidence*100) / 100
		quotes[i] = q
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	if err := writeJSONList(&b, "quotes", quotes); err != nil {
		return nil, err
	}
	b.WriteString(",\n")
	if err := writeJSONList(&b, "problems", res.Problems); err != nil {
		return nil, err
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// writeJSONList writes "key": [ ... ] with one compact element per line.
func writeJSONList[T any](b *bytes.Buffer, key string, items []T) error {
	b.WriteString(`  "` + key + `": [`)
	for i, it := range items {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(it); err != nil {
			return err
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    ")
		b.Write(bytes.TrimRight(line.Bytes(), "\n"))
	}
	if len(items) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]")
	return nil
}

// articleNames returns the base names of the bundled articles, sorted.
func articleNames(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(articlesDir, "*.txt"))
	require.NoError(tb, err)
	require.NotEmpty(tb, paths, "no articles in %s", articlesDir)
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		names = append(names, strings.TrimSuffix(filepath.Base(p), ".txt"))
	}
	return names
}

// readArticle returns the text of the bundled article name.
func readArticle(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(articlesDir, name+".txt"))
	require.NoError(tb, err)
	return string(b)
}
