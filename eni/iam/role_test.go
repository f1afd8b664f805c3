package iam

import (
	"errors"
	"reflect"
	"testing"
)

func TestManagedNames(t *testing.T) {
	for _, name := range []string{
		"AWSLambdaVPCAccessExecutionRole",
		"arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
		"arn:aws:iam::aws:policy/AWSLambdaVPCAccessExecutionRole",
		"service-role/AWSLambdaVPCAccessExecutionRole",
	} {
		p, ok := Managed(name)
		if !ok || p.Name != "AWSLambdaVPCAccessExecutionRole" {
			t.Errorf("Managed(%q) = %v, %v", name, p, ok)
		}
	}
	if _, ok := Managed("AmazonS3FullAccess"); ok {
		t.Error("Managed(AmazonS3FullAccess) should be unknown")
	}
	for _, name := range ManagedPolicyNames {
		if _, ok := Managed(name); !ok {
			t.Errorf("embedded %s does not load", name)
		}
	}
}

func TestRoleAllowsENI(t *testing.T) {
	deny := load(t, "role-recommended-deny.json")
	tests := []struct {
		name        string
		managed     []string
		actions     []string
		extra       []*Policy
		wantOK      bool
		wantMissing string
		wantAll     []string // RoleMissingENI
	}{
		{"AWSLambdaVPCAccessExecutionRole", []string{"AWSLambdaVPCAccessExecutionRole"}, nil, nil, true, "", nil},
		{"AWSLambdaENIManagementAccess lacks only DescribeSubnets", []string{"AWSLambdaENIManagementAccess"}, nil, nil,
			true, "", []string{"ec2:DescribeSubnets"}},
		{"basic execution role only", []string{"AWSLambdaBasicExecutionRole"}, nil, nil,
			false, "ec2:CreateNetworkInterface", ExecutionRoleENIActions},
		{"actions shorthand without delete", []string{"AWSLambdaBasicExecutionRole"},
			[]string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces"}, nil,
			false, "ec2:DeleteNetworkInterface", []string{"ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
				"ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}},
		{"actions shorthand with a wildcard", nil, []string{"ec2:*NetworkInterface*"}, nil,
			true, "", []string{"ec2:DescribeSubnets", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"}},
		// docs/aws-behaviour.md, execution role permissions: the Deny on
		// lambda:SourceFunctionArn applies only to calls made by function
		// code; Lambda's service
		// calls carry no such key, so ArnEquals on it is false.
		{"recommended Deny does not stop Lambda", []string{"AWSLambdaVPCAccessExecutionRole"}, nil, []*Policy{deny}, true, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := RolePolicies(tt.managed, tt.actions, nil)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, tt.extra...)
			ok, missing := RoleAllowsENI(ps)
			if ok != tt.wantOK || missing != tt.wantMissing {
				t.Errorf("RoleAllowsENI = %v, %q; want %v, %q", ok, missing, tt.wantOK, tt.wantMissing)
			}
			if got := RoleMissingENI(ps); !reflect.DeepEqual(got, tt.wantAll) {
				t.Errorf("RoleMissingENI = %v, want %v", got, tt.wantAll)
			}
		})
	}
}

// TestRecommendedDenyStopsFunctionCode checks the other half of the
// recommended Deny: a call made by the function's code carries
// lambda:SourceFunctionArn and is denied.
func TestRecommendedDenyStopsFunctionCode(t *testing.T) {
	ps, _ := RolePolicies([]string{"AWSLambdaVPCAccessExecutionRole"}, nil, nil)
	ps = append(ps, load(t, "role-recommended-deny.json"))
	d := Evaluate(ps, Request{Action: "ec2:CreateNetworkInterface", Resource: "*",
		Context: map[string][]string{KeySourceFunctionArn: {FunctionARN("orders")}}})
	if d.Outcome != ExplicitDeny || d.Sid != "DenyENIFromFunctionCode" {
		t.Errorf("got %v", d)
	}
}

func TestRolePoliciesErrors(t *testing.T) {
	_, err := RolePolicies([]string{"AWSLambdaVPCAccesExecutionRole"}, nil, nil)
	if !errors.Is(err, ErrUnknownManagedPolicy) {
		t.Errorf("typo in a managed name: got %v", err)
	}
	if _, err := RolePolicies(nil, []string{"CreateNetworkInterface"}, nil); err == nil {
		t.Error("action without a service prefix should fail")
	}
	_, err = RolePolicies(nil, nil, [][]byte{[]byte(`{"Statement":[]}`), []byte(`{"Statement":{"Effect":"allow"}}`)})
	if err == nil || err.Error() != `inline policy 1: line 1 col 24: statement 0: Statement.Effect: Effect must be "Allow" or "Deny" (case-sensitive)` {
		t.Errorf("bad inline policy: got %v", err)
	}
	ps, err := RolePolicies([]string{"AWSLambdaBasicExecutionRole"}, []string{"ec2:*"}, [][]byte{[]byte(`{"Statement":[]}`)})
	if err != nil || len(ps) != 3 || ps[0].Name != "AWSLambdaBasicExecutionRole" || ps[1].Name != "actions" || ps[2].Name != "inline[0]" {
		t.Errorf("got %v, %v", ps, err)
	}
}

func TestRoleENIError(t *testing.T) {
	got := RoleENIError("ec2:CreateNetworkInterface")
	want := "The provided execution role does not have permissions to call CreateNetworkInterface on EC2"
	if got != want {
		t.Errorf("got %q", got)
	}
}

func TestCallerDescribeDenied(t *testing.T) {
	if got := CallerDescribeDenied([]*Policy{load(t, "caller-base.json")}); got != nil {
		t.Errorf("base caller: %v", got)
	}
	p, _ := Parse([]byte(`{"Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},
		{"Effect":"Deny","Action":"ec2:DescribeVpcs","Resource":"*"}]}`))
	if got := CallerDescribeDenied([]*Policy{p}); !reflect.DeepEqual(got, []string{"ec2:DescribeVpcs"}) {
		t.Errorf("got %v", got)
	}
}

func TestCallerRequestKeys(t *testing.T) {
	r := CallerRequest("lambda:CreateFunction", "orders", "vpc-1", []string{"subnet-a", "subnet-b"}, []string{"sg-1"})
	want := map[string][]string{
		KeyVpcIds: {"vpc-1"}, KeySubnetIds: {"subnet-a", "subnet-b"}, KeySecurityGroupIds: {"sg-1"},
	}
	if !reflect.DeepEqual(r.Context, want) || r.Resource != "arn:aws:lambda:us-east-1:123456789012:function:orders" {
		t.Errorf("got %+v", r)
	}
	if r := CallerRequest("lambda:UpdateFunctionConfiguration", "orders", "vpc-1", nil, nil); len(r.Context) != 0 {
		t.Errorf("no VPC config should leave the keys missing: %v", r.Context)
	}
}
