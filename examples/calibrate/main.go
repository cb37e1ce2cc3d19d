// Command calibrate fits the confidence model of package attribution.
//
//	go run ./examples/calibrate -train ../shared/eval/polnear.train.jsonl
//	go run ./examples/calibrate -train GOLD.jsonl -cv-out cv.jsonl -out ""
//
// It runs the extractor over the annotated articles (the embedded weights
// play no part: only the features are used), judges every quote of the
// default output as ../shared/eval/score.py does (a quote is right when its
// span matches a gold quote and its speaker is acceptable; quotes the
// scorer ignores are not examples), and fits an L2-regularised logistic
// regression over [attribution.Features] by Newton's method. Quotes of kind
// term, which only WithTerms(true) outputs, are fitted on too (labelled in
// that output) but not measured.
//
// It reports k-fold cross-validation by document (fit on k-1 folds, score
// the last): ECE over 10 bins and Brier score as score.py computes them,
// precision and kept share of the quoted-group quotes (direct and partial)
// with confidence ≥ 0.9, and a reliability table. Then it fits on every
// article and writes the weights the library embeds
// (attribution/data/weights.json), with the cross-validated figures under
// "fit".
//
// -tagger-dir DIR extracts each article with the statement tagger trained
// without the article's fold (DIR/fold-K.bin.gz, written by
// examples/trainreported -fold-dir with the same -folds and -seed), so
// that the weights fit the tagger's held-out quality rather than its fit
// to the articles it learned from.
//
// -cv-out writes the system output with each article scored by the model
// fitted without its fold, for score.py. -save-examples and -examples keep
// the labelled examples in a file, to refit without running the extractor
// again. -sweep compares L2 penalties; -platt adds Platt scaling fitted on
// inner folds. Folds are drawn from -seed; the result depends only on the
// input and the flags.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/internal/folds"
	"github.com/whosaid/whosaid/internal/jsonl"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command-line flags.
type options struct {
	train, out, cvOut  string
	saveExamples, load string
	folds, minCount    int
	seed               uint64
	l2                 float64
	platt              bool
	sweep              string
	limit, workers     int
	taggerDir          string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.train, "train", "", "annotated articles (JSON Lines with id, text, quotes)")
	fs.StringVar(&o.out, "out", "attribution/data/weights.json", `weights file to write ("" to write none)`)
	fs.StringVar(&o.cvOut, "cv-out", "", "write the cross-validated system output (JSON Lines) here")
	fs.StringVar(&o.saveExamples, "save-examples", "", "save the labelled examples here")
	fs.StringVar(&o.load, "examples", "", "read labelled examples saved by -save-examples instead of running the extractor")
	fs.IntVar(&o.folds, "folds", 5, "cross-validation folds")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the fold assignment")
	fs.Float64Var(&o.l2, "l2", 2, "L2 penalty on the weights")
	fs.IntVar(&o.minCount, "min-count", 5, "features seen in fewer training examples get no weight")
	fs.BoolVar(&o.platt, "platt", false, "rescale the logit by Platt scaling fitted on inner cross-validation")
	fs.StringVar(&o.sweep, "sweep", "", "comma-separated L2 penalties to compare by cross-validation")
	fs.IntVar(&o.limit, "limit", 0, "use only the first N articles (0: all)")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "articles extracted in parallel")
	fs.StringVar(&o.taggerDir, "tagger-dir", "", "extract each article with the statement tagger trained without its fold (fold-K.bin.gz, written by trainreported -fold-dir with the same -folds and -seed)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || (o.train == "") == (o.load == "") || o.folds < 2 || o.l2 < 0 || o.workers < 1 || (o.taggerDir != "" && o.limit > 0) {
		fmt.Fprintln(stderr, "usage: calibrate (-train GOLD.jsonl | -examples FILE) [-folds 5] [-seed 1] [-l2 2] [-out FILE] [-cv-out FILE]")
		return 2
	}
	if err := calibrate(o, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "calibrate:", err)
		return 1
	}
	return 0
}

// document is one article's system quotes, labelled.
type document struct {
	ID json.RawMessage `json:"id"`
	// Quotes are the extractor's default output.
	Quotes []labelled `json:"quotes"`
	// Terms are the quotes of kind term that WithTerms(true) adds, labelled
	// in that output. They are fitted on, so that a term gets the low
	// confidence it deserves, but not measured: the default output leaves
	// them out.
	Terms []labelled `json:"terms,omitempty"`
}

