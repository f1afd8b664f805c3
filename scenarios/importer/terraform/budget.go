package terraform

import (
	"errors"
	"fmt"
	"io"

	"github.com/enisim/enisim/internal/inputfile"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// The evaluator's budgets. A configuration is untrusted input: without
// them, a nested join over range(1000) ran for 52 s at 9.8 GB. Each is far
// above what a real network configuration needs (the largest real
// configurations we read use a few hundred steps and strings of a few KB),
// and low enough that the worst input stops in well under a second or two.
const (
	// MaxSourceBytes bounds the .tf and .tfvars bytes one import reads:
	// Terraform's own modules are a few hundred KB.
	MaxSourceBytes = 16 << 20
	// MaxNesting bounds how deeply expressions nest in a file (brackets,
	// and operators and conditionals within one level), checked before the
	// HCL parser recurses into them.
	MaxNesting = 128
	// MaxEvalDepth bounds chains of references (local.a = local.b ...)
	// the evaluator follows, so the Go stack stays small.
	MaxEvalDepth = 256
	// MaxSteps bounds the work of all expressions of one import: each
	// element a for expression iterates over, each function call and
	// each element of a function's arguments is a step. A collection is
	// counted before it is iterated, so nested for expressions stop at
	// the budget, not after it. A step costs up to ~20 µs (converting a
	// tuple for join), so the budget is spent in about two seconds; the real
	// configurations of the realworld folder take under 100.
	MaxSteps = 100_000
	// MaxStringLen bounds one string value (bytes).
	MaxStringLen = 1 << 20
	// MaxCollection bounds the elements of one list, set, map or object
	// a function returns or an expression evaluates to.
	MaxCollection = 100_000
	// MaxSetInput bounds the elements given to the functions whose cost
	// grows with the square of their input (toset, distinct, the set
	// functions): 40,000 elements took toset 30 s.
	MaxSetInput = 4096
	// MaxBytes bounds the bytes of strings and collection elements the
	// functions and string templates of one import produce in total.
	MaxBytes = 64 << 20
	// MaxNumberExp bounds the binary exponent of a number (float64's
	// range, about 1e308): writing 1e100000000 as a string took minutes.
	MaxNumberExp = 1024
)

// errBudget marks an import stopped by one of the budgets above.
var errBudget = errors.New("over the evaluation budget")

// budget is what one import has spent. The first budget exceeded is
// kept as the import's error; evaluation stops there.
type budget struct {
	steps, bytes, read int64
	// tripped is the first budget a function exceeded, before the
	// evaluator knows where; fatal is the import's error, with the
	// position.
	tripped, fatal error
}

// readLimited reads a file within what is left of MaxSourceBytes.
func (b *budget) readLimited(path string) ([]byte, error) {
	// inputfile refuses a FIFO before opening it (an open would block
	// until something writes to it), and a file swapped after the check.
	f, err := inputfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	left := MaxSourceBytes - b.read
	data, err := io.ReadAll(io.LimitReader(f, left+1))
	if err != nil {
		return nil, err
	}
	b.read += int64(len(data))
	if b.read > MaxSourceBytes {
		return nil, fmt.Errorf("%s: the configuration's files exceed the limit MaxSourceBytes = %d bytes: %w", path, MaxSourceBytes, errBudget)
	}
	return data, nil
}

// stepFunc is the name of the function the loader wraps around the
// collection of every for expression, so its elements are counted
// against MaxSteps before they are iterated.
const stepFunc = "enisim_for_budget"

// countFors wraps the collection of each for expression in body.
func countFors(body *hclsyntax.Body) {
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if fe, ok := n.(*hclsyntax.ForExpr); ok {
			r := fe.CollExpr.Range()
			fe.CollExpr = &hclsyntax.FunctionCallExpr{Name: stepFunc, Args: []hclsyntax.Expression{fe.CollExpr},
				NameRange: r, OpenParenRange: r, CloseParenRange: r}
		}
		return nil
	})
}

// forBudget is stepFunc: the identity, counting the elements.
func (b *budget) forBudget() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "collection", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			if b.tripped != nil {
				return cty.DynamicVal, b.tripped
			}
			if v.IsKnown() && !v.IsNull() && v.CanIterateElements() {
				n := int64(v.LengthInt())
				if b.steps+n > MaxSteps {
					return cty.DynamicVal, b.trip(fmt.Errorf("for expressions iterate more than MaxSteps = %d elements: %w", MaxSteps, errBudget))
				}
				b.steps += n
			}
			return v, nil
		},
	})
}

// quadratic are the functions whose cost grows with the square of their
// input, checked against MaxSetInput before they run.
var quadratic = map[string]bool{
	"toset": true, "distinct": true, "setunion": true, "setintersection": true,
	"setsubtract": true, "setproduct": true,
}

