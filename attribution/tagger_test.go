package attribution

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

// taggerSpan returns the span of sub in text, which must hold it exactly
// once, so that no test writes an offset by hand.
func taggerSpan(tb testing.TB, text, sub string) entities.Span {
	tb.Helper()
	require.Equal(tb, 1, strings.Count(text, sub), "%q must occur once in %q", sub, text)
	i := strings.Index(text, sub)
	return entities.Span{Start: i, End: i + len(sub)}
}

// taggerSpans returns the spans of every sub in text.
func taggerSpans(tb testing.TB, text string, subs ...string) []entities.Span {
	tb.Helper()
	var out []entities.Span
	for _, s := range subs {
		out = append(out, taggerSpan(tb, text, s))
	}
	return out
}

// taggerParse parses text for a test.
func taggerParse(tb testing.TB, text string) *entities.Document {
	tb.Helper()
	doc, err := entities.Parse(context.Background(), text)
	require.NoError(tb, err)
	return doc
}

// labelString writes each token with its label (said:C), for readable
// comparisons.
func labelString(doc *entities.Document, labels []tagLabel) string {
	parts := make([]string, len(doc.Tokens))
	for i, tk := range doc.Tokens {
		parts[i] = tk.Text + ":" + tagNames[labels[i]]
	}
	return strings.Join(parts, " ")
}

func TestGoldLabels(t *testing.T) {
	// att names the pieces of one attribution by their text.
	type att struct {
		source, cue string
		content     []string
	}
	tests := []struct {
		text string
		atts []att
		want string
	}{
		{
			text: "The mayor said the bridge will reopen next spring.",
			atts: []att{{source: "The mayor", cue: "said", content: []string{"the bridge will reopen next spring"}}},
			want: "The:S mayor:S said:C the:B bridge:I will:I reopen:I next:I spring:I .:O",
		},
		{
			text: "Rain fell all day.\nThe mayor said the bridge is safe.",
			atts: []att{{source: "The mayor", cue: "said", content: []string{"the bridge is safe"}}},
			want: "Rain:O fell:O all:O day:O .:O The:S mayor:S said:C the:B bridge:I is:I safe:I .:O",
		},
		{
			text: "Rain fell all day and the roads were closed.",
			want: "Rain:O fell:O all:O day:O and:O the:O roads:O were:O closed:O .:O",
		},
		{
			// The inner content at the end of the outer one starts a run.
			text: "Smith said the plan is late and the budget is too small.",
			atts: []att{
				{source: "Smith", cue: "said", content: []string{"the plan is late and the budget is too small"}},
				{content: []string{"the budget is too small"}},
			},
			want: "Smith:S said:C the:B plan:I is:I late:I and:I the:B budget:I is:I too:I small:I .:O",
		},
		{
			// The inner content in the middle: the outer one starts again
			// after it.
			text: "Smith said the budget is too small and the plan is late.",
			atts: []att{
				{source: "Smith", cue: "said", content: []string{"the budget is too small and the plan is late"}},
				{content: []string{"the budget is too small"}},
			},
			want: "Smith:S said:C the:B budget:I is:I too:I small:I and:B the:I plan:I is:I late:I .:O",
		},
		{
			// One content span cut by its cue and source.
			text: "The plan, the mayor said, is late.",
			atts: []att{{source: "the mayor", cue: "said", content: []string{"The plan, the mayor said, is late"}}},
			want: "The:B plan:I ,:I the:S mayor:S said:C ,:B is:I late:I .:O",
		},
		{
			// The same statement as two content pieces.
			text: "The plan, the mayor said, is late.",
			atts: []att{{source: "the mayor", cue: "said", content: []string{"The plan", "is late"}}},
			want: "The:B plan:I ,:O the:S mayor:S said:C ,:O is:B late:I .:O",
		},
		{
			// Two statements side by side; a cue over a content token
			// wins, and the content starts after it.
			text: "Jones said taxes will rise, and Smith argued they will not.",
			atts: []att{
				{source: "Jones", cue: "said", content: []string{"taxes will rise"}},
				{source: "Smith", cue: "argued they", content: []string{"they will not"}},
			},
			want: "Jones:S said:C taxes:B will:I rise:I ,:O and:O Smith:S argued:C they:C will:B not:I .:O",
		},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			doc := taggerParse(t, tc.text)
			var atts []TrainingAttribution
			for _, a := range tc.atts {
				ta := TrainingAttribution{Content: taggerSpans(t, tc.text, a.content...)}
				if a.source != "" {
					ta.Source = taggerSpans(t, tc.text, a.source)
				}
				if a.cue != "" {
					ta.Cue = taggerSpans(t, tc.text, a.cue)
				}
				atts = append(atts, ta)
			}
			got := goldLabels(doc, atts)
			require.Len(t, got, len(doc.Tokens))
			assert.Equal(t, tc.want, labelString(doc, got))
		})
	}
}