// labelled is a system quote with its features and the scorer's verdict.
type labelled struct {
	Out      outQuote              `json:"out"`
	Features []attribution.Feature `json:"features"`
	Status   status                `json:"status"`
	Quoted   bool                  `json:"quoted"`
}

// outQuote is a quote as the command-line tool writes it, kept to write
// the cross-validated output.
type outQuote struct {
	Start      int             `json:"start"`
	End        int             `json:"end"`
	Text       string          `json:"text"`
	Kind       string          `json:"kind"`
	Group      int             `json:"group"`
	Cue        json.RawMessage `json:"cue"`
	Speaker    json.RawMessage `json:"speaker"`
	Confidence float64         `json:"confidence"`
	Sieve      string          `json:"sieve,omitempty"`
}

func calibrate(o options, stdout, stderr io.Writer) error {
	var docs []document
	var err error
	if o.load != "" {
		docs, err = loadExamples(o.load)
	} else {
		docs, err = extractAll(o, stderr)
	}
	if err != nil {
		return err
	}
	if o.limit > 0 && len(docs) > o.limit {
		docs = docs[:o.limit]
	}
	if o.saveExamples != "" {
		if err := saveExamples(o.saveExamples, docs); err != nil {
			return err
		}
	}
	describe(stdout, docs)
	fold := assignFolds(docs, o.folds, o.seed)

	if o.sweep != "" {
		fmt.Fprintf(stdout, "\nL2 sweep (%d-fold cross-validation):\n", o.folds)
		for _, f := range strings.Split(o.sweep, ",") {
			l2, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				return fmt.Errorf("-sweep: %w", err)
			}
			so := o
			so.l2 = l2
			cv, err := crossValidate(docs, fold, so)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "l2 %-6g %s\n", l2, cv.pooled.summary())
		}
	}

	cv, err := crossValidate(docs, fold, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d-fold cross-validation by document (seed %d, l2 %g, min count %d, platt %t):\n", o.folds, o.seed, o.l2, o.minCount, o.platt)
	for k, m := range cv.folds {
		fmt.Fprintf(stdout, "fold %d  %s\n", k, m.summary())
	}
	fmt.Fprintf(stdout, "pooled  %s\n", cv.pooled.summary())
	if t := cv.terms; t.N > 0 {
		fmt.Fprintf(stdout, "terms (not in the default output): n %d, mean confidence %.4f, share right %.4f\n", t.N, t.mean(), t.shareRight())
	}
	fmt.Fprintf(stdout, "\nreliability of the held-out confidences:\n")
	cv.pooled.writeReliability(stdout)

	if o.cvOut != "" {
		if err := writeOutput(o.cvOut, docs, cv.probs); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\ncross-validated system output written to %s\n", o.cvOut)
	}

	m, err := fitModel(examples(docs, nil, true), o)
	if err != nil {
		return err
	}
	exs := examples(docs, nil, false)
	var all []scored
	for _, ex := range exs {
		all = append(all, scored{m.prob(ex.Features), ex.Right, ex.Quoted})
	}
	fmt.Fprintf(stdout, "\nfit on all %d examples: %d weights; in-sample %s\n", len(exs), len(m.Weights), measure(all).summary())
	if o.out == "" {
		return nil
	}
	source := filepath.Base(o.train)
	if o.train == "" {
		source = filepath.Base(o.load)
	}
	if err := writeWeights(o.out, m, fitInfo{
		Source: source, Documents: len(docs), Examples: len(exs), Right: countRight(exs),
		L2: o.l2, Platt: o.platt, MinCount: o.minCount, Folds: o.folds, Seed: o.seed, Features: len(m.Weights), CV: cv.pooled,
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "weights written to %s\n", o.out)
	return nil
}

// extractAll reads the gold articles, runs the extractor over them and
// labels its quotes. The articles are extracted in parallel; the result is
// in input order.
func extractAll(o options, stderr io.Writer) ([]document, error) {
	type gold struct {
		ID     json.RawMessage `json:"id"`
		Text   string          `json:"text"`
		Quotes []goldQuote     `json:"quotes"`
	}
	golds, err := jsonl.ReadFile[gold](o.train, o.limit)
	if err != nil {
		return nil, err
	}
	// One extractor pair per fold: with -tagger-dir each fold's articles
	// get the tagger trained without them, so that the confidence model
	// sees the tagger's held-out quality, not its fit.
	fold := make([]int, len(golds))
	nex := 1
	if o.taggerDir != "" {
		if err := checkFoldInfo(o, len(golds)); err != nil {
			return nil, err
		}
		ids := make([]document, len(golds))
		for i, g := range golds {
			ids[i].ID = g.ID
		}
		fold, nex = assignFolds(ids, o.folds, o.seed), o.folds
	}
	exs, withTermss := make([]*attribution.Extractor, nex), make([]*attribution.Extractor, nex)
	for k := range nex {
		var opts []attribution.Option
		if o.taggerDir != "" {
			m, err := readTagger(filepath.Join(o.taggerDir, fmt.Sprintf("fold-%d.bin.gz", k)))
			if err != nil {
				return nil, err
			}
			opts = append(opts, attribution.WithTagger(m))
		}
		var err error
		if exs[k], err = attribution.New(opts...); err != nil {
			return nil, err
		}
		if withTermss[k], err = attribution.New(append(opts, attribution.WithTerms(true))...); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	docs := make([]document, len(golds))
	errs := make([]error, len(golds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], errs[i] = labelDocument(exs[fold[i]], withTermss[fold[i]], golds[i].ID, golds[i].Text, golds[i].Quotes)
			}
		}()
	}
	for i := range golds {
		next <- i
		if (i+1)%100 == 0 {
			fmt.Fprintf(stderr, "calibrate: %d/%d articles, %.0f s\n", i+1, len(golds), time.Since(start).Seconds())
		}
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "calibrate: extracted %d articles in %.1f s\n", len(golds), time.Since(start).Seconds())
	return docs, nil
}

