package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how many inputs are done on stderr. The zero value and a
// nil *progress show nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a progress bar on w counting up to total inputs, or a
// spinner with a count when total is negative (unknown). It returns nil,
// which shows nothing, unless show is set.
func newProgress(w io.Writer, total int, show bool) *progress {
	if !show {
		return nil
	}
	if total < 0 {
		total = -1
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("articles"),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0),
		progressbar.OptionSetWidth(30),
	)
	return &progress{bar: bar}
}

// add counts one input done.
func (p *progress) add() {
	if p != nil {
		p.bar.Add(1)
	}
}

// clear erases the bar, so that a message can be written on its line; the
// next add draws it again.
func (p *progress) clear() {
	if p != nil {
		p.bar.Clear()
	}
}

// finish erases the bar for good.
func (p *progress) finish() {
	if p != nil {
		p.bar.Clear()
		p.bar.Exit()
	}
}
