package iam

import (
	"os"
	"path/filepath"
	"testing"
)

// load parses testdata/name and names the policy after the file.
func load(t *testing.T, name string) *Policy {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p.Name = name
	return p
}

// vpcCall is one CreateFunction call of the VPC-example tests.
type vpcCall struct {
	name    string
	vpc     string
	subnets []string
	sgs     []string
	want    Outcome
	wantSid string // the statement that decides; "" for ImplicitDeny
}

// TestLambdaVPCExamples runs the example policies of the Lambda Developer
// Guide, configuration-vpc.html "Using IAM condition keys for VPC
// settings" (written into testdata/ from the page), against calls inside
// and outside the sets they name. The Deny examples are combined with a
// broad Allow, as the page intends them to be.
func TestLambdaVPCExamples(t *testing.T) {
	base := load(t, "caller-base.json")
	tests := []struct {
		file     string
		withBase bool
		calls    []vpcCall
	}{
		// "Ensure that users deploy only VPC-connected functions": Null.
		{"lambda-only-vpc-functions.json", true, []vpcCall{
			{"in a VPC", "vpc-1", []string{"subnet-1"}, []string{"sg-1"}, Allow, "LambdaDeveloper"},
			{"no VPC config", "", nil, nil, ExplicitDeny, "EnforceVPCFunction"},
		}},
		// "Deny users access to specific VPCs": StringEquals, single-valued.
		{"lambda-deny-vpcs.json", true, []vpcCall{
			{"denied VPC", "vpc-2", []string{"subnet-9"}, []string{"sg-9"}, ExplicitDeny, "EnforceOutOfVPC"},
			{"other VPC", "vpc-3", []string{"subnet-9"}, []string{"sg-9"}, Allow, "LambdaDeveloper"},
			{"no VPC config", "", nil, nil, Allow, "LambdaDeveloper"},
		}},
		// "... specific subnets or security groups": ForAnyValue denies as
		// soon as one listed id is used.
		{"lambda-deny-subnets-sgs.json", true, []vpcCall{
			{"one denied subnet among others", "vpc-3", []string{"subnet-3", "subnet-1"}, []string{"sg-9"}, ExplicitDeny, "EnforceOutOfSubnet"},
			{"one denied SG among others", "vpc-3", []string{"subnet-3"}, []string{"sg-9", "sg-2"}, ExplicitDeny, "EnforceOutOfSecurityGroups"},
			{"no denied id", "vpc-3", []string{"subnet-3", "subnet-4"}, []string{"sg-9"}, Allow, "LambdaDeveloper"},
			{"no VPC config", "", nil, nil, Allow, "LambdaDeveloper"},
		}},
		// "Allow users access to specific VPC settings": alone, the Allow is
		// the only grant.
		{"lambda-allow-vpcs.json", false, []vpcCall{
			{"allowed VPC", "vpc-1", []string{"subnet-1"}, []string{"sg-1"}, Allow, "EnforceStayInSpecificVpc"},
			{"other VPC", "vpc-3", []string{"subnet-1"}, []string{"sg-1"}, ImplicitDeny, ""},
			{"no VPC config", "", nil, nil, ImplicitDeny, ""},
		}},
		// ForAllValues: every subnet must be listed.
		{"lambda-allow-subnets.json", false, []vpcCall{
			{"all subnets allowed", "vpc-1", []string{"subnet-1", "subnet-2"}, []string{"sg-1"}, Allow, "EnforceStayInSpecificSubnets"},
			{"one subnet outside", "vpc-1", []string{"subnet-1", "subnet-3"}, []string{"sg-1"}, ImplicitDeny, ""},
			// The IAM guide's warning in action: ForAllValues "also returns
			// true if there are no context keys in the request"
			// (reference_policies_condition-single-vs-multi-valued-context-keys.html),
			// so the Allow admits a function with no VPC at all.
			{"no VPC config passes ForAllValues", "", nil, nil, Allow, "EnforceStayInSpecificSubnets"},
		}},
		{"lambda-allow-sgs.json", false, []vpcCall{
			{"all SGs allowed", "vpc-1", []string{"subnet-7"}, []string{"sg-2", "sg-1"}, Allow, "EnforceStayInSpecificSecurityGroup"},
			{"one SG outside", "vpc-1", []string{"subnet-7"}, []string{"sg-1", "sg-3"}, ImplicitDeny, ""},
		}},
	}
	for _, tt := range tests {
		policies := []*Policy{load(t, tt.file)}
		if tt.withBase {
			policies = append(policies, base)
		}
		for _, c := range tt.calls {
			t.Run(tt.file+"/"+c.name, func(t *testing.T) {
				for _, action := range []string{"lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"} {
					d := CallerAllows(policies, action, "orders", c.vpc, c.subnets, c.sgs)
					if d.Outcome != c.want || d.Sid != c.wantSid {
						t.Errorf("%s: got %v, want %v by Sid %q", action, d, c.want, c.wantSid)
					}
				}
			})
		}
	}
}

// TestPlainStringEqualsMissesMultiSubnetCalls shows why the linter flags
// the prose version of the subnet Deny: with a plain operator the Deny
// holds for a one-subnet call but not once a second subnet is added.
func TestPlainStringEqualsMissesMultiSubnetCalls(t *testing.T) {
	policies := []*Policy{load(t, "lambda-deny-subnets-plain.json"), load(t, "caller-base.json")}
	one := CallerAllows(policies, "lambda:CreateFunction", "f", "vpc-1", []string{"subnet-1"}, []string{"sg-1"})
	two := CallerAllows(policies, "lambda:CreateFunction", "f", "vpc-1", []string{"subnet-1", "subnet-3"}, []string{"sg-1"})
	if one.Outcome != ExplicitDeny || two.Outcome != Allow {
		t.Errorf("one subnet: %v; two subnets: %v", one, two)
	}
}
