package attribution

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/entities"
)

// The statement tagger is a learned complement to the reported-speech
// rules. It labels each token of a paragraph as outside any attribution,
// the first or a later token of a statement's content, part of a cue, or
// part of a source, choosing the best label sequence by Viterbi decoding
// over pairs of labels (a second-order model). Its features are the local
// words and part-of-speech tags, the two labels before, whether the token
// is inside a quotation, the nearest cue words of the sentence, the last
// verb, the entity mentions and the sentence's shape; proper nouns and
// numbers are seen only by their shape, so that the model learns
// constructions and not the names of one corpus's stories. It is an
// averaged structured perceptron (Collins 2002), trained by
// [Extractor.TrainTagger] on annotated articles.
//
// The extractor uses it to fill gaps: a content span the tagger finds
// where the rules found nothing becomes an Indirect or Mixed quote when the
// tagger also marks its cue, and unless the cue is impersonal its source,
// in the same sentence.

// tagLabel is one token's label.
type tagLabel uint8

const (
	tagOut tagLabel = iota
	tagBegin
	tagInside
	tagCue
	tagSource
	numTags
)

var tagNames = [numTags]string{"O", "B", "I", "C", "S"}

// TaggerModel is a trained statement tagger, with the weights of the
// boundary ranker that refines its clauses' boundaries. It is read-only
// once built and safe for concurrent use.
type TaggerModel struct {
	table featTable    // the weights of every feature
	lstms []*lstmModel // the LSTM scorers, whose scores add up; none for the perceptron alone
}

// WithoutLSTM returns the model without its LSTM scorers, if it has any:
// the perceptron alone labels the tokens. Extraction is faster and less
// accurate (see the README's figures).
func (m *TaggerModel) WithoutLSTM() *TaggerModel {
	return &TaggerModel{table: m.table}
}

// maxLSTMs bounds the LSTM scorers a model may hold.
const maxLSTMs = 8

// newTaggerModel returns the model with these features, whose keys are
// distinct.
func newTaggerModel(features []featSlot) *TaggerModel {
	return &TaggerModel{table: newFeatTable(features)}
}

// featTable is an open-addressing hash table from feature keys to
// weights. The keys are hashes already, so a multiplicative spread picks
// the slot, and a key sits beside its weights so that a lookup touches one
// cache line; it is several times faster than a Go map on this workload.
type featTable struct {
	slots []featSlot // a slot's key is the feature key + 1, or 0 when empty
	shift uint
	n     int // the features held
}

// featSlot is a feature key and its weights.
type featSlot struct {
	key uint32
	w   [numTags]float32
}

// newFeatTable returns the table of features, whose keys are distinct.
func newFeatTable(features []featSlot) featTable {
	size, shift := 16, uint(28)
	for size < 2*len(features) {
		size *= 2
		shift--
	}
	t := featTable{slots: make([]featSlot, size), shift: shift, n: len(features)}
	for _, f := range features {
		i := t.slot(f.key)
		for t.slots[i].key != 0 {
			i = (i + 1) & (size - 1)
		}
		t.slots[i] = featSlot{f.key + 1, f.w}
	}
	return t
}

// features returns the features of the table, sorted by key.
func (t *featTable) features() []featSlot {
	out := make([]featSlot, 0, t.n)
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, featSlot{s.key - 1, s.w})
		}
	}
	slices.SortFunc(out, func(a, b featSlot) int { return cmp.Compare(a.key, b.key) })
	return out
}

func (t *featTable) slot(k uint32) int { return int((k * 2654435769) >> t.shift) }

// get returns the weights of key k, or nil.
func (t *featTable) get(k uint32) *[numTags]float32 {
	if k == math.MaxUint32 {
		return nil // reserved: k+1 would wrap to the empty mark
	}
	mask := len(t.slots) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.slots[i].key {
		case k + 1:
			return &t.slots[i].w
		case 0:
			return nil
		}
	}
}

// taggerMagic opens a serialised model.
const taggerMagic = "whosaid-tagger-2\n"