// limited wraps f: a step per call and per element of its arguments,
// counted before cty converts the arguments (converting a tuple of mixed
// element types to a list is quadratic in cty), MaxSetInput and a
// quadratic charge for the set functions, and the size of the result
// against MaxStringLen, MaxCollection and MaxBytes.
func (b *budget) limited(name string, f function.Function) function.Function {
	dyn := func(p function.Parameter) function.Parameter {
		p.Type, p.AllowDynamicType = cty.DynamicPseudoType, true
		return p
	}
	var params []function.Parameter
	for _, p := range f.Params() {
		params = append(params, dyn(p))
	}
	var varParam *function.Parameter
	if vp := f.VarParam(); vp != nil {
		d := dyn(*vp)
		varParam = &d
	}
	return function.New(&function.Spec{
		Params:   params,
		VarParam: varParam,
		// The wrapped function converts and type-checks its arguments in
		// Call, after the budget is charged; the wrapper's type is any.
		Type: func(args []cty.Value) (cty.Type, error) {
			return cty.DynamicPseudoType, b.spend(name, args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			// HCL converts arguments to the parameters' types before a call;
			// the wrapper's are any, so it converts them here, once charged.
			args, err := convertArgs(f, args)
			if err != nil {
				return cty.DynamicVal, err
			}
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			if err := b.charge(v, true); err != nil {
				return cty.DynamicVal, b.trip(err)
			}
			return v, nil
		},
	})
}

// convertArgs converts args to the types of f's parameters.
func convertArgs(f function.Function, args []cty.Value) ([]cty.Value, error) {
	out := make([]cty.Value, len(args))
	params := f.Params()
	for i, a := range args {
		var ty cty.Type
		switch {
		case i < len(params):
			ty = params[i].Type
		case f.VarParam() != nil:
			ty = f.VarParam().Type
		default:
			return nil, fmt.Errorf("too many arguments")
		}
		v, err := convert.Convert(a, ty)
		if err != nil {
			return nil, function.NewArgError(i, err)
		}
		out[i] = v
	}
	return out, nil
}

// spend charges one call of the function name with args.
func (b *budget) spend(name string, args []cty.Value) error {
	if b.tripped != nil {
		return b.tripped
	}
	n := int64(elements(args))
	cost := 1 + n
	if quadratic[name] {
		if n > MaxSetInput {
			return b.trip(fmt.Errorf("%s of %d elements exceeds the limit MaxSetInput = %d: %w", name, n, MaxSetInput, errBudget))
		}
		cost += n * n / 16 // the pairs it compares, at ~16 per step (a pair of cty values takes ~0.3 µs)
	}
	if err := b.outputFits(name, args); err != nil {
		return b.trip(err)
	}
	if b.steps+cost > MaxSteps {
		return b.trip(fmt.Errorf("more than MaxSteps = %d steps (function calls, their arguments' elements, for elements): %w", MaxSteps, errBudget))
	}
	b.steps += cost
	return nil
}

// elements is the number of elements of the known collections in args.
func elements(args []cty.Value) int {
	n := 0
	for _, a := range args {
		if a.IsKnown() && !a.IsNull() && a.CanIterateElements() {
			n += a.LengthInt()
		}
	}
	return n
}

func (b *budget) trip(err error) error {
	if b.tripped == nil {
		b.tripped = err
	}
	return err
}

// charge checks v against MaxStringLen and MaxCollection and, when
// produced by a function, counts it against MaxBytes.
func (b *budget) charge(v cty.Value, produced bool) error {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.Number:
		return checkNumber(v)
	case ty == cty.String:
		n := int64(len(v.AsString()))
		if n > MaxStringLen {
			return fmt.Errorf("a string of %d bytes exceeds the limit MaxStringLen = %d: %w", n, MaxStringLen, errBudget)
		}
		if produced {
			b.bytes += n
		}
	case v.CanIterateElements():
		n := int64(v.LengthInt())
		if n > MaxCollection {
			return fmt.Errorf("a collection of %d elements exceeds the limit MaxCollection = %d: %w", n, MaxCollection, errBudget)
		}
		if produced {
			b.bytes += 16 * n
		}
	}
	if b.bytes > MaxBytes {
		return fmt.Errorf("functions produced more than MaxBytes = %d bytes: %w", MaxBytes, errBudget)
	}
	return nil
}

// checkNumber refuses a number beyond MaxNumberExp.
func checkNumber(v cty.Value) error {
	f := v.AsBigFloat()
	if f.IsInf() {
		return nil
	}
	if e := f.MantExp(nil); e > MaxNumberExp || e < -MaxNumberExp {
		return fmt.Errorf("a number of binary exponent %d exceeds the limit MaxNumberExp = %d: %w", e, MaxNumberExp, errBudget)
	}
	return nil
}

// checkLiterals refuses number literals beyond MaxNumberExp before any
// of them is evaluated (a template turns one into a string at once).
func checkLiterals(body *hclsyntax.Body) error {
	var first error
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok && first == nil && lit.Val.Type() == cty.Number && lit.Val.IsKnown() && !lit.Val.IsNull() {
			if err := checkNumber(lit.Val); err != nil {
				first = fmt.Errorf("%s: %w", posString(lit.SrcRange), err)
			}
		}
		return nil
	})
	return first
}

// checkNumbers is checkNumber over every number inside v (a value read
// from a variable file or a -var).
func checkNumbers(v cty.Value) error {
	var first error
	_ = cty.Walk(v, func(_ cty.Path, e cty.Value) (bool, error) {
		if first == nil && e.IsKnown() && !e.IsNull() && e.Type() == cty.Number {
			first = checkNumber(e)
		}
		return first == nil, nil
	})
	return first
}
