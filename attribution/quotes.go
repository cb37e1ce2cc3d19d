package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/entities"
)

// This file finds quotations: it reads the quotation marks of each
// paragraph, pairs them, joins the pieces of one quotation into a group and
// tells direct quotes, partial quotes and quoted terms apart.
//
// The finder makes one pass over the marks of each paragraph; every look
// around a mark or a quotation is bounded, so the work is linear in the size
// of the text whatever the text holds.

// The quotation marks, told apart by name.
const (
	straightDouble = '"'      // " : direction told from its neighbours
	straightSingle = '\''     // ' : an apostrophe, or half of a wire mark ''
	backtick       = '`'      // `` opens a quotation in wire copy
	leftDouble     = '\u201c' // “
	rightDouble    = '\u201d' // ”
	lowDouble      = '\u201e' // „
	leftSingle     = '\u2018' // ‘
	rightSingle    = '\u2019' // ’ : also the typographic apostrophe
	leftGuillemet  = '\u00ab' // «
	rightGuillemet = '\u00bb' // »
)

// The problems the finder records.
const (
	problemUnclosed = "attribution: unclosed quotation mark"
	problemStray    = "attribution: closing quotation mark with no opening mark"
)

// Bounds of the looks around a quotation.
const (
	// maxTagBytes bounds how far a markup tag (<tweet id="...">) may run.
	maxTagBytes = 1024
	// quoteContextTokens bounds the tokens read on each side of a quotation
	// when its sentence is examined.
	quoteContextTokens = 48
	// maxCueClauseWords bounds the words of a cue clause between two
	// pieces of an interrupted quotation (", said Jane Doe, a lawyer, ").
	maxCueClauseWords = 14
	// maxBulletBytes bounds the dashes and bullets that may stand before a
	// quotation that opens its paragraph.
	maxBulletBytes = 8
	// maxTermWords bounds a quoted fragment that may be a term.
	maxTermWords = 4
	// maxTitleWords bounds a quoted title (Saturday Night Live).
	maxTitleWords = 12
)

// quoteStyle is how a quotation mark is written.
type quoteStyle uint8

const (
	styleStraight  quoteStyle = iota // "
	styleCurly                       // “ ” „
	styleWire                        // '' `` and doubled curly singles
	styleGuillemet                   // « »
	styleSingle                      // ‘ ’ around a top-level quotation
)

var quoteStyleNames = [...]string{"straight", "curly", "wire", "guillemet", "single"}

// markDir is the direction of a quotation mark.
type markDir uint8

const (
	dirEither markDir = iota
	dirOpen
	dirClose
)

// quoteMark is one quotation mark of a paragraph.
type quoteMark struct {
	entities.Span
	style quoteStyle
	// glyph is the direction the character itself shows: “ opens, ”
	// closes, " shows none.
	glyph markDir
	// flank is the direction its neighbours show, and strong tells whether
	// they show it beyond doubt (white space on exactly one side).
	flank  markDir
	strong bool
	// single marks ‘ and ’, which only delimit a quotation at the top
	// level (headline style); nested single quotations are content.
	single bool
}

// guillemets reports whether m belongs to the guillemet family, whose
// quotations may hold curly or straight ones nested inside, and the other
// way round.
func (m quoteMark) guillemets() bool { return m.style == styleGuillemet }

// quotePiece is one piece of a quotation found in a paragraph.
type quotePiece struct {
	open, close entities.Span // empty when absent
	content     entities.Span
	style       quoteStyle
	group       int
	para        int
	// continued is set on the pieces after the first of a quotation that
	// runs over paragraphs; interrupted on the pieces after a cue clause.
	continued, interrupted bool
	// split is set when the piece was left open and ended where a new
	// quotation opened.
	split  bool
	nested bool
}

// quoteFinder holds the state of one run of findQuotations.
type quoteFinder struct {
	doc      *entities.Document
	text     string
	marks    []quoteMark
	pieces   []quotePiece
	problems []Problem
	groups   int
	// Buffers reused from paragraph to paragraph by pairParagraph.
	nextSingle []int
	sameAfter  [][2]int
}

