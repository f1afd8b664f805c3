package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/plan"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/spf13/pflag"
)

const compareAbout = `Runs layouts side by side on the same seed: one SCENARIO's base and each of
its variants, or several scenario files (each with its variants). Every
function and purpose draws from its own random stream, so wherever the
workload is the same the layouts see the same arrivals and durations
(common random numbers) and their differences come from the layouts.

The table has a column per layout and a row per metric: ENIs (peak, mean,
creations), peak IPs and share of capacity per subnet, errors by name,
throttles, time Pending and cold-start p50/p99 per function; the other
columns show in brackets their difference to the first. With
--replications N each cell is the mean and the half-width of its 95%
Student-t confidence interval over N seeds (replication r uses the same
seed in every layout; the differences are paired, replication by
replication).

Examples:
  enisim compare layouts
  enisim compare layouts --replications 10 --format csv
  enisim compare a.yaml b.yaml --seed 7 --set hyperplane.creationDelay=90s
  enisim compare layouts -n 10 --out cmp/   # and open cmp/report.html

--out DIR also writes compare.json and compare.csv (what --format json and
csv print), a bar chart per headline metric (peak ENIs, ENI creations, the
fullest subnet's IP share, time Pending, the slowest cold-start p99, errors
and throttles; with replications the bars are means with 95% CI whiskers)
as NAME.svg and NAME.png, and report.html with the table and the charts
inline (one file that loads nothing). The table or --format output is
printed as without --out.`

// planFlags are the flags compare, sweep and headroom add to runFlags.
type planFlags struct {
	replications int
	workers      int
}

func (p *planFlags) register(fs *pflag.FlagSet, reps int) {
	fs.IntVarP(&p.replications, "replications", "n", reps, "runs per cell, each on its own seed (replication 0 uses the base seed)")
	fs.IntVarP(&p.workers, "workers", "w", plan.Workers(), "runs in parallel (the output does not depend on it)")
}

func (p *planFlags) check() error {
	switch {
	case p.replications < 1:
		return usagef("--replications %d: want at least 1", p.replications)
	case p.replications > 100_000:
		return usagef("--replications %d: at most 100000", p.replications)
	case p.workers < 1:
		return usagef("--workers %d: want at least 1", p.workers)
	}
	return nil
}

func compareCmd(args []string, io *stdio) error {
	var rf runFlags
	var pf planFlags
	var outDir string
	var dpi int
	fs := newFlags("compare", "SCENARIO [SCENARIO...]", compareAbout, io.err)
	rf.register(fs, "table, json or csv")
	pf.register(fs, 1)
	fs.StringVar(&outDir, "out", "", "also write compare.json, compare.csv, the charts (SVG and PNG) and report.html into this directory")
	registerDPI(fs, &dpi)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("compare needs a scenario (a file or a built-in name), e.g. enisim compare layouts")
	}
	if err := checkFormat(rf.format, "table", "json", "csv"); err != nil {
		return err
	}
	if err := pf.check(); err != nil {
		return err
	}
	opts, sets, err := rf.options(fs)
	if err != nil {
		return err
	}
	if err := checkOutDir(outDir); err != nil {
		return err
	}
	if err := checkDPI(dpi); err != nil {
		return err
	}
	layouts, seed, err := loadLayouts(io, fs.Args(), sets)
	if err != nil {
		return err
	}
	if len(layouts) < 2 {
		return usagef("%s has no variants: give it `variants:` or compare two or more scenario files", fs.Arg(0))
	}
	if opts.Seed != nil {
		seed = *opts.Seed
	}
	bar := newProgress(io.err, "compare")
	c, err := plan.Compare(layouts, plan.CompareOptions{
		Seed: seed, Replications: pf.replications, Duration: opts.Duration, Workers: pf.workers,
		Done: func(n, total int) { bar.set(float64(n) / float64(total)) },
	})
	bar.done()
	if err != nil {
		return usageError{err.Error()}
	}
	if outDir != "" {
		var description string
		if fs.NArg() == 1 {
			description = layouts[0].Scenario.Description
		}
		if err := writeCompareDir(outDir, c, description, dpi); err != nil {
			return err
		}
	}
	switch rf.format {
	case "json":
		return writeJSON(io, compareJSON(c))
	case "csv":
		return writeCompareCSV(io.out, c)
	}
	return writeCompareTable(io.out, c)
}

// loadLayouts loads each argument and its variants. One argument's
// columns are named base and the variants' names; with several, each
// column is named after its scenario (NAME, NAME/VARIANT).
func loadLayouts(io *stdio, args []string, sets []spec.Override) ([]plan.Layout, uint64, error) {
	var out []plan.Layout
	var seed uint64
	seen := map[string]int{}
	for i, a := range args {
		s, err := openScenario(io, a, sets)
		if err != nil {
			return nil, 0, err
		}
		if i == 0 {
			seed = s.Seed
		}
		ls, err := plan.Layouts(s)
		if err != nil {
			return nil, 0, err
		}
		for _, l := range ls {
			if len(args) > 1 {
				if l.Name == "base" {
					l.Name = s.Name
				} else {
					l.Name = s.Name + "/" + l.Name
				}
			}
			seen[l.Name]++
			if n := seen[l.Name]; n > 1 {
				l.Name += "#" + strconv.Itoa(n)
			}
			out = append(out, l)
		}
	}
	return out, seed, nil
}

func writeCompareTable(w io.Writer, c *plan.Comparison) error {
	fmt.Fprintln(w, compareNote(c))
	header, rows := compareTable(c)
	return table(w, "", header, rows)
}

