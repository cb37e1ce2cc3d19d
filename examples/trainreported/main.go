// Command trainreported trains the statement tagger that package
// attribution embeds (attribution/data/tagger.bin.gz).
//
//	go run ./examples/trainreported -train ../shared/eval/polnear.train.jsonl
//	go run ./examples/trainreported -train GOLD.jsonl -out "" -cv-out cv.jsonl -fold-dir /tmp/folds
//
// It reads annotated articles (JSON Lines: id, text, and quotes with the
// content's start and end, cue_spans and speaker_spans as byte offsets),
// trains an averaged-perceptron tagger, and the boundary ranker that moves
// its clauses' boundaries, on all of them and writes the model to -out.
// The ranker learns from the rules' clauses and, with -cross-fit N (3 by
// default; 0 for none), from the tagger's own clauses too, each article's
// tagged by one of N taggers trained without it. With -cv-out it first measures the tagger by k-fold
// cross-validation by document, with the folds calibrate draws from the
// same -seed: each fold's articles are extracted with a tagger trained on
// the other folds, and the output is written for score.py. -fold-dir keeps
// the fold models, for calibrate's -tagger-dir, with folds.json recording
// the folds, seed and number of articles they were dealt from.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/whosaid/whosaid/attribution"
	"github.com/whosaid/whosaid/entities"
	"github.com/whosaid/whosaid/internal/folds"
	"github.com/whosaid/whosaid/internal/jsonl"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// gold is one annotated article.