// WriteTo writes the model in its compact gzip-compressed form, the form
// ReadTaggerModel reads: the features sorted by key, each key as the
// difference from the one before, and the weights rounded to multiples of
// a scale (the largest weight over 32767), all as variable-length integers.
func (m *TaggerModel) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, err
	}
	features := m.table.features()
	var most float32
	for _, f := range features {
		for _, x := range f.w {
			most = max(most, float32(math.Abs(float64(x))))
		}
	}
	scale := most / 32767
	if scale == 0 {
		scale = 1
	}
	var b []byte
	b = append(b, taggerMagic...)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	b = binary.AppendUvarint(b, uint64(len(features)))
	last := uint32(0)
	for _, f := range features {
		b = binary.AppendUvarint(b, uint64(f.key-last))
		last = f.key
		for _, x := range f.w {
			b = binary.AppendVarint(b, int64(math.Round(float64(x/scale))))
		}
	}
	for _, l := range m.lstms {
		b = l.appendTo(b)
	}
	if _, err := zw.Write(b); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// maxTaggerFeatures bounds the features a model may declare (the
// embedded one has about 165,000).
const maxTaggerFeatures = 1 << 21

// errModel is the error for a model that is not one WriteTo wrote.
var errModel = errors.New("attribution: tagger model: not a whosaid tagger model")

// ReadTaggerModel reads a model written by [TaggerModel.WriteTo].
func ReadTaggerModel(r io.Reader) (*TaggerModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("attribution: tagger model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(taggerMagic)+4)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(taggerMagic)]) != taggerMagic {
		return nil, errModel
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(head[len(taggerMagic):]))
	n, err := binary.ReadUvarint(br)
	if err != nil || n > maxTaggerFeatures || scale <= 0 || math.IsInf(float64(scale), 0) || math.IsNaN(float64(scale)) {
		return nil, errModel
	}
	// The list grows as features are read, so that a short input that
	// declares many features fails before it costs much.
	features := make([]featSlot, 0, min(n, 1<<12))
	key := uint64(0)
	for i := range n {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("attribution: tagger model: %w", err)
		}
		if d == 0 && i > 0 {
			return nil, errModel // keys are written strictly increasing
		}
		if key += d; key >= math.MaxUint32 {
			return nil, errModel
		}
		var ws [numTags]float32
		for l := range ws {
			x, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("attribution: tagger model: %w", err)
			}
			if ws[l] = float32(x) * scale; math.IsInf(float64(ws[l]), 0) {
				return nil, errModel
			}
		}
		features = append(features, featSlot{uint32(key), ws})
	}
	// An LSTM scorer may follow the features, and then nothing more;
	// reading to the end makes gzip check its checksum.
	m := newTaggerModel(features)
	c, err := br.ReadByte()
	for err == nil && c == lstmMark && len(m.lstms) < maxLSTMs {
		var l *lstmModel
		if l, err = readLSTM(br); err != nil {
			return nil, err
		}
		m.lstms = append(m.lstms, l)
		c, err = br.ReadByte()
	}
	if !errors.Is(err, io.EOF) {
		if err == nil {
			return nil, errModel
		}
		return nil, fmt.Errorf("attribution: tagger model: %w", err)
	}
	return m, nil
}

//go:embed data/tagger.bin.gz
var taggerData []byte

var (
	defaultTaggerOnce sync.Once
	defaultTagger     *TaggerModel
	defaultTaggerErr  error
)

// DefaultTagger returns the model the library embeds, trained on the
// PolNeAR train part by examples/trainreported. It is loaded once.
func DefaultTagger() (*TaggerModel, error) {
	defaultTaggerOnce.Do(func() {
		defaultTagger, defaultTaggerErr = ReadTaggerModel(bytes.NewReader(taggerData))
	})
	return defaultTagger, defaultTaggerErr
}

// Feature hashing: every feature is a 64-bit FNV-1a hash of its template
// name and values, folded to 32 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // separator
	h *= fnvPrime
	return h
}

func feat(name string, vals ...string) uint32 {
	h := hashStr(fnvOffset, name)
	for _, v := range vals {
		h = hashStr(h, v)
	}
	return min(uint32(h^h>>32), math.MaxUint32-1) // the largest key is reserved
}

