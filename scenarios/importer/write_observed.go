package importer

import (
	"cmp"
	"slices"
	"strings"
)

// observed writes the account's Lambda ENIs per key (Layout.Observed) as
// the scenario's top-level observed list, which enisim check compares the
// run with. The groups are sorted: a key is a set.
func (sw *scenarioWriter) observed() {
	if len(sw.l.Observed) == 0 {
		return
	}
	obs := slices.Clone(sw.l.Observed)
	for i := range obs {
		obs[i].SGs = slices.Compact(slices.Sorted(slices.Values(obs[i].SGs)))
	}
	slices.SortFunc(obs, func(a, b ObservedKey) int {
		return cmp.Or(strings.Compare(a.Subnet, b.Subnet), slices.Compare(a.SGs, b.SGs))
	})
	sw.printf("observed:\n")
	sw.printf("  # Lambda ENIs (InterfaceType lambda) the account had per (subnet, security\n")
	sw.printf("  # groups) when imported; enisim check compares the run with them.\n")
	for _, o := range obs {
		sgs := make([]string, len(o.SGs))
		for i, g := range o.SGs {
			sgs[i] = yamlStr(g)
		}
		sw.printf("  - {subnet: %s, securityGroups: [%s], enis: %d}\n", yamlStr(o.Subnet), strings.Join(sgs, ", "), o.ENIs)
	}
}