// reuseBuffer returns s resliced to length n, reallocated when too short.
func reuseBuffer[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// findQuotations finds every quotation in doc and returns one Quote per
// piece, sorted by position, with the problems met on the way.
//
// Rules:
//   - Content spans exclude the marks and the white space just inside them.
//   - Straight double marks and two apostrophes take their direction from
//     their neighbours; curly, guillemet and backtick marks from their
//     glyph when the neighbours do not tell.
//   - Single quotation marks are content inside a double quotation; at the
//     top level only ‘...’ delimits one (headline style). Apostrophes
//     (don't, Xi's, the '90s, rock 'n' roll, Jones') are never marks.
//   - A quotation ends in its paragraph, unless the paragraph ends with it
//     open and the next paragraph opens with a mark: then the next piece
//     continues the same group.
//   - A quotation left open ends at its paragraph's end (or where a new
//     quotation opens) and is recorded as a problem, as is a closing mark
//     with nothing open.
//   - Two pieces of one paragraph separated by a short cue clause ("A," she
//     said. "B.") share a group.
//   - Kinds are Direct, Partial or Term; Cue and Speaker are left nil.
func findQuotations(doc *entities.Document) ([]Quote, []Problem) {
	if doc == nil || doc.Text == "" {
		return nil, nil
	}
	f := &quoteFinder{doc: doc, text: doc.Text}
	f.pair()
	return f.classify(), f.problems
}

// markBound returns an upper bound on the quotation marks in s: its
// straight quotes and backticks, and the lead bytes of the two-byte («, »)
// and three-byte (“, ”, ‘, ’, „) marks.
func markBound(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '`', 0xC2, 0xE2:
			n++
		}
	}
	return n
}

// pair reads the marks of every paragraph and pairs them into pieces.
func (f *quoteFinder) pair() {
	carry := -1 // group continued from the previous paragraph, or -1
	var carryOpen entities.Span
	for pi, p := range f.doc.Paragraphs {
		if p.Start < 0 || p.End > len(f.text) || p.Start >= p.End {
			continue
		}
		if n := markBound(f.text[p.Start:p.End]); n > cap(f.marks) {
			// Sized once, so that a paragraph of thousands of marks is
			// not copied again and again as the slice grows.
			f.marks = make([]quoteMark, 0, n)
		}
		f.marks = scanQuoteMarks(f.text, p, f.marks[:0])
		if carry >= 0 {
			if len(f.marks) == 0 || f.marks[0].Start != p.Start || f.marks[0].single || f.marks[0].resolve(false) == dirClose {
				f.problem(carryOpen, problemUnclosed)
				carry = -1
			}
		}
		carry, carryOpen = f.pairParagraph(pi, p, carry)
	}
	if carry >= 0 {
		f.problem(carryOpen, problemUnclosed)
	}
}

// pairParagraph pairs the marks of paragraph p (in f.marks). carry is the
// group that the paragraph's first quotation continues, or -1. It returns
// the group and opening mark of a quotation left open at the paragraph end,
// or -1.
func (f *quoteFinder) pairParagraph(pi int, p entities.Span, carry int) (int, entities.Span) {
	ms := f.marks
	// nextSingle[k] is the index of the first closing single mark after k
	// with no double mark in between, or -1; sameAfter[k] counts the double
	// marks of the non-guillemet and guillemet families from k on.
	f.nextSingle = reuseBuffer(f.nextSingle, len(ms))
	f.sameAfter = reuseBuffer(f.sameAfter, len(ms)+1)
	nextSingle, sameAfter := f.nextSingle, f.sameAfter
	sameAfter[len(ms)] = [2]int{}
	next := -1
	for k := len(ms) - 1; k >= 0; k-- {
		nextSingle[k] = next
		sameAfter[k] = sameAfter[k+1]
		m := ms[k]
		switch {
		case !m.single:
			next = -1
			if m.guillemets() {
				sameAfter[k][1]++
			} else {
				sameAfter[k][0]++
			}
		case m.glyph == dirClose && m.flank == dirClose:
			next = k
		}
	}
	family := func(m quoteMark) int {
		if m.guillemets() {
			return 1
		}
		return 0
	}

	var open *quoteMark
	depth := 0        // nested double quotations of the open one's family
	singleClose := -1 // index of the mark that closes an open single quotation
	group := carry
	openMark := func(m quoteMark) {
		mm := m
		open, depth = &mm, 0
		if group < 0 {
			group = f.groups
			f.groups++
		}
	}
	emit := func(close entities.Span, end int, split bool) {
		pc := quotePiece{open: open.Span, close: close, style: open.style, group: group, para: pi, split: split}
		pc.content = trimQuoteSpan(f.text, entities.Span{Start: open.End, End: end})
		pc.continued = group == carry && carry >= 0
		f.addPiece(pc)
		open, group = nil, -1
	}
	for k, m := range ms {
		switch {
		case open == nil && m.single:
			if m.glyph == dirOpen && m.flank == dirOpen && !markElision(f.text, m.End, p.End) && nextSingle[k] >= 0 {
				openMark(m)
				singleClose = nextSingle[k]
			}
		case open == nil:
			if m.resolve(false) == dirClose {
				// 6'2" and 30" are measures, not stray marks.
				if m.style != styleStraight || m.Start == p.Start || !isASCIIDigit(f.text[m.Start-1]) {
					f.problem(m.Span, problemStray)
				}
				continue
			}
			openMark(m)
		case open.single:
			if k == singleClose {
				emit(m.Span, m.Start, false)
			}
		case m.single || family(m) != family(*open):
			// nested quotation or apostrophe: content
		default:
			d := m.resolve(true)
			if d == dirOpen {
				// A quotation inside: marks of another style (“Equal Justice”
				// inside "..."), or of the same style when the marks left
				// in the paragraph cannot all pair among themselves.
				if m.style != open.style || sameAfter[k][family(m)]%2 == 1 {
					depth++
					continue
				}
				// The open quotation was never closed: it ends here and a
				// new one opens.
				f.problem(open.Span, problemUnclosed)
				emit(entities.Span{Start: m.Start, End: m.Start}, m.Start, true)
				openMark(m)
				continue
			}
			if depth > 0 {
				depth--
				continue
			}
			emit(m.Span, m.Start, false)
		}
	}
	if open == nil {
		return -1, entities.Span{}
	}
	// Left open at the paragraph end: the piece ends here; the caller
	// decides whether the next paragraph continues it.
	g, o := group, open.Span
	emit(entities.Span{Start: p.End, End: p.End}, p.End, false)
	return g, o
}

