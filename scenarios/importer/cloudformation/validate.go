package cloudformation

import (
	"errors"
	"strings"
)

// intrinsics are the functions CloudFormation evaluates in Resources,
// Outputs and Conditions (Rules have their own, and are not read).
var intrinsics = map[string]bool{
	"Ref": true, "Condition": true, "Fn::And": true, "Fn::Base64": true, "Fn::Cidr": true,
	"Fn::Equals": true, "Fn::FindInMap": true, "Fn::GetAtt": true, "Fn::GetAZs": true,
	"Fn::If": true, "Fn::ImportValue": true, "Fn::Join": true, "Fn::Length": true, "Fn::Not": true,
	"Fn::Or": true, "Fn::Select": true, "Fn::Split": true, "Fn::Sub": true, "Fn::ToJsonString": true,
	"Fn::Transform": true,
}

// validate rejects, before any evaluation, what CloudFormation's own
// template validation rejects wherever it is written, evaluated or not: an
// unknown intrinsic function, Fn::If or a Condition attribute naming a
// condition the template does not define, and (in plain CloudFormation,
// where no transform generates resources) a Ref or Fn::GetAtt to a name
// that is neither a parameter, a resource nor a pseudo parameter.
func (t *template) validate() error {
	v := &validator{t: t, refs: !t.transformed(), seen: map[*node]bool{}}
	for i, k := range t.resources.keys {
		r := t.resources.vals[i]
		v.condAttr(r.get("Condition"), "resource "+k)
		v.dependsOn(r.get("DependsOn"), k)
		for j, pk := range r.keys {
			if pk != "Metadata" && pk != "Condition" {
				v.walk(r.vals[j], 0)
			}
		}
	}
	for i, k := range t.outputs.keysOrNil() {
		o := t.outputs.vals[i]
		v.condAttr(o.get("Condition"), "output "+k)
		v.walk(o, 0)
	}
	for _, c := range t.conditions.valsOrNil() {
		v.walk(c, 0)
	}
	return errors.Join(v.errs...)
}

// transformed reports whether a transform (SAM, Serverless) or Globals may
// generate resources that Refs name ("MyFunctionRole", "MyApi.Stage").
func (t *template) transformed() bool {
	return t.root.get("Transform") != nil || t.globals != nil || t.serverless
}

type validator struct {
	t    *template
	refs bool           // check that Ref and GetAtt name something
	seen map[*node]bool // YAML aliases share nodes: each is checked once
	errs []error
}

// maxValidateErrors keeps a broken template's report readable.
const maxValidateErrors = 20

func (v *validator) errorf(n *node, format string, args ...any) {
	if len(v.errs) < maxValidateErrors {
		v.errs = append(v.errs, errAt(n, format, args...))
	}
}

func (v *validator) condAttr(c *node, what string) {
	if c == nil {
		return
	}
	if c.kind != scalarNode || v.t.conditions.get(c.str) == nil {
		v.errorf(c, "%s: Condition %s is not defined in Conditions; CloudFormation rejects the template", what, staticText(c))
	}
}

// dependsOn checks that DependsOn names resources of the template.
func (v *validator) dependsOn(n *node, res string) {
	if n == nil || !v.refs {
		return
	}
	items := []*node{n}
	if n.kind == seqNode {
		items = n.items
	}
	for _, it := range items {
		if it.kind != scalarNode || v.t.resources.get(it.str) == nil {
			v.errorf(it, "resource %s: DependsOn %s is not a resource of %s; CloudFormation rejects the template (unresolved resource dependency)", res, staticText(it), v.t.base)
		}
	}
}

func (v *validator) walk(n *node, depth int) {
	if n == nil || depth > maxDepth || len(v.errs) >= maxValidateErrors || v.seen[n] {
		return
	}
	v.seen[n] = true
	if n.kind == mapNode && len(n.keys) == 1 {
		k := n.keys[0]
		if strings.HasPrefix(k, "Fn::") && !intrinsics[k] {
			v.errorf(n, "%s is not a CloudFormation intrinsic function; CloudFormation rejects the template", k)
			return
		}
		v.call(k, n.vals[0])
	}
	for _, c := range n.items {
		v.walk(c, depth+1)
	}
	for _, c := range n.vals {
		v.walk(c, depth+1)
	}
}

// call checks the names one intrinsic refers to.
func (v *validator) call(fn string, arg *node) {
	switch fn {
	case "Fn::If":
		if arg.kind == seqNode && len(arg.items) == 3 && arg.items[0].kind == scalarNode {
			if name := arg.items[0].str; v.t.conditions.get(name) == nil {
				v.errorf(arg.items[0], "Fn::If: condition %s is not defined in Conditions; CloudFormation rejects the template", name)
			}
		}
	case "Ref":
		if v.refs && arg.kind == scalarNode && !v.t.defines(arg.str) {
			v.errorf(arg, "Ref %s: neither a parameter nor a resource of %s; CloudFormation rejects the template (unresolved resource dependency)", arg.str, v.t.base)
		}
	case "Fn::GetAtt":
		res := ""
		switch {
		case arg.kind == scalarNode:
			res, _, _ = strings.Cut(arg.str, ".")
		case arg.kind == seqNode && len(arg.items) > 0 && arg.items[0].kind == scalarNode:
			res = arg.items[0].str
		}
		if v.refs && res != "" && v.t.resources.get(res) == nil {
			v.errorf(arg, "Fn::GetAtt %s: not a resource of %s; CloudFormation rejects the template", res, v.t.base)
		}
	}
}

// defines reports whether Ref name resolves in t.
func (t *template) defines(name string) bool {
	return strings.HasPrefix(name, "AWS::") || t.params.get(name) != nil || t.resources.get(name) != nil
}

func (n *node) keysOrNil() []string {
	if n == nil || n.kind != mapNode {
		return nil
	}
	return n.keys
}

func (n *node) valsOrNil() []*node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	return n.vals
}
