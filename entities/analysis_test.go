package entities

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnalysisNavigation(t *testing.T) {
	text := `Kim Heung-kyu spoke to Yonhap. "Kim's visit was a step," he added, said the agency.`
	quote := "Kim's visit was a step,"
	q := strings.Index(text, quote)
	doc, err := Parse(context.Background(), text)
	require.NoError(t, err)
	rec, err := NewRecognizer()
	require.NoError(t, err)
	an, err := rec.Recognize(context.Background(), doc, []Span{{q, q + len(quote)}})
	require.NoError(t, err)

	cue := strings.Index(text, "added")
	before := an.Before(cue)
	require.GreaterOrEqual(t, before, 0)
	assert.Equal(t, "he", an.Mentions[before].Text, "the mention before the cue")

	said := strings.Index(text, "said") + len("said")
	after := an.After(said)
	require.GreaterOrEqual(t, after, 0)
	assert.Equal(t, "the agency", an.Mentions[after].Text, "the mention after an inverted cue")

	ante := an.Antecedent(before)
	require.GreaterOrEqual(t, ante, 0)
	assert.Equal(t, "Kim Heung-kyu", an.Mentions[ante].Text, "the name the pronoun stands for")
	assert.Equal(t, -1, an.Antecedent(0), "the first mention has none")
	assert.Equal(t, -1, an.Antecedent(-1))
	assert.Equal(t, -1, an.Before(0))
	assert.Equal(t, -1, an.After(len(text)+1))

	text2 := "White House press secretary Josh Earnest and Kim Heung-kyu, a China expert at Ajou University, spoke."
	doc2, err := Parse(context.Background(), text2)
	require.NoError(t, err)
	an2, err := rec.Recognize(context.Background(), doc2, nil)
	require.NoError(t, err)
	for _, phrase := range []struct{ text, head string }{
		{"White House press secretary Josh Earnest", "Josh Earnest"},
		{"Kim Heung-kyu, a China expert at Ajou University", "Kim Heung-kyu"},
	} {
		i := strings.Index(text2, phrase.text)
		h := an2.Head(Span{i, i + len(phrase.text)})
		require.GreaterOrEqual(t, h, 0, phrase.text)
		assert.Equal(t, phrase.head, an2.Mentions[h].Text, "head of %q", phrase.text)
	}
	assert.Equal(t, -1, an2.Head(Span{0, 0}))
}