// addPiece appends a piece unless its content holds no word.
func (f *quoteFinder) addPiece(pc quotePiece) {
	c := pc.content.In(f.text)
	if !quoteHasWord(c) {
		return
	}
	pc.nested = strings.ContainsAny(c, "\"\u201c\u201d\u2018\u00ab\u00bb") || strings.Contains(c, "''") || strings.Contains(c, " '")
	f.pieces = append(f.pieces, pc)
}

func (f *quoteFinder) problem(s entities.Span, msg string) {
	f.problems = append(f.problems, Problem{Span: s, Message: msg})
}

// resolve returns the direction of m, given whether a quotation of its
// family is open. Neighbours that tell beyond doubt win over the glyph (a
// scraper's “ after the last word closes); then the glyph; then the state.
func (m quoteMark) resolve(isOpen bool) markDir {
	switch {
	case m.strong:
		return m.flank
	case m.flank != dirEither && (m.glyph == dirEither || m.glyph == m.flank):
		return m.flank
	case m.glyph != dirEither:
		return m.glyph
	case isOpen:
		return dirClose
	}
	return dirOpen
}

// scanQuoteMarks appends the quotation marks of paragraph p to out. It
// skips markup tags (<tweet id="...">) and attribute values, and leaves
// single straight apostrophes out.
func scanQuoteMarks(text string, p entities.Span, out []quoteMark) []quoteMark {
	for i := p.Start; i < p.End; {
		c := text[i]
		switch {
		case c == '<':
			i = skipMarkupTag(text, i, p.End)
		case c == straightDouble:
			switch {
			case i > p.Start && text[i-1] == '=':
				// An attribute value: skip to its closing mark.
				if j := strings.IndexByte(text[i+1:p.End], '"'); j >= 0 {
					i += j + 2
					continue
				}
			case i+1 < p.End && text[i+1] == '>', i+2 < p.End && text[i+1] == '/' && text[i+2] == '>':
				// The end of a tag's last attribute.
			default:
				out = appendMark(text, p, out, newQuoteMark(text, p, i, i+1, i, i+1, styleStraight, dirEither, false))
			}
			i++
		case c == straightSingle || c == backtick:
			j := i
			for j < p.End && text[j] == c {
				j++
			}
			out = appendMarkRun(text, p, i, j, c, out)
			i = j
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRuneInString(text[i:p.End])
			switch r {
			case leftDouble, lowDouble:
				out = appendMark(text, p, out, newQuoteMark(text, p, i, i+n, i, i+n, styleCurly, dirOpen, false))
			case rightDouble:
				out = appendMark(text, p, out, newQuoteMark(text, p, i, i+n, i, i+n, styleCurly, dirClose, false))
			case leftGuillemet:
				out = appendMark(text, p, out, newQuoteMark(text, p, i, i+n, i, i+n, styleGuillemet, dirOpen, false))
			case rightGuillemet:
				out = appendMark(text, p, out, newQuoteMark(text, p, i, i+n, i, i+n, styleGuillemet, dirClose, false))
			case leftSingle, rightSingle:
				glyph := dirOpen
				if r == rightSingle {
					glyph = dirClose
				}
				if r2, n2 := utf8.DecodeRuneInString(text[i+n : p.End]); r2 == r {
					// Two curly singles stand for a double mark.
					out = appendMark(text, p, out, newQuoteMark(text, p, i, i+n+n2, i, i+n+n2, styleWire, glyph, false))
					n += n2
				} else {
					out = append(out, newQuoteMark(text, p, i, i+n, i, i+n, styleSingle, glyph, true))
				}
			}
			i += n
		}
	}
	return out
}