// checkChunks checks that chunks cover every token of doc exactly once,
// in order, with no chunk longer than maxChunk or crossing a paragraph.
func checkChunks(t *testing.T, doc *entities.Document, chunks [][2]int) {
	t.Helper()
	n := len(doc.Tokens)
	if n == 0 {
		assert.Empty(t, chunks)
		return
	}
	require.NotEmpty(t, chunks)
	assert.Equal(t, 0, chunks[0][0], "the first chunk starts at the first token")
	assert.Equal(t, n, chunks[len(chunks)-1][1], "the last chunk ends at the last token")
	for i, c := range chunks {
		require.Less(t, c[0], c[1], "chunk %d %v is empty", i, c)
		require.LessOrEqual(t, c[1], n, "chunk %d %v", i, c)
		assert.LessOrEqual(t, c[1]-c[0], maxChunk, "chunk %d %v", i, c)
		if i > 0 {
			assert.Equal(t, chunks[i-1][1], c[0], "chunk %d %v does not follow chunk %v", i, c, chunks[i-1])
		}
		first, last := doc.ParagraphAt(doc.Tokens[c[0]].Start), doc.ParagraphAt(doc.Tokens[c[1]-1].Start)
		assert.Equal(t, first, last, "chunk %d %v crosses a paragraph", i, c)
	}
}

func TestTagChunks(t *testing.T) {
	t.Run("paragraphs of sentences", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("A short first paragraph.\n\n")
		// About 4,000 tokens in one paragraph, to be split between
		// sentences.
		for i := range 400 {
			fmt.Fprintf(&b, "The committee met on day %d and approved the plan. ", i)
		}
		b.WriteString("\nA short paragraph in between. It has two sentences.\n")
		for i := range 150 {
			fmt.Fprintf(&b, "Clerks counted the ballots in room %d again. ", i)
		}
		b.WriteString("\nThe end.")
		doc := taggerParse(t, b.String())
		chunks := (&State{Doc: doc}).tagChunks()
		checkChunks(t, doc, chunks)
		assert.Greater(t, len(chunks), len(doc.Paragraphs), "the long paragraph is split")

		// Chunks are runs of whole sentences: every chunk ends where a
		// sentence ends.
		ends := map[int]bool{}
		for _, s := range doc.Sentences {
			_, j := doc.TokensIn(s)
			ends[j] = true
		}
		for _, c := range chunks {
			assert.True(t, ends[c[1]], "chunk %v ends inside a sentence: %q", c, doc.Tokens[c[1]-1].Text)
		}
	})
	t.Run("30000 words with no full stop", func(t *testing.T) {
		words := []string{"river", "stone", "green", "walks", "under", "quiet", "bridge", "seven"}
		var b strings.Builder
		for i := range 30000 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i%len(words)])
		}
		doc := taggerParse(t, b.String())
		require.Greater(t, len(doc.Tokens), maxChunk)
		checkChunks(t, doc, (&State{Doc: doc}).tagChunks())
	})
	t.Run("empty", func(t *testing.T) {
		doc := taggerParse(t, "")
		checkChunks(t, doc, (&State{Doc: doc}).tagChunks())
	})
}

