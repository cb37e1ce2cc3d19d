package attribution

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/whosaid/whosaid/entities"
)

func TestTrimEdges(t *testing.T) {
	tests := []struct {
		text string
		span entities.Span
		want string
	}{
		{`"the plan works," he said`, entities.Span{Start: 0, End: 16}, "the plan works"},
		{"\u201cit will pass.\u201d", entities.Span{Start: 0, End: 19}, "it will pass"},
		{"  -- (yes) --  ", entities.Span{Start: 0, End: 15}, "yes"},
		{"..., !?", entities.Span{Start: 0, End: 7}, ""},
		{"", entities.Span{Start: 0, End: 0}, ""},
		{"abc", entities.Span{Start: -4, End: 99}, "abc"},
		{"abc", entities.Span{Start: 2, End: 1}, ""},
		{"\xff\xfe words \xff", entities.Span{Start: 0, End: 11}, "\xff\xfe words \xff"},
		{"U.S.", entities.Span{Start: 0, End: 4}, "U.S"},
	}
	for _, tt := range tests {
		t.Run(caseTitle(tt.text), func(t *testing.T) {
			got := trimEdges(tt.text, tt.span)
			require.LessOrEqual(t, got.Start, got.End)
			assert.Equal(t, tt.want, tt.text[got.Start:got.End])
		})
	}
}

func TestOffsetBucket(t *testing.T) {
	for off, want := range map[int]string{0: "0", 1: "+1", -3: "-3", 4: "+4-6", -6: "-4-6", 7: "+7+", -40: "-7+"} {
		assert.Equal(t, want, offsetBucket(off), "offset %d", off)
	}
}

// rulesState returns the state of text and the reported clauses the rules
// find in it.
func rulesState(tb testing.TB, text string) (*State, []Quote) {
	tb.Helper()
	ex, err := New(WithTagger(nil))
	require.NoError(tb, err)
	st, err := ex.prepare(context.Background(), text)
	require.NoError(tb, err)
	rules, err := findReported(context.Background(), st)
	require.NoError(tb, err)
	return st, rules
}

// TestBoundCandidates checks the places a clause's boundaries may move to:
// the rules' own first, each trimmed offset once, never over the cue or
// the speaker, never into a quotation, and within the paragraph.
func TestBoundCandidates(t *testing.T) {
	texts := []string{
		"The minister said on Monday that the new budget would cut the deficit by a third next year.",
		"The plan will cut the deficit by a third next year and raise pensions, the minister said on Monday.",
		`Ana Costa told reporters that the airline would add "at least three new routes" to Lisbon by May.`,
		"First paragraph here.\n\nOfficials said that the port would reopen.\n\nA third paragraph follows here.",
	}
	for _, text := range texts {
		t.Run(caseTitle(text), func(t *testing.T) {
			st, rules := rulesState(t, text)
			var n int
			for i := range rules {
				q := &rules[i]
				if !rankable(q) {
					continue
				}
				n++
				para := st.paragraphOf(q.Start)
				for _, side := range []boundSide{boundStart, boundEnd} {
					cands := st.boundCandidates(q, side)
					require.NotEmpty(t, cands)
					i0, i1 := st.Doc.TokensIn(q.Span)
					if side == boundStart {
						assert.Equal(t, i0, cands[0].tok, "the rules' start comes first")
					} else {
						assert.Equal(t, i1, cands[0].tok, "the rules' end comes first")
					}
					seen := map[int]bool{}
					for k, c := range cands {
						assert.False(t, seen[c.offset], "offset %d twice", c.offset)
						seen[c.offset] = true
						assert.NotEmpty(t, c.feats)
						span := q.Span
						if side == boundStart {
							span.Start = st.tok(c.tok).Start
						} else {
							span.End = st.tok(c.tok - 1).End
						}
						assert.True(t, para.Contains(span), "candidate %q leaves the paragraph", span.In(text))
						if k == 0 {
							continue
						}
						assert.False(t, span.Start < q.Cue.End && q.Cue.Start < span.End, "candidate %q holds the cue", span.In(text))
						assert.False(t, span.Start < q.Speaker.End && q.Speaker.Start < span.End, "candidate %q holds the speaker", span.In(text))
						for _, oq := range st.Quotes {
							if oq.Kind.Quoted() {
								cut := span.Start > oq.Open.End-1 && span.Start < oq.Close.Start || span.End > oq.Open.End && span.End < oq.Close.Start
								assert.False(t, cut, "candidate %q cuts the quotation %q", span.In(text), oq.Text)
							}
						}
					}
				}
			}
			assert.Positive(t, n, "the rules found a clause")
		})
	}
}

// TestRankBoundsWithoutWeights checks that a model without ranker weights
// leaves every clause where the rules put it.
func TestRankBoundsWithoutWeights(t *testing.T) {
	text := "The minister said on Monday that the new budget would cut the deficit by a third next year."
	st, rules := rulesState(t, text)
	before := append([]Quote(nil), rules...)
	got := append([]Quote(nil), rules...)
	require.NoError(t, st.rankBounds(context.Background(), newTaggerModel(nil), got))
	for i := range got {
		assert.Equal(t, before[i].Span, got[i].Span)
		assert.Equal(t, before[i].Kind, got[i].Kind)
	}
}

