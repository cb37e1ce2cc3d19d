package main

import (
	"strings"

	"github.com/whosaid/whosaid/entities"
	"golang.org/x/net/html"
)

// htmlText is the article text extracted from an HTML page, with a map from
// each of its bytes back to the page.
//
// Text byte i came from the source bytes [from[i], to[i]): the byte itself
// for plain text, the whole entity for a decoded character reference (all
// three bytes of ” point at "&rdquo;"), and an empty range at the tag that
// caused it for the blank lines that separate blocks.
type htmlText struct {
	text     string
	from, to []int
}

// sourceSpan maps a span of the extracted text to the span of the HTML
// source it came from: from the start of its first byte's source to the end
// of its last byte's source. An empty span maps to an empty span at its
// start; a span that does not fit the text maps to the zero span.
func (h *htmlText) sourceSpan(s entities.Span) entities.Span {
	switch {
	case s.Start < 0 || s.End > len(h.text) || s.Start > s.End:
		return entities.Span{}
	case s.Start == len(h.text):
		end := 0
		if n := len(h.to); n > 0 {
			end = h.to[n-1]
		}
		return entities.Span{Start: end, End: end}
	case s.Start == s.End:
		return entities.Span{Start: h.from[s.Start], End: h.from[s.Start]}
	}
	return entities.Span{Start: h.from[s.Start], End: max(h.to[s.End-1], h.from[s.Start])}
}

// skippedElements are left out with everything inside them: code, styling,
// page furniture and captions.
var skippedElements = map[string]bool{
	"head": true, "title": true, "script": true, "style": true, "noscript": true, "template": true,
	"nav": true, "header": true, "footer": true, "aside": true, "figcaption": true, "form": true,
	"button": true, "select": true, "textarea": true, "svg": true, "math": true, "iframe": true,
	"object": true, "canvas": true, "audio": true, "video": true,
}

// blockElements start and end a paragraph of the extracted text.
var blockElements = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "blockquote": true, "div": true, "section": true,
	"article": true, "main": true, "figure": true, "pre": true, "table": true, "tr": true,
	"td": true, "th": true, "ul": true, "ol": true, "dl": true, "hr": true, "body": true,
	"address": true, "details": true, "summary": true,
}

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// skippedRoles are ARIA roles of page furniture.
var skippedRoles = map[string]bool{
	"navigation": true, "menu": true, "menubar": true, "banner": true, "contentinfo": true,
	"complementary": true, "search": true, "caption": true,
}

// skippedClassWords are the words of class and id names that mark captions
// and navigation: "photo-caption", "site_nav", "main-menu".
var skippedClassWords = map[string]bool{
	"caption": true, "captions": true, "nav": true, "navbar": true, "navigation": true, "menu": true,
	"breadcrumb": true, "breadcrumbs": true, "sidebar": true,
}

