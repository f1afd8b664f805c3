package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// maxWholeInput is the largest input file a command reads whole (a policy
// document, an AWS CLI listing, a workload file): far above a real one
// (an IAM policy is at most 10 KB, a list-functions page a few MB) and
// small enough to hold in memory. Scenarios have their own, lower limit
// (2 MB, in scenarios/spec); traces and shards are streamed.
const maxWholeInput = 16 << 20

// openScenario loads the scenario a command names, as spec.Open does,
// after refusing what is not a regular file (a FIFO would block the read);
// a name that is neither a file nor a built-in gets the nearest built-in's
// name. The scenario's load warnings (what AWS would refuse or what is not
// modelled) go to stderr, once, as validate prints them.
func openScenario(io *stdio, arg string, sets []spec.Override) (*spec.Scenario, error) {
	s, err := loadScenario(arg, sets)
	if err != nil {
		return nil, err
	}
	ws, err := scenarios.AllWarnings(s)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		fmt.Fprintf(io.err, "%s: warning: %s\n", w.Pos, w.Msg)
	}
	return s, nil
}

// loadScenario is openScenario without the warnings (validate prints
// them with more).
func loadScenario(arg string, sets []spec.Override) (*spec.Scenario, error) {
	if _, err := os.Stat(arg); err == nil {
		if err := inputfile.Check(arg); err != nil {
			return nil, err
		}
	}
	s, err := spec.Open(arg, sets)
	if errors.Is(err, spec.ErrNotFound) {
		return nil, fmt.Errorf("%w%s", err, didYouMean(arg, builtinNames()))
	}
	return s, err
}

func builtinNames() []string {
	bs, _ := spec.Builtins()
	var out []string
	for _, b := range bs {
		out = append(out, b.Name)
	}
	return out
}

// checkInputFiles refuses, before anything is read, each path that is
// neither a regular file nor (when dirs) a directory, or is a file larger
// than limit bytes (0: no limit, for what is streamed).
func checkInputFiles(dirs bool, limit int64, what string, paths ...string) error {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() && dirs {
			continue
		}
		if err := inputfile.Check(p); err != nil {
			return err
		}
		if limit > 0 && fi.Size() > limit {
			return usagef("%s: the file is %.1f MB; %s is at most %d MB (maxWholeInput)", p, float64(fi.Size())/(1<<20), what, limit>>20)
		}
	}
	return nil
}
