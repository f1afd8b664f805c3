package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPlanUnknownSG: a plan whose function's security groups are known
// only after apply (a group the plan creates, passed into a module) keeps
// the function attached: the configuration's references lead, through
// the module call's input, to aws_security_group.app. Its subnets are
// known by id only, and go to the VPC of that group, not to a VPC of their
// own that would make AWS refuse the function.
func TestPlanUnknownSG(t *testing.T) {
	l, err := ImportPlan(filepath.Join("testdata", "plan", "module-unknown-sg.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pairs(l), []string{"subnet-0a sg-app", "subnet-0b sg-app"}; !slices.Equal(got, want) {
		t.Fatalf("keys = %q, want %q\n%s", got, want, describe(l))
	}
	if l.Region != "eu-west-1" {
		t.Errorf("region = %q, want eu-west-1 from var.region", l.Region)
	}
	if len(l.VPCs) != 1 || l.VPCs[0].ID != "vpc-0aaa" || len(l.VPCs[0].Subnets) != 2 {
		t.Errorf("want one VPC vpc-0aaa holding both subnets:\n%s", describe(l))
	}
	f := l.Functions[0]
	if f.Name != "orders-api" || f.Memory != 512 || f.ReservedConcurrency != nil || !slices.Contains(f.AltNames, "Orders_API") {
		t.Errorf("function = %+v", f)
	}
	if f.Role == nil || !slices.Equal(f.Role.ManagedPolicies, []string{"AWSLambdaVPCAccessExecutionRole"}) {
		t.Errorf("role = %+v, want aws_iam_role.fn through var.role_arn", f.Role)
	}
}

// TestPlanErrors: not JSON, JSON that is not a plan, a directory.
func TestPlanErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ path, want string }{
		{write("bad.json", "{\n  \"format_version\": \"1.0\",\n  \"planned_values\": {'x'}\n}"), "bad.json:3:22: invalid JSON"},
		{write("other.json", `{"Resources": {}}`), "not terraform show -json output"},
		{dir, "not a regular file"},
	} {
		if _, err := ImportPlan(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.path, err, c.want)
		}
	}
	if LooksLikePlan(filepath.Join(dir, "other.json")) || !LooksLikePlan(filepath.Join("testdata", "plan", "module-unknown-sg.json")) {
		t.Error("LooksLikePlan is wrong")
	}
}

// TestPlanPartlyUnknown: a subnet list with one element known only after
// apply, and no reference to explain it, keeps the known subnet and gets
// one placeholder for the other (before, the unknown one was dropped).
func TestPlanPartlyUnknown(t *testing.T) {
	l, err := ImportPlan(filepath.Join("testdata", "plan", "partly-unknown.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pairs(l), []string{"f-subnet-0 sg-0a", "subnet-0a sg-0a"}; !slices.Equal(got, want) {
		t.Errorf("keys = %q, want %q\n%s", got, want, describe(l))
	}
}

// TestStateJSON: terraform show -json without a plan gives the state
// (values instead of planned_values), imported the same way, with the
// subnets' CIDRs and AZs and the VPC they name.
func TestStateJSON(t *testing.T) {
	state := `{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": [
	  {"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v", "values": {"id": "vpc-0v", "cidr_block": "10.3.0.0/16"}},
	  {"address": "aws_subnet.s[0]", "mode": "managed", "type": "aws_subnet", "name": "s", "index": 0,
	   "values": {"id": "subnet-0s", "vpc_id": "vpc-0v", "cidr_block": "10.3.0.0/26", "availability_zone": "eu-west-1a"}},
	  {"address": "aws_security_group.g", "mode": "managed", "type": "aws_security_group", "name": "g", "values": {"id": "sg-0g", "vpc_id": "vpc-0v"}},
	  {"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "name": "f",
	   "values": {"function_name": "f", "arn": "arn:aws:lambda:eu-west-1:111122223333:function:f",
	              "vpc_config": [{"subnet_ids": ["subnet-0s"], "security_group_ids": ["sg-0g"], "vpc_id": "vpc-0v"}]}}
	]}}}`
	p := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(p, []byte(state), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := ImportPlan(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := pairs(l); !slices.Equal(got, []string{"subnet-0s sg-0g"}) || l.Region != "eu-west-1" {
		t.Errorf("keys %q, region %q\n%s", got, l.Region, describe(l))
	}
	if s := l.VPCs[0].Subnets[0]; len(l.VPCs) != 1 || s.CIDR != "10.3.0.0/26" || s.AZ != "eu-west-1a" || s.Placeholder {
		t.Errorf("subnet = %+v\n%s", s, describe(l))
	}
}
