package terraform

import (
	"fmt"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty"
)

// vpcModel is what terraform-aws-modules/vpc/aws would create, worked out
// from its inputs as its main.tf does (versions 4 to 6 agree on these):
// one subnet per element of each *_subnets list, in element(azs, i) (so
// the i-th subnet pairs with the i-th AZ, wrapping around); NAT gateways in
// the public subnets, one per private-subnet index unless
// single_nat_gateway or one_nat_gateway_per_az; a default security group;
// private route tables one per NAT gateway.
type vpcModel struct {
	vpc     *importer.VPC // nil when create_vpc = false
	outputs result
}

// subnetKinds are the module's subnet lists, in the order it creates them.
var subnetKinds = []string{"public", "private", "intra", "database", "elasticache", "redshift", "outpost"}

func (im *imp) vpcModule(in *instance) *vpcModel {
	if m, ok := im.vpcModels[in.path]; ok {
		return m
	}
	m := &vpcModel{}
	im.vpcModels[in.path] = m
	if !boolValue(im.input(in, "create_vpc", cty.True).v, true) {
		m.outputs = result{v: cty.EmptyObjectVal}
		return m
	}
	id := im.uniqueID(in.path, prefixed("vpc", slug(in.idParts()...)))
	v := &importer.VPC{ID: id, Origin: in.path + " (" + kindNames[kindVPC] + ")", Tenancy: "default"}
	m.vpc = v
	v.CIDR = im.canonicalCIDR(im.inputString(in, "cidr", "10.0.0.0/16", id), in.path, "cidr", id)
	if t := im.inputString(in, "instance_tenancy", "default", id); t != "" {
		v.Tenancy = t
	}
	azs := im.inputList(in, "azs", id)
	if len(azs) == 0 {
		im.warn(in.path, "azs", "no known AZs; the subnets' AZs are unknown", id)
	}
	outs := map[string]cty.Value{
		"vpc_id": cty.StringVal(id), "vpc_cidr_block": cty.StringVal(v.CIDR),
		"default_security_group_id": cty.StringVal(id + "-default"),
		"name":                      im.input(in, "name", cty.StringVal("")).v,
		"azs":                       strList(azs),
		"vpc_arn":                   cty.UnknownVal(cty.String),
	}
	counts := map[string]int{}
	for _, kind := range subnetKinds {
		ids, cidrs, known := im.vpcSubnets(in, v, kind, azs)
		counts[kind] = len(ids)
		outs[kind+"_subnets"], outs[kind+"_subnets_cidr_blocks"] = strList(ids), strList(cidrs)
		if !known {
			outs[kind+"_subnets"] = cty.UnknownVal(cty.List(cty.String))
			outs[kind+"_subnets_cidr_blocks"] = cty.UnknownVal(cty.List(cty.String))
		}
	}
	v.SGs = []importer.SG{{ID: id + "-default", Origin: in.path + " default security group"}}
	im.vpcNAT(in, v, counts, len(azs), outs)
	im.warn(in.path, "source", fmt.Sprintf("%s: VPC %s (%s), its *_subnets paired with azs by index, default security group %s-default",
		in.note, id, v.CIDR, id), id)
	m.outputs = result{v: cty.ObjectVal(outs)}
	return m
}

// vpcSubnets adds the subnets of one *_subnets input to v.
func (im *imp) vpcSubnets(in *instance, v *importer.VPC, kind string, azs []string) (ids, cidrs []string, known bool) {
	name := kind + "_subnets"
	r := im.input(in, name, cty.ListValEmpty(cty.String))
	list, ok := stringList(r.v)
	if !ok {
		im.warn(in.path, name, "unknown ("+explain(r.why)+"); those subnets are not imported", v.ID)
		return nil, nil, false
	}
	for i, c := range list {
		id := im.uniqueID(fmt.Sprintf("%s.%s[%d]", in.path, name, i), fmt.Sprintf("%s-%s-%d", v.ID, kind, i))
		s := importer.Subnet{ID: id, Origin: fmt.Sprintf("%s %s[%d]", in.path, name, i)}
		s.CIDR = im.canonicalCIDR(c, in.path, fmt.Sprintf("%s[%d]", name, i), id)
		if len(azs) > 0 {
			s.AZ = azs[i%len(azs)]
		}
		v.Subnets = append(v.Subnets, s)
		ids, cidrs = append(ids, id), append(cidrs, s.CIDR)
	}
	return ids, cidrs, true
}

