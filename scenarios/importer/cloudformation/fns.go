package cloudformation

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// concat joins evaluated parts; if any is unknown the result is an unknown
// whose text shows the whole string, so warnings can print it. The length
// is checked against MaxStringLen before anything is built.
func (e *ev) concat(at *node, parts []value) (value, error) {
	n := 0
	for _, p := range parts {
		if n += textLen(p, MaxStringLen-n); n > MaxStringLen {
			break
		}
	}
	if err := e.checkLen(at, n, 0); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(n)
	var u unknown
	found := false
	for _, p := range parts {
		b.WriteString(asString(p))
		if x, ok := firstUnknown(p); ok && !found {
			u, found = x, true
		}
	}
	if !found {
		return b.String(), nil
	}
	u.text, u.list = b.String(), false
	return u, nil
}

// sub evaluates Fn::Sub "text ${Var} ${Res.Attr} ${!Literal}" or
// Fn::Sub [text, {Var: value}].
func (e *ev) sub(arg *node) (value, error) {
	tmpl, vars := arg, (*node)(nil)
	if arg != nil && arg.kind == seqNode {
		items, err := args(arg, "Fn::Sub", 2, 0)
		if err != nil {
			return nil, err
		}
		tmpl, vars = items[0], items[1]
	}
	if tmpl == nil || tmpl.kind != scalarNode {
		return nil, errAt(arg, "%s: Fn::Sub takes a string", e.where)
	}
	var parts []value
	s := tmpl.str
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			parts = append(parts, s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil, errAt(tmpl, "%s: Fn::Sub: unclosed ${", e.where)
		}
		parts = append(parts, s[:i])
		name := strings.TrimSpace(s[i+2 : i+j])
		s = s[i+j+1:]
		if lit, ok := strings.CutPrefix(name, "!"); ok {
			parts = append(parts, "${"+lit+"}")
			continue
		}
		v, err := e.subVar(name, vars, tmpl)
		if err != nil {
			return nil, err
		}
		parts = append(parts, v)
	}
	return e.concat(tmpl, parts)
}

func (e *ev) subVar(name string, vars, at *node) (value, error) {
	if v := vars.get(name); v != nil {
		return e.eval(v)
	}
	ref := &node{kind: scalarNode, str: name, file: at.file, line: at.line, col: at.col}
	if strings.Contains(name, ".") {
		return e.getAtt(ref)
	}
	return e.ref(ref)
}

func (e *ev) join(arg *node) (value, error) {
	items, err := args(arg, "Fn::Join", 2, 0)
	if err != nil {
		return nil, err
	}
	d, err := e.str(items[0], "the Fn::Join delimiter")
	if err != nil {
		return nil, err
	}
	lv, err := e.eval(items[1])
	if err != nil {
		return nil, err
	}
	list, ok := lv.([]value)
	if !ok {
		if u, ok := lv.(unknown); ok {
			return u, nil
		}
		return nil, errAt(items[1], "%s: Fn::Join needs a list", e.where)
	}
	var parts []value
	for i, p := range list {
		if i > 0 {
			parts = append(parts, d)
		}
		parts = append(parts, p)
	}
	return e.concat(arg, parts)
}

func (e *ev) selectFn(arg *node) (value, error) {
	items, err := args(arg, "Fn::Select", 2, 0)
	if err != nil {
		return nil, err
	}
	iv, err := e.str(items[0], "the Fn::Select index")
	if err != nil {
		return nil, err
	}
	lv, err := e.eval(items[1])
	if err != nil {
		return nil, err
	}
	if u, ok := iv.(unknown); ok {
		return u, nil
	}
	idx, err := strconv.Atoi(iv.(string))
	if err != nil || idx < 0 {
		return nil, errAt(items[0], "%s: Fn::Select index %q is not a number", e.where, iv)
	}
	switch l := lv.(type) {
	case unknown:
		l.text, l.list = l.text+"["+strconv.Itoa(idx)+"]", false
		return l, nil
	case []value:
		if idx >= len(l) {
			return nil, errAt(items[0], "%s: Fn::Select index %d out of range (the list has %d items)", e.where, idx, len(l))
		}
		return l[idx], nil
	}
	return nil, errAt(items[1], "%s: Fn::Select needs a list", e.where)
}

func (e *ev) split(arg *node) (value, error) {
	items, err := args(arg, "Fn::Split", 2, 0)
	if err != nil {
		return nil, err
	}
	d, err := e.str(items[0], "the Fn::Split delimiter")
	if err != nil {
		return nil, err
	}
	sv, err := e.str(items[1], "the Fn::Split source")
	if err != nil {
		return nil, err
	}
	if u, ok := sv.(unknown); ok {
		u.list = true
		return u, nil
	}
	if asString(d) == "" {
		return nil, errAt(items[0], "%s: Fn::Split delimiter is empty", e.where)
	}
	if err := e.checkLen(arg, 0, strings.Count(sv.(string), asString(d))+1); err != nil {
		return nil, err
	}
	var out []value
	for _, p := range strings.Split(sv.(string), asString(d)) {
		out = append(out, p)
	}
	return out, nil
}

func (e *ev) ifFn(arg *node) (value, error) {
	items, err := args(arg, "Fn::If", 3, 0)
	if err != nil {
		return nil, err
	}
	name, err := refName(items[0], "Fn::If")
	if err != nil {
		return nil, err
	}
	ok, err := e.st.condition(name, items[0])
	if err != nil {
		return nil, err
	}
	if ok {
		return e.eval(items[1])
	}
	return e.eval(items[2])
}

func (e *ev) base64(arg *node) (value, error) {
	v, err := e.str(arg, "Fn::Base64's argument")
	if s, ok := v.(string); ok {
		if err := e.checkLen(arg, base64.StdEncoding.EncodedLen(len(s)), 0); err != nil {
			return nil, err
		}
		return base64.StdEncoding.EncodeToString([]byte(s)), nil
	}
	return v, err
}

func (e *ev) length(arg *node) (value, error) {
	v, err := e.eval(arg)
	if l, ok := v.([]value); ok {
		return strconv.Itoa(len(l)), nil
	}
	if u, ok := v.(unknown); ok {
		return u, nil
	}
	if err == nil {
		err = errAt(arg, "%s: Fn::Length needs a list", e.where)
	}
	return nil, err
}

// findInMap evaluates Fn::FindInMap [Map, TopKey, SecondKey] (with the
// optional {DefaultValue: v} of the LanguageExtensions transform).
func (e *ev) findInMap(arg *node) (value, error) {
	items, err := args(arg, "Fn::FindInMap", 3, 1)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 3)
	for i := range 3 {
		v, err := e.str(items[i], "a Fn::FindInMap key")
		if err != nil {
			return nil, err
		}
		if u, ok := v.(unknown); ok {
			return u, nil
		}
		keys[i] = v.(string)
	}
	if v := e.st.tpl.mappings.get(keys[0]).get(keys[1]).get(keys[2]); v != nil {
		return e.eval(v)
	}
	if len(items) == 4 {
		if d := items[3].get("DefaultValue"); d != nil {
			return e.eval(d)
		}
	}
	return nil, errAt(arg, "%s: Fn::FindInMap: no %s/%s/%s in Mappings", e.where, keys[0], keys[1], keys[2])
}
