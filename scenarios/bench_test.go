package scenarios

import (
	"github.com/enisim/enisim/scenarios/spec"
	"testing"
	"time"
)

// busy is the performance target's scenario: one hour, three functions,
// 3,000 invocations per second in all, on two shared subnets.
func busy() *spec.Scenario {
	s := base()
	s.Duration = time.Hour
	s.Region.Concurrency = 5000
	for _, name := range []string{"orders", "payments", "search"} {
		f := fn(name, 0, "subnet-a", "subnet-b")
		f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: 1000}}
		f.Duration = spec.Dist{Kind: "lognormal", Mu: -2.5, Sigma: 0.8}
		s.Functions = append(s.Functions, f)
	}
	return s
}

// BenchmarkBusyScenario reports simulated invocations per wall second
// (target: 2 million on the 2-core reference machine) and the bytes
// allocated per invocation, which must stay flat in run length.
func BenchmarkBusyScenario(b *testing.B) {
	s := busy()
	var invocations int64
	b.ReportAllocs()
	for range b.N {
		x, err := Build(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := x.Run(); err != nil {
			b.Fatal(err)
		}
		for _, st := range x.Stats {
			invocations += st.Invocations
		}
	}
	b.ReportMetric(float64(invocations)/b.Elapsed().Seconds(), "invocations/s")
}
