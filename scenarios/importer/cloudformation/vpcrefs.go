package cloudformation

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// evalVpcConfig evaluates a VpcConfig key by key, so an error names the
// property ("Fn.VpcConfig.SecurityGroupIds"); nil when it is AWS::NoValue.
func (b *builder) evalVpcConfig(r *resource, vc *node) (*object, error) {
	if _, _, isFn := vc.fnCall(); isFn || vc.kind != mapNode {
		v, err := (&ev{st: r.st, where: r.label() + ".VpcConfig"}).eval(vc)
		if err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case *object:
			return v, nil
		case noValue:
			return nil, nil
		}
		return nil, errAt(vc, "%s.VpcConfig: must be a mapping", r.label())
	}
	o := &object{vals: map[string]value{}}
	var errs []error
	for i, k := range vc.keys {
		v, err := (&ev{st: r.st, where: r.label() + ".VpcConfig." + k}).eval(vc.vals[i])
		errs = append(errs, err)
		if _, nv := v.(noValue); err == nil && !nv {
			o.set(k, v)
		}
	}
	return o, errors.Join(errs...)
}

// idKind is what a VpcConfig list holds.
type idKind struct {
	prop    string         // SubnetIds | SecurityGroupIds
	typ     string         // the CloudFormation type of such a resource
	pattern *regexp.Regexp // an id from outside the templates
	example string         // for hints
	noun    string
}

var (
	subnetKind = idKind{"SubnetIds", "AWS::EC2::Subnet", regexp.MustCompile(`^subnet-[0-9A-Za-z]+$`), "subnet-0123456789abcdef0", "subnet"}
	sgKind     = idKind{"SecurityGroupIds", "AWS::EC2::SecurityGroup", regexp.MustCompile(`^sg-[0-9A-Za-z]+$`), "sg-0123456789abcdef0", "security group"}
)

// vpcRefs resolves the ids of one function's VpcConfig.
type vpcRefs struct {
	b  *builder
	r  *resource
	fn string
}

// ids resolves a SubnetIds or SecurityGroupIds value into scenario ids,
// in order, without duplicates.
func (v vpcRefs) ids(val value, at *node, k idKind) ([]string, error) {
	var items []value
	switch x := val.(type) {
	case nil, noValue:
		return nil, nil
	case []value:
		items = x
	default:
		items = []value{x} // a single id, or an unknown list
	}
	var out []string
	var errs []error
	for _, it := range items {
		ids, err := v.one(it, at, k)
		errs = append(errs, err)
		for _, id := range ids {
			if !contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out, errors.Join(errs...)
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func (v vpcRefs) one(it value, at *node, k idKind) ([]string, error) {
	where := v.r.label() + ".VpcConfig." + k.prop
	switch x := it.(type) {
	case unknown:
		return v.placeholders(x, at, k), nil
	case string:
		if id, ok := v.known(x, k); ok {
			return []string{id}, nil
		}
		if k.pattern.MatchString(x) {
			v.external(x, at, k)
			return []string{x}, nil
		}
		if x == "" {
			return nil, errAt(at, "%s: an empty id; Lambda rejects it (InvalidParameterValueException)", where)
		}
		if v.r.st.tpl.params.get(x) != nil {
			return nil, errAt(at, "%s: %q is neither a %s of the templates nor an id like %s; Lambda rejects it (InvalidParameterValueException) (a parameter of that name exists: did you mean !Ref %s?)",
				where, x, k.noun, k.example, x)
		}
		// A made-up id (a test fixture's "sub-id-2"): AWS would refuse it,
		// but it stands for something outside the templates; keep it.
		v.b.s.warn(importer.Warning{Resource: v.r.label(), Property: "VpcConfig." + k.prop, Pos: at.pos(), Subject: v.fn,
			Msg: fmt.Sprintf("%q is not an id like %s (Lambda would reject it, InvalidParameterValueException); kept as a %s outside the templates", x, k.example, k.noun)})
		v.external(x, at, k)
		return []string{x}, nil
	}
	return nil, errAt(at, "%s: each item must be an id, not %s", where, asString(it))
}

// known finds a subnet or group of the templates by scenario id, or by
// logical id (a --param value may name one, e.g. Subnets=PrivateSubnetA).
func (v vpcRefs) known(s string, k idKind) (string, bool) {
	if r := v.b.s.ids[s]; r != nil && r.typ == k.typ {
		return s, true
	}
	if vpc, ok := strings.CutSuffix(s, "-default"); ok && k == sgKind {
		if r := v.b.s.ids[vpc]; r != nil && r.typ == "AWS::EC2::VPC" && r.defaultSG {
			return s, true
		}
	}
	var found []string
	for _, st := range v.b.s.stacks {
		if r := st.res[s]; r != nil && r.typ == k.typ && r.id != "" {
			found = append(found, r.id)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// external records a subnet or group that the templates use by its AWS id
// without defining it.
func (v vpcRefs) external(id string, at *node, k idKind) {
	w := importer.Warning{Resource: v.r.label(), Property: "VpcConfig." + k.prop, Pos: at.pos(), Subject: id}
	if k == subnetKind {
		if v.b.subnets[id] == nil {
			v.b.addSubnet("", importer.Subnet{ID: id, Origin: "not defined by the templates", Placeholder: true,
				Hint: "subnet " + id + " is not in the templates: set its az, cidr and usedIPs"})
		}
		w.Msg = "subnet " + id + " is not defined by the templates; its AZ is unknown and its CIDR a documentation range: set them"
	} else {
		v.b.addSG("", importer.SG{ID: id, Origin: "not defined by the templates"})
		return // a group needs nothing but its id
	}
	v.b.s.warn(w)
}

// placeholders stands in for unknown subnets or groups: one per unknown
// value, two for an unknown list (a parameter such as List<Subnet::Id>
// usually holds two subnets, in two AZs).
func (v vpcRefs) placeholders(u unknown, at *node, k idKind) []string {
	base := importer.Kebab(strings.NewReplacer("${", "", "}", "", "[", "-", "]", "").Replace(u.text))
	if base == "" {
		base = "placeholder"
	}
	ids := []string{base}
	if u.list {
		ids = []string{base + "-1", base + "-2"}
	}
	name, example := u.param, k.example
	if u.list {
		example = k.example + "," + strings.Replace(k.example, "0123", "4567", 1)
	}
	hint := "give the real id"
	switch {
	case u.param != "":
		hint = "give --param " + u.param + "=" + example
	case u.export != "":
		name = u.export
		hint = "give --param " + u.export + "=" + example + ", or add the template that exports it"
		if ref, ok := strings.CutPrefix(u.export, slsVarPrefix); ok {
			name, hint = "${"+ref+"}", "give --var '"+ref+"="+example+"'"
		}
	}
	for _, id := range ids {
		if k == subnetKind {
			v.b.addSubnet("", importer.Subnet{ID: id, Origin: "placeholder for " + u.text, Placeholder: true, Hint: hint})
		} else {
			v.b.addSG("", importer.SG{ID: id, Origin: "placeholder for " + u.text, Placeholder: true, Hint: hint})
		}
	}
	if name == "" {
		name = u.text
	}
	v.b.s.warn(importer.Warning{Resource: v.r.label(), Property: "VpcConfig." + k.prop, Pos: at.pos(), Subject: v.fn,
		Msg: fmt.Sprintf("%s is unknown (%s): wrote placeholder %s %s; %s", name, u.reason, k.prop, strings.Join(ids, ", "), hint)})
	return ids
}
