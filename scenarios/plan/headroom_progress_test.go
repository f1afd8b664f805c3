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