// checkFoldInfo checks that the fold models in o.taggerDir were trained
// on folds dealt as this run deals them: the same number of folds, seed
// and articles (folds.json, written by trainreported -fold-dir).
func checkFoldInfo(o options, docs int) error {
	b, err := os.ReadFile(filepath.Join(o.taggerDir, "folds.json"))
	if err != nil {
		return err
	}
	var info struct {
		Folds int    `json:"folds"`
		Seed  uint64 `json:"seed"`
		Docs  int    `json:"documents"`
	}
	if err := json.Unmarshal(b, &info); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(o.taggerDir, "folds.json"), err)
	}
	if info.Folds != o.folds || info.Seed != o.seed || info.Docs != docs {
		return fmt.Errorf("fold models in %s were trained on %d folds, seed %d, %d articles; this run deals %d folds, seed %d, %d articles",
			o.taggerDir, info.Folds, info.Seed, info.Docs, o.folds, o.seed, docs)
	}
	return nil
}

// readTagger reads a statement tagger model file.
func readTagger(path string) (*attribution.TaggerModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return attribution.ReadTaggerModel(bufio.NewReader(f))
}

// labelDocument extracts the quotes of one article, by default and with
// terms, and labels them.
func labelDocument(ex, withTerms *attribution.Extractor, id json.RawMessage, text string, golds []goldQuote) (document, error) {
	res, err := ex.Extract(context.Background(), text)
	if err != nil {
		return document{}, err
	}
	d := document{ID: id}
	if d.Quotes, err = labelAll(text, golds, res.Quotes, false); err != nil {
		return document{}, err
	}
	if res, err = withTerms.Extract(context.Background(), text); err != nil {
		return document{}, err
	}
	if d.Terms, err = labelAll(text, golds, res.Quotes, true); err != nil {
		return document{}, err
	}
	return d, nil
}

// labelAll labels quotes as the scorer would see them, and returns them
// all, or with onlyTerms those of kind term.
func labelAll(text string, golds []goldQuote, quotes []attribution.Quote, onlyTerms bool) ([]labelled, error) {
	st := label(text, golds, quotes)
	var out []labelled
	for i, q := range quotes {
		if onlyTerms && q.Kind != attribution.Term {
			continue
		}
		b, err := json.Marshal(q)
		if err != nil {
			return nil, err
		}
		var oq outQuote
		if err := json.Unmarshal(b, &oq); err != nil {
			return nil, err
		}
		out = append(out, labelled{Out: oq, Features: attribution.Features(q), Status: st[i], Quoted: quotedGroup(q)})
	}
	return out, nil
}

