package cloudformation

import (
	"fmt"
	"strconv"
)

// node is one value of a template as written, with where it was written.
// YAML and JSON templates both become trees of nodes; short-form tags such
// as !Ref become the long form ({"Ref": ...}) while reading, so the
// evaluator sees one syntax.
type node struct {
	kind  nodeKind
	str   string  // scalar text, as written (YAML 1.1 "No" stays "No")
	items []*node // sequence
	keys  []string
	vals  []*node // mapping, in file order
	file  string
	line  int
	col   int
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	seqNode
	mapNode
	nullNode
)

// get returns the value of key in a mapping, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// pos is "file:line:col" for messages.
func (n *node) pos() string {
	if n == nil {
		return ""
	}
	if n.line == 0 {
		return n.file
	}
	return n.file + ":" + strconv.Itoa(n.line) + ":" + strconv.Itoa(n.col)
}

// fnCall reports whether n is an intrinsic call, i.e. a one-key mapping
// whose key is Ref, Condition or Fn::*; it returns the name and argument.
func (n *node) fnCall() (string, *node, bool) {
	if n == nil || n.kind != mapNode || len(n.keys) != 1 {
		return "", nil, false
	}
	k := n.keys[0]
	if k == "Ref" || k == "Condition" || len(k) > 4 && k[:4] == "Fn::" {
		return k, n.vals[0], true
	}
	return "", nil, false
}

// errAt is an error located at n.
func errAt(n *node, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if p := n.pos(); p != "" {
		return fmt.Errorf("%s: %s", p, msg)
	}
	return fmt.Errorf("%s", msg)
}
