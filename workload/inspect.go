package workload

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/enisim/enisim/sim"
)

// Trace formats, as the scenario format names them.
const (
	FormatTimestamps = "timestamps"
	FormatPerMinute  = "per-minute"
)

// TraceSummary describes a trace as the simulator would replay it.
type TraceSummary struct {
	Paths  []string
	Format string
	// Count is the number of arrivals (for a per-minute trace, the sum of
	// the selected row's counts).
	Count int64
	// First and Last are the first and last arrival times (for a
	// per-minute trace, spread evenly in each minute).
	First, Last time.Duration
	// Minutes is the number of clock minutes [k min, (k+1) min) from the
	// one holding First to the one holding Last, inclusive.
	Minutes int64
	// MeanPerMinute is Count / Minutes.
	MeanPerMinute float64
	// PeakPerMinute is the most arrivals in one clock minute, the first
	// such minute starting at PeakMinute.
	PeakPerMinute int64
	PeakMinute    time.Duration
}

// MaxInspectArrivals is the most arrivals inspect steps through one by
// one (a timestamps trace has one line per arrival): about a minute of
// reading on a slow disk, far above any trace a scenario replays. A
// per-minute trace is summed minute by minute, whatever its counts.
const MaxInspectArrivals = 1_000_000_000

// ErrInspectBudget is the error of a trace too long to inspect.
var ErrInspectBudget = errors.New("trace too long to inspect")

// InspectTrace reads a trace in the given format (FormatTimestamps or
// FormatPerMinute; hashFunction and row select a per-minute row as in
// NewPerMinuteTrace, and are ignored for timestamps) and summarises it,
// streaming: memory does not grow with the trace.
func InspectTrace(paths []string, format string, hashFunction string, row int) (TraceSummary, error) {
	return InspectTraceFrom(paths, openFile, format, hashFunction, row)
}

// InspectTraceFrom is InspectTrace reading the files with open. A
// per-minute trace is summarised from its counts, a minute at a time,
// without stepping through its arrivals (a count of 9e12 costs what a
// count of 9 does); a timestamps trace is read line by line, at most
// MaxInspectArrivals of them.
func InspectTraceFrom(paths []string, open Opener, format string, hashFunction string, row int) (TraceSummary, error) {
	s := TraceSummary{Paths: append([]string(nil), paths...), Format: format}
	switch format {
	case FormatTimestamps:
		return s, s.stepArrivals(NewTimestampTraceFrom(paths, open), MaxInspectArrivals)
	case FormatPerMinute:
		if row < 0 {
			return s, fmt.Errorf("per-minute trace: a row is 1 or more (0: the file's only one)")
		}
		p := NewPerMinuteTraceFrom(paths, open, hashFunction, row, SpreadEven, 1, nil).(*perMinute)
		return s, s.sumMinutes(p)
	}
	return s, fmt.Errorf("unknown trace format %q (want %q or %q)", format, FormatTimestamps, FormatPerMinute)
}

// sumMinutes summarises a per-minute trace from its counts: with the even
// spread the n arrivals of the minute from b are at b + (2i+1) 30s/n, so
// the first at b + 30s/n and the last at b + (2n-1) 30s/n.
func (s *TraceSummary) sumMinutes(p *perMinute) error {
	for p.nextMinute() {
		n := p.n
		if n == 0 {
			continue
		}
		if s.Count == 0 {
			p.i = 0
			s.First = p.emit()
		}
		s.Count += n
		p.i = n - 1
		s.Last = p.emit()
		if n > s.PeakPerMinute {
			s.PeakPerMinute, s.PeakMinute = n, p.base
		}
		p.i = n
	}
	if err := p.Err(); err != nil {
		return err
	}
	s.finish()
	return nil
}

// stepArrivals summarises a trace by reading every arrival, at most limit
// of them.
func (s *TraceSummary) stepArrivals(a Arrivals, limit int64) error {
	curMin, curN := int64(-1), int64(0)
	flush := func() {
		if curN > s.PeakPerMinute {
			s.PeakPerMinute, s.PeakMinute = curN, time.Duration(curMin)*time.Minute
		}
	}
	for {
		at, ok := a.Next()
		if !ok {
			break
		}
		if s.Count == limit {
			return fmt.Errorf("%s: more than %d arrivals (MaxInspectArrivals): %w", strings.Join(s.Paths, ", "), limit, ErrInspectBudget)
		}
		if s.Count == 0 {
			s.First = at
		}
		s.Count++
		s.Last = at
		if m := int64(at / time.Minute); m != curMin {
			flush()
			curMin, curN = m, 0
		}
		curN++
	}
	if err := a.Err(); err != nil {
		return err
	}
	flush()
	s.finish()
	return nil
}

func (s *TraceSummary) finish() {
	if s.Count > 0 {
		s.Minutes = int64(s.Last/time.Minute) - int64(s.First/time.Minute) + 1
		s.MeanPerMinute = float64(s.Count) / float64(s.Minutes)
	}
}

// WriteText writes the summary as aligned "key: value" lines.
func (s TraceSummary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "trace:       %s (%s)\n", strings.Join(s.Paths, ", "), s.Format)
	fmt.Fprintf(&b, "arrivals:    %d\n", s.Count)
	if s.Count > 0 {
		fmt.Fprintf(&b, "span:        %s .. %s (%d min)\n", sim.Clock(s.First), sim.Clock(s.Last), s.Minutes)
		fmt.Fprintf(&b, "mean rate:   %.2f/min\n", s.MeanPerMinute)
		fmt.Fprintf(&b, "peak rate:   %d/min in the minute from %s\n", s.PeakPerMinute, sim.Clock(s.PeakMinute))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
