package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/entities"
)

// speakerKey identifies a speaker across articles: the same name with the
// same type.
type speakerKey struct {
	name string
	typ  entities.Kind
}

// speakerCount is one row of the speaker summary.
type speakerCount struct {
	Name        string        `json:"name"`
	Type        entities.Kind `json:"type"`
	Role        string        `json:"role"`
	Affiliation string        `json:"affiliation"`
	Quotes      int           `json:"quotes"`
}

// speakerTally counts the quotes of each speaker over a run.
type speakerTally struct {
	counts     map[speakerKey]*speakerCount
	unassigned int
}

func newSpeakerTally() *speakerTally {
	return &speakerTally{counts: make(map[speakerKey]*speakerCount)}
}

// add counts the quotes of one article. A speaker's role and affiliation
// are the first non-empty ones seen.
func (t *speakerTally) add(quotes []attribution.Quote) {
	for _, q := range quotes {
		if q.Speaker == nil {
			t.unassigned++
			continue
		}
		k := speakerKey{q.Speaker.Name, q.Speaker.Type}
		c := t.counts[k]
		if c == nil {
			c = &speakerCount{Name: k.name, Type: k.typ}
			t.counts[k] = c
		}
		c.Quotes++
		if c.Role == "" {
			c.Role = q.Speaker.Role
		}
		if c.Affiliation == "" {
			c.Affiliation = q.Speaker.Affiliation
		}
	}
}

// rows returns the speakers by number of quotes, most first, then by name
// and type.
func (t *speakerTally) rows() []speakerCount {
	rows := make([]speakerCount, 0, len(t.counts))
	for _, c := range t.counts {
		rows = append(rows, *c)
	}
	slices.SortFunc(rows, func(a, b speakerCount) int {
		return cmp.Or(cmp.Compare(b.Quotes, a.Quotes), strings.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
	})
	return rows
}

// write prints the summary as an aligned table: quotes, speaker, type,
// role and affiliation, then the number of quotes with no speaker.
func (t *speakerTally) write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "== speakers")
	fmt.Fprintln(tw, "quotes\tspeaker\ttype\trole\taffiliation")
	for _, r := range t.rows() {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.Quotes, oneLine(r.Name), r.Type, oneLine(r.Role), oneLine(r.Affiliation))
	}
	fmt.Fprintf(tw, "%d\t(no speaker)\t\t\t\n", t.unassigned)
	return tw.Flush()
}

// oneLine folds the white space of s, so a name keeps to one table row.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
