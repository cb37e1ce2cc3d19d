package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/entities"
)

func TestTrimmed(t *testing.T) {
	text := `He said: “Yes, we can.” — and left.`
	tests := []struct {
		s, e int
		want span
	}{
		{8, 27, span{12, 23}},  // “Yes, we can.” loses its marks and full stop
		{12, 23, span{12, 23}}, // already trimmed
		{-5, 2, span{0, 2}},    // clamped to the text
		{30, 20, span{30, 30}}, // reversed
		{24, 32, span{24, 24}}, // ” — : nothing but edge characters
		{0, 1000, span{0, 40}}, // clamped, the final full stop trimmed
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("[%d,%d)", tt.s, tt.e), func(t *testing.T) {
			assert.Equal(t, tt.want, trimmed(text, tt.s, tt.e))
		})
	}
}

func TestNormName(t *testing.T) {
	tests := map[string]string{
		"  The White House ":        "white house",
		"Trump's":                   "trump",
		"Trump’s campaign":          "trump campaign",
		"an official":               "official",
		"Anthony":                   "anthony",
		"the":                       "the",
		"Sen. Elizabeth Warren (D)": "sen elizabeth warren d",
		"Jean-Luc O'Brien":          "jean-luc o brien",
		"its":                       "its",
		"rock's_n":                  "rock s_n",
		"Thea Jones":                "thea jones",
		"a  b":                      "b",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			assert.Equal(t, want, normName(in))
		})
	}
}

func intp(i int) *int { return &i }

func TestSpeakerOK(t *testing.T) {
	gold := goldQuote{Speaker: "Donald Trump", SpeakerStart: intp(100), SpeakerEnd: intp(112), SpeakerSpans: [][]int{{200, 202}}}
	none := goldQuote{}
	pronoun := goldQuote{Speaker: "he", SpeakerStart: intp(50), SpeakerEnd: intp(52)}
	tests := []struct {
		name string
		g    goldQuote
		sp   *attribution.Speaker
		want bool
	}{
		{"no gold speaker, none given", none, nil, true},
		{"no gold speaker, unknown given", none, &attribution.Speaker{Name: "someone", Type: entities.Unknown}, true},
		{"no gold speaker, a name given", none, &attribution.Speaker{Name: "Trump", Type: entities.Person}, false},
		{"gold speaker, none given", gold, nil, false},
		{"span overlap", gold, &attribution.Speaker{Name: "he", Span: entities.Span{Start: 201, End: 203}}, true},
		{"surname", gold, &attribution.Speaker{Name: "Trump", Span: entities.Span{Start: 0, End: 5}}, true},
		{"longer name", gold, &attribution.Speaker{Name: "President Donald Trump"}, true},
		{"other name", gold, &attribution.Speaker{Name: "Clinton"}, false},
		{"pronoun gold, name only", pronoun, &attribution.Speaker{Name: "Mike Pence"}, false},
		{"pronoun gold, span", pronoun, &attribution.Speaker{Name: "Mike Pence", Span: entities.Span{Start: 50, End: 52}}, true},
		{"pronoun gold, same pronoun", pronoun, &attribution.Speaker{Name: "He"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, speakerOK(tt.g, tt.sp))
		})
	}
}

func TestLabel(t *testing.T) {
	// 0         1         2         3         4         5         6
	// 0123456789012345678901234567890123456789012345678901234567890123456789
	text := `"We will win the whole thing," Trump said. Critics said he would lose.`
	trump := &attribution.Speaker{Name: "Donald Trump", Type: entities.Person, Span: entities.Span{Start: 31, End: 36}}
	golds := []goldQuote{
		{Start: 1, End: 29, Kind: "direct", Speaker: "Trump", SpeakerStart: intp(31), SpeakerEnd: intp(36)},
		{Start: 56, End: 70, Kind: "indirect", Speaker: "Critics", SpeakerStart: intp(43), SpeakerEnd: intp(50), Optional: true},
	}
	quotes := []attribution.Quote{
		{Span: entities.Span{Start: 1, End: 29}, Kind: attribution.Direct, Speaker: trump},    // right
		{Span: entities.Span{Start: 1, End: 12}, Kind: attribution.Direct, Speaker: trump},    // inside a matched gold quote: ignored
		{Span: entities.Span{Start: 17, End: 28}, Kind: attribution.Partial},                  // partial inside: ignored
		{Span: entities.Span{Start: 56, End: 69}, Kind: attribution.Indirect},                 // matches an optional row: ignored
		{Span: entities.Span{Start: 43, End: 55}, Kind: attribution.Indirect, Speaker: trump}, // matches nothing: wrong
	}
	assert.Equal(t, []status{right, ignored, ignored, ignored, wrong}, label(text, golds, quotes))

	quotes[0].Speaker = &attribution.Speaker{Name: "Critics", Type: entities.Group, Span: entities.Span{Start: 43, End: 50}}
	assert.Equal(t, wrong, label(text, golds, quotes)[0], "right span, wrong speaker")
}

func TestLabelBestOverlapFirst(t *testing.T) {
	text := "aaaa bbbb cccc dddd eeee ffff gggg"
	golds := []goldQuote{{Start: 0, End: 14}, {Start: 0, End: 19}}
	quotes := []attribution.Quote{
		{Span: entities.Span{Start: 0, End: 19}},
		{Span: entities.Span{Start: 0, End: 14}},
	}
	// Both quotes overlap both gold quotes; exact overlaps are paired first.
	// With no gold speaker and no system speaker, both are right.
	assert.Equal(t, []status{right, right}, label(text, golds, quotes))
}
