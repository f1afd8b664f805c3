package spec

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// The decoder works on this small tree rather than on go-yaml's AST: it has
// four kinds of node, anchors and aliases already expanded and merge keys
// applied, so decoding and overrides need not know YAML's corner cases.
type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// scalarType is the YAML type the parser gave a plain scalar, so that
// `duration: 90` can be told apart from `duration: "90s"`.
type scalarType int

const (
	strType scalarType = iota
	intType
	floatType
	boolType
)

type node struct {
	kind  nodeKind
	pos   Pos
	typ   scalarType // scalarNode
	text  string     // scalarNode: the value, unquoted
	keys  []*node    // mapNode: scalar keys, in the order written
	vals  []*node    // mapNode: vals[i] belongs to keys[i]
	items []*node    // seqNode
}

// parseYAML parses one YAML document into a node tree. An empty document
// (nothing but comments) gives a nil node and no error.
func parseYAML(file string, data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	// YAML breaks lines at CR too; with one line break, positions found
	// here and by the parser agree.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if err := precheck(file, data); err != nil {
		return nil, err
	}
	f, err := safeParse(data)
	if err != nil {
		return nil, yamlError(file, err)
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if _, ok := doc.Body.(*ast.DirectiveNode); ok {
			continue // %YAML or %TAG: the parser gives it a document of its own
		}
		if body != nil {
			return nil, &Error{Pos: tokenPos(file, docToken(f.Docs[i])), Msg: "a scenario file holds one YAML document; found a second one"}
		}
		body = doc.Body
	}
	if body == nil {
		return nil, nil
	}
	c := &converter{file: file, anchors: map[string]*node{}, budget: maxNodes}
	return c.convert(body, 0)
}

// safeParse calls the go-yaml parser, turning a panic inside it into an
// error: a scenario file, however broken, must give a message, not a crash.
func safeParse(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

func docToken(d *ast.DocumentNode) *token.Token {
	if d.Start != nil {
		return d.Start
	}
	return d.Body.GetToken()
}

// yamlError turns a go-yaml error into an Error at the token it names.
func yamlError(file string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return &Error{Pos: tokenPos(file, ye.GetToken()), Msg: "not valid YAML: " + ye.GetMessage()}
	}
	return &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: "not valid YAML: " + err.Error()}
}

func tokenPos(file string, tk *token.Token) Pos {
	if tk == nil || tk.Position == nil {
		return Pos{File: file}
	}
	return Pos{File: file, Line: tk.Position.Line, Col: tk.Position.Column}
}

// converter turns go-yaml's AST into nodes, expanding aliases into copies
// (so an override of one use does not change the others).
type converter struct {
	file    string
	anchors map[string]*node
	budget  int // nodes left before the tree counts as too large
}

func (c *converter) errorf(n ast.Node, format string, args ...any) error {
	return &Error{Pos: tokenPos(c.file, n.GetToken()), Msg: fmt.Sprintf(format, args...)}
}

func (c *converter) newNode(n ast.Node, kind nodeKind) (*node, error) {
	if c.budget--; c.budget < 0 {
		return nil, c.errorf(n, "document too large: more than %d values (aliases expanded)", maxNodes)
	}
	return &node{kind: kind, pos: tokenPos(c.file, n.GetToken())}, nil
}

func (c *converter) convert(n ast.Node, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, c.errorf(n, "nesting deeper than %d levels", maxDepth)
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		return c.mapping(v, v.Values, depth)
	case *ast.MappingValueNode:
		return c.mapping(v, []*ast.MappingValueNode{v}, depth)
	case *ast.SequenceNode:
		return c.sequence(v, depth)
	case *ast.AnchorNode:
		out, err := c.convert(v.Value, depth+1)
		if err == nil {
			c.anchors[v.Name.GetToken().Value] = out
		}
		return out, err
	case *ast.AliasNode:
		src, ok := c.anchors[v.Value.GetToken().Value]
		if !ok {
			return nil, c.errorf(v, "alias *%s names no anchor defined before it", v.Value.GetToken().Value)
		}
		return c.copyNode(v, src)
	case *ast.TagNode:
		return c.tagged(v, depth)
	case *ast.CommentGroupNode, *ast.CommentNode, *ast.NullNode, nil:
		if n == nil {
			return &node{kind: nullNode}, nil
		}
		return c.newNode(n, nullNode)
	}
	return c.scalar(n)
}

