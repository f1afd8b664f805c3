package terraform

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The checks below run before a function or template builds its result,
// for results that can be far larger than their inputs: a list of a
// thousand references to one 1 MiB string is small in memory, and join
// over it is a gigabyte.

// outputFits refuses a call whose result would exceed MaxStringLen or
// MaxCollection, estimated from its arguments.
func (b *budget) outputFits(name string, args []cty.Value) error {
	limit := func(what string, n, max int64) error {
		if n > max {
			return fmt.Errorf("%s would make %s of %d, more than the limit %s: %w", name, what, n, limitOf(what, max), errBudget)
		}
		return nil
	}
	switch name {
	case "join", "format", "formatlist", "jsonencode", "tostring", "chomp", "upper", "lower", "title", "trimspace":
		return limit("a string", b.deepBytes(args, MaxStringLen), MaxStringLen)
	case "indent":
		if len(args) == 2 && known(args[0]) && known(args[1]) && args[1].Type() == cty.String {
			n, _ := args[0].AsBigFloat().Int64()
			s := args[1].AsString()
			return limit("a string", max(n, 0)*int64(strings.Count(s, "\n")+1)+int64(len(s)), MaxStringLen)
		}
	case "replace":
		if len(args) == 3 && known(args[0]) && known(args[1]) && known(args[2]) {
			return limit("a string", replacedLen(args[0].AsString(), args[1].AsString(), args[2].AsString()), MaxStringLen)
		}
	case "setproduct":
		n := int64(1)
		for _, a := range args {
			if known(a) && a.CanIterateElements() {
				n *= int64(max(a.LengthInt(), 1))
				if n > MaxCollection {
					break
				}
			}
		}
		return limit("a collection", n, MaxCollection)
	case "flatten":
		return limit("a collection", b.deepElements(args, MaxCollection), MaxCollection)
	}
	return nil
}

func limitOf(what string, max int64) string {
	if what == "a string" {
		return fmt.Sprintf("MaxStringLen = %d bytes", max)
	}
	return fmt.Sprintf("MaxCollection = %d elements", max)
}

func known(v cty.Value) bool { return v.IsKnown() && !v.IsNull() }

// replacedLen is the length of replace(s, sub, rep): by substring, or by
// regular expression when sub is /.../.
func replacedLen(s, sub, rep string) int64 {
	var n int
	if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
		re, err := regexp.Compile(sub[1 : len(sub)-1])
		if err != nil {
			return 0
		}
		n = len(re.FindAllStringIndex(s, -1))
	} else if sub != "" {
		n = strings.Count(s, sub)
	}
	return int64(len(s)) + int64(n)*int64(len(rep))
}

// deepBytes is the bytes of the strings in args, counting a value each
// time it is referred to, stopping past limit; the elements it walks are
// charged as steps.
func (b *budget) deepBytes(args []cty.Value, limit int64) int64 {
	var total int64
	for _, a := range args {
		b.walk(a, func(v cty.Value) bool {
			if v.Type() == cty.String {
				total += int64(len(v.AsString()))
			} else {
				total += 8 // punctuation and numbers
			}
			return total <= limit
		})
	}
	return total
}

// deepElements is the number of elements nested in args, past limit.
func (b *budget) deepElements(args []cty.Value, limit int64) int64 {
	var total int64
	for _, a := range args {
		b.walk(a, func(cty.Value) bool { total++; return total <= limit })
	}
	return total
}

// walk visits v and what it holds, depth first, while visit says so;
// each value visited is a step.
func (b *budget) walk(v cty.Value, visit func(cty.Value) bool) bool {
	if !known(v) {
		return true
	}
	if b.steps >= MaxSteps {
		return false // spend refuses the call: no steps are left
	}
	b.steps++
	if !visit(v) {
		return false
	}
	if v.CanIterateElements() {
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); !b.walk(e, visit) {
				return false
			}
		}
	}
	return true
}

// chargeFunc is the name of the function the loader wraps around each
// interpolation of a string template, so its bytes count against
// MaxBytes before the template joins them.
const chargeFunc = "enisim_template_budget"

// countTemplates wraps the interpolations of each template in body.
func countTemplates(body *hclsyntax.Body) {
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if te, ok := n.(*hclsyntax.TemplateExpr); ok && !te.IsStringLiteral() {
			for i, p := range te.Parts {
				if _, lit := p.(*hclsyntax.LiteralValueExpr); !lit {
					r := p.Range()
					te.Parts[i] = &hclsyntax.FunctionCallExpr{Name: chargeFunc, Args: []hclsyntax.Expression{p},
						NameRange: r, OpenParenRange: r, CloseParenRange: r}
				}
			}
		}
		return nil
	})
}

// templateBudget is chargeFunc: the identity, charging a string's bytes.
func (b *budget) templateBudget() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "part", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if b.tripped != nil {
				return cty.DynamicVal, b.tripped
			}
			if v := args[0]; known(v) && v.Type() == cty.String {
				if b.bytes += int64(len(v.AsString())); b.bytes > MaxBytes {
					return cty.DynamicVal, b.trip(fmt.Errorf("string templates and functions made more than MaxBytes = %d bytes: %w", MaxBytes, errBudget))
				}
			}
			return args[0], nil
		},
	})
}
