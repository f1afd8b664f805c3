package cloudformation

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// shortForms maps the YAML short-form tags to the intrinsic they stand for.
var shortForms = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!If": "Fn::If",
	"!Equals": "Fn::Equals", "!Not": "Fn::Not", "!And": "Fn::And",
	"!Or": "Fn::Or", "!FindInMap": "Fn::FindInMap",
	"!ImportValue": "Fn::ImportValue", "!GetAZs": "Fn::GetAZs",
	"!Cidr": "Fn::Cidr", "!Base64": "Fn::Base64", "!Transform": "Fn::Transform",
	"!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
}

// tag turns "!Ref X" into {"Ref": "X"}; YAML's own tags (!!str) are
// dropped; any other tag is an error, as CloudFormation would reject it.
func (c *yamlConv) tag(n *ast.TagNode, depth int) (*node, error) {
	v, err := c.conv(n.Value, depth+1)
	if err != nil {
		return nil, err
	}
	tag := ""
	if n.Start != nil {
		tag = n.Start.Value
	}
	if strings.HasPrefix(tag, "!!") {
		return v, nil
	}
	fn, ok := shortForms[tag]
	if !ok {
		return nil, errAt(c.at(n), "unknown tag %s", tag)
	}
	if fn == "Fn::GetAtt" && v.kind == scalarNode {
		// !GetAtt Res.Attr.Path: the resource is before the first dot.
		res, attr, _ := strings.Cut(v.str, ".")
		a, b := *v, *v
		a.str, b.str = res, attr
		v = &node{kind: seqNode, items: []*node{&a, &b}, file: v.file, line: v.line, col: v.col}
	}
	out := c.at(n)
	out.kind = mapNode
	out.keys = []string{fn}
	out.vals = []*node{v}
	return out, nil
}
