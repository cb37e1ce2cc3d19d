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
		{"Mitch McConnell, R-Ky., said no.", []string{"Mitch", "McConnell", ",", "R-Ky.", ",", "said", "no", "."}, "an abbreviation between commas keeps its stop"},
		{"He moved to Baldwin, Miss. Then he left.", []string{"He", "moved", "to", "Baldwin", ",", "Miss", ".", "Then", "he", "left", "."}, "no comma after the stop: it may end the sentence"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			got := tokenTexts(t, c.text)
			if c.want != nil {
				assert.Equal(t, c.want, got, "%s", c.text)
			}
		})
	}
}

// TestInnerQuoteMarks checks that a quotation mark written without a space
// between two other characters (said,“Look) is a token of its own, with
// the words on each side tokenized as if it were spaced.
func TestInnerQuoteMarks(t *testing.T) {
	cases := []struct {
		text string
		want []string
		why  string
	}{
		{"Ryan said,\u201cLook.\u201d", []string{"Ryan", "said", ",", "\u201c", "Look", ".", "\u201d"}, "an opening mark after a comma"},
		{"She said:\u201cNever.\u201d", []string{"She", "said", ":", "\u201c", "Never", ".", "\u201d"}, "after a colon"},
		{"It was over.\u201dThe end.", []string{"It", "was", "over", ".", "\u201d", "The", "end", "."}, "a closing mark before the next sentence"},
		{"He said \u2014\u201cgo.\u201d", []string{"He", "said", "\u2014", "\u201c", "go", ".", "\u201d"}, "after a dash"},
		{`said,"Look"`, []string{"said", ",", `"`, "Look", `"`}, "straight marks"},
		{"Kim\u2019s view", []string{"Kim", "\u2019s", "view"}, "a single mark inside a word is an apostrophe, not a quotation mark"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			assert.Equal(t, c.want, tokenTexts(t, c.text), "%s", c.text)
		})
	}
}

// TestFinalStop checks that the full stop ending a paragraph is a token of
// its own even after a short capitalised word, which prose reads as an
// abbreviation.
func TestFinalStop(t *testing.T) {
	cases := []struct {
		text string
		want []string
		why  string
	}{
		{"It would repeal the Affordable Care Act.", []string{"It", "would", "repeal", "the", "Affordable", "Care", "Act", "."}, "a short word ends the paragraph"},
		{"He backed the act, calling it \u201ca war on War.\u201d\n\nNext.", []string{"He", "backed", "the", "act", ",", "calling", "it", "\u201c", "a", "war", "on", "War", ".", "\u201d", "Next", "."}, "before a closing quotation mark"},
		{"Mr. Smith met Mr. Kim of Acme Inc.", []string{"Mr.", "Smith", "met", "Mr.", "Kim", "of", "Acme", "Inc", "."}, "an abbreviation at the end is split too: its stop ends the sentence; inside, titles stay whole"},
		{"They flew to the U.S.", []string{"They", "flew", "to", "the", "U.S."}, "a stop inside the word keeps it whole"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			assert.Equal(t, c.want, tokenTexts(t, c.text), "%s", c.text)
		})
	}
}

// TestInitialSentenceBreaks checks that a middle initial does not end a
// sentence: prose splits "Mark J. Stone" after the initial.
func TestInitialSentenceBreaks(t *testing.T) {
	cases := []struct {
		text string
		want []string
		why  string
	}{
		{"\"It was stifling,\" Representative Mark J. Stone, Republican of New York, said of life.", []string{"\"It was stifling,\" Representative Mark J. Stone, Republican of New York, said of life."}, "an initial inside a name"},
		{"It was over. Then he left.", []string{"It was over.", "Then he left."}, "other sentence breaks stay"},
		{"Peter T.\nKing said no.", []string{"Peter T.", "King said no."}, "a paragraph break stays"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			doc, err := Parse(context.Background(), c.text)
			require.NoError(t, err)
			var got []string
			for _, s := range doc.Sentences {
				got = append(got, c.text[s.Start:s.End])
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// tokenTexts parses text and returns its tokens' texts, checking that each
// token's text is its span.
func tokenTexts(t *testing.T, text string) []string {
	t.Helper()
	doc, err := Parse(context.Background(), text)
	require.NoError(t, err)
	var got []string
	for _, tk := range doc.Tokens {
		require.Equal(t, text[tk.Start:tk.End], tk.Text, "a token's text is its span")
		got = append(got, tk.Text)
	}
	return got
}
