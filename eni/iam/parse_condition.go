package iam

import (
	"fmt"
	"strconv"
	"strings"
)

// conditions reads a Condition block: {operator: {key: value(s)}}
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
// A key written twice in one object counts once, the last time, as
// encoding/json and AWS read it; the earlier one is recorded in
// Policy.Duplicates.
func (b *builder) conditions(n *node, st *Statement) ([]Condition, error) {
	path := st.Path + ".Condition"
	fail := func(where string, pos Pos, msg string) error {
		return &ParseError{Statement: st.Index, Sid: st.Sid, Path: where, Pos: pos, Msg: msg}
	}
	if n.kind != '{' {
		return nil, fail(path, n.pos, "Condition must be an object of operators")
	}
	b.dups(n, path, st.Index)
	var out []Condition
	for i, om := range n.keys {
		if laterKey(n.keys, i) {
			continue
		}
		op, set, ifExists, err := parseOperator(om.key)
		if err != nil {
			return nil, fail(path, om.pos, err.Error())
		}
		opPath := path + "." + om.key
		if om.val.kind != '{' {
			return nil, fail(opPath, om.val.pos, "an operator needs an object of condition keys")
		}
		b.dups(om.val, opPath, st.Index)
		for j, km := range om.val.keys {
			if laterKey(om.val.keys, j) {
				continue
			}
			c := Condition{Operator: om.key, Base: op.name, Set: set, IfExists: ifExists,
				Key: km.key, Path: opPath + "[" + strconv.Quote(km.key) + "]", Pos: km.pos,
				ValuesIsList: km.val.kind == '[', op: op}
			if c.Values, err = conditionValues(km.val, op); err != nil {
				return nil, fail(c.Path, km.val.pos, err.Error())
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// laterKey reports whether keys[i] occurs again after i.
func laterKey(keys []member, i int) bool {
	for _, m := range keys[i+1:] {
		if m.key == keys[i].key {
			return true
		}
	}
	return false
}

// dups records keys of n that a later key of the same name overrides.
func (b *builder) dups(n *node, path string, stmt int) {
	for i, m := range n.keys {
		if laterKey(n.keys, i) {
			b.p.Duplicates = append(b.p.Duplicates, Duplicate{Path: path, Key: m.key, Pos: m.pos, Statement: stmt})
		}
	}
}

// conditionValues reads and checks the values given for one key.
func conditionValues(n *node, op *operator) ([]string, error) {
	vals, err := stringList(n, true)
	if err != nil {
		return nil, err
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("no values")
	}
	for _, v := range vals {
		switch {
		case op.check != nil:
			err = op.check(v)
		case op.null || op.name == "Bool":
			if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
				err = fmt.Errorf("%s needs true or false, not %q", op.name, v)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return vals, nil
}
