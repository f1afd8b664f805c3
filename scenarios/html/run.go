package html

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/explain"
	"github.com/enisim/enisim/scenarios/timeseries"
)

// RunPage is the page of one run: the summary tables of rep, the figures,
// and the narrated timeline when there is one.
func RunPage(rep *scenarios.Report, description string, figs []Figure, timeline string) Page {
	p := Page{
		Title: "enisim: " + rep.Scenario,
		Subtitle: fmt.Sprintf("seed %d, %s simulated, %s events; ENIs: peak %d, at the end %d, created %d, deleted %d, orphaned %d",
			rep.Seed, timeseries.Span(time.Duration(rep.SimulatedSeconds*float64(time.Second))), explain.Group(int64(rep.Engine.Events)),
			rep.ENIs.Peak, rep.ENIs.Final, rep.ENIs.Created, rep.ENIs.Deleted, rep.ENIs.Orphaned),
		Intro: description,
	}
	p.Sections = append(p.Sections, Section{
		Title:  "Summary",
		Tables: RunTables(rep),
	})
	if len(figs) > 0 {
		p.Sections = append(p.Sections, Section{Title: "Charts", Figures: figs})
	}
	if timeline != "" {
		p.Sections = append(p.Sections, Section{
			Title: "Timeline",
			Text:  "Every control-plane call, ENI event and state change, with the invocations in between summarised (enisim explain).",
			Pre:   timeline,
		})
	}
	return p
}

// RunTables are the report's tables, as `enisim run` prints them.
func RunTables(r *scenarios.Report) []Table {
	keys := Table{Title: "ENIs per key (subnet, security groups)",
		Header: []string{"subnet", "security groups", "peak", "mean", "end", "peak ports"}}
	trouble := Table{Title: "Keys blocked (invokes refused for want of room) or with orphaned ENIs",
		Header: []string{"subnet", "security groups", "blocked", "refused", "orphaned"}}
	for _, k := range r.ENIs.ByKey {
		sgs := "[" + strings.Join(k.SecurityGroups, ",") + "]"
		keys.Rows = append(keys.Rows, []string{k.Subnet, sgs,
			itoa(k.Peak), ftoa(k.Mean, 2), itoa(k.Final), explain.Group(int64(k.PeakPorts))})
		if k.Blocked != "" || k.Refused > 0 || k.Orphaned > 0 {
			trouble.Rows = append(trouble.Rows, []string{k.Subnet, sgs, k.Blocked,
				explain.Group(int64(k.Refused)), explain.Group(int64(k.Orphaned))})
		}
	}
	subnets := Table{Title: "IPs per subnet",
		Header: []string{"subnet", "AZ", "CIDR", "peak used", "capacity", "share"}}
	for _, s := range r.Subnets {
		subnets.Rows = append(subnets.Rows, []string{s.ID, s.AZ, s.CIDR, itoa(s.PeakIPsUsed),
			itoa(int64(s.CapacityIPs)), ftoa(100*s.PeakShare, 1) + "%"})
	}
	funcs := Table{Title: "Functions (delays in seconds)",
		Header: []string{"function", "state", "invocations", "succeeded", "errors", "throttled",
			"in flight", "cold starts", "cold p50", "p95", "p99", "max", "ENI wait max", "pending s"}}
	cold := Table{Title: "Cold starts by cause, and environments replaced at the end of their lifetime",
		Header: []string{"function", "cold starts", "new", "expired", "replaced", "restore", "config", "replacements"}}
	errs := Table{Title: "Errors callers got", Header: []string{"function", "error", "count", "retried"}}
	calls := Table{Title: "Control-plane calls", Header: []string{"function", "call", "outcome", "count"}}
	for _, f := range r.Functions {
		var n int64
		for _, e := range f.Errors {
			n += e
		}
		names := slices.Concat(slices.Collect(maps.Keys(f.Errors)), slices.Collect(maps.Keys(f.RetriesByError)))
		slices.Sort(names)
		for _, name := range slices.Compact(names) {
			errs.Rows = append(errs.Rows, []string{f.Name, name, explain.Group(f.Errors[name]), explain.Group(f.RetriesByError[name])})
		}
		d := f.ColdStartDelay
		funcs.Rows = append(funcs.Rows, []string{f.Name, state(f), explain.Group(f.Invocations), explain.Group(f.Succeeded),
			explain.Group(n), explain.Group(f.Throttled), explain.Group(f.InFlight), explain.Group(f.ColdStarts), ftoa(d.P50, 3), ftoa(d.P95, 3), ftoa(d.P99, 3),
			ftoa(d.Max, 3), ftoa(f.ENIWait.Max, 3), ftoa(f.PendingSeconds, 1)})
		c := f.ColdStartsBy
		cold.Rows = append(cold.Rows, []string{f.Name, explain.Group(f.ColdStarts), explain.Group(c.New),
			explain.Group(c.Expired), explain.Group(c.Replaced), explain.Group(c.Restore), explain.Group(c.Config),
			explain.Group(f.Replacements)})
		for _, call := range slices.Sorted(maps.Keys(f.ControlPlane)) {
			for _, o := range slices.Sorted(maps.Keys(f.ControlPlane[call])) {
				calls.Rows = append(calls.Rows, []string{f.Name, call, o, itoa(int64(f.ControlPlane[call][o]))})
			}
		}
	}
	out := []Table{keys}
	if len(trouble.Rows) > 0 {
		out = append(out, trouble)
	}
	out = append(out, subnets, funcs, cold)
	if len(errs.Rows) > 0 {
		errs.Notes = scenarios.ErrorNotes(r)
		out = append(out, errs)
	}
	return append(out, calls)
}

func state(f scenarios.FunctionReport) string {
	if !f.Exists {
		return "(none)"
	}
	s := f.State
	if f.StateReasonCode != "" {
		s += " (" + f.StateReasonCode + ")"
	}
	if f.State == "Active" && (f.LastUpdateStatus == "InProgress" || f.LastUpdateStatus == "Failed") {
		s += ", update " + f.LastUpdateStatus
	}
	return s
}

func itoa(v int64) string             { return strconv.FormatInt(v, 10) }
func ftoa(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