// Synthetic articles for training: every article has a statement of the
// form NAME CUE about THING between two sentences with no statement, or
// NAME CUE that CLAUSE.
var (
	trainNames = []string{
		"Anna Berg", "Tom Reed", "Lisa Moreau", "Peter Quist", "Sara Lind", "Omar Haddad",
		"Julia Novak", "Ken Ito", "Rosa Diaz", "Mark Feld", "Nina Holm", "Carl Vogt",
	}
	trainCues   = []string{"complained", "grumbled", "lamented"}
	trainThings = []string{
		"the new parking fees", "the late trains", "the cost of school meals",
		"the noise from the harbor", "the closure of the library", "the price of bread",
		"the long queues at the clinic", "the dirty streets", "the delays at the port",
		"the cuts to the bus service", "the rising rents", "the broken lifts in the station",
	}
	trainFillers = []string{
		"The meeting lasted two hours.", "Tickets are on sale at the town hall.",
		"The weather was mild for the season.", "About forty people attended.",
		"The hall was decorated with flags.", "Coffee was served after the talks.",
	}
)

// trainingArticle returns article i of the synthetic training set.
func trainingArticle(tb testing.TB, i int) TrainingDoc {
	name, cue, thing := trainNames[i%len(trainNames)], trainCues[i%len(trainCues)], trainThings[i%len(trainThings)]
	statement := fmt.Sprintf("%s %s about %s.", name, cue, thing)
	if i%4 == 3 {
		thing = "the town had forgotten them"
		statement = fmt.Sprintf("%s %s that %s.", name, cue, thing)
	}
	text := trainFillers[i%len(trainFillers)] + "\n\n" + statement + "\n\n" + trainFillers[(i+1)%len(trainFillers)]
	return TrainingDoc{Text: text, Attributions: []TrainingAttribution{{
		Content: taggerSpans(tb, text, thing),
		Cue:     taggerSpans(tb, text, cue),
		Source:  taggerSpans(tb, text, name),
	}}}
}

// trainingArticles returns the first n synthetic training articles.
func trainingArticles(tb testing.TB, n int) []TrainingDoc {
	docs := make([]TrainingDoc, n)
	for i := range docs {
		docs[i] = trainingArticle(tb, i)
	}
	return docs
}

// heldOut is an article in the training construction with names and
// content words that no training article has (its preposition "to" joins
// nouns in training too: with word classes, an unseen preposition reads
// as the commonest one of its class, "about", which opens content there).
const (
	heldOut        = "Snow closed two schools on Monday.\n\nGreta Sorensen grumbled about the slow repairs to the ring road.\n\nThe council will meet again in March."
	heldOutSpeaker = "Greta Sorensen"
	heldOutCue     = "grumbled"
	heldOutContent = "the slow repairs to the ring road"
)

// onceModel is a model trained once per test binary.
type onceModel struct {
	once  sync.Once
	model *TaggerModel
	err   error
}

// get trains the model on docs with o the first time, and returns it.
func (m *onceModel) get(tb testing.TB, docs func() []TrainingDoc, o TaggerTraining) *TaggerModel {
	tb.Helper()
	m.once.Do(func() { m.model, m.err = trainTagger(docs(), o) })
	require.NoError(tb, m.err)
	return m.model
}

// trainTagger trains a model on docs with an extractor without a tagger.
func trainTagger(docs []TrainingDoc, o TaggerTraining) (*TaggerModel, error) {
	ex, err := New(WithTagger(nil))
	if err != nil {
		return nil, err
	}
	return ex.TrainTagger(context.Background(), docs, o)
}

var tinyTagger onceModel

