package awscli

import (
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// observe counts the Lambda ENIs per (subnet, sorted group set).
func (b *builder) observe(enis []networkInterface) {
	b.lambdaENIs = map[string]int{}
	count := map[string]*importer.ObservedKey{}
	for _, e := range enis {
		if e.InterfaceType != "lambda" {
			continue
		}
		var sgs []string
		for _, g := range e.Groups {
			sgs = append(sgs, g.GroupId)
		}
		slices.Sort(sgs)
		sgs = slices.Compact(sgs)
		k := e.SubnetId + "|" + strings.Join(sgs, ",")
		if count[k] == nil {
			count[k] = &importer.ObservedKey{Subnet: e.SubnetId, SGs: sgs}
		}
		count[k].ENIs++
		b.lambdaENIs[e.SubnetId]++
	}
	for _, k := range slices.Sorted(maps.Keys(count)) {
		b.observed = append(b.observed, *count[k])
	}
}

// checkObserved warns about ENIs whose key no given function uses: another
// account's function sharing the VPC, a published version of an older
// configuration, or an ENI still being deleted.
func (b *builder) checkObserved() {
	used := map[string]bool{}
	for _, f := range b.fns {
		sgs := slices.Clone(f.SecurityGroupIDs)
		slices.Sort(sgs)
		sgs = slices.Compact(sgs)
		for _, s := range f.SubnetIDs {
			used[s+"|"+strings.Join(sgs, ",")] = true
		}
	}
	for _, o := range b.observed {
		k := o.Subnet + "|" + strings.Join(o.SGs, ",")
		if !used[k] {
			b.warnings = append(b.warnings, importer.Warning{Resource: "ENIs", Property: o.Subnet,
				Msg: "Lambda ENIs for (" + o.Subnet + ", {" + strings.Join(o.SGs, ", ") + "}) match no listed function's configuration (a published version, another function, or ENIs being deleted)"})
		}
	}
}
