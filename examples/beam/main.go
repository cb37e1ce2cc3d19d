// Command beam finds the quotes of news articles, and who said them, with an
// Apache Beam pipeline, so a large archive can be processed on Dataflow,
// Flink or Spark as well as on one machine.
//
//	beam --input 'in/*.jsonl' --output out.jsonl
//	beam --input gs://bucket/in/*.jsonl --output gs://bucket/out.jsonl \
//	    --runner dataflow --project P --region R --staging_location gs://bucket/staging
//
// The input is JSON Lines, read with textio: one object per line with "id"
// and "text"; other fields are ignored and blank lines are skipped. The
// output is JSON Lines in the layout of the command-line tool's -output
// jsonl (examples/quotes): one object per input line with the same id and
// either "quotes" and "problems", or "error" when the line is not a JSON
// object or has no "text". Unlike the tool, the error does not start with
// "line N: ", since Beam does not keep line numbers.
//
// Beam processes records in parallel and in no fixed order, so the output
// lines are not in input order; sort them by id when order matters.
//
// Each worker builds one attribution.Extractor, in the DoFn's Setup, and
// uses it for every record it processes; the Extractor is safe for
// concurrent use.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	// beamx registers the runners (prism, direct, dataflow, flink, spark)
	// and the local and gs:// file systems.
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/whosaid/whosaid/attribution"
)

var (
	input  = flag.String("input", "", "JSON Lines input: a file or glob, local or on a Beam file system (gs://...)")
	output = flag.String("output", "", "JSON Lines output file, local or on a Beam file system (gs://...)")
)

func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&extractFn{})
	register.Emitter1[string]()
}

func main() {
	flag.Parse()
	beam.Init()
	if *input == "" || *output == "" {
		fmt.Fprintln(os.Stderr, "usage: beam --input FILE|GLOB --output FILE [Beam runner flags]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	p := beam.NewPipeline()
	buildPipeline(p.Root(), *input, *output)
	if err := beamx.Run(context.Background(), p); err != nil {
		log.Fatalf("beam: %v", err)
	}
}

// buildPipeline adds to s the steps that read the JSON Lines in input, find
// the quotes of each record and write the results as JSON Lines to output.
func buildPipeline(s beam.Scope, input, output string) {
	lines := textio.Read(s, input)
	records := beam.ParDo(s, &extractFn{}, lines)
	textio.Write(s, output, records)
}

// extractFn turns one JSON Lines input record into one output record.
type extractFn struct {
	ex *attribution.Extractor
}

// Setup builds the worker's Extractor.
func (f *extractFn) Setup() error {
	ex, err := attribution.New()
	if err != nil {
		return fmt.Errorf("beam: %w", err)
	}
	f.ex = ex
	return nil
}

// ProcessElement emits the output record for line; blank lines give none.
// It fails only when ctx is done, so that the runner retries the bundle.
func (f *extractFn) ProcessElement(ctx context.Context, line string, emit func(string)) error {
	if len(bytes.TrimSpace([]byte(line))) == 0 {
		return nil
	}
	out, err := process(ctx, f.ex, line)
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

// process returns the output record for one input line, encoded as JSON
// without the final newline. Only a done ctx or an encoding failure gives
// an error; bad input gives a record with "error".
func process(ctx context.Context, ex *attribution.Extractor, line string) (string, error) {
	var in struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
	}
	if err := json.Unmarshal([]byte(line), &in); err != nil {
		return encode(failed{ID: jsonNull, Error: err.Error()})
	}
	if len(in.ID) == 0 {
		in.ID = jsonNull
	}
	if in.Text == nil {
		return encode(failed{ID: in.ID, Error: `no "text" field`})
	}
	res, err := ex.Extract(ctx, *in.Text)
	if err != nil {
		return "", fmt.Errorf("beam: record %s: %w", in.ID, err)
	}
	return encode(succeeded{ID: in.ID, Quotes: res.Quotes, Problems: res.Problems})
}

var jsonNull = json.RawMessage("null")

// succeeded is the output record of an article: its id, quotes and
// problems.
type succeeded struct {
	ID       json.RawMessage       `json:"id"`
	Quotes   []attribution.Quote   `json:"quotes"`
	Problems []attribution.Problem `json:"problems"`
}

// failed is the output record of an input line that could not be read.
type failed struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

// encode writes v as the command-line tool does: JSON with HTML characters
// left as they are, here without the final newline.
func encode(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("beam: %w", err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}