// examples lists the quotes of the default output that the scorer counts,
// in document order, and with terms the counted terms too, skipping the
// documents for which skip (if not nil) is true.
func examples(docs []document, skip func(doc int) bool, terms bool) []example {
	var exs []example
	for di, d := range docs {
		if skip != nil && skip(di) {
			continue
		}
		lists := [][]labelled{d.Quotes}
		if terms {
			lists = append(lists, d.Terms)
		}
		for _, l := range lists {
			for _, q := range l {
				if q.Status != ignored {
					exs = append(exs, example{Doc: di, Features: q.Features, Right: q.Status == right, Quoted: q.Quoted})
				}
			}
		}
	}
	return exs
}

func countRight(exs []example) int {
	n := 0
	for _, ex := range exs {
		if ex.Right {
			n++
		}
	}
	return n
}

// describe prints what the examples hold.
func describe(w io.Writer, docs []document) {
	exs := examples(docs, nil, false)
	quotes, quoted, quotedRight, terms, termsRight := 0, 0, 0, 0, 0
	for _, d := range docs {
		quotes += len(d.Quotes)
		for _, q := range d.Terms {
			if q.Status != ignored {
				terms++
				if q.Status == right {
					termsRight++
				}
			}
		}
	}
	for _, ex := range exs {
		if ex.Quoted {
			quoted++
			if ex.Right {
				quotedRight++
			}
		}
	}
	r := countRight(exs)
	fmt.Fprintf(w, "%d articles, %d system quotes, %d ignored by the scorer, %d examples (%d right, %.3f)\n",
		len(docs), quotes, quotes-len(exs), len(exs), r, float64(r)/math.Max(1, float64(len(exs))))
	fmt.Fprintf(w, "quoted group: %d examples (%d right); reported group: %d examples (%d right)\n",
		quoted, quotedRight, len(exs)-quoted, r-quotedRight)
	fmt.Fprintf(w, "terms (fitted on, not measured): %d examples (%d right)\n", terms, termsRight)
}

