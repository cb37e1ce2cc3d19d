package entities

import (
	"context"
	"strings"
	"testing"
)

// FuzzRecognize checks that Recognize never panics and that every Analysis
// keeps its invariants, on the table cases and on whatever the fuzzer
// makes of them. Quotations are taken between straight double quotes.
func FuzzRecognize(f *testing.F) {
	for _, tc := range recognizeCases {
		f.Add(tc.text)
	}
	f.Add("")
	f.Add("\xff\xfe Kim \x00 said")
	f.Add(`"unclosed, he said. Sen. (D-`)
	rec, err := NewRecognizer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := Parse(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		var quoted []Span
		open := -1
		for i := 0; i < len(text); i++ {
			if text[i] != '"' {
				continue
			}
			if open < 0 {
				open = i + 1
			} else {
				quoted = append(quoted, Span{open, i})
				open = -1
			}
		}
		an, err := rec.Recognize(context.Background(), doc, quoted)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, doc, an)
		for _, m := range an.Mentions {
			if strings.TrimSpace(m.Text) == "" {
				t.Fatalf("empty mention %+v", m)
			}
		}
	})
}
