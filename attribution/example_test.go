package attribution_test

import (
	"context"
	"fmt"
	"log"

	"github.com/whosaid/whosaid/attribution"
)

// Extract finds each quotation, the cue that introduces it and its speaker.
// An interrupted quotation is one quote per piece, sharing a group.
func Example() {
	ex, err := attribution.New()
	if err != nil {
		log.Fatal(err)
	}
	text := `"We are not in a hurry," Governor Helena Marsh said. "But we are not asleep."`
	res, err := ex.Extract(context.Background(), text)
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range res.Quotes {
		fmt.Printf("%s, group %d: %q\n", q.Kind, q.Group, q.Text)
		if q.Speaker != nil {
			fmt.Printf("  said by %s (%s), cue %q\n", q.Speaker.Name, q.Speaker.Type, q.Cue.Text)
		}
	}
	// Output:
	// direct, group 0: "We are not in a hurry,"
	//   said by Helena Marsh (person), cue "said"
	// direct, group 0: "But we are not asleep."
	//   said by Helena Marsh (person), cue "said"
}

// Every span is a pair of byte offsets into the text: a quote's content,
// quotation marks excluded, and the speaker's mention.
func ExampleExtractor_Extract() {
	ex, err := attribution.New()
	if err != nil {
		log.Fatal(err)
	}
	text := `Analysts said the first cut could come in June. "Nobody should expect miracles," a ministry official said.`
	res, err := ex.Extract(context.Background(), text)
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range res.Quotes {
		who := "nobody"
		if q.Speaker != nil {
			// The mention as written; Speaker.Name is the resolved name.
			who = text[q.Speaker.Start:q.Speaker.End] + " (" + q.Speaker.Type.String() + ")"
		}
		fmt.Printf("%d-%d %s by %s: %s\n", q.Start, q.End, q.Kind, who, text[q.Start:q.End])
	}
	// Output:
	// 14-46 indirect by Analysts (group): the first cut could come in June
	// 49-79 direct by a ministry official (anonymous): Nobody should expect miracles,
}

// Scare quotes, titles and quoted terms are left out unless WithTerms asks
// for them.
func ExampleWithTerms() {
	text := `The so-called "peace dividend" never arrived.`
	for _, include := range []bool{false, true} {
		ex, err := attribution.New(attribution.WithTerms(include))
		if err != nil {
			log.Fatal(err)
		}
		res, err := ex.Extract(context.Background(), text)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("WithTerms(%v): quotes %d\n", include, len(res.Quotes))
		for _, q := range res.Quotes {
			fmt.Printf("  %s: %s\n", q.Kind, q.Text)
		}
	}
	// Output:
	// WithTerms(false): quotes 0
	// WithTerms(true): quotes 1
	//   term: peace dividend
}

// A quotation mark that is never closed loses no text: the quotation ends
// at the end of its paragraph and the result records a problem.
func ExampleResult_problems() {
	ex, err := attribution.New()
	if err != nil {
		log.Fatal(err)
	}
	text := "The spokesman said the plan was \"under review and would be published soon.\n\nTickets are on sale."
	res, err := ex.Extract(context.Background(), text)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range res.Problems {
		fmt.Printf("%d-%d %q: %s\n", p.Start, p.End, text[p.Start:p.End], p.Message)
	}
	// Output:
	// 32-33 "\"": attribution: unclosed quotation mark
}
