package plan

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// HeadroomOptions are how Headroom searches.
type HeadroomOptions struct {
	Criteria     []Criterion // all must hold; none: Healthy
	Seed         uint64      // base seed; replication r uses Seeds(Seed, n)[r]
	Replications int         // a factor holds when every replication meets the criteria
	Duration     sim.Time    // > 0: overrides the scenario's duration
	Workers      int         // parallel runs of one factor's replications
	Precision    float64     // relative width of the final bracket, default 0.01
	MaxFactor    float64     // give up above this factor, default 1024
	Step         func(Step)  // called after each factor is tried
}

// Step is one factor tried.
type Step struct {
	Factor     float64     `json:"factor"`
	Holds      bool        `json:"holds"`
	Violations []Violation `json:"violations,omitempty"` // of the first replication that broke a criterion
}

// HeadroomResult is the outcome of the search. Factor is the largest
// factor found to hold; the criteria break at Limit (Limit / Factor <= 1 +
// Precision), where Binding says what broke first. Found is false when
// even MaxFactor holds (Factor = MaxFactor, Limit = 0) or when the factor
// is below 1/MaxFactor (Factor = 0).
type HeadroomResult struct {
	Scenario  string      `json:"scenario"`
	Seed      uint64      `json:"seed"`
	Criteria  []string    `json:"criteria"`
	Targets   []Target    `json:"targets"`
	Factor    float64     `json:"factor"`
	Limit     float64     `json:"limit"`
	Found     bool        `json:"found"`
	Scaled    []string    `json:"scaled"` // the targets' values at Factor
	Binding   []Violation `json:"binding"`
	Steps     []Step      `json:"steps"`
	Precision float64     `json:"precision"`
	// Unscalable, when set, is why the doubling stopped below MaxFactor:
	// the next factor gives a value the scenario format refuses.
	Unscalable string `json:"unscalable,omitempty"`
}

// Unscalable is the error of a factor that makes a value the scenario
// format refuses.
type Unscalable struct {
	Factor float64
	Err    error
}

func (u *Unscalable) Error() string { return fmt.Sprintf("at factor %g: %v", u.Factor, u.Err) }
func (u *Unscalable) Unwrap() error { return u.Err }

// Headroom finds the largest factor by which the targets of s can be
// multiplied while the criteria hold: it tries 1, then doubles (or
// halves) until the criteria change, then bisects the bracket to the
// precision. It assumes the criteria break once and for all as the factor
// grows (more load never helps).
//
// The search is a sequence, each factor chosen from the last one's
// outcome; when the replications leave workers idle, the factors the
// search may need next run on them in advance (see speculator), so the
// steps and the answer are the same for any number of workers.
func Headroom(s *spec.Scenario, targets []Target, o HeadroomOptions) (*HeadroomResult, error) {
	o = o.withDefaults()
	res := &HeadroomResult{Scenario: s.Name, Seed: o.Seed, Targets: targets, Precision: o.Precision}
	for _, c := range o.Criteria {
		res.Criteria = append(res.Criteria, c.Text)
	}
	h := &search{s: s, targets: targets, seeds: Seeds(o.Seed, max(o.Replications, 1)), o: o, res: res}
	h.sp = newSpeculator(h)
	defer h.sp.stopAll()
	for f, ok := 1.0, true; ok; f, ok = o.next(h.lo, h.hi) {
		err := h.step(f)
		if u := (*Unscalable)(nil); errors.As(err, &u) && f > 1 && h.hi == 0 {
			// Doubling took a value past what a scenario may say (a
			// rate over 10 million a second): the search ends there,
			// with what it found below.
			res.Unscalable = u.Error()
			break
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case h.hi == 0: // MaxFactor holds
		res.Factor, res.Scaled = h.lo, scaled(targets, h.lo)
	case h.lo == 0: // even 1/MaxFactor breaks
		res.Limit, res.Binding, res.Scaled = h.hi, h.fail.Violations, scaled(targets, 0)
	default:
		res.Factor, res.Limit, res.Found = h.lo, h.hi, true
		res.Binding, res.Scaled = h.fail.Violations, scaled(targets, h.lo)
	}
	return res, nil
}

func (o HeadroomOptions) withDefaults() HeadroomOptions {
	if len(o.Criteria) == 0 {
		o.Criteria = []Criterion{Healthy}
	}
	if o.Precision <= 0 {
		o.Precision = 0.01
	}
	if o.MaxFactor <= 1 {
		o.MaxFactor = 1024
	}
	return o
}

// next is the factor the search tries when the criteria hold at lo and
// break at hi (0: not found yet), and false when it is over: doubling
// while nothing broke, halving while nothing held, then bisecting until
// the bracket is within the precision.
//
// The doubling ends at MaxFactor itself, which it tries even when it is
// not a power of two, and the halving at 1/MaxFactor. The bisection also
// ends when the midpoint is one of the ends: a precision finer than a
// float64's spacing would otherwise loop for ever.
func (o HeadroomOptions) next(lo, hi float64) (float64, bool) {
	switch {
	case hi == 0:
		return min(lo*2, o.MaxFactor), lo < o.MaxFactor
	case lo == 0:
		return max(hi/2, 1/o.MaxFactor), hi > 1/o.MaxFactor
	case hi-lo > o.Precision*lo:
		mid := (lo + hi) / 2
		return mid, lo < mid && mid < hi
	}
	return 0, false
}

// search is one Headroom run. The criteria hold at lo and break at hi (0
// while not found yet); fail is the Step tried at hi.
type search struct {
	s       *spec.Scenario
	targets []Target
	seeds   []uint64
	o       HeadroomOptions
	res     *HeadroomResult
	sp      *speculator
	lo, hi  float64
	fail    Step
}

// step tries factor f, records it and moves lo or hi to it.
func (h *search) step(f float64) error {
	st, err := h.sp.result(f, h.lo, h.hi)
	if err != nil {
		return err
	}
	h.res.Steps = append(h.res.Steps, st)
	if h.o.Step != nil {
		h.o.Step(st)
	}
	if st.Holds {
		h.lo = f
	} else {
		h.hi, h.fail = f, st
	}
	return nil
}

func scaled(ts []Target, f float64) []string {
	var out []string
	for _, t := range ts {
		v, _ := t.At(f)
		out = append(out, v)
	}
	return out
}

// tryFactor runs every replication at factor f, on workers goroutines,
// and checks the criteria; stop abandons it (errStopped).
func tryFactor(s *spec.Scenario, targets []Target, f float64, seeds []uint64, o HeadroomOptions, workers int, stop *atomic.Bool) (Step, error) {
	st := Step{Factor: f}
	sets, err := overrides(targets, f)
	if err != nil {
		return st, err
	}
	sf, err := s.Reparse(sets...)
	if err != nil {
		return st, &Unscalable{f, err}
	}
	jobs := make([]Job, len(seeds))
	for r, seed := range seeds {
		jobs[r] = Job{Scenario: sf, Seed: seed, Duration: o.Duration, Stop: stop}
	}
	reports, err := RunAll(jobs, workers, nil)
	if err != nil {
		return st, err
	}
	st.Holds = true
	for _, rep := range reports {
		var vs []Violation
		for _, c := range o.Criteria {
			vs = append(vs, c.Check(sf, rep)...)
		}
		if len(vs) > 0 {
			st.Holds, st.Violations = false, vs
			break
		}
	}
	return st, nil
}
