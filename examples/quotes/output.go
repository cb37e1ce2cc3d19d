package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/whosaid/whosaid/attribution"
)

// record is the result for one doc.
type record struct {
	id       json.RawMessage
	quotes   []attribution.Quote
	problems []attribution.Problem
	// err is set when the input could not be read or processed; quotes and
	// problems are then empty.
	err string
	// at names the input in messages: "line N" or the file name.
	at string
	// noID is set for a JSON Lines record with no id.
	noID bool
	// html maps the spans back to the HTML page for an HTML input, and is
	// nil for other inputs.
	html *htmlText
}

// name returns the record's id as plain text: a string id unquoted, any
// other JSON value as written.
func (r record) name() string {
	var s string
	if json.Unmarshal(r.id, &s) == nil {
		return s
	}
	return string(r.id)
}

// jsonValue returns the record in the output schema: id, quotes and
// problems, or id and error.
func (r record) jsonValue() any {
	if r.err != "" {
		return struct {
			ID    json.RawMessage `json:"id"`
			Error string          `json:"error"`
		}{r.id, r.err}
	}
	if r.html != nil {
		return struct {
			ID       json.RawMessage `json:"id"`
			Quotes   []htmlQuote     `json:"quotes"`
			Problems []htmlProblem   `json:"problems"`
		}{r.id, r.htmlQuotes(), r.htmlProblems()}
	}
	return struct {
		ID       json.RawMessage       `json:"id"`
		Quotes   []attribution.Quote   `json:"quotes"`
		Problems []attribution.Problem `json:"problems"`
	}{r.id, r.quotes, r.problems}
}

// htmlSpan is a span of the HTML page.
type htmlSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// htmlSpeakerSpans are the speaker's mention and source phrase in the HTML
// page.
type htmlSpeakerSpans struct {
	Start       int `json:"start"`
	End         int `json:"end"`
	SourceStart int `json:"source_start"`
	SourceEnd   int `json:"source_end"`
}

// htmlQuoteSpans are a quote's spans in the HTML page: the quote itself,
// its cue and its speaker, the latter two absent when the quote has none.
type htmlQuoteSpans struct {
	Start   int               `json:"start"`
	End     int               `json:"end"`
	Cue     *htmlSpan         `json:"cue,omitempty"`
	Speaker *htmlSpeakerSpans `json:"speaker,omitempty"`
}

// htmlQuote is a quote of an HTML page: the quote as for text input, whose
// spans are into the extracted text, and its spans in the page under
// "html".
type htmlQuote struct {
	attribution.Quote
	HTML htmlQuoteSpans `json:"html"`
}

// htmlProblem is a problem of an HTML page, with its span in the page under
// "html".
type htmlProblem struct {
	attribution.Problem
	HTML htmlSpan `json:"html"`
}

// htmlQuotes returns the record's quotes with their spans in the page.
func (r record) htmlQuotes() []htmlQuote {
	out := make([]htmlQuote, len(r.quotes))
	for i, q := range r.quotes {
		s := r.html.sourceSpan(q.Span)
		h := htmlQuoteSpans{Start: s.Start, End: s.End}
		if q.Cue != nil {
			c := r.html.sourceSpan(q.Cue.Span)
			h.Cue = &htmlSpan{c.Start, c.End}
		}
		if q.Speaker != nil {
			m, src := r.html.sourceSpan(q.Speaker.Span), r.html.sourceSpan(q.Speaker.Source)
			h.Speaker = &htmlSpeakerSpans{m.Start, m.End, src.Start, src.End}
		}
		out[i] = htmlQuote{q, h}
	}
	return out
}

// htmlProblems returns the record's problems with their spans in the page.
func (r record) htmlProblems() []htmlProblem {
	out := make([]htmlProblem, len(r.problems))
	for i, p := range r.problems {
		s := r.html.sourceSpan(p.Span)
		out[i] = htmlProblem{p, htmlSpan{s.Start, s.End}}
	}
	return out
}

// writer writes records in one output format.
type writer interface {
	// write writes one record.
	write(r record) error
	// close writes what follows the last record; it does not close the
	// underlying writer.
	close() error
}

// formats are the values of -output.
var formats = []string{"text", "json", "jsonl", "csv"}

// newWriter returns the writer for format; text output reports failed
// records on errw, since its layout has no place for them.
func newWriter(format string, w, errw io.Writer) (writer, error) {
	switch format {
	case "text":
		return &textWriter{w: w, errw: errw}, nil
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return jsonlWriter{enc}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return nil, err
		}
		return csvWriter{cw}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(formats, ", "))
}