type gold struct {
	ID     json.RawMessage `json:"id"`
	Text   string          `json:"text"`
	Quotes []struct {
		Start        int      `json:"start"`
		End          int      `json:"end"`
		CueSpans     [][2]int `json:"cue_spans"`
		SpeakerSpans [][2]int `json:"speaker_spans"`
	} `json:"quotes"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trainreported", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "annotated articles (JSON Lines)")
	out := fs.String("out", "attribution/data/tagger.bin.gz", "write the model trained on every article here (\"\" for none)")
	cvOut := fs.String("cv-out", "", "write the cross-validated system output (JSON Lines) here")
	foldDir := fs.String("fold-dir", "", "with -cv-out, keep the fold models here as fold-K.bin.gz")
	folds := fs.Int("folds", 5, "cross-validation folds")
	seed := fs.Uint64("seed", 1, "seed of the fold assignment and of the training order")
	epochs := fs.Int("epochs", 12, "training passes")
	minUpdates := fs.Int("min-updates", 30, "drop the features updated in fewer training steps")
	lstm := fs.Bool("lstm", false, "also train the LSTM scorer")
	lstmHidden := fs.Int("lstm-hidden", 32, "the LSTM's state size per direction")
	lstmEpochs := fs.Int("lstm-epochs", 6, "the LSTM's training passes")
	lstmSeed := fs.Uint64("lstm-seed", 0, "the LSTM's seed (0: -seed)")
	lstmWeight := fs.Float64("lstm-weight", 4, "the factor of the LSTM's log-probabilities in decoding")
	baseDir := fs.String("base-dir", "", "with -lstm: keep the perceptron of the fold models in this directory and of -base, and train only the LSTM")
	base := fs.String("base", "", "with -lstm and -out: the model whose perceptron is kept")
	crossFit := fs.Int("cross-fit", 3, "also train the boundary ranker on the tagger's own clauses, tagged by taggers trained on the other parts of this many (0: none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" || fs.NArg() > 0 || *folds < 2 {
		fmt.Fprintln(stderr, "usage: trainreported -train GOLD.jsonl [-out FILE] [-cv-out FILE] [-fold-dir DIR] [-folds 5] [-seed 1] [-epochs 8]")
		return 2
	}
	opts := attribution.TaggerTraining{Epochs: *epochs, Seed: *seed, MinUpdates: *minUpdates, CrossFit: *crossFit}
	if *lstm {
		opts.LSTM = &attribution.LSTMTraining{Hidden: *lstmHidden, Epochs: *lstmEpochs, Weight: *lstmWeight, Seed: *lstmSeed, Progress: stderr}
	}
	if err := train1(*train, *out, *cvOut, *foldDir, *folds, *seed, opts, *baseDir, *base, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "trainreported:", err)
		return 1
	}
	return 0
}

func train1(path, out, cvOut, foldDir string, k int, seed uint64, opts attribution.TaggerTraining, baseDir, base string, stdout, stderr io.Writer) error {
	golds, err := jsonl.ReadFile[gold](path, 0)
	if err != nil {
		return err
	}
	docs := make([]attribution.TrainingDoc, len(golds))
	for i, g := range golds {
		docs[i] = trainingDoc(g)
	}
	ex, err := attribution.New(attribution.WithTagger(nil))
	if err != nil {
		return err
	}
	ctx := context.Background()
	if cvOut != "" {
		fold := assignFolds(golds, k, seed)
		models := make([]*attribution.TaggerModel, k)
		errs := make([]error, k)
		var wg sync.WaitGroup
		start := time.Now()
		for f := range k {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var part []attribution.TrainingDoc
				for i, d := range docs {
					if fold[i] != f {
						part = append(part, d)
					}
				}
				o := opts
				if baseDir != "" {
					if o.Base, errs[f] = readModel(filepath.Join(baseDir, fmt.Sprintf("fold-%d.bin.gz", f))); errs[f] != nil {
						return
					}
				}
				models[f], errs[f] = ex.TrainTagger(ctx, part, o)
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "trainreported: %d fold models in %.0f s\n", k, time.Since(start).Seconds())
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		exs := make([]*attribution.Extractor, k)
		if foldDir != "" {
			if err := os.MkdirAll(foldDir, 0o755); err != nil {
				return err
			}
			// calibrate -tagger-dir checks that it deals the same folds.
			info, err := json.Marshal(struct {
				Folds int    `json:"folds"`
				Seed  uint64 `json:"seed"`
				Docs  int    `json:"documents"`
			}{k, seed, len(golds)})
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(foldDir, "folds.json"), append(info, '\n'), 0o644); err != nil {
				return err
			}
		}
		for f, m := range models {
			if exs[f], err = attribution.New(attribution.WithTagger(m)); err != nil {
				return err
			}
			if foldDir != "" {
				if err := writeModel(filepath.Join(foldDir, fmt.Sprintf("fold-%d.bin.gz", f)), m); err != nil {
					return err
				}
			}
		}
		for i, g := range golds {
			res, err := exs[fold[i]].Extract(ctx, g.Text)
			if err != nil {
				return err
			}
			type outQuote struct {
				attribution.Quote
				Features []attribution.Feature `json:"features"`
			}
			qs := make([]outQuote, len(res.Quotes))
			for qi, q := range res.Quotes {
				qs[qi] = outQuote{q, q.Evidence}
			}
			if err := enc.Encode(struct {
				ID     json.RawMessage `json:"id"`
				Quotes []outQuote      `json:"quotes"`
			}{g.ID, qs}); err != nil {
				return err
			}
		}
		if err := os.WriteFile(cvOut, b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "cross-validated output (%d folds, seed %d) written to %s\n", k, seed, cvOut)
	}
	if out == "" {
		return nil
	}
	start := time.Now()
	if base != "" {
		if opts.Base, err = readModel(base); err != nil {
			return err
		}
	}
	m, err := ex.TrainTagger(ctx, docs, opts)
	if err != nil {
		return err
	}
	if err := writeModel(out, m); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "model trained on %d articles in %.0f s, written to %s\n", len(docs), time.Since(start).Seconds(), out)
	return nil
}

// trainingDoc turns a gold row into training input: one attribution per
// annotated content piece.
func trainingDoc(g gold) attribution.TrainingDoc {
	d := attribution.TrainingDoc{Text: g.Text}
	spans := func(ps [][2]int) []entities.Span {
		var out []entities.Span
		for _, p := range ps {
			if p[0] >= 0 && p[1] > p[0] && p[1] <= len(g.Text) {
				out = append(out, entities.Span{Start: p[0], End: p[1]})
			}
		}
		return out
	}
	for _, q := range g.Quotes {
		a := attribution.TrainingAttribution{Cue: spans(q.CueSpans), Source: spans(q.SpeakerSpans)}
		a.Content = spans([][2]int{{q.Start, q.End}})
		d.Attributions = append(d.Attributions, a)
	}
	return d
}

func readModel(path string) (*attribution.TaggerModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return attribution.ReadTaggerModel(f)
}

func writeModel(path string, m *attribution.TaggerModel) error {
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// assignFolds gives each article a fold, as examples/calibrate does
// (package folds).
func assignFolds(golds []gold, k int, seed uint64) []int {
	ids := make([][]byte, len(golds))
	for i, g := range golds {
		ids[i] = g.ID
	}
	return folds.Assign(ids, k, seed)
}
