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
