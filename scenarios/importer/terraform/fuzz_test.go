package terraform

import (
	"fmt"
	"testing"
	"time"
)

// FuzzImport feeds arbitrary file contents to the HCL reader and the
// evaluator: any input must give a layout or an error, never a panic or a
// hang (an input still running after 10s panics, so the fuzzer reports
// it).
func FuzzImport(f *testing.F) {
	// Small seeds: the fuzzer's mutator works best on them, and with the
	// larger golden configurations as seeds the instrumented worker was
	// seen to stall on a loaded machine.
	f.Add([]byte(fuzzSeed))
	f.Add([]byte(`resource "aws_subnet" "s" { count = 1e9 }`))
	f.Add([]byte(`locals { x = range(1e12) }` + "\n" + `resource "aws_vpc" "v" { cidr_block = format("%999999999d", 1) }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		// In memory: the module directory is the package's (no .tf files).
		cfg := newModuleConfig(".")
		if err := cfg.addFile("main.tf", src); err != nil {
			return
		}
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("slow input: %q", src))
			}
		}()
		l, err := importConfig(&budget{}, cfg, Options{Vars: map[string]string{"x": "[1, 2]"}})
		if err == nil && l == nil {
			t.Fatal("no layout and no error")
		}
		if err == nil {
			_ = describe(l)
		}
	})
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
