package entities

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuoteMarkTags checks the direction given to quotation marks, an
// opening or a closing tag. Marks the tokenizer leaves on their own are
// read from what touches them.
func TestQuoteMarkTags(t *testing.T) {
	cases := []struct {
		text string
		want []string // the tags of the marks, in order
		why  string
	}{
		{`He said "it works."`, []string{"``", "''"}, "marks on words"},
		{`The plan "would work," and it did.`, []string{"``", "''"}, "a straight mark after a comma closes"},
		{`"We will go," Kim said.`, []string{"``", "''"}, "a closing mark before the cue"},
		{`It was "fine".`, []string{"``", "''"}, "a mark before the full stop closes"},
		{"\u201cWe will go,\u201d Kim said.", []string{"``", "''"}, "curly marks"},
		{"the word \u201clocal\u201d; nothing more", []string{"``", "''"}, "a right curly mark always closes"},
		{`He said " it works " again`, []string{"``", "``"}, "free-standing marks stay openers: nothing shows direction"},
		{`("Hello," she said)`, []string{"``", "''"}, "an opener after a parenthesis"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			doc, err := Parse(context.Background(), c.text)
			require.NoError(t, err)
			var got []string
			for _, tk := range doc.Tokens {
				if tk.Tag == "``" || tk.Tag == "''" {
					got = append(got, tk.Tag)
				}
			}
			assert.Equal(t, c.want, got, "%s", c.text)
		})
	}
}
