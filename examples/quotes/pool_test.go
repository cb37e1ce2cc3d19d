package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// emitN returns a producer of the numbers 0 to n-1.
func emitN(n int) func(emit func(int) bool) error {
	return func(emit func(int) bool) error {
		for i := range n {
			if !emit(i) {
				return nil
			}
		}
		return nil
	}
}

// slowSquare sleeps longer for small numbers so results finish out of
// order.
func slowSquare(i int) int {
	time.Sleep(time.Duration(i%5) * time.Millisecond)
	return i * i
}

func TestOrderedKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			var got []int
			err := ordered(context.Background(), workers, 2*workers, emitN(100), slowSquare, func(v int) error {
				got = append(got, v)
				return nil
			})
			assert.NoError(t, err)
			want := make([]int, 100)
			for i := range want {
				want[i] = i * i
			}
			assert.Equal(t, want, got)
		})
	}
}

// TestOrderedWindow checks that no more than the window is ever emitted
// and not yet consumed, however slow the consumer.
func TestOrderedWindow(t *testing.T) {
	const workers, window = 3, 6
	var emitted, consumed, maxAhead atomic.Int64
	produce := func(emit func(int) bool) error {
		for i := range 200 {
			if !emit(i) {
				return nil
			}
			ahead := emitted.Add(1) - consumed.Load()
			if ahead > maxAhead.Load() {
				maxAhead.Store(ahead)
			}
		}
		return nil
	}
	err := ordered(context.Background(), workers, window, produce, func(i int) int { return i }, func(int) error {
		time.Sleep(100 * time.Microsecond)
		consumed.Add(1)
		return nil
	})
	assert.NoError(t, err)
	assert.Equal(t, int64(200), consumed.Load())
	// One more than the window: the item being consumed has left the
	// window but is not yet counted as consumed.
	assert.LessOrEqual(t, maxAhead.Load(), int64(window+1))
}

func TestOrderedConsumeError(t *testing.T) {
	boom := errors.New("boom")
	var n int
	err := ordered(context.Background(), 4, 8, emitN(1000), slowSquare, func(int) error {
		n++
		if n == 10 {
			return boom
		}
		return nil
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 10, n, "nothing is consumed after an error")
}

func TestOrderedProduceError(t *testing.T) {
	bad := errors.New("read failed")
	var got []int
	err := ordered(context.Background(), 2, 4, func(emit func(int) bool) error {
		emit(1)
		emit(2)
		return bad
	}, slowSquare, func(v int) error {
		got = append(got, v)
		return nil
	})
	assert.ErrorIs(t, err, bad)
	assert.Equal(t, []int{1, 4}, got, "what was emitted before the error is consumed")
}

func TestOrderedCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var got []int
	err := ordered(ctx, 2, 4, func(emit func(int) bool) error {
		for i := 0; ; i++ {
			if !emit(i) {
				return nil
			}
		}
	}, func(i int) int { return i }, func(v int) error {
		got = append(got, v)
		if v == 50 {
			cancel()
		}
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	for i, v := range got {
		assert.Equal(t, i, v, "results after a cancel are still in order")
	}
	assert.GreaterOrEqual(t, len(got), 51)
}
