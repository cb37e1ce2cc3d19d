package folds

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAssign(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{0, 3}, {1, 2}, {7, 3}, {10, 5}, {11, 5}} {
		t.Run(fmt.Sprintf("%d documents in %d folds", tc.n, tc.k), func(t *testing.T) {
			ids := make([][]byte, tc.n)
			for i := range ids {
				ids[i] = []byte(fmt.Sprintf("doc-%d", i))
			}
			f := Assign(ids, tc.k, 1)
			assert.Equal(t, f, Assign(ids, tc.k, 1), "deterministic")
			sizes := make([]int, tc.k)
			for _, x := range f {
				assert.True(t, x >= 0 && x < tc.k)
				sizes[x]++
			}
			for _, s := range sizes {
				assert.LessOrEqual(t, s, tc.n/tc.k+1)
				assert.GreaterOrEqual(t, s, tc.n/tc.k)
			}
			if tc.n >= 7 {
				assert.NotEqual(t, f, Assign(ids, tc.k, 2), "another seed deals other folds")
			}
		})
	}
}
