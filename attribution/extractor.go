package attribution

import (
	"context"
	"errors"
	"sort"

	"github.com/whosaid/whosaid/entities"
)

// ErrNilContext is returned by Extract when given a nil context.
var ErrNilContext = errors.New("attribution: nil context")

// Option configures an [Extractor].
type Option func(*config)

type config struct {
	terms        bool
	explanations bool
	reported     bool
	beliefs      bool
	sieves       []Sieve
	tagger       *TaggerModel
	noTagger     bool
}

// WithTerms includes scare quotes, titles and quoted terms (kind Term) in
// the result. They are left out by default.
func WithTerms(include bool) Option { return func(c *config) { c.terms = include } }

// WithExplanations attaches an [Explanation] to every quote.
func WithExplanations(include bool) Option { return func(c *config) { c.explanations = include } }

// WithReported enables or disables reported speech (kinds Indirect and
// Mixed). Enabled by default.
func WithReported(include bool) Option { return func(c *config) { c.reported = include } }

// WithBeliefs includes attributions whose cue is a verb of belief or
// intention (believes, thinks, hopes, wants). Included by default.
func WithBeliefs(include bool) Option { return func(c *config) { c.beliefs = include } }

// WithTagger replaces the embedded statement tagger ([DefaultTagger]) with
// m; nil turns the tagger off, leaving reported speech to the rules alone.
func WithTagger(m *TaggerModel) Option {
	return func(c *config) { c.tagger, c.noTagger = m, m == nil }
}

// WithSieves replaces the speaker sieves; start from [DefaultSieves] to
// extend them.
func WithSieves(s []Sieve) Option {
	return func(c *config) { c.sieves = append([]Sieve(nil), s...) }
}

// Extractor finds quotes and their speakers. It is safe for concurrent use;
// build one and share it.
type Extractor struct {
	cfg config
	rec *entities.Recognizer
}

// New returns an Extractor, loading the shared models on first use.
func New(opts ...Option) (*Extractor, error) {
	cfg := config{reported: true, beliefs: true}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.sieves == nil {
		cfg.sieves = DefaultSieves()
	}
	rec, err := entities.NewRecognizer()
	if err != nil {
		return nil, err
	}
	if cfg.tagger == nil && !cfg.noTagger {
		if cfg.tagger, err = DefaultTagger(); err != nil {
			return nil, err
		}
	}
	return &Extractor{cfg: cfg, rec: rec}, nil
}

// Extract finds the quotes in text. It returns an error only when ctx is
// done (ctx's error) or nil; any text, however odd, gives a Result.
func (e *Extractor) Extract(ctx context.Context, text string) (*Result, error) {
	if ctx == nil {
		return nil, ErrNilContext
	}
	st, err := e.prepare(ctx, text)
	if err != nil {
		return nil, err
	}
	doc, an, problems := st.Doc, st.Analysis, st.problems
	quotes := st.Quotes
	if e.cfg.reported {
		reported, err := findReported(ctx, st)
		if err != nil {
			return nil, err
		}
		if e.cfg.tagger != nil {
			tagged, err := st.taggedReported(ctx, e.cfg.tagger, reported)
			if err != nil {
				return nil, err
			}
			if len(e.cfg.tagger.lstms) == 0 {
				// The ranker corrects the perceptron's boundaries; an
				// LSTM scorer draws better ones than its corrections.
				if err := st.rankBounds(ctx, e.cfg.tagger, tagged); err != nil {
					return nil, err
				}
			}
			reported = append(reported, tagged...)
		}
		x := newSpanIndex(reported, nil)
		inheritReported(quotes, x)
		st.reassignParts(quotes, x)
		quotes = append(quotes, reported...)
	}
	res := &Result{Document: doc, Analysis: an, Problems: problems}
	for i, q := range quotes {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if q.Kind == Term && !e.cfg.terms {
			continue
		}
		if q.Cue != nil && q.Cue.Class == Belief && !e.cfg.beliefs {
			continue
		}
		score(&q, e.cfg.explanations)
		res.Quotes = append(res.Quotes, q)
	}
	res.Quotes = dropRepeatedStatements(res.Quotes)
	sort.SliceStable(res.Quotes, func(i, j int) bool { return res.Quotes[i].Start < res.Quotes[j].Start })
	renumberGroups(res.Quotes)
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Start < res.Problems[j].Start })
	if res.Quotes == nil {
		res.Quotes = []Quote{}
	}
	if res.Problems == nil {
		res.Problems = []Problem{}
	}
	return res, nil
}

// prepare parses text, finds its quotations and mentions, and links the
// quotations to their speakers.
func (e *Extractor) prepare(ctx context.Context, text string) (*State, error) {
	doc, err := entities.Parse(ctx, text)
	if err != nil {
		return nil, err
	}
	quotes, problems := findQuotations(doc)
	quoted := make([]entities.Span, 0, len(quotes))
	for _, q := range quotes {
		quoted = append(quoted, q.Span)
	}
	an, err := e.rec.Recognize(ctx, doc, quoted)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := e.link(ctx, doc, an, quotes)
	if err != nil {
		return nil, err
	}
	st.problems = problems
	return st, nil
}

// inheritReported gives a quoted part with no speaker the speaker and cue of
// the reported statement that holds it (Trump said the location will be
// announced "in the not-too-distant future"), and makes a term inside a
// mixed statement a partial quote: its words are the speaker's.
func inheritReported(quotes []Quote, x *spanIndex) {
	for i := range quotes {
		q := &quotes[i]
		x.containing(q.Span, func(k int) bool {
			r := x.quotes[k]
			if q.Kind == Term && r.Kind == Mixed {
				q.Kind = Partial
			}
			if q.Speaker == nil && r.Speaker != nil {
				sp := *r.Speaker
				q.Speaker, q.Cue, q.Sieve = &sp, r.Cue, "reported-part"
				q.Evidence.Flag("sieve.reported-part")
				q.Evidence.Flag("speaker.type." + sp.Type.String())
				if q.Kind == Term {
					q.Kind = Partial
				}
			}
			return false
		})
	}
}

// dropRepeatedStatements keeps one reported statement per span: two cues
// can claim the same clause (The documents indicate, he said ..., that X;
// Brennan told a committee hearing that X), and a reader wants X once, with
// the attribution the confidence model trusts most. Quotations with marks
// are never dropped.
func dropRepeatedStatements(quotes []Quote) []Quote {
	best := map[entities.Span]int{}
	drop := make([]bool, len(quotes))
	for i, q := range quotes {
		if q.Kind.Quoted() {
			continue
		}
		k, ok := best[q.Span]
		if !ok {
			best[q.Span] = i
			continue
		}
		if q.Confidence > quotes[k].Confidence {
			drop[k], best[q.Span] = true, i
		} else {
			drop[i] = true
		}
	}
	out := quotes[:0]
	for i, q := range quotes {
		if !drop[i] {
			out = append(out, q)
		}
	}
	return out
}

// renumberGroups numbers the groups of quotes (sorted by Start) from 0 in
// text order of their first piece; a quote with a negative group gets a
// group of its own.
func renumberGroups(quotes []Quote) {
	next := 0
	seen := map[int]int{}
	for i := range quotes {
		g := quotes[i].Group
		if g < 0 {
			quotes[i].Group = next
			next++
			continue
		}
		n, ok := seen[g]
		if !ok {
			n = next
			seen[g] = n
			next++
		}
		quotes[i].Group = n
	}
}
