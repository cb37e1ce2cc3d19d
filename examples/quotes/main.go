// Command quotes prints the quotes of news articles and who said them.
//
//	quotes FILE...                                   readable text
//	quotes -input jsonl -output jsonl < in > out     one JSON line per input line
//
// JSON Lines input holds one object per line with "id" and "text"; other
// fields are ignored. Every input line gives exactly one output line, in
// input order; a line that cannot be read gives {"id": ..., "error": ...}
// and the exit status is non-zero.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/whosaid/whosaid/attribution"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "text", "input format: text (files or stdin) or jsonl")
	output := fs.String("output", "text", "output format: text, json or jsonl")
	terms := fs.Bool("terms", false, "include scare quotes, titles and quoted terms")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ex, err := attribution.New(attribution.WithTerms(*terms))
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return 1
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	var failed bool
	switch *input {
	case "jsonl":
		failed, err = runJSONL(ex, stdin, w, *output)
	case "text":
		failed, err = runFiles(ex, fs.Args(), stdin, w, *output)
	default:
		fmt.Fprintf(stderr, "quotes: unknown -input %q\n", *input)
		return 2
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

type record struct {
	ID       json.RawMessage       `json:"id"`
	Quotes   []attribution.Quote   `json:"quotes"`
	Problems []attribution.Problem `json:"problems"`
	Error    string                `json:"error,omitempty"`
}

func runJSONL(ex *attribution.Extractor, r io.Reader, w io.Writer, output string) (bool, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := false
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return failed, nil
			}
			return failed, err
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var in struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		rec := record{}
		if jerr := json.Unmarshal([]byte(line), &in); jerr != nil {
			rec.Error = fmt.Sprintf("line %d: %v", n, jerr)
		} else if in.Text == nil {
			rec.ID, rec.Error = in.ID, fmt.Sprintf("line %d: no text", n)
		} else {
			rec.ID = in.ID
			res, xerr := ex.Extract(context.Background(), *in.Text)
			if xerr != nil {
				rec.Error = fmt.Sprintf("line %d: %v", n, xerr)
			} else {
				rec.Quotes, rec.Problems = res.Quotes, res.Problems
			}
		}
		if rec.ID == nil {
			rec.ID = json.RawMessage("null")
		}
		if rec.Error != "" {
			failed = true
		}
		if err := enc.Encode(rec); err != nil {
			return failed, err
		}
	}
}

func runFiles(ex *attribution.Extractor, files []string, stdin io.Reader, w io.Writer, output string) (bool, error) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	failed := false
	for _, name := range files {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "quotes:", err)
			failed = true
			continue
		}
		res, err := ex.Extract(context.Background(), string(data))
		if err != nil {
			return failed, err
		}
		if output == "text" {
			printText(w, name, res)
			continue
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if output == "json" {
			enc.SetIndent("", "  ")
		}
		id, _ := json.Marshal(name)
		if err := enc.Encode(record{ID: id, Quotes: res.Quotes, Problems: res.Problems}); err != nil {
			return failed, err
		}
	}
	return failed, nil
}

func printText(w io.Writer, name string, res *attribution.Result) {
	fmt.Fprintf(w, "== %s: %d quotes\n", name, len(res.Quotes))
	for _, q := range res.Quotes {
		who := "(no speaker)"
		if q.Speaker != nil {
			who = q.Speaker.Name + " [" + q.Speaker.Type.String() + "]"
			if q.Speaker.Role != "" || q.Speaker.Affiliation != "" {
				who += " — " + strings.Trim(q.Speaker.Role+", "+q.Speaker.Affiliation, ", ")
			}
		}
		text := q.Text
		if len([]rune(text)) > 100 {
			text = string([]rune(text)[:97]) + "..."
		}
		fmt.Fprintf(w, "%-8s %.2f  %s\n         %q\n", q.Kind, q.Confidence, who, text)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(w, "problem at %d-%d: %s\n", p.Start, p.End, p.Message)
	}
}
