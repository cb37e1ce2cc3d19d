package main

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/whosaid/whosaid/attribution"
)

// This file labels system quotes against gold annotations with the rules of
// ../shared/eval/score.py (default, non-exact mode), so that the examples
// the model is fitted on are judged as the scorer judges them.

// goldQuote is one annotated quote of a gold document.
type goldQuote struct {
	Start          int      `json:"start"`
	End            int      `json:"end"`
	Kind           string   `json:"kind"`
	Speaker        string   `json:"speaker"`
	SpeakerStart   *int     `json:"speaker_start"`
	SpeakerEnd     *int     `json:"speaker_end"`
	SpeakerSpans   [][]int  `json:"speaker_spans"`
	SpeakerAliases []string `json:"speaker_aliases"`
	AcceptSpeakers []string `json:"accept_speakers"`
	Optional       bool     `json:"optional"`
}

// status is what the scorer makes of a system quote.
type status int8

const (
	// ignored quotes count neither way (inside a matched gold quote, a
	// partial inside any gold quote, or matching an optional gold row).
	ignored status = iota
	// wrong quotes match no gold quote, or match one with the wrong speaker.
	wrong
	// right quotes match a gold quote and have an acceptable speaker.
	right
)

// edge holds the characters score.py trims from both ends of a span.
const edge = " \t\r\n\u00a0\"'`.,;:!?()[]{}-\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013\u2026"

// pronouns are the gold speaker names that only a span match can confirm.
var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "i": true, "we": true,
	"you": true, "him": true, "her": true, "them": true, "his": true, "its": true, "their": true, "who": true, "which": true}

type span struct{ start, end int }

