package plan

import (
	"math"
	"testing"
)

// The estimate is checked against searches whose limit is known: steps
// chosen by HeadroomOptions.next against a criterion that breaks above
// limit, the true share of work after each step being the factors tried
// so far over the factors of the whole search. Once the limit is
// bracketed the estimate must be within 0.1 of the truth (the cost of a
// bisection step depends on its outcome, which the estimate cannot know),
// and it must reach exactly 1 at the last step.
func TestHeadroomProgressTracksTheWork(t *testing.T) {
	o := HeadroomOptions{}.withDefaults()
	for _, limit := range []float64{0.003, 0.7, 1.7, 11.3, 900, 5000} {
		var steps []Step
		lo, hi := 0.0, 0.0
		for f, ok := 1.0, true; ok; f, ok = o.next(lo, hi) {
			st := Step{Factor: f, Holds: f <= limit}
			steps = append(steps, st)
			if st.Holds {
				lo = f
			} else {
				hi = f
			}
		}
		total := 0.0
		for _, st := range steps {
			total += st.Factor
		}
		p := NewHeadroomProgress(o)
		done, bracketed := 0.0, false
		for i, st := range steps {
			done += st.Factor
			est := p.Add(st)
			bracketed = bracketed || p.lo > 0 && p.hi > 0
			if truth := done / total; bracketed && math.Abs(est-truth) > 0.1 {
				t.Errorf("limit %g, step %d (factor %g): estimate %.2f, truth %.2f", limit, i, st.Factor, est, truth)
			}
			if i == len(steps)-1 && est != 1 {
				t.Errorf("limit %g: %.3f at the last step, want 1", limit, est)
			}
		}
	}
}

// The search's sequence ends: it tries --max itself when that is not a
// power of two (7.9 after 4, where it stopped at 4 and called that the
// largest factor tried), and a precision finer than a float64's spacing
// stops when the midpoint is an end instead of looping for ever.
func TestHeadroomSearchEnds(t *testing.T) {
	for _, c := range []struct {
		max, precision, limit float64
		last                  float64 // the last factor tried
	}{
		{7.9, 0.01, 100, 7.9},
		{1024, 0.01, 5000, 1024},
		{8, 1e-16, 7.69, 0},
		{1024, 0.01, 0.0001, 1.0 / 1024},
	} {
		o := HeadroomOptions{MaxFactor: c.max, Precision: c.precision}.withDefaults()
		lo, hi, n, f, tried := 0.0, 0.0, 0, 1.0, 0.0
		for ok := true; ok; f, ok = o.next(lo, hi) {
			if n++; n > 200 {
				t.Fatalf("max %g, precision %g: no end after 200 steps (at %g)", c.max, c.precision, f)
			}
			if tried = f; f <= c.limit {
				lo = f
			} else {
				hi = f
			}
		}
		if c.last != 0 && tried != c.last {
			t.Errorf("max %g: the last factor tried is %g, want %g", c.max, tried, c.last)
		}
	}
}