// appendMark appends m to out, or merges it into the mark just before
// when the two touch and one repeats the other in another style ("“ or
// ”"): scrapers double marks when they convert them.
func appendMark(text string, p entities.Span, out []quoteMark, m quoteMark) []quoteMark {
	if n := len(out); n > 0 {
		last := out[n-1]
		if last.End == m.Start && !last.single && !m.single && last.style != m.style &&
			(last.glyph == dirEither || m.glyph == dirEither || last.glyph == m.glyph) {
			glyph := last.glyph
			if glyph == dirEither {
				glyph = m.glyph
			}
			style := last.style
			if style == styleStraight {
				style = m.style
			}
			out[n-1] = newQuoteMark(text, p, last.Start, m.End, last.Start, m.End, style, glyph, false)
			return out
		}
	}
	return append(out, m)
}

// skipMarkupTag returns the offset after a markup tag that starts at i (<tweet
// ...>, </b>), or i+1 when there is none.
func skipMarkupTag(text string, i, end int) int {
	if i+1 >= end {
		return i + 1
	}
	c := text[i+1]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!') {
		return i + 1
	}
	limit := min(end, i+maxTagBytes)
	for j := i + 1; j < limit; j++ {
		switch text[j] {
		case '>':
			return j + 1
		case '<':
			return i + 1
		}
	}
	return i + 1
}

// appendMarkRun appends the marks of a run [s, e) of straight apostrophes or
// backticks. One apostrophe is not a mark; two are a wire double mark;
// three are a double mark and a nested single one, the double on the
// outside.
func appendMarkRun(text string, p entities.Span, s, e int, c byte, out []quoteMark) []quoteMark {
	n := e - s
	if n < 2 {
		return out
	}
	glyph := dirEither
	if c == backtick {
		glyph = dirOpen
	}
	probe := newQuoteMark(text, p, s, s+2, s, e, styleWire, glyph, false)
	opens := probe.resolve(false) == dirOpen
	pairs := n / 2
	at := s
	if n%2 == 1 && !opens {
		at++ // the single mark closes a nested quotation first
	}
	for k := 0; k < pairs; k++ {
		m := probe
		m.Span = entities.Span{Start: at + 2*k, End: at + 2*k + 2}
		out = append(out, m)
	}
	return out
}

// newQuoteMark builds the mark at [s, e); its neighbours are read around
// [ns, ne), the whole run of marks it belongs to.
func newQuoteMark(text string, p entities.Span, s, e, ns, ne int, style quoteStyle, glyph markDir, single bool) quoteMark {
	m := quoteMark{Span: entities.Span{Start: s, End: e}, style: style, glyph: glyph, single: single}
	prev, next := ' ', ' '
	if ns > p.Start {
		prev, _ = utf8.DecodeLastRuneInString(text[p.Start:ns])
	}
	if ne < p.End {
		next, _ = utf8.DecodeRuneInString(text[ne:p.End])
	}
	prevSpace, nextSpace := unicode.IsSpace(prev), unicode.IsSpace(next)
	switch {
	case prevSpace && !nextSpace:
		m.flank, m.strong = dirOpen, true
	case !prevSpace && nextSpace:
		m.flank, m.strong = dirClose, true
	case prevSpace && nextSpace:
		m.flank = dirEither
	case flankOpens(prev) && !flankCloses(next):
		m.flank = dirOpen
	case flankCloses(next) && !flankOpens(prev):
		m.flank = dirClose
	}
	return m
}

// flankOpens reports whether r, just before a mark, shows that the mark
// opens: an opening bracket or a dash.
func flankOpens(r rune) bool {
	switch r {
	case '(', '[', '{', '-', '/', '\u2013', '\u2014', leftSingle, leftDouble, leftGuillemet:
		return true
	}
	return false
}

// flankCloses reports whether r, just after a mark, shows that the mark
// closes: punctuation that ends a clause or a closing bracket.
func flankCloses(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '\u2026', rightSingle, rightDouble, rightGuillemet:
		return true
	}
	return false
}

// markElision reports whether a left single mark before text[at:end]
// marks an elision rather than a quotation ('90s, 'n', 'em, 'til).
func markElision(text string, at, end int) bool {
	if at >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[at:end])
	if unicode.IsDigit(r) {
		return true
	}
	w := at
	for w < end {
		r, n := utf8.DecodeRuneInString(text[w:end])
		if !unicode.IsLetter(r) {
			break
		}
		w += n
	}
	switch strings.ToLower(text[at:w]) {
	case "n", "em", "til", "tis", "twas", "cause", "bout", "round", "nuff":
		return true
	}
	return false
}

