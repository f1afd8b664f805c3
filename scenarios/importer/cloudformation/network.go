package cloudformation

import (
	"fmt"

	"github.com/enisim/enisim/scenarios/importer"
)

// network adds VPCs, subnets and security groups.
func (b *builder) network(r *resource) error {
	switch r.typ {
	case "AWS::EC2::VPC":
		return b.vpc(r)
	case "AWS::EC2::Subnet":
		return b.subnet(r)
	case "AWS::EC2::SecurityGroup":
		b.checkProps(r, r.props, r.id)
		vpc, err := b.vpcRef(r, "VpcId")
		b.addSG(vpc, importer.SG{ID: r.id, Origin: origin(r)})
		return err
	}
	return nil
}

// origin names where a resource came from, for comments.
func origin(r *resource) string {
	return fmt.Sprintf("%s %s (%s:%d)", r.typ, r.label(), r.st.tpl.base, r.n.line)
}

func (b *builder) vpc(r *resource) error {
	b.checkProps(r, r.props, r.id)
	e := &ev{st: r.st, where: r.logical + ".CidrBlock"}
	cidr, err := e.prop(r, "CidrBlock")
	if err != nil {
		return err
	}
	v := &importer.VPC{ID: r.id, Origin: origin(r), Tenancy: "default"}
	if s, ok := cidr.(string); ok {
		v.CIDR = s
	}
	e.where = r.logical + ".InstanceTenancy"
	t, err := e.prop(r, "InstanceTenancy")
	if err != nil {
		return err
	}
	switch t := t.(type) {
	case string:
		v.Tenancy = t
	case unknown:
		b.s.warn(importer.Warning{Resource: r.label(), Property: "InstanceTenancy", Subject: r.id,
			Pos: r.props.get("InstanceTenancy").pos(), Msg: "unknown (" + t.reason + "); assumed default" + giveHint(t)})
	}
	b.vpcs[r.id] = v
	return nil
}

// vpcRef evaluates a VpcId property: a VPC of the templates, an id from
// outside them, or "" when unknown (the VPC of the functions using it).
func (b *builder) vpcRef(r *resource, prop string) (string, error) {
	e := &ev{st: r.st, where: r.logical + "." + prop}
	v, err := e.prop(r, prop)
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		if v != "" {
			return v, nil
		}
	case []value: // a List<AWS::EC2::VPC::Id> parameter passed whole
		if len(v) == 1 {
			if s, ok := v[0].(string); ok {
				return s, nil
			}
		}
	case noValue:
		b.s.warn(importer.Warning{Resource: r.label(), Property: prop, Subject: r.id,
			Msg: "not given: the resource is in the account's default VPC, written as " + placeholderVPC})
		return placeholderVPC, nil
	case unknown:
		b.s.warn(importer.Warning{Resource: r.label(), Property: prop, Subject: r.id, Pos: r.props.get(prop).pos(),
			Msg: "unknown (" + v.reason + "); written in the VPC of the functions that use it" + giveHint(v)})
	}
	return "", nil
}

func (b *builder) subnet(r *resource) error {
	b.checkProps(r, r.props, r.id)
	vpc, err := b.vpcRef(r, "VpcId")
	if err != nil {
		return err
	}
	sn := importer.Subnet{ID: r.id, Origin: origin(r)}
	if err := b.subnetCIDR(r, &sn); err != nil {
		return err
	}
	if err := b.subnetAZ(r, &sn); err != nil {
		return err
	}
	rec := b.addSubnet(vpc, sn)
	rec.sub.CIDR, rec.sub.AZ, rec.sub.Placeholder, rec.sub.Hint = sn.CIDR, sn.AZ, sn.Placeholder, sn.Hint
	return nil
}

func (b *builder) subnetCIDR(r *resource, sn *importer.Subnet) error {
	e := &ev{st: r.st, where: r.logical + ".CidrBlock"}
	v, err := e.prop(r, "CidrBlock")
	if err != nil {
		return err
	}
	at := r.props.get("CidrBlock")
	w := importer.Warning{Resource: r.label(), Property: "CidrBlock", Subject: r.id, Pos: at.pos()}
	switch v := v.(type) {
	case string:
		c, ok := canonicalCIDR(v)
		if !ok {
			return errAt(at, "%s.CidrBlock: %q is not an IPv4 CIDR", r.label(), v)
		}
		if c != v {
			w.Msg = fmt.Sprintf("%s is not in canonical form; EC2 stores it as %s, and so does the scenario", v, c)
			b.s.warn(w)
		}
		sn.CIDR = c
		return nil
	case unknown:
		sn.Placeholder = true
		sn.Hint = "CIDR unknown"
		if v.param != "" {
			sn.Hint = "give --param " + v.param + "=10.x.y.0/24"
		}
		w.Msg = "unknown (" + v.reason + "); a documentation CIDR is written" + giveHint(v)
	default:
		sn.Placeholder = true
		sn.Hint = "no IPv4 CidrBlock (IPAM pool or IPv6-only?): set cidr"
		w.Msg = "no IPv4 CidrBlock the importer can read; a documentation CIDR is written"
	}
	b.s.warn(w)
	return nil
}

func (b *builder) subnetAZ(r *resource, sn *importer.Subnet) error {
	for _, prop := range []string{"AvailabilityZone", "AvailabilityZoneId"} {
		e := &ev{st: r.st, where: r.logical + "." + prop}
		v, err := e.prop(r, prop)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case string:
			sn.AZ = v
			return nil
		case unknown:
			b.s.assume(importer.Assumption{Subject: r.id, Pos: r.props.get(prop).pos(),
				What:     fmt.Sprintf("%s.%s is unknown (%s): the subnet's Availability Zone is left unknown", r.label(), prop, v.reason),
				Override: hintOr(giveHint(v), "set az of subnet "+r.id+" in the scenario")})
			return nil
		}
	}
	// EC2 picks a zone when none is given: which one is not known.
	b.s.assume(importer.Assumption{Subject: r.id, Pos: r.n.pos(),
		What:     r.label() + " has no AvailabilityZone: EC2 picks one at deploy time, so it is left unknown",
		Override: "set az of subnet " + r.id + " in the scenario"})
	return nil
}
