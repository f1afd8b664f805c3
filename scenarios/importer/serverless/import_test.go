package serverless

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
)

// TestFrameworkRules: the orders service worked by hand with the
// framework's rules (compile/functions.js): api inherits provider.vpc;
// worker sets only securityGroupIds and keeps the provider's subnets;
// reporter sets only subnetIds and keeps the provider's groups; vpc: ~ and
// vpc: false opt out. Stage dev picks subnets A and B through
// ${self:custom.subnets.${sls:stage}}; --stage prod picks A, B and C and
// the prod memory param.
func TestFrameworkRules(t *testing.T) {
	dir := filepath.Join("testdata", "orders")
	l, err := Import(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"subnet-a|app-sg", "subnet-a|app-sg,worker-sg", "subnet-b|app-sg", "subnet-b|app-sg,worker-sg", "subnet-c|app-sg"}
	if got := realworld.Keys(l); !slices.Equal(got, want) {
		t.Errorf("dev keys %q\nwant %q", got, want)
	}
	byName := map[string]importer.Function{}
	for _, f := range l.Functions {
		byName[f.Name] = f
	}
	for _, n := range []string{"public", "public-two"} {
		if f, ok := byName[n]; !ok || len(f.SubnetIDs) != 0 {
			t.Errorf("%s: %+v; want it present and out of the VPC", n, f)
		}
	}
	api := byName["api"]
	if api.Memory != 512 || api.Role == nil || !slices.Contains(api.Role.ManagedPolicies, "AWSLambdaVPCAccessExecutionRole") {
		t.Errorf("api: memory %d, role %+v; want the default param 512 and the generated role with AWSLambdaVPCAccessExecutionRole", api.Memory, api.Role)
	}
	if l.Region != "eu-west-1" || l.Name != "orders-dev" {
		t.Errorf("region %q, name %q; want eu-west-1, orders-dev", l.Region, l.Name)
	}

	l, err = Import(dir, Options{Stage: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	if got := realworld.Keys(l); len(got) != 6 {
		t.Errorf("prod keys %q; want 6: api and worker in A, B and C, reporter in C", got)
	}
	for _, f := range l.Functions {
		if f.Name == "api" && f.Memory != 2048 {
			t.Errorf("prod memory %d, want the prod param 2048", f.Memory)
		}
	}
}

// TestExternalVariables: ${cf:...} values become placeholders whose hint
// says which --var to give; given, they are used. A role ARN outside the
// file follows the one rule for roles the importer cannot see.
func TestExternalVariables(t *testing.T) {
	dir := filepath.Join("testdata", "external")
	l, err := Import(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, w := range l.Warnings {
		warned = warned || strings.Contains(w.String(), "--var 'cf:network-dev.PrivateSubnetA=subnet-")
	}
	if !warned {
		t.Errorf("no warning names --var 'cf:network-dev.PrivateSubnetA=...': %v", l.Warnings)
	}
	var roleAssumed bool
	for _, a := range l.Assumptions {
		roleAssumed = roleAssumed || strings.Contains(a.What, "billing-lambda") && strings.Contains(a.What, "AWSLambdaVPCAccessExecutionRole")
	}
	if !roleAssumed {
		t.Errorf("the unseen role is not an assumption: %v", l.Assumptions)
	}
	l, err = Import(dir, Options{Vars: map[string]string{
		"cf:network-dev.PrivateSubnetA": "subnet-0a", "cf:network-dev.PrivateSubnetB": "subnet-0b", "cf:network-dev.LambdaSg": "sg-0l"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := realworld.Keys(l), []string{"subnet-0a|sg-0l", "subnet-0b|sg-0l"}; !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	// The subnets and the group are in one VPC, so nothing is refused.
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := importer.Verify("out.yaml", buf.Bytes(), ".")
	if err != nil || sum.ENIs != 2 || len(sum.Refused) != 0 {
		t.Errorf("run: %+v, %v; want 2 ENIs, none refused", sum, err)
	}
}

// TestVariableErrors: what the framework refuses to deploy is an error
// naming the file, line and the variable: an unset opt without default, a
// loop of self references.
func TestVariableErrors(t *testing.T) {
	cases := []struct{ name, yml, want string }{
		{"unset opt", "service: s\nprovider:\n  name: aws\n  memorySize: ${opt:memory}\nfunctions: {f: {handler: h}}\n",
			"sls.yml:4:15: serverless: ${opt:memory} has no value and no default"},
		{"self loop", "service: s\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nprovider:\n  name: aws\n  memorySize: ${self:custom.a}\nfunctions: {f: {handler: h}}\n",
			"self:custom.a -> self:custom.b -> self:custom.a"},
		{"not a service", "Resources: {}\n", "not a Serverless Framework file"},
		{"alias bomb", aliasBomb(), "MaxEvalSteps"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := importBytes("sls.yml", c.yml, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v; want %q", err, c.want)
			}
		})
	}
}

// aliasBomb is a serverless.yml whose custom section, through YAML
// aliases, stands for 2^30 strings: resolving it must stop at a budget.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("service: s\ncustom:\n  a0: &a0 [x, x]\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	b.WriteString("provider:\n  name: aws\n  tags: ${self:custom.a30}\nfunctions: {f: {handler: h}}\n")
	return b.String()
}