// tinyTaggerModel returns a model trained on the synthetic articles, once
// per test binary. It is trained without the boundary ranker: the tests of
// this file are about the tagger's own spans (bounds_test.go trains the
// ranker).
func tinyTaggerModel(tb testing.TB) *TaggerModel {
	tb.Helper()
	return tinyTagger.get(tb, func() []TrainingDoc { return trainingArticles(tb, 12) }, TaggerTraining{Seed: 7, SkipBounds: true})
}

// tagText returns the labels m gives the tokens of text, and the document.
func tagText(tb testing.TB, m *TaggerModel, text string) ([]tagLabel, *entities.Document) {
	tb.Helper()
	ex, err := New(WithTagger(nil))
	require.NoError(tb, err)
	ctx := context.Background()
	st, err := ex.prepare(ctx, text)
	require.NoError(tb, err)
	in, err := st.taggerFeatures(ctx)
	require.NoError(tb, err)
	res, err := m.tag(ctx, st, in)
	require.NoError(tb, err)
	return res.labels, st.Doc
}

// writeModel returns m as WriteTo writes it.
func writeModel(tb testing.TB, m *TaggerModel) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	require.NoError(tb, err)
	require.Equal(tb, int64(buf.Len()), n, "WriteTo reports the bytes it wrote")
	return buf.Bytes()
}

func TestTaggerModelRoundTrip(t *testing.T) {
	m := tinyTaggerModel(t)
	require.NotEmpty(t, weightMap(m))
	data := writeModel(t, m)
	got, err := ReadTaggerModel(bytes.NewReader(data))
	require.NoError(t, err)
	require.Len(t, weightMap(got), len(weightMap(m)))

	var most float32
	for _, ws := range weightMap(m) {
		for _, x := range ws {
			most = max(most, float32(math.Abs(float64(x))))
		}
	}
	step := float64(most) / 32767
	for k, ws := range weightMap(m) {
		gs, ok := weightMap(got)[k]
		if !assert.True(t, ok, "feature %d is missing", k) {
			continue
		}
		for l := range ws {
			assert.InDelta(t, ws[l], gs[l], step, "feature %d label %s", k, tagNames[l])
		}
	}

	texts := []string{heldOut, trainingArticle(t, 0).Text, trainingArticle(t, 3).Text,
		"Analysts said the central bank would hold rates, while the minister complained about the strong currency."}
	for _, text := range texts {
		t.Run(text, func(t *testing.T) {
			want, doc := tagText(t, m, text)
			have, _ := tagText(t, got, text)
			assert.Equal(t, labelString(doc, want), labelString(doc, have))
		})
	}

	// The written form is stable: writing the read model again gives a
	// model that reads back the same.
	again, err := ReadTaggerModel(bytes.NewReader(writeModel(t, got)))
	require.NoError(t, err)
	assert.Equal(t, weightMap(got), weightMap(again))
}

// gzipped compresses b.
func gzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(tb, err)
	require.NoError(tb, zw.Close())
	return buf.Bytes()
}

// gunzipped decompresses b.
func gunzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	require.NoError(tb, err)
	out, err := io.ReadAll(zr)
	require.NoError(tb, err)
	return out
}

// modelHeader returns an uncompressed model header with the given magic,
// scale and feature count.
func modelHeader(magic string, scale float32, count uint64) []byte {
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	return binary.AppendUvarint(b, count)
}

