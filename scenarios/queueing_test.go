package scenarios

import (
	"github.com/enisim/enisim/scenarios/spec"
	"math"
	"testing"
	"time"
)

// Little's law: mean concurrency = arrival rate x mean duration. Poisson at
// 200/s with exponential durations of mean 100 ms gives L = 20; over an hour
// the time average has a standard error well under 1%, so 3% is a safe
// tolerance that still catches a wrong model (e.g. counting init as
// execution, which would add 200/s x cold-start share x init).
func TestLittlesLaw(t *testing.T) {
	s := base()
	s.Duration = time.Hour
	f := fn("orders", 0, "subnet-a", "subnet-b")
	f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: 200}}
	f.Duration = spec.Dist{Kind: "exponential", Mean: 100 * time.Millisecond}
	s.Functions = []spec.Function{f}
	r := run(t, s)
	got := r.Functions[0].Concurrency.Mean
	// The first 60 s are Pending (no executions): L is 20 over the rest.
	want := 20.0 * (3600 - 60) / 3600
	if math.Abs(got-want)/want > 0.03 {
		t.Errorf("mean concurrency %.3f, want %.3f (Little's law)", got, want)
	}
}

// erlangB is the blocking probability of an M/G/c/c loss system with
// offered load a (Erlangs), by the stable recurrence.
func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// Reserved concurrency makes a loss system: an invoke finding every
// reserved environment busy is throttled. With no init, no ENI wait and a
// function outside any VPC, the throttled share is Erlang-B(c, λ·D),
// whatever the duration distribution (insensitivity).
func TestReservedConcurrencyIsErlangB(t *testing.T) {
	s := base()
	s.Duration = 2 * time.Hour
	f := fn("capped", 0)
	f.VPCConfig = nil
	f.ReservedConcurrency = 10
	f.Init = spec.Dist{Kind: "fixed"}
	f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: 100}}
	f.Duration = spec.Dist{Kind: "uniform", Min: 0, Max: 200 * time.Millisecond} // mean 0.1 s: a = 10 Erlangs
	s.Functions = []spec.Function{f}
	r := run(t, s)
	got := float64(r.Functions[0].Throttled) / float64(r.Functions[0].Invocations)
	want := erlangB(10, 10) // 0.2146
	// 720,000 arrivals: the blocking estimate's standard error is ~0.1%
	// absolute (correlated samples); 1% absolute is a safe bound.
	if math.Abs(got-want) > 0.01 {
		t.Errorf("throttled share %.4f, want Erlang-B %.4f", got, want)
	}
}

// M/G/inf: with keepAlive 0 every invocation is a cold start, and the mean
// number of live environments is λ x (init + duration).
func TestEnvironmentsMGInf(t *testing.T) {
	s := base()
	s.Duration = time.Hour
	f := fn("cold", 0)
	f.VPCConfig = nil
	f.KeepAlive = 0
	f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: 50}}
	f.Init = spec.Dist{Kind: "fixed", Value: 200 * time.Millisecond}
	f.Duration = spec.Dist{Kind: "exponential", Mean: 300 * time.Millisecond}
	s.Functions = []spec.Function{f}
	x, r := runSim(t, s)
	fr := r.Functions[0]
	// No environment is ever reused, so every invocation that finished or
	// is executing at the end (after its init) had a cold start of its own.
	if executing := x.Stats[0].Concurrency.Value(); fr.ColdStarts != fr.Succeeded+executing {
		t.Errorf("cold starts %d, want succeeded %d + executing %d with keepAlive 0", fr.ColdStarts, fr.Succeeded, executing)
	}
	want := 50 * 0.5
	if got := fr.Environments.Mean; math.Abs(got-want)/want > 0.03 {
		t.Errorf("mean environments %.3f, want %.3f", got, want)
	}
}
