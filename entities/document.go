package entities

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"
)

// Token is a word or punctuation mark of a [Document] with its
// part-of-speech tag (Penn Treebank tag set). Quotation marks are tokens of
// their own, tagged "“" (opening) or "”" (closing or undecided).
type Token struct {
	Span
	// Text is the token as written: Text == doc.Text[Start:End].
	Text string `json:"text"`
	// Tag is the part-of-speech tag.
	Tag string `json:"tag"`
}

// Document is an article split into paragraphs, sentences and tokens. All
// three are sorted by position and never overlap within their kind;
// sentences and tokens never cross a paragraph boundary.
type Document struct {
	// Text is the caller's text, unmodified.
	Text string `json:"-"`
	// Paragraphs are the non-blank lines of the text, trimmed of surrounding
	// white space. A line break ends a paragraph, so a blank line between
	// paragraphs is not required.
	Paragraphs []Span `json:"paragraphs"`
	// Sentences are prose's sentences within each paragraph. prose splits
	// inside quotations and before some cues, so quotation detection works
	// over the whole document rather than sentence by sentence.
	Sentences []Span `json:"sentences"`
	// Tokens are the words and punctuation marks of every paragraph, tagged.
	Tokens []Token `json:"tokens"`
}

// ErrNilContext is returned when Parse is given a nil context.
var ErrNilContext = errors.New("entities: nil context")

// models holds prose's shared, immutable models.
type models struct {
	tokenizer *tokenize.Tokenizer
	segmenter *segment.Segmenter
	tagger    *tag.Tagger
}

var loadModels = sync.OnceValues(func() (*models, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, errors.New("entities: loading the sentence model: " + err.Error())
	}
	tg, err := tag.New()
	if err != nil {
		return nil, errors.New("entities: loading the tagger: " + err.Error())
	}
	return &models{tokenizer: tokenize.New(), segmenter: seg, tagger: tg}, nil
})

// Parse splits text into paragraphs, sentences and tagged tokens. The models
// are loaded on the first call and shared by every later one. Parse checks
// ctx between paragraphs (and within a huge one) and returns ctx's error
// when it is done.
func Parse(ctx context.Context, text string) (*Document, error) {
	if ctx == nil {
		return nil, ErrNilContext
	}
	m, err := loadModels()
	if err != nil {
		return nil, err
	}
	doc := &Document{Text: text, Paragraphs: SplitParagraphs(text)}
	doc.Tokens = make([]Token, 0, len(text)/5+1)
	for _, p := range doc.Paragraphs {
		// A huge paragraph is read in runs of about maxChunk bytes that end
		// at a full stop and a space (or, failing that, a space), so that a
		// cancelled ctx is noticed within one run.
		for from := p.Start; from < p.End; {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			end := chunkEnd(text, from, p.End)
			for _, s := range m.segmenter.Segment(text[from:end]) {
				doc.Sentences = append(doc.Sentences, Span{from + s.Start, from + s.End()})
			}
			doc.Tokens = appendTokens(doc.Tokens, m, text[from:end], from)
			from = end
		}
	}
	doc.Sentences = joinInitialBreaks(doc)
	return doc, ctx.Err()
}

// joinInitialBreaks joins two sentences that prose split after a middle
// initial ("Representative Mark J." / "Stone, Republican of New
// York, said"): the initial is one token with its stop (mergeInitials), so the
// break falls inside a name.
func joinInitialBreaks(doc *Document) []Span {
	if len(doc.Sentences) < 2 {
		return doc.Sentences
	}
	out := doc.Sentences[:1]
	for _, s := range doc.Sentences[1:] {
		last := &out[len(out)-1]
		if k := doc.TokenAt(last.End - 1); k < len(doc.Tokens) && doc.Tokens[k].End == last.End && isInitial(doc.Tokens[k].Text) &&
			doc.ParagraphAt(last.Start) == doc.ParagraphAt(s.Start) {
			last.End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// isInitial reports whether w is one capital letter and a full stop.
func isInitial(w string) bool { return len(w) == 2 && isUpperASCII(w[0]) && w[1] == '.' }

// chunkEnd returns where the run of a paragraph that starts at from ends:
// the paragraph's end when it is within maxChunk bytes, else the last
// sentence-like break (". ") within maxChunk bytes, else the last space,
// else a rune boundary.
func chunkEnd(text string, from, end int) int {
	limit := from + maxChunk
	if limit >= end {
		return end
	}
	if k := strings.LastIndex(text[from:limit], ". "); k > 0 {
		return from + k + 2
	}
	if k := strings.LastIndexByte(text[from:limit], ' '); k > 0 {
		return from + k
	}
	for limit > from && !utf8.RuneStart(text[limit]) {
		limit--
	}
	if limit == from {
		return from + maxChunk
	}
	return limit
}

// maxChunk is the most bytes of one paragraph tokenized between two checks
// of the context.
const maxChunk = 64 << 10

// SplitParagraphs returns the non-blank lines of text, each trimmed of
// surrounding white space (including non-breaking spaces).
func SplitParagraphs(text string) []Span {
	var out []Span
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpace(text, start, end)
		if s < e {
			out = append(out, Span{s, e})
		}
		start = end + 1
	}
	return out
}

// trimSpace narrows [s, e) past white space at both ends.
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\v', '\f', 0x00a0, 0x2002, 0x2003, 0x2009, 0x200a, 0x200b, 0x202f, 0x3000, 0xfeff:
		return true
	}
	return false
}

