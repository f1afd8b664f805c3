package terraform

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// layoutBuilder resolves the collected records into a Layout: subnets and
// security groups into their VPCs by vpc_id, NAT gateways into their
// subnets, functions' ids (placeholders for what is not declared), roles.
type layoutBuilder struct {
	im   *imp
	vpcs []*importer.VPC
	byID map[string]*importer.VPC
	// vpcOf maps subnet and security-group ids to their VPC.
	vpcOf map[string]*importer.VPC
}

func (im *imp) build() *importer.Layout {
	b := &layoutBuilder{im: im, byID: map[string]*importer.VPC{}, vpcOf: map[string]*importer.VPC{}}
	for _, v := range im.col.vpcs {
		b.addVPC(v)
	}
	for _, s := range im.col.subnets {
		v := b.vpcFor(s.vpc, s.Origin, s.ID)
		v.Subnets = append(v.Subnets, s.Subnet)
		b.vpcOf[s.ID] = v
	}
	for _, g := range im.col.sgs {
		v := b.vpcFor(g.vpc, g.Origin, g.ID)
		v.SGs = append(v.SGs, g.SG)
		b.vpcOf[g.ID] = v
	}
	l := &importer.Layout{Region: im.region}
	roles := im.resolveRoles()
	for _, f := range im.col.funcs {
		b.functionIDs(f)
		f.Role = im.functionRole(f, roles)
		l.Functions = append(l.Functions, f.Function)
	}
	b.ipUsers()
	for _, v := range b.vpcs {
		l.VPCs = append(l.VPCs, *v)
	}
	l.Warnings = im.warnings
	l.Assumptions = im.assumptions
	return l
}

func (b *layoutBuilder) addVPC(v *importer.VPC) {
	b.vpcs = append(b.vpcs, v)
	b.byID[v.ID] = v
	for _, s := range v.Subnets {
		b.vpcOf[s.ID] = v
	}
	for _, g := range v.SGs {
		b.vpcOf[g.ID] = v
	}
}

// placeholderVPC is the one VPC for subnets and security groups nothing
// places in a VPC.
const placeholderVPC = importer.PlaceholderVPC

// vpcFor is the VPC with scenario id ref; a VPC the configuration does not
// declare (a literal vpc-0123 id, a data source, an unknown value) is
// made, so what lives in it is not lost.
func (b *layoutBuilder) vpcFor(ref, origin, subject string) *importer.VPC {
	if v := b.byID[ref]; v != nil {
		return v
	}
	id, why := placeholderVPC, "its vpc_id is unknown"
	if ref != "" {
		id, why = prefixed("vpc", slug(ref)), "its vpc_id "+ref+" is not declared in the configuration"
	}
	b.im.warn(origin, "vpc_id", why+"; put in VPC "+id, subject)
	if ref == "" {
		return b.placeholder()
	}
	if v := b.byID[id]; v != nil {
		return v
	}
	v := &importer.VPC{ID: id, Origin: "not declared in the configuration (" + ref + ")", Tenancy: "default"}
	b.addVPC(v)
	return v
}

// functionIDs makes sure every subnet and security group a function names
// exists: a VPC's default security group when it is that, else a
// placeholder in the VPC that holds it (see home).
func (b *layoutBuilder) functionIDs(f *fnRec) {
	for _, id := range f.SubnetIDs {
		if b.vpcOf[id] != nil {
			continue
		}
		v := b.home(f, id)
		v.Subnets = append(v.Subnets, importer.Subnet{ID: id, Placeholder: true,
			Origin: b.placeholderOrigin(id, f), Hint: subnetHint(id)})
		b.vpcOf[id] = v
	}
	for _, id := range f.SecurityGroupIDs {
		if b.vpcOf[id] != nil {
			continue
		}
		if v := b.defaultSGOwner(id); v != nil {
			v.SGs = append(v.SGs, importer.SG{ID: id, Origin: v.Origin + " default security group"})
			b.vpcOf[id] = v
			continue
		}
		v := b.home(f, "")
		v.SGs = append(v.SGs, importer.SG{ID: id, Placeholder: true, Origin: b.placeholderOrigin(id, f),
			Hint: "the security group is not declared in the configuration"})
		b.vpcOf[id] = v
	}
}

// home is the VPC of a subnet (or, for "", a security group) that f
// names but the configuration does not declare. It is the VPC the
// configuration says: one a lookup or the plan gives for that subnet, else
// that of f's declared subnets, else that of f's declared security groups
// (a function's subnets and groups are in one VPC, or AWS refuses it).
// When nothing says, it is the one placeholder VPC every unknown shares;
// never a VPC of its own, which would make CreateFunction fail for
// "subnets in another VPC" where AWS would not.
func (b *layoutBuilder) home(f *fnRec, subnet string) *importer.VPC {
	if ref, ok := b.im.subnetVPC[subnet]; ok && subnet != "" {
		if v := b.byID[ref]; v != nil {
			return v
		}
		return b.vpcFor(ref, f.addr, subnet)
	}
	for _, ids := range [][]string{f.SubnetIDs, f.SecurityGroupIDs} {
		for _, id := range ids {
			if v := b.vpcOf[id]; v != nil {
				return v
			}
		}
	}
	b.im.assume(importer.Assumption{Subject: f.Name,
		What:     "nothing in the configuration says which VPC the subnets and security groups of " + f.addr + " are in: they are put in the one placeholder VPC " + placeholderVPC,
		Override: "declare them, or give the VPC's resources; or move them to their VPC in the scenario"})
	return b.placeholder()
}

