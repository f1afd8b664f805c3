package terraform

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// maxInstances bounds count and for_each, so a typo such as count = 1e9
// cannot exhaust memory.
const maxInstances = 1000

// expansion is the instances of a resource, data source or dynamic block.
type expansion struct {
	known  bool
	why    []string // when not known
	mode   iterMode
	scopes []scope
}

// expand evaluates the count or for_each of rc.
func (im *imp) expand(in *instance, rc *resourceConfig) *expansion {
	key := in.addr(rc.addr())
	if ex, ok := im.expansions[key]; ok {
		if ex == nil {
			return &expansion{why: []string{"the count or for_each of " + key + " refers to itself"}}
		}
		return ex
	}
	im.expansions[key] = nil
	ex := im.expandBody(rc.body, scope{in: in}, key)
	im.expansions[key] = ex
	return ex
}

// expandBody evaluates the count or for_each argument of body in sc.
func (im *imp) expandBody(body *hclsyntax.Body, sc scope, addr string) *expansion {
	if a := body.Attributes["count"]; a != nil {
		return im.expandCount(im.eval(a.Expr, sc), a.Expr.Range(), sc, addr)
	}
	if a := body.Attributes["for_each"]; a != nil {
		return im.expandEach(im.eval(a.Expr, sc), a.Expr.Range(), sc, addr)
	}
	return &expansion{known: true, scopes: []scope{sc}}
}

// expandCount makes count's instances. A count Terraform rejects (not a
// number, negative, fractional, null) stops the import with its position.
func (im *imp) expandCount(r result, at hcl.Range, sc scope, addr string) *expansion {
	if !r.v.IsKnown() {
		return &expansion{why: append(r.why, "the count of "+addr+" is unknown")}
	}
	v, err := convert.Convert(r.v, cty.Number)
	if err != nil || v.IsNull() {
		im.fail(at, fmt.Errorf("the count of %s must be a whole number >= 0, not %s: %w", addr, describeValue(r.v), errInvalid))
		return &expansion{why: []string{"the count of " + addr + " is not a number"}}
	}
	n, acc := v.AsBigFloat().Int64()
	if acc != big.Exact || n < 0 {
		im.fail(at, fmt.Errorf("the count of %s must be a whole number >= 0, not %s: %w", addr, v.AsBigFloat().String(), errInvalid))
		return &expansion{why: []string{fmt.Sprintf("the count of %s is not a whole number >= 0", addr)}}
	}
	if n > maxInstances {
		im.warn(addr, "count", fmt.Sprintf("count = %d; only the first %d instances are imported", n, maxInstances), "")
		n = maxInstances
	}
	ex := &expansion{known: true, mode: iterCount}
	for i := range n {
		s := sc
		s.mode, s.key, s.value = iterCount, cty.NumberIntVal(i), cty.NilVal
		ex.scopes = append(ex.scopes, s)
	}
	return ex
}

// expandEach makes for_each's instances; a value Terraform rejects (not
// a map or a set of strings) stops the import with its position.
func (im *imp) expandEach(r result, at hcl.Range, sc scope, addr string) *expansion {
	v := r.v
	if !v.IsWhollyKnown() {
		return &expansion{why: append(r.why, "the for_each of "+addr+" is unknown")}
	}
	ty := v.Type()
	if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) {
		im.fail(at, fmt.Errorf("the for_each of %s must be a map or a set of strings, not %s (wrap a list in toset()): %w", addr, describeValue(v), errInvalid))
		return &expansion{why: []string{"the for_each of " + addr + " is not a map or a set (Terraform wants toset() around a list)"}}
	}
	ex := &expansion{known: true, mode: iterEach}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if ty.IsSetType() {
			sk, err := convert.Convert(ev, cty.String)
			if err != nil || sk.IsNull() {
				im.fail(at, fmt.Errorf("the for_each set of %s has an element that is not a string: %w", addr, errInvalid))
				return &expansion{why: []string{"the for_each set of " + addr + " has an element that is not a string"}}
			}
			k = sk
		}
		if len(ex.scopes) == maxInstances {
			im.warn(addr, "for_each", fmt.Sprintf("only the first %d instances are imported", maxInstances), "")
			break
		}
		s := sc
		s.mode, s.key, s.value = iterEach, k, ev
		ex.scopes = append(ex.scopes, s)
	}
	return ex
}

// nestedBlock is one block of a given type in a body, static or produced
// by a dynamic block, with the scope its content is evaluated in.
type nestedBlock struct {
	body *hclsyntax.Body
	sc   scope
}

// blocks returns the blocks of type typ in body, expanding
// `dynamic "typ"` blocks; why says what kept a dynamic block unknown.
func (im *imp) blocks(body *hclsyntax.Body, typ string, sc scope, addr string) ([]nestedBlock, []string) {
	var out []nestedBlock
	var why []string
	for _, b := range body.Blocks {
		switch {
		case b.Type == typ:
			out = append(out, nestedBlock{b.Body, sc})
		case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ:
			got, w := im.dynamic(b, sc, addr)
			out = append(out, got...)
			why = append(why, w...)
		}
	}
	return out, why
}

// dynamic expands one dynamic block: for_each over its collection, with
// the iterator (named by the iterator argument, else the block type)
// bound to {key, value}.
func (im *imp) dynamic(b *hclsyntax.Block, sc scope, addr string) ([]nestedBlock, []string) {
	var content *hclsyntax.Body
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c.Body
		}
	}
	fe := b.Body.Attributes["for_each"]
	if content == nil || fe == nil {
		return nil, nil
	}
	iter := b.Labels[0]
	if a := b.Body.Attributes["iterator"]; a != nil {
		if tr, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); ok && len(tr.Traversal) == 1 {
			iter = tr.Traversal.RootName()
		}
	}
	r := im.eval(fe.Expr, sc)
	if !r.v.IsWhollyKnown() || r.v.IsNull() || !r.v.CanIterateElements() {
		return nil, append(r.why, "the for_each of dynamic \""+b.Labels[0]+"\" in "+addr+" is unknown")
	}
	var out []nestedBlock
	for it := r.v.ElementIterator(); it.Next() && len(out) < maxInstances; {
		k, v := it.Element()
		s := sc
		s.iters = map[string]cty.Value{}
		for n, iv := range sc.iters {
			s.iters[n] = iv
		}
		s.iters[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		out = append(out, nestedBlock{content, s})
	}
	return out, nil
}

// sortedAttrs is body's attributes by name, for a deterministic order.
func sortedAttrs(body *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// describeValue names a value's type for an error, with the value when it
// is a short known string.
func describeValue(v cty.Value) string {
	if v.IsNull() {
		return "null"
	}
	if s := knownString(v); s != "" && len(s) <= 40 {
		return fmt.Sprintf("the string %q", s)
	}
	return "a " + v.Type().FriendlyName()
}
