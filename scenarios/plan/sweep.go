package plan

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Header describes a sweep: enough to check that shards belong together
// and to summarise their runs. Run i is combination i / Replications,
// replication i % Replications.
type Header struct {
	Type         string  `json:"type"` // "sweep"
	Scenario     string  `json:"scenario"`
	Source       string  `json:"source"` // FNV-64a of the scenario file and its --set values
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	Seconds      float64 `json:"simulatedSeconds"`
	Dims         []Dim   `json:"dims"`
	Runs         int     `json:"runs"`
	Shard        string  `json:"shard,omitempty"` // K/N; "" for the whole sweep
}

// Record is one run of a sweep.
type Record struct {
	Type        string   `json:"type"` // "run"
	Run         int      `json:"run"`
	Combination int      `json:"combination"`
	Replication int      `json:"replication"`
	Seed        uint64   `json:"seed"`
	Metrics     []Metric `json:"metrics"`
}

// Sweep is a checked sweep, ready to run: every combination's scenario
// has been decoded, so a bad value is reported before anything runs.
type Sweep struct {
	Header   Header
	Grid     Grid
	scens    []*spec.Scenario
	duration sim.Time
}

// SweepOptions are how a sweep runs.
type SweepOptions struct {
	Seed         uint64   // base seed; replication r uses Seeds(Seed, n)[r]
	Replications int      // at least 1
	Duration     sim.Time // > 0: overrides the scenario's duration
}

// NewSweep checks the grid on base and decodes each combination.
func NewSweep(base *spec.Scenario, grid Grid, o SweepOptions) (*Sweep, error) {
	if err := grid.check(); err != nil {
		return nil, err
	}
	reps := max(o.Replications, 1)
	if runs := grid.Size() * reps; runs > MaxRuns {
		return nil, fmt.Errorf("the sweep has %d runs (%d combinations x %d replications); at most %d", runs, grid.Size(), reps, MaxRuns)
	}
	end := base.Duration
	if o.Duration > 0 {
		end = o.Duration
	}
	sw := &Sweep{Grid: grid, duration: o.Duration, Header: Header{
		Type: "sweep", Scenario: base.Name, Source: fingerprint(base), Seed: o.Seed,
		Replications: reps, Seconds: end.Seconds(), Dims: grid, Runs: grid.Size() * reps,
	}}
	if sw.Header.Dims == nil {
		sw.Header.Dims = []Dim{}
	}
	for c := range grid.Size() {
		s, err := base.Reparse(grid.Combination(c)...)
		if err != nil {
			return nil, err
		}
		sw.scens = append(sw.scens, s)
	}
	return sw, nil
}

// MaxRuns is the most runs a sweep may have: merge holds every run's
// record in memory, and a million runs of even a second each are eleven
// days of CPU.
const MaxRuns = 1_000_000

// fingerprint identifies a scenario's source and fixed overrides, so that
// shards of different scenarios are not merged.
func fingerprint(s *spec.Scenario) string {
	h := fnv.New64a()
	h.Write(s.Source)
	for _, o := range s.Overrides {
		fmt.Fprintf(h, "\x00%s=%s", o.Path, o.Value)
	}
	return strconv.FormatUint(h.Sum64(), 16)
}

// Run runs the sweep's share of runs for shard (Shard{} or {0, 1}: all of
// them) on workers goroutines and returns their records in run order.
// done, when not nil, is called after each run with the number finished
// and the number this shard runs.
func (sw *Sweep) Run(shard Shard, workers int, done func(finished, total int)) ([]Record, error) {
	reps := sw.Header.Replications
	seeds := Seeds(sw.Header.Seed, reps)
	var jobs []Job
	var recs []Record
	for i := range sw.Header.Runs {
		if !shard.Owns(i) {
			continue
		}
		c, r := i/reps, i%reps
		jobs = append(jobs, Job{Scenario: sw.scens[c], Seed: seeds[r], Duration: sw.duration})
		recs = append(recs, Record{Type: "run", Run: i, Combination: c, Replication: r, Seed: seeds[r]})
	}
	var cb func(int)
	if done != nil {
		cb = func(n int) { done(n, len(jobs)) }
	}
	reports, err := RunAll(jobs, workers, cb)
	if err != nil {
		return nil, err
	}
	for i, rep := range reports {
		recs[i].Metrics = Metrics(rep)
	}
	return recs, nil
}

// Result is a sweep summarised: per combination, a Summary of each metric
// over the replications.
type Result struct {
	Header       Header
	Metrics      []string
	Combinations []CombinationResult
}

// CombinationResult is one combination's settings and summaries, aligned
// with Result.Metrics.
type CombinationResult struct {
	Index int
	Set   []spec.Override
	Stats []Summary
}

// Collect summarises a complete set of records (every run of h, each
// once, in any order).
func Collect(h Header, recs []Record) (*Result, error) {
	byRun := make([]*Record, h.Runs)
	for i := range recs {
		r := &recs[i]
		if r.Run < 0 || r.Run >= h.Runs {
			return nil, fmt.Errorf("run %d is outside the sweep's %d runs", r.Run, h.Runs)
		}
		if byRun[r.Run] != nil {
			return nil, fmt.Errorf("run %d (combination %d, replication %d) appears twice", r.Run, r.Combination, r.Replication)
		}
		byRun[r.Run] = r
	}
	var missing []int
	for i, r := range byRun {
		if r == nil {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%d of %d runs are missing (first: run %d, combination %d, replication %d): is a shard's file left out?",
			len(missing), h.Runs, missing[0], missing[0]/h.Replications, missing[0]%h.Replications)
	}
	all := make([][]Metric, h.Runs)
	for i, r := range byRun {
		all[i] = r.Metrics
	}
	res := &Result{Header: h, Metrics: MetricNames(all...)}
	grid := Grid(h.Dims)
	reps := h.Replications
	for c := range grid.Size() {
		cr := CombinationResult{Index: c, Set: grid.Combination(c)}
		xs := make([]float64, reps)
		for _, name := range res.Metrics {
			for r := range reps {
				xs[r] = Value(all[c*reps+r], name)
			}
			cr.Stats = append(cr.Stats, Summarize(xs))
		}
		res.Combinations = append(res.Combinations, cr)
	}
	return res, nil
}