// placeholder is the one placeholder VPC.
func (b *layoutBuilder) placeholder() *importer.VPC {
	if v := b.byID[placeholderVPC]; v != nil {
		return v
	}
	v := &importer.VPC{ID: placeholderVPC, Tenancy: "default",
		Origin: "placeholder: the one VPC for everything the configuration does not place"}
	b.addVPC(v)
	return v
}

func (b *layoutBuilder) defaultSGOwner(id string) *importer.VPC {
	for _, v := range b.vpcs {
		if id == v.ID+"-default" {
			return v
		}
	}
	return nil
}

func (b *layoutBuilder) placeholderOrigin(id string, f *fnRec) string {
	if o, ok := b.im.placeholders[id]; ok {
		return "unknown value of " + o
	}
	return "named by " + f.Origin
}

// resolveRoles gives each role its attachments and inline policies, and
// indexes roles by name and ARN (what a function's role argument holds).
func (im *imp) resolveRoles() map[string]*roleRec {
	byRef := map[string]*roleRec{}
	for _, r := range im.col.roles {
		byRef[r.name], byRef[r.arn] = r, r
	}
	for _, ref := range slices.Sorted(maps.Keys(im.col.attach)) {
		if r := byRef[ref]; r != nil {
			r.attach = append(r.attach, im.col.attach[ref]...)
		} else {
			im.warn("aws_iam_role_policy_attachment", "role", "role "+ref+" is not declared; attachment ignored", "")
		}
	}
	for _, ref := range slices.Sorted(maps.Keys(im.col.inline)) {
		if r := byRef[ref]; r != nil {
			r.role.Policies = append(r.role.Policies, im.col.inline[ref]...)
		} else {
			im.warn("aws_iam_role_policy", "role", "role "+ref+" is not declared; policy ignored", "")
		}
	}
	for _, ref := range slices.Sorted(maps.Keys(im.col.unseen)) {
		if r := byRef[ref]; r != nil {
			r.unseen = append(r.unseen, im.col.unseen[ref]...)
		}
	}
	for _, r := range im.col.roles {
		for _, arn := range r.attach {
			im.attachPolicy(r, arn)
		}
	}
	return byRef
}

func (im *imp) attachPolicy(r *roleRec, arn string) {
	if m := awsManaged.FindStringSubmatch(arn); m != nil {
		if !slices.Contains(r.role.ManagedPolicies, m[1]) {
			r.role.ManagedPolicies = append(r.role.ManagedPolicies, m[1])
		}
		return
	}
	if doc, ok := im.col.policies[arn]; ok {
		r.role.Policies = append(r.role.Policies, doc)
		return
	}
	r.unseen = append(r.unseen, "policy "+arn+" (not declared in the configuration)")
}

// functionRole is the function's role, or nil (the scenario default, which
// can create ENIs) when it is not declared in the configuration.
func (im *imp) functionRole(f *fnRec, roles map[string]*roleRec) *importer.Role {
	if f.role == "" {
		if f.roleUnknown != "" {
			im.assume(importer.UnseenRole(f.Name, "of "+f.addr, "is unknown ("+f.roleUnknown+")", ""))
		}
		return nil
	}
	r := roles[f.role]
	if r == nil {
		im.assume(importer.UnseenRole(f.Name, f.role, "is not declared in the configuration", ""))
		return nil
	}
	if len(r.unseen) > 0 {
		im.assume(importer.UnseenRole(f.Name, r.name+" ("+r.role.Origin+")", unseenParts(r), ""))
		return nil
	}
	role := r.role
	role.ManagedPolicies = slices.Clone(role.ManagedPolicies)
	role.Policies = slices.Clone(role.Policies)
	return &role
}

// unseenParts says what of a role's permissions the importer cannot see;
// such a role falls under importer.UnseenRole, like a role it cannot see
// at all: writing only the visible part would refuse CreateFunction for
// want of permissions the unseen part may well grant.
func unseenParts(r *roleRec) string {
	parts := r.unseen
	more := ""
	if len(parts) > 3 {
		parts, more = parts[:3], fmt.Sprintf(" and %d more", len(r.unseen)-3)
	}
	return "gets permissions the importer cannot see: " + strings.Join(parts, "; ") + more
}

// subnetHint tells how to fill in a subnet known only by its id.
func subnetHint(id string) string {
	if strings.HasPrefix(id, "subnet-") {
		return "only the id of " + id + " is known: set its az and cidr (aws ec2 describe-subnets --subnet-ids " + id + " shows them)"
	}
	return "the subnet is not declared in the configuration: give it (--var, a .tfvars file), or set its id, az and cidr"
}
