package main

import (
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/explain"
)

const explainAbout = `Runs a scenario and tells it as a timeline: one line per control-plane call,
ENI event and state change, in the words of the Lambda and EC2 APIs, with
the invocations between two lines summarised by outcome, e.g.

  00:00:00.000  CreateFunction orders -> Pending (Creating): needs ENIs for subnet-a+[sg-app]
  00:00:00.000  ENI eni-0001 creating in subnet-a for [sg-app]
                ... orders: 600 invokes refused with ResourceConflictException while Pending (Creating)
  00:01:00.000  ENI eni-0001 ready in subnet-a for [sg-app]; orders -> Active

The run ends with one line of totals per function: its invokes by outcome
(succeeded, refused by error name, throttled), its cold starts by cause
(new, expired, replaced, restore, config) and its retries.

Examples:
  enisim explain pending-block
  enisim explain default --duration 10m
  enisim run default --explain --out report/`

func explainCmd(args []string, io *stdio) error {
	var rf runFlags
	fs := newFlags("explain", "[SCENARIO|NAME]", explainAbout, io.err)
	fs.Uint64Var(&rf.seed, "seed", 0, "random seed (default: the scenario's seed)")
	fs.StringVar(&rf.duration, "duration", "", "simulated time, e.g. 30m (default: the scenario's duration)")
	fs.StringArrayVar(&rf.sets, "set", nil, "override a scenario value, PATH=VALUE (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("explain takes one scenario, got %d arguments", fs.NArg())
	}
	opts, sets, err := rf.options(fs)
	if err != nil {
		return err
	}
	s, err := openScenario(io, scenarioArg(fs), sets)
	if err != nil {
		return err
	}
	n := explain.Writer(io.out)
	opts.Events = n.Event
	x, err := scenarios.Build(s, opts)
	if err != nil {
		return usageError{err.Error()}
	}
	n.Attach(x)
	bar := newProgress(io.err, s.Name)
	w := newWatch(x, bar, time.Now)
	err = x.Run()
	bar.done()
	if err != nil {
		n.Stopped(err)
		return usageError{err.Error()}
	}
	n.Finish()
	if w.err != nil {
		return usageError{w.err.Error()}
	}
	return nil
}