// appendTokens tokenizes one paragraph, splits quotation marks off the
// words prose leaves them on, tags the words without the marks (the tagger
// was not trained on curly or doubled marks) and appends the result.
func appendTokens(out []Token, m *models, ptext string, base int) []Token {
	raw := splitFinalStop(mergeBracketAbbreviations(mergeInitials(mergeApostrophes(tokenizeBounded(m.tokenizer, ptext)))))
	var words []tokenize.Token
	for _, t := range raw {
		pieces := splitQuoteMarks(t.Text, t.Start)
		if closesBare(ptext, t.Start, t.Start+len(t.Text), pieces) {
			for i := range pieces {
				pieces[i].tag = "''"
			}
		}
		for _, piece := range pieces {
			tok := Token{Span: Span{base + piece.Start, base + piece.Start + len(piece.Text)}, Text: piece.Text}
			if piece.mark {
				tok.Tag = piece.tag
			} else {
				words = append(words, tokenize.Token{Text: piece.Text, Start: len(out)})
			}
			out = append(out, tok)
		}
	}
	if len(words) > 0 {
		idx := make([]int, len(words))
		for i := range words {
			idx[i] = words[i].Start
			words[i].Start = out[idx[i]].Start - base
		}
		m.tagger.TagTokens(words)
		for i, w := range words {
			out[idx[i]].Tag = w.Tag
		}
	}
	return out
}

// splitFinalStop splits the full stop off the last word of a paragraph
// (before any closing quotation marks or brackets) when the tokenizer kept
// them together: it reads a short capitalised word and its stop as an
// abbreviation ("the Affordable Care Act." ends in the token "Act."). At
// the end of a paragraph the stop ends the sentence, and a statement that
// ends with the word must not take in the stop or leave out the word. The
// word is two or more letters with no other stop (a "U.S." stays whole).
func splitFinalStop(toks []tokenize.Token) []tokenize.Token {
	k := len(toks) - 1
	for k >= 0 && isClosingMark(toks[k].Text) {
		k--
	}
	if k < 0 {
		return toks
	}
	w, ok := strings.CutSuffix(toks[k].Text, ".")
	if !ok || len(w) < 2 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return toks
	}
	stop := tokenize.Token{Text: ".", Start: toks[k].Start + len(w)}
	toks[k].Text = w
	return slices.Insert(toks, k+1, stop)
}

// isClosingMark reports whether s is a closing quotation mark or bracket.
func isClosingMark(s string) bool {
	switch s {
	case "\"", "'", "\u201d", "\u2019", "''", ")", "]", "\u00bb":
		return true
	}
	return false
}

// mergeInitials joins a middle initial and its full stop into one token
// ("Andrew J. Tabler"): the tokenizer splits them, and a lone full stop
// would end the clause in the middle of the name. The initial is one
// capital letter right after a capitalised word and a space, with the stop
// right after it and a capitalised word one space after that.
func mergeInitials(toks []tokenize.Token) []tokenize.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i > 0 && i+2 < len(toks) && len(t.Text) == 1 && isUpperASCII(t.Text[0]) &&
			isUpperASCII(toks[i-1].Text[0]) && toks[i-1].Start+len(toks[i-1].Text)+1 == t.Start &&
			toks[i+1].Text == "." && toks[i+1].Start == t.Start+1 &&
			isUpperASCII(toks[i+2].Text[0]) && toks[i+2].Start == t.Start+3 {
			t.Text = t.Text + "."
			i++
		}
		out = append(out, t)
	}
	return out
}

