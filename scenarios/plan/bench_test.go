package plan

import (
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios"
)

// benchSweep is the benchmark's sweep: the layouts built-in for 10
// simulated minutes, 4 api rates x 4 ENI creation delays, 10 replications
// (160 runs).
func benchSweep(b *testing.B) *Sweep {
	s, err := scenarios.LoadBuiltin("layouts", []scenarios.Override{{Path: "duration", Value: "10m"}})
	if err != nil {
		b.Fatal(err)
	}
	grid := Grid{
		{Path: "functions.api.arrivals.base", Values: []string{"20/s", "40/s", "80/s", "160/s"}},
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

// BenchmarkSweepSpeedup times the sweep on 1 worker and then on 2, and
// reports the ratio (target: at least 1.7 on two cores).
func BenchmarkSweepSpeedup(b *testing.B) {
	sw := benchSweep(b)
	var one, two time.Duration
	for b.Loop() {
		for _, w := range []int{1, 2} {
			start := time.Now()
			if _, err := sw.Run(Shard{}, w, nil); err != nil {
				b.Fatal(err)
			}
			if w == 1 {
				one += time.Since(start)
			} else {
				two += time.Since(start)
			}
		}
	}
	b.ReportMetric(one.Seconds()/two.Seconds(), "speedup")
	b.ReportMetric(one.Seconds()/float64(b.N), "s-1worker/op")
	b.ReportMetric(two.Seconds()/float64(b.N), "s-2workers/op")
}