// tokenView is what the features read of one token.
type tokenView struct {
	word, tag, suffix string
	quoted            bool
	cue               string // the cue lemma, or ""
	mention           string // the kind of the mention the token is in, or ""
	class             wordClass
	first, last       bool // the token opens or ends its sentence
}

// taggerInput holds the per-token views and static features of a document.
type taggerInput struct {
	views  []tokenView
	static [][]uint32 // per token, the features that do not depend on labels
}

// wordOf is the form of a token the features see: proper nouns and numbers
// by shape only, other words in lower case.
func wordOf(t entities.Token) string {
	switch {
	case strings.HasPrefix(t.Tag, "NNP"):
		return "<NNP>"
	case t.Tag == "CD":
		return "<CD>"
	}
	return strings.ToLower(t.Text)
}

func suffixOf(w string) string {
	if strings.HasPrefix(w, "<") || len(w) <= 3 {
		return w
	}
	r := []rune(w)
	if len(r) <= 3 {
		return w
	}
	return string(r[len(r)-3:])
}

// bucket is countBucket for a count of tokens.
func bucket(n int) string { return countBucket(float64(n)) }

// taggerFeatures computes the label-independent features of every token,
// or returns ctx's error when ctx is done.
func (st *State) taggerFeatures(ctx context.Context) (*taggerInput, error) {
	toks := st.Doc.Tokens
	in := &taggerInput{views: make([]tokenView, len(toks)), static: make([][]uint32, len(toks))}
	buf := make([]uint32, 0, 48*len(toks)) // every token's features, in one array
	an := st.Analysis
	classes, err := wordClasses()
	if err != nil {
		return nil, err
	}
	for i, t := range toks {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		v := tokenView{word: wordOf(t), tag: t.Tag, quoted: st.inQuote(i)}
		v.suffix = suffixOf(v.word)
		v.class = classes[v.word]
		if w, ok := lookupCue(t.Text); ok && (strings.HasPrefix(t.Tag, "VB") || strings.HasPrefix(t.Tag, "NN")) {
			v.cue = w.Lemma
		} else if w, ok := lookupCueNoun(t.Text); ok && strings.HasPrefix(t.Tag, "NN") {
			v.cue = "n:" + w.Lemma
		}
		if an != nil {
			if m := an.MentionAt(t.Start); m >= 0 && an.Mentions[m].Start <= t.Start && t.End <= an.Mentions[m].End {
				v.mention = an.Mentions[m].Kind.String()
				if an.Mentions[m].Pronoun {
					v.mention += "-pro"
				}
			}
		}
		in.views[i] = v
	}
	view := func(i int) tokenView {
		if i < 0 || i >= len(toks) {
			return tokenView{word: "<none>", tag: "<none>"}
		}
		return in.views[i]
	}
	// The nearest cue and punctuation mark after each token in its
	// sentence, filled by a pass from each sentence's end.
	nextCue, nextPunct := make([]string, len(toks)), make([]string, len(toks))
	nextCueAt, nextPunctAt := make([]int, len(toks)), make([]int, len(toks))
	for si, sent := range st.Doc.Sentences {
		if si%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s, e := st.Doc.TokensIn(sent)
		if s < e {
			in.views[s].first, in.views[e-1].last = true, true
		}
		c, cAt, p, pAt := "", -1, "</s>", e
		for i := e - 1; i >= s; i-- {
			nextCue[i], nextCueAt[i], nextPunct[i], nextPunctAt[i] = c, cAt, p, pAt
			if v := in.views[i].cue; v != "" {
				c, cAt = v, i
			}
			if st.isPunct(i) {
				p, pAt = in.views[i].word, i
			}
		}
		lastCue, lastCueAt := "", -1
		lastVerb, lastVerbAt := "<none>", -1
		lastVerbClass := "<none>"
		// Clause structure since the last cue: the verbs and commas
		// passed, and the last punctuation mark.
		verbsSince, commasSince := 0, 0
		lastPunct, lastPunctAt := "<none>", -1
		first := view(s).word
		title := boolStr(st.titleCase(s, e))
		for i := s; i < e; i++ {
			v := in.views[i]
			start := len(buf)
			add := func(name string, vals ...string) { buf = append(buf, feat(name, vals...)) }
			add("b")
			add("w", v.word)
			add("s", v.suffix)
			add("t", v.tag)
			p1, p2, n1, n2 := view(i-1), view(i-2), view(i+1), view(i+2)
			if i-1 < s {
				p1 = tokenView{word: "<s>", tag: "<s>"}
				p2 = p1
			} else if i-2 < s {
				p2 = tokenView{word: "<s>", tag: "<s>"}
			}
			if i+1 >= e {
				n1 = tokenView{word: "</s>", tag: "</s>"}
				n2 = n1
			} else if i+2 >= e {
				n2 = tokenView{word: "</s>", tag: "</s>"}
			}
			add("w-1", p1.word)
			add("w+1", n1.word)
			add("w-2", p2.word)
			add("w+2", n2.word)
			add("t-1", p1.tag)
			add("t+1", n1.tag)
			add("t-2", p2.tag)
			add("t+2", n2.tag)
			add("tt", p1.tag, v.tag)
			add("tt+", v.tag, n1.tag)
			add("ttt", p1.tag, v.tag, n1.tag)
			add("ww", p1.word, v.word)
			add("ww+", v.word, n1.word)
			// Word classes: a rare word reads as the common words of its
			// class (lamented as complained).
			add("k", v.class.coarse, v.tag)
			add("kf", v.class.fine)
			add("kf-1", p1.class.fine)
			add("kf+1", n1.class.fine)
			add("q", boolStr(v.quoted), boolStr(p1.quoted), boolStr(n1.quoted))
			if v.cue != "" {
				add("c", v.cue)
				add("ct", v.cue, n1.word)
			}
			if v.mention != "" {
				add("m", v.mention)
			}
			add("m-+", p1.mention, n1.mention)
			if lastCue != "" {
				add("cb", lastCue)
				add("cbd", bucket(i-lastCueAt))
			} else {
				add("cb-")
			}
			if lastCue != "" {
				add("cbt", bucket(i-lastCueAt), v.tag)
				add("cvc", bucket(verbsSince), bucket(commasSince), v.tag)
			}
			add("lp", lastPunct, bucket(i-lastPunctAt), v.tag)
			add("np", nextPunct[i], bucket(nextPunctAt[i]-i), v.tag)
			if v.cue != "" {
				lastCue, lastCueAt = v.cue, i
				verbsSince, commasSince = 0, 0
			} else if strings.HasPrefix(v.tag, "VB") || v.tag == "MD" {
				verbsSince++
			} else if v.word == "," {
				commasSince++
			}
			if st.isPunct(i) {
				lastPunct, lastPunctAt = v.word, i
			}
			add("vb", lastVerb)
			add("vbk", lastVerbClass, v.tag)
			add("vbd", bucket(i-lastVerbAt), v.tag)
			if strings.HasPrefix(v.tag, "VB") || v.tag == "MD" {
				lastVerb, lastVerbAt, lastVerbClass = v.word, i, v.class.fine
			}
			add("pos", bucket(i-s), bucket(e-1-i))
			add("first", first)
			add("title", title, v.tag)
			add("w-1t", p1.word, v.tag)
			if c := nextCue[i]; c != "" {
				add("ca", c)
				add("cad", bucket(nextCueAt[i]-i))
			} else {
				add("ca-")
			}
			in.static[i] = buf[start:len(buf):len(buf)]
		}
	}
	return in, nil
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// prevFeatures appends the features that read the previous token's label.
func prevFeatures(fs []uint32, v tokenView, l1 tagLabel) []uint32 {
	a := tagNames[l1]
	return append(fs,
		feat("l1", a),
		feat("l1w", a, v.word),
		feat("l1t", a, v.tag),
		feat("l1q", a, boolStr(v.quoted)),
		feat("l1c", a, v.cue),
	)
}

// bigramFeature is the feature of the two previous labels.
func bigramFeature(l1, l2 tagLabel) uint32 { return feat("l12", tagNames[l1], tagNames[l2]) }

// scorer adds up the weights of features for every label.
type scorer interface {
	scores(fs []uint32) [numTags]float32
}

// scores adds up the weights of fs for every label.
func (m *TaggerModel) scores(fs []uint32) [numTags]float32 {
	var s [numTags]float32
	for _, f := range fs {
		if w := m.table.get(f); w != nil {
			for l := range s {
				s[l] += w[l]
			}
		}
	}
	return s
}

// tagResult is the tagger's output for a document: a label and a margin
// per token, the margin being how much the label's local score beats the
// best other label's given the labels before it.
type tagResult struct {
	labels  []tagLabel
	margins []float32
	// scale is how much wider the margins are than the perceptron's
	// alone: an LSTM scorer adds its weighted log-probabilities, which
	// for a confident label differ by several units, so the margin's
	// bands are read divided by 1 + weight/16.
	scale float32
}

// tag labels every token of the document, chunk by chunk, or returns
// ctx's error when ctx is done (checked between chunks).
func (m *TaggerModel) tag(ctx context.Context, st *State, in *taggerInput) (tagResult, error) {
	n := len(st.Doc.Tokens)
	res := tagResult{labels: make([]tagLabel, n), margins: make([]float32, n), scale: 1}
	for _, l := range m.lstms {
		res.scale += l.weight / 16
	}
	var vt viterbi
	var run lstmRun
	var extra [][numTags]float32
	for _, c := range st.tagChunks() {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if len(m.lstms) > 0 {
			extra = slices.Grow(extra[:0], c[1]-c[0])[:c[1]-c[0]]
			clear(extra)
			for _, l := range m.lstms {
				l.addLogProbs(&run, in.views, c[0], c[1], extra)
			}
		}
		vt.decode(m, in, c[0], c[1], extra, res.labels, res.margins)
	}
	return res, nil
}

// Chunk sizes for decoding, in tokens: sentences of a paragraph are
// decoded together up to minChunk tokens, and no chunk is longer than
// maxChunk, so that memory stays bounded on a paragraph of any length.
const (
	minChunk = 1000
	maxChunk = 2000
)

// tagChunks returns the token ranges the tagger decodes one at a time:
// runs of whole sentences within a paragraph.
func (st *State) tagChunks() [][2]int {
	var out [][2]int
	doc := st.Doc
	for _, para := range doc.Paragraphs {
		ps, pe := doc.TokensIn(para)
		s := ps
		for k := ps; k < pe; {
			// The end of the sentence that holds token k.
			end := pe
			i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > doc.Tokens[k].Start })
			if i < len(doc.Sentences) {
				_, se := doc.TokensIn(doc.Sentences[i])
				end = min(max(se, k+1), pe)
			}
			for end-s > maxChunk {
				out = append(out, [2]int{s, s + maxChunk})
				s += maxChunk
			}
			k = end
			if k-s >= minChunk || k == pe {
				if k > s {
					out = append(out, [2]int{s, k})
				}
				s = k
			}
		}
	}
	return out
}

