package attribution

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// clustersGz lists English words with two word classes each, a coarse and
// a fine one, made by examples/wordclusters from the GloVe 6B vectors:
// words used alike fall in one class (lamented, decried, scoffed), so the
// statement tagger reads a rare speech verb as it reads a common one.
//
//go:embed data/clusters.txt.gz
var clustersGz []byte

// wordClass is a word's coarse and fine class.
type wordClass struct{ coarse, fine string }

// wordClasses returns the embedded word classes, decoded on first use.
var wordClasses = sync.OnceValues(func() (map[string]wordClass, error) {
	return readWordClasses(clustersGz)
})

// readWordClasses decodes a gzipped file of "word TAB coarse TAB fine"
// lines.
func readWordClasses(gz []byte) (map[string]wordClass, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	out := make(map[string]wordClass, 40000)
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || f[0] == "" {
			return nil, &classLineError{n}
		}
		for _, c := range f[1:] {
			if _, err := strconv.ParseUint(c, 10, 16); err != nil {
				return nil, &classLineError{n}
			}
		}
		out[f[0]] = wordClass{coarse: f[1], fine: f[2]}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, zr.Close()
}

// classLineError reports a malformed line of the word-class file.
type classLineError struct{ line int }

func (e *classLineError) Error() string {
	return "attribution: word classes: malformed line " + strconv.Itoa(e.line)
}

// Thresholds of a speech class: a fine class at least this share of whose
// words, and at least this many, are in the cue list.
const (
	speechClassShare = 0.25
	speechClassWords = 4
)

// speechClasses returns the fine word classes made largely of cue verbs
// (lamented, scoffed, decried, ...), found from the cue list, not from any
// annotation.
var speechClasses = sync.OnceValue(func() map[string]bool {
	classes, err := wordClasses()
	if err != nil {
		return nil
	}
	words, cues := map[string]int{}, map[string]int{}
	for w, c := range classes {
		words[c.fine]++
		if _, ok := lookupCue(w); ok {
			cues[c.fine]++
		}
	}
	out := map[string]bool{}
	for c, n := range cues {
		if n >= speechClassWords && float64(n) >= speechClassShare*float64(words[c]) {
			out[c] = true
		}
	}
	return out
})

// classCue returns a cue for a past or present verb outside the cue list
// (the tagger reads some past tenses as participles) whose word
// class is a speech class (retaliated, exhorted): for the one frame where a
// verb can only be a verb of saying, right after a quotation and ending
// its clause ("...," an angry Hollande retaliated).
func classCue(word string) (cueWord, bool) {
	w := strings.ToLower(word)
	classes, err := wordClasses()
	if err != nil {
		return cueWord{}, false
	}
	c, ok := classes[w]
	if !ok || !speechClasses()[c.fine] {
		return cueWord{}, false
	}
	return cueWord{Lemma: w, Class: Speech}, true
}
