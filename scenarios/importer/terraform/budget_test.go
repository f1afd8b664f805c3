package terraform

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestBudgets: inputs that grow faster than their size stop at a named
// limit with the position of the expression, and the import fails. Before
// the budgets, the nested join ran 52 s at 9.8 GB and exited 0.
func TestBudgets(t *testing.T) {
	cases := []struct{ name, src, limit string }{
		{"nested join", `locals { s = join(",", [for i in range(1000) : join(",", [for j in range(1000) : join(",", [for k in range(1000) : "${i}${j}${k}"])])]) }
resource "aws_lambda_function" "f" { function_name = local.s }`, "MaxSteps"},
		{"quadratic toset", `locals { big = toset(flatten([for i in range(100) : [for j in range(100) : "${i}-${j}"]])) }
resource "aws_lambda_function" "f" { function_name = length(local.big) }`, "MaxSetInput"},
		{"doubling strings", doubling(24), "MaxStringLen"},
		{"nested for without functions", `locals {
  r = range(1000)
  x = [for a in local.r : [for b in local.r : [for c in local.r : a + b + c]]]
}
resource "aws_lambda_function" "f" { function_name = length(local.x) }`, "MaxSteps"},
		{"reference chain", chain(MaxEvalDepth + 10), "MaxEvalDepth"},
		{"brackets", "locals { x = " + strings.Repeat("[", MaxNesting+1) + strings.Repeat("]", MaxNesting+1) + " }", "MaxNesting"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTF(t, map[string]string{"main.tf": c.src})
			_, err := Import([]string{dir}, Options{})
			if err == nil || !strings.Contains(err.Error(), c.limit) || !strings.Contains(err.Error(), "main.tf:") {
				t.Fatalf("err = %v, want the limit %s at main.tf:line:col", err, c.limit)
			}
			if !errors.Is(err, errBudget) {
				t.Errorf("err = %v does not wrap errBudget", err)
			}
		})
	}
}

// doubling builds locals each twice the length of the one before.
func doubling(n int) string {
	var b strings.Builder
	b.WriteString("locals {\n  s0 = \"0123456789abcdef\"\n")
	for i := 1; i <= n; i++ {
		b.WriteString("  s" + itoa(i) + " = \"${local.s" + itoa(i-1) + "}${local.s" + itoa(i-1) + "}\"\n")
	}
	b.WriteString("}\nresource \"aws_lambda_function\" \"f\" { function_name = local.s" + itoa(n) + " }\n")
	return b.String()
}

// chain builds local.l0 = local.l1, ..., a chain of n references.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("locals {\n")
	for i := 0; i < n; i++ {
		b.WriteString("  l" + itoa(i) + " = local.l" + itoa(i+1) + "\n")
	}
	b.WriteString("  l" + itoa(n) + " = \"end\"\n}\nresource \"aws_lambda_function\" \"f\" { function_name = local.l0 }\n")
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestStrict: what terraform validate rejects is an error (exit 2 in the
// CLI) with file:line:col; before, each was a warning and exit 0.
func TestStrict(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"negative count", "resource \"aws_subnet\" \"s\" {\n  count = -1\n}\n", "main.tf:2:11"},
		{"count not a number", "resource \"aws_subnet\" \"s\" {\n  count = \"many\"\n}\n", "main.tf:2:11"},
		{"unknown function", "resource \"aws_vpc\" \"v\" {\n  cidr_block = nosuch(1)\n}\n", "main.tf:2:16"},
		{"failing cidrsubnet", "resource \"aws_vpc\" \"v\" {\n  cidr_block = cidrsubnet(\"10.0.0.0/16\", 8, 300)\n}\n", "main.tf:2:16"},
		{"for_each list", "resource \"aws_subnet\" \"s\" {\n  for_each = [\"a\"]\n}\n", "main.tf:2:14"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTF(t, map[string]string{"main.tf": c.src})
			_, err := Import([]string{dir}, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, errInvalid) {
				t.Fatalf("err = %v, want an invalid-configuration error at %s", err, c.want)
			}
		})
	}
	// Valid but not modelled: a warning, and the import goes on.
	dir := writeTF(t, map[string]string{"main.tf": `
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_lambda_function" "f" {
  function_name = md5("x")
  memory_size   = provider::aws::arn_parse("x").size
}`})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatalf("unmodelled functions: %v", err)
	}
	if !strings.Contains(describe(l), "md5 is not evaluated by enisim") {
		t.Errorf("no warning about md5:\n%s", describe(l))
	}
}

