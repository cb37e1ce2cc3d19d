package attribution_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/attribution"
)

// maxFuzzSeed is the length of the longest hostile input used as a seed.
const maxFuzzSeed = 1 << 10

// FuzzExtract checks, on any input, that extraction does not fail or
// panic, that every span is in bounds, on UTF-8 boundaries for valid UTF-8
// and covers its Text, and that the same input gives the same JSON twice.
// It is seeded with the bundled articles and hostile inputs:
//
//	go test -run '^$' -fuzz '^FuzzExtract$' -fuzztime 10m -fuzzminimizetime 5s ./attribution
func FuzzExtract(f *testing.F) {
	for _, name := range articleNames(f) {
		f.Add(readArticle(f, name))
	}
	for _, text := range hostileInputs {
		// The long inputs are TestExtractHostileInputs' job: the fuzzer
		// mutates short ones faster.
		if len(text) <= maxFuzzSeed {
			f.Add(text)
		}
	}
	ex, err := attribution.New(attribution.WithTerms(true))
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		first, err := ex.Extract(context.Background(), text)
		require.NoError(t, err)
		assertSpanInvariants(t, text, first)
		again, err := ex.Extract(context.Background(), text)
		require.NoError(t, err)
		a, err := json.Marshal(first)
		require.NoError(t, err)
		b, err := json.Marshal(again)
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), "the same input gave different results")
	})
}
