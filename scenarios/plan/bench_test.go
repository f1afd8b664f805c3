package plan

import (
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios/spec"
)

// benchSweep is the benchmark's sweep: the layouts built-in for 10
// simulated minutes, 4 api rates x 4 ENI creation delays, 10 replications
// (160 runs).
func benchSweep(b *testing.B) *Sweep {
	s, err := spec.LoadBuiltin("layouts", []spec.Override{{Path: "duration", Value: "10m"}})
	if err != nil {
		b.Fatal(err)
	}
	grid := Grid{
		{Path: "functions.api.arrivals.rate", Values: []string{"20/s", "40/s", "80/s", "160/s"}},
		{Path: "hyperplane.creationDelay", Values: []string{"30s", "60s", "90s", "120s"}},
	}
	sw, err := NewSweep(s, grid, SweepOptions{Seed: 1, Replications: 10})
	if err != nil {
		b.Fatal(err)
	}
	return sw
}

// BenchmarkSweep runs the 4 x 4 x 10 sweep on 1 and on 2 workers.
func BenchmarkSweep(b *testing.B) {
	sw := benchSweep(b)
	for _, w := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[w], func(b *testing.B) {
			for b.Loop() {
				if _, err := sw.Run(Shard{}, w, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sw.Header.Runs), "runs/op")
		})
	}
}

// BenchmarkSweepSpeedup times the sweep on 1 worker and then on 2, b.N
// times each, alternating, and reports the ratio of the fastest times
// (target: at least 1.7 on two cores). The fastest of several runs is the
// estimate least disturbed by other processes on a shared machine; the
// CPU time of a sweep does not depend on the workers (runs share nothing).
func BenchmarkSweepSpeedup(b *testing.B) {
	sw := benchSweep(b)
	best := map[int]time.Duration{}
	for b.Loop() {
		for _, w := range []int{1, 2} {
			start := time.Now()
			if _, err := sw.Run(Shard{}, w, nil); err != nil {
				b.Fatal(err)
			}
			if d := time.Since(start); best[w] == 0 || d < best[w] {
				best[w] = d
			}
		}
	}
	b.ReportMetric(best[1].Seconds()/best[2].Seconds(), "speedup")
	b.ReportMetric(best[1].Seconds(), "s-1worker")
	b.ReportMetric(best[2].Seconds(), "s-2workers")
}

// BenchmarkHeadroomSpeedup runs the README's first headroom search
// (testdata/subnet26.yaml, one replication, 11 steps) on 1 worker and on
// 2, b.N times each, alternating, and reports the ratio of the fastest
// times (target: at least 1.3 on two cores): with one replication the
// second worker only has the speculative runs of the factors tried next.
func BenchmarkHeadroomSpeedup(b *testing.B) {
	s, err := spec.Load("testdata/subnet26.yaml", nil)
	if err != nil {
		b.Fatal(err)
	}
	ts, err := Targets(s, []string{"functions.api.arrivals.rate"})
	if err != nil {
		b.Fatal(err)
	}
	best := map[int]time.Duration{}
	var steps int
	for b.Loop() {
		for _, w := range []int{1, 2} {
			start := time.Now()
			res, err := Headroom(s, ts, HeadroomOptions{Seed: s.Seed, Replications: 1, Workers: w})
			if err != nil {
				b.Fatal(err)
			}
			if d := time.Since(start); best[w] == 0 || d < best[w] {
				best[w] = d
			}
			steps = len(res.Steps)
		}
	}
	b.ReportMetric(best[1].Seconds()/best[2].Seconds(), "speedup")
	b.ReportMetric(best[1].Seconds(), "s-1worker")
	b.ReportMetric(best[2].Seconds(), "s-2workers")
	b.ReportMetric(float64(steps), "steps")
}