// compareNote says what the table's cells are.
func compareNote(c *plan.Comparison) string {
	if reps := len(c.Seeds); reps > 1 {
		return fmt.Sprintf("base seed %d, %d replications per layout (the same seeds in each): mean ± 95%% CI half-width;\nin brackets: the mean paired difference to %s ± its half-width", c.Seeds[0], reps, c.Names[0])
	}
	return fmt.Sprintf("seed %d, one run per layout; in brackets: the difference to %s", c.Seeds[0], c.Names[0])
}

// compareTable is the table's header and rows: a row per metric, a column
// per layout.
func compareTable(c *plan.Comparison) (header []string, rows [][]string) {
	header = append([]string{"metric"}, c.Names...)
	for _, r := range c.Rows() {
		row := []string{plan.Label(r.Metric)}
		k := plan.KindOf(r.Metric)
		for i, cell := range r.Cells {
			switch {
			case !cell.Present:
				row = append(row, "-")
			case i == 0:
				row = append(row, fmtSummary(k, cell.Value))
			default:
				row = append(row, fmtSummary(k, cell.Value)+" ("+fmtDiff(k, cell.Diff)+")")
			}
		}
		rows = append(rows, row)
	}
	return header, rows
}

// fmtValue prints one value of a metric of kind k; mean is true for a
// mean of several runs (counts then get a decimal).
func fmtValue(k plan.Kind, v float64, mean bool) string {
	switch k {
	case plan.Share:
		return ftoa(100*v, 1) + "%"
	case plan.Level:
		return ftoa(v, 2)
	case plan.Seconds:
		return ftoa(v, 3)
	}
	if mean && v != math.Trunc(v) {
		return ftoa(v, 1)
	}
	return ftoa(v, 0)
}

func fmtSummary(k plan.Kind, s plan.Summary) string {
	if !s.Defined() {
		return fmtValue(k, s.Mean, false)
	}
	return fmtValue(k, s.Mean, true) + " ± " + fmtValue(k, s.HalfWidth(), true)
}

func fmtDiff(k plan.Kind, s plan.Summary) string {
	sign := "+"
	if s.Mean < 0 || s.Mean == 0 && math.Signbit(s.Mean) {
		sign = ""
	}
	if s.Mean == 0 && s.HalfWidth() == 0 {
		return "="
	}
	d := sign + fmtValue(k, s.Mean, s.Defined())
	if s.Defined() {
		d += " ± " + fmtValue(k, s.HalfWidth(), true)
	}
	return d
}

// summaryJSON is a Summary for JSON: sd and ci95 only when defined.
type summaryJSON struct {
	N    int         `json:"n"`
	Mean float64     `json:"mean"`
	SD   *float64    `json:"sd,omitempty"`
	CI95 *[2]float64 `json:"ci95,omitempty"`
}

func toJSON(s plan.Summary) summaryJSON {
	out := summaryJSON{N: s.N, Mean: s.Mean}
	if s.Defined() {
		sd, ci := s.SD, [2]float64{s.Lo, s.Hi}
		out.SD, out.CI95 = &sd, &ci
	}
	return out
}

type compareVariant struct {
	Name    string              `json:"name"`
	Report  *scenarios.Report   `json:"report"`
	Reports []*scenarios.Report `json:"reports,omitempty"`
	Summary []compareMetricJSON `json:"summary"`
}

type compareMetricJSON struct {
	Metric string      `json:"metric"`
	Value  summaryJSON `json:"value"`
	Diff   summaryJSON `json:"diff"`
}

type compareOut struct {
	Seeds        []uint64         `json:"seeds"`
	Replications int              `json:"replications"`
	Variants     []compareVariant `json:"variants"`
}

// compareJSON is {"variants": [{"name", "report"}]}: report is the run on
// the base seed; with replications, reports has every run, and summary
// the statistics of each metric.
func compareJSON(c *plan.Comparison) compareOut {
	out := compareOut{Seeds: c.Seeds, Replications: len(c.Seeds)}
	rows := c.Rows()
	for i, name := range c.Names {
		v := compareVariant{Name: name, Report: c.Reports[i][0], Summary: []compareMetricJSON{}}
		if len(c.Seeds) > 1 {
			v.Reports = c.Reports[i]
		}
		for _, r := range rows {
			if cell := r.Cells[i]; cell.Present {
				v.Summary = append(v.Summary, compareMetricJSON{r.Metric, toJSON(cell.Value), toJSON(cell.Diff)})
			}
		}
		out.Variants = append(out.Variants, v)
	}
	return out
}

// writeCompareCSV writes one row per (metric, layout).
func writeCompareCSV(w io.Writer, c *plan.Comparison) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"metric", "layout", "n", "mean", "sd", "ci95Lo", "ci95Hi", "diffMean", "diffSD", "diffCI95Lo", "diffCI95Hi"})
	for _, r := range c.Rows() {
		for i, cell := range r.Cells {
			if !cell.Present {
				continue
			}
			rec := append([]string{r.Metric, c.Names[i]}, summaryCSV(cell.Value, true)...)
			cw.Write(append(rec, summaryCSV(cell.Diff, false)...))
		}
	}
	cw.Flush()
	return cw.Error()
}

// summaryCSV is n, mean, sd, lo, hi (without n when withN is false); the
// sd and interval are empty for fewer than two runs.
func summaryCSV(s plan.Summary, withN bool) []string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var out []string
	if withN {
		out = append(out, strconv.Itoa(s.N))
	}
	out = append(out, g(s.Mean))
	if s.Defined() {
		return append(out, g(s.SD), g(s.Lo), g(s.Hi))
	}
	return append(out, "", "", "")
}
