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

// TestMiddleInitials checks that a middle initial keeps its full stop as
// one token, so that the stop does not end the clause inside a name, and
// that other stops after a capital letter stay apart.
func TestMiddleInitials(t *testing.T) {
	cases := []struct {
		text string
		want []string // the tokens
		why  string
	}{
		{"Andrew J. Tabler said.", []string{"Andrew", "J.", "Tabler", "said", "."}, "an initial between two names"},
		{"President George W. Bush spoke.", []string{"President", "George", "W.", "Bush", "spoke", "."}, "after a title and a first name"},
		{"It is J. Tabler.", []string{"It", "is", "J", ".", "Tabler", "."}, "no capitalised word before: not a middle initial"},
		{"Andrew J.Tabler said.", nil, "no space after the stop: left to the tokenizer"},
		{"Andrew J.  Tabler", []string{"Andrew", "J", ".", "Tabler"}, "two spaces: not an initial"},
		{"Andrew J.", []string{"Andrew", "J", "."}, "nothing after the stop"},
		{"The U.S. Senate voted.", []string{"The", "U.S.", "Senate", "voted", "."}, "an abbreviation stays as the tokenizer made it"},
		{"Carl Levin (D-Mich.), a senator, said no.", []string{"Carl", "Levin", "(", "D-Mich.", ")", ",", "a", "senator", ",", "said", "no", "."}, "an abbreviation in brackets keeps its stop"},
		{"Levin (Mich.) said no.", []string{"Levin", "(", "Mich.", ")", "said", "no", "."}, "a state in brackets"},
		{"He left (for good.) Then", []string{"He", "left", "(", "for", "good", ".", ")", "Then"}, "a lower-case word before the stop: a sentence in brackets"},
		{"It ended (Friday. ) Then", nil, "a space before the bracket: left to the tokenizer"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			doc, err := Parse(context.Background(), c.text)
			require.NoError(t, err)
			var got []string
			for _, tk := range doc.Tokens {
				require.Equal(t, c.text[tk.Start:tk.End], tk.Text, "a token's text is its span")
				got = append(got, tk.Text)
			}
			if c.want != nil {
				assert.Equal(t, c.want, got, "%s", c.text)
			}
		})
	}
}