// legal reports whether label l may follow prev: Inside only continues a
// content run.
func legal(prev, l tagLabel) bool {
	return l != tagInside || prev == tagBegin || prev == tagInside
}

// viterbi finds the best label sequence of a paragraph under a
// second-order model: a state is the pair of the last two labels. Its
// buffers are reused between paragraphs.
type viterbi struct {
	local [][numTags][numTags][numTags]float32 // [i][l][l1][l2]
	back  [][numTags][numTags]tagLabel         // [i][l][l1]: the best label two tokens back
	buf   []uint32
}

// decode labels tokens [s, e) of in and writes the labels and margins at
// the same indexes. extra, when not nil, holds scores to add to each
// token's labels, from extra[0] for token s.
func (vt *viterbi) decode(sc scorer, in *taggerInput, s, e int, extra [][numTags]float32, labels []tagLabel, margins []float32) {
	n := e - s
	if n <= 0 {
		return
	}
	var bigram [numTags][numTags][numTags]float32 // [l1][l2][l]
	for l1 := range tagLabel(numTags) {
		for l2 := range tagLabel(numTags) {
			bigram[l1][l2] = sc.scores([]uint32{bigramFeature(l1, l2)})
		}
	}
	vt.local = slices.Grow(vt.local[:0], n)[:n]
	vt.back = slices.Grow(vt.back[:0], n)[:n]
	negInf := float32(math.Inf(-1))
	// best[l][l1]: the best score of a sequence ending in l1, l at the
	// current token.
	var best, prev [numTags][numTags]float32
	for a := range prev {
		for b := range prev[a] {
			prev[a][b] = negInf
		}
	}
	prev[tagOut][tagOut] = 0 // before the paragraph: two Outs
	for i := 0; i < n; i++ {
		tok := s + i
		static := sc.scores(in.static[tok])
		if extra != nil {
			for l := range static {
				static[l] += extra[i][l]
			}
		}
		var byPrev [numTags][numTags]float32 // [l1][l]
		for l1 := range tagLabel(numTags) {
			vt.buf = prevFeatures(vt.buf[:0], in.views[tok], l1)
			byPrev[l1] = sc.scores(vt.buf)
		}
		for l := range tagLabel(numTags) {
			for l1 := range tagLabel(numTags) {
				best[l][l1] = negInf
				if !legal(l1, l) {
					continue
				}
				for l2 := range tagLabel(numTags) {
					if prev[l1][l2] == negInf {
						continue
					}
					loc := static[l] + byPrev[l1][l] + bigram[l1][l2][l]
					vt.local[i][l][l1][l2] = loc
					if v := prev[l1][l2] + loc; v > best[l][l1] {
						best[l][l1] = v
						vt.back[i][l][l1] = l2
					}
				}
			}
		}
		prev = best
	}
	// The best final state, then back through the pointers.
	bl, bl1 := tagOut, tagOut
	for l := range tagLabel(numTags) {
		for l1 := range tagLabel(numTags) {
			if prev[l][l1] > prev[bl][bl1] {
				bl, bl1 = l, l1
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		labels[s+i] = bl
		l2 := vt.back[i][bl][bl1]
		if i == 0 {
			l2 = tagOut
		}
		margin := float32(math.Inf(1))
		for l := range tagLabel(numTags) {
			if l != bl && legal(bl1, l) {
				margin = min(margin, vt.local[i][bl][bl1][l2]-vt.local[i][l][bl1][l2])
			}
		}
		margins[s+i] = margin
		bl, bl1 = bl1, l2
	}
}

// taggedReported returns the statements the tagger finds where the rules
// found none: every content run that overlaps no quote of rules, has a
// cue run near it in its sentence and a source run near that cue.
func (st *State) taggedReported(ctx context.Context, m *TaggerModel, rules []Quote) ([]Quote, error) {
	in, err := st.taggerFeatures(ctx)
	if err != nil {
		return nil, err
	}
	tr, err := m.tag(ctx, st, in)
	if err != nil {
		return nil, err
	}
	x := newSpanIndex(rules, nil)
	var out []Quote
	n := len(st.Doc.Tokens)
	for i := 0; i < n; {
		if tr.labels[i] != tagBegin {
			i++
			continue
		}
		j := i + 1
		for j < n && tr.labels[j] == tagInside {
			j++
		}
		if q, ok := st.taggedQuote(i, j, tr, x); ok {
			out = append(out, q)
		}
		i = j
	}
	return out, ctx.Err()
}

// maxTagGap is how many tokens may stand between a content run and its
// cue, or between the cue and its source.
const maxTagGap = 30

// runNear returns the run of label l nearest to tokens [s, e) within
// [lo, hi) and no further than maxTagGap tokens away.
func (tr tagResult) runNear(l tagLabel, s, e, lo, hi int) (int, int, bool) {
	best, bs, be := maxTagGap+1, 0, 0
	for k := max(lo, s-maxTagGap); k < min(hi, e+maxTagGap); k++ {
		if tr.labels[k] != l || (k > lo && tr.labels[k-1] == l) {
			continue
		}
		j := k + 1
		for j < hi && tr.labels[j] == l {
			j++
		}
		d := 0
		switch {
		case j <= s:
			d = s - j
		case k >= e:
			d = k - e
		}
		if d < best {
			best, bs, be = d, k, j
		}
	}
	return bs, be, best <= maxTagGap
}

// sentenceTokens returns the token range of the sentences that hold
// tokens s and e-1.
func (st *State) sentenceTokens(s, e int) (int, int) {
	doc := st.Doc
	find := func(off int) int {
		return sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > off })
	}
	a, b := find(st.tok(s).Start), find(st.tok(e-1).Start)
	if a >= len(doc.Sentences) || b >= len(doc.Sentences) {
		return s, e
	}
	lo, _ := doc.TokensIn(doc.Sentences[a])
	_, hi := doc.TokensIn(doc.Sentences[b])
	return min(lo, s), max(hi, e)
}

