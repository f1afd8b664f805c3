package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// Criterion is a condition a run must meet (headroom's --until):
//
//	healthy              no Failed function, no ENI, IP or quota error, no throttle,
//	                     no key blocked (it wanted an ENI it could not get) and no
//	                     subnet full (every usable address in use at the peak)
//	coldstart-pNN<=D     every function's cold-start pNN (p50, p95, p99 or max) at most D
//	ip-share<=X          every subnet's peak IP use at most X of its capacity (0.8 or 80%)
//
// "<" may replace "<=" for a strict bound.
type Criterion struct {
	Text   string
	kind   string  // healthy | coldstart | ip-share
	q      string  // coldstart: p50 | p95 | p99 | max
	bound  float64 // seconds or share
	strict bool
}

// Healthy is the default criterion.
var Healthy = Criterion{Text: "healthy", kind: "healthy"}

// ParseCriterion parses one --until value.
func ParseCriterion(s string) (Criterion, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if t == "healthy" {
		return Healthy, nil
	}
	c := Criterion{Text: t}
	name, val, ok := strings.Cut(t, "<=")
	if !ok {
		if name, val, ok = strings.Cut(t, "<"); !ok {
			return c, fmt.Errorf("--until %q: want healthy, coldstart-p99<=2s or ip-share<=0.8", s)
		}
		c.strict = true
	}
	switch {
	case strings.HasPrefix(name, "coldstart-"):
		c.kind, c.q = "coldstart", strings.TrimPrefix(name, "coldstart-")
		if !slices.Contains([]string{"p50", "p95", "p99", "max"}, c.q) {
			return c, fmt.Errorf("--until %q: the cold-start quantiles are p50, p95, p99 and max", s)
		}
		d, err := spec.ParseDuration(val)
		if err != nil {
			return c, fmt.Errorf("--until %q: %w", s, err)
		}
		c.bound = d.Seconds()
	case name == "ip-share":
		c.kind = "ip-share"
		pct := strings.HasSuffix(val, "%")
		x, err := strconv.ParseFloat(strings.TrimSuffix(val, "%"), 64)
		if pct {
			x /= 100
		}
		if err != nil || !(x > 0 && x <= 1) {
			return c, fmt.Errorf("--until %q: the share is a number in (0, 1] or a percentage, e.g. 0.8 or 80%%", s)
		}
		c.bound = x
	default:
		return c, fmt.Errorf("--until %q: unknown measure %q (healthy, coldstart-p99, ip-share)", s, name)
	}
	return c, nil
}

func (c Criterion) exceeds(v float64) bool {
	if c.strict {
		return v >= c.bound
	}
	return v > c.bound
}

// Violation is one way a run broke a criterion: what broke it (a subnet, a
// key, a quota, a function) and how.
type Violation struct {
	Criterion string `json:"criterion"`
	Where     string `json:"where"`
	What      string `json:"what"`
}

func (v Violation) String() string { return v.Where + ": " + v.What }

// ENI, IP and quota errors: invokes that found no room on a key that could
// not add an ENI (the function stays Active), or of a function that went
// Failed.
var eniErrors = []string{"SubnetIPAddressLimitReachedException", "ENILimitReachedException",
	"EC2AccessDeniedException", "EC2UnexpectedException"}

// Check returns the ways rep (a run of s) breaks c; none means it holds.
func (c Criterion) Check(s *spec.Scenario, rep *scenarios.Report) []Violation {
	var out []Violation
	add := func(where, format string, args ...any) {
		out = append(out, Violation{Criterion: c.Text, Where: where, What: fmt.Sprintf(format, args...)})
	}
	switch c.kind {
	case "healthy":
		out = append(out, c.capacityViolations(s, rep)...)
		for _, f := range rep.Functions {
			if f.Exists && f.State == "Failed" {
				where, key := failedWhere(s, rep, f)
				add(where, "function %s Failed (%s)%s", f.Name, f.StateReasonCode, key)
			}
			// An attempt the client retried counts: its caller met the
			// error and waited, even when a later attempt succeeded or the
			// request was still retrying at the end.
			for _, e := range eniErrors {
				if n, r := f.Errors[e], f.RetriesByError[e]; n+r > 0 {
					where, key := failedWhere(s, rep, f)
					add(where, "%s%s", met(n, r, "of "+f.Name+" failed with "+e), key)
				}
			}
			if n, r := f.Throttled, f.RetriesByError["TooManyRequestsException"]; n+r > 0 {
				add(throttleWhere(s, f), "%s", met(n, r, "throttled (TooManyRequestsException)"))
			}
		}
	case "coldstart":
		for _, f := range rep.Functions {
			v := map[string]float64{"p50": f.ColdStartDelay.P50, "p95": f.ColdStartDelay.P95,
				"p99": f.ColdStartDelay.P99, "max": f.ColdStartDelay.Max}[c.q]
			if c.exceeds(v) {
				add("function "+f.Name, "cold-start %s %.3fs exceeds %gs", c.q, v, c.bound)
			}
		}
	case "ip-share":
		for _, sn := range rep.Subnets {
			share := float64(sn.PeakIPsUsed) / float64(max(sn.CapacityIPs, 1))
			if c.exceeds(share) {
				add("subnet "+sn.ID, "peak %d of %d IPs (%.1f%%) exceeds %g%%", sn.PeakIPsUsed, sn.CapacityIPs, 100*share, 100*c.bound)
			}
		}
	}
	return out
}