// badModels returns inputs that are not models WriteTo wrote, by name.
func badModels(tb testing.TB) map[string][]byte {
	tb.Helper()
	valid := writeModel(tb, tinyTaggerModel(tb))
	raw := gunzipped(tb, valid)
	bad := map[string][]byte{
		"empty":                  {},
		"not gzip":               []byte(taggerMagic + "plain text"),
		"gzip of nothing":        gzipped(tb, nil),
		"gzip of wrong magic":    gzipped(tb, append([]byte("whosaid-tagger-1\n"), raw[len(taggerMagic):]...)),
		"gzip of the magic only": gzipped(tb, []byte(taggerMagic)),
		"zero scale":             gzipped(tb, modelHeader(taggerMagic, 0, 0)),
		"negative scale":         gzipped(tb, modelHeader(taggerMagic, -1, 0)),
		"infinite scale":         gzipped(tb, modelHeader(taggerMagic, float32(math.Inf(1)), 0)),
		"NaN scale":              gzipped(tb, modelHeader(taggerMagic, float32(math.NaN()), 0)),
		"count beyond any model": gzipped(tb, modelHeader(taggerMagic, 1, 1<<40)),
		"count with no features": gzipped(tb, modelHeader(taggerMagic, 1, 1000)),
		"key beyond 32 bits": gzipped(tb, binary.AppendUvarint(
			modelHeader(taggerMagic, 1, 1), 1<<33)),
	}
	// Cut the compressed stream, and the payload before compressing it, at
	// several points.
	for _, frac := range []int{1, 2, 5, 9} {
		cut := len(valid) * frac / 10
		bad[fmt.Sprintf("compressed cut at %d of %d bytes", cut, len(valid))] = valid[:cut]
		cut = len(raw) * frac / 10
		bad[fmt.Sprintf("payload cut at %d of %d bytes", cut, len(raw))] = gzipped(tb, raw[:cut])
	}
	bad[fmt.Sprintf("payload cut at %d of %d bytes", len(raw)-1, len(raw))] = gzipped(tb, raw[:len(raw)-1])
	bad["compressed without its last byte"] = valid[:len(valid)-1]
	bad["compressed without its checksum"] = valid[:len(valid)-8]
	return bad
}

func TestReadTaggerModelBadInput(t *testing.T) {
	bad := badModels(t)
	for _, name := range slices.Sorted(maps.Keys(bad)) {
		data := bad[name]
		t.Run(name, func(t *testing.T) {
			var m *TaggerModel
			var err error
			require.NotPanics(t, func() { m, err = ReadTaggerModel(bytes.NewReader(data)) })
			assert.Error(t, err)
			assert.True(t, m == nil, "a model came back with the error")
			if err != nil {
				assert.True(t, strings.HasPrefix(err.Error(), "attribution: "), "error %q has the package prefix", err)
			}
		})
	}
}

// TestReadTaggerModelHugeCount reads a tiny input that declares as many
// features as a model may have and holds none: it must fail as fast as
// any other truncated model, without first making room for them all.
func TestReadTaggerModelHugeCount(t *testing.T) {
	data := gzipped(t, modelHeader(taggerMagic, 1, maxTaggerFeatures))
	start := time.Now()
	m, err := ReadTaggerModel(bytes.NewReader(data))
	elapsed := time.Since(start)
	assert.Error(t, err)
	assert.Nil(t, m)
	assert.Less(t, elapsed, 2*time.Second, "a %d-byte input took %v to reject", len(data), elapsed)
}

// FuzzReadTaggerModel checks that ReadTaggerModel never panics and that a
// model it accepts can tag a document:
//
//	go test -run '^$' -fuzz '^FuzzReadTaggerModel$' -fuzztime 5m ./attribution
func FuzzReadTaggerModel(f *testing.F) {
	valid := writeModel(f, tinyTaggerModel(f))
	f.Add(valid)
	withLSTM := writeModel(f, tinyLSTMModel(f))
	f.Add(withLSTM)
	lstmFlipped := bytes.Clone(withLSTM)
	lstmFlipped[len(lstmFlipped)*3/4] ^= 0x55
	f.Add(lstmFlipped)
	f.Add(gzipped(f, append(gunzipped(f, valid), lstmMark, 8)))
	f.Add(gzipped(f, gunzipped(f, valid)))
	bad := badModels(f)
	for _, name := range []string{"empty", "gzip of wrong magic", "count with no features", "key beyond 32 bits", "zero scale"} {
		f.Add(bad[name])
	}
	// A model whose bias weights overflow to infinities of both signs.
	inf := binary.AppendUvarint(modelHeader(taggerMagic, math.MaxFloat32, 1), uint64(feat("b")))
	for _, x := range []int64{math.MaxInt64, math.MinInt64, math.MaxInt64, 0, 1} {
		inf = binary.AppendVarint(inf, x)
	}
	f.Add(gzipped(f, inf))
	flipped := bytes.Clone(valid)
	flipped[len(flipped)/2] ^= 0x55
	f.Add(flipped)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadTaggerModel(bytes.NewReader(data))
		if err != nil {
			assert.Nil(t, m)
			return
		}
		require.NotNil(t, m)
		ex, err := New(WithTagger(m))
		require.NoError(t, err)
		res, err := ex.Extract(context.Background(), heldOut)
		require.NoError(t, err)
		for _, q := range res.Quotes {
			require.True(t, 0 <= q.Start && q.Start <= q.End && q.End <= len(heldOut), "span %v", q.Span)
			assert.Equal(t, heldOut[q.Start:q.End], q.Text)
		}
	})
}

