package attribution

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v3"
	"github.com/stretchr/testify/require"
)

// benchTexts returns the bundled articles.
func benchTexts(b *testing.B) []string {
	b.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	require.NoError(b, err)
	require.NotEmpty(b, files)
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(b, err)
		texts = append(texts, string(data))
	}
	return texts
}

func totalBytes(texts []string) int64 {
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return n
}

// BenchmarkExtract runs the whole extractor over the bundled articles.
// Compare its MB/s with BenchmarkProseFullPipeline from the same run.
func BenchmarkExtract(b *testing.B) { benchExtract(b) }

// BenchmarkExtractNoTagger is BenchmarkExtract without the statement
// tagger: the difference is what the tagger costs.
func BenchmarkExtractNoTagger(b *testing.B) { benchExtract(b, WithTagger(nil)) }

// BenchmarkExtractNoLSTM is BenchmarkExtract with the embedded tagger's
// perceptron alone: the difference is what its LSTM scorer costs.
func BenchmarkExtractNoLSTM(b *testing.B) {
	m, err := DefaultTagger()
	require.NoError(b, err)
	benchExtract(b, WithTagger(m.WithoutLSTM()))
}

func benchExtract(b *testing.B, opts ...Option) {
	texts := benchTexts(b)
	ex, err := New(opts...)
	require.NoError(b, err)
	ctx := context.Background()
	_, err = ex.Extract(ctx, texts[0]) // load the models outside the timer
	require.NoError(b, err)
	b.SetBytes(totalBytes(texts))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := ex.Extract(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkProseFullPipeline is the baseline: prose v3's whole pipeline
// (tokens, sentences, tags and entities) over the same articles.
func BenchmarkProseFullPipeline(b *testing.B) {
	texts := benchTexts(b)
	_, err := prose.NewDocument(texts[0])
	require.NoError(b, err)
	b.SetBytes(totalBytes(texts))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := prose.NewDocument(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
