package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far a long command is, on stderr: a bar when stderr is
// a terminal; when it is a file or a pipe, a line now and then once the
// command has taken longer than progressQuiet, so that a long run in a log
// or CI is never silent. Otherwise (a test's buffer) nothing.
type progress struct {
	bar *progressbar.ProgressBar
	*lines
}

// progressQuiet is how long a command runs before its progress lines start.
const progressQuiet = 10 * time.Second

// lines is the line form of progress: "enisim: WHAT: 40% after 1m0s, about
// 1m30s left", at most one line per max(progressQuiet, a fifth of the time
// so far).
type lines struct {
	w           io.Writer
	what        string
	now         func() time.Time
	start, last time.Time
}

func newProgress(w io.Writer, what string) progress {
	if e, ok := w.(*errStream); ok {
		w = e.Writer
	}
	f, ok := w.(*os.File)
	if !ok {
		return progress{}
	}
	if !term.IsTerminal(int(f.Fd())) {
		return progress{lines: newLines(w, what, time.Now)}
	}
	return progress{bar: progressbar.NewOptions(100,
		progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))}
}

func newLines(w io.Writer, what string, now func() time.Time) *lines {
	t := now()
	return &lines{w: w, what: what, now: now, start: t, last: t}
}

// set shows that the share frac (0 to 1) of the work is done.
func (p progress) set(frac float64) {
	if p.bar != nil {
		p.bar.Set(int(100 * frac))
	}
	if p.lines != nil {
		p.lines.set(frac)
	}
}

func (l *lines) set(frac float64) {
	t := l.now()
	took := t.Sub(l.start)
	if took < progressQuiet || t.Sub(l.last) < max(progressQuiet, took/5) {
		return
	}
	l.last = t
	pct := fmt.Sprintf("%.0f%%", 100*frac)
	if frac < 0.1 {
		pct = fmt.Sprintf("%.2g%%", 100*frac)
	}
	msg := fmt.Sprintf("enisim: %s: %s after %s", l.what, pct, took.Round(time.Second))
	if frac > 0 && frac < 1 {
		msg += ", about " + roundETA(time.Duration(float64(took)*(1-frac)/frac)) + " left"
	}
	fmt.Fprintln(l.w, msg)
}

// roundETA prints an estimate without false precision.
func roundETA(d time.Duration) string {
	switch {
	case d > 48*time.Hour:
		return fmt.Sprintf("%.0f days", d.Hours()/24)
	case d > time.Hour:
		return d.Round(time.Minute).String()
	}
	return d.Round(time.Second).String()
}

func (p progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