// jsonlWriter writes one JSON object per line.
type jsonlWriter struct{ enc *json.Encoder }

func (j jsonlWriter) write(r record) error { return j.enc.Encode(r.jsonValue()) }
func (j jsonlWriter) close() error         { return nil }

// jsonWriter writes one indented JSON array of records.
type jsonWriter struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
}

func (j *jsonWriter) write(r record) error {
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("[\n  ")
	} else {
		j.buf.WriteString(",\n  ")
	}
	j.n++
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(r.jsonValue()); err != nil {
		return err
	}
	j.buf.Truncate(j.buf.Len() - 1) // the encoder's newline
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

func (j *jsonWriter) close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

// csvHeader names the CSV columns: one row per quote, or one row with the
// error for a record that failed.
var csvHeader = []string{"id", "start", "end", "kind", "group", "text", "cue",
	"speaker", "speaker_type", "role", "affiliation", "confidence", "html_start", "html_end", "error"}

// csvWriter writes one row per quote.
type csvWriter struct{ cw *csv.Writer }

func (c csvWriter) write(r record) error {
	id := r.name()
	if r.err != "" {
		row := make([]string, len(csvHeader))
		row[0], row[len(row)-1] = id, r.err
		if err := c.cw.Write(row); err != nil {
			return err
		}
	}
	for _, q := range r.quotes {
		var cue, speaker, typ, role, aff string
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		if q.Speaker != nil {
			speaker, typ, role, aff = q.Speaker.Name, q.Speaker.Type.String(), q.Speaker.Role, q.Speaker.Affiliation
		}
		var htmlStart, htmlEnd string
		if r.html != nil {
			s := r.html.sourceSpan(q.Span)
			htmlStart, htmlEnd = strconv.Itoa(s.Start), strconv.Itoa(s.End)
		}
		row := []string{id, strconv.Itoa(q.Start), strconv.Itoa(q.End), q.Kind.String(), strconv.Itoa(q.Group),
			q.Text, cue, speaker, typ, role, aff, strconv.FormatFloat(q.Confidence, 'f', -1, 64), htmlStart, htmlEnd, ""}
		if err := c.cw.Write(row); err != nil {
			return err
		}
	}
	c.cw.Flush()
	return c.cw.Error()
}

func (c csvWriter) close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// textWriter writes a readable layout: per article, each quote's kind,
// group, confidence and speaker, then the quote shortened to one line.
type textWriter struct {
	w    io.Writer
	errw io.Writer
}

// textWidth is how many characters of a quote the text layout shows.
const textWidth = 110

func (t *textWriter) write(r record) error {
	if r.err != "" {
		_, err := fmt.Fprintf(t.errw, "quotes: %s: %s\n", r.name(), r.err)
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "== %s: %s", r.name(), plural(len(r.quotes), "quote"))
	if len(r.problems) > 0 {
		fmt.Fprintf(&b, ", %s", plural(len(r.problems), "problem"))
	}
	b.WriteString("\n")
	for i, q := range r.quotes {
		fmt.Fprintf(&b, "%3d. %-8s group %-3d %.2f  %s\n", i+1, q.Kind, q.Group, q.Confidence, describeSpeaker(q))
		fmt.Fprintf(&b, "     %q\n", shorten(q.Text, textWidth))
	}
	for _, p := range r.problems {
		fmt.Fprintf(&b, "     problem at %d-%d: %s\n", p.Start, p.End, p.Message)
	}
	b.WriteString("\n")
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *textWriter) close() error { return nil }

// describeSpeaker renders the speaker as "Name (type; role, affiliation)",
// with the cue.
func describeSpeaker(q attribution.Quote) string {
	if q.Speaker == nil {
		return "(no speaker)"
	}
	s := q.Speaker.Name + " (" + q.Speaker.Type.String()
	var about []string
	for _, v := range []string{q.Speaker.Role, q.Speaker.Affiliation} {
		if v != "" {
			about = append(about, v)
		}
	}
	if len(about) > 0 {
		s += "; " + strings.Join(about, ", ")
	}
	s += ")"
	if q.Cue != nil {
		s += " " + q.Cue.Text
	}
	return s
}

// shorten folds runs of white space into one space and cuts s to at most
// width characters, marking a cut with an ellipsis.
func shorten(s string, width int) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	return string(r[:width-1]) + "…"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