// trimQuoteSpan narrows s past white space at both ends.
func trimQuoteSpan(text string, s entities.Span) entities.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// isASCIIDigit reports whether c is 0 to 9.
func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// quoteHasWord reports whether s holds a letter or a digit.
func quoteHasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// cueClause reports whether text[s:e], between two quotations of one
// paragraph, is a short cue clause: a few words holding a speech verb, with
// no sentence end but at its very end.
func (f *quoteFinder) cueClause(s, e int) bool {
	if e-s > 400 {
		return false
	}
	i, j := f.doc.TokensIn(entities.Span{Start: s, End: e})
	if j <= i {
		return false
	}
	switch f.doc.Tokens[j-1].Text {
	case ".", ",", ":", "\u2014", "--", "\u2013":
	default:
		return false
	}
	words, cue := 0, false
	for k := i; k < j; k++ {
		t := f.doc.Tokens[k]
		switch t.Text {
		case ".", "?", "!", ";":
			if k != j-1 {
				return false
			}
			continue
		}
		if quoteHasWord(t.Text) {
			words++
			cue = cue || quoteCueVerb(t)
		}
	}
	return cue && words <= maxCueClauseWords
}

// quoteSpeechVerb reports whether t is a verb of saying. The finder keeps its
// own short list of the verbs that frame quotations in news copy, narrower
// than the cue lexicon: here a false cue keeps a scare quote in the
// output.
func quoteSpeechVerb(t entities.Token) bool {
	w := strings.ToLower(t.Text)
	if !quoteSpeechVerbs[w] {
		return false
	}
	// The tagger takes some sentence-final "said" and "says" for nouns.
	return strings.HasPrefix(t.Tag, "VB") || w == "said" || w == "says" || w == "told" || w == "added" || w == "asked" || w == "wrote"
}

// quoteCueVerb reports whether t is a verb of saying in a place where only a
// cue may stand (right before or after a quotation, or between two pieces of
// one): there the cue lexicon's wider list of speech verbs applies (she
// elaborated, Trump assured Jones).
func quoteCueVerb(t entities.Token) bool {
	if quoteSpeechVerb(t) {
		return true
	}
	w, ok := lookupCue(t.Text)
	return ok && w.Class == Speech && !w.Noun && strings.HasPrefix(t.Tag, "VB")
}

// quoteSpeechVerbs are the forms of the verbs that frame quotations.
var quoteSpeechVerbs = func() map[string]bool {
	m := make(map[string]bool)
	for _, f := range strings.Fields(`
		say said says saying tell told tells telling add added adds adding
		ask asked asks asking write wrote writes written writing
		tweet tweeted tweets tweeting explain explained explains explaining
		note noted notes noting recall recalled recalls recalling
		insist insisted insists insisting argue argued argues arguing
		claim claimed claims claiming declare declared declares declaring
		reply replied replies replying respond responded responds responding
		warn warned warns warning continue continued continues
		announce announced announces announcing acknowledge acknowledged acknowledges
		admit admitted admits admitting concede conceded concedes
		predict predicted predicts promise promised promises vow vowed vows
		quip quipped quips joke joked jokes exclaim exclaimed exclaims
		shout shouted shouts shouting yell yelled yells yelling
		chant chanted chants chanting scream screamed screams screaming
		cry cried cries whisper whispered whispers
		testify testified testifies suggest suggested suggests
		read reads reading remark remarked remarks observe observed observes
		state stated mutter muttered boast boasted boasts
		complain complained complains retort retorted lament lamented laments
		recount recounted recounts describe described describes describing
		call called calls calling`) {
		m[f] = true
	}
	return m
}()

// quote builds the Quote of piece i with the evidence about its marks and
// position; its kind is decided later, by group.
func (f *quoteFinder) quote(i int) Quote {
	pc := f.pieces[i]
	q := Quote{Span: pc.content, Text: pc.content.In(f.text), Group: pc.group, Open: pc.open, Close: pc.close}
	q.Evidence.Flag("quote.mark." + quoteStyleNames[pc.style])
	if !pc.close.Empty() {
		q.Evidence.Flag("quote.closed")
	}
	if pc.continued {
		q.Evidence.Flag("quote.continued")
	}
	if pc.interrupted {
		q.Evidence.Flag("quote.interrupted")
	}
	if pc.split {
		q.Evidence.Flag("quote.split")
	}
	if pc.nested {
		q.Evidence.Flag("quote.nested")
	}
	return q
}