// mergeBracketAbbreviations joins an abbreviation set off by brackets or
// commas and its full stop into one token ("Sen. Carl Levin (D-Mich.), a
// superdelegate", "Mitch McConnell, R-Ky., said"): the tokenizer splits the
// stop off before the closing bracket or comma, and a lone full stop would
// end the clause inside the speaker's description. The abbreviation is a
// capitalised run of two to eight letters and hyphens right after the
// opening bracket (or after a comma), with the stop and the closing
// bracket (or a comma) right after it.
func mergeBracketAbbreviations(toks []tokenize.Token) []tokenize.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i > 0 && i+2 < len(toks) && isAbbreviationWord(t.Text) &&
			toks[i+1].Text == "." && toks[i+1].Start == t.Start+len(t.Text) && toks[i+2].Start == toks[i+1].Start+1 &&
			(toks[i-1].Text == "(" && toks[i-1].Start+1 == t.Start && toks[i+2].Text == ")" ||
				toks[i-1].Text == "," && toks[i+2].Text == ",") {
			t.Text = t.Text + "."
			i++
		}
		out = append(out, t)
	}
	return out
}

// isAbbreviationWord reports whether w is two to eight ASCII letters and
// hyphens starting with a capital (Mich, D-Mass, Calif).
func isAbbreviationWord(w string) bool {
	if len(w) < 2 || len(w) > 8 || !isUpperASCII(w[0]) {
		return false
	}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || isUpperASCII(c) || c == '-') {
			return false
		}
	}
	return true
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// mergeApostrophes joins two adjacent single apostrophes into one token:
// wire copy writes a quotation mark as two apostrophes, which the
// tokenizer splits into two tokens after a comma.
func mergeApostrophes(toks []tokenize.Token) []tokenize.Token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Text == "'" && i+1 < len(toks) && toks[i+1].Text == "'" && toks[i+1].Start == t.Start+1 {
			t.Text = "''"
			i++
		}
		out = append(out, t)
	}
	return out
}

// maxWord is the longest run without white space that is handed to prose's
// tokenizer in one piece. prose splits affixes off a word one at a time, each
// time re-scanning the rest, so a run of thousands of punctuation marks
// costs time quadratic in its length; cutting long runs keeps it linear.
const maxWord = 64

