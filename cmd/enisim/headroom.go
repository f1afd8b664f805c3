package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/plan"
	"github.com/enisim/enisim/scenarios/spec"
)

const headroomAbout = `Finds the largest factor by which the values named by --scale (rates,
usually: 200/s becomes 400/s at factor 2) can be multiplied while the
criteria still hold, by doubling (or halving) from 1 until they break and
then bisecting to --precision (1%). It prints the factor, the values at
that factor, and what broke first just above it: which subnet, key, quota,
limit or function.

  --scale PATH[,PATH...]  values to multiply together (repeatable); a path to
                          an arrival process scales each of its rates
  --until CRITERION       repeatable, all must hold (default: healthy):
      healthy             no Failed function, no ENI, IP or quota error, no
                          throttle (retried attempts count), no key blocked
                          (it wanted an ENI it could not get) and no subnet
                          full (all its usable IPs in use at the peak): a
                          factor that holds leaves room
      'coldstart-p99<=2s' every function's cold-start p99 (also p50, p95, max)
      'ip-share<=0.8'     every subnet's peak IP use, as a share of its capacity
                          (quote them: unquoted, the shell reads < as a redirection)

With --replications N a factor holds only if it holds on all N seeds. The
search assumes that more load never helps: past the first factor that
breaks a criterion, every larger one breaks it too.

Each step is a full run: on the 30-minute layouts scenario a search takes
minutes, so the examples shorten it with --duration.

With Hyperplane ENIs a subnet's addresses are rarely what breaks first (an
ENI carries 65,000 connections, and the Region's concurrency throttles long
before); in the pre-2019 model every few environments took an address, and
the second example finds how far the legacy service grows before its
subnets are half full.

Examples:
  enisim headroom layouts --duration 20m --scale functions.api.arrivals,functions.orders.arrivals
  enisim headroom legacy-vs-hyperplane --set hyperplane.model=per-environment --duration 10m --scale functions.api.arrivals --until 'ip-share<=0.5' -n 3`

func headroomCmd(args []string, io *stdio) error {
	var rf runFlags
	var pf planFlags
	var scale, until []string
	var precision, maxFactor float64
	fs := newFlags("headroom", "SCENARIO --scale PATH[,PATH...]", headroomAbout, io.err)
	rf.register(fs, "table or json")
	pf.register(fs, 1)
	fs.StringSliceVar(&scale, "scale", nil, "scenario values to multiply, e.g. functions.api.arrivals.rate")
	fs.StringArrayVar(&until, "until", nil, "criterion that must hold: healthy (default), 'coldstart-p99<=D', 'ip-share<=X' (quoted)")
	fs.Float64Var(&precision, "precision", 0.01, "relative width of the final bracket")
	fs.Float64Var(&maxFactor, "max", 1024, "the largest factor tried")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("headroom takes one scenario, got %d arguments", fs.NArg())
	}
	if len(scale) == 0 {
		return usagef("headroom needs --scale PATH, e.g. --scale functions.api.arrivals.rate")
	}
	for i, p := range scale {
		if slices.Contains(scale[:i], p) {
			return usagef("--scale %s is given twice", p)
		}
	}
	if err := checkFormat(rf.format, "table", "json"); err != nil {
		return err
	}
	if err := pf.check(); err != nil {
		return err
	}
	if !(precision > 0 && precision < 1) {
		return usagef("--precision %g: want a number between 0 and 1, e.g. 0.01", precision)
	}
	if !(maxFactor > 1 && maxFactor <= 1e9) {
		return usagef("--max %g: want a factor above 1 and at most 1e9", maxFactor)
	}
	var crit []plan.Criterion
	for _, u := range until {
		c, err := plan.ParseCriterion(u)
		if err != nil {
			return usageError{err.Error()}
		}
		crit = append(crit, c)
	}
	opts, sets, err := rf.options(fs)
	if err != nil {
		return err
	}
	s, err := openScenario(io, fs.Arg(0), sets)
	if err != nil {
		return err
	}
	targets, err := plan.Targets(s, scale)
	if err != nil {
		return usageError{err.Error()}
	}
	seed := s.Seed
	if opts.Seed != nil {
		seed = *opts.Seed
	}
	bar := newProgress(io.err, "headroom")
	ho := plan.HeadroomOptions{
		Criteria: crit, Seed: seed, Replications: pf.replications, Duration: opts.Duration,
		Workers: pf.workers, Precision: precision, MaxFactor: maxFactor,
	}
	est := plan.NewHeadroomProgress(ho)
	ho.Step = func(st plan.Step) { bar.set(est.Add(st)) }
	res, err := plan.Headroom(s, targets, ho)
	bar.done()
	if err != nil {
		if el := spec.ErrorList(nil); errors.As(err, &el) {
			return err
		}
		return usageError{err.Error()}
	}
	if rf.format == "json" {
		return writeJSON(io, res)
	}
	return writeHeadroom(io.out, res, pf.replications)
}

func factorText(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

func writeHeadroom(w io.Writer, r *plan.HeadroomResult, reps int) error {
	runs := "seed " + strconv.FormatUint(r.Seed, 10)
	if reps > 1 {
		runs = fmt.Sprintf("%d replications from base seed %d", reps, r.Seed)
	}
	fmt.Fprintf(w, "headroom of %s (%s), until %s\n", r.Scenario, runs, strings.Join(r.Criteria, " and "))
	switch {
	case r.Found:
		fmt.Fprintf(w, "factor %s: the criteria hold at x%s and break at x%s\n", factorText(r.Factor), factorText(r.Factor), factorText(r.Limit))
	case r.Factor > 0 && r.Unscalable != "":
		fmt.Fprintf(w, "factor at least %s: the criteria still hold there, and the next factor cannot be run (%s)\n", factorText(r.Factor), r.Unscalable)
	case r.Factor > 0:
		fmt.Fprintf(w, "factor at least %s: the criteria still hold at the largest factor tried (--max)\n", factorText(r.Factor))
	default:
		fmt.Fprintf(w, "factor below %s: the criteria break even there\n", factorText(r.Limit))
	}
	var rows [][]string
	for i, t := range r.Targets {
		rows = append(rows, []string{t.Path, t.Base, r.Scaled[i]})
	}
	if err := table(w, "", []string{"value", "now", "at the factor"}, rows); err != nil {
		return err
	}
	if len(r.Binding) > 0 {
		rows = rows[:0]
		for _, v := range r.Binding {
			rows = append(rows, []string{v.Where, v.What})
		}
		if err := table(w, "Binds first (at x"+factorText(r.Limit)+")", []string{"constraint", "what broke"}, rows); err != nil {
			return err
		}
	}
	rows = rows[:0]
	for _, st := range r.Steps {
		verdict := "holds"
		if !st.Holds {
			verdict = "breaks: " + st.Violations[0].Where
			if n := len(st.Violations); n > 1 {
				verdict += fmt.Sprintf(" (and %d more)", n-1)
			}
		}
		rows = append(rows, []string{factorText(st.Factor), verdict})
	}
	return table(w, "Search", []string{"factor", "criteria"}, rows)
}
