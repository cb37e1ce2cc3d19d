package entities

// Span is a half-open range [Start, End) of UTF-8 byte offsets into the text
// a [Document] was made from.
type Span struct {
	// Start is the offset of the first byte.
	Start int `json:"start"`
	// End is the offset just past the last byte.
	End int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// ContainsOffset reports whether the byte at offset i lies within s.
func (s Span) ContainsOffset(i int) bool { return s.Start <= i && i < s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// In returns the text the span covers in src, or "" when the span does not
// fit src.
func (s Span) In(src string) string {
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		return ""
	}
	return src[s.Start:s.End]
}