func TestTrainTaggerLearns(t *testing.T) {
	start := time.Now()
	m := tinyTaggerModel(t)

	// The held-out statement gets the labels of its annotation.
	want := TrainingAttribution{
		Content: taggerSpans(t, heldOut, heldOutContent),
		Cue:     taggerSpans(t, heldOut, heldOutCue),
		Source:  taggerSpans(t, heldOut, heldOutSpeaker),
	}
	got, doc := tagText(t, m, heldOut)
	gold := goldLabels(doc, []TrainingAttribution{want})
	para := doc.ParagraphAt(want.Content[0].Start)
	require.GreaterOrEqual(t, para, 0)
	s, e := doc.TokensIn(doc.Paragraphs[para])
	assert.Equal(t, labelString(&entities.Document{Tokens: doc.Tokens[s:e]}, gold[s:e]),
		labelString(&entities.Document{Tokens: doc.Tokens[s:e]}, got[s:e]), "the statement's labels")
	// No other paragraph holds content.
	for i, l := range got {
		if i < s || i >= e {
			assert.NotContains(t, []tagLabel{tagBegin, tagInside}, l, "token %q outside the statement is content", doc.Tokens[i].Text)
		}
	}

	// Through the extractor, the statement is a quote of the tagger with
	// its speaker and cue.
	ex, err := New(WithTagger(m))
	require.NoError(t, err)
	res, err := ex.Extract(context.Background(), heldOut)
	require.NoError(t, err)
	var found *Quote
	for i, q := range res.Quotes {
		if q.Text == heldOutContent {
			found = &res.Quotes[i]
		}
	}
	require.NotNil(t, found, "no quote %q in %+v", heldOutContent, res.Quotes)
	assert.Equal(t, "tagger", found.Sieve)
	assert.Equal(t, Indirect, found.Kind)
	assert.Equal(t, want.Content[0], found.Span)
	require.NotNil(t, found.Speaker)
	assert.Equal(t, heldOutSpeaker, found.Speaker.Name)
	require.NotNil(t, found.Cue)
	assert.Equal(t, heldOutCue, found.Cue.Text)
	assert.Less(t, time.Since(start), 10*time.Second, "training on 12 short articles is fast")

	// The same training gives the same model.
	ex2, err := New(WithTagger(nil))
	require.NoError(t, err)
	again, err := ex2.TrainTagger(context.Background(), trainingArticles(t, 12), TaggerTraining{Seed: 7, SkipBounds: true})
	require.NoError(t, err)
	assert.Equal(t, weightMap(m), weightMap(again), "training is deterministic")
}

var tinyLSTMTagger onceModel

// tinyLSTMTraining trains the tiny tagger with a small LSTM scorer.
var tinyLSTMTraining = TaggerTraining{Seed: 7, SkipBounds: true, LSTM: &LSTMTraining{Hidden: 8, Epochs: 30, MinCount: 1, Weight: 2}}

