// Command quotes prints the quotes of news articles and who said them.
//
//	quotes FILE|DIR...                                     readable text
//	quotes -output jsonl FILE|DIR... > out.jsonl           one JSON line per article
//	quotes -input jsonl -output jsonl < in.jsonl > out     one JSON line per input line
//
// Text input is plain-text articles: files, directories (searched
// recursively for *.txt) or, with no argument or "-", stdin. JSON Lines
// input (-input jsonl) holds one object per line with "id" and "text";
// other fields are ignored; it is read from the files or directories
// (*.jsonl) named, or from stdin.
//
// Every non-blank input line (or file) gives exactly one output record, in
// input order, with the same id. A line that is not valid JSON or has no
// text, or a file that cannot be read, gives {"id": ..., "error": "line N:
// ..."} and the run goes on; the exit status is then 1. Output formats
// (-output): text (readable), json (one array), jsonl and csv (one row per
// quote).
//
// Articles are processed by a pool of -workers goroutines and written in
// input order as they complete, with a bounded number in flight, so memory
// stays flat however long the input is. An interrupt (Ctrl-C) stops
// reading, writes what is done and exits with status 130.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/whosaid/whosaid/attribution"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1 // an input failed, or an I/O error
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the command-line settings.
type options struct {
	input         string
	output        string
	terms         bool
	minConfidence float64
	workers       int
	paths         []string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: quotes [flags] [FILE|DIR|-]...")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.input, "input", "text", "input format: text (plain-text articles; directories give their *.txt files) or jsonl (one {\"id\", \"text\"} object per line; directories give their *.jsonl files)")
	fs.StringVar(&o.output, "output", "text", "output format: text, json, jsonl or csv")
	fs.BoolVar(&o.terms, "terms", false, "include scare quotes, titles and quoted terms (kind term)")
	fs.Float64Var(&o.minConfidence, "min-confidence", 0, "leave out quotes whose confidence is below this value, in [0, 1]")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "number of articles processed at once")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.paths = fs.Args()
	switch {
	case o.input != "text" && o.input != "jsonl":
		return o, fmt.Errorf("unknown -input %q (want text or jsonl)", o.input)
	case o.workers < 1:
		return o, fmt.Errorf("-workers must be at least 1, not %d", o.workers)
	case o.minConfidence < 0 || o.minConfidence > 1:
		return o, fmt.Errorf("-min-confidence must be in [0, 1], not %v", o.minConfidence)
	}
	return o, nil
}

// run is the whole command with its inputs and outputs passed in; it
// returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return exitUsage
	}
	bw := bufio.NewWriterSize(stdout, 64<<10)
	out, err := newWriter(o.output, bw, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return exitUsage
	}
	ex, err := attribution.New(attribution.WithTerms(o.terms))
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return exitFailed
	}

	produce := func(emit func(doc) bool) error {
		if o.input == "jsonl" {
			return readJSONLFiles(o.paths, ".jsonl", stdin, emit)
		}
		return readTextFiles(o.paths, ".txt", stdin, emit)
	}
	work := func(d doc) record {
		return extract(ctx, ex, d, o.minConfidence)
	}
	total, failed := 0, 0
	consume := func(r record) error {
		total++
		if r.err != "" {
			failed++
		}
		return out.write(r)
	}
	err = ordered(ctx, o.workers, 4*o.workers, produce, work, consume)
	if err == nil {
		err = out.close()
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "quotes: %d of %d inputs failed\n", failed, total)
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "quotes: interrupted after %d inputs\n", total)
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(stderr, "quotes:", err)
		return exitFailed
	case failed > 0:
		return exitFailed
	}
	return exitOK
}

// extract runs ex over d and keeps the quotes whose confidence is at least
// minConfidence.
func extract(ctx context.Context, ex *attribution.Extractor, d doc, minConfidence float64) record {
	r := record{id: d.id, err: d.err}
	if r.err != "" {
		return r
	}
	res, err := ex.Extract(ctx, d.text)
	if err != nil {
		r.err = d.at + ": " + err.Error()
		return r
	}
	r.quotes, r.problems = res.Quotes, res.Problems
	if minConfidence > 0 {
		kept := r.quotes[:0:0]
		for _, q := range r.quotes {
			if q.Confidence >= minConfidence {
				kept = append(kept, q)
			}
		}
		r.quotes = kept
	}
	return r
}
