package cloudformation

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// builder turns the evaluated stacks into a Layout.
type builder struct {
	s        *importState
	vpcs     map[string]*importer.VPC
	subnets  map[string]*subnetRec
	sgs      map[string]*sgRec
	fns      []importer.Function
	attached map[string][][]byte // role id -> policies attached by other resources
	roles    map[string]*importer.Role
	versions map[string]int                   // function id -> AWS::Lambda::Version count
	quota    map[*subnetRec][]importer.IPUser // ENIs of the Lambda quota, by subnet
	placed   []placement                      // placeVPCless's assumptions
	// groupNext is the subnet of a subnet group the next node goes to.
	groupNext map[*resource]int
	// hidden says why part of a role is out of sight, by role id.
	hidden map[string]string
	// fnStack is the stack of each function, by scenario name.
	fnStack map[string]*stack
}

// subnetRec and sgRec remember the VPC an entry belongs to ("" while a
// placeholder's VPC is not known yet).
type subnetRec struct {
	vpc string
	sub importer.Subnet
}

type sgRec struct {
	vpc string
	sg  importer.SG
}

func newBuilder(s *importState) *builder {
	return &builder{s: s, vpcs: map[string]*importer.VPC{}, subnets: map[string]*subnetRec{},
		sgs: map[string]*sgRec{}, attached: map[string][][]byte{}, roles: map[string]*importer.Role{},
		versions: map[string]int{}, quota: map[*subnetRec][]importer.IPUser{},
		groupNext: map[*resource]int{}, hidden: map[string]string{},
		fnStack: map[string]*stack{}}
}

// resources lists every resource that is created, stack by stack.
func (b *builder) resources() ([]*resource, error) {
	var out []*resource
	var errs []error
	for _, st := range b.s.stacks {
		for _, k := range st.order {
			r := st.res[k]
			gone, _, err := r.removed()
			if err != nil {
				errs = append(errs, err)
			}
			if !gone && err == nil {
				out = append(out, r)
			}
		}
	}
	return out, errors.Join(errs...)
}

