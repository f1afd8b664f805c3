package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

var ctyString = cty.String

// result is an evaluated value and, when it is not wholly known, what made
// it so ("var.x has no value", "data.aws_vpc.y is read from AWS").
type result struct {
	v   cty.Value
	why []string
}

func unknown(why ...string) result { return result{v: cty.DynamicVal, why: why} }

// reasons collects the why of the values an expression used.
type reasons map[string]bool

func (r reasons) add(why ...string) {
	for _, w := range why {
		r[w] = true
	}
}

func (r reasons) list() []string {
	out := make([]string, 0, len(r))
	for w := range r {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// finish attaches the reasons to v only when v needs them.
func finish(v cty.Value, why reasons) result {
	if v.IsWhollyKnown() {
		return result{v: v}
	}
	return result{v: v, why: why.list()}
}

// explain is the reasons as one phrase for a warning.
func explain(why []string) string {
	if len(why) == 0 {
		return "unknown before apply"
	}
	const max = 4
	if len(why) > max {
		return strings.Join(why[:max], "; ") + fmt.Sprintf("; and %d more", len(why)-max)
	}
	return strings.Join(why, "; ")
}

// iterMode says which of count and each a scope binds.
type iterMode int

const (
	iterNone iterMode = iota
	iterCount
	iterEach
)

// scope is where an expression is evaluated: a module instance, the
// count.index or each.key/each.value of a resource instance, and the
// iterators of dynamic blocks.
type scope struct {
	in    *instance
	mode  iterMode
	key   cty.Value
	value cty.Value
	iters map[string]cty.Value
}

// memoEntry caches one named value; busy marks it under evaluation, to
// catch references that go round in a cycle.
type memoEntry struct {
	busy bool
	res  result
}

func (im *imp) memo(key string, f func() result) result {
	if e, ok := im.cache[key]; ok {
		if e.busy {
			im.warn(key, "", "refers to itself (a cycle); taken as unknown", "")
			return unknown("cycle through " + key)
		}
		return e.res
	}
	e := &memoEntry{busy: true}
	im.cache[key] = e
	e.res = f()
	e.busy = false
	return e.res
}

// eval evaluates expr in sc, looking up only what expr refers to.
func (im *imp) eval(expr hcl.Expression, sc scope) result {
	if expr == nil {
		return result{v: cty.NullVal(cty.DynamicPseudoType)}
	}
	if im.b.fatal != nil {
		return unknown("the import stopped: " + im.b.fatal.Error())
	}
	if im.depth >= MaxEvalDepth {
		im.fail(expr.Range(), fmt.Errorf("references nest deeper than the limit MaxEvalDepth = %d: %w", MaxEvalDepth, errBudget))
		return unknown("references nest too deep")
	}
	im.depth++
	defer func() { im.depth-- }()
	ctx, why := im.context(expr, sc)
	v, diags := safeValue(expr, ctx)
	if im.b.tripped != nil {
		// Also when try() or can() swallowed the error.
		im.fail(expr.Range(), im.b.tripped)
		return unknown("over budget")
	}
	if diags.HasErrors() {
		if err := strictError(diags); err != nil {
			im.fail(expr.Range(), err)
			return unknown("invalid")
		}
		why.add(firstError(diags))
		v = cty.DynamicVal
	}
	if err := im.b.charge(v, false); err != nil {
		im.fail(expr.Range(), err)
		return unknown("over budget")
	}
	if !v.IsWhollyKnown() && len(why) == 0 {
		why.add(refsKnownAfterApply(expr))
	}
	return finish(v, why)
}

// refsKnownAfterApply explains an unknown value that no variable or data
// source made unknown: it came from attributes AWS computes at apply time.
func refsKnownAfterApply(expr hcl.Expression) string {
	seen := map[string]bool{}
	var refs []string
	for _, tr := range expr.Variables() {
		r := tr.RootName()
		if n, ok := attrStep(tr, 1); ok {
			r += "." + n
		}
		if !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	if len(refs) == 0 {
		return "known only after apply"
	}
	sort.Strings(refs)
	return "depends on " + strings.Join(refs, ", ") + ", known only after apply"
}

// safeValue is expr.Value, with a panic in a function turned into an error:
// the input is untrusted, and one bad expression must not stop the import.
func safeValue(expr hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			v = cty.DynamicVal
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("evaluation failed: %v", r), Subject: expr.Range().Ptr()}}
		}
	}()
	return expr.Value(ctx)
}

func firstError(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			msg := d.Summary
			if d.Detail != "" {
				// Only the first line: a panic in a function carries a stack.
				detail, _, _ := strings.Cut(d.Detail, "\n")
				msg += ": " + detail
			}
			if d.Subject != nil {
				msg = posString(*d.Subject) + ": " + msg
			}
			return msg
		}
	}
	return "evaluation failed"
}

// context builds the variables expr refers to, and only those: evaluating
// everything would warn about values the layout never needs.
func (im *imp) context(expr hcl.Expression, sc scope) (*hcl.EvalContext, reasons) {
	why := reasons{}
	vars := map[string]cty.Value{}
	objs := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	put := func(m map[string]map[string]cty.Value, k1, k2 string, r result) {
		if m[k1] == nil {
			m[k1] = map[string]cty.Value{}
		}
		m[k1][k2] = r.v
		why.add(r.why...)
	}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if v, ok := sc.iters[root]; ok {
			vars[root] = v
			continue
		}
		name, ok := attrStep(tr, 1)
		switch root {
		case "count", "each", "path", "terraform", "self":
			vars[root] = im.special(root, sc, why)
		case "var", "local", "module":
			if ok {
				put(objs, root, name, im.lookup(sc.in, root, name))
			}
		case "data":
			rname, ok2 := attrStep(tr, 2)
			if ok && ok2 {
				put(data, name, rname, im.dataValue(sc.in, name, rname))
			}
		default:
			if ok {
				put(objs, root, name, im.resourceValue(sc.in, root, name))
			}
		}
	}
	for root, m := range objs {
		vars[root] = cty.ObjectVal(m)
	}
	if len(data) > 0 {
		d := map[string]cty.Value{}
		for typ, m := range data {
			d[typ] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	return &hcl.EvalContext{Variables: vars, Functions: im.funcs}, why
}

// attrStep is the name of the i-th step of tr when it is an attribute.
func attrStep(tr hcl.Traversal, i int) (string, bool) {
	if i >= len(tr) {
		return "", false
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name, true
	}
	return "", false
}

// special is the value of the count, each, path, terraform and self roots.
func (im *imp) special(root string, sc scope, why reasons) cty.Value {
	switch root {
	case "count":
		if sc.mode == iterCount {
			return cty.ObjectVal(map[string]cty.Value{"index": sc.key})
		}
	case "each":
		if sc.mode == iterEach {
			return cty.ObjectVal(map[string]cty.Value{"key": sc.key, "value": sc.value})
		}
	case "path":
		dir := "."
		if sc.in.cfg != nil {
			dir = sc.in.cfg.dir
		}
		return cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(dir), "root": cty.StringVal(im.root.cfg.dir), "cwd": cty.StringVal("."),
		})
	case "terraform":
		return cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
	}
	why.add(root + " has no value here")
	return cty.DynamicVal
}

// lookup is var.name, local.name or module.name in the instance in.
func (im *imp) lookup(in *instance, root, name string) result {
	return im.memo(in.addr(root+"."+name), func() result {
		switch root {
		case "var":
			return im.variable(in, name)
		case "local":
			return im.local(in, name)
		}
		return im.moduleValue(in, name)
	})
}