// skipAttributes reports whether the attributes of an element mark it as
// page furniture: a navigation or caption role, class or id, or hidden.
func skipAttributes(attrs []html.Attribute) bool {
	for _, a := range attrs {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "role":
			for _, r := range strings.Fields(strings.ToLower(a.Val)) {
				if skippedRoles[r] {
					return true
				}
			}
		case "class", "id":
			words := strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
				return r == ' ' || r == '\t' || r == '\n' || r == '-' || r == '_'
			})
			for _, w := range words {
				if skippedClassWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// htmlBuilder accumulates the extracted text and its map.
type htmlBuilder struct {
	text     []byte
	from, to []int
	// space is set when white space was seen since the last text byte; it
	// becomes one space before the next text in the same block.
	space     bool
	spaceAt   int
	spaceTo   int
	breakAt   int
	needBreak bool
}

// add appends the bytes s, which came from source [from, to).
func (b *htmlBuilder) add(s string, from, to int) {
	for i := 0; i < len(s); i++ {
		b.text = append(b.text, s[i])
		b.from = append(b.from, from)
		b.to = append(b.to, to)
	}
}

// emit appends text that is not white space, preceded by the pending block
// break or space.
func (b *htmlBuilder) emit(s string, from, to int) {
	if len(b.text) > 0 {
		switch {
		case b.needBreak:
			b.add("\n\n", b.breakAt, b.breakAt)
		case b.space:
			b.add(" ", b.spaceAt, b.spaceTo)
		}
	}
	b.needBreak, b.space = false, false
	b.add(s, from, to)
}

// emitRun appends the plain text run, which starts at source offset at,
// mapping each byte to itself.
func (b *htmlBuilder) emitRun(run []byte, at int) {
	b.emit(string(run[:1]), at, at+1)
	for k := 1; k < len(run); k++ {
		b.add(string(run[k:k+1]), at+k, at+k+1)
	}
}

// white notes white space from source [from, to).
func (b *htmlBuilder) white(from, to int) {
	if !b.space {
		b.space, b.spaceAt, b.spaceTo = true, from, to
	}
}

// blockBoundary notes a block start or end at source offset at.
func (b *htmlBuilder) blockBoundary(at int) {
	if !b.needBreak {
		b.needBreak, b.breakAt = true, at
	}
}

// textRun adds the raw character data raw, which starts at source offset at:
// character references are decoded, white space runs fold into one space,
// and no-break spaces count as white space.
func (b *htmlBuilder) textRun(raw []byte, at int) {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			b.white(at+i, at+i+1)
			i++
		case c == '&':
			n := entityLength(raw[i:])
			if n == 0 {
				b.emit("&", at+i, at+i+1)
				i++
				continue
			}
			dec := html.UnescapeString(string(raw[i : i+n]))
			if dec == "\u00a0" || strings.TrimSpace(dec) == "" {
				b.white(at+i, at+i+n)
			} else {
				b.emit(dec, at+i, at+i+n)
			}
			i += n
		case c == 0xC2 && i+1 < len(raw) && raw[i+1] == 0xA0: // U+00A0 no-break space
			b.white(at+i, at+i+2)
			i += 2
		default:
			j := i + 1
			for j < len(raw) && !stopsRun(raw[j]) {
				j++
			}
			b.emitRun(raw[i:j], at+i)
			i = j
		}
	}
}

// stopsRun reports whether c may start white space or a character
// reference, which end a run of plain text.
func stopsRun(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '&' || c == 0xC2
}

// entityLength returns the length of the character reference at the start
// of s ("&amp;", "&#8221;", "&#x201D;", or a legacy name such as "&amp"
// without its semicolon), or 0 when s does not start with one.
func entityLength(s []byte) int {
	if len(s) < 2 || s[0] != '&' {
		return 0
	}
	i := 1
	if s[1] == '#' {
		i = 2
		hex := i < len(s) && (s[i] == 'x' || s[i] == 'X')
		if hex {
			i++
		}
		start := i
		for i < len(s) && (isDigit(s[i]) || hex && isHexLetter(s[i])) {
			i++
		}
		if i == start {
			return 0
		}
	} else {
		for i < len(s) && (isDigit(s[i]) || isLetter(s[i])) {
			i++
		}
		if i == 1 {
			return 0
		}
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	ref := string(s[:i])
	if html.UnescapeString(ref) == ref {
		return 0
	}
	return i
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isLetter(c byte) bool    { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isHexLetter(c byte) bool { return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// extractHTML returns the article text of an HTML page: the text of its
// block elements (paragraphs, headings, list items, block quotes, divs)
// separated by blank lines, with white space folded and character
// references decoded, leaving out scripts, styles, navigation, headers,
// footers, asides, figure captions and elements whose class, id or role
// marks them as captions or navigation. It never fails: broken markup gives
// whatever text the tokenizer finds.
func extractHTML(src string) *htmlText {
	var b htmlBuilder
	z := html.NewTokenizer(strings.NewReader(src))
	type open struct {
		name string
		skip bool
	}
	var stack []open
	openCount := make(map[string]int) // open elements by name
	skipping := 0                     // how many open elements are skipped
	offset := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		at := offset
		offset += len(raw)
		switch tt {
		case html.TextToken:
			if skipping == 0 {
				b.textRun(raw, at)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var attrs []html.Attribute
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			if blockElements[tag] || tag == "br" {
				if tag == "br" {
					b.white(at, at)
				} else {
					b.blockBoundary(at)
				}
			}
			if tt == html.SelfClosingTagToken || voidElements[tag] {
				continue
			}
			skip := skippedElements[tag] || skipAttributes(attrs)
			stack = append(stack, open{tag, skip})
			openCount[tag]++
			if skip {
				skipping++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if blockElements[tag] {
				b.blockBoundary(at)
			}
			if openCount[tag] == 0 {
				continue // a stray end tag
			}
			// Close the element and any left open inside it.
			for {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				openCount[o.name]--
				if o.skip {
					skipping--
				}
				if o.name == tag {
					break
				}
			}
		}
	}
	return &htmlText{text: string(b.text), from: b.from, to: b.to}
}
