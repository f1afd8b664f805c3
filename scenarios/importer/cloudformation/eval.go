package cloudformation

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// ev evaluates nodes in one stack, for one property (where, used in
// messages such as "Fn.VpcConfig.SubnetIds").
type ev struct {
	st    *stack
	where string
	// exportName evaluates AWS::StackName as a wildcard (see exports.go).
	exportName bool
}

func (e *ev) eval(n *node) (value, error) {
	if err := e.enter(n); err != nil {
		return nil, err
	}
	defer e.leave()
	if n == nil {
		return noValue{}, nil
	}
	switch n.kind {
	case scalarNode:
		// Charged each time: aliases let one scalar be read many times.
		return n.str, e.alloc(n, len(n.str))
	case nullNode:
		return "", nil
	case seqNode:
		return e.list(n)
	}
	if fn, arg, ok := n.fnCall(); ok {
		return e.call(fn, arg, n)
	}
	if err := e.checkLen(n, 0, len(n.keys)); err != nil {
		return nil, err
	}
	o := &object{vals: map[string]value{}}
	for i, k := range n.keys {
		v, err := e.eval(n.vals[i])
		if err != nil {
			return nil, err
		}
		if _, ok := v.(noValue); !ok {
			o.set(k, v)
		}
	}
	return o, nil
}

// list evaluates a sequence, dropping AWS::NoValue items.
func (e *ev) list(n *node) (value, error) {
	if err := e.checkLen(n, 0, len(n.items)); err != nil {
		return nil, err
	}
	out := make([]value, 0, len(n.items))
	for _, it := range n.items {
		v, err := e.eval(it)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(noValue); !ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// call evaluates one intrinsic function.
func (e *ev) call(fn string, arg, at *node) (value, error) {
	switch fn {
	case "Ref":
		return e.ref(arg)
	case "Fn::GetAtt":
		return e.getAtt(arg)
	case "Fn::Sub":
		return e.sub(arg)
	case "Fn::Join":
		return e.join(arg)
	case "Fn::Select":
		return e.selectFn(arg)
	case "Fn::Split":
		return e.split(arg)
	case "Fn::If":
		return e.ifFn(arg)
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
		b, err := e.boolean(at)
		return fmt.Sprint(b), err
	case "Fn::FindInMap":
		return e.findInMap(arg)
	case "Fn::ImportValue":
		return e.importValue(arg)
	case "Fn::GetAZs":
		return e.getAZs(arg)
	case "Fn::Cidr":
		return e.cidr(arg)
	case "Fn::Base64":
		return e.base64(arg)
	case "Fn::Length":
		return e.length(arg)
	case "Fn::ToJsonString":
		v, err := e.eval(arg)
		if err != nil {
			return nil, err
		}
		if err := e.checkLen(at, textLen(v, MaxStringLen), 0); err != nil {
			return nil, err
		}
		return asString(v), nil
	case "Fn::Transform", "Fn::ForEach":
		// Valid (macros, the LanguageExtensions transform) but not modelled.
		e.st.s.warn(importer.Warning{Resource: e.st.label(e.where), Pos: at.pos(),
			Msg: fn + " is not evaluated by the importer; the value is unknown"})
		return unknown{text: fn, reason: fn + " is not evaluated by the importer"}, nil
	}
	return nil, errAt(at, "%s: %s is not a CloudFormation intrinsic function; CloudFormation rejects the template", e.where, fn)
}

// str evaluates n and wants a string (or an unknown).
func (e *ev) str(n *node, what string) (value, error) {
	v, err := e.eval(n)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case string, unknown:
		return v, nil
	}
	return nil, errAt(n, "%s: %s must be a string", e.where, what)
}

// args checks that an intrinsic's argument is a list of want..want+opt items.
func args(n *node, fn string, want, opt int) ([]*node, error) {
	if n == nil || n.kind != seqNode || len(n.items) < want || len(n.items) > want+opt {
		if opt == 0 {
			return nil, errAt(n, "%s takes a list of %d items", fn, want)
		}
		return nil, errAt(n, "%s takes a list of %d to %d items", fn, want, want+opt)
	}
	return n.items, nil
}

// refName reads the name given to Ref or Condition.
func refName(n *node, fn string) (string, error) {
	if n == nil || n.kind != scalarNode || n.str == "" {
		return "", errAt(n, "%s takes a name", fn)
	}
	return n.str, nil
}

// resource finds a logical id for Ref/GetAtt; a resource whose Condition is
// false does not exist, and CloudFormation rejects any reference to it.
func (e *ev) resource(name string, at *node) (*resource, error) {
	r := e.st.res[name]
	if r == nil {
		return nil, nil
	}
	gone, cond, err := r.removed()
	if err != nil {
		return nil, err
	}
	if gone {
		return nil, errAt(at, "%s: refers to %s, which is not created because its Condition %s is false; CloudFormation rejects the template (%s)",
			e.where, name, cond, e.removedHint(cond))
	}
	return r, nil
}

// removedHint names the parameters that decide a condition.
func (e *ev) removedHint(cond string) string {
	params := paramsUnder(e.st.tpl.conditions.get(cond), e.st.tpl)
	if len(params) == 0 {
		return "fix the template"
	}
	return "check --param " + strings.Join(params, ", --param ")
}

// paramsUnder lists the parameters a node refers to, directly.
func paramsUnder(n *node, t *template) []string {
	if n == nil {
		return nil
	}
	var out []string
	if fn, arg, ok := n.fnCall(); ok && fn == "Ref" && arg.kind == scalarNode && t.params.get(arg.str) != nil {
		return []string{arg.str}
	}
	for _, c := range append(n.items, n.vals...) {
		out = append(out, paramsUnder(c, t)...)
	}
	return out
}