// met says how many invokes ended with an error (n) and how many attempts
// met it and were retried (r): "3 invokes throttled (...)", "1 attempt
// throttled (...) and retried", or both.
func met(n, r int64, what string) string {
	count := func(k int64, one, many string) string {
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	switch {
	case r == 0:
		return count(n, "invoke", "invokes") + " " + what
	case n == 0:
		return count(r, "attempt", "attempts") + " " + what + " and retried"
	}
	return count(n, "invoke", "invokes") + " " + what + "; " + count(r, "more attempt", "more attempts") + " retried"
}

// capacityViolations are the ways rep ran out of room before any caller
// saw an error: a subnet with every usable address in use, or a key that
// wanted an ENI it could not get. A planner told that a factor holds must
// be able to grow to it without filling a subnet.
func (c Criterion) capacityViolations(s *spec.Scenario, rep *scenarios.Report) []Violation {
	var out []Violation
	for _, sn := range rep.Subnets {
		if sn.CapacityIPs > 0 && sn.PeakIPsUsed >= int64(sn.CapacityIPs) {
			out = append(out, Violation{Criterion: c.Text, Where: fmt.Sprintf("subnet %s (%s, %d IPs)", sn.ID, sn.CIDR, sn.CapacityIPs),
				What: fmt.Sprintf("full: peak %d of %d usable IPs in use", sn.PeakIPsUsed, sn.CapacityIPs)})
		}
	}
	for _, k := range rep.ENIs.ByKey {
		if k.Blocked != "" {
			out = append(out, Violation{Criterion: c.Text, Where: blockedWhere(s, rep, k),
				What: fmt.Sprintf("key %s blocked (%s): it wanted an ENI it could not get", keyName(k), k.Blocked)})
		}
	}
	return out
}

func keyName(k scenarios.KeyReport) string {
	return k.Subnet + "+[" + strings.Join(k.SecurityGroups, ",") + "]"
}

// failedWhere names the limit that made f go Failed, from the keys it
// uses that could not grow.
func failedWhere(s *spec.Scenario, rep *scenarios.Report, f scenarios.FunctionReport) (where, key string) {
	for _, k := range rep.ENIs.ByKey {
		if k.Blocked != "" && slices.Contains(f.Keys, keyName(k)) {
			return blockedWhere(s, rep, k), ": key " + keyName(k) + " could not add an ENI"
		}
	}
	return "function " + f.Name, ""
}

// blockedWhere names the limit a key hit: its subnet's addresses, or the
// VPC's or the Region's ENI quota.
func blockedWhere(s *spec.Scenario, rep *scenarios.Report, k scenarios.KeyReport) string {
	switch k.Blocked {
	case "SubnetOutOfIPAddresses":
		for _, sn := range rep.Subnets {
			if sn.ID == k.Subnet {
				return fmt.Sprintf("subnet %s (%s, %d IPs)", sn.ID, sn.CIDR, sn.CapacityIPs)
			}
		}
		return "subnet " + k.Subnet
	case "EniLimitExceeded":
		if rep.ENIs.Peak >= int64(s.Region.ENIQuota) {
			return fmt.Sprintf("Region ENI quota (region.eniQuota %d)", s.Region.ENIQuota)
		}
		for _, v := range s.VPCs {
			for _, sn := range v.Subnets {
				if sn.ID == k.Subnet {
					return fmt.Sprintf("VPC %s ENI quota (eniQuota %d)", v.ID, v.ENIQuota)
				}
			}
		}
	}
	return "key " + keyName(k)
}

// throttleWhere names the limits that throttle a function: its reserved
// concurrency when it has one, else the Region's concurrency and scaling
// rate (the report does not tell which of the two it was).
func throttleWhere(s *spec.Scenario, f scenarios.FunctionReport) string {
	for _, sf := range s.Functions {
		if sf.Name == f.Name && sf.ReservedConcurrency >= 0 {
			return fmt.Sprintf("function %s reservedConcurrency %d", f.Name, sf.ReservedConcurrency)
		}
	}
	per := time.Duration(s.Region.ScalingBurst / s.Region.ScalingRate * float64(time.Second))
	return fmt.Sprintf("function %s: Region concurrency %d or scaling rate %g/%v", f.Name, s.Region.Concurrency, s.Region.ScalingBurst, per)
}
