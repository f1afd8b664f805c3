package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/plan"
	"github.com/enisim/enisim/scenarios/spec"
)

const sweepAbout = `Runs a scenario over the grid of every combination of the --set values,
each combination replicated N times, and prints per combination the mean,
standard deviation and 95% Student-t confidence interval of each metric.

  --set PATH=V1,V2,...   one dimension of the grid (repeatable; the last
                         varies fastest). Values are split at commas outside
                         brackets, braces and quotes; quote a value that has
                         commas of its own:
                         --set 'functions.api.vpcConfig="SubnetIds=a,b,SecurityGroupIds=x","SubnetIds=a,SecurityGroupIds=x"'
                         (seed and duration are not dimensions: every run
                         takes --seed and --duration)

Replication r uses the same seed in every combination (common random
numbers): replication 0 the base seed (--seed, or the scenario's), the
others the values of the random stream "replications" of the base seed.
Runs are independent, so --workers runs them in parallel; the output is
the same for any number of workers.

Beyond one machine: --shard K/N (K from 0 to N-1) runs only the runs i
with i mod N = K, and --format jsonl writes them one JSON line each, after
a header line; 'enisim merge' turns the N files into exactly the output of
the unsharded sweep. --shard auto/N takes K from the array job's task
index: SLURM_ARRAY_TASK_ID (sbatch --array=0-(N-1)), JOB_COMPLETION_INDEX
(a Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX, the first that is
set; it says which on stderr, and is an error when none is.

The table shows, per combination, the metrics named by --metric (default:
ENIs peak and created, the fullest subnet's IP share, errors, throttles,
time Pending and the slowest function's cold-start p99); CSV and JSON have
every metric.

Examples:
  enisim sweep layouts --set functions.api.arrivals.rate=20/s,40/s,80/s -n 10
  enisim sweep my.yaml --set hyperplane.scaleOutAt=0.6,0.8 --set functions.f.arrivals.rate=100/s,200/s -f csv
  enisim sweep my.yaml --set ... --shard 2/8 --format jsonl > part-2.jsonl
  enisim sweep my.yaml --set ... --shard auto/8 --format jsonl > part-$SLURM_ARRAY_TASK_ID.jsonl
  enisim sweep layouts --set hyperplane.creationDelay=40s,70s,100s --set 'functions.orders.vpcConfig="SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-app","SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-orders"' -n 10 --out sw/

--out DIR also writes sweep.json and sweep.csv (what --format json and csv
print), a chart per metric of the table (--metric) against the first
--set's values, one line per combination of the other --set values, with
the 95% CI as error bars, as NAME.svg and NAME.png (enis.peak ->
enis-peak.svg), and report.html with the table and the charts inline (one
file that loads nothing). Values that are numbers, durations or rates are
placed at their value (durations in seconds, rates per second); others
(a vpcConfig) at equal steps, labelled with the values. The table or
--format output is printed as without --out; --out needs the whole sweep
(no --shard).`

var defaultSweepMetrics = []string{"enis.peak", "enis.created", "ipShare.max", "errors", "throttled", "pendingSeconds", "coldStartP99.max"}

func sweepCmd(args []string, io *stdio) error {
	var rf runFlags
	var pf planFlags
	var shardFlag string
	var metrics []string
	var outDir string
	var dpi int
	fs := newFlags("sweep", "SCENARIO --set PATH=V1,V2,... [--set ...]", sweepAbout, io.err)
	rf.register(fs, "table, csv, json or jsonl (one line per run, for merge)")
	pf.register(fs, 5)
	fs.StringVar(&shardFlag, "shard", "", "run only shard K/N of the runs (K from 0), e.g. 2/8, or auto/8 to take K from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX; use with --format jsonl")
	fs.StringSliceVar(&metrics, "metric", nil, "metrics the table and --out's charts show (repeatable or comma-separated; see the CSV for the names)")
	fs.StringVar(&outDir, "out", "", "also write sweep.json, sweep.csv, a chart per metric (SVG and PNG) and report.html into this directory")
	registerDPI(fs, &dpi)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("sweep takes one scenario, got %d arguments", fs.NArg())
	}
	if err := checkFormat(rf.format, "table", "csv", "json", "jsonl"); err != nil {
		return err
	}
	if err := pf.check(); err != nil {
		return err
	}
	var shard plan.Shard
	if shardFlag != "" {
		var err error
		var from string
		if shard, from, err = plan.ResolveShard(shardFlag, os.LookupEnv); err != nil {
			return usageError{err.Error()}
		}
		if from != "" {
			fmt.Fprintf(io.err, "enisim: --shard %s is shard %s (K from %s)\n", shardFlag, shard, from)
		}
		if shard.N > 1 && rf.format != "jsonl" {
			return usagef("--shard %s: a shard's runs are only part of the sweep: write them with --format jsonl and combine the shards with 'enisim merge'", shardFlag)
		}
		if shard.N > 1 && outDir != "" {
			return usagef("--out needs the whole sweep, not --shard %s: run the sweep unsharded with --out for its charts", shardFlag)
		}
	}
	var grid plan.Grid
	for _, s := range rf.sets {
		d, err := plan.ParseDim(s)
		if err != nil {
			return usageError{err.Error()}
		}
		grid = append(grid, d)
	}
	rf.sets = nil                      // the grid applies them, combination by combination
	opts, fixed, err := rf.options(fs) // fixed: --duration, for the load's warnings
	if err != nil {
		return err
	}
	if err := checkOutDir(outDir); err != nil {
		return err
	}
	if err := checkDPI(dpi); err != nil {
		return err
	}
	base, err := openScenario(io, fs.Arg(0), fixed)
	if err != nil {
		return err
	}
	seed := base.Seed
	if opts.Seed != nil {
		seed = *opts.Seed
	}
	sw, err := plan.NewSweep(base, grid, plan.SweepOptions{Seed: seed, Replications: pf.replications, Duration: opts.Duration})
	if err != nil {
		if el := spec.ErrorList(nil); errors.As(err, &el) {
			return err
		}
		return usageError{err.Error()}
	}
	bar := newProgress(io.err, "sweep")
	recs, err := sw.Run(shard, pf.workers, func(n, total int) { bar.set(float64(n) / float64(total)) })
	bar.done()
	if err != nil {
		return usageError{err.Error()}
	}
	h := sw.Header
	h.Shard = shard.String()
	if outDir != "" {
		res, err := plan.Collect(h, recs)
		if err != nil {
			return err
		}
		ms, err := sweepMetrics(res, metrics)
		if err != nil {
			return err
		}
		if err := writeSweepDir(outDir, res, ms, base.Description, dpi); err != nil {
			return err
		}
	}
	return writeSweep(io, rf.format, h, recs, metrics)
}