// taggedQuote builds the quote for the tagged content run [s, e), or
// reports false when it overlaps x's quotes, is wholly or mostly a
// quotation, holds no content word, or has no cue or source. A picture's
// caption (This image shows ...) reports nothing.
func (st *State) taggedQuote(s, e int, tr tagResult, x *spanIndex) (Quote, bool) {
	for s < e && st.isPunct(s) && st.tok(s).Tag != "``" {
		s++
	}
	for e > s && st.isPunct(e-1) && st.tok(e-1).Tag != "''" {
		e--
	}
	if e <= s || st.wholeQuote(s, e) || !st.hasContentWord(s, e) {
		return Quote{}, false
	}
	span := entities.Span{Start: st.tok(s).Start, End: st.tok(e - 1).End}
	if len(x.overlapping(span)) > 0 {
		return Quote{}, false
	}
	lo, hi := st.sentenceTokens(s, e)
	cs, ce, ok := tr.runNear(tagCue, s, e, lo, hi)
	if !ok {
		return Quote{}, false
	}
	for k := lo; k < cs; k++ {
		if pictureNouns[st.lower(k)] {
			return Quote{}, false
		}
	}
	impersonal, belief := st.impersonalCue(cs, ce)
	switch st.lower(s) {
	case "nothing", "little", "none":
		if ce == s {
			// "Costa said nothing about the layoffs": the cue's object
			// denies a report; nothing is said about them.
			return Quote{}, false
		}
	}
	if st.onlyTime(s, e) {
		// "..., analysts said Thursday": the day is when it was said,
		// not what.
		return Quote{}, false
	}
	if st.lower(s) == "to" {
		for k := cs; k < ce; k++ {
			if w, ok := lookupCue(st.tok(k).Text); ok && w.Lemma == "tell" {
				// "Police told residents to stay away": an order, not
				// a report (as for the rules).
				return Quote{}, false
			}
		}
	}
	ss, se, ok := tr.runNear(tagSource, cs, ce, lo, hi)
	if !ok && !impersonal {
		// No source in the sentence for a cue that takes one: PolNeAR
		// gives most such statements a source elsewhere, so the tagger
		// leaves them out.
		return Quote{}, false
	}
	kind, quoted := Indirect, 0
	for _, i := range st.quotedOverlapping(span) {
		q := st.Quotes[i]
		if q.Span.Contains(span) {
			return Quote{}, false
		}
		if span.Contains(q.Span) {
			kind = Mixed
		}
		quoted += min(q.End, span.End) - max(q.Start, span.Start)
	}
	if 2*quoted >= span.End-span.Start {
		// Mostly a quotation: the quoted statement is the quote.
		return Quote{}, false
	}
	var ev Evidence
	var sp *Speaker
	if impersonal {
		// The plan seemed to work; the results were announced: the
		// writer's inference or an unnamed source, no speaker.
		ev.Flag("tagger.impersonal")
	} else {
		if !st.hasNominal(ss, se) || st.lower(cs) == "to" && se == cs && st.tok(ce).Text == "," {
			// A source needs a noun or a pronoun, and an infinitive cue
			// set off by a comma is a comment on the sentence, with no
			// subject ("Needless to say, ...").
			return Quote{}, false
		}
		if sp = st.speakerFor(phrase{ss, se}, st.tok(ss).Start, &ev); sp == nil {
			return Quote{}, false
		}
		ev.Flag("speaker.type." + sp.Type.String())
	}
	var margin float32
	for k := s; k < e; k++ {
		margin += tr.margins[k]
	}
	cueSpan := entities.Span{Start: st.tok(cs).Start, End: st.tok(ce - 1).End}
	cue := &Cue{Span: cueSpan, Text: cueSpan.In(st.Doc.Text), Lemma: strings.ToLower(cueSpan.In(st.Doc.Text)), Class: Speech}
	for k := cs; k < ce; k++ {
		if w, ok := lookupCue(st.tok(k).Text); ok {
			cue.Lemma, cue.Class = w.Lemma, w.Class
		}
	}
	if belief {
		cue.Class = Belief
	}
	ev.Flag("sieve.tagger")
	ev.Flag("tagger.margin=" + marginBand(float64(margin)/float64(e-s)/float64(tr.scale)))
	ev.Add("reported.words", float64(e-s))
	if cue.Class == Belief {
		ev.Flag("cue.belief")
	}
	return Quote{Span: span, Text: span.In(st.Doc.Text), Kind: kind, Group: -1, Cue: cue, Speaker: sp,
		Sieve: "tagger", Evidence: ev}, true
}

