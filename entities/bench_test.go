package entities

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchArticle returns an article of at least 5,000 words: the project's
// golden articles and the table cases of this package, repeated.
func benchArticle(b *testing.B) string {
	b.Helper()
	var parts []string
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(b, err)
		parts = append(parts, string(data))
	}
	for _, tc := range recognizeCases {
		parts = append(parts, tc.text)
	}
	one := strings.Join(parts, "\n\n")
	text := one
	for len(strings.Fields(text)) < 5000 {
		text += "\n\n" + one
	}
	return text
}

// BenchmarkRecognize measures Recognize alone on a 5,000-word article.
func BenchmarkRecognize(b *testing.B) {
	text := benchArticle(b)
	doc, err := Parse(context.Background(), text)
	require.NoError(b, err)
	rec, err := NewRecognizer()
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := rec.Recognize(context.Background(), doc, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse is the baseline: splitting and tagging the same article,
// which Recognize must stay well under.
func BenchmarkParse(b *testing.B) {
	text := benchArticle(b)
	_, err := Parse(context.Background(), text)
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(context.Background(), text); err != nil {
			b.Fatal(err)
		}
	}
}