func (c *converter) scalar(n ast.Node) (*node, error) {
	out, err := c.newNode(n, scalarNode)
	if err != nil {
		return nil, err
	}
	switch v := n.(type) {
	case *ast.StringNode:
		out.text = v.Value
	case *ast.LiteralNode:
		out.text = v.Value.Value
	case *ast.IntegerNode:
		out.typ, out.text = intType, fmt.Sprint(v.Value)
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		out.typ, out.text = floatType, n.GetToken().Value
	case *ast.BoolNode:
		out.typ, out.text = boolType, strconv.FormatBool(v.Value)
	default:
		return nil, c.errorf(n, "unsupported YAML construct (%s)", n.Type())
	}
	return out, nil
}

func (c *converter) sequence(v *ast.SequenceNode, depth int) (*node, error) {
	out, err := c.newNode(v, seqNode)
	if err != nil {
		return nil, err
	}
	for _, item := range v.Values {
		if text, ok := gluedPair(v, item); ok {
			x, err := c.newNode(item, scalarNode)
			if err != nil {
				return nil, err
			}
			x.text, x.pos = text, tokenPos(c.file, item.(*ast.MappingNode).Values[0].Key.GetToken())
			out.items = append(out.items, x)
			continue
		}
		x, err := c.convert(item, depth+1)
		if err != nil {
			return nil, err
		}
		out.items = append(out.items, x)
	}
	return out, nil
}

// gluedPair works around go-yaml reading a plain scalar with a colon in
// it, like ec2:CreateNetworkInterface, as a one-pair mapping when it is an
// item of a flow list inside a flow mapping ({actions: [ec2:X]}). YAML
// makes a pair only when a space follows the colon, so a pair whose key,
// colon and value touch is the scalar that was written.
func gluedPair(seq *ast.SequenceNode, item ast.Node) (string, bool) {
	m, ok := item.(*ast.MappingNode)
	if !ok || !seq.IsFlowStyle || len(m.Values) != 1 || m.Values[0].Start == nil {
		return "", false
	}
	key, kok := m.Values[0].Key.(*ast.StringNode)
	val, vok := m.Values[0].Value.(*ast.StringNode)
	if !kok || !vok || key.Token.Type != token.StringType || val.Token.Type != token.StringType {
		return "", false
	}
	k, colon, v := key.Token.Position, m.Values[0].Start.Position, val.Token.Position
	if k.Line != colon.Line || colon.Line != v.Line ||
		k.Column+len([]rune(key.Value)) != colon.Column || colon.Column+1 != v.Column {
		return "", false
	}
	return key.Value + ":" + val.Value, true
}

// mapping converts a mapping, applying merge keys (<<: *base) after the
// keys written explicitly, which take precedence as YAML specifies.
func (c *converter) mapping(n ast.Node, values []*ast.MappingValueNode, depth int) (*node, error) {
	out, err := c.newNode(n, mapNode)
	if err != nil {
		return nil, err
	}
	var merges []*node
	seen := map[string]int{} // key -> index, so that a large mapping stays linear
	for _, mv := range values {
		val, err := c.convert(mv.Value, depth+1)
		if err != nil {
			return nil, err
		}
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			merges = append(merges, val)
			continue
		}
		key, err := c.key(mv.Key)
		if err != nil {
			return nil, err
		}
		if i, dup := seen[key.text]; dup {
			return nil, c.errorf(mv.Key, "key %q appears twice in this mapping (first at line %d)", key.text, out.keys[i].pos.Line)
		}
		seen[key.text] = len(out.keys)
		out.keys, out.vals = append(out.keys, key), append(out.vals, val)
	}
	if m, ok := n.(*ast.MappingNode); len(out.keys) > 0 && !(ok && m.IsFlowStyle) {
		out.pos = out.keys[0].pos // a block mapping's own token is its first colon
	}
	for _, m := range merges {
		if err := c.merge(out, m, seen); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *converter) key(k ast.Node) (*node, error) {
	if mk, ok := k.(*ast.MappingKeyNode); ok { // "? key" syntax
		return c.key(mk.Value)
	}
	key, err := c.convert(k, maxDepth)
	if err != nil {
		return nil, err
	}
	if key.kind != scalarNode {
		return nil, c.errorf(k, "a mapping key must be a plain name")
	}
	return key, nil
}