// hasNominal reports whether tokens [s, e) hold a noun, a pronoun or a
// number.
func (st *State) hasNominal(s, e int) bool {
	for k := s; k < e; k++ {
		if t := st.tok(k).Tag; strings.HasPrefix(t, "NN") || strings.HasPrefix(t, "PRP") || t == "CD" || t == "WP" {
			return true
		}
	}
	return false
}

// marginBand buckets the mean margin of a content run's tokens, for the
// confidence model.
func marginBand(m float64) string {
	switch {
	case m < 0:
		return "<0"
	case m < 100:
		return "0-100"
	case m < 200:
		return "100-200"
	case m < 300:
		return "200-300"
	}
	return "300+"
}

// onlyTime reports whether tokens [s, e) are a time adverbial alone: a
// time noun (Thursday, last week, on Friday morning) with nothing but
// determiners, prepositions, adjectives, adverbs and numbers beside it.
func (st *State) onlyTime(s, e int) bool {
	found := false
	for k := s; k < e; k++ {
		switch {
		case entities.IsTimeNoun(st.tok(k).Text):
			found = true
		case st.isPunct(k):
		default:
			switch st.tok(k).Tag {
			case "DT", "IN", "JJ", "CD", "RB":
			default:
				return false
			}
		}
	}
	return found
}

