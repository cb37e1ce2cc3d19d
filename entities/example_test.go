package entities_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/whosaid/whosaid/entities"
)

// Recognize finds the people, organizations and groups of an article,
// reads their roles and affiliations, and resolves pronouns, never to a
// name inside a quotation.
func ExampleRecognizer_Recognize() {
	text := `Chinese President Xi Jinping met North Korean leader Kim Jong-un in Beijing, China's Xinhua News Agency reported.` + "\n" +
		`"The visit shows Kim wants a deal," Kim Heung-kyu, a China expert at Ajou University, said. "It was a step," he added.`
	ctx := context.Background()
	doc, err := entities.Parse(ctx, text)
	if err != nil {
		panic(err)
	}
	var quoted []entities.Span
	for _, q := range []string{"The visit shows Kim wants a deal,", "It was a step,"} {
		i := strings.Index(text, q)
		quoted = append(quoted, entities.Span{Start: i, End: i + len(q)})
	}
	rec, err := entities.NewRecognizer()
	if err != nil {
		panic(err)
	}
	an, err := rec.Recognize(ctx, doc, quoted)
	if err != nil {
		panic(err)
	}
	for _, m := range an.Mentions {
		if m.Entity < 0 {
			continue
		}
		e := an.Entities[m.Entity]
		fmt.Printf("%-18s %-12s -> %s", m.Text, m.Kind, e.Name)
		if e.Role != "" || e.Affiliation != "" {
			fmt.Printf(" (%s, %s)", e.Role, e.Affiliation)
		}
		if m.Quoted {
			fmt.Print(" [quoted]")
		}
		fmt.Println()
	}
	// Output:
	// Xi Jinping         person       -> Xi Jinping (President, China)
	// Kim Jong-un        person       -> Kim Jong-un (leader, North Korea)
	// Beijing            place        -> Beijing
	// Xinhua News Agency organization -> Xinhua News Agency (, China)
	// Kim                person       -> Kim Jong-un (leader, North Korea) [quoted]
	// Kim Heung-kyu      person       -> Kim Heung-kyu (China expert, Ajou University)
	// China              place        -> China
	// Ajou University    organization -> Ajou University
	// he                 person       -> Kim Heung-kyu (China expert, Ajou University)
}
