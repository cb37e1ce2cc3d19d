package attribution

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

// reportedCase is one block of testdata/reported/cases.txt.
type reportedCase struct {
	name   string // "N. reason"
	text   string
	expect []expectedReport
	absent []string // contents no reported quote may have
}

// belief reports whether the case is about a belief cue: its reason starts
// with "Belief:".
func (c reportedCase) belief() bool {
	_, reason, _ := strings.Cut(c.name, ". ")
	return strings.HasPrefix(reason, "Belief:")
}

// expectedReport is one "> KIND | CONTENT | SPEAKER | CUE" line.
type expectedReport struct {
	kind, content, speaker, cue string
}

// readReportedCases parses the reported-speech case file: "> KIND |
// CONTENT | SPEAKER | CUE" states a quote that must be found, "! CONTENT" a
// reported quote that must not be (see readCaseBlocks).
func readReportedCases(t *testing.T) []reportedCase {
	t.Helper()
	var cases []reportedCase
	for _, b := range readCaseBlocks(t, "reported", 4) {
		c := reportedCase{name: b.name, text: b.text, absent: b.absent}
		for _, f := range b.expect {
			c.expect = append(c.expect, expectedReport{f[0], f[1], f[2], f[3]})
		}
		cases = append(cases, c)
	}
	return cases
}

// TestReportedCases checks every pattern of the reported-speech case file:
// each expected quote is found with exactly that kind, content, speaker
// name and cue, and no reported quote has a content the case rules out.
// Cases whose reason starts with "Belief:" run with beliefs included and
// their quotes must have a belief cue.
func TestReportedCases(t *testing.T) {
	cases := readReportedCases(t)
	require.GreaterOrEqual(t, len(cases), 60)
	speech, err := New()
	require.NoError(t, err)
	beliefs, err := New(WithBeliefs(true))
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.True(t, len(c.expect)+len(c.absent) > 0, "case has no expectation")
			ex := speech
			if c.belief() {
				ex = beliefs
			}
			res, err := ex.Extract(context.Background(), c.text)
			require.NoError(t, err)
			for _, want := range c.expect {
				var got *Quote
				var kinds []string
				for i := range res.Quotes {
					q := &res.Quotes[i]
					if q.Text != want.content {
						continue
					}
					kinds = append(kinds, q.Kind.String())
					if q.Kind.String() == want.kind && got == nil {
						got = q
					}
				}
				if !assert.NotNil(t, got, "no %s quote %q (found with kinds %v) in %q", want.kind, want.content, kinds, c.text) {
					continue
				}
				if want.speaker == "none" {
					assert.Nil(t, got.Speaker, "quote %q: want no speaker (the writer's own statement)", want.content)
				} else if assert.NotNil(t, got.Speaker, "quote %q has no speaker", want.content) {
					assert.Equal(t, want.speaker, got.Speaker.Name, "speaker of %q", want.content)
				}
				if assert.NotNil(t, got.Cue, "quote %q has no cue", want.content) {
					assert.Equal(t, want.cue, got.Cue.Text, "cue of %q", want.content)
					if c.belief() {
						assert.Equal(t, Belief, got.Cue.Class, "cue class of %q", want.content)
					}
				}
			}
			spans := map[entities.Span]bool{}
			for _, q := range res.Quotes {
				if q.Kind == Indirect || q.Kind == Mixed {
					assert.False(t, spans[q.Span], "two reported statements with the content %q", q.Text)
					spans[q.Span] = true
				}
			}
			for _, content := range c.absent {
				for _, q := range res.Quotes {
					if q.Kind == Indirect || q.Kind == Mixed {
						assert.NotEqual(t, content, q.Text, "unwanted %s quote in %q", q.Kind, c.text)
					}
				}
			}
			if t.Failed() {
				for _, q := range res.Quotes {
					t.Logf("got %s %q speaker=%s cue=%s", q.Kind, q.Text, reportedSpeakerName(q.Speaker), reportedCueText(q.Cue))
				}
			}
		})
	}
}

// reportedSpeakerName returns the speaker's name for a failure log, or "-".
func reportedSpeakerName(s *Speaker) string {
	if s == nil {
		return "-"
	}
	return s.Name
}

// reportedCueText returns the cue's text for a failure log, or "-".
func reportedCueText(c *Cue) string {
	if c == nil {
		return "-"
	}
	return c.Text
}