// quoteShape is what the finder observes around one piece.
type quoteShape struct {
	words         int
	verb          bool
	title         bool
	upper         bool // the content starts with a capital letter
	paraStart     bool
	sentenceStart bool
	afterColon    bool
	afterComma    bool
	endsSentence  bool // the content or the text after it ends a sentence
	cueBefore     bool
	cueAfter      bool
	cueInSentence bool
	saidBefore    bool   // a verb of saying stands right before the opening mark
	intro         string // the word that introduces a term (so-called, dubbed)
	nextIsQuote   bool
	byline        bool // "Title," by Jane Doe
}

// classify builds the Quote of every piece and decides its kind and
// group. A piece that follows a direct one in the same paragraph after
// only a short cue clause joins its group ("A," she said. "B."); the pieces
// that continue a quotation over paragraphs take the kind of its first
// piece. Groups are then numbered from 0 in text order.
func (f *quoteFinder) classify() []Quote {
	quotes := make([]Quote, 0, len(f.pieces))
	kindOf := make(map[int]Kind) // group -> kind of its first quotePiece
	joined := make(map[int]int)  // group -> the group it joined
	for i := range f.pieces {
		pc := &f.pieces[i]
		if g, ok := joined[pc.group]; ok {
			pc.group = g
		}
		sh := f.shape(*pc)
		// A piece with a cue clause of its own starts a new statement
		// ("Yes," he said. "No," she said.).
		if i > 0 && !pc.continued && !sh.cueAfter {
			prev := f.pieces[i-1]
			if prev.para == pc.para && !prev.close.Empty() && kindOf[prev.group] == Direct && f.cueClause(prev.close.End, pc.open.Start) {
				joined[pc.group] = prev.group
				pc.group, pc.interrupted = prev.group, true
			}
		}
		q := f.quote(i)
		f.record(&q, sh)
		k, reason := sh.kind(*pc)
		if first, ok := kindOf[pc.group]; ok {
			k, reason = first, ""
		} else {
			kindOf[pc.group] = k
		}
		q.Kind = k
		if reason != "" {
			q.Evidence.Flag("quote.term." + reason)
		}
		quotes = append(quotes, q)
	}
	number := make(map[int]int)
	for i := range quotes {
		g, ok := number[quotes[i].Group]
		if !ok {
			g = len(number)
			number[quotes[i].Group] = g
		}
		quotes[i].Group = g
	}
	return quotes
}

// kind decides the kind of one piece from its shape, and for a term the
// reason.
func (sh quoteShape) kind(pc quotePiece) (Kind, string) {
	start := sh.paraStart || sh.sentenceStart || sh.afterColon ||
		(sh.cueBefore && (sh.upper || pc.interrupted)) || pc.continued
	end := sh.endsSentence || sh.cueAfter || sh.nextIsQuote || pc.close.Empty()
	statement := start && end
	switch {
	case sh.intro != "" && sh.words <= maxTitleWords && !sh.cueAfter:
		return Term, "intro"
	case statement:
		return Direct, ""
	case sh.title && sh.words <= maxTitleWords && !sh.saidBefore:
		return Term, "title"
	case sh.byline && sh.upper:
		return Term, "byline"
	case !sh.verb && sh.words <= maxTermWords && !sh.cueInSentence:
		return Term, "fragment"
	}
	return Partial, ""
}

// record adds the shape's features to q's evidence.
func (f *quoteFinder) record(q *Quote, sh quoteShape) {
	q.Evidence.Add("quote.words", float64(sh.words))
	flags := []struct {
		on   bool
		name string
	}{
		{sh.verb, "quote.verb"}, {sh.title, "quote.title_case"}, {sh.upper, "quote.capital"},
		{sh.paraStart, "quote.paragraph_start"}, {sh.sentenceStart, "quote.sentence_start"},
		{sh.afterColon, "quote.after_colon"}, {sh.afterComma, "quote.after_comma"},
		{sh.endsSentence, "quote.sentence_end"}, {sh.cueBefore, "quote.cue_before"},
		{sh.cueAfter, "quote.cue_after"}, {sh.cueInSentence, "quote.cue_in_sentence"},
		{sh.nextIsQuote, "quote.next_quote"}, {sh.byline, "quote.byline"},
	}
	for _, fl := range flags {
		if fl.on {
			q.Evidence.Flag(fl.name)
		}
	}
	if sh.intro != "" {
		q.Evidence.Flag("quote.intro." + sh.intro)
	}
}

