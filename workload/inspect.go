package workload

import (
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

// InspectTrace reads a trace in the given format (FormatTimestamps or
// FormatPerMinute; hashFunction and row select a per-minute row as in
// NewPerMinuteTrace, and are ignored for timestamps) and summarises it,
// streaming: memory does not grow with the trace.
func InspectTrace(paths []string, format string, hashFunction string, row int) (TraceSummary, error) {
	s := TraceSummary{Paths: append([]string(nil), paths...), Format: format}
	var a Arrivals
	switch format {
	case FormatTimestamps:
		a = NewTimestampTrace(paths)
	case FormatPerMinute:
		if hashFunction == "" && row < 1 {
			return s, fmt.Errorf("per-minute trace: give a function hash or a row >= 1")
		}
		a = NewPerMinuteTrace(paths, hashFunction, row, SpreadEven, 1, nil)
	default:
		return s, fmt.Errorf("unknown trace format %q (want %q or %q)", format, FormatTimestamps, FormatPerMinute)
	}
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
		return s, err
	}
	flush()
	if s.Count > 0 {
		s.Minutes = int64(s.Last/time.Minute) - int64(s.First/time.Minute) + 1
		s.MeanPerMinute = float64(s.Count) / float64(s.Minutes)
	}
	return s, nil
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
