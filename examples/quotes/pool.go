package main

import (
	"context"
	"sync"
)

// ordered runs work over the items that produce emits, on a pool of
// workers goroutines, and hands the results to consume in the order the
// items were emitted.
//
// It streams: at most window items are waiting, in work or done but not yet
// consumed, so memory does not grow with the length of the input. emit
// blocks while the window is full and returns false when the run is
// stopping; produce should then return.
//
// ordered returns produce's error once every emitted item is consumed. When
// consume fails, it stops at once and returns that error. When ctx is done,
// it stops emitting, consumes the results of the items already emitted (work
// should watch ctx to finish them quickly), and returns ctx's error; produce
// may still be blocked in a read then, and is left to end with the process.
func ordered[In, Out any](ctx context.Context, workers, window int,
	produce func(emit func(In) bool) error,
	work func(In) Out,
	consume func(Out) error,
) error {
	workers = max(workers, 1)
	window = max(window, workers)
	stop, cancel := context.WithCancel(ctx)
	defer cancel()

	type task struct {
		in  In
		out chan Out
	}
	// pending holds each item's result channel in emission order; its
	// capacity is the window.
	pending := make(chan chan Out, window)
	tasks := make(chan task)
	produced := make(chan error, 1)
	go func() {
		defer close(pending)
		defer close(tasks)
		produced <- produce(func(in In) bool {
			out := make(chan Out, 1)
			select {
			case pending <- out:
			case <-stop.Done():
				return false
			}
			// Workers take every task until tasks is closed, so this send
			// always completes and every pending result is filled.
			tasks <- task{in, out}
			return true
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range tasks {
				t.out <- work(t.in)
			}
		})
	}

	for {
		select {
		case out, ok := <-pending:
			if !ok {
				wg.Wait()
				// A cancel can stop produce (emit returns false) before
				// this select sees ctx.Done: the cancel is the reason.
				if err := ctx.Err(); err != nil {
					return err
				}
				return <-produced
			}
			if err := consume(<-out); err != nil {
				return err
			}
		case <-ctx.Done():
			cancel()
			for {
				select {
				case out, ok := <-pending:
					if !ok {
						return ctx.Err()
					}
					if err := consume(<-out); err != nil {
						return err
					}
				default:
					return ctx.Err()
				}
			}
		}
	}
}
