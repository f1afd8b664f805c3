package cloudformation

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// genTemplate builds a random template of n VPCs whose CidrBlocks refer to
// each other through Ref, Fn::GetAtt, ${X.CidrBlock} in Fn::Sub,
// Fn::Join, Fn::Select and DependsOn, and returns it with the edges it
// wrote (from -> to), so the test can tell on its own whether it has a
// cycle.
func genTemplate(r *rand.Rand, n int) (string, map[int][]int) {
	edges := map[int][]int{}
	var b strings.Builder
	b.WriteString("Conditions:\n  Yes: !Equals [a, a]\nResources:\n")
	for i := range n {
		var ref string
		var dependsOn string
		switch k := r.IntN(8); {
		case k < 2 || i == n-1 && k < 5: // a literal: no edge
			ref = fmt.Sprintf("10.%d.0.0/16", i)
		default:
			j := later(r, i, n)
			edges[i] = append(edges[i], j)
			forms := []string{
				`!GetAtt R%d.CidrBlock`,
				`!Sub "${R%d.CidrBlock}"`,
				`!Join ["", [!GetAtt R%d.CidrBlock]]`,
				`!Select [0, [!GetAtt R%d.CidrBlock, x]]`,
				`!If [Yes, !GetAtt R%d.CidrBlock, 10.0.0.0/16]`,
				`{"Fn::GetAtt": [R%d, CidrBlock]}`,
			}
			ref = fmt.Sprintf(forms[r.IntN(len(forms))], j)
			if r.IntN(4) == 0 {
				d := later(r, i, n)
				edges[i] = append(edges[i], d)
				dependsOn = fmt.Sprintf("    DependsOn: R%d\n", d)
			}
		}
		fmt.Fprintf(&b, "  R%d:\n    Type: AWS::EC2::VPC\n%s    Properties:\n      CidrBlock: %s\n", i, dependsOn, ref)
	}
	return b.String(), edges
}

// later picks a resource after i mostly (an acyclic reference), any
// resource one time in five (which may close a cycle).
func later(r *rand.Rand, i, n int) int {
	if i+1 < n && r.IntN(5) > 0 {
		return i + 1 + r.IntN(n-i-1)
	}
	return r.IntN(n)
}

// hasCycle is an independent cycle check over the generator's edges.
func hasCycle(n int, edges map[int][]int) bool {
	color := make([]int, n) // 0 new, 1 on the path, 2 done
	var visit func(int) bool
	visit = func(i int) bool {
		color[i] = 1
		for _, j := range edges[i] {
			if color[j] == 1 || color[j] == 0 && visit(j) {
				return true
			}
		}
		color[i] = 2
		return false
	}
	for i := range n {
		if color[i] == 0 && visit(i) {
			return true
		}
	}
	return false
}

// TestRandomReferenceCycles: 2,000 random templates of 1 to 12 resources,
// each checked against the independent cycle check: a template with a
// cycle is refused naming "Circular dependency", one without is never
// refused for one, and none exceeds a budget or panics. The seed is
// fixed, so a failure reproduces.
func TestRandomReferenceCycles(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	cyclic := 0
	for range 2000 {
		n := 1 + r.IntN(12)
		tpl, edges := genTemplate(r, n)
		want := hasCycle(n, edges)
		err := importOne(tpl)
		got := err != nil && strings.Contains(err.Error(), "Circular dependency between resources")
		if got != want {
			t.Fatalf("cycle %v, import error %v:\n%s", want, err, tpl)
		}
		if errors.Is(err, ErrBudget) {
			t.Fatalf("a %d-resource template exceeds a budget: %v", n, err)
		}
		if want {
			cyclic++
		}
	}
	// Both outcomes must have been tried for the test to mean anything.
	if cyclic < 200 || cyclic > 1800 {
		t.Errorf("%d of 2000 templates had a cycle; the generator should give both kinds", cyclic)
	}
}