// shape reads the content of piece pc and the sentence around it.
func (f *quoteFinder) shape(pc quotePiece) quoteShape {
	var sh quoteShape
	text := pc.content.In(f.text)
	para := f.doc.Paragraphs[pc.para]
	toks := f.doc.Tokens
	ci, cj := f.doc.TokensIn(pc.content)
	small, capitals := 0, 0
	for k := ci; k < cj; k++ {
		t := toks[k]
		if !quoteHasWord(t.Text) {
			continue
		}
		sh.words++
		if r, _ := utf8.DecodeRuneInString(t.Text); r == straightSingle || r == rightSingle {
			small++ // 's and n't inside a title
			continue
		}
		if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
			sh.verb = true
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			capitals++
		case quoteTitleSmallWords[strings.ToLower(t.Text)] && sh.words > 1:
			small++
		}
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsUpper(r) {
		sh.upper = true
	}
	sh.title = sh.words > 0 && sh.upper && capitals+small == sh.words

	// Before the opening mark.
	before := strings.TrimRightFunc(f.text[para.Start:pc.open.Start], unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(before)
	switch {
	case len(before) <= maxBulletBytes && strings.TrimLeft(before, "-\u2013\u2014\u2022*>") == "":
		sh.paraStart = true
	case last == ':':
		sh.afterColon = true
	case last == ',':
		sh.afterComma = true
	case last == '.' || last == '?' || last == '!':
		// A period that ends an abbreviation (the U.S. "holding summits")
		// starts no sentence unless a capital follows.
		sh.sentenceStart = sh.upper || !strings.HasSuffix(before, ".") || f.sentencePeriodBefore(pc.open.Start)
	case closingMarkRune(last):
		b := strings.TrimRightFunc(before, func(r rune) bool { return closingMarkRune(r) || unicode.IsSpace(r) })
		l, _ := utf8.DecodeLastRuneInString(b)
		sh.sentenceStart = l == '.' || l == '?' || l == '!'
	}
	content := strings.TrimRightFunc(text, func(r rune) bool { return closingMarkRune(r) || unicode.IsSpace(r) })
	if l, _ := utf8.DecodeLastRuneInString(content); l == '.' || l == '?' || l == '!' || l == '\u2026' {
		sh.endsSentence = true
	}

	// After the closing mark.
	afterAt := pc.close.End
	if pc.close.Empty() {
		afterAt = para.End
	}
	after := strings.TrimLeftFunc(f.text[afterAt:para.End], unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(after)
	switch {
	case after == "" || r == '.' || r == '?' || r == '!':
		sh.endsSentence = true
	case quoteByline(after):
		sh.byline = true
	case dashSourceAfter(after):
		sh.endsSentence = true
	case r == '"' || r == leftDouble || r == leftGuillemet || strings.HasPrefix(after, "''") || strings.HasPrefix(after, "``"):
		sh.nextIsQuote = true
	}

	// Words before the opening mark, back to the sentence start.
	oi := f.doc.TokenAt(pc.open.Start)
	if pc.open.Empty() {
		oi = ci
	}
	var prevWords []string
	for k, n := oi-1, 0; k >= 0 && n < quoteContextTokens && toks[k].Start >= para.Start; k, n = k-1, n+1 {
		t := toks[k]
		if quoteSentenceEnd(t.Text) {
			break
		}
		if !quoteHasWord(t.Text) {
			continue
		}
		if quoteSpeechVerb(t) {
			sh.cueInSentence = true
		}
		if len(prevWords) < 4 && quoteCueVerb(t) {
			sh.cueBefore = true
			if len(prevWords) == 0 {
				w := strings.ToLower(t.Text)
				sh.saidBefore = !strings.HasPrefix(w, "tell") && w != "told" && !strings.HasPrefix(w, "ask")
			}
		}
		if strings.ToLower(t.Text) == "according" && len(prevWords) < 6 {
			sh.cueBefore = true
		}
		prevWords = append(prevWords, strings.ToLower(t.Text))
	}
	sh.intro = quoteTermIntro(prevWords, toks, oi)
	// A quotation right after a possessive, a determiner or a preposition
	// fills a noun slot in the writer's sentence (on NBC's "Meet the
	// Press"), whatever verb stands before.
	if k := oi - 1; k >= 0 && toks[k].Start >= para.Start && quoteNounSlot(toks[k]) {
		sh.cueBefore, sh.saidBefore = false, false
	}

	// Words after the closing mark, up to the sentence end.
	ai := cj
	if !pc.close.Empty() {
		ai = f.doc.TokenAt(pc.close.End)
	}
	// A cue clause comes first: a speech verb before any other verb or
	// conjunction (", said Jane Doe, a lawyer." but not ", and donations
	// began to pick up, he said.").
	clause := sh.separated(text, f.text[afterAt:para.End])
	for k, n, w := ai, 0, 0; k < len(toks) && n < quoteContextTokens && toks[k].Start < para.End; k, n = k+1, n+1 {
		t := toks[k]
		if quoteSentenceEnd(t.Text) || t.Tag == "``" && w > 0 {
			break
		}
		if !quoteHasWord(t.Text) {
			continue
		}
		w++
		switch {
		case clause && w <= maxCueClauseWords && quoteCueVerb(t):
			sh.cueAfter = true
			clause = false
		case t.Tag == "VB" || t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD" || t.Tag == "CC" || t.Tag == "IN" && w == 1:
			clause = false
		}
		if quoteSpeechVerb(t) {
			sh.cueInSentence = true
		}
	}
	return sh
}

// separated reports whether a quotation (content text, followed by after)
// ends in punctuation that sets off what follows, as before a cue clause
// ("...," she said / "...?" he asked / "..." — she said), rather than
// running on as the subject of the writer's sentence ("Hypo-Cruz" posted
// the video).
func (sh quoteShape) separated(text, after string) bool {
	content := strings.TrimRightFunc(text, func(r rune) bool { return closingMarkRune(r) || unicode.IsSpace(r) })
	if l, _ := utf8.DecodeLastRuneInString(content); strings.ContainsRune(",.?!:;\u2014\u2013-\u2026", l) {
		return true
	}
	after = strings.TrimLeftFunc(after, unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune(",\u2014\u2013-(", r)
}

// quoteNounSlot reports whether a quotation right after token t fills a noun
// slot: t is a possessive, a determiner, a preposition or an adjective.
func quoteNounSlot(t entities.Token) bool {
	switch t.Tag {
	case "POS", "DT", "IN", "PRP$", "JJ", "JJR", "JJS", "CD":
		return true
	}
	w := t.Text
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "\u2019s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s\u2019")
}

// dashSourceAfter reports whether the text after a quotation opens with a dash
// and a capital, as a source set off after a statement ("..." — Jane
// Doe).
func dashSourceAfter(after string) bool {
	for _, d := range []string{"\u2014", "\u2013", "--"} {
		if rest, ok := strings.CutPrefix(after, d); ok {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
			return unicode.IsUpper(r)
		}
	}
	return false
}

// quoteByline reports whether the text after a quotation names its author
// (, by Jane Doe), as after the title of an article or a book.
func quoteByline(after string) bool {
	after = strings.TrimLeft(after, ", ")
	if !strings.HasPrefix(after, "by ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after[3:])
	return unicode.IsUpper(r)
}

// sentencePeriodBefore reports whether the token just before offset is a period
// of its own, as the tokenizer leaves a sentence-final one, rather than the end
// of an abbreviation (U.S., Mr.).
func (f *quoteFinder) sentencePeriodBefore(offset int) bool {
	k := f.doc.TokenAt(offset) - 1
	return k >= 0 && f.doc.Tokens[k].Text == "."
}

// quoteTermIntro returns the word before a quotation that introduces a term or
// a name rather than speech (the so-called "peace dividend", the word
// "woke", an account called "Hypo-Cruz"), or "". prev holds the words
// before the opening mark, nearest first, in lower case; oi is the index of
// the opening mark's token.
func quoteTermIntro(prev []string, toks []entities.Token, oi int) string {
	if len(prev) == 0 {
		return ""
	}
	switch prev[0] {
	case "so-called", "dubbed", "nicknamed", "titled", "entitled", "branded", "labeled", "labelled", "termed", "coined":
		return strings.ReplaceAll(prev[0], "-", "_")
	case "word", "words", "term", "terms", "phrase", "phrases", "slogan", "slogans", "label", "hashtag", "motto", "catchphrase", "nickname", "moniker":
		// the word "woke", not in her words "..."
		if len(prev) > 1 && quoteDeterminers[prev[1]] {
			return "noun"
		}
	case "as":
		if len(prev) > 1 && (prev[1] == "known" || prev[1] == "referred" || prev[1] == "billed") {
			return "known_as"
		}
	case "called", "named":
		// Naming after a noun (a group called "X"), not a speaker calling
		// someone something (Trump called it "a disaster").
		k := oi - 2
		for k >= 0 && !quoteHasWord(toks[k].Text) {
			k--
		}
		if k >= 0 && strings.HasPrefix(toks[k].Tag, "NN") && !strings.HasPrefix(toks[k].Tag, "NNP") {
			return prev[0]
		}
	}
	return ""
}

var quoteDeterminers = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true}

// quoteTitleSmallWords may stay lower case inside a title.
var quoteTitleSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "nor": true, "but": true,
	"for": true, "to": true, "in": true, "on": true, "at": true, "by": true, "with": true, "from": true,
	"as": true, "vs": true, "vs.": true, "via": true, "per": true, "into": true, "&": true,
}

func quoteSentenceEnd(s string) bool { return s == "." || s == "?" || s == "!" }

func closingMarkRune(r rune) bool {
	switch r {
	case straightDouble, straightSingle, rightDouble, rightSingle, rightGuillemet:
		return true
	}
	return false
}