// tokenizeBounded tokenizes text like t.Tokenize, but cuts every run of more
// than maxWord bytes without white space into pieces of at most maxWord
// bytes (on rune boundaries) that are tokenized one by one.
func tokenizeBounded(t *tokenize.Tokenizer, text string) []tokenize.Token {
	var out []tokenize.Token
	add := func(s string, base int) {
		for _, tk := range t.Tokenize(s) {
			tk.Start += base
			out = append(out, tk)
		}
	}
	from := 0 // start of the text not yet tokenized
	i := 0
	for i < len(text) {
		if isASCIISpace(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isASCIISpace(text[j]) {
			j++
		}
		if k, n := innerMark(text[i:min(j, i+maxWord+1)]); n > 0 && j-i <= maxWord {
			// A quotation mark inside a run (said,“Look / over.”The):
			// the words on each side are tokenized apart and the mark
			// stands alone, as if spaced.
			if from < i {
				add(text[from:i], from)
			}
			add(text[i:i+k], i)
			out = append(out, tokenize.Token{Text: text[i+k : i+k+n], Start: i + k})
			from, i = i+k+n, i+k+n
			continue
		}
		if j-i > maxWord {
			if from < i {
				add(text[from:i], from)
			}
			for k := i; k < j; {
				e := k + maxWord
				if e >= j {
					e = j
				} else {
					for e > k && !utf8.RuneStart(text[e]) {
						e--
					}
					if e == k {
						e = k + maxWord
					}
				}
				add(text[k:e], k)
				k = e
			}
			from = j
		}
		i = j
	}
	if from < len(text) {
		add(text[from:], from)
	}
	return out
}

// innerMarks are the quotation marks that split a run without white space
// where they stand between other characters: curly and low double marks,
// guillemets and the straight double mark. Doubled apostrophes and
// backticks are left alone: they are also apostrophes and elisions.
var innerMarks = []string{"\"", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"}

// innerMark returns the offset and length of the first quotation mark in
// run that has a character that is not a mark on each side, or 0, 0.
func innerMark(run string) (int, int) {
	for k := 1; k < len(run)-1; k++ {
		for _, m := range innerMarks {
			if !strings.HasPrefix(run[k:], m) || k+len(m) >= len(run) {
				continue
			}
			if markAtEnd(run[:k]) == 0 && markAt(run[k+len(m):]) == 0 {
				return k, len(m)
			}
		}
	}
	return 0, 0
}

func isASCIISpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// closesBare reports whether a token [s, e) of text made only of quotation
// marks closes a quotation: the tokenizer split it off the word or comma it
// follows (`work,"` gives `work` `,` `"`), so it touches the text before it
// and is followed by white space, punctuation or the end. A right curly
// mark alone always closes.
func closesBare(text string, s, e int, pieces []piece) bool {
	for _, p := range pieces {
		if !p.mark {
			return false
		}
	}
	if strings.HasPrefix(text[s:e], "\u201d") {
		return true
	}
	if s == 0 || isASCIISpace(text[s-1]) {
		return false
	}
	if e == len(text) {
		return true
	}
	switch text[e] {
	case ' ', '\t', '\r', '\n', '.', ',', ';', ':', '!', '?', ')', ']':
		return true
	}
	return false
}

type piece struct {
	Text  string
	Start int
	mark  bool
	tag   string
}

// splitQuoteMarks splits leading and trailing quotation marks off a token.
// Double marks (straight, curly, guillemets, and the doubled apostrophes and
// backticks of wire copy) always split; a single mark splits at the front of
// a word when it cannot be an elision ('90s, 'n', 'em), and at the end only
// when the word also opened with one.
func splitQuoteMarks(text string, start int) []piece {
	var lead, trail []piece
	s, e := 0, len(text)
	openedSingle := false
	for s < e {
		n := markAt(text[s:e])
		if n == 0 {
			break
		}
		mk := text[s : s+n]
		if isSingleMark(mk) {
			if e-s == n || !singleOpens(text[s+n:e]) {
				break
			}
			openedSingle = true
		}
		lead = append(lead, piece{Text: mk, Start: start + s, mark: true, tag: "``"})
		s += n
	}
	for e > s {
		n := markAtEnd(text[s:e])
		if n == 0 {
			break
		}
		mk := text[e-n : e]
		if isSingleMark(mk) && (!openedSingle || e-s == n) {
			break
		}
		trail = append(trail, piece{Text: mk, Start: start + e - n, mark: true, tag: "''"})
		e -= n
	}
	if len(lead) == 0 && len(trail) == 0 {
		return []piece{{Text: text, Start: start}}
	}
	out := lead
	if s < e {
		out = append(out, piece{Text: text[s:e], Start: start + s})
	}
	for i := len(trail) - 1; i >= 0; i-- {
		out = append(out, trail[i])
	}
	return out
}

var doubleMarks = []string{"''", "``", "\"", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"}
var singleMarks = []string{"'", "\u2018", "\u2019", "`"}

func markAt(s string) int {
	for _, m := range doubleMarks {
		if strings.HasPrefix(s, m) {
			return len(m)
		}
	}
	for _, m := range singleMarks {
		if strings.HasPrefix(s, m) {
			return len(m)
		}
	}
	return 0
}

func markAtEnd(s string) int {
	for _, m := range doubleMarks {
		if strings.HasSuffix(s, m) {
			return len(m)
		}
	}
	for _, m := range singleMarks {
		if strings.HasSuffix(s, m) {
			return len(m)
		}
	}
	return 0
}

func isSingleMark(m string) bool {
	for _, x := range singleMarks {
		if m == x {
			return true
		}
	}
	return false
}

// singleOpens reports whether a single mark before rest opens a quotation
// rather than marking an elision such as '90s, 'n' or 'em.
func singleOpens(rest string) bool {
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r >= '0' && r <= '9' {
		return false
	}
	switch strings.ToLower(strings.TrimRight(rest, "'\u2019")) {
	case "n", "em", "til", "tis", "twas", "cause", "bout", "s", "re", "ve", "ll", "d", "m", "t":
		return false
	}
	return true
}

// TokenAt returns the index of the first token that ends after offset, or
// len(d.Tokens) when there is none.
func (d *Document) TokenAt(offset int) int {
	return sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > offset })
}

// TokensIn returns the half-open index range [i, j) of the tokens that lie
// within s.
func (d *Document) TokensIn(s Span) (i, j int) {
	i = sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].Start >= s.Start })
	j = sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].End > s.End })
	if j < i {
		j = i
	}
	return i, j
}

// ParagraphAt returns the index of the paragraph that holds offset, or -1.
func (d *Document) ParagraphAt(offset int) int { return spanAt(d.Paragraphs, offset) }

// SentenceAt returns the index of the sentence that holds offset, or -1.
func (d *Document) SentenceAt(offset int) int { return spanAt(d.Sentences, offset) }

func spanAt(spans []Span, offset int) int {
	i := sort.Search(len(spans), func(k int) bool { return spans[k].End > offset })
	if i < len(spans) && spans[i].Start <= offset {
		return i
	}
	return -1
}
