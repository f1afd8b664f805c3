package cloudformation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Serverless Framework variables: ${self:custom.x}, ${opt:stage, 'dev'},
// ${param:name}, ${sls:stage}, ${aws:region}, ${env:X}, and the sources
// the importer cannot read (cf, ssm, s3, file). Anything else inside ${}
// (${AWS::Region} in a !Sub) is CloudFormation's and is left alone.

// slsSource matches the start of a variable the framework resolves.
var slsSource = regexp.MustCompile(`^(self|opt|env|sls|param|aws|cf(\.[a-z0-9-]+)?|ssm|s3|file\(|strToBool\()`)

// Budgets of variable resolution, as the template evaluator's.
const (
	// MaxVarDepth bounds variables inside variables and self: chains.
	MaxVarDepth = 50
	// MaxVarSteps bounds the variables resolved over one import.
	MaxVarSteps = 100_000
)

// slsResolver resolves the variables of one serverless.yml.
type slsResolver struct {
	file   string
	root   *node
	opts   ServerlessOptions
	stage  string
	chain  []string // self: references being resolved, outermost first
	steps  int
	nodes  int             // nodes copied by resolve
	unread map[string]bool // external variables left for --var, by name
}

// resolve returns n with its variables resolved: a new tree, n untouched.
func (r *slsResolver) resolve(n *node, depth int) (*node, error) {
	if n == nil {
		return nil, nil
	}
	// Aliases share nodes, which the copy visits once per use.
	if r.nodes++; r.nodes > MaxEvalSteps {
		return nil, errAt(n, "serverless: the file expands past MaxEvalSteps = %d nodes (YAML aliases?)", MaxEvalSteps)
	}
	if depth > maxDepth+MaxVarDepth {
		return nil, errAt(n, "serverless: nesting exceeds %d (maxDepth + MaxVarDepth); does a ${self:} reference include itself?", maxDepth+MaxVarDepth)
	}
	switch n.kind {
	case scalarNode:
		return r.scalar(n, depth)
	case seqNode, mapNode:
		out := *n
		var err error
		if out.items, err = r.each(n.items, depth); err != nil {
			return nil, err
		}
		out.vals, err = r.each(n.vals, depth)
		return &out, err
	}
	return n, nil
}

