package scenarios

import (
	"syscall"
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios/spec"
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

// rated is one function at rate invocations per second (Poisson, the busy
// scenario's lognormal durations, mean 113 ms), run for 3 million
// arrivals, with limits high enough that nothing throttles and an ENI
// ready after 1 ms: the cost per event at that rate, nothing else.
func rated(rate float64) *spec.Scenario {
	s := base()
	s.Duration = time.Duration(3e6 / rate * float64(time.Second))
	s.Region.Concurrency, s.Region.ScalingRate, s.Region.ScalingBurst = 1_000_000, 1e6, 1e6
	s.Hyperplane.CreationDelay = spec.Dist{Kind: "fixed", Value: time.Millisecond}
	f := fn("api", 0, "subnet-a", "subnet-b")
	f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: rate}}
	f.Duration = spec.Dist{Kind: "lognormal", Mu: -2.5, Sigma: 0.8}
	s.Functions = append(s.Functions, f)
	return s
}

// benchmarkRate reports wall nanoseconds per engine event, and the peak
// number of live execution environments (which is what outgrows the
// cache as the rate rises).
func benchmarkRate(b *testing.B, rate float64) {
	s := rated(rate)
	var events uint64
	var envs int64
	cpu0 := cpuTime()
	for range b.N {
		x, err := Build(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := x.Run(); err != nil {
			b.Fatal(err)
		}
		events += x.Eng.Events()
		envs = x.Stats[0].Environments.Peak()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
	// CPU time too: on a shared machine the wall figure includes the
	// time other processes held the core.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(events), "cpu-ns/event")
	b.ReportMetric(float64(envs), "peak-envs")
}

func BenchmarkRate1k(b *testing.B)   { benchmarkRate(b, 1_000) }
func BenchmarkRate10k(b *testing.B)  { benchmarkRate(b, 10_000) }
func BenchmarkRate100k(b *testing.B) { benchmarkRate(b, 100_000) }

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}
