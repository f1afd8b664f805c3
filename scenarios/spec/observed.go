package spec

import (
	"fmt"
	"slices"
	"strings"
)

// ObservedKey is the number of Lambda ENIs (InterfaceType lambda) an
// account had for one (subnet, security-group set) when the scenario was
// imported from it: the top-level `observed` list, an extension of the v1
// format that `enisim check` compares a run against. It plays no part in
// the run itself.
//
//	observed:
//	  - {subnet: subnet-0a, securityGroups: [sg-0app, sg-0db], enis: 1}
//
// The subnet and groups are taken as the account gave them: they need not
// be defined in vpcs (an ENI of a function the scenario does not have is
// exactly what check should point out).
type ObservedKey struct {
	Subnet         string
	SecurityGroups []string // sorted, without repeats
	ENIs           int
	Pos            Pos
}

// Key is the (subnet, set of groups) as "subnet|sg1,sg2", the groups
// sorted: the same key for any order the groups were written in.
func (o ObservedKey) Key() string { return ENIKey(o.Subnet, o.SecurityGroups) }

// ENIKey is the key of one Hyperplane ENI pool as "subnet|sg1,sg2", with
// the groups sorted and without repeats.
func ENIKey(subnet string, sgs []string) string {
	sgs = slices.Clone(sgs)
	slices.Sort(sgs)
	return subnet + "|" + strings.Join(slices.Compact(sgs), ",")
}

func (d *decoder) observed(n *node) []ObservedKey {
	if n == nil {
		return nil
	}
	var out []ObservedKey
	first := map[string]int{} // key -> line of its first entry
	for i, item := range d.list(n, "observed") {
		path := fmt.Sprintf("observed.%d", i)
		f := d.fields(item, path, "subnet", "securityGroups", "enis")
		o := ObservedKey{Pos: item.pos}
		o.Subnet = f.name("subnet", idPattern, "letters, digits, _ and -")
		if v := f.require("securityGroups"); v != nil {
			sgs := d.strings(v, f.sub("securityGroups"))
			slices.Sort(sgs)
			o.SecurityGroups = slices.Compact(sgs)
		}
		if v := f.require("enis"); v != nil {
			o.ENIs, _ = d.integer(v, f.sub("enis"), 0)
		}
		if line, dup := first[o.Key()]; dup && o.Subnet != "" {
			d.errorf(o.Pos, "%s: subnet %s with {%s} is listed twice (first at line %d)",
				path, o.Subnet, strings.Join(o.SecurityGroups, ", "), line)
			continue
		}
		first[o.Key()] = o.Pos.Line
		out = append(out, o)
	}
	return out
}
