package iam

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Parse reads one IAM policy document: {"Version", "Id", "Statement"},
// where Statement is one statement object or a list of them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
// Errors are *ParseError values naming the line, the statement (index and
// Sid) and the element at fault. Element names are case-sensitive as in
// the grammar; unknown elements are errors, so a typo ("Actions") is never
// silently ignored.
func Parse(doc []byte) (*Policy, error) {
	root, err := parseTree(doc)
	if err != nil {
		return nil, err
	}
	if root.kind != '{' {
		return nil, &ParseError{Statement: -1, Pos: root.pos, Msg: "a policy document must be a JSON object"}
	}
	p := &Policy{}
	b := &builder{p: p}
	if err := b.top(root); err != nil {
		return nil, err
	}
	return p, nil
}

// builder turns a node tree into a Policy.
type builder struct {
	p *Policy
}

var topKeys = map[string]bool{"Version": true, "Id": true, "Statement": true}

func (b *builder) top(root *node) error {
	if err := b.known(root, "", -1, topKeys); err != nil {
		return err
	}
	if v, _ := root.get("Version"); v != nil {
		if v.kind != 's' || (v.str != "2012-10-17" && v.str != "2008-10-17") {
			return &ParseError{Statement: -1, Path: "Version", Pos: v.pos,
				Msg: `Version must be "2012-10-17" or "2008-10-17"`}
		}
		b.p.Version = v.str
	}
	if v, _ := root.get("Id"); v != nil {
		if v.kind != 's' {
			return &ParseError{Statement: -1, Path: "Id", Pos: v.pos, Msg: "Id must be a string"}
		}
		b.p.ID = v.str
	}
	st, _ := root.get("Statement")
	switch {
	case st == nil:
		return &ParseError{Statement: -1, Pos: root.pos, Msg: "missing Statement"}
	case st.kind == '{':
		return b.statement(st, 0, "Statement")
	case st.kind != '[':
		return &ParseError{Statement: -1, Path: "Statement", Pos: st.pos,
			Msg: "Statement must be an object or a list of objects"}
	}
	for i, e := range st.elems {
		if err := b.statement(e, i, fmt.Sprintf("Statement[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// known rejects keys not in allowed and records duplicated ones.
func (b *builder) known(n *node, path string, stmt int, allowed map[string]bool) error {
	for _, m := range n.keys {
		if !allowed[m.key] {
			return &ParseError{Statement: stmt, Path: path, Pos: m.pos,
				Msg: fmt.Sprintf("unknown element %q (want one of %s)", m.key, keyList(allowed))}
		}
	}
	b.dups(n, path, stmt)
	return nil
}

func keyList(m map[string]bool) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

var statementKeys = map[string]bool{
	"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
	"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true,
}

func (b *builder) statement(n *node, index int, path string) error {
	st := Statement{Index: index, Path: path, Pos: n.pos}
	fail := func(where string, pos Pos, format string, args ...any) error {
		return &ParseError{Statement: index, Sid: st.Sid, Path: where, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	if n.kind != '{' {
		return fail(path, n.pos, "a statement must be a JSON object")
	}
	if v, _ := n.get("Sid"); v != nil {
		if v.kind != 's' {
			return fail(path+".Sid", v.pos, "Sid must be a string")
		}
		st.Sid = v.str
	}
	if err := b.known(n, path, index, statementKeys); err != nil {
		if pe := (*ParseError)(nil); errors.As(err, &pe) {
			pe.Sid = st.Sid
		}
		return err
	}
	e, _ := n.get("Effect")
	switch {
	case e == nil:
		return fail(path, n.pos, "missing Effect")
	case e.kind == 's' && e.str == "Allow":
		st.Effect = EffectAllow
	case e.kind == 's' && e.str == "Deny":
		st.Effect = EffectDeny
	default:
		return fail(path+".Effect", e.pos, `Effect must be "Allow" or "Deny" (case-sensitive)`)
	}
	_, p1 := n.get("Principal")
	_, p2 := n.get("NotPrincipal")
	st.HasPrincipal = p1+p2 > 0
	var err error
	if st.Action, st.NotAction, err = b.pair(n, &st, "Action", "NotAction"); err != nil {
		return err
	}
	if st.Resource, st.NotResource, err = b.pair(n, &st, "Resource", "NotResource"); err != nil {
		return err
	}
	if c, _ := n.get("Condition"); c != nil {
		if st.Conditions, err = b.conditions(c, &st); err != nil {
			return err
		}
	}
	b.p.Statements = append(b.p.Statements, st)
	return nil
}

// pair reads exactly one of two mutually exclusive list elements
// (Action/NotAction, Resource/NotResource).
func (b *builder) pair(n *node, st *Statement, yes, no string) ([]string, []string, error) {
	y, _ := n.get(yes)
	x, _ := n.get(no)
	if (y == nil) == (x == nil) {
		return nil, nil, &ParseError{Statement: st.Index, Sid: st.Sid, Path: st.Path, Pos: n.pos,
			Msg: fmt.Sprintf("a statement needs exactly one of %s and %s", yes, no)}
	}
	name, v := yes, y
	if y == nil {
		name, v = no, x
	}
	list, err := stringList(v, false)
	if err == nil && len(list) == 0 {
		err = fmt.Errorf("%s must not be empty", name)
	}
	if err != nil {
		return nil, nil, &ParseError{Statement: st.Index, Sid: st.Sid, Path: st.Path + "." + name, Pos: v.pos, Msg: err.Error()}
	}
	if y != nil {
		return list, nil, nil
	}
	return nil, list, nil
}

// stringList reads a string or a list of strings. With scalars, numbers and
// booleans are accepted too and kept as written, as condition values may
// be ("aws:SecureTransport": false).
func stringList(n *node, scalars bool) ([]string, error) {
	one := func(e *node) (string, error) {
		if e.kind == 's' || (scalars && (e.kind == 'n' || e.kind == 'b')) {
			return e.str, nil
		}
		if scalars {
			return "", fmt.Errorf("want a string, number or boolean")
		}
		return "", fmt.Errorf("want a string or a list of strings")
	}
	if n.kind != '[' {
		s, err := one(n)
		return []string{s}, err
	}
	out := make([]string, 0, len(n.elems))
	for _, e := range n.elems {
		s, err := one(e)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
