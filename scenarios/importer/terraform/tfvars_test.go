package terraform

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestVarFiles: terraform.tfvars, then *.auto.tfvars in lexical order,
// then --var-file, then --var, each overriding the one before, as
// Terraform loads them. Before the fix nothing read the .tfvars files and
// the root of realworld case 11 (values only in dev.auto.tfvars) had no
// CIDR at all.
func TestVarFiles(t *testing.T) {
	dir := writeTF(t, map[string]string{
		"main.tf": `
variable "a" {}
variable "b" {}
variable "c" {}
variable "d" { type = list(string) }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  count             = length(var.d)
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = var.d[count.index]
}
resource "aws_lambda_function" "f" {
  function_name = join("-", [var.a, var.b, var.c])
}
`,
		"terraform.tfvars":   "a = \"tf\"\nb = \"tf\"\nc = \"tf\"\nd = [\"x\"]\n",
		"1.auto.tfvars":      "b = \"auto1\"\nc = \"auto1\"\n",
		"2.auto.tfvars.json": `{"c": "auto2", "d": ["eu-west-1a", "eu-west-1b"]}`,
		"extra.tfvars":       "c = \"file\"\n",
	})
	l, err := Import([]string{dir}, Options{VarFiles: []string{filepath.Join(dir, "extra.tfvars")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Functions[0].Name; got != "tf-auto1-file" {
		t.Errorf("function name = %q, want tf-auto1-file (terraform.tfvars < *.auto.tfvars < --var-file)", got)
	}
	if n := len(l.VPCs[0].Subnets); n != 2 || l.VPCs[0].Subnets[1].AZ != "eu-west-1b" {
		t.Errorf("subnets = %+v, want two from the JSON auto file", l.VPCs[0].Subnets)
	}
	l, err = Import([]string{dir}, Options{Vars: map[string]string{"c": "flag"}, VarFiles: []string{filepath.Join(dir, "extra.tfvars")}})
	if err != nil || l.Functions[0].Name != "tf-auto1-flag" {
		t.Errorf("with --var: %v %q, want tf-auto1-flag", err, l.Functions[0].Name)
	}
}

// TestVarFileErrors: a reference in a variable file, or bad syntax, is
// an error naming file:line:col.
func TestVarFileErrors(t *testing.T) {
	for name, src := range map[string]string{
		"ref":    "x = 1\na = var.b\n",
		"syntax": "x = 1\na = = 2\n",
	} {
		dir := writeTF(t, map[string]string{"main.tf": `variable "a" {}`, "terraform.tfvars": src})
		_, err := Import([]string{dir}, Options{})
		if err == nil || !strings.Contains(err.Error(), "terraform.tfvars:2:") {
			t.Errorf("%s: err = %v, want terraform.tfvars:2:", name, err)
		}
	}
}
