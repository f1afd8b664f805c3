package main

import (
	"encoding/csv"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/sim"
)

// durationOf turns report seconds back into a duration; a float64 of
// seconds rounds the longest run (2^63-1 ns) up past what a Duration
// holds, so it saturates rather than wrap to a negative time.
func durationOf(s float64) time.Duration {
	if ns := s * float64(time.Second); ns < float64(sim.Forever) {
		return time.Duration(ns)
	}
	return sim.Forever
}

// writeReportCSV writes the report in long form, one value a row
// (section, id, metric, value), which spreadsheets pivot as they like.
func writeReportCSV(w io.Writer, r *scenarios.Report) error {
	c := csv.NewWriter(w)
	row := func(section, id, metric, value string) { c.Write([]string{section, id, metric, value}) }
	row("section", "id", "metric", "value")
	row("run", r.Scenario, "seed", itoa(int64(r.Seed)))
	row("run", r.Scenario, "simulatedSeconds", ftoa(r.SimulatedSeconds, 3))
	row("enis", "all", "peak", itoa(r.ENIs.Peak))
	row("enis", "all", "final", itoa(r.ENIs.Final))
	row("enis", "all", "created", itoa(r.ENIs.Created))
	row("enis", "all", "deleted", itoa(r.ENIs.Deleted))
	row("enis", "all", "orphaned", itoa(r.ENIs.Orphaned))
	for _, k := range r.ENIs.ByKey {
		id := k.Subnet + "+[" + strings.Join(k.SecurityGroups, ",") + "]"
		row("key", id, "peak", itoa(k.Peak))
		row("key", id, "mean", ftoa(k.Mean, 6))
		row("key", id, "final", itoa(k.Final))
		row("key", id, "peakPorts", itoa(k.PeakPorts))
		row("key", id, "blocked", k.Blocked)
		row("key", id, "refused", itoa(k.Refused))
		row("key", id, "orphaned", itoa(k.Orphaned))
	}
	for _, s := range r.Subnets {
		row("subnet", s.ID, "vpc", s.VPC)
		row("subnet", s.ID, "az", s.AZ)
		row("subnet", s.ID, "cidr", s.CIDR)
		row("subnet", s.ID, "capacityIPs", itoa(s.CapacityIPs))
		row("subnet", s.ID, "peakIPsUsed", itoa(s.PeakIPsUsed))
		row("subnet", s.ID, "meanIPsUsed", ftoa(s.MeanIPsUsed, 6))
		row("subnet", s.ID, "peakShare", ftoa(s.PeakShare, 6))
	}
	for _, f := range r.Functions {
		functionCSV(row, f)
	}
	c.Flush()
	return c.Error()
}

func functionCSV(row func(section, id, metric, value string), f scenarios.FunctionReport) {
	id := f.Name
	row("function", id, "state", f.State)
	row("function", id, "stateReasonCode", f.StateReasonCode)
	row("function", id, "lastUpdateStatus", f.LastUpdateStatus)
	row("function", id, "exists", strconv.FormatBool(f.Exists))
	row("function", id, "keys", strings.Join(f.Keys, " "))
	for _, kv := range [][2]any{
		{"invocations", f.Invocations}, {"succeeded", f.Succeeded}, {"throttled", f.Throttled},
		{"inFlight", f.InFlight}, {"retries", f.Retries}, {"coldStarts", f.ColdStarts},
		{"coldStartsByCause.new", f.ColdStartsBy.New}, {"coldStartsByCause.expired", f.ColdStartsBy.Expired},
		{"coldStartsByCause.replaced", f.ColdStartsBy.Replaced}, {"coldStartsByCause.restore", f.ColdStartsBy.Restore},
		{"coldStartsByCause.config", f.ColdStartsBy.Config}, {"replacements", f.Replacements},
		{"concurrencyPeak", f.Concurrency.Peak}, {"environmentsPeak", f.Environments.Peak},
	} {
		row("function", id, kv[0].(string), itoa(kv[1].(int64)))
	}
	for _, kv := range [][2]any{
		{"concurrencyMean", f.Concurrency.Mean}, {"environmentsMean", f.Environments.Mean},
		{"coldStartP50", f.ColdStartDelay.P50}, {"coldStartP95", f.ColdStartDelay.P95},
		{"coldStartP99", f.ColdStartDelay.P99}, {"coldStartMax", f.ColdStartDelay.Max},
		{"eniWaitP50", f.ENIWait.P50}, {"eniWaitP95", f.ENIWait.P95},
		{"eniWaitP99", f.ENIWait.P99}, {"eniWaitMax", f.ENIWait.Max}, {"pendingSeconds", f.PendingSeconds},
	} {
		row("function", id, kv[0].(string), ftoa(kv[1].(float64), 6))
	}
	for _, e := range slices.Sorted(maps.Keys(f.Errors)) {
		row("function", id, "errors."+e, itoa(f.Errors[e]))
	}
	for _, e := range slices.Sorted(maps.Keys(f.RetriesByError)) {
		row("function", id, "retriesByError."+e, itoa(f.RetriesByError[e]))
	}
	for _, call := range slices.Sorted(maps.Keys(f.ControlPlane)) {
		for _, o := range slices.Sorted(maps.Keys(f.ControlPlane[call])) {
			row("function", id, "controlPlane."+call+"."+o, itoa(int64(f.ControlPlane[call][o])))
		}
	}
}
