package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/timeseries"
)

// reportHelp is run's --help on the report's newer parts, each with the
// JSON field it shows (the README's "Reading the report" says the same).
// Keep it within 80 columns.
const reportHelp = `Reading the report (JSON fields in parentheses; the CSV has the same values):
  orphaned       ENIs Lambda could not delete, as the role that last used them
                 lost ec2:DeleteNetworkInterface; they keep their IPs and quota
                 until deleted by hand (enis.orphaned, byKey[].orphaned)
  blocked        a key that could not add an ENI, and why; refused counts the
                 invokes that found no room on its ENIs meanwhile
                 (byKey[].blocked, byKey[].refused); the table of such keys is
                 printed only when there is one
  cold starts by cause
                 why no warm environment was there (coldStartsByCause, summing
                 to coldStarts): new = the first or a scale-out, expired =
                 keep-alive, replaced = lifetime replacement, restore = after
                 Inactive, config = after new code or configuration
  replacements   environments retired at their maximum lifetime, each replaced
                 by one started ahead (replacements)

`

func writeReportTable(w io.Writer, r *scenarios.Report) error {
	fmt.Fprintf(w, "scenario %s, seed %d, %s simulated, %d events\n",
		r.Scenario, r.Seed, seconds(r.SimulatedSeconds), r.Engine.Events)
	fmt.Fprintf(w, "ENIs: peak %d, at the end %d, created %d, deleted %d, orphaned %d\n",
		r.ENIs.Peak, r.ENIs.Final, r.ENIs.Created, r.ENIs.Deleted, r.ENIs.Orphaned)
	for _, f := range []func(io.Writer, *scenarios.Report) error{keysTable, subnetsTable, functionsTable, coldStartsTable, errorsTable, controlTable} {
		if err := f(w, r); err != nil {
			return err
		}
	}
	return nil
}

// seconds prints a simulated time as a duration a user would write: 10s,
// 1m30s, 2m, 2h.
func seconds(s float64) string { return timeseries.Span(durationOf(s)) }

func keysTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, k := range r.ENIs.ByKey {
		rows = append(rows, []string{k.Subnet, "[" + strings.Join(k.SecurityGroups, ",") + "]",
			itoa(k.Peak), ftoa(k.Mean, 2), itoa(k.Final), itoa(k.PeakPorts)})
	}
	if err := table(w, "ENIs per key (subnet, security groups)",
		[]string{"subnet", "security groups", "peak", "mean", "end", "peak ports"}, rows); err != nil {
		return err
	}
	return troubleTable(w, r)
}

// troubleTable lists the keys that were blocked (with the invokes refused
// for want of room) or hold orphaned ENIs, when there are any: a table of
// its own, so that a quiet run's report stays short and neither table
// grows past 100 columns with the reason codes.
func troubleTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, k := range r.ENIs.ByKey {
		if k.Blocked != "" || k.Refused > 0 || k.Orphaned > 0 {
			rows = append(rows, []string{k.Subnet, "[" + strings.Join(k.SecurityGroups, ",") + "]",
				k.Blocked, itoa(k.Refused), itoa(k.Orphaned)})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return table(w, "Keys blocked (invokes refused for want of room) or with orphaned ENIs",
		[]string{"subnet", "security groups", "blocked", "refused", "orphaned"}, rows)
}

func subnetsTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, s := range r.Subnets {
		rows = append(rows, []string{s.ID, s.AZ, s.CIDR, itoa(s.PeakIPsUsed), itoa(s.CapacityIPs),
			ftoa(100*s.PeakShare, 1) + "%"})
	}
	return table(w, "IPs per subnet", []string{"subnet", "az", "cidr", "peak used", "capacity", "share"}, rows)
}

func functionsTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, f := range r.Functions {
		state := f.State
		if f.StateReasonCode != "" {
			state += " (" + f.StateReasonCode + ")"
		}
		if !f.Exists {
			state = "(none)"
		}
		if f.State == "Active" && (f.LastUpdateStatus == "InProgress" || f.LastUpdateStatus == "Failed") {
			state += ", update " + f.LastUpdateStatus
		}
		var errs int64
		for _, n := range f.Errors {
			errs += n
		}
		d := f.ColdStartDelay
		rows = append(rows, []string{f.Name, state, itoa(f.Invocations), itoa(f.Succeeded), itoa(errs),
			itoa(f.Throttled), itoa(f.InFlight), itoa(f.ColdStarts), secs(d.P50), secs(d.P95), secs(d.P99), secs(d.Max),
			secs(f.ENIWait.Max), ftoa(f.PendingSeconds, 1)})
	}
	return table(w, "Functions (delays in seconds)",
		[]string{"function", "state", "invocations", "succeeded", "errors", "throttled", "in flight", "cold starts",
			"cold p50", "p95", "p99", "max", "eni wait max", "pending s"}, rows)
}

// coldStartsTable splits each function's cold starts by cause (the
// columns sum to "cold starts") and counts its lifetime replacements: a
// table of its own, so that the functions table keeps its width.
func coldStartsTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, f := range r.Functions {
		c := f.ColdStartsBy
		rows = append(rows, []string{f.Name, itoa(f.ColdStarts), itoa(c.New), itoa(c.Expired), itoa(c.Replaced),
			itoa(c.Restore), itoa(c.Config), itoa(f.Replacements)})
	}
	return table(w, "Cold starts by cause, and environments replaced at the end of their lifetime",
		[]string{"function", "cold starts", "new", "expired", "replaced", "restore", "config", "replacements"}, rows)
}

// errorsTable lists, by function and error, the invokes that ended with
// it (count) and the attempts that met it and were retried.
func errorsTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, f := range r.Functions {
		names := slices.Concat(slices.Collect(maps.Keys(f.Errors)), slices.Collect(maps.Keys(f.RetriesByError)))
		slices.Sort(names)
		for _, name := range slices.Compact(names) {
			rows = append(rows, []string{f.Name, name, itoa(f.Errors[name]), itoa(f.RetriesByError[name])})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := table(w, "Errors callers got", []string{"function", "error", "count", "retried"}, rows); err != nil {
		return err
	}
	return errorNotes(w, r)
}

// errorNotes prints, under the errors table, scenarios.ErrorNotes.
func errorNotes(w io.Writer, r *scenarios.Report) error {
	for _, n := range scenarios.ErrorNotes(r) {
		if _, err := fmt.Fprintln(w, wrap(n, 80)); err != nil {
			return err
		}
	}
	return nil
}

func controlTable(w io.Writer, r *scenarios.Report) error {
	var rows [][]string
	for _, f := range r.Functions {
		for _, call := range slices.Sorted(maps.Keys(f.ControlPlane)) {
			outcomes := f.ControlPlane[call]
			for _, o := range slices.Sorted(maps.Keys(outcomes)) {
				rows = append(rows, []string{f.Name, call, o, itoa(outcomes[o])})
			}
		}
	}
	return table(w, "Control-plane calls", []string{"function", "call", "outcome", "count"}, rows)
}
