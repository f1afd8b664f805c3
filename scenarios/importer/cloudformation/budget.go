package cloudformation

import (
	"errors"
	"fmt"
)

// The evaluator's budgets. A template CloudFormation accepts is at most
// 1 MB with 500 resources, and importing the largest real ones stays far
// below each (the 94 KB bookstore template: about 500 steps, 9 KB); a template
// past one is hostile or loops, and gets an error naming the limit and the
// place, never a stack overflow or gigabytes of memory.
const (
	// MaxEvalSteps bounds the nodes evaluated over the whole import (YAML
	// aliases can make a small file describe an exponentially large tree).
	MaxEvalSteps = 200_000
	// MaxEvalDepth bounds nested evaluation: intrinsics inside intrinsics
	// and attributes that read other resources' properties (a chain of
	// GetAtt through all 500 resources a template may have stays below it).
	MaxEvalDepth = 2000
	// MaxStringLen bounds one evaluated string: CloudFormation's whole
	// template body is at most 1 MB.
	MaxStringLen = 1 << 20
	// MaxCollection bounds the items of one evaluated list or mapping
	// (Fn::Split, Fn::Cidr, aliases).
	MaxCollection = 10_000
	// MaxEvalBytes bounds the bytes of strings, lists and mappings the
	// evaluator makes over the whole import.
	MaxEvalBytes = 64 << 20
	// MaxResources is CloudFormation's own limit per template.
	MaxResources = 500
)

// ErrBudget is wrapped by every error that reports an exceeded budget.
var ErrBudget = errors.New("evaluation budget exceeded")

// budget is what one import has spent.
type budget struct {
	steps, depth, bytes int
}

// overBudget is the error for limit name (value) exceeded at n.
func overBudget(n *node, where, name string, value int, what string) error {
	msg := fmt.Sprintf("%s: %s exceeds %s = %d (%s); is the template hostile, or does it loop?", where, what, name, value, ErrBudget)
	if p := n.pos(); p != "" {
		msg = p + ": " + msg
	}
	return fmt.Errorf("%s%w", msg, errNoText{ErrBudget})
}

// errNoText wraps an error for errors.Is without repeating its text.
type errNoText struct{ err error }

func (e errNoText) Error() string { return "" }
func (e errNoText) Unwrap() error { return e.err }

// enter counts one evaluation step at n and one level of depth; leave
// gives the depth back.
func (e *ev) enter(n *node) error {
	b := &e.st.s.budget
	b.steps++
	b.depth++
	switch {
	case b.steps > MaxEvalSteps:
		return overBudget(n, e.where, "MaxEvalSteps", MaxEvalSteps, "evaluation")
	case b.depth > MaxEvalDepth:
		return overBudget(n, e.where, "MaxEvalDepth", MaxEvalDepth, "nesting")
	}
	return nil
}

func (e *ev) leave() { e.st.s.budget.depth-- }

// alloc charges bytes the evaluator is about to allocate at n.
func (e *ev) alloc(n *node, bytes int) error {
	b := &e.st.s.budget
	b.bytes += bytes
	if b.bytes > MaxEvalBytes {
		return overBudget(n, e.where, "MaxEvalBytes", MaxEvalBytes, "memory for evaluated values")
	}
	return nil
}

// checkLen refuses a string of n bytes, or a collection of items, before
// it is made, and charges it.
func (e *ev) checkLen(at *node, strLen, items int) error {
	if strLen > MaxStringLen {
		return overBudget(at, e.where, "MaxStringLen", MaxStringLen, fmt.Sprintf("a string of %d bytes", strLen))
	}
	if items > MaxCollection {
		return overBudget(at, e.where, "MaxCollection", MaxCollection, fmt.Sprintf("a list or mapping of %d items", items))
	}
	return e.alloc(at, strLen+16*items)
}

// textLen is the length asString(v) would have, counted no further than
// limit+1 so that a huge value is not walked to its end.
func textLen(v value, limit int) int {
	switch v := v.(type) {
	case string:
		return len(v)
	case unknown:
		return len(v.text)
	case []value:
		n := max(len(v)-1, 0)
		for _, it := range v {
			if n += textLen(it, limit-n); n > limit {
				return n
			}
		}
		return n
	case *object:
		n := 2
		for _, k := range v.keys {
			if n += len(k) + 4 + textLen(v.vals[k], limit-n); n > limit {
				return n
			}
		}
		return n
	}
	return 0
}
