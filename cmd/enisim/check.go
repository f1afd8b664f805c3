package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// checkRow is one (subnet, security-group set) key: what the run predicts
// and what the account had.
type checkRow struct {
	Subnet         string   `json:"subnet"`
	SecurityGroups []string `json:"securityGroups"`
	PredictedPeak  int64    `json:"predictedPeak"`
	PredictedEnd   int64    `json:"predictedEnd"`
	// Observed is nil when the scenario has no observed entry for the key.
	Observed   *int   `json:"observed"`
	InScenario bool   `json:"inScenario"` // a function or the timeline configures it
	Status     string `json:"status"`
}

// checkResult is what check prints as JSON.
type checkResult struct {
	Scenario         string     `json:"scenario"`
	Seed             uint64     `json:"seed"`
	SimulatedSeconds float64    `json:"simulatedSeconds"`
	HasObserved      bool       `json:"hasObserved"`
	Keys             []checkRow `json:"keys"`
	Differ           int        `json:"differ"`
}

// The statuses of a key.
const (
	statusOK            = "ok"
	statusMorePredicted = "more predicted"
	statusMoreObserved  = "more observed"
	statusNotInScenario = "no function uses it"
	statusUnobserved    = "-" // the scenario has no observed list at all
)

const checkAbout = `Runs a scenario and compares, per (subnet, security-group set) key, the
Hyperplane ENIs it predicts (the peak, and the count at the end) with the
ENIs the account had: the scenario's observed list, which
'enisim import aws --enis FILE' writes from describe-network-interfaces.

A key matches when its observed count lies between the predicted count at
the end and the predicted peak, both included. It differs when the run
predicts more ENIs than were observed (a key the account does not have yet),
fewer (ENIs the scenario does not explain: scale-out under more traffic than
the workload gives, or ENIs still being deleted), or when no function of the
scenario uses an observed key at all (a published version of an older
configuration, or a function the import did not see).

Exit status: 0 when every key matches (or the scenario has no observed list:
then the predicted keys are printed and there is nothing to compare), 1 when
any key differs, 2 on a bad scenario or bad flags.`

func checkCmd(args []string, io *stdio) error {
	var rf runFlags
	fs := newFlags("check", "SCENARIO", checkAbout, io.err)
	rf.register(fs, "table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("check takes one scenario")
	}
	if err := checkFormat(rf.format, "table", "json"); err != nil {
		return err
	}
	opts, sets, err := rf.options(fs)
	if err != nil {
		return err
	}
	s, err := openScenario(io, fs.Arg(0), sets)
	if err != nil {
		return err
	}
	rep, _, err := runScenario(s, opts, io)
	if err != nil {
		return err
	}
	res := compareObserved(s, rep)
	if rf.format == "json" {
		err = writeJSON(io, res)
	} else {
		err = writeCheckTable(io, res)
	}
	if err != nil {
		return err
	}
	if res.Differ > 0 {
		return fmt.Errorf("%d of %d keys differ from the observed ENIs", res.Differ, len(res.Keys))
	}
	return nil
}

// compareObserved joins the run's ENIs per key with the observed ones.
func compareObserved(s *spec.Scenario, rep *scenarios.Report) *checkResult {
	res := &checkResult{Scenario: rep.Scenario, Seed: rep.Seed, SimulatedSeconds: rep.SimulatedSeconds,
		HasObserved: len(s.Observed) > 0}
	used := scenarioKeys(s)
	rows := map[string]*checkRow{}
	row := func(subnet string, sgs []string) *checkRow {
		k := spec.ENIKey(subnet, sgs)
		if rows[k] == nil {
			sgs = slices.Compact(slices.Sorted(slices.Values(sgs)))
			rows[k] = &checkRow{Subnet: subnet, SecurityGroups: sgs, InScenario: used[k]}
		}
		return rows[k]
	}
	for _, k := range rep.ENIs.ByKey {
		r := row(k.Subnet, k.SecurityGroups)
		r.PredictedPeak, r.PredictedEnd = k.Peak, k.Final
	}
	for _, o := range s.Observed {
		n := o.ENIs
		row(o.Subnet, o.SecurityGroups).Observed = &n
	}
	for _, k := range slices.Sorted(maps.Keys(rows)) {
		r := rows[k]
		r.Status = keyStatus(r, res.HasObserved)
		if r.Status != statusOK && r.Status != statusUnobserved {
			res.Differ++
		}
		res.Keys = append(res.Keys, *r)
	}
	return res
}

func keyStatus(r *checkRow, hasObserved bool) string {
	if !hasObserved {
		return statusUnobserved
	}
	obs := int64(0)
	if r.Observed != nil {
		obs = int64(*r.Observed)
	}
	switch {
	case !r.InScenario && obs > 0:
		return statusNotInScenario
	case obs > r.PredictedPeak:
		return statusMoreObserved
	case obs < min(r.PredictedEnd, r.PredictedPeak):
		return statusMorePredicted
	}
	return statusOK
}

func writeCheckTable(io *stdio, res *checkResult) error {
	fmt.Fprintf(io.out, "scenario %s, seed %d, %s simulated\n", res.Scenario, res.Seed, seconds(res.SimulatedSeconds))
	var rows [][]string
	for _, r := range res.Keys {
		obs := "-"
		if r.Observed != nil {
			obs = itoa(*r.Observed)
		}
		rows = append(rows, []string{r.Subnet, "[" + strings.Join(r.SecurityGroups, ",") + "]",
			itoa(r.PredictedPeak), itoa(r.PredictedEnd), obs, r.Status})
	}
	if err := table(io.out, "Hyperplane ENIs per key: predicted by the run, observed in the account",
		[]string{"subnet", "security groups", "peak", "end", "observed", "status"}, rows); err != nil {
		return err
	}
	switch {
	case !res.HasObserved:
		fmt.Fprintf(io.out, "\nThe scenario has no observed ENIs, so there is nothing to compare: import the\naccount with 'enisim import aws ... --enis FILE' to record them.\n")
	case res.Differ == 0:
		fmt.Fprintf(io.out, "\nAll %d keys match.\n", len(res.Keys))
	default:
		fmt.Fprintf(io.out, "\n%d of %d keys differ.\n", res.Differ, len(res.Keys))
	}
	return nil
}