// build extracts the network first, then policies, then functions, which
// refer to both.
func (b *builder) build() error {
	rs, err := b.resources()
	if err != nil {
		return err
	}
	var errs []error
	for _, phase := range []func(*resource) error{b.network, b.ipUsers, b.policy, b.version, b.function} {
		for _, r := range rs {
			if err := phase(r); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for _, r := range rs {
		if r.typ == "AWS::EC2::VPC" && r.defaultSG {
			b.addSG(r.id, importer.SG{ID: defaultSGID(r.id), Origin: "default security group of " + r.label()})
		}
	}
	b.applyVersions()
	return errors.Join(errs...)
}

func (b *builder) addSG(vpc string, g importer.SG) {
	if _, ok := b.sgs[g.ID]; !ok {
		b.sgs[g.ID] = &sgRec{vpc: vpc, sg: g}
	}
}

func (b *builder) addSubnet(vpc string, sn importer.Subnet) *subnetRec {
	if rec, ok := b.subnets[sn.ID]; ok {
		return rec
	}
	rec := &subnetRec{vpc: vpc, sub: sn}
	b.subnets[sn.ID] = rec
	return rec
}

// layout assembles the result: placeholders join the VPC of the functions
// that use them, and everything is sorted.
func (b *builder) layout() *importer.Layout {
	b.placeVPCless()
	vpcOf := func(id string) *importer.VPC {
		if v := b.vpcs[id]; v != nil {
			return v
		}
		v := &importer.VPC{ID: id, Origin: "not defined by the templates", Tenancy: "default"}
		b.vpcs[id] = v
		return v
	}
	for _, id := range slices.Sorted(maps.Keys(b.subnets)) {
		rec := b.subnets[id]
		v := vpcOf(rec.vpc)
		v.Subnets = append(v.Subnets, rec.sub)
		v.QuotaUsers = append(v.QuotaUsers, b.quota[rec]...)
	}
	for _, id := range slices.Sorted(maps.Keys(b.sgs)) {
		rec := b.sgs[id]
		v := vpcOf(rec.vpc)
		v.SGs = append(v.SGs, rec.sg)
	}
	l := &importer.Layout{}
	for _, id := range slices.Sorted(maps.Keys(b.vpcs)) {
		l.VPCs = append(l.VPCs, *b.vpcs[id])
	}
	l.Functions = b.fns
	slices.SortFunc(l.Functions, func(a, c importer.Function) int { return strings.Compare(a.Name, c.Name) })
	return l
}

// placeholderVPC holds subnets and groups whose VPC nothing tells.
const placeholderVPC = importer.PlaceholderVPC

// placeVPCless puts each subnet or group of unknown VPC in the VPC of the
// other subnets and groups of a function that uses it (Lambda requires one
// VPC per function), else in placeholderVPC, and records the assumption.
func (b *builder) placeVPCless() {
	for _, f := range b.fns {
		known, why := "", "the VPC of the other subnets and groups of "+f.Name
		for _, id := range slices.Concat(f.SubnetIDs, f.SecurityGroupIDs) {
			if v := b.vpcOfID(id); v != "" {
				known = v
				break
			}
		}
		if known == "" {
			known, why = b.vpcParam(b.fnStack[f.Name])
		}
		if known == "" {
			known, why = placeholderVPC, "the one VPC shared by everything whose VPC is unknown"
		}
		for _, id := range f.SubnetIDs {
			b.place(id, b.subnets[id].vpcPtr(), known, why)
		}
		for _, id := range f.SecurityGroupIDs {
			b.place(id, b.sgs[id].vpcPtr(), known, why)
		}
	}
	const rest = "the one VPC shared by everything whose VPC is unknown"
	for _, id := range slices.Sorted(maps.Keys(b.subnets)) {
		b.place(id, &b.subnets[id].vpc, placeholderVPC, rest)
	}
	for _, id := range slices.Sorted(maps.Keys(b.sgs)) {
		b.place(id, &b.sgs[id].vpc, placeholderVPC, rest)
	}
	for _, p := range b.placed {
		b.s.assume(importer.Assumption{Subject: p.vpc,
			What:     fmt.Sprintf("the templates do not say the VPC of %s: placed in %s, %s", strings.Join(p.ids, ", "), p.vpc, p.why),
			Override: "give the VpcId parameters, or move them to their VPC in the scenario"})
	}
}

// placement is one assumption of placeVPCless: ids put in vpc, and why.
type placement struct {
	vpc, why string
	ids      []string
}

// place sets an unknown VPC (*vpc == "") to v, remembered for the
// assumption.
func (b *builder) place(id string, vpc *string, v, why string) {
	if vpc == nil || *vpc != "" {
		return
	}
	*vpc = v
	for i := range b.placed {
		if p := &b.placed[i]; p.vpc == v && p.why == why {
			p.ids = append(p.ids, id)
			return
		}
	}
	b.placed = append(b.placed, placement{vpc: v, why: why, ids: []string{id}})
}

func (r *subnetRec) vpcPtr() *string {
	if r == nil {
		return nil
	}
	return &r.vpc
}

func (r *sgRec) vpcPtr() *string {
	if r == nil {
		return nil
	}
	return &r.vpc
}

// vpcParam is the VPC a stack's AWS::EC2::VPC::Id parameter is given,
// when it has exactly one such parameter with a value: the VPC the
// template says its outside subnets and groups are in.
func (b *builder) vpcParam(st *stack) (vpc, why string) {
	if st == nil {
		return "", ""
	}
	for i, name := range st.tpl.params.keysOrNil() {
		if t := st.tpl.params.vals[i].get("Type"); t == nil || t.str != "AWS::EC2::VPC::Id" {
			continue
		}
		v, err := st.param(name, st.tpl.params.vals[i])
		s, ok := v.(string)
		if err != nil || !ok || s == "" || vpc != "" && vpc != s {
			return "", ""
		}
		vpc, why = s, "the VPC of parameter "+name
	}
	return vpc, why
}

func (b *builder) vpcOfID(id string) string {
	if rec := b.subnets[id]; rec != nil {
		return rec.vpc
	}
	if rec := b.sgs[id]; rec != nil {
		return rec.vpc
	}
	return ""
}
