package attribution

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// attributionCase is one block of testdata/attribution/cases.txt.
type attributionCase struct {
	name   string // "N. reason"
	text   string
	expect []expectedQuote
}

type expectedQuote struct {
	content, speaker, kind string
}

// readAttributionCases parses the case file: "> CONTENT | NAME | TYPE"
// lines state expectations (see readCaseBlocks).
func readAttributionCases(t *testing.T) []attributionCase {
	t.Helper()
	var cases []attributionCase
	for _, b := range readCaseBlocks(t, "attribution", 3) {
		c := attributionCase{name: b.name, text: b.text}
		for _, f := range b.expect {
			c.expect = append(c.expect, expectedQuote{f[0], f[1], f[2]})
		}
		cases = append(cases, c)
	}
	return cases
}

// TestAttributionCases checks every pattern of the attribution case file:
// each expected quote is found with exactly that content, speaker name and
// speaker type.
func TestAttributionCases(t *testing.T) {
	cases := readAttributionCases(t)
	require.GreaterOrEqual(t, len(cases), 60)
	ex, err := New(WithTerms(true))
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.NotEmpty(t, c.expect, "case has no expectation")
			res, err := ex.Extract(context.Background(), c.text)
			require.NoError(t, err)
			for _, want := range c.expect {
				var got *Quote
				for i := range res.Quotes {
					if res.Quotes[i].Text == want.content {
						got = &res.Quotes[i]
						break
					}
				}
				if !assert.NotNil(t, got, "no quote %q in %q", want.content, c.text) {
					continue
				}
				if want.speaker == "none" {
					assert.True(t, got.Speaker == nil || got.Speaker.Type.String() == "unknown", "quote %q: want no speaker, got %+v", want.content, got.Speaker)
					continue
				}
				if assert.NotNil(t, got.Speaker, "quote %q has no speaker", want.content) {
					assert.Equal(t, want.speaker, got.Speaker.Name, "speaker of %q", want.content)
					assert.Equal(t, want.kind, got.Speaker.Type.String(), "speaker type of %q", want.content)
				}
			}
		})
	}
}
