package cloudformation

import (
	"errors"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// function adds an AWS::Lambda::Function or AWS::Serverless::Function.
func (b *builder) function(r *resource) error {
	sam := r.typ == "AWS::Serverless::Function"
	if !sam && r.typ != "AWS::Lambda::Function" {
		return nil
	}
	props := r.props
	if sam {
		props = mergeGlobals(r.st.tpl.globals.get("Function"), props)
	}
	b.checkProps(r, props, r.id)
	f := importer.Function{Name: r.id, Origin: origin(r), AltNames: b.altNames(r, props)}
	vc := props.get("VpcConfig")
	errs := []error{b.vpcConfig(r, vc, &f)}
	mem, err := b.intProp(r, props, "MemorySize", r.id)
	errs = append(errs, err)
	f.Memory = mem
	rc, err := b.intProp(r, props, "ReservedConcurrentExecutions", r.id)
	errs = append(errs, err)
	if props.get("ReservedConcurrentExecutions") != nil && rc >= 0 {
		f.ReservedConcurrency = &rc
	}
	f.Role, err = b.functionRole(r, props, len(f.SubnetIDs) > 0)
	errs = append(errs, err)
	if sam {
		if a := props.get("AutoPublishAlias"); a != nil && a.kind != nullNode {
			f.Versions++ // the alias points at a version SAM publishes
		}
	}
	b.fns = append(b.fns, f)
	b.fnStack[f.Name] = r.st
	return errors.Join(errs...)
}

// altNames are the names a --workload file may use for the function.
func (b *builder) altNames(r *resource, props *node) []string {
	names := []string{r.logical}
	if n := slsFunctionName(r.n); n != "" { // the serverless.yml name
		names = append(names, n)
	}
	if r.st.path != "" {
		names = append(names, r.label())
	}
	if fn := props.get("FunctionName"); fn != nil {
		if v, err := (&ev{st: r.st, where: r.logical + ".FunctionName"}).eval(fn); err == nil {
			if s, ok := v.(string); ok && s != "" && s != r.id {
				names = append(names, s)
			}
		}
	}
	return names
}

// intProp reads an integer property: 0 when absent, -1 when unknown
// (warned); a value that fails to evaluate is the template's error.
func (b *builder) intProp(r *resource, props *node, name, subject string) (int, error) {
	n := props.get(name)
	if n == nil {
		return 0, nil
	}
	v, err := (&ev{st: r.st, where: r.logical + "." + name}).eval(n)
	if err != nil {
		return -1, err
	}
	if _, unk := v.(unknown); !unk {
		if i, err := strconv.Atoi(strings.TrimSpace(asString(v))); err == nil && i >= 0 {
			return i, nil
		}
	}
	b.s.warn(importer.Warning{Resource: r.label(), Property: name, Pos: n.pos(), Subject: subject,
		Msg: "not a number the importer can evaluate (" + asString(v) + "); left out"})
	return -1, nil
}

// vpcConfig resolves VpcConfig.SubnetIds and SecurityGroupIds into scenario
// ids, adding placeholders for what is unknown.
func (b *builder) vpcConfig(r *resource, vc *node, f *importer.Function) error {
	if vc == nil || vc.kind == nullNode {
		return nil
	}
	o, err := b.evalVpcConfig(r, vc)
	if o == nil {
		return err
	}
	for _, k := range o.keys {
		switch k {
		case "SubnetIds", "SecurityGroupIds":
		case "Ipv6AllowedForDualStack":
			if asString(o.vals[k]) == "true" {
				b.s.warn(importer.Warning{Resource: r.label(), Property: "VpcConfig." + k, Subject: f.Name, Pos: vc.get(k).pos(),
					Msg: "dual-stack is not written by the importer; add Ipv6AllowedForDualStack=true to vpcConfig if it matters"})
			}
		default:
			b.s.warn(importer.Warning{Resource: r.label(), Property: "VpcConfig." + k, Subject: f.Name, Pos: vc.get(k).pos(),
				Msg: "property not modelled by the importer"})
		}
	}
	ref := vpcRefs{b: b, r: r, fn: f.Name}
	subnets, err1 := ref.ids(o.vals["SubnetIds"], vc.get("SubnetIds"), subnetKind)
	sgs, err2 := ref.ids(o.vals["SecurityGroupIds"], vc.get("SecurityGroupIds"), sgKind)
	if err := errors.Join(err, err1, err2); err != nil {
		return err
	}
	if len(subnets) > 0 && len(sgs) == 0 {
		b.s.warn(importer.Warning{Resource: r.label(), Property: "VpcConfig.SecurityGroupIds", Subject: f.Name, Pos: vc.pos(),
			Msg: "no security group: Lambda refuses a VpcConfig with subnets and no security group"})
	}
	if len(subnets) == 0 && len(sgs) > 0 {
		b.s.warn(importer.Warning{Resource: r.label(), Property: "VpcConfig.SubnetIds", Subject: f.Name, Pos: vc.pos(),
			Msg: "no subnet: the function is not attached to a VPC"})
		sgs = nil
	}
	f.SubnetIDs, f.SecurityGroupIDs = subnets, sgs
	return nil
}

// mergeGlobals applies SAM's Globals.Function to a function's properties:
// the function's own values win, mappings are merged and lists appended
// (SAM's documented rules).
func mergeGlobals(g, p *node) *node {
	if g == nil || g.kind != mapNode {
		return p
	}
	if p == nil || p.kind != mapNode {
		return g
	}
	out := &node{kind: mapNode, file: p.file, line: p.line, col: p.col}
	for i, k := range g.keys {
		out.keys, out.vals = append(out.keys, k), append(out.vals, g.vals[i])
	}
	for i, k := range p.keys {
		pv := p.vals[i]
		j := indexOf(out.keys, k)
		if j < 0 {
			out.keys, out.vals = append(out.keys, k), append(out.vals, pv)
			continue
		}
		gv := out.vals[j]
		_, _, gFn := gv.fnCall()
		_, _, pFn := pv.fnCall()
		switch {
		case gv.kind == mapNode && pv.kind == mapNode && !gFn && !pFn:
			out.vals[j] = mergeGlobals(gv, pv)
		case gv.kind == seqNode && pv.kind == seqNode:
			out.vals[j] = &node{kind: seqNode, items: append(append([]*node{}, gv.items...), pv.items...),
				file: pv.file, line: pv.line, col: pv.col}
		default:
			out.vals[j] = pv
		}
	}
	return out
}

func indexOf(keys []string, k string) int {
	for i, x := range keys {
		if x == k {
			return i
		}
	}
	return -1
}

// version counts AWS::Lambda::Version resources per function.
func (b *builder) version(r *resource) error {
	if r.typ != "AWS::Lambda::Version" {
		return nil
	}
	b.checkProps(r, r.props, "")
	v, err := (&ev{st: r.st, where: r.label() + ".FunctionName"}).prop(r, "FunctionName")
	if err != nil {
		return err
	}
	name := asString(v)
	if i := strings.LastIndex(name, ":function:"); i >= 0 {
		name = name[i+len(":function:"):]
	}
	if fr := b.s.ids[name]; fr != nil && (fr.typ == "AWS::Lambda::Function" || fr.typ == "AWS::Serverless::Function") {
		b.versions[fr.id]++
		return nil
	}
	b.s.warn(importer.Warning{Resource: r.label(), Property: "FunctionName", Pos: r.props.get("FunctionName").pos(),
		Msg: "function " + name + " is not one of the templates; the version is not written"})
	return nil
}

func (b *builder) applyVersions() {
	for i := range b.fns {
		b.fns[i].Versions += b.versions[b.fns[i].Name]
	}
}
