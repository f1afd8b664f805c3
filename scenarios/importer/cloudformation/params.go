package cloudformation

import (
	"fmt"
	"strings"
)

// param resolves a parameter of the stack: the value its parent passes (or
// --param for a root stack), else its Default, else an unknown that
// remembers the parameter, so a placeholder can say what to give.
func (st *stack) param(name string, at *node) (value, error) {
	if v, ok := st.params[name]; ok {
		return v, nil
	}
	decl := st.tpl.params.get(name)
	if st.paramBusy[name] {
		return nil, errAt(at, "parameter %s of stack %s depends on itself", name, st.describe())
	}
	st.paramBusy[name] = true
	defer delete(st.paramBusy, name)
	ptype := ""
	if t := decl.get("Type"); t != nil {
		ptype = t.str
	}
	v, err := st.paramValue(name, decl, ptype)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(string); ok && isListType(ptype) {
		v = splitList(s)
	}
	if vs, ok := v.([]value); ok && !isListType(ptype) {
		// A list passed to a String parameter arrives comma-joined.
		v = asString(vs)
	}
	st.params[name] = v
	return v, nil
}

func (st *stack) paramValue(name string, decl *node, ptype string) (value, error) {
	if a := st.args.get(name); st.parent != nil && a != nil {
		e := &ev{st: st.parent, where: st.path + ".Parameters." + name}
		return e.eval(a)
	}
	// --param sets a root's parameters, and those a parent leaves unset.
	if s, ok := st.s.opts.Params[name]; ok {
		st.s.usedParam[name] = true
		return s, nil
	}
	if strings.HasPrefix(ptype, "AWS::SSM::Parameter::Value<") {
		return unknown{text: "${" + name + "}", param: name, ptype: ptype, list: isListType(ptype),
			reason: "parameter " + name + " is read from SSM Parameter Store at deploy time"}, nil
	}
	if d := decl.get("Default"); d != nil {
		switch d.kind {
		case scalarNode:
			return d.str, nil
		case seqNode:
			return (&ev{st: st, where: "Parameters." + name}).eval(d)
		}
	}
	return unknown{text: "${" + name + "}", param: name, ptype: ptype, list: isListType(ptype),
		reason: fmt.Sprintf("parameter %s has no value", name)}, nil
}

func isListType(t string) bool {
	return strings.HasPrefix(t, "List<") || t == "CommaDelimitedList" ||
		strings.HasPrefix(t, "AWS::SSM::Parameter::Value<List<") ||
		t == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
}

// splitList reads a comma-delimited list value; "" is the empty list.
func splitList(s string) []value {
	if strings.TrimSpace(s) == "" {
		return []value{}
	}
	parts := strings.Split(s, ",")
	out := make([]value, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(p)
	}
	return out
}

// condition evaluates a named condition. A condition that compares a value
// the import does not know is taken as false, with a warning telling which
// parameter decides it.
func (st *stack) condition(name string, at *node) (bool, error) {
	if v, ok := st.conds[name]; ok {
		return v, nil
	}
	def := st.tpl.conditions.get(name)
	if def == nil {
		return false, errAt(at, "condition %s is not defined", name)
	}
	if st.condBusy[name] {
		return false, errAt(at, "condition %s depends on itself", name)
	}
	st.condBusy[name] = true
	defer delete(st.condBusy, name)
	e := &ev{st: st, where: "Conditions." + name}
	v, err := e.boolean(def)
	if err != nil {
		return false, err
	}
	st.conds[name] = v
	return v, nil
}

// removed reports whether r's Condition is false, so CloudFormation does
// not create it; cond is the condition's name.
func (r *resource) removed() (bool, string, error) {
	c := r.n.get("Condition")
	if c == nil {
		return false, "", nil
	}
	if c.kind != scalarNode {
		return false, "", errAt(c, "%s: Condition must be a condition name", r.label())
	}
	ok, err := r.st.condition(c.str, c)
	return !ok, c.str, err
}