// vpcNAT places the module's NAT gateways (enable_nat_gateway) in its
// public subnets and adds the route-table and NAT outputs.
func (im *imp) vpcNAT(in *instance, v *importer.VPC, counts map[string]int, nAZ int, outs map[string]cty.Value) {
	maxLen := max(counts["private"], counts["elasticache"], counts["database"], counts["redshift"])
	nat := maxLen
	switch {
	case boolValue(im.input(in, "single_nat_gateway", cty.False).v, false):
		nat = 1
	case boolValue(im.input(in, "one_nat_gateway_per_az", cty.False).v, false):
		nat = nAZ
	}
	var natIDs []string
	if boolValue(im.input(in, "enable_nat_gateway", cty.False).v, false) {
		if counts["public"] == 0 {
			im.warn(in.path, "enable_nat_gateway", "NAT gateways need public_subnets; none are created", v.ID)
		} else {
			v.NATGateway = true
			for i := range nat {
				s := &v.Subnets[i%counts["public"]] // public subnets come first
				s.IPUsers = append(s.IPUsers, importer.IPUser{Origin: fmt.Sprintf("%s NAT gateway %d", in.path, i), IPs: 1})
				natIDs = append(natIDs, fmt.Sprintf("%s-nat-%d", v.ID, i))
			}
		}
	}
	outs["natgw_ids"] = strList(natIDs)
	rts := func(kind string, n int) {
		var ids []string
		for i := range n {
			ids = append(ids, fmt.Sprintf("%s-%s-rt-%d", v.ID, kind, i))
		}
		outs[kind+"_route_table_ids"] = strList(ids)
	}
	rts("private", map[bool]int{true: nat, false: 0}[counts["private"] > 0 && maxLen > 0])
	rts("public", min(counts["public"], 1))
	rts("intra", min(counts["intra"], 1))
	outs["database_route_table_ids"] = outs["private_route_table_ids"]
	outs["igw_id"] = cty.UnknownVal(cty.String)
	if counts["public"] > 0 {
		outs["igw_id"] = cty.StringVal(v.ID + "-igw")
	}
}

// input is a module input as passed, or def when not passed (or null).
func (im *imp) input(in *instance, name string, def cty.Value) result {
	if in.call.body.Attributes[name] == nil {
		return result{v: def}
	}
	r := im.lookup(in, "var", name)
	if r.v.IsKnown() && r.v.IsNull() {
		return result{v: def}
	}
	return r
}

func (im *imp) inputString(in *instance, name, def, subject string) string {
	r := im.input(in, name, cty.StringVal(def))
	if s := knownString(r.v); s != "" || r.v.IsKnown() {
		return s
	}
	im.warn(in.path, name, "unknown ("+explain(r.why)+")", subject)
	return ""
}

func (im *imp) inputList(in *instance, name, subject string) []string {
	r := im.input(in, name, cty.ListValEmpty(cty.String))
	list, ok := stringList(r.v)
	if !ok {
		im.warn(in.path, name, "unknown ("+explain(r.why)+")", subject)
	}
	return list
}

// addVPCModule puts a modelled VPC into the layout.
func (im *imp) addVPCModule(in *instance) {
	if m := im.vpcModule(in); m.vpc != nil {
		im.col.vpcs = append(im.col.vpcs, m.vpc)
	}
}
