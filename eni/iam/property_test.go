package iam

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// policyGen builds random policy documents: mostly well-formed statements
// with random wildcard patterns and condition blocks, sometimes nested
// values, unknown operators, huge numbers or far too many statements.
type policyGen struct {
	r     *rand.Rand
	depth int // deepest nesting written into the current document
}

func (g *policyGen) pattern() string {
	parts := []string{"a", "b", "ec2", ":", "*", "?", "*a", "function", "é"}
	var b strings.Builder
	for range g.r.IntN(12) {
		b.WriteString(parts[g.r.IntN(len(parts))])
	}
	if g.r.IntN(20) == 0 { // a long pathological pattern
		b.WriteString(strings.Repeat("a*", 200) + "b")
	}
	return b.String()
}

func (g *policyGen) value(d int) string {
	g.depth = max(g.depth, d)
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf("%g", g.r.NormFloat64()*1e300)
	case 1:
		return "true"
	case 2:
		if d < 40 {
			return `{"x":` + g.value(d+1) + `}`
		}
	case 3:
		if d < 40 {
			return "[" + g.value(d+1) + "," + g.value(d+1) + "]"
		}
	}
	return fmt.Sprintf("%q", g.pattern())
}

var genOperators = []string{"StringLike", "StringNotLike", "ArnLike", "ArnNotEquals", "StringEqualsIgnoreCase",
	"ForAllValues:StringLike", "ForAnyValue:ArnLike", "NumericLessThan", "NumericEqualsIfExists", "Null",
	"Bool", "StringLikeIfExists", "Bogus", "ForSome:StringLike"}

func (g *policyGen) condition() string {
	var ops []string
	for range g.r.IntN(4) {
		var keys []string
		for range 1 + g.r.IntN(3) {
			keys = append(keys, fmt.Sprintf("%q:%s", []string{"k", "lambda:SubnetIds", "n", "K"}[g.r.IntN(4)], g.value(5)))
		}
		ops = append(ops, fmt.Sprintf("%q:{%s}", genOperators[g.r.IntN(len(genOperators))], strings.Join(keys, ",")))
	}
	return "{" + strings.Join(ops, ",") + "}"
}

func (g *policyGen) document() string {
	g.depth = 0
	n := 1 + g.r.IntN(4)
	if g.r.IntN(25) == 0 {
		n = 250 // beyond what 10,240 characters hold
	}
	sts := make([]string, n)
	for i := range sts {
		st := fmt.Sprintf(`{"Effect":%q,"Action":%q,"Resource":[%q,%q]`,
			[]string{"Allow", "Deny"}[g.r.IntN(2)], g.pattern(), g.pattern(), "arn:aws:lambda:*:*:function:"+g.pattern())
		if g.r.IntN(2) == 0 {
			st += `,"Condition":` + g.condition()
		}
		sts[i] = st + "}"
	}
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + "]}"
}

// TestRandomPoliciesStayInBudget: every generated document is refused with
// a *ParseError or parsed and decided; one over the size or depth budget
// is always refused, and every wildcard match the decision needed stays
// within len(value) times the pattern.
func TestRandomPoliciesStayInBudget(t *testing.T) {
	g := &policyGen{r: rand.New(rand.NewPCG(12, 2))}
	reqs := []Request{
		{Action: "ec2:CreateNetworkInterface", Resource: "*"},
		{Action: "lambda:CreateFunction", Resource: FunctionARN(strings.Repeat("a", 500)),
			Context: map[string][]string{"k": {strings.Repeat("ab", 300)}, "lambda:SubnetIds": {"subnet-a", "b"}, "n": {"5"}}},
	}
	parsed, refused := 0, 0
	for i := range 1000 {
		doc := g.document()
		p, err := Parse([]byte(doc))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Msg == "" {
				t.Fatalf("doc %d: %T %v", i, err, err)
			}
			refused++
			continue
		}
		if chars([]byte(doc)) > MaxPolicyChars || g.depth+1 > maxDepth {
			t.Fatalf("doc %d accepted: %d characters, depth %d", i, chars([]byte(doc)), g.depth+1)
		}
		parsed++
		for _, req := range reqs {
			d := Evaluate([]*Policy{p}, req)
			if d.Outcome < ImplicitDeny || d.Outcome > ExplicitDeny {
				t.Fatalf("doc %d: outcome %v", i, d.Outcome)
			}
			for _, st := range p.Statements {
				for _, pat := range append(append([]string{}, st.Action...), st.Resource...) {
					for _, s := range []string{strings.ToLower(req.Action), req.Resource} {
						if _, steps := globSteps(pat, s); steps > (len(s)+1)*(len(pat)+1) {
							t.Fatalf("glob(%q, %q): %d steps", pat, s, steps)
						}
					}
				}
			}
		}
	}
	t.Logf("parsed %d, refused %d", parsed, refused)
	// The generator must exercise both sides, or the test proves nothing.
	if parsed < 100 || refused < 100 {
		t.Errorf("parsed %d, refused %d of 1000: the generator is lopsided", parsed, refused)
	}
}
