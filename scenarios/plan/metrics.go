package plan

import (
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios"
)

// Metric is one number taken from a run report. Names are stable (they
// are the keys of the CSV, JSON and JSON-lines outputs):
//
//	enis.peak, enis.mean, enis.created   ENIs at once, time-weighted mean, creations
//	ipShare.max                          the largest subnet's peak share of its IPs
//	subnet.ID.peakIPs, subnet.ID.share   per subnet
//	errors, throttled, failedFunctions   totals over the functions
//	pendingSeconds, coldStarts           totals over the functions
//	coldStartP99.max                     the largest cold-start p99 of the functions
//	function.NAME.coldStartP50, ...P99   cold-start delay quantiles, seconds
//	errors.NAME                          failed invokes by error name
type Metric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Metrics takes the plan's metrics from a report, in the canonical order.
func Metrics(r *scenarios.Report) []Metric {
	var out []Metric
	add := func(name string, v float64) { out = append(out, Metric{name, v}) }
	var eniMean, share float64
	for _, k := range r.ENIs.ByKey {
		eniMean += k.Mean
	}
	for _, s := range r.Subnets {
		share = max(share, s.PeakShare)
	}
	add("enis.peak", float64(r.ENIs.Peak))
	add("enis.mean", eniMean)
	add("enis.created", float64(r.ENIs.Created))
	add("ipShare.max", share)
	for _, s := range r.Subnets {
		add("subnet."+s.ID+".peakIPs", float64(s.PeakIPsUsed))
		add("subnet."+s.ID+".share", s.PeakShare)
	}
	var errs, throttled, failed, coldStarts int64
	var pending float64
	byName := map[string]int64{}
	for _, f := range r.Functions {
		for name, n := range f.Errors {
			errs += n
			byName[name] += n
		}
		throttled += f.Throttled
		coldStarts += f.ColdStarts
		pending += f.PendingSeconds
		if f.Exists && f.State == "Failed" {
			failed++
		}
	}
	add("errors", float64(errs))
	add("throttled", float64(throttled))
	add("failedFunctions", float64(failed))
	add("pendingSeconds", pending)
	add("coldStarts", float64(coldStarts))
	var p99 float64
	for _, f := range r.Functions {
		p99 = max(p99, f.ColdStartDelay.P99)
	}
	add("coldStartP99.max", p99)
	for _, f := range r.Functions {
		add("function."+f.Name+".coldStartP50", f.ColdStartDelay.P50)
		add("function."+f.Name+".coldStartP99", f.ColdStartDelay.P99)
	}
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		add("errors."+name, float64(byName[name]))
	}
	return out
}

// MetricNames is the union of the names in runs, in the order they first
// appear, except that error names (errors.NAME), which only appear in the
// runs that had them, are sorted and put last. Every run gives the other
// names in the same order, so the result does not depend on which runs
// are looked at first.
func MetricNames(runs ...[]Metric) []string {
	var names, errs []string
	seen := map[string]bool{}
	for _, ms := range runs {
		for _, m := range ms {
			if seen[m.Name] {
				continue
			}
			seen[m.Name] = true
			if strings.HasPrefix(m.Name, "errors.") {
				errs = append(errs, m.Name)
			} else {
				names = append(names, m.Name)
			}
		}
	}
	slices.Sort(errs)
	return append(names, errs...)
}

// Value is the value of the metric name in ms, 0 when it is missing (an
// error name that did not occur in that run).
func Value(ms []Metric, name string) float64 {
	for _, m := range ms {
		if m.Name == name {
			return m.Value
		}
	}
	return 0
}

// Kind is how a metric is best printed.
type Kind int

// Metric kinds.
const (
	Count   Kind = iota // a whole number per run
	Level               // a time-weighted mean
	Share               // a share of capacity, 0 to 1
	Seconds             // a duration in seconds
)

// KindOf returns the kind of the metric name.
func KindOf(name string) Kind {
	switch {
	case name == "ipShare.max", strings.HasSuffix(name, ".share"):
		return Share
	case name == "enis.mean":
		return Level
	case name == "pendingSeconds", name == "coldStartP99.max", strings.HasPrefix(name, "function."):
		return Seconds
	}
	return Count
}

// Label is a short human name for the metric name, for tables.
func Label(name string) string {
	switch name {
	case "enis.peak":
		return "ENIs peak"
	case "enis.mean":
		return "ENIs mean"
	case "enis.created":
		return "ENI creations"
	case "ipShare.max":
		return "IP share, fullest subnet"
	case "errors":
		return "errors"
	case "throttled":
		return "throttles"
	case "failedFunctions":
		return "Failed functions"
	case "pendingSeconds":
		return "time Pending (s)"
	case "coldStarts":
		return "cold starts"
	case "coldStartP99.max":
		return "cold p99, slowest (s)"
	}
	if rest, ok := strings.CutPrefix(name, "subnet."); ok {
		if id, ok := strings.CutSuffix(rest, ".peakIPs"); ok {
			return "IPs peak " + id
		}
		if id, ok := strings.CutSuffix(rest, ".share"); ok {
			return "IP share " + id
		}
	}
	if rest, ok := strings.CutPrefix(name, "function."); ok {
		if fn, ok := strings.CutSuffix(rest, ".coldStartP50"); ok {
			return "cold p50 " + fn + " (s)"
		}
		if fn, ok := strings.CutSuffix(rest, ".coldStartP99"); ok {
			return "cold p99 " + fn + " (s)"
		}
	}
	if e, ok := strings.CutPrefix(name, "errors."); ok {
		return "errors " + e
	}
	return name
}
