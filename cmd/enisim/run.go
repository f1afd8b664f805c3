package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/spf13/pflag"
)

// runFlags are the flags every command that runs scenarios shares.
type runFlags struct {
	seed     uint64
	duration string
	format   string
	sets     []string
}

func (f *runFlags) register(fs *pflag.FlagSet, formats string) {
	fs.Uint64Var(&f.seed, "seed", 0, "random seed (default: the scenario's seed)")
	fs.StringVar(&f.duration, "duration", "", "simulated time, e.g. 30m or 2h (default: the scenario's duration)")
	fs.StringVarP(&f.format, "format", "f", "table", "output format: "+formats)
	fs.StringArrayVar(&f.sets, "set", nil, "override a scenario value, PATH=VALUE (repeatable), e.g. functions.orders.arrivals.rate=400/s")
}

// options turns the flags into run options, checking them.
func (f *runFlags) options(fs *pflag.FlagSet) (scenarios.Options, []spec.Override, error) {
	var o scenarios.Options
	if fs.Changed("seed") {
		seed := f.seed
		o.Seed = &seed
	}
	if f.duration != "" {
		d, err := spec.ParseDuration(f.duration)
		if err != nil {
			return o, nil, usagef("--duration: %v", err)
		}
		if d <= 0 {
			return o, nil, usagef("--duration %q: want a positive duration with a unit, e.g. 30m", f.duration)
		}
		o.Duration = d
	}
	var sets []spec.Override
	for _, s := range f.sets {
		ov, err := spec.ParseOverride(s)
		if err != nil {
			return o, nil, usagef("--set %s: %v", s, err)
		}
		sets = append(sets, ov)
	}
	if o.Duration > 0 {
		// The loader's warnings (a call after the end never happens)
		// must be about the run's duration, not the file's; last, so it
		// wins over a --set duration as o.Duration does.
		sets = append(sets, spec.Override{Path: "duration", Value: f.duration})
	}
	return o, sets, nil
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usagef("--format %q: want one of %v", format, allowed)
}

func runCmd(args []string, io *stdio) error {
	var rf runFlags
	var stats bool
	var of runOut
	fs := newFlags("run", "[SCENARIO|NAME]",
		"Runs a scenario file, or a built-in scenario by name (no argument: 'default'),\nand prints its report: ENIs per key, IPs per subnet, and per function its\nstate, invocations, errors by name, throttles, cold starts by cause and\ncold-start delays.\n\nA long run shows its progress on stderr: a bar on a terminal, otherwise a\nline now and then once it has run 10s. A run that, at its pace so far,\nwould need more than a day is stopped (after 10s at least; exit 2) with\nthe estimate.\n\n"+reportHelp+spec.ParameterHelp(), io.err)
	rf.register(fs, "table, json or csv")
	fs.BoolVar(&stats, "stats", false, "print engine statistics on stderr (events, events per second, peak heap); fills engine.wallSeconds")
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("run takes one scenario, got %d arguments", fs.NArg())
	}
	if err := checkFormat(rf.format, "table", "json", "csv"); err != nil {
		return err
	}
	opts, sets, err := rf.options(fs)
	if err != nil {
		return err
	}
	if err := of.prepare(&opts); err != nil {
		return err
	}
	s, err := openScenario(io, scenarioArg(fs), sets)
	if err != nil {
		return err
	}
	rep, st, err := runScenario(s, opts, io, of.attach)
	if err != nil {
		return err
	}
	if stats {
		rep.Engine.WallSeconds = st.wall.Seconds()
		rep.Engine.PeakHeapMB = float64(st.peakHeap) / (1 << 20)
		fmt.Fprintf(io.err, "events %d in %.3fs wall (%.0f events/s), peak heap %.1f MB\n",
			rep.Engine.Events, st.wall.Seconds(), float64(rep.Engine.Events)/st.wall.Seconds(), rep.Engine.PeakHeapMB)
	}
	if err := of.finish(io, rf.format, rep); err != nil {
		return err
	}
	return writeReport(io, rf.format, rep)
}

// runStats measure a run (for --stats); they never enter the model.
type runStats struct {
	wall     time.Duration
	peakHeap uint64
}

// runSlices is how many pieces a run is cut into to sample memory and show
// progress.
const runSlices = 50

// runScenario builds and runs s, sampling the heap between slices of
// simulated time. Each setup function sees the built run before it starts
// (to attach recorders).
func runScenario(s *spec.Scenario, o scenarios.Options, io *stdio, setup ...func(*scenarios.Sim) error) (*scenarios.Report, runStats, error) {
	var st runStats
	x, err := scenarios.Build(s, o)
	if err != nil {
		return nil, st, usageError{err.Error()}
	}
	for _, f := range setup {
		if err := f(x); err != nil {
			return nil, st, err
		}
	}
	bar := newProgress(io.err, s.Name)
	defer bar.done()
	start := time.Now()
	w := newWatch(x, bar, time.Now)
	var ms runtime.MemStats
	for i := 1; i <= runSlices; i++ {
		if err := x.RunUntil(x.Slice(i, runSlices)); err != nil {
			return nil, st, usageError{err.Error()}
		}
		if w.err != nil {
			return nil, st, usageError{w.err.Error()}
		}
		runtime.ReadMemStats(&ms)
		st.peakHeap = max(st.peakHeap, ms.HeapInuse)
	}
	st.wall = time.Since(start)
	rep := x.Report()
	rep.Engine.Events -= w.fires // the watch's timer is not the model's
	return rep, st, nil
}

func writeReport(io *stdio, format string, r *scenarios.Report) error {
	switch format {
	case "json":
		return writeJSON(io, r)
	case "csv":
		return writeReportCSV(io.out, r)
	}
	return writeReportTable(io.out, r)
}

func writeJSON(io *stdio, v any) error {
	enc := json.NewEncoder(io.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// scenarioArg is the scenario a command names: its argument, or the
// built-in default.
func scenarioArg(fs *pflag.FlagSet) string {
	if fs.NArg() == 1 {
		return fs.Arg(0)
	}
	return "default"
}