// trimmed returns [s, e) clamped to text and without the edge characters
// at both ends; an empty result is (s, s).
func trimmed(text string, s, e int) span {
	s, e = max(0, s), min(len(text), e)
	if e <= s {
		return span{s, s}
	}
	t := text[s:e]
	a, b := 0, len(t)
	for a < b {
		r, n := utf8.DecodeRuneInString(t[a:])
		if r == utf8.RuneError || !strings.ContainsRune(edge, r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(t[a:b])
		if r == utf8.RuneError || !strings.ContainsRune(edge, r) {
			break
		}
		b -= n
	}
	if a >= b {
		return span{s, s}
	}
	return span{s + a, s + b}
}

// label judges every system quote of one document as score.py does.
func label(text string, golds []goldQuote, quotes []attribution.Quote) []status {
	gspan := make([]span, len(golds))
	for i, g := range golds {
		gspan[i] = trimmed(text, g.Start, g.End)
	}
	sspan := make([]span, len(quotes))
	for i, q := range quotes {
		sspan[i] = trimmed(text, q.Start, q.End)
	}
	type cand struct {
		ratio  float64
		gi, si int
	}
	var cands []cand
	for gi, g := range gspan {
		for si, s := range sspan {
			inter := min(g.end, s.end) - max(g.start, s.start)
			longer := max(g.end-g.start, s.end-s.start, 1)
			if r := float64(inter) / float64(longer); inter > 0 && r >= 0.5 {
				cands = append(cands, cand{r, gi, si})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		switch {
		case a.ratio != b.ratio:
			if a.ratio > b.ratio {
				return -1
			}
			return 1
		case a.gi != b.gi:
			return a.gi - b.gi
		}
		return a.si - b.si
	})
	g2s := make(map[int]int)
	s2g := make(map[int]int)
	for _, c := range cands {
		_, gok := g2s[c.gi]
		_, sok := s2g[c.si]
		if !gok && !sok {
			g2s[c.gi], s2g[c.si] = c.si, c.gi
		}
	}
	out := make([]status, len(quotes))
	for si, q := range quotes {
		gi, matched := s2g[si]
		if !matched {
			inside := false
			for j, g := range gspan {
				_, gm := g2s[j]
				if g.start <= sspan[si].start && sspan[si].end <= g.end && (gm || sysKind(q) == "partial") {
					inside = true
					break
				}
			}
			if inside {
				out[si] = ignored
				continue
			}
			out[si] = wrong
			continue
		}
		if golds[gi].Optional {
			out[si] = ignored
			continue
		}
		if speakerOK(golds[gi], q.Speaker) {
			out[si] = right
		} else {
			out[si] = wrong
		}
	}
	return out
}

// sysKind is score.py's sys_kind: the kind name, with anything outside the
// four scored kinds counted as direct.
func sysKind(q attribution.Quote) string {
	switch q.Kind {
	case attribution.Direct, attribution.Partial, attribution.Mixed, attribution.Indirect:
		return q.Kind.String()
	}
	return "direct"
}

// quotedGroup reports whether the scorer puts q in the quoted group.
func quotedGroup(q attribution.Quote) bool {
	k := sysKind(q)
	return k == "direct" || k == "partial"
}

// noSpeaker is score.py's no_speaker.
func noSpeaker(sp *attribution.Speaker) bool {
	return sp == nil || normName(sp.Name) == "" || sp.Type.String() == "unknown"
}

// speakerOK is score.py's speaker_ok in its default mode.
func speakerOK(g goldQuote, sp *attribution.Speaker) bool {
	hasStart := g.SpeakerStart != nil && *g.SpeakerStart >= 0
	goldHasNone := g.Speaker == "" && len(g.SpeakerSpans) == 0 && !hasStart
	if goldHasNone && noSpeaker(sp) {
		return true
	}
	if sp == nil {
		return false
	}
	var spans []span
	for _, s := range g.SpeakerSpans {
		if len(s) == 2 {
			spans = append(spans, span{s[0], s[1]})
		}
	}
	if hasStart && g.SpeakerEnd != nil {
		spans = append(spans, span{*g.SpeakerStart, *g.SpeakerEnd})
	}
	if ss, se := sp.Start, sp.End; 0 <= ss && ss < se {
		for _, s := range spans {
			if min(se, s.end) > max(ss, s.start) {
				return true
			}
		}
	}
	name := normName(sp.Name)
	if name == "" {
		return false
	}
	names := append([]string{g.Speaker}, g.SpeakerAliases...)
	names = append(names, g.AcceptSpeakers...)
	for _, n := range names {
		n = normName(n)
		if n == "" {
			continue
		}
		if name == n {
			return true
		}
		if !pronouns[n] && !pronouns[name] && (wordIn(name, n) || wordIn(n, name)) {
			return true
		}
	}
	return false
}

// isPyWord reports whether r is a word character of Python's re module.
func isPyWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

// normName is score.py's norm_name: lower case, no possessive 's, no
// leading article, punctuation made space, spaces collapsed.
func normName(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	// [\u2019']s\b -> ""
	var b strings.Builder
	for i := 0; i < len(n); {
		r, size := utf8.DecodeRuneInString(n[i:])
		if r == '\'' || r == '\u2019' {
			j := i + size
			if j < len(n) && n[j] == 's' {
				next, _ := utf8.DecodeRuneInString(n[j+1:])
				if j+1 == len(n) || !isPyWord(next) {
					i = j + 1
					continue
				}
			}
		}
		b.WriteString(n[i : i+size])
		i += size
	}
	n = b.String()
	// ^(a|an|the)\s+ -> ""
	for _, art := range []string{"a", "an", "the"} {
		if strings.HasPrefix(n, art) {
			rest := n[len(art):]
			trimmedRest := strings.TrimLeftFunc(rest, unicode.IsSpace)
			if len(trimmedRest) < len(rest) {
				n = trimmedRest
				break
			}
		}
	}
	// [^\w\s-] -> " "
	n = strings.Map(func(r rune) rune {
		if isPyWord(r) || unicode.IsSpace(r) || r == '-' {
			return r
		}
		return ' '
	}, n)
	return strings.Join(strings.Fields(n), " ")
}

// wordIn reports whether small is a whole-word part of big (both
// normalised).
func wordIn(small, big string) bool {
	return small != "" && strings.Contains(" "+big+" ", " "+small+" ")
}
