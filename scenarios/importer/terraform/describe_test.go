package terraform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// describe renders a Layout as stable text for golden files.
func describe(l *importer.Layout) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("region %s", l.Region)
	for _, v := range l.VPCs {
		p("vpc %s cidr=%s tenancy=%s nat=%t  # %s", v.ID, v.CIDR, v.Tenancy, v.NATGateway, v.Origin)
		for _, u := range v.QuotaUsers {
			p("  quota %d %s", u.IPs, u.Origin)
		}
		for _, s := range v.Subnets {
			p("  subnet %s az=%s cidr=%s used=%d%s  # %s", s.ID, s.AZ, s.CIDR, usedIPs(s), mark(s.Placeholder), s.Origin)
			for _, u := range s.IPUsers {
				p("    uses %d %s", u.IPs, u.Origin)
			}
		}
		for _, g := range v.SGs {
			p("  sg %s%s  # %s", g.ID, mark(g.Placeholder), g.Origin)
		}
	}
	for _, f := range l.Functions {
		rc := "-"
		if f.ReservedConcurrency != nil {
			rc = fmt.Sprint(*f.ReservedConcurrency)
		}
		p("function %s subnets=%v sgs=%v memory=%d reserved=%s versions=%d alt=%v  # %s",
			f.Name, f.SubnetIDs, f.SecurityGroupIDs, f.Memory, rc, f.Versions, f.AltNames, f.Origin)
		if r := f.Role; r != nil {
			p("  role managed=%v  # %s", r.ManagedPolicies, r.Origin)
			for _, d := range r.Policies {
				p("  policy %s", d)
			}
		}
	}
	for _, w := range l.Warnings {
		p("warning [%s] %s", w.Subject, w)
	}
	for _, a := range l.Assumptions {
		p("assume [%s] %s", a.Subject, a)
	}
	return b.String()
}

func mark(placeholder bool) string {
	if placeholder {
		return " PLACEHOLDER"
	}
	return ""
}

// pairs is the distinct (subnet, sorted security groups) keys of l's
// functions: the Hyperplane ENIs it needs at steady state.
func pairs(l *importer.Layout) []string {
	var out []string
	for _, f := range l.Functions {
		sgs := slices.Clone(f.SecurityGroupIDs)
		slices.Sort(sgs)
		sgs = slices.Compact(sgs)
		for _, s := range f.SubnetIDs {
			k := s + " " + strings.Join(sgs, ",")
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// subnetCIDRs maps subnet ids to their CIDRs.
func subnetCIDRs(l *importer.Layout) map[string]string {
	m := map[string]string{}
	for _, v := range l.VPCs {
		for _, s := range v.Subnets {
			m[s.ID] = s.CIDR
		}
	}
	return m
}

// usedIPs is what the writer writes as usedIPs.
func usedIPs(s importer.Subnet) int {
	n := s.UsedIPs
	for _, u := range s.IPUsers {
		n += u.IPs
	}
	return n
}
