package terraform

import (
	"regexp"
	"slices"
	"strings"
)

// Values in plan JSON are decoded as encoding/json does (string, float64,
// bool, []any, map[string]any); these read them.

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strOr(v any, def string) string {
	if s := str(v); s != "" {
		return s
	}
	return def
}

// strs is the non-empty strings of a list ("" is what a plan holds for a
// blanked value).
func strs(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, e := range l {
		if s := str(e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// constant is an expression's constant_value when it is a string.
func constant(expr any) (string, bool) {
	m, _ := expr.(map[string]any)
	s, ok := m["constant_value"].(string)
	return s, ok
}

// references are an expression's references ("aws_security_group.x.id",
// "var.subnets").
func references(expr any) []string {
	m, _ := expr.(map[string]any)
	return strs(m["references"])
}

// unknownBlock is the after_unknown of the first block of a nested block
// attribute (vpc_config), or nil when nothing in it is unknown.
func (pi *planImport) unknownBlock(addr, block string) map[string]any {
	u := pi.unknown[addr][block]
	if l, ok := u.([]any); ok && len(l) > 0 {
		m, _ := l[0].(map[string]any)
		for k, v := range m {
			if v == false {
				delete(m, k)
			}
		}
		if len(m) > 0 {
			return m
		}
	}
	return nil
}

// expression finds the configuration expression of a resource's argument;
// path is "vpc_id" or "vpc_config.subnet_ids" (first block).
func (pi *planImport) expression(addr, path string) (expr any, module string) {
	base := instanceKey.ReplaceAllString(addr, "")
	c := pi.config[base]
	if c == nil {
		return nil, ""
	}
	module = moduleOf(base)
	var cur any = c.Expressions
	for _, step := range strings.Split(path, ".") {
		m, _ := cur.(map[string]any)
		cur = m[step]
		if l, ok := cur.([]any); ok && len(l) > 0 {
			cur = l[0]
		}
	}
	return cur, module
}

var instanceKey = regexp.MustCompile(`\[[^\]]*\]`)

// moduleOf is the module path of a resource address ("" for the root).
func moduleOf(addr string) string {
	parts := strings.Split(addr, ".")
	n := 0
	for n+1 < len(parts) && parts[n] == "module" {
		n += 2
	}
	return strings.Join(parts[:n], ".")
}

// refIDs resolves the references of a resource's argument to scenario ids
// of VPCs, subnets and security groups, or to the strings a data source
// holds (data.aws_subnet_ids.x.ids).
func (pi *planImport) refIDs(addr, path string) []string {
	expr, module := pi.expression(addr, path)
	return pi.resolve(module, references(expr), 0)
}

// refValues resolves references to the attribute attr of the resources
// they name (a role's arn).
func (pi *planImport) refValues(addr, path, attr string) []string {
	expr, module := pi.expression(addr, path)
	var out []string
	for _, target := range pi.targets(module, references(expr), 0) {
		if id, ok := pi.idOf[target]; ok && attr == "arn" {
			out = append(out, id)
		} else if r := pi.res[target]; r != nil && str(r.Values[attr]) != "" {
			out = append(out, str(r.Values[attr]))
		}
	}
	return dedupe(out)
}

// maxRefDepth bounds how many module calls a var. reference is followed up.
const maxRefDepth = 16

// resolve maps references to ids, once per resource.
func (pi *planImport) resolve(module string, refs []string, depth int) []string {
	var out []string
	for _, target := range pi.targets(module, refs, depth) {
		if id, ok := pi.idOf[target]; ok {
			out = append(out, id)
			continue
		}
		if r := pi.res[target]; r != nil {
			out = append(out, strs(r.Values["ids"])...)
		}
	}
	return dedupe(out)
}

// targets are the resource addresses (with instance keys) that refs name,
// following var. references up through the module calls.
func (pi *planImport) targets(module string, refs []string, depth int) []string {
	var out []string
	for _, ref := range refs {
		if name, ok := strings.CutPrefix(ref, "var."); ok && module != "" && depth < maxRefDepth {
			call := pi.calls[module]
			name, _, _ = strings.Cut(name, ".")
			parent := strings.TrimSuffix(strings.TrimSuffix(module, lastCall(module)), ".")
			out = append(out, pi.targets(parent, references(call.Expressions[name]), depth+1)...)
			continue
		}
		base := resourceOfRef(ref)
		if base == "" {
			continue
		}
		full := joinAddr(module, base)
		for _, a := range pi.order {
			if a == full || (strings.HasPrefix(a, full+"[") && instanceKey.ReplaceAllString(a, "") == full) {
				if !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// lastCall is "module.b" of "module.a.module.b".
func lastCall(module string) string {
	i := strings.LastIndex(module, "module.")
	return module[i:]
}

// resourceOfRef is the resource address a reference names
// ("aws_security_group.x.id" -> "aws_security_group.x",
// "data.aws_subnet_ids.p.ids" -> "data.aws_subnet_ids.p"), or "".
func resourceOfRef(ref string) string {
	ref = instanceKey.ReplaceAllString(ref, "")
	parts := strings.Split(ref, ".")
	switch {
	case parts[0] == "data" && len(parts) >= 3:
		return strings.Join(parts[:3], ".")
	case strings.HasPrefix(parts[0], "aws_") && len(parts) >= 2:
		return strings.Join(parts[:2], ".")
	}
	return ""
}
