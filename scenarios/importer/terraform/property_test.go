package terraform

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRandomComprehensions builds random configurations with nested for
// expressions, chains of locals, set functions, joins and counts, and
// checks each imports to a layout or an error with a position, within the
// budgets, never a panic (checkImport). The generator is seeded: a failure
// names the seed and prints the configuration.
func TestRandomComprehensions(t *testing.T) {
	n := 60
	if testing.Short() {
		n = 15
	}
	for seed := range uint64(n) {
		src := randomConfig(rand.New(rand.NewPCG(seed, 7)))
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic %v on:\n%s", r, src)
				}
			}()
			checkImport(t, []byte(src))
		})
	}
}

// randomConfig is a configuration of a few locals, each a random
// expression over the ones before, and resources using them.
func randomConfig(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = range(" + fmt.Sprint(r.IntN(2000)) + ")\n")
	n := 1 + r.IntN(6)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  l%d = %s\n", i, randomExpr(r, i, 0))
	}
	b.WriteString("}\n")
	fmt.Fprintf(&b, "resource \"aws_subnet\" \"s\" {\n  count = %s\n  cidr_block = cidrsubnet(\"10.0.0.0/16\", 8, count.index)\n}\n", pick(r,
		"length(local.l1)", "min(length(local.l1), 3)", "-1", `"many"`, "2"))
	fmt.Fprintf(&b, "resource \"aws_lambda_function\" \"f\" {\n  function_name = %s\n  vpc_config {\n    subnet_ids = %s\n    security_group_ids = []\n  }\n}\n",
		pick(r, "tostring(length(local.l"+fmt.Sprint(n)+"))", `join("-", [for x in local.l1 : tostring(x)])`, `"f"`),
		pick(r, "aws_subnet.s[*].id", "[for s in aws_subnet.s : s.id]", "local.l1"))
	return b.String()
}

// randomExpr is an expression over locals l0..l(i-1), nesting for
// expressions up to depth 3.
func randomExpr(r *rand.Rand, i, depth int) string {
	ref := fmt.Sprintf("local.l%d", r.IntN(i))
	if depth >= 3 {
		return ref
	}
	inner := randomExpr(r, i, depth+1)
	v := fmt.Sprintf("v%d", depth)
	switch r.IntN(9) {
	case 0:
		return fmt.Sprintf("[for %s in %s : %s]", v, ref, inner)
	case 1:
		return fmt.Sprintf("flatten([for %s in %s : [for w in %s : \"${%s}-${w}\"]])", v, ref, ref, v)
	case 2:
		return fmt.Sprintf("toset([for %s in %s : tostring(%s)])", v, ref, v)
	case 3:
		return fmt.Sprintf("join(\",\", [for %s in %s : join(\",\", [for w in %s : tostring(w)])])", v, ref, ref)
	case 4:
		return fmt.Sprintf("distinct(concat(%s, %s))", ref, ref)
	case 5:
		return fmt.Sprintf("\"${jsonencode(%s)}${jsonencode(%s)}\"", ref, ref)
	case 6:
		return fmt.Sprintf("{for %s in %s : tostring(%s) => %s...}", v, ref, v, v)
	case 7:
		return fmt.Sprintf("setproduct(%s, %s)", ref, ref)
	}
	return fmt.Sprintf("length(%s) > 3 ? %s : %s", ref, inner, ref)
}

func pick(r *rand.Rand, opts ...string) string { return opts[r.IntN(len(opts))] }