// writeSweep prints a complete sweep (or, in jsonl, a shard of one).
func writeSweep(io *stdio, format string, h plan.Header, recs []plan.Record, metrics []string) error {
	if format == "jsonl" {
		return plan.WriteJSONL(io.out, h, recs)
	}
	res, err := plan.Collect(h, recs)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return writeSweepCSV(io.out, res)
	case "json":
		return writeJSON(io, sweepJSON(res))
	}
	metrics, err = sweepMetrics(res, metrics)
	if err != nil {
		return err
	}
	return writeSweepTable(io.out, res, metrics)
}

// sweepMetrics checks --metric's names (default: the headline metrics).
func sweepMetrics(res *plan.Result, metrics []string) ([]string, error) {
	if len(metrics) == 0 {
		return defaultSweepMetrics, nil
	}
	for _, m := range metrics {
		if !slices.Contains(res.Metrics, m) {
			return nil, usagef("--metric %s: no such metric; the metrics are: %s", m, strings.Join(res.Metrics, ", "))
		}
	}
	return metrics, nil
}

func writeSweepTable(w io.Writer, res *plan.Result, metrics []string) error {
	fmt.Fprint(w, sweepNote(res))
	header, rows := sweepTable(res, metrics)
	return table(w, "", header, rows)
}

// sweepNote says what was run and what the table's cells are.
func sweepNote(res *plan.Result) string {
	h := res.Header
	s := fmt.Sprintf("sweep of %s: %s x %s, base seed %d, %s simulated each\n",
		h.Scenario, counted(len(res.Combinations), "combination"), counted(h.Replications, "replication"), h.Seed, seconds(h.Seconds))
	if h.Replications > 1 {
		s += "cells: mean ± half-width of the 95% Student-t interval\n"
	}
	return s
}

// counted is "1 combination", "4 combinations".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sweepTable is the table's header and rows: a row per combination, a
// column per dimension and per metric.
func sweepTable(res *plan.Result, metrics []string) (header []string, rows [][]string) {
	for _, d := range res.Header.Dims {
		header = append(header, d.Path)
	}
	idx := map[string]int{}
	for i, m := range res.Metrics {
		idx[m] = i
	}
	for _, m := range metrics {
		header = append(header, plan.Label(m))
	}
	for _, c := range res.Combinations {
		var row []string
		for _, o := range c.Set {
			row = append(row, o.Value)
		}
		for _, m := range metrics {
			row = append(row, fmtSummary(plan.KindOf(m), c.Stats[idx[m]]))
		}
		rows = append(rows, row)
	}
	if len(header) == 0 {
		header = []string{"(no --set)"}
	}
	return header, rows
}

// writeSweepCSV writes one row per (combination, metric).
func writeSweepCSV(w io.Writer, res *plan.Result) error {
	cw := csv.NewWriter(w)
	head := []string{"combination"}
	for _, d := range res.Header.Dims {
		head = append(head, d.Path)
	}
	cw.Write(append(head, "metric", "n", "mean", "sd", "ci95Lo", "ci95Hi"))
	for _, c := range res.Combinations {
		pre := []string{strconv.Itoa(c.Index)}
		for _, o := range c.Set {
			pre = append(pre, o.Value)
		}
		for i, m := range res.Metrics {
			cw.Write(append(append(slices.Clip(pre), m), summaryCSV(c.Stats[i], true)...))
		}
	}
	cw.Flush()
	return cw.Error()
}

type settingJSON struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

type metricJSON struct {
	Metric string `json:"metric"`
	summaryJSON
}

type combinationJSON struct {
	Index   int           `json:"index"`
	Set     []settingJSON `json:"set"`
	Metrics []metricJSON  `json:"metrics"`
}

type sweepOut struct {
	Sweep        plan.Header       `json:"sweep"`
	Combinations []combinationJSON `json:"combinations"`
}

func sweepJSON(res *plan.Result) sweepOut {
	out := sweepOut{Sweep: res.Header}
	for _, c := range res.Combinations {
		cj := combinationJSON{Index: c.Index, Set: []settingJSON{}}
		for _, o := range c.Set {
			cj.Set = append(cj.Set, settingJSON{o.Path, o.Value})
		}
		for i, m := range res.Metrics {
			cj.Metrics = append(cj.Metrics, metricJSON{m, toJSON(c.Stats[i])})
		}
		out.Combinations = append(out.Combinations, cj)
	}
	return out
}
