package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzImport feeds arbitrary file contents to the HCL reader and the
// evaluator: any input must give a layout or an error, never a panic, and
// stop within the product's budgets (budget.go), not a test deadline.
func FuzzImport(f *testing.F) {
	for _, s := range hclSeeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkImport(t, src)
	})
}

// checkImport imports src as main.tf in memory and checks what the
// budgets promise: steps never exceed MaxSteps (work is charged before it
// is done), bytes exceed MaxBytes by at most the one value that tripped it.
func checkImport(t *testing.T, src []byte) {
	t.Helper()
	cfg := newModuleConfig(".") // the package's directory: no .tf files
	if err := cfg.addFile("main.tf", src); err != nil {
		return
	}
	b := &budget{}
	l, err := importConfig(b, cfg, Options{Vars: map[string]string{"x": "[1, 2]"}})
	if err == nil && l == nil {
		t.Fatal("no layout and no error")
	}
	if err != nil && !strings.Contains(err.Error(), "main.tf:") {
		t.Errorf("error without a position: %v", err)
	}
	if b.steps > MaxSteps || b.bytes > MaxBytes+MaxStringLen {
		t.Errorf("spent %d steps and %d bytes, over the budgets", b.steps, b.bytes)
	}
	if err == nil {
		_ = describe(l)
	}
}

// hclSeeds are structured inputs: the golden configurations, the
// budget, strictness and data-source fixtures, and small hostile ones.
func hclSeeds(t testing.TB) []string {
	seeds := []string{fuzzSeed,
		`resource "aws_subnet" "s" { count = 1e9 }`,
		`locals { x = range(1e12) }` + "\n" + `resource "aws_vpc" "v" { cidr_block = format("%999999999d", 1) }`,
		`locals { s = join(",", [for i in range(1000) : join(",", [for j in range(1000) : "${i}${j}"])]) }`,
		`locals { big = toset(flatten([for i in range(100) : [for j in range(100) : "${i}-${j}"]])) }`,
		"resource \"aws_subnet\" \"s\" {\n  count = -1\n}\n",
		"resource \"aws_vpc\" \"v\" {\n  cidr_block = cidrsubnet(\"10.0.0.0/16\", 8, 300)\n}\n",
		doubling(8), chain(20),
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "main.tf"))
	for _, p := range dirs {
		if b, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	return seeds
}

const fuzzSeed = `variable "cidr" { default = "10.0.0.0/16" }
locals { azs = toset(["a", "b"]) }
resource "aws_vpc" "v" { cidr_block = var.cidr }
resource "aws_subnet" "s" {
  for_each          = local.azs
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet(var.cidr, 8, index(["a", "b"], each.key))
  availability_zone = "us-east-1${each.value}"
}
resource "aws_security_group" "g" {
  count  = 1
  vpc_id = aws_vpc.v.id
}
module "m" { source = "./" }
resource "aws_lambda_function" "f" {
  function_name = format("f-%d", length(local.azs))
  vpc_config {
    subnet_ids         = [for s in aws_subnet.s : s.id]
    security_group_ids = aws_security_group.g[*].id
  }
}
`

// FuzzPlan feeds arbitrary JSON to the plan importer: a layout or an
// error naming the file, never a panic.
func FuzzPlan(f *testing.F) {
	plans, _ := filepath.Glob(filepath.Join("testdata", "plan", "*.json"))
	for _, p := range plans {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"format_version": "1.0", "planned_values": {"root_module": {"child_modules": [{"child_modules": [{}]}]}}}`))
	f.Add([]byte(`{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "aws_lambda_function.f", "type": "aws_lambda_function", "values": {"vpc_config": [{}]}}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := importPlanData(&budget{}, "plan.json", data)
		if err == nil && l == nil {
			t.Fatal("no layout and no error")
		}
		if err != nil && !strings.Contains(err.Error(), "plan.json") {
			t.Errorf("error without the file: %v", err)
		}
	})
}
