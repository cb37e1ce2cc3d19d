package attribution

import (
	"sort"

	"github.com/whosaid/whosaid/entities"
)

// spanIndex finds, among some of a slice of quotes, the ones whose span
// holds or overlaps a given span, by binary search over those quotes sorted
// by Start with the largest End so far. It keeps the lookups of a document
// with thousands of quotations linear in its length overall.
type spanIndex struct {
	quotes  []Quote
	byStart []int // indexes into quotes, sorted by Start
	maxEnd  []int // maxEnd[k]: the largest End of byStart[:k+1]
}

// newSpanIndex indexes the quotes for which keep returns true (all of them
// when keep is nil).
func newSpanIndex(quotes []Quote, keep func(Quote) bool) *spanIndex {
	x := &spanIndex{quotes: quotes}
	for i, q := range quotes {
		if keep == nil || keep(q) {
			x.byStart = append(x.byStart, i)
		}
	}
	sort.SliceStable(x.byStart, func(a, b int) bool { return quotes[x.byStart[a]].Start < quotes[x.byStart[b]].Start })
	x.maxEnd = make([]int, len(x.byStart))
	for k, i := range x.byStart {
		x.maxEnd[k] = quotes[i].End
		if k > 0 && x.maxEnd[k-1] > x.maxEnd[k] {
			x.maxEnd[k] = x.maxEnd[k-1]
		}
	}
	return x
}

// containing calls f with the index of every indexed quote that holds s,
// the latest-starting first, until f returns false.
func (x *spanIndex) containing(s entities.Span, f func(i int) bool) {
	hi := sort.Search(len(x.byStart), func(k int) bool { return x.quotes[x.byStart[k]].Start > s.Start })
	for k := hi - 1; k >= 0 && x.maxEnd[k] >= s.End; k-- {
		if i := x.byStart[k]; x.quotes[i].Span.Contains(s) && !f(i) {
			return
		}
	}
}

// overlapping returns the indexes of the indexed quotes that overlap s, in
// order of Start.
func (x *spanIndex) overlapping(s entities.Span) []int {
	hi := sort.Search(len(x.byStart), func(k int) bool { return x.quotes[x.byStart[k]].Start >= s.End })
	lo := hi
	for lo > 0 && x.maxEnd[lo-1] > s.Start {
		lo--
	}
	var out []int
	for _, i := range x.byStart[lo:hi] {
		if x.quotes[i].Overlaps(s) {
			out = append(out, i)
		}
	}
	return out
}