// tinyLSTMModel returns the tiny tagger with an LSTM scorer, trained once
// per test binary.
func tinyLSTMModel(tb testing.TB) *TaggerModel {
	tb.Helper()
	return tinyLSTMTagger.get(tb, func() []TrainingDoc { return trainingArticles(tb, 12) }, tinyLSTMTraining)
}

// TestTrainTaggerLSTM trains the tiny tagger with an LSTM scorer: the
// scorer survives a round trip through WriteTo and ReadTaggerModel, the
// held-out statement still gets its labels, and WithoutLSTM drops it.
func TestTrainTaggerLSTM(t *testing.T) {
	m := tinyLSTMModel(t)
	o := tinyLSTMTraining
	require.Len(t, m.lstms, 1)
	assert.Empty(t, m.WithoutLSTM().lstms)
	assert.Equal(t, weightMap(m), weightMap(m.WithoutLSTM()), "the perceptron is kept")

	back, err := ReadTaggerModel(bytes.NewReader(writeModel(t, m)))
	require.NoError(t, err)
	require.Len(t, back.lstms, 1)
	assert.Equal(t, m.lstms[0].vocab, back.lstms[0].vocab)
	got, doc := tagText(t, m, heldOut)
	again, _ := tagText(t, back, heldOut)
	assert.Equal(t, labelString(doc, got), labelString(doc, again), "the read model labels as the written one")

	want := goldLabels(doc, []TrainingAttribution{{
		Content: taggerSpans(t, heldOut, heldOutContent),
		Cue:     taggerSpans(t, heldOut, heldOutCue),
		Source:  taggerSpans(t, heldOut, heldOutSpeaker),
	}})
	assert.Equal(t, labelString(doc, want), labelString(doc, got))

	// Training only the LSTM on a base model keeps the base's weights,
	// and its LSTMs: a second one is added.
	base := tinyTaggerModel(t)
	o.Base = base
	only, err := trainTagger(trainingArticles(t, 12), o)
	require.NoError(t, err)
	require.Len(t, only.lstms, 1)
	assert.Equal(t, weightMap(base), weightMap(only))
	o.Base = only
	o.Seed = 8
	two, err := trainTagger(trainingArticles(t, 12), o)
	require.NoError(t, err)
	require.Len(t, two.lstms, 2)
	assert.Same(t, only.lstms[0], two.lstms[0])
	back, err = ReadTaggerModel(bytes.NewReader(writeModel(t, two)))
	require.NoError(t, err)
	assert.Len(t, back.lstms, 2)
	o.LSTM = nil
	_, err = trainTagger(trainingArticles(t, 12), o)
	assert.Error(t, err, "a base model and nothing to train")

	// With an LSTM no boundary ranker is trained: the perceptron is the
	// one trained without it.
	noRanker := tinyLSTMTraining
	noRanker.SkipBounds = false
	full, err := trainTagger(trainingArticles(t, 12), noRanker)
	require.NoError(t, err)
	assert.Equal(t, weightMap(tinyTaggerModel(t)), weightMap(full))
}

// taggerSentences are statements of a construction the rules leave to the
// tagger (NAME complained about THING).
var taggerSentences = []string{
	"The senator complained about the new tax rules on Tuesday.",
	"The union leader grumbled about the long shifts at the plant.",
	"Residents complained of noise from the new airport.",
	"The governor boasted about the state's record harvest this year.",
}

func TestWithTaggerNil(t *testing.T) {
	def, err := New()
	require.NoError(t, err)
	off, err := New(WithTagger(nil))
	require.NoError(t, err)
	tagged := 0
	for _, text := range taggerSentences {
		t.Run(text, func(t *testing.T) {
			res, err := def.Extract(context.Background(), text)
			require.NoError(t, err)
			for _, q := range res.Quotes {
				if q.Sieve != "tagger" {
					continue
				}
				tagged++
				assert.Contains(t, []Kind{Indirect, Mixed}, q.Kind)
				assert.NotNil(t, q.Cue)
				assert.NotNil(t, q.Speaker)
				if assert.True(t, 0 <= q.Start && q.Start < q.End && q.End <= len(text), "span %v", q.Span) {
					assert.Equal(t, text[q.Start:q.End], q.Text)
				}
			}
			res, err = off.Extract(context.Background(), text)
			require.NoError(t, err)
			for _, q := range res.Quotes {
				assert.NotEqual(t, "tagger", q.Sieve, "quote %q with the tagger off", q.Text)
			}
		})
	}
	assert.Positive(t, tagged, "the embedded tagger finds none of the statements the rules leave out")
}