// TestDeepExpressions: chains the HCL parser or the evaluator would
// recurse through once per operator stop at MaxNesting before parsing;
// 2,000,000 "!" overflowed the Go stack (a crash, not an error), and
// 500,000 conditionals took 13 s and 1.5 GB to parse.
func TestDeepExpressions(t *testing.T) {
	for name, expr := range map[string]string{
		"not":          strings.Repeat("!", 100000) + "true",
		"minus":        strings.Repeat("- ", 100000) + "1",
		"conditionals": strings.Repeat("true ? 1 : ", 100000) + "1",
		"sum":          strings.Repeat("1 + ", 100000) + "1",
		"template":     strings.Repeat(`"${`, 200) + "1" + strings.Repeat(`}"`, 200),
	} {
		dir := writeTF(t, map[string]string{"main.tf": "locals {\n  x = " + expr + "\n}\n"})
		_, err := Import([]string{dir}, Options{})
		if err == nil || !strings.Contains(err.Error(), "main.tf:2:") || !strings.Contains(err.Error(), "MaxNesting") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	// Real expressions of a few operators and a comment of dashes are fine.
	dir := writeTF(t, map[string]string{"main.tf": "# " + strings.Repeat("-", 300) + "\nlocals {\n  x = !(1 + 2 * 3 > 4 ? true : false) || -1 < 0\n}\n",
		"terraform.tfvars.json": `{"x": ` + strings.Repeat("[", MaxNesting+1) + strings.Repeat("]", MaxNesting+1) + `}`})
	if _, err := Import([]string{dir}, Options{}); err == nil || !strings.Contains(err.Error(), "terraform.tfvars.json:1:") {
		t.Errorf("deep tfvars JSON: err = %v", err)
	}
}

// TestNestingScanSkipsText: operators in comments, strings and heredocs
// are text; an interpolation inside them is an expression again.
func TestNestingScanSkipsText(t *testing.T) {
	text := strings.Repeat("- ! ? + ", 100)
	ok := "# " + text + "\n/* " + text + " */\nlocals {\n  a = \"" + text + "\"\n  b = <<-EOT\n    " + text + "\n    EOT\n  c = my-name-with-dashes-" + strings.Repeat("x-", 200) + "y\n  d = 1e-5 + 2\n}\n"
	if err := checkNesting("ok.tf", []byte(ok)); err != nil {
		t.Errorf("text counted as operators: %v", err)
	}
	deep := "locals {\n  b = <<EOT\n  ${" + strings.Repeat("!", MaxNesting+5) + "true}\nEOT\n}\n"
	if err := checkNesting("deep.tf", []byte(deep)); err == nil || !strings.Contains(err.Error(), "deep.tf:3:") {
		t.Errorf("interpolation in a heredoc: err = %v, want deep.tf:3:", err)
	}
}

// TestHugeNumbers: a number literal or result beyond MaxNumberExp is an
// error; writing 1e100000000 as a string ran for minutes.
func TestHugeNumbers(t *testing.T) {
	for name, expr := range map[string]string{
		"literal":  `"f${1e100000000}"`,
		"tostring": `tostring(1e100000000)`,
		"product":  `tostring(local.b * local.b)`,
	} {
		dir := writeTF(t, map[string]string{"main.tf": "locals {\n  a = 1e300\n  b = local.a * local.a * local.a * local.a\n  x = " + expr + "\n}\nresource \"aws_lambda_function\" \"f\" { function_name = local.x }\n"})
		_, err := Import([]string{dir}, Options{})
		if err == nil || !strings.Contains(err.Error(), "MaxNumberExp") || !strings.Contains(err.Error(), "main.tf:") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// TestHugeNumberVariables: the same limit for a number given with --var
// or in a variable file (before, writing it into a name never ended).
func TestHugeNumberVariables(t *testing.T) {
	src := "variable \"n\" {\n  type = number\n}\nresource \"aws_lambda_function\" \"f\" { function_name = \"f-${var.n}\" }\n"
	dir := writeTF(t, map[string]string{"main.tf": src})
	if _, err := Import([]string{dir}, Options{Vars: map[string]string{"n": "1e100000000"}}); err == nil || !strings.Contains(err.Error(), "MaxNumberExp") || !strings.Contains(err.Error(), "main.tf:1:") {
		t.Errorf("--var: err = %v", err)
	}
	dir = writeTF(t, map[string]string{"main.tf": src, "terraform.tfvars": "n = 1e100000000\n"})
	if _, err := Import([]string{dir}, Options{}); err == nil || !strings.Contains(err.Error(), "terraform.tfvars:1:5") {
		t.Errorf("tfvars: err = %v", err)
	}
}

// TestResultsLargerThanInputs: functions and templates whose result can
// be far larger than their arguments are refused before they build it.
// indent(300000000, ...) allocated 600 MB before MaxStringLen refused it.
func TestResultsLargerThanInputs(t *testing.T) {
	mb := "  mb = join(\"\", [for i in range(1000) : \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"])\n"
	for name, c := range map[string]struct{ expr, limit string }{
		"indent":     {`indent(300000000, "a\nb")`, "MaxStringLen"},
		"join refs":  {`join(",", [for i in range(1000) : local.mb])`, "MaxStringLen"},
		"replace":    {`replace(local.mb, "a", local.mb)`, "MaxStringLen"},
		"setproduct": {`length(setproduct(range(100), range(100), range(100)))`, "MaxCollection"},
		"flatten":    {`length(flatten([for i in range(400) : [for j in range(400) : j]]))`, "MaxSteps"},
		"template":   {`"${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}" == "" ? "${local.mb}${local.mb}${local.mb}${local.mb}" : "x"`, "Max"},
	} {
		src := "locals {\n" + mb + "  x = " + c.expr + "\n}\nresource \"aws_lambda_function\" \"f\" { function_name = local.x }\n"
		if name == "template" {
			// 70 copies of 512 KB: 35 MB in one template, 70 such locals.
			src = "locals {\n" + mb
			for i := range 140 {
				src += "  t" + strconv.Itoa(i) + " = \"" + strings.Repeat("${local.mb}", 70) + "\"\n"
			}
			src += "  x = join(\"\", [" + strings.Repeat("local.t0,", 1) + "])\n}\nresource \"aws_lambda_function\" \"f\" {\n  function_name = length(local.t139)\n  memory_size = length(local.t0) + length(local.t1) + length(local.t2) + length(local.t3)\n}\n"
		}
		dir := writeTF(t, map[string]string{"main.tf": src})
		_, err := Import([]string{dir}, Options{})
		if err == nil || !strings.Contains(err.Error(), c.limit) || !strings.Contains(err.Error(), "main.tf:") {
			t.Errorf("%s: err = %v, want %s at main.tf:line:col", name, err, c.limit)
		}
	}
}
