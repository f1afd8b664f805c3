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
