package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is a bar on stderr when stderr is a terminal, and nothing
// otherwise, so logs and pipes stay clean.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, what string) progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return progress{}
	}
	return progress{progressbar.NewOptions(100,
		progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))}
}

func (p progress) set(pct int) {
	if p.bar != nil {
		p.bar.Set(pct)
	}
}

func (p progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
