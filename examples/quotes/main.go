// Command quotes prints the quotes of news articles and who said them.
//
//	quotes FILE|DIR...                                     readable text
//	quotes -output jsonl FILE|DIR... > out.jsonl           one JSON line per article
//	quotes -input jsonl -output jsonl < in.jsonl > out     one JSON line per input line
//	quotes -input html < page.html                         an HTML page from stdin
//	quotes -speakers DIR                                   quotes per speaker
//
// Install it with
//
//	go install github.com/whosaid/whosaid/examples/quotes@latest
//
// # Input
//
// Text input (-input text, the default) is articles: files, directories
// (searched recursively for *.txt, *.html and *.htm) or, with no argument or
// "-", stdin. Files named *.html or *.htm are HTML pages, the others plain
// text; with -input html every file, and stdin, is an HTML page (and
// directories give their *.html and *.htm files). JSON Lines input (-input
// jsonl) holds one object per line with "id" and "text"; other fields are
// ignored; it is read from the files or directories (*.jsonl) named, or from
// stdin.
//
// From an HTML page, the tool reads the article's text: the paragraphs,
// headings, list items, block quotes and divs, separated by blank lines,
// with character references (&ldquo; &rdquo; &amp; &nbsp; &#8217;) decoded
// and white space folded. It leaves out scripts, styles, the head,
// navigation, headers, footers, asides, forms, figure captions and any
// element whose class or id has the word caption, nav, navigation, menu,
// breadcrumb or sidebar (photo-caption, site_nav), whose role is
// navigation, menu, banner, contentinfo, complementary, search or caption,
// or which is hidden.
//
// # Records
//
// Every non-blank input line (or file) gives exactly one output record, in
// input order, with the same id. A line that is not valid JSON or has no
// text, or a file that cannot be read, gives {"id": ..., "error": "line N:
// ..."} and the run goes on; the exit status is then 1. A JSON Lines record
// with no id, or with the id of an earlier record, is reported on stderr
// ("quotes: line 3: duplicate id "a" (first at line 1)") and still gives
// its own output record: records are never merged, and these reports do not
// change the exit status. Output formats (-output): text (readable), json
// (one array), jsonl and csv (one row per quote).
//
// In JSON and JSON Lines output, a record is {"id", "quotes", "problems"};
// quotes and problems are as the attribution package writes them, with
// their spans ("start", "end" and those of "cue" and "speaker") as byte
// offsets into the article's text. For an HTML page that text is the
// extracted text, and each quote and problem also has an "html" object
// with the same spans as byte offsets into the page:
//
//	"html": {
//	  "start": 1072, "end": 1122,                 the quote (or problem)
//	  "cue": {"start": 1148, "end": 1152},        absent when the quote has no cue
//	  "speaker": {"start": 1136, "end": 1147,     absent when it has no speaker
//	              "source_start": 1130, "source_end": 1147}
//	}
//
// An HTML span runs from the first source byte of the span's first
// character to the last source byte of its last character, so a quote
// whose text is “too expensive by half” has the page span
// "too expensive&nbsp;by half": the page bytes with their character
// references decoded and white space folded give the quote's text. CSV
// output has the quote's page span in the html_start and html_end columns,
// empty for other inputs.
//
// # Speakers and progress
//
// With -speakers, the tool prints after the articles a table of the
// speakers with how many quotes each has, most first (then by name), with
// type, role and affiliation, and the number of quotes with no speaker: on
// stdout after the text output, and on stderr for json, jsonl and csv
// output, which stay as they are. Only quotes kept by -min-confidence are
// counted.
//
// A run over several inputs (JSON Lines, or more than one file) shows a
// progress bar on stderr when stderr is a terminal; -progress always or
// never overrides that.
//
// # Running
//
// Articles are processed by a pool of -workers goroutines and written in
// input order as they complete, with a bounded number in flight, so memory
// stays flat however long the input is. An interrupt (Ctrl-C) stops
// reading, writes what is done and exits with status 130. A write error
// (a closed pipe, a full disk) stops the run with a message and exit
// status 1.
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
	"os/signal"
	"runtime"
	"runtime/debug"
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
	// Each article allocates a few megabytes that die as soon as its record
	// is written; collecting at 4x the live heap instead of 2x halves the
	// garbage collector's work for about 30 MB more peak memory. GOGC in the
	// environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// With SIGPIPE handled, a write to a closed pipe fails with an error,
	// which run reports, rather than killing the process silently.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
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
	speakers      bool
	tagger        bool
	lstm          bool
	progress      string
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
	fs.StringVar(&o.input, "input", "text", "input format: text (articles: *.html and *.htm files are HTML pages, others plain text; directories give their *.txt, *.html and *.htm files), html (every file and stdin is an HTML page) or jsonl (one {\"id\", \"text\"} object per line; directories give their *.jsonl files)")
	fs.StringVar(&o.output, "output", "text", "output format: text, json, jsonl or csv")
	fs.BoolVar(&o.terms, "terms", false, "include scare quotes, titles and quoted terms (kind term)")
	fs.BoolVar(&o.lstm, "lstm", true, "let the statement tagger's LSTM scorer read the paragraphs (false: the perceptron alone, about three times as fast and less accurate)")
	fs.BoolVar(&o.tagger, "tagger", true, "add the reported statements the learned statement tagger finds where the rules find none (false: rules only, about twice as fast)")
	fs.Float64Var(&o.minConfidence, "min-confidence", 0, "leave out quotes whose confidence is below this value, in [0, 1]")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "number of articles processed at once")
	fs.BoolVar(&o.speakers, "speakers", false, "after the articles, print how many quotes each speaker has, with role and affiliation (on stdout for -output text, on stderr otherwise)")
	fs.StringVar(&o.progress, "progress", "auto", "progress bar on stderr for runs over several inputs: auto (when stderr is a terminal), always or never")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.paths = fs.Args()
	switch {
	case o.input != "text" && o.input != "html" && o.input != "jsonl":
		return o, fmt.Errorf("unknown -input %q (want text, html or jsonl)", o.input)
	case o.progress != "auto" && o.progress != "always" && o.progress != "never":
		return o, fmt.Errorf("unknown -progress %q (want auto, always or never)", o.progress)
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
	var bar *progress
	if showProgress(o, stderr) {
		bar = newProgress(stderr, countInputs(o), true)
	}
	// Messages during the run erase the bar first.
	msgs := clearingWriter{stderr, bar}
	bw := bufio.NewWriterSize(stdout, 64<<10)
	out, err := newWriter(o.output, bw, msgs)
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return exitUsage
	}
	opts := []attribution.Option{attribution.WithTerms(o.terms)}
	switch {
	case !o.tagger:
		opts = append(opts, attribution.WithTagger(nil))
	case !o.lstm:
		m, err := attribution.DefaultTagger()
		if err != nil {
			fmt.Fprintln(stderr, "quotes:", err)
			return exitFailed
		}
		opts = append(opts, attribution.WithTagger(m.WithoutLSTM()))
	}
	ex, err := attribution.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "quotes:", err)
		return exitFailed
	}

	produce := func(emit func(doc) bool) error {
		switch o.input {
		case "jsonl":
			return readJSONLFiles(o.paths, []string{".jsonl"}, stdin, emit)
		case "html":
			return readTextFiles(o.paths, htmlExts, true, stdin, emit)
		}
		return readTextFiles(o.paths, append([]string{".txt"}, htmlExts...), false, stdin, emit)
	}
	work := func(d doc) record {
		return extract(ctx, ex, d, o.minConfidence)
	}
	total, failed := 0, 0
	var tally *speakerTally
	if o.speakers {
		tally = newSpeakerTally()
	}
	ids := newIDChecker()
	consume := func(r record) error {
		total++
		if r.err != "" {
			failed++
		}
		if o.input == "jsonl" {
			if msg := ids.check(r); msg != "" {
				fmt.Fprintln(msgs, "quotes:", msg)
			}
		}
		if tally != nil {
			tally.add(r.quotes)
		}
		bar.add()
		return out.write(r)
	}
	err = ordered(ctx, o.workers, 4*o.workers, produce, work, consume)
	if err == nil {
		err = out.close()
	}
	bar.finish()
	if err == nil && tally != nil {
		if o.output == "text" {
			err = tally.write(bw)
		} else {
			tally.write(stderr)
		}
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
	r := record{id: d.id, err: d.err, at: d.at, noID: d.noID}
	if r.err != "" {
		return r
	}
	text := d.text
	if d.html {
		r.html = extractHTML(d.text)
		text = r.html.text
	}
	res, err := ex.Extract(ctx, text)
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

// showProgress reports whether the run shows a progress bar: for a batch
// run (JSON Lines, or several files) when -progress is always, or auto with
// stderr a terminal.
func showProgress(o options, stderr io.Writer) bool {
	switch {
	case o.progress == "never" || o.progress == "auto" && !isTerminal(stderr):
		return false
	case o.input == "jsonl":
		return true
	}
	return countInputs(o) > 1
}

// countInputs returns the number of articles the run will read, or -1 when
// it is not known in advance (JSON Lines).
func countInputs(o options) int {
	exts := append([]string{".txt"}, htmlExts...)
	switch o.input {
	case "jsonl":
		return -1
	case "html":
		exts = htmlExts
	}
	n := 0
	walkInputs(o.paths, exts, func(string, error) bool {
		n++
		return true
	})
	return n
}

// clearingWriter erases the progress bar before each write, so that
// messages do not run into it.
type clearingWriter struct {
	w   io.Writer
	bar *progress
}

func (c clearingWriter) Write(b []byte) (int, error) {
	c.bar.clear()
	return c.w.Write(b)
}

// idChecker finds JSON Lines records whose id is missing or was already
// seen.
type idChecker struct {
	// first maps each id, in a canonical JSON encoding, to where it was
	// first seen.
	first map[string]string
}

func newIDChecker() *idChecker { return &idChecker{first: make(map[string]string)} }

// check returns a message when r has no id or the id of an earlier record,
// or "" otherwise. Records that failed to parse are not checked: their
// error already tells.
func (c *idChecker) check(r record) string {
	if r.noID {
		return r.at + ": no id"
	}
	if string(r.id) == "null" {
		return ""
	}
	var v any
	key := string(r.id)
	if json.Unmarshal(r.id, &v) == nil {
		if b, err := json.Marshal(v); err == nil {
			key = string(b)
		}
	}
	if at, ok := c.first[key]; ok {
		return fmt.Sprintf("%s: duplicate id %s (first at %s)", r.at, r.id, at)
	}
	c.first[key] = r.at
	return ""
}