// Synthetic articles whose annotation leaves the complementizer out of the
// content, unlike the rules: the ranker must learn to start after "that".
var (
	boundClauses = []string{
		"the harbor would reopen in spring", "the new bridge was safe", "prices would fall next year",
		"the school needed more teachers", "the vote had been fair", "the road works were finished",
		"the museum would stay open", "the trains ran on time again", "the budget was balanced",
		"the clinic had hired two nurses", "the park would get new lights", "the ferry was too slow",
	}
	boundHeldOut        = "Snow closed two schools on Monday.\n\nGreta Sorensen said that the ring road would be repaired by June.\n\nThe council will meet again in March."
	boundHeldOutContent = "the ring road would be repaired by June"
)

func boundArticle(tb testing.TB, i int) TrainingDoc {
	name, clause := trainNames[i%len(trainNames)], boundClauses[i%len(boundClauses)]
	text := fmt.Sprintf("%s\n\n%s said that %s.\n\n%s", trainFillers[i%len(trainFillers)], name, clause, trainFillers[(i+1)%len(trainFillers)])
	return TrainingDoc{Text: text, Attributions: []TrainingAttribution{{
		Content: taggerSpans(tb, text, clause),
		Cue:     taggerSpans(tb, text, " said")[:1],
		Source:  taggerSpans(tb, text, name),
	}}}
}

// boundArticles returns the synthetic articles without complementizers.
func boundArticles(tb testing.TB) []TrainingDoc {
	docs := make([]TrainingDoc, 24)
	for i := range docs {
		docs[i] = boundArticle(tb, i)
	}
	return docs
}

var boundModel onceModel

// boundTrainedModel returns a model trained on the synthetic articles
// without complementizers, once per test binary.
func boundTrainedModel(tb testing.TB) *TaggerModel {
	tb.Helper()
	return boundModel.get(tb, func() []TrainingDoc { return boundArticles(tb) }, TaggerTraining{Seed: 3})
}

// TestRankBoundsLearns trains on articles whose annotation starts the
// content after "that", and checks that the ranker, of the trained and of
// the saved model, moves a tagger clause that starts at "that" to start
// after it; and that the rules' own clause keeps its boundary.
func TestRankBoundsLearns(t *testing.T) {
	m := boundTrainedModel(t)
	loaded, err := ReadTaggerModel(bytes.NewReader(writeModel(t, m)))
	require.NoError(t, err)

	// A model trained without the ranker moves nothing.
	skipped, err := trainTagger(boundArticles(t), TaggerTraining{Seed: 3, SkipBounds: true})
	require.NoError(t, err)

	// A ranker that also learns from the tagger's own clauses, each
	// article tagged by a tagger trained without it, learns the same.
	crossFitted, err := trainTagger(boundArticles(t), TaggerTraining{Seed: 3, CrossFit: 2})
	require.NoError(t, err)
	again, err := trainTagger(boundArticles(t), TaggerTraining{Seed: 3, CrossFit: 2})
	require.NoError(t, err)
	assert.Equal(t, writeModel(t, crossFitted), writeModel(t, again), "cross-fitted training is deterministic")

	tests := []struct {
		name  string
		model *TaggerModel
		want  string
		moved bool
	}{
		{"trained", m, boundHeldOutContent, true},
		{"loaded", loaded, boundHeldOutContent, true},
		{"skipped", skipped, "that " + boundHeldOutContent, false},
		{"cross-fitted", crossFitted, boundHeldOutContent, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, rules := rulesState(t, boundHeldOut)
			var clause []Quote
			for _, q := range rules {
				if q.Text == "that "+boundHeldOutContent {
					q.Sieve = "tagger" // as if the tagger had found it
					clause = append(clause, q)
				}
			}
			require.Len(t, clause, 1, "the rules start at that: %v", quoteTexts(rules))
			require.NoError(t, st.rankBounds(context.Background(), tt.model, clause))
			q := clause[0]
			assert.Equal(t, tt.want, q.Text)
			assert.Equal(t, tt.want, q.Span.In(boundHeldOut))
			assert.Equal(t, Indirect, q.Kind)
			assert.Equal(t, tt.moved, q.Evidence.has("reported.bounds_moved"))
			require.NotNil(t, q.Speaker)
			assert.Equal(t, "Greta Sorensen", q.Speaker.Name)

			// Through Extract, the rules' clause keeps its boundary.
			ex, err := New(WithTagger(tt.model))
			require.NoError(t, err)
			res, err := ex.Extract(context.Background(), boundHeldOut)
			require.NoError(t, err)
			assert.True(t, hasQuote(res.Quotes, "that "+boundHeldOutContent), "%v", quoteTexts(res.Quotes))
		})
	}
}

func hasQuote(qs []Quote, text string) bool {
	for _, q := range qs {
		if q.Text == text {
			return true
		}
	}
	return false
}

func quoteTexts(qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "[%s %q] ", q.Kind, q.Text)
	}
	return b.String()
}
