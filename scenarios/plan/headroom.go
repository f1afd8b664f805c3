package plan

import (
	"fmt"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/sim"
)

// HeadroomOptions are how Headroom searches.
type HeadroomOptions struct {
	Criteria     []Criterion // all must hold; none: Healthy
	Seed         uint64      // base seed; replication r uses Seed(Seed, r)
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
}

// Headroom finds the largest factor by which the targets of s can be
// multiplied while the criteria hold: it tries 1, then doubles (or
// halves) until the criteria change, then bisects the bracket to the
// precision. It assumes the criteria break once and for all as the factor
// grows (more load never helps).
func Headroom(s *scenarios.Scenario, targets []Target, o HeadroomOptions) (*HeadroomResult, error) {
	if len(o.Criteria) == 0 {
		o.Criteria = []Criterion{Healthy}
	}
	if o.Precision <= 0 {
		o.Precision = 0.01
	}
	if o.MaxFactor <= 1 {
		o.MaxFactor = 1024
	}
	res := &HeadroomResult{Scenario: s.Name, Seed: o.Seed, Targets: targets, Precision: o.Precision}
	for _, c := range o.Criteria {
		res.Criteria = append(res.Criteria, c.Text)
	}
	seeds := Seeds(o.Seed, max(o.Replications, 1))
	try := func(f float64) (Step, error) {
		st, err := tryFactor(s, targets, f, seeds, o)
		if err != nil {
			return st, err
		}
		res.Steps = append(res.Steps, st)
		if o.Step != nil {
			o.Step(st)
		}
		return st, nil
	}
	st, err := try(1)
	if err != nil {
		return nil, err
	}
	var lo, hi float64
	var fail Step
	if st.Holds {
		lo = 1
		for hi == 0 {
			f := lo * 2
			if f > o.MaxFactor {
				res.Factor, res.Scaled = lo, scaled(targets, lo)
				return res, nil
			}
			if st, err = try(f); err != nil {
				return nil, err
			}
			if st.Holds {
				lo = f
			} else {
				hi, fail = f, st
			}
		}
	} else {
		hi, fail = 1, st
		for lo == 0 {
			f := hi / 2
			if f < 1/o.MaxFactor {
				res.Limit, res.Binding, res.Scaled = hi, fail.Violations, scaled(targets, 0)
				return res, nil
			}
			if st, err = try(f); err != nil {
				return nil, err
			}
			if st.Holds {
				lo = f
			} else {
				hi, fail = f, st
			}
		}
	}
	for hi-lo > o.Precision*lo {
		mid := (lo + hi) / 2
		if st, err = try(mid); err != nil {
			return nil, err
		}
		if st.Holds {
			lo = mid
		} else {
			hi, fail = mid, st
		}
	}
	res.Factor, res.Limit, res.Found = lo, hi, true
	res.Binding, res.Scaled = fail.Violations, scaled(targets, lo)
	return res, nil
}

func scaled(ts []Target, f float64) []string {
	var out []string
	for _, t := range ts {
		v, _ := t.At(f)
		out = append(out, v)
	}
	return out
}

// tryFactor runs every replication at factor f and checks the criteria.
func tryFactor(s *scenarios.Scenario, targets []Target, f float64, seeds []uint64, o HeadroomOptions) (Step, error) {
	st := Step{Factor: f}
	sets, err := overrides(targets, f)
	if err != nil {
		return st, err
	}
	sf, err := s.Reparse(sets...)
	if err != nil {
		return st, fmt.Errorf("at factor %g: %w", f, err)
	}
	jobs := make([]Job, len(seeds))
	for r, seed := range seeds {
		jobs[r] = Job{Scenario: sf, Seed: seed, Duration: o.Duration}
	}
	reports, err := RunAll(jobs, o.Workers, nil)
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
