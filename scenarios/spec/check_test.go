package spec

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

func TestWarnings(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"dedicated tenancy", edit(4, "  - id: vpc-a\n    tenancy: dedicated"),
			[]string{`s.yaml:12:16: functions.f.vpcConfig: vpc-a has dedicated tenancy, which Lambda cannot attach to; AWS refuses this (InvalidParameterValueException)`}},
		{"one AZ", edit(11, "    vpcConfig: SubnetIds=subnet-a,SecurityGroupIds=sg-a"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: every subnet is in one Availability Zone`}},
		{"subnets of two VPCs, SGs of another VPC", edit(8, "    securityGroups: [sg-a]\n  - id: vpc-b\n    subnets: [{id: subnet-c, az: us-east-1c, cidr: 10.1.0.0/24}]\n    securityGroups: [sg-b]") +
			"  - name: g\n    vpcConfig: SubnetIds=subnet-c,SecurityGroupIds=sg-a\n" +
			"  - name: h\n    vpcConfig: SubnetIds=subnet-a,subnet-c,SecurityGroupIds=sg-b\n",
			[]string{
				`s.yaml:16:16: functions.g.vpcConfig: security group sg-a is in vpc-a but the subnets are in vpc-b; AWS refuses this`,
				`s.yaml:16:16: functions.g.vpcConfig: every subnet is in one Availability Zone`,
				`s.yaml:18:16: functions.h.vpcConfig: the subnets are in 2 VPCs (vpc-a and vpc-b); AWS refuses this`,
			}},
		{"non-canonical CIDR", edit(7, "      - {id: subnet-b, az: us-east-1b, cidr: 10.0.3.0/23}"),
			[]string{`s.yaml:7:46: vpcs.vpc-a.subnets.subnet-b.cidr: 10.0.3.0/23 has host bits set; EC2 canonicalises it to 10.0.2.0/23`}},
		{"role without ENI actions", net + "    role: {managedPolicies: [AWSLambdaBasicExecutionRole]}\n",
			[]string{`s.yaml:12:11: functions.f.role: lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface, which Lambda needs`}},
		// The actions are plain scalars with colons in a flow list in a flow
		// mapping, which go-yaml alone reads as mappings.
		{"role with some ENI actions", net + "    role: {actions: [ec2:CreateNetworkInterface, 'ec2:Describe*']}\n",
			[]string{`s.yaml:12:11: functions.f.role: lacks ec2:DeleteNetworkInterface, which`}},
		{"role granting by policy", net + "    role: {policies: [{Statement: [{Effect: Allow, Action: ['EC2:*networkinterface*'], Resource: '*'}]}]}\n", nil},
		{"role granting by a single statement", net + "    role: {policies: [{Statement: {Effect: Allow, Action: 'ec2:*', Resource: '*'}}]}\n", nil},
		{"Deny is not a grant", net + "    role: {policies: [{Statement: {Effect: Deny, Action: 'ec2:*', Resource: '*'}}]}\n",
			[]string{`s.yaml:12:11: functions.f.role: lacks ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface`}},
		{"role granting by managed policy ARN", net + "    role: {managedPolicies: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']}\n", nil},
		{"role of a function without VPC", edit(11, "    role: {managedPolicies: []}"), nil},
		{"role of a function attached later", edit(11, "    role: {managedPolicies: []}") +
			"timeline:\n  - {at: 1m, action: UpdateFunctionConfiguration, function: f, vpcConfig: 'SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-a'}\n",
			[]string{`s.yaml:11:11: functions.f.role: lacks`}},
		{"at the end happens", net + "    createAt: 1h\ntimeline:\n  - {at: 1h, action: DeleteFunction, function: f}\n", nil},
		{"after the end", net + "    createAt: 2h\ntimeline:\n  - {at: 1h0m1s, action: DeleteFunction, function: f}\n",
			[]string{`s.yaml:10:5: functions.f: createAt 2h0m0s is after the end of the run (1h0m0s)`,
				`s.yaml:14:5: timeline.0: at 1h0m1s is after the end of the run (1h0m0s): DeleteFunction never happens`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := parseSrc(c.src)
			if err != nil {
				t.Fatal(err)
			}
			checkWarnings(t, s, c.want...)
		})
	}
}

func TestCanonicalCIDRIsStored(t *testing.T) {
	s, err := parseSrc(edit(7, "      - {id: subnet-b, az: us-east-1b, cidr: 10.0.3.0/23}"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.VPCs[0].Subnets[1].CIDR; got != netip.MustParsePrefix("10.0.2.0/23") {
		t.Errorf("CIDR = %s, want 10.0.2.0/23", got)
	}
}

// TestTooManyIDs builds a function with 17 subnets and 6 security groups.
func TestTooManyIDs(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: t\nduration: 1h\nvpcs:\n  - id: vpc-a\n    subnets:\n")
	var subnets, sgs []string
	for i := range 17 {
		fmt.Fprintf(&b, "      - {id: s%d, az: az%d, cidr: 10.0.%d.0/24}\n", i, i%3, i)
		subnets = append(subnets, fmt.Sprintf("s%d", i))
	}
	for i := range 6 {
		sgs = append(sgs, fmt.Sprintf("sg%d", i))
	}
	fmt.Fprintf(&b, "    securityGroups: [%s]\n", strings.Join(sgs, ", "))
	fmt.Fprintf(&b, "functions:\n  - name: f\n    vpcConfig: SubnetIds=%s,SecurityGroupIds=%s\n", strings.Join(subnets, ","), strings.Join(sgs, ","))
	s, err := parseSrc(b.String())
	if err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, s,
		"s.yaml:26:16: functions.f.vpcConfig: 17 subnets, more than the 16 Lambda allows; AWS refuses this",
		"s.yaml:26:16: functions.f.vpcConfig: 6 security groups, more than the 5 Lambda allows; AWS refuses this")
}

func TestWildcardMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "ec2:createnetworkinterface", true},
		{"ec2:*", "ec2:createnetworkinterface", true},
		{"ec2:create*", "ec2:createnetworkinterface", true},
		{"ec2:*network*", "ec2:createnetworkinterface", true},
		{"ec2:?reatenetworkinterface", "ec2:createnetworkinterface", true},
		{"ec2:delete*", "ec2:createnetworkinterface", false},
		{"ec2:createnetworkinterface*x", "ec2:createnetworkinterface", false},
		{"ec2", "ec2:createnetworkinterface", false},
		{"", "", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
	} {
		if got := wildcardMatch(c.pattern, c.s); got != c.want {
			t.Errorf("wildcardMatch(%q, %q) = %v", c.pattern, c.s, got)
		}
	}
}