func TestDefaultTaggerConcurrent(t *testing.T) {
	m1, err := DefaultTagger()
	require.NoError(t, err)
	require.NotNil(t, m1)
	assert.NotEmpty(t, weightMap(m1))
	m2, err := DefaultTagger()
	require.NoError(t, err)
	assert.Same(t, m1, m2, "the embedded model is loaded once")

	paths, err := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	texts := make([]string, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		texts[i] = string(b)
	}
	ex, err := New()
	require.NoError(t, err)
	assert.Same(t, m1, ex.cfg.tagger, "New uses the embedded model")
	want := make([]*Result, len(texts))
	for i, text := range texts {
		want[i], err = ex.Extract(context.Background(), text)
		require.NoError(t, err)
	}

	const workers = 8
	got := make([][]*Result, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			got[w] = make([]*Result, len(texts))
			// Each worker reads the articles in its own order.
			for k := range texts {
				i := (k + w) % len(texts)
				res, err := ex.Extract(context.Background(), texts[i])
				if err != nil {
					errs[w] = err
					return
				}
				got[w][i] = res
			}
		})
	}
	wg.Wait()
	for w := range workers {
		require.NoError(t, errs[w], "worker %d", w)
		for i := range texts {
			assert.Equal(t, want[i].Quotes, got[w][i].Quotes, "worker %d, %s", w, paths[i])
			assert.Equal(t, want[i].Problems, got[w][i].Problems, "worker %d, %s", w, paths[i])
		}
	}
}

func TestTrainTaggerContext(t *testing.T) {
	ex, err := New(WithTagger(nil))
	require.NoError(t, err)
	docs := trainingArticles(t, 3)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, err := ex.TrainTagger(ctx, docs, TaggerTraining{})
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
	assert.Nil(t, m)

	var nilCtx context.Context
	m, err = ex.TrainTagger(nilCtx, docs, TaggerTraining{})
	assert.ErrorIs(t, err, ErrNilContext)
	assert.Nil(t, m)
}

// TestImpersonalCue checks which cue phrases name no speaker: appearances
// and passives without an agent.
func TestImpersonalCue(t *testing.T) {
	ex, err := New(WithTagger(nil))
	require.NoError(t, err)
	for _, tc := range []struct {
		text, cue          string
		impersonal, belief bool
	}{
		{"The plan seemed to work.", "seemed", true, true},
		{"The senator appears ready to vote.", "appears", true, true},
		{"The results were announced on Monday.", "were announced", true, false},
		{"The deal is widely seen as a defeat.", "is widely seen", true, false},
		{"Clinton is seen by voters as honest.", "is seen", false, false},
		{"The mayor announced the results.", "announced", false, false},
		{"The mayor has criticized the plan.", "has criticized", false, false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			st, err := ex.prepare(context.Background(), tc.text)
			require.NoError(t, err)
			cs, ce := st.Doc.TokensIn(taggerSpan(t, tc.text, tc.cue))
			require.Less(t, cs, ce)
			imp, bel := st.impersonalCue(cs, ce)
			assert.Equal(t, tc.impersonal, imp, "impersonal")
			assert.Equal(t, tc.belief, bel, "belief")
		})
	}
}

// weightMap returns m's weights by feature key.
func weightMap(m *TaggerModel) map[uint32][numTags]float32 {
	out := map[uint32][numTags]float32{}
	for _, f := range m.table.features() {
		out[f.key] = f.w
	}
	return out
}
