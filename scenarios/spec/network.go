package spec

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// UnknownAZ is the az of a subnet whose Availability Zone is not known (an
// importer writes it when its source does not say); such subnets are left
// out of the "every subnet is in one Availability Zone" warning.
const UnknownAZ = "unknown"

// Subnet sizes AWS allows for an IPv4 subnet.
const (
	minSubnetBits = 16
	maxSubnetBits = 28
)

func (d *decoder) vpcs(n *node) []VPC {
	if n == nil {
		return nil
	}
	var out []VPC
	for i, item := range d.list(n, "vpcs") {
		path := listPath("vpcs", i, item, "id")
		f := d.fields(item, path, "id", "tenancy", "eniQuota", "natGateway", "default", "defaultSecurityGroup", "subnets", "securityGroups")
		v := VPC{Pos: item.pos}
		v.ID = f.name("id", idPattern, "letters, digits, _ and -")
		v.Tenancy = f.oneOf("tenancy", d.def.Tenancy, "default", "dedicated")
		v.ENIQuota = f.intOr("eniQuota", d.def.VPCENIQuota, 0)
		v.NATGateway = f.boolOr("natGateway", false)
		if v.Default = f.boolOr("default", false); v.Default {
			for _, o := range out {
				if o.Default {
					d.errorf(f.get("default").pos, "%s.default: %s is already the default VPC; an account has one", path, o.ID)
				}
			}
		}
		if sn := f.get("subnets"); sn != nil {
			for j, s := range d.list(sn, f.sub("subnets")) {
				v.Subnets = append(v.Subnets, d.subnet(s, listPath(f.sub("subnets"), j, s, "id")))
			}
		}
		if sg := f.get("securityGroups"); sg != nil {
			v.SecurityGroups = d.strings(sg, f.sub("securityGroups"))
			for j, id := range v.SecurityGroups {
				d.securityGroup(sg.items[j].pos, f.sub("securityGroups"), id)
			}
		}
		if v.DefaultSecurityGroup = f.str("defaultSecurityGroup"); v.DefaultSecurityGroup != "" && !slices.Contains(v.SecurityGroups, v.DefaultSecurityGroup) {
			d.errorf(f.get("defaultSecurityGroup").pos, "%s.defaultSecurityGroup: %q is not one of the VPC's securityGroups (%s)",
				path, v.DefaultSecurityGroup, strings.Join(v.SecurityGroups, ", "))
		}
		out = append(out, v)
	}
	return out
}

// securityGroup checks one security-group id: well formed, and defined
// once in the whole scenario (a pool key names it without its VPC).
func (d *decoder) securityGroup(p Pos, path, id string) {
	if !idPattern.MatchString(id) {
		d.errorf(p, "%s: %q is not a valid id (letters, digits, _ and -)", path, id)
		return
	}
	if first, dup := d.sgPos[id]; dup {
		d.errorf(p, "%s: security group %s is already defined at line %d", path, id, first.Line)
		return
	}
	if d.sgPos == nil {
		d.sgPos = map[string]Pos{}
	}
	d.sgPos[id] = p
}

// listPath is the path of a list element: by its id or name when it has a
// usable one (as --set addresses it), else by index.
func listPath(list string, i int, item *node, key string) string {
	if item.kind == mapNode {
		if j := item.index(key); j >= 0 {
			if v := item.vals[j]; v.kind == scalarNode && idPattern.MatchString(v.text) {
				return list + "." + v.text
			}
		}
	}
	return fmt.Sprintf("%s.%d", list, i)
}

func (d *decoder) subnet(n *node, path string) Subnet {
	f := d.fields(n, path, "id", "az", "cidr", "usedIPs")
	s := Subnet{Pos: n.pos}
	s.ID = f.name("id", idPattern, "letters, digits, _ and -")
	s.AZ = f.reqStr("az")
	s.UsedIPs = f.intOr("usedIPs", 0, 0)
	if v := f.require("cidr"); v != nil {
		if text, ok := d.str(v, f.sub("cidr")); ok {
			s.CIDR = d.cidr(v, f.sub("cidr"), text)
		}
	}
	if capacity := SubnetCapacity(s.CIDR); s.CIDR.IsValid() && s.UsedIPs > capacity {
		d.errorf(f.get("usedIPs").pos, "%s: %d addresses used but %s has only %d usable (2^(32-%d) - 5 reserved by AWS)",
			f.sub("usedIPs"), s.UsedIPs, s.CIDR, capacity, s.CIDR.Bits())
	}
	return s
}

// cidr parses an IPv4 subnet CIDR as EC2 would accept it, returning the
// canonical (masked) prefix.
func (d *decoder) cidr(n *node, path, text string) netip.Prefix {
	p, err := netip.ParsePrefix(text)
	switch {
	case err != nil:
		d.errorf(n.pos, "%s: %q is not a CIDR block like 10.0.0.0/24", path, text)
		return netip.Prefix{}
	case !p.Addr().Is4():
		d.errorf(n.pos, "%s: %s is not an IPv4 block; a subnet's CIDR is IPv4 (IPv6 subnets are not modelled)", path, text)
		return netip.Prefix{}
	case p.Bits() < minSubnetBits || p.Bits() > maxSubnetBits:
		d.errorf(n.pos, "%s: /%d is outside the subnet sizes AWS allows (/%d to /%d)", path, p.Bits(), minSubnetBits, maxSubnetBits)
		return netip.Prefix{}
	}
	if m := p.Masked(); m != p {
		d.warnf(n.pos, "%s: %s has host bits set; EC2 canonicalises it to %s, which is what is simulated", path, text, m)
		p = m
	}
	return p
}
