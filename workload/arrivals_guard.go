package workload

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Errors of arrival processes, for errors.Is.
var (
	// ErrBadParameter is a process built with a rate, period or length it
	// cannot run with (negative, NaN, infinite, or beyond MaxRate). The
	// constructors return a process that fails with it instead of
	// panicking: the scenario loader refuses such values first, with the
	// file and line, so this is the last line of defence.
	ErrBadParameter = errors.New("invalid arrival parameter")
	// ErrNoProgress is a process whose clock stopped advancing: its gaps
	// fell below the resolution of a float64 time, or thinning rejected
	// every candidate. It ends the process instead of looping for ever.
	ErrNoProgress = errors.New("arrival process stopped advancing")
)

const (
	// MaxRate is the largest rate, per second, a process accepts: one
	// arrival per nanosecond, the resolution of the simulated clock. Above
	// it, evenly spaced arrivals land on the same tick and t+gap rounds
	// to t; the scenario format stops far lower (10 million a second).
	MaxRate = 1e9
	// maxStalls is how many draws in a row may leave the time unchanged
	// before a process gives up with ErrNoProgress. A stall needs a gap
	// below half the float64 spacing at t; when gaps are much larger than
	// the spacing, even two in a row are vanishingly rare, and when they
	// are comparable (a stall chance of p < 0.5 each) 64 in a row has
	// probability below 1e-19.
	maxStalls = 64
	// maxRejections is how many thinning candidates in a row the diurnal
	// process rejects before it draws the arrival by inversion instead.
	// Inversion is exact too but changes which random numbers a run uses,
	// so the bound is set where ordinary shapes never reach it: with a
	// daily period, peak at most twice the mean and up to a few hundred
	// per second (the built-ins), the longest run of rejections, crossing
	// the trough, is about 30,000 and exceeds 65,536 with probability
	// near 1e-6. A pathological shape costs at most this many draws per
	// arrival instead of peak*period.
	maxRejections = 1 << 16
)

// failed is a process that could not be built: no arrivals, and its error.
type failed struct{ err error }

func (f failed) Next() (time.Duration, bool) { return 0, false }
func (f failed) Err() error                  { return f.err }

// badParameter is a failed process for a constructor's invalid input.
func badParameter(format string, args ...any) Arrivals {
	return failed{fmt.Errorf("workload: %w: %s", ErrBadParameter, fmt.Sprintf(format, args...))}
}

// rateError checks a rate: finite, 0 <= rate <= MaxRate.
func rateError(what string, rate float64) error {
	if !(rate >= 0) || rate > MaxRate {
		return fmt.Errorf("workload: %w: %s rate must be within [0, %g] per second, got %v", ErrBadParameter, what, float64(MaxRate), rate)
	}
	return nil
}

// progress watches a process's clock for stalls.
type progress struct {
	stalls int
	err    error
}

// advance records a step from t to next and reports whether the process
// may go on; after maxStalls steps in a row that left t unchanged it sets
// ErrNoProgress (rate in the message is per second).
func (p *progress) advance(t, next, rate float64) bool {
	if next > t {
		p.stalls = 0
		return true
	}
	if p.stalls++; p.stalls < maxStalls {
		return true
	}
	p.err = fmt.Errorf("workload: %w: at %.6gs a rate of %g/s gives gaps below the float64 resolution (%d draws in a row left the time unchanged)",
		ErrNoProgress, t, rate, maxStalls)
	return false
}

func (p *progress) Err() error { return p.err }

// nanos converts a float number of nanoseconds to a Duration, clamped to
// [0, the largest Duration]; NaN gives 0. A float64 at or above 2^63 has
// no int64 value: Go's conversion then yields an implementation-defined
// (on amd64, negative) number, so the clamp is needed wherever a user's
// durations are summed or interpolated in floating point.
func nanos(ns float64) time.Duration {
	switch {
	case !(ns > 0):
		return 0
	case ns >= 1<<63:
		return math.MaxInt64
	}
	return time.Duration(ns)
}