// hasContentWord reports whether tokens [s, e) hold a noun, verb,
// adjective, adverb, number or personal pronoun: a lone relative pronoun
// or conjunction (which, that) is no statement.
func (st *State) hasContentWord(s, e int) bool {
	for k := s; k < e; k++ {
		switch t := st.tok(k).Tag; {
		case strings.HasPrefix(t, "NN"), strings.HasPrefix(t, "VB"), strings.HasPrefix(t, "JJ"),
			strings.HasPrefix(t, "RB"), t == "CD", t == "PRP", t == "MD":
			return true
		}
	}
	return false
}

// titleCase reports whether most words of tokens [s, e) start with a
// capital: a headline or a title, where statements are rarely attributed.
func (st *State) titleCase(s, e int) bool {
	words, caps := 0, 0
	for k := s; k < e; k++ {
		r, _ := utf8.DecodeRuneInString(st.tok(k).Text)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 3 && 10*caps >= 7*words
}

// impersonalCue reports whether the cue tokens [cs, ce) name no speaker:
// an appearance (seems to, appeared) or a passive with no agent after it
// (was announced, is called; but not is seen by voters). An appearance is
// also a belief: the writer's inference.
func (st *State) impersonalCue(cs, ce int) (impersonal, belief bool) {
	for k := cs; k < ce; k++ {
		w := st.lower(k)
		if strings.HasPrefix(st.tok(k).Tag, "VB") && (strings.HasPrefix(w, "seem") || strings.HasPrefix(w, "appear")) {
			return true, true
		}
	}
	for k := ce - 1; k >= cs; k-- {
		if strings.HasPrefix(st.tok(k).Tag, "VB") {
			if !st.passive(k) {
				return false, false
			}
			for j := k + 1; j <= ce && j <= k+2; j++ {
				if st.lower(j) == "by" {
					return false, false
				}
			}
			return true, false
		}
	}
	return false, false
}
