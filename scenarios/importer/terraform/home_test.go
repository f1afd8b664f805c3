package terraform

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
)

// TestSubnetsByIDJoinTheirVPC: a module whose subnets come in as a
// variable (given with --var) and whose security group is in the module's
// VPC. The subnets, known only by id, go to that VPC, and the written
// scenario runs without a refused CreateFunction. Before, they went to an
// invented vpc-external, and every create was refused for "subnets in
// another VPC" (realworld issue 11, class 1). Their AZs stay unknown, so
// the loader does not warn that every subnet is in one AZ.
func TestSubnetsByIDJoinTheirVPC(t *testing.T) {
	dir := writeTF(t, map[string]string{
		"main.tf": `
variable "subnet_ids" { type = list(string) }
resource "aws_vpc" "main" { cidr_block = "10.1.0.0/16" }
module "fn" {
  source     = "./fn"
  vpc_id     = aws_vpc.main.id
  subnet_ids = var.subnet_ids
}
`,
		"fn/main.tf": `
variable "vpc_id" {}
variable "subnet_ids" {}
resource "aws_security_group" "fn" { vpc_id = var.vpc_id }
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.fn.id]
  }
}
`})
	l, err := Import([]string{dir}, Options{Vars: map[string]string{"subnet_ids": `["subnet-0a", "subnet-0b"]`}})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.VPCs) != 1 || l.VPCs[0].ID != "vpc-main" || len(l.VPCs[0].Subnets) != 2 {
		t.Fatalf("want the subnets in vpc-main, the security group's VPC:\n%s", describe(l))
	}
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := importer.Verify("s.yaml", buf.Bytes(), filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Refused) != 0 || sum.ENIs != 2 {
		t.Errorf("run: %s, refused %v; want 2 ENIs, none refused", sum.Line(), sum.Refused)
	}
	if w := strings.Join(sum.Warnings, "\n"); strings.Contains(w, "one Availability Zone") {
		t.Errorf("unknown AZs were taken as one: %s", w)
	}
}
