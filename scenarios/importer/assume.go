package importer

import (
	"fmt"
	"slices"
	"strings"
)

// Assumption is a fact an importer supplied because its source does not
// state it: what was assumed, where in the source the gap is, and how to
// replace the assumption by the real value. Every importer records them
// (Layout.Assumptions); the writer lists them at the top of the scenario and
// `enisim import --format json` prints them for tools.
type Assumption struct {
	What     string `json:"what"`
	Pos      string `json:"pos,omitempty"`      // file:line:col in the source, when one place is the cause
	Override string `json:"override,omitempty"` // "--param Subnets=subnet-...", "set az of subnet x"
	// Subject is the scenario id (subnet, group, VPC, function) it is
	// about; "" for the whole scenario.
	Subject string `json:"subject,omitempty"`
}

func (a Assumption) String() string {
	s := a.What
	if a.Pos != "" {
		s = a.Pos + ": " + s
	}
	if a.Override != "" {
		s += " (override: " + a.Override + ")"
	}
	return s
}

// PlaceholderVPC is the one VPC that holds every subnet and security group
// whose VPC the source does not tell (nor the groups or subnets used with
// it). One shared VPC, never one chosen so that AWS would refuse the
// function ("subnets in another VPC").
const PlaceholderVPC = "vpc-placeholder"

// UnknownAZ is written as the az of a subnet whose Availability Zone the
// source does not state; the scenario loader leaves such subnets out of its
// "every subnet is in one Availability Zone" check.
const UnknownAZ = "unknown"

// VPCAccessRole is the managed policy a role the importer cannot see is
// assumed to have, as the simulator assumes for a function without a role.
const VPCAccessRole = "AWSLambdaVPCAccessExecutionRole"

// UnseenRole is the one rule for an execution role the importer cannot see
// or resolve (defined outside the source, built from data the source does
// not hold, an unknown ARN): the function is written without a role, so the
// simulator treats it like any role it cannot see, as having
// AWSLambdaVPCAccessExecutionRole; never as a role without permissions.
// role names it, why says what is missing.
func UnseenRole(function, role, why, pos string) Assumption {
	return Assumption{Subject: function, Pos: pos,
		What: fmt.Sprintf("execution role %s of %s %s: treated like a role enisim cannot see, as having %s (the function is written without role:)",
			role, function, why, VPCAccessRole),
		Override: "add role: {managedPolicies: [...], actions: [...]} to function " + function + " in the scenario"}
}

// AllAssumptions are l.Assumptions and those its placeholders imply
// (unknown AZs, invented CIDRs, placeholder workloads for the functions
// wl does not cover), in the order the writer lists them.
func AllAssumptions(l *Layout, wl map[string]string) []Assumption {
	out := slices.Clone(l.Assumptions)
	var noAZ []string
	var noCIDR [][2]string // id, hint
	for _, v := range sortedVPCs(l) {
		for _, s := range sortedSubnets(v) {
			if s.AZ == "" {
				noAZ = append(noAZ, s.ID)
			}
			if s.CIDR == "" {
				noCIDR = append(noCIDR, [2]string{s.ID, hintOr(s.Hint, "set cidr of subnet "+s.ID+" in the scenario")})
			}
		}
	}
	if len(noAZ) > 0 {
		out = append(out, Assumption{
			What:     "the source does not give the Availability Zone of " + strings.Join(noAZ, ", ") + ": written as az: " + UnknownAZ,
			Override: "set az of those subnets in the scenario"})
	}
	// One assumption per hint: a List parameter's placeholders share one.
	for len(noCIDR) > 0 {
		hint, ids, rest := noCIDR[0][1], []string{}, noCIDR[:0:0]
		for _, c := range noCIDR {
			if c[1] == hint {
				ids = append(ids, c[0])
			} else {
				rest = append(rest, c)
			}
		}
		out = append(out, Assumption{
			What:     "the source does not give the CIDR of " + strings.Join(ids, ", ") + ": a documentation range (10.255.x.0/24, 251 addresses) is written",
			Override: hint})
		noCIDR = rest
	}
	var idle []string
	for _, f := range sortedFunctions(l) {
		if _, ok := workloadFor(f, wl); !ok {
			idle = append(idle, f.Name)
		}
	}
	if len(idle) > 0 {
		out = append(out, Assumption{
			What:     "the source says nothing about traffic: a placeholder workload of 1 request/s is written for " + strings.Join(idle, ", "),
			Override: "--workload FILE, one line per function, e.g. '" + idle[0] + ": {process: poisson, rate: 50/s}'"})
	}
	return dedupeAssumptions(out)
}

func hintOr(h, def string) string {
	if h != "" {
		return h
	}
	return def
}

// dedupeAssumptions keeps the first of equal assumptions: the same gap
// reached twice (a parameter read by two functions) is one assumption.
func dedupeAssumptions(in []Assumption) []Assumption {
	var out []Assumption
	seen := map[Assumption]bool{}
	for _, a := range in {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// assumptions writes the list at the top of the scenario, numbered.
func (sw *scenarioWriter) assumptions() {
	as := AllAssumptions(sw.l, sw.opts.Workload)
	if len(as) == 0 {
		return
	}
	sw.printf("#\n# Assumptions (%d): what the source does not say, and how to override it.\n", len(as))
	for i, a := range as {
		lead := fmt.Sprintf("#  %d. ", i+1)
		text := a.What
		if a.Pos != "" {
			text = a.Pos + ": " + text
		}
		for j, ln := range wrap(oneLine(text), 74-len(lead)) {
			if j > 0 {
				lead = "#" + strings.Repeat(" ", len(lead)-1)
			}
			sw.printf("%s%s\n", lead, strings.TrimPrefix(ln, "  "))
		}
		if a.Override != "" {
			sw.printf("#%sOverride: %s\n", strings.Repeat(" ", len(fmt.Sprintf("#  %d. ", i+1))-1), oneLine(a.Override))
		}
	}
	sw.printf("#\n")
}