// merge adds to dst the keys of src (a mapping, or a list of mappings,
// earlier ones winning) that dst does not have yet.
func (c *converter) merge(dst, src *node, seen map[string]int) error {
	srcs := []*node{src}
	if src.kind == seqNode {
		srcs = src.items
	}
	for _, m := range srcs {
		if m.kind != mapNode {
			return &Error{Pos: m.pos, Msg: "a merge key (<<) takes a mapping or a list of mappings"}
		}
		for i, k := range m.keys {
			if _, ok := seen[k.text]; !ok {
				seen[k.text] = len(dst.keys)
				dst.keys, dst.vals = append(dst.keys, k), append(dst.vals, m.vals[i])
			}
		}
	}
	return nil
}

// tagged handles an explicit tag: the standard ones are accepted (!!str
// makes a scalar a string), any other is refused rather than ignored.
func (c *converter) tagged(v *ast.TagNode, depth int) (*node, error) {
	out, err := c.convert(v.Value, depth+1)
	if err != nil {
		return nil, err
	}
	switch tag := v.Start.Value; tag {
	case "!!str":
		if out.kind == scalarNode {
			out.typ = strType
		}
	case "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
	default:
		return nil, c.errorf(v, "YAML tag %s is not supported", tag)
	}
	return out, nil
}

// copyNode deep-copies an anchored value for one use of its alias, giving
// the copy the alias's position.
func (c *converter) copyNode(at ast.Node, src *node) (*node, error) {
	if c.budget--; c.budget < 0 {
		return nil, c.errorf(at, "document too large: more than %d values (aliases expanded)", maxNodes)
	}
	out := *src
	out.keys, out.vals, out.items = nil, nil, nil
	for i := range src.keys {
		k, err := c.copyNode(at, src.keys[i])
		if err != nil {
			return nil, err
		}
		val, err := c.copyNode(at, src.vals[i])
		if err != nil {
			return nil, err
		}
		out.keys, out.vals = append(out.keys, k), append(out.vals, val)
	}
	for _, item := range src.items {
		x, err := c.copyNode(at, item)
		if err != nil {
			return nil, err
		}
		out.items = append(out.items, x)
	}
	return &out, nil
}

// clone is a deep copy of the tree, for decoding it again with other
// overrides applied.
func (n *node) clone() *node {
	out := *n
	out.keys, out.vals, out.items = cloneAll(n.keys), cloneAll(n.vals), cloneAll(n.items)
	return &out
}

func cloneAll(nodes []*node) []*node {
	if nodes == nil {
		return nil
	}
	out := make([]*node, len(nodes))
	for i, x := range nodes {
		out[i] = x.clone()
	}
	return out
}

// index is the position of key in a mapping node, or -1.
func (n *node) index(key string) int {
	for i, k := range n.keys {
		if k.text == key {
			return i
		}
	}
	return -1
}

// describe names a node's kind for messages: "a mapping", "the number 90".
func (n *node) describe() string {
	switch n.kind {
	case nullNode:
		return "nothing (null)"
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	}
	switch n.typ {
	case intType, floatType:
		return "the number " + n.text
	case boolType:
		return "the boolean " + n.text
	}
	return strconv.Quote(n.text)
}

// setPos gives a node and everything under it one position (values that
// came from a --set flag).
func (n *node) setPos(p Pos) {
	n.pos = p
	for _, k := range n.keys {
		k.setPos(p)
	}
	for _, x := range append(n.vals, n.items...) {
		x.setPos(p)
	}
}
