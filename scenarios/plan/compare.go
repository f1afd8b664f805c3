package plan

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Layout is one column of a comparison: a name and a checked scenario.
type Layout struct {
	Name     string
	Scenario *spec.Scenario
}

// Layouts returns a scenario's base (named "base") and each of its
// variants (the base with the variant's settings applied), in the order
// the file lists them.
func Layouts(s *spec.Scenario) ([]Layout, error) {
	out := []Layout{{Name: "base", Scenario: s}}
	for _, v := range s.Variants {
		vs, err := s.Reparse(v.Set...)
		if err != nil {
			return nil, fmt.Errorf("variant %s (%s): %w", v.Name, v.Pos, err)
		}
		out = append(out, Layout{Name: v.Name, Scenario: vs})
	}
	return out, nil
}

// Comparison is the outcome of running layouts on common seeds:
// Reports[i][r] is layout i's report for replication r, run with Seeds[r].
type Comparison struct {
	Names   []string
	Seeds   []uint64
	Reports [][]*scenarios.Report
	metrics [][][]Metric
}

// CompareOptions are how a comparison runs.
type CompareOptions struct {
	Seed         uint64   // base seed; replication r uses Seeds(Seed, n)[r]
	Replications int      // at least 1
	Duration     sim.Time // > 0: overrides the scenarios' durations
	Workers      int      // <= 0: Workers()
	Done         func(finished, total int)
}

// Compare runs every layout for every replication, layout i and layout j
// of replication r on the same seed.
func Compare(layouts []Layout, o CompareOptions) (*Comparison, error) {
	reps := max(o.Replications, 1)
	c := &Comparison{Seeds: Seeds(o.Seed, reps)}
	var jobs []Job
	for _, l := range layouts {
		c.Names = append(c.Names, l.Name)
		for _, seed := range c.Seeds {
			jobs = append(jobs, Job{Scenario: l.Scenario, Seed: seed, Duration: o.Duration})
		}
	}
	var done func(int)
	if o.Done != nil {
		done = func(n int) { o.Done(n, len(jobs)) }
	}
	reports, err := RunAll(jobs, o.Workers, done)
	if err != nil {
		return nil, err
	}
	for i := range layouts {
		rs := reports[i*reps : (i+1)*reps]
		c.Reports = append(c.Reports, rs)
		ms := make([][]Metric, reps)
		for r, rep := range rs {
			ms[r] = Metrics(rep)
		}
		c.metrics = append(c.metrics, ms)
	}
	return c, nil
}

// Cell is one layout's value of one metric: its summary over the
// replications and the summary of its paired differences to the first
// layout (replication by replication, so that what the layouts share
// cancels out). Present is false when the layout has no such metric (a
// subnet or function another file has).
type Cell struct {
	Present bool
	Value   Summary
	Diff    Summary
}

// Row is one metric across the layouts.
type Row struct {
	Metric string
	Cells  []Cell
}

// Rows summarises the comparison: one row per metric, in the canonical
// order (see MetricNames).
func (c *Comparison) Rows() []Row {
	var all [][]Metric
	for _, ms := range c.metrics {
		all = append(all, ms...)
	}
	var rows []Row
	for _, name := range MetricNames(all...) {
		row := Row{Metric: name}
		base := c.values(0, name)
		for i := range c.Names {
			cell := Cell{Present: c.has(i, name)}
			if cell.Present {
				v := c.values(i, name)
				diffs := make([]float64, len(v))
				for r := range v {
					diffs[r] = v[r] - base[r]
				}
				cell.Value, cell.Diff = Summarize(v), Summarize(diffs)
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

func (c *Comparison) values(layout int, name string) []float64 {
	out := make([]float64, len(c.Seeds))
	for r, ms := range c.metrics[layout] {
		out[r] = Value(ms, name)
	}
	return out
}

func (c *Comparison) has(layout int, name string) bool {
	if strings.HasPrefix(name, "errors.") {
		return true
	}
	for _, ms := range c.metrics[layout] {
		for _, m := range ms {
			if m.Name == name {
				return true
			}
		}
	}
	return false
}