// assignFolds gives each document a fold, as examples/trainreported does
// (package folds).
func assignFolds(docs []document, k int, seed uint64) []int {
	ids := make([][]byte, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return folds.Assign(ids, k, seed)
}

// cvResult holds the held-out figures and, per document and quote, the
// confidence from the model fitted without the document's fold.
type cvResult struct {
	folds  []metrics
	pooled metrics
	// terms are the figures of the counted terms, held out likewise.
	terms metrics
	probs [][]float64
}

// crossValidate fits one model per fold on the other folds and scores the
// fold's documents with it.
func crossValidate(docs []document, fold []int, o options) (cvResult, error) {
	k := o.folds
	res := cvResult{folds: make([]metrics, k), probs: make([][]float64, len(docs))}
	var pooled, terms []scored
	for f := range k {
		train := examples(docs, func(di int) bool { return fold[di] == f }, true)
		m, err := fitModel(train, o)
		if err != nil {
			return res, fmt.Errorf("fold %d: %w", f, err)
		}
		var held []scored
		for di, d := range docs {
			if fold[di] != f {
				continue
			}
			res.probs[di] = make([]float64, len(d.Quotes))
			for qi, q := range d.Quotes {
				p := m.prob(q.Features)
				res.probs[di][qi] = p
				if q.Status != ignored {
					held = append(held, scored{p, q.Status == right, q.Quoted})
				}
			}
		}
		res.folds[f] = measure(held)
		pooled = append(pooled, held...)
		for di, d := range docs {
			for _, q := range d.Terms {
				if fold[di] == f && q.Status != ignored {
					terms = append(terms, scored{m.prob(q.Features), q.Status == right, false})
				}
			}
		}
	}
	res.pooled = measure(pooled)
	res.terms = measure(terms)
	return res, nil
}

// fitModel fits the logistic model to exs and, with -platt, rescales it:
// the logits of exs are taken from models fitted on the other inner folds
// (by document), a one-feature logistic regression maps them to
// probabilities, P = sigmoid(a·z + b), and a and b are folded into the
// weights, so the library still computes one logistic.
func fitModel(exs []example, o options) (*logistic, error) {
	m, err := fitLogistic(exs, o.l2, o.minCount)
	if err != nil || !o.platt {
		return m, err
	}
	inner := innerFolds(exs, o.folds, o.seed)
	held := make([]example, len(exs))
	for f := range o.folds {
		var train []example
		for i, ex := range exs {
			if inner[i] != f {
				train = append(train, ex)
			}
		}
		if len(train) == 0 {
			continue
		}
		im, err := fitLogistic(train, o.l2, o.minCount)
		if err != nil {
			return nil, err
		}
		for i, ex := range exs {
			if inner[i] == f {
				held[i] = example{Features: []attribution.Feature{{Name: "z", Value: im.logit(ex.Features)}}, Right: ex.Right}
			}
		}
	}
	scale, err := fitLogistic(held, 0, 1)
	if err != nil {
		return nil, err
	}
	a, b := scale.Weights["z"], scale.Intercept
	for n := range m.Weights {
		m.Weights[n] *= a
	}
	m.Intercept = a*m.Intercept + b
	return m, nil
}

// innerFolds gives each example the fold of its document: documents are
// ordered by a hash of the seed and their index, then dealt out in turn.
func innerFolds(exs []example, k int, seed uint64) []int {
	var docs []document
	index := map[int]int{}
	for _, ex := range exs {
		if _, ok := index[ex.Doc]; !ok {
			index[ex.Doc] = len(docs)
			docs = append(docs, document{ID: json.RawMessage(strconv.Itoa(ex.Doc))})
		}
	}
	byDoc := assignFolds(docs, k, seed+1)
	fold := make([]int, len(exs))
	for i, ex := range exs {
		fold[i] = byDoc[index[ex.Doc]]
	}
	return fold
}

// writeOutput writes the system output of every document, quotes carrying
// the cross-validated confidence, one JSON line per document.
func writeOutput(path string, docs []document, probs [][]float64) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for di, d := range docs {
		quotes := make([]outQuote, len(d.Quotes))
		for qi, q := range d.Quotes {
			quotes[qi] = q.Out
			quotes[qi].Confidence = probs[di][qi]
		}
		rec := struct {
			ID     json.RawMessage `json:"id"`
			Quotes []outQuote      `json:"quotes"`
		}{d.ID, quotes}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// fitInfo records how a weights file was made.
type fitInfo struct {
	Source    string  `json:"source"`
	Documents int     `json:"documents"`
	Examples  int     `json:"examples"`
	Right     int     `json:"right"`
	L2        float64 `json:"l2"`
	Platt     bool    `json:"platt"`
	MinCount  int     `json:"min_count"`
	Folds     int     `json:"folds"`
	Seed      uint64  `json:"seed"`
	Features  int     `json:"features"`
	CV        metrics `json:"cv"`
}

// writeWeights writes the model in the layout attribution embeds, weights
// rounded to six decimals, keys sorted.
func writeWeights(path string, m *logistic, info fitInfo) error {
	round := func(x float64) float64 { return math.Round(x*1e6) / 1e6 }
	ws := make(map[string]float64, len(m.Weights))
	for n, w := range m.Weights {
		ws[n] = round(w)
	}
	info.CV.ECE, info.CV.Brier, info.CV.LogLoss = round(info.CV.ECE), round(info.CV.Brier), round(info.CV.LogLoss)
	info.CV.Precision, info.CV.Keep = round(info.CV.Precision), round(info.CV.Keep)
	for b := range info.CV.Bins {
		info.CV.Bins[b].Conf, info.CV.Bins[b].Right = round(info.CV.Bins[b].Conf), round(info.CV.Bins[b].Right)
	}
	b, err := json.MarshalIndent(struct {
		Intercept float64            `json:"intercept"`
		Weights   map[string]float64 `json:"weights"`
		Fit       fitInfo            `json:"fit"`
	}{round(m.Intercept), ws, info}, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// saveExamples writes the labelled documents as JSON Lines.
func saveExamples(path string, docs []document) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// loadExamples reads a file written by saveExamples.
func loadExamples(path string) ([]document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var docs []document
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var d document
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			return docs, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		docs = append(docs, d)
	}
}
