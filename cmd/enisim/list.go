package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/workload"
)

func listCmd(args []string, io *stdio) error {
	var show string
	fs := newFlags("list", "", "Lists the built-in scenarios, a line each. Run one with 'enisim run NAME'.\nThey are the best templates to start a scenario of your own from:\n\n  enisim list --show layouts > my.yaml", io.err)
	fs.StringVar(&show, "show", "", "print the YAML source of the built-in `NAME` (to copy and edit)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	if show != "" {
		s, err := spec.LoadBuiltin(show, nil)
		if errors.Is(err, spec.ErrNotFound) {
			return fmt.Errorf("--show %w%s", err, didYouMean(show, builtinNames()))
		}
		if err != nil {
			return err
		}
		_, err = io.out.Write(s.Source)
		return err
	}
	bs, err := spec.Builtins()
	if err != nil {
		return err
	}
	for _, b := range bs {
		fmt.Fprintf(io.out, "%-22s %s\n", b.Name, firstSentence(b.Description))
	}
	return nil
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// traceWarnings reads every trace the scenario replays, as run would: a
// malformed line is an error (file:line), and a trace that gives the
// function no arrival within the run is a warning. Traces are summarised
// as trace inspect does (per-minute counts summed, not stepped through).
func traceWarnings(s *spec.Scenario) ([]spec.Warning, error) {
	var out []spec.Warning
	for _, f := range s.Functions {
		for i, a := range f.Arrivals {
			if a.Process != "trace" {
				continue
			}
			sum, err := workload.InspectTraceFrom(a.Files, s.Open, a.Format, a.HashFunction, a.Row)
			if err != nil {
				return nil, usageError{err.Error()}
			}
			n, firstAt := sum.Count, sum.First
			where := fmt.Sprintf("functions.%s.arrivals", f.Name)
			if len(f.Arrivals) > 1 {
				where += fmt.Sprintf(".%d", i)
			}
			first := a.Start + firstAt
			if a.Format == workload.FormatPerMinute {
				first = a.Start + firstAt.Truncate(time.Minute) // spread within its minute
			}
			switch {
			case n == 0:
				out = append(out, spec.Warning{Pos: a.Pos, Msg: where + ": the trace has no arrivals: " + f.Name + " is never invoked"})
			case first > s.Duration:
				out = append(out, spec.Warning{Pos: a.Pos, Msg: fmt.Sprintf("%s: the trace's first arrival, at %v, is after the run's end (%v): %s is never invoked",
					where, first, s.Duration, f.Name)})
			}
		}
	}
	return out, nil
}

func validateCmd(args []string, io *stdio) error {
	var sets []string
	fs := newFlags("validate", "SCENARIO", "Checks a scenario file (or built-in name): every error with file:line:col\n(exit 2), then warnings about what AWS would refuse (exit 0). The traces it\nreplays are read through: a malformed line is an error, and a trace that\nnever invokes its function within the run a warning.", io.err)
	fs.StringArrayVar(&sets, "set", nil, "override a scenario value, PATH=VALUE (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("validate takes one scenario")
	}
	var rf runFlags
	rf.sets = sets
	_, ovs, err := rf.options(fs)
	if err != nil {
		return err
	}
	s, err := loadScenario(fs.Arg(0), ovs)
	if err != nil {
		return err
	}
	warnings, err := scenarios.AllWarnings(s) // with region.caller's: its policies must parse
	if err != nil {
		return err
	}
	tw, err := traceWarnings(s)
	if err != nil {
		return err
	}
	warnings = append(warnings, tw...)
	if err := buildsWithVariants(s); err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(io.err, "%s: warning: %s\n", w.Pos, w.Msg)
	}
	fmt.Fprintf(io.out, "%s: ok (%d functions, %d VPCs, %d warnings)\n", s.File, len(s.Functions), len(s.VPCs), len(warnings))
	return nil
}

// buildsWithVariants builds the model of s and of each of its variants,
// without running them: what run and compare read when they start (an
// empirical distribution's file) is read here too, so that validate says
// ok only of what they accept.
func buildsWithVariants(s *spec.Scenario) error {
	if _, err := scenarios.Build(s, scenarios.Options{}); err != nil {
		return usageError{err.Error()}
	}
	for _, v := range s.Variants {
		vs, err := s.Reparse(v.Set...)
		if err != nil {
			return err
		}
		if _, err := scenarios.Build(vs, scenarios.Options{}); err != nil {
			return usageError{fmt.Sprintf("variant %s: %v", v.Name, err)}
		}
	}
	return nil
}
