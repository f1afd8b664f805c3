package spec

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ParseOverride parses a --set flag, PATH=VALUE. PATH is dot-separated
// keys, list elements named by their id or name (or index); VALUE is YAML
// (a scalar, or a flow mapping or list) and may be empty. Only the first =
// separates them, so VALUE may hold more (a vpcConfig shorthand).
func ParseOverride(s string) (Override, error) {
	path, value, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return Override{}, fmt.Errorf("--set %q: want PATH=VALUE, e.g. hyperplane.scaleOutAt=0.7", s)
	}
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			return Override{}, fmt.Errorf("--set %q: empty name in path %q", s, path)
		}
	}
	return Override{Path: path, Value: value}, nil
}

// applyOverride replaces (or adds) the value at st.Path in the tree. Keys
// missing from a mapping are added, so a setting the file left at its
// default can be set; a key that is not in the format is then reported by
// the decoder with the valid keys, like a typo in the file.
func applyOverride(root *node, st setting) *Error {
	fail := func(format string, args ...any) *Error {
		return &Error{Pos: st.pos, Msg: fmt.Sprintf(format, args...)}
	}
	val, err := parseValue(st.Value)
	if err != nil {
		return fail("%v", err)
	}
	val.setPos(st.pos)
	segs := strings.Split(st.Path, ".")
	cur := root
	for i, seg := range segs {
		if seg == "" {
			return fail("empty name in path %q", st.Path)
		}
		at := strings.Join(segs[:i], ".")
		last := i == len(segs)-1
		switch cur.kind {
		case mapNode:
			j := cur.index(seg)
			if j < 0 {
				cur.keys = append(cur.keys, &node{kind: scalarNode, text: seg, pos: st.pos})
				cur.vals = append(cur.vals, &node{kind: nullNode, pos: st.pos})
				j = len(cur.keys) - 1
			}
			if last {
				cur.vals[j] = val
				return nil
			}
			if cur.vals[j].kind == nullNode {
				if _, err := strconv.Atoi(segs[i+1]); err == nil {
					// A list element of a list the file does not have: the
					// decoder would say "expected a list, got a mapping".
					return fail("%s is not in the scenario, so it has no element %s: a --set changes what is there; write the list in the file", pathName(strings.Join(segs[:i+1], ".")), segs[i+1])
				}
				cur.vals[j] = &node{kind: mapNode, pos: st.pos}
			}
			cur = cur.vals[j]
		case seqNode:
			j, names := findElement(cur, seg)
			if j < 0 {
				return fail("%s has no element %q; valid names: %s", pathName(at), seg, nameList(names))
			}
			if last {
				cur.items[j] = val
				return nil
			}
			cur = cur.items[j]
		default:
			return fail("%s is %s, which has nothing named %q inside; set the whole value instead", pathName(at), cur.describe(), seg)
		}
	}
	return nil
}

// findElement finds a list element by its id or name, or by its index,
// returning the names that would have matched when none does.
func findElement(list *node, seg string) (int, []string) {
	var names []string
	for j, item := range list.items {
		name := elementName(item)
		if name == seg {
			return j, nil
		}
		if name == "" {
			name = strconv.Itoa(j)
		}
		names = append(names, name)
	}
	if j, err := strconv.Atoi(seg); err == nil && j >= 0 && j < len(list.items) {
		return j, nil
	}
	return -1, names
}

// elementName is the id or name of a list element, or "".
func elementName(item *node) string {
	if item.kind != mapNode {
		return ""
	}
	for _, key := range []string{"id", "name"} {
		if j := item.index(key); j >= 0 && item.vals[j].kind == scalarNode {
			return item.vals[j].text
		}
	}
	return ""
}

// parseValue parses an override value. A value that YAML reads as a plain
// string is kept exactly as written (so "fix #12" keeps its "#12"); a
// quoted one, a number, a boolean, null or a flow mapping or list is read
// as YAML.
func parseValue(v string) (*node, error) {
	t := strings.TrimSpace(v)
	if t == "" {
		return &node{kind: scalarNode, text: ""}, nil
	}
	n, err := parseYAML("value", []byte(t))
	if err != nil {
		if strings.ContainsAny(t[:1], "{[\"'") {
			msg := err.Error()
			if e := (*Error)(nil); errors.As(err, &e) {
				msg = e.Msg
			}
			return nil, fmt.Errorf("value %q: %s", v, msg)
		}
		return &node{kind: scalarNode, text: t}, nil
	}
	if n == nil || n.kind == scalarNode && n.typ == strType && !strings.ContainsAny(t[:1], "\"'") {
		return &node{kind: scalarNode, text: t}, nil
	}
	return n, nil
}