// each resolves a sequence's items or a mapping's values.
func (r *slsResolver) each(ns []*node, depth int) ([]*node, error) {
	if ns == nil {
		return nil, nil
	}
	out := make([]*node, len(ns))
	for i, it := range ns {
		v, err := r.resolve(it, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// scalar resolves the variables of one string. A string that is one
// variable takes the referenced value whole (a list, a mapping).
func (r *slsResolver) scalar(n *node, depth int) (*node, error) {
	s := n.str
	if !strings.Contains(s, "${") {
		return n, nil
	}
	if i, j, ok := varSpan(s, 0); ok && i == 0 && j == len(s) && isSlsVar(s[2:j-1]) {
		return r.variable(n, s[2:j-1], depth)
	}
	var b strings.Builder
	for pos := 0; pos < len(s); {
		i, j, ok := varSpan(s, pos)
		if !ok {
			b.WriteString(s[pos:])
			break
		}
		b.WriteString(s[pos:i])
		pos = j
		inner := s[i+2 : j-1]
		if !isSlsVar(inner) {
			b.WriteString(s[i:j])
			continue
		}
		v, err := r.variable(n, inner, depth)
		if err != nil {
			return nil, err
		}
		if fn, _, isFn := v.fnCall(); isFn || v.kind != scalarNode {
			return nil, errAt(n, "serverless: ${%s} is not a string (%s), so it cannot be part of %q", inner, fnOr(fn, "a list or mapping"), s)
		}
		if b.Len()+len(v.str) > MaxStringLen {
			return nil, errAt(n, "serverless: %q grows past MaxStringLen = %d bytes", s, MaxStringLen)
		}
		b.WriteString(v.str)
	}
	out := *n
	out.str = b.String()
	return &out, nil
}

func fnOr(fn, def string) string {
	if fn != "" {
		return fn
	}
	return def
}

// varSpan finds the next ${...} at or after from, with nested ${} inside:
// s[i:j] is the whole variable.
func varSpan(s string, from int) (i, j int, ok bool) {
	i = strings.Index(s[from:], "${")
	if i < 0 {
		return 0, 0, false
	}
	i += from
	open := 0
	for k := i; k < len(s); k++ {
		switch {
		case strings.HasPrefix(s[k:], "${"):
			open++
			k++
		case s[k] == '}':
			if open--; open == 0 {
				return i, k + 1, true
			}
		}
	}
	return 0, 0, false
}

func isSlsVar(inner string) bool { return slsSource.MatchString(strings.TrimSpace(inner)) }

// variable resolves one ${...} body: "self:custom.x, 'default'".
func (r *slsResolver) variable(at *node, inner string, depth int) (*node, error) {
	if r.steps++; r.steps > MaxVarSteps {
		return nil, errAt(at, "serverless: more than MaxVarSteps = %d variables resolved; do the variables loop?", MaxVarSteps)
	}
	// Variables inside the reference first: ${self:custom.${sls:stage}.vpc}.
	resolvedInner, err := r.scalar(&node{kind: scalarNode, str: inner, file: at.file, line: at.line, col: at.col}, depth+1)
	if err != nil {
		return nil, err
	}
	parts := splitTop(resolvedInner.str)
	ref := strings.TrimSpace(parts[0])
	v, found, err := r.lookup(at, ref, depth)
	if err != nil || found {
		return v, err
	}
	for _, d := range parts[1:] {
		d = strings.TrimSpace(d)
		if q, ok := unquote(d); ok {
			return &node{kind: scalarNode, str: q, file: at.file, line: at.line, col: at.col}, nil
		}
		if v, found, err := r.lookup(at, d, depth); err != nil || found {
			return v, err
		}
		if !slsSource.MatchString(d) && d != "" { // a bare number or word
			return &node{kind: scalarNode, str: d, file: at.file, line: at.line, col: at.col}, nil
		}
	}
	return r.unresolved(at, ref)
}

// unresolved is a variable with no value and no default. Those of
// sources the importer cannot read (cf, ssm, s3, file, env) become an
// unknown value that --var can give, so a placeholder and a warning name
// it; an unset opt, param or self is an error, as the framework refuses to
// deploy with it.
func (r *slsResolver) unresolved(at *node, ref string) (*node, error) {
	src, _, _ := strings.Cut(ref, ":")
	switch {
	case strings.HasPrefix(src, "cf"), src == "ssm", src == "s3", src == "env", strings.HasPrefix(ref, "file("):
		r.unread[ref] = true
		return &node{kind: mapNode, keys: []string{"Fn::ImportValue"}, file: at.file, line: at.line, col: at.col,
			vals: []*node{{kind: scalarNode, str: slsVarPrefix + ref, file: at.file, line: at.line, col: at.col}}}, nil
	}
	return nil, errAt(at, "serverless: ${%s} has no value and no default; the framework refuses to deploy so: give --var '%s=VALUE'", ref, ref)
}

// slsVarPrefix marks an unknown that stands for a Serverless variable, so
// the hint says --var rather than --param.
const slsVarPrefix = "serverless variable "

// lookup resolves one reference; found is false when it has no value.
func (r *slsResolver) lookup(at *node, ref string, depth int) (*node, bool, error) {
	scalar := func(s string) (*node, bool, error) {
		return &node{kind: scalarNode, str: s, file: at.file, line: at.line, col: at.col}, true, nil
	}
	if v, ok := r.opts.Vars[ref]; ok {
		return scalar(v)
	}
	src, addr, _ := strings.Cut(ref, ":")
	switch src {
	case "self":
		return r.self(at, addr, depth)
	case "opt":
		switch addr {
		case "stage":
			if r.opts.Stage != "" {
				return scalar(r.opts.Stage)
			}
		case "region":
			if r.opts.Region != "" {
				return scalar(r.opts.Region)
			}
		}
	case "sls":
		if addr == "stage" {
			return scalar(r.stage)
		}
	case "aws":
		switch addr {
		case "region":
			return scalar(r.region())
		case "accountId":
			return scalar(accountID)
		}
	case "param":
		for _, sec := range []string{r.stage, "default"} {
			if v := r.root.get("params").get(sec).get(addr); v != nil {
				out, err := r.resolve(v, depth+1)
				return out, err == nil, err
			}
		}
	}
	return nil, false, nil
}

// self follows a path of the file ("custom.vpc.subnets", "provider.stage").
func (r *slsResolver) self(at *node, path string, depth int) (*node, bool, error) {
	key := "self:" + path
	if i := slices.Index(r.chain, key); i >= 0 {
		return nil, false, errAt(at, "serverless: variables refer to each other in a loop: %s -> %s", strings.Join(r.chain[i:], " -> "), key)
	}
	n := r.root
	for _, p := range strings.Split(path, ".") {
		if p == "" {
			continue
		}
		if n.kind == seqNode {
			var idx int
			if _, err := fmt.Sscanf(p, "%d", &idx); err != nil || idx < 0 || idx >= len(n.items) {
				return nil, false, nil
			}
			n = n.items[idx]
			continue
		}
		if n = n.get(p); n == nil {
			return nil, false, nil
		}
	}
	r.chain = append(r.chain, key)
	defer func() { r.chain = r.chain[:len(r.chain)-1] }()
	out, err := r.resolve(n, depth+1)
	return out, err == nil, err
}

func (r *slsResolver) region() string {
	if r.opts.Region != "" {
		return r.opts.Region
	}
	if v := r.root.get("provider").get("region"); v != nil && v.kind == scalarNode && !strings.Contains(v.str, "${") {
		return v.str
	}
	return DefaultRegion
}

// splitTop splits a variable body at the commas outside quotes and
// parentheses: "opt:stage, 'dev'" -> ["opt:stage", " 'dev'"].
func splitTop(s string) []string {
	var out []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func unquote(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	return "", false
}
