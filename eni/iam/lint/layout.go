package lint

import (
	"fmt"
	"slices"
	"strings"
)

// LayoutFunction is one VPC-attached function as the layout rules see it.
type LayoutFunction struct {
	Name    string
	Subnets []string
	SGs     []string
	// SubnetAZ maps subnet ids to Availability Zones; a subnet missing from
	// it makes the AZ rule skip the function.
	SubnetAZ map[string]string
	// File and Line say where the function is defined, for locations;
	// both optional.
	File string
	Line int
	// Refused marks a function whose CreateFunction AWS refuses: it holds
	// no ENIs, so the rules that count them skip it.
	Refused bool
}

// LintLayout checks how functions are spread over subnets and security
// groups. Functions without subnets are not attached and are skipped.
func LintLayout(functions []LayoutFunction) []Finding {
	var fs []Finding
	fs = append(fs, splitSecurityGroups(functions)...)
	for _, f := range functions {
		fs = append(fs, singleAZ(f)...)
	}
	Sort(fs)
	return fs
}

// setKey is a canonical, order-free key for a set of ids.
func setKey(ids []string) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ", ")
}

// LAY001. Lambda shares a Hyperplane ENI among functions with the same
// subnet and security-group combination (configuration-vpc.html); each
// further set on the same subnets needs ENIs of its own, each holding an
// IP and counting against the ENI quota, and a function whose combination
// is new waits for its ENI to be created.
func splitSecurityGroups(functions []LayoutFunction) []Finding {
	groups := map[string][]LayoutFunction{}
	var order []string
	for _, f := range functions {
		if len(f.Subnets) == 0 || f.Refused {
			continue
		}
		k := setKey(f.Subnets)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	var fs []Finding
	for _, k := range order {
		g := groups[k]
		bySet := map[string][]string{}
		var sets []string
		for _, f := range g {
			sk := setKey(f.SGs)
			if _, ok := bySet[sk]; !ok {
				sets = append(sets, sk)
			}
			bySet[sk] = append(bySet[sk], f.Name)
		}
		if len(sets) < 2 {
			continue
		}
		var parts []string
		for _, sk := range sets {
			parts = append(parts, fmt.Sprintf("%s (%s)", list(bySet[sk]), sk))
		}
		n := len(strings.Split(k, ", "))
		at := firstWithOtherSet(g)
		fs = append(fs, Finding{Rule: "LAY001", Severity: Warning, File: at.File, Line: at.Line, Statement: -1, Function: at.Name,
			Message: fmt.Sprintf("functions %s share subnets %s with %d different security-group sets: "+
				"Lambda shares an ENI only within one (subnet, security-group set), so these subnets need at least %d Hyperplane ENIs instead of %d, "+
				"and a function whose set is new waits for ENI creation", strings.Join(parts, " and "), k, len(sets), n*len(sets), n),
			Fix: "give these functions one security-group set if their rules allow it"})
	}
	return fs
}

// firstWithOtherSet is the first function of g whose security groups differ
// from the first function's: the one that split the subnets.
func firstWithOtherSet(g []LayoutFunction) LayoutFunction {
	for _, f := range g[1:] {
		if setKey(f.SGs) != setKey(g[0].SGs) {
			return f
		}
	}
	return g[0]
}

// LAY002. With every subnet in one AZ, the function has nowhere to run if
// that AZ is impaired; AWS recommends subnets in several AZs for high
// availability (configuration-vpc.html).
func singleAZ(f LayoutFunction) []Finding {
	if len(f.Subnets) == 0 {
		return nil
	}
	azs := map[string]bool{}
	for _, s := range f.Subnets {
		az, ok := f.SubnetAZ[s]
		if !ok {
			return nil
		}
		azs[az] = true
	}
	if len(azs) != 1 {
		return nil
	}
	az := f.SubnetAZ[f.Subnets[0]]
	return []Finding{{Rule: "LAY002", Severity: Warning, File: f.File, Line: f.Line, Statement: -1, Function: f.Name,
		Message: fmt.Sprintf("all subnets of function %s (%s) are in %s: if that Availability Zone is impaired the function has no ENI elsewhere to run through",
			f.Name, setKey(f.Subnets), az),
		Fix: "add a subnet in another Availability Zone"}}
}
