package cloudformation

import (
	"github.com/enisim/enisim/scenarios/importer"
)

// boolean evaluates a condition expression (Fn::Equals, Fn::Not, Fn::And,
// Fn::Or, Condition). An Fn::Equals on a value the import does not know is
// false, with a warning naming the parameter to give.
func (e *ev) boolean(n *node) (bool, error) {
	fn, arg, ok := n.fnCall()
	if !ok {
		if n != nil && n.kind == scalarNode && (n.str == "true" || n.str == "false") {
			return n.str == "true", nil
		}
		return false, errAt(n, "%s: not a condition", e.where)
	}
	switch fn {
	case "Condition":
		name, err := refName(arg, "Condition")
		if err != nil {
			return false, err
		}
		return e.st.condition(name, arg)
	case "Fn::Equals":
		return e.equals(arg)
	case "Fn::Not":
		items, err := args(arg, "Fn::Not", 1, 0)
		if err != nil {
			return false, err
		}
		b, err := e.boolean(items[0])
		return !b, err
	case "Fn::And", "Fn::Or":
		items, err := args(arg, fn, 1, 9)
		if err != nil {
			return false, err
		}
		for _, it := range items {
			b, err := e.boolean(it)
			if err != nil {
				return false, err
			}
			if b == (fn == "Fn::Or") {
				return b, nil
			}
		}
		return fn == "Fn::And", nil
	}
	return false, errAt(n, "%s: %s is not a condition function", e.where, fn)
}

func (e *ev) equals(arg *node) (bool, error) {
	items, err := args(arg, "Fn::Equals", 2, 0)
	if err != nil {
		return false, err
	}
	var vs [2]value
	for i := range 2 {
		if vs[i], err = e.eval(items[i]); err != nil {
			return false, err
		}
		if u, ok := firstUnknown(vs[i]); ok {
			e.st.s.warn(importer.Warning{Resource: e.st.label(e.where), Pos: items[i].pos(),
				Msg: "compares " + u.text + ", which is unknown (" + u.reason + "); taken as not equal" + giveHint(u)})
			return false, nil
		}
	}
	return asString(vs[0]) == asString(vs[1]), nil
}

// label qualifies a name with the stack's nested path.
func (st *stack) label(name string) string {
	if st.path == "" {
		return name
	}
	return st.path + "/" + name
}

// giveHint tells how to supply an unknown value, when it can be supplied.
func giveHint(u unknown) string {
	switch {
	case u.param != "":
		return "; give --param " + u.param + "=VALUE"
	case u.export != "":
		if h, ok := slsHint(u.export); ok {
			return h
		}
		return "; give --param " + u.export + "=VALUE or add the file that exports it"
	}
	return ""
}
