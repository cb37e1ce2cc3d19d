package attribution

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExtractScalesLinearly compares, in one run, the time Extract takes on
// a hostile input and on the same input sixteen times longer: linear work
// takes about sixteen times as long, quadratic work 256 times. The bound
// (64x) leaves room for a busy machine without letting quadratic work
// through, even when it is a small part of the whole at the smaller size.
func TestExtractScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	ex, err := New()
	require.NoError(t, err)
	ctx := context.Background()
	cases := []struct {
		name string
		unit string
		n    int
	}{
		{"stray straight marks", `"`, 2000},
		{"stray curly openers", "\u201c", 2000},
		{"dots without spaces", ".", 2000},
		{"wire marks", "'' ", 1000},
		{"nested quotations", "\u201cA \u2018b ", 500},
		{"one long paragraph", "Kim said, \"We will go.\" ", 300},
		{"paragraphs", "\"Open quote\n\n", 500},
		{"reported speech in one paragraph", `The minister said the plan "would work," and analysts said that it might fail. `, 150},
		{"cues without stops", "analysts said that officials told reporters that ", 300},
		{"appearances, questions and participles without stops", "officials seemed to agree, adding that she asked whether the plan appears ", 200},
		{"speaker lines", "ANNA LEE: The plan will work and we said so\n", 500},
		{"cues behind an unclosed mark", "\u201cthe plan, he said, would work and she added that it ", 300},
	}
	measure := func(text string) time.Duration {
		best := time.Duration(1 << 62)
		for r := 0; r < 3; r++ {
			t0 := time.Now()
			_, err := ex.Extract(ctx, text)
			require.NoError(t, err)
			if d := time.Since(t0); d < best {
				best = d
			}
		}
		return best
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var small, large time.Duration
			ratio := 0.0
			// A busy machine can spoil one measure; quadratic work fails
			// every one, so a second is taken before failing.
			// The small input is grown until it takes a few milliseconds, so
			// that scheduling noise does not decide the ratio.
			n := c.n
			for measure(strings.Repeat(c.unit, n)) < 3*time.Millisecond && n < 64*c.n {
				n *= 2
			}
			for attempt := 0; attempt < 2 && (attempt == 0 || ratio >= 64); attempt++ {
				small = measure(strings.Repeat(c.unit, n))
				large = measure(strings.Repeat(c.unit, 16*n))
				if small < 200*time.Microsecond {
					small = 200 * time.Microsecond
				}
				ratio = float64(large) / float64(small)
			}
			assert.Less(t, ratio, 64.0, "16x input took %.1fx the time (%v vs %v)", ratio, large, small)
		})
	}
}

// TestExtractCancelPrompt cancels Extract on one 2 MB paragraph at several
// points of its run and checks that it stops soon after, with ctx's error:
// within a quarter of the whole run, whatever the stage (the run is
// measured in the same process, so the bound holds on a slow machine too).
// A busy machine can delay one return, so the measure is taken up to three
// times and one clean pass is enough; code that does not look at ctx fails
// every time.
func TestExtractCancelPrompt(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	ex, err := New()
	require.NoError(t, err)
	text := strings.Repeat(`The minister said the plan "would work," and analysts said that it might fail. `, 25000)
	var problems []string
	for attempt := 0; attempt < 3; attempt++ {
		t0 := time.Now()
		_, err = ex.Extract(context.Background(), text)
		require.NoError(t, err)
		full := time.Since(t0)
		problems = problems[:0]
		for _, at := range []float64{0.1, 0.3, 0.5, 0.7} {
			ctx, cancel := context.WithCancel(context.Background())
			d := time.Duration(at * float64(full))
			timer := time.AfterFunc(d, cancel)
			t0 := time.Now()
			_, err := ex.Extract(ctx, text)
			took := time.Since(t0)
			timer.Stop()
			cancel()
			if err != nil { // nil: it finished about when the cancel came
				require.ErrorIs(t, err, context.Canceled)
			}
			if took-d >= full/4 {
				problems = append(problems, fmt.Sprintf("cancelled at %v of %v, returned %v later", d, full, took-d))
			}
		}
		if len(problems) == 0 {
			return
		}
	}
	t.Errorf("Extract did not stop promptly: %s", strings.Join(problems, "; "))
}
