package cloudformation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits that keep a hostile or broken template from exhausting memory or
// the stack: real templates are far below them (the largest CloudFormation
// allows is 1 MB, 500 resources).
const (
	maxDepth = 200
	maxNodes = 2_000_000
)

// readTemplate parses a YAML or JSON template into nodes.
func readTemplate(file string, data []byte) (*node, error) {
	if isJSON(data) {
		return readJSON(file, data)
	}
	return readYAML(file, data)
}

// isJSON: a JSON template starts with '{' (YAML flow mappings could too, but
// no template is written that way, and the JSON reader gives better errors).
func isJSON(data []byte) bool {
	s := strings.TrimLeft(string(data), " \t\r\n\ufeff")
	return strings.HasPrefix(s, "{")
}

func readYAML(file string, data []byte) (root *node, err error) {
	if err := checkFlowDepth(file, data); err != nil {
		return nil, err
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	var body ast.Node
	for _, d := range f.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if body != nil {
			return nil, fmt.Errorf("%s:%d: a template is one YAML document; found a second", file, line(d.Body))
		}
		body = d.Body
	}
	c := &yamlConv{file: file, anchors: map[string]*node{}}
	return c.conv(body, 0)
}

// yamlConv converts goccy's syntax tree into nodes.
type yamlConv struct {
	file    string
	anchors map[string]*node
	count   int
}

func line(n ast.Node) int {
	if t := n.GetToken(); t != nil && t.Position != nil {
		return t.Position.Line
	}
	return 0
}

func (c *yamlConv) at(n ast.Node) *node {
	out := &node{file: c.file}
	if t := n.GetToken(); t != nil && t.Position != nil {
		out.line, out.col = t.Position.Line, t.Position.Column
	}
	return out
}

func (c *yamlConv) conv(n ast.Node, depth int) (*node, error) {
	if n == nil {
		return &node{kind: nullNode, file: c.file}, nil
	}
	c.count++
	if depth > maxDepth || c.count > maxNodes {
		return nil, errAt(c.at(n), "template nested too deeply or too large")
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		return c.mapping(n, n.Values, depth)
	case *ast.MappingValueNode:
		return c.mapping(n, []*ast.MappingValueNode{n}, depth)
	case *ast.SequenceNode:
		out := c.at(n)
		out.kind = seqNode
		for _, v := range n.Values {
			it, err := c.conv(v, depth+1)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, it)
		}
		return out, nil
	case *ast.TagNode:
		return c.tag(n, depth)
	case *ast.AnchorNode:
		v, err := c.conv(n.Value, depth+1)
		if err == nil && n.Name != nil {
			c.anchors[n.Name.String()] = v
		}
		return v, err
	case *ast.AliasNode:
		if n.Value != nil {
			if v, ok := c.anchors[n.Value.String()]; ok {
				return v, nil // shared, not copied: evaluation has a step budget
			}
		}
		return nil, errAt(c.at(n), "unknown alias")
	case *ast.DocumentNode:
		return c.conv(n.Body, depth+1)
	case *ast.MappingKeyNode:
		return c.conv(n.Value, depth+1)
	case *ast.NullNode, *ast.CommentGroupNode, *ast.CommentNode:
		out := c.at(n)
		out.kind = nullNode
		return out, nil
	}
	return c.scalar(n)
}

func (c *yamlConv) scalar(n ast.Node) (*node, error) {
	out := c.at(n)
	switch n := n.(type) {
	case *ast.StringNode:
		out.str = n.Value
	case *ast.LiteralNode:
		if n.Value != nil {
			out.str = n.Value.Value
		}
	default:
		t := n.GetToken()
		if t == nil {
			return nil, errAt(out, "unexpected YAML %s", n.Type())
		}
		out.str = t.Value
	}
	return out, nil
}

func (c *yamlConv) mapping(at ast.Node, pairs []*ast.MappingValueNode, depth int) (*node, error) {
	out := c.at(at)
	out.kind = mapNode
	for _, p := range pairs {
		if p == nil || p.Key == nil {
			continue
		}
		v, err := c.conv(p.Value, depth+1)
		if err != nil {
			return nil, err
		}
		if _, ok := p.Key.(*ast.MergeKeyNode); ok {
			mergeInto(out, v)
			continue
		}
		k, err := c.conv(p.Key, depth+1)
		if err != nil {
			return nil, err
		}
		if k.kind != scalarNode {
			return nil, errAt(k, "a mapping key must be a plain string")
		}
		if out.get(k.str) != nil {
			return nil, errAt(k, "duplicate key %q", k.str)
		}
		out.keys = append(out.keys, k.str)
		out.vals = append(out.vals, v)
	}
	return out, nil
}

// mergeInto applies a YAML merge key (<<: *anchor): keys already present win.
func mergeInto(dst, src *node) {
	srcs := []*node{src}
	if src.kind == seqNode {
		srcs = src.items
	}
	for _, s := range srcs {
		if s.kind != mapNode {
			continue
		}
		for i, k := range s.keys {
			if dst.get(k) == nil {
				dst.keys = append(dst.keys, k)
				dst.vals = append(dst.vals, s.vals[i])
			}
		}
	}
}

// yamlError gives a goccy error as "file:line:col: message".
func yamlError(file string, err error) error {
	var ye interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &ye) {
		if t := ye.GetToken(); t != nil && t.Position != nil {
			return fmt.Errorf("%s:%d:%d: %s", file, t.Position.Line, t.Position.Column, ye.GetMessage())
		}
	}
	return fmt.Errorf("%s: %s", file, strings.TrimSpace(yaml.FormatError(err, false, false)))
}
