// Package folds deals documents into cross-validation folds, the same way
// for every command that needs them (examples/calibrate and
// examples/trainreported), so that a model one of them fits for a fold is
// the model the other expects.
package folds

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// Assign gives each document, named by its id, a fold in [0, k): the
// documents are ordered by an FNV-1a hash of the seed and their id, then
// dealt out in turn, so folds differ in size by at most one and depend
// only on the ids, k and the seed.
func Assign(ids [][]byte, k int, seed uint64) []int {
	type keyed struct {
		h uint64
		i int
	}
	ks := make([]keyed, len(ids))
	for i, id := range ids {
		h := fnv.New64a()
		var s [8]byte
		binary.LittleEndian.PutUint64(s[:], seed)
		h.Write(s[:])
		h.Write(id)
		ks[i] = keyed{h.Sum64(), i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.h != b.h {
			if a.h < b.h {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	fold := make([]int, len(ids))
	for n, x := range ks {
		fold[x.i] = n % k
	}
	return fold
}
