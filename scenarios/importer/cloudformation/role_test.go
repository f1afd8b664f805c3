package cloudformation

import (
	"strings"
	"testing"
)

// roleTemplate is a VPC function whose role has the given ManagedPolicyArns.
func roleTemplate(arns string) string {
	return `Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Sn: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {VpcId: !Ref Vpc, GroupDescription: g}}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: ` + arns + `
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      VpcConfig: {SubnetIds: [!Ref Sn], SecurityGroupIds: [!Ref Sg]}
`
}

// TestPartlyHiddenRoles: a role with a policy whose document the importer
// cannot read (a customer managed policy outside the templates, an AWS
// managed policy enisim does not embed) and no ENI permissions in what it
// can read follows the one rule for roles it cannot see: no role is
// written, an assumption says so, and the run creates the ENI. Before, the
// visible part alone was written and every create was refused. A role
// whose every policy is visible and lacks the permissions is still refused.
func TestPartlyHiddenRoles(t *testing.T) {
	basic := "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	cases := []struct {
		name, arns string
		refused    bool
	}{
		{"customer managed policy", "[" + basic + ", arn:aws:iam::123456789012:policy/network-access]", false},
		{"unembedded AWS policy", "[" + basic + ", arn:aws:iam::aws:policy/AmazonEC2FullAccess]", false},
		{"all visible, no ENI permissions", "[" + basic + "]", true},
		{"all visible, VPC access", "[" + basic + ", arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := ImportBytes([]string{"t.yaml"}, [][]byte{[]byte(roleTemplate(c.arns))}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			sum, _ := writeAndRun(t, l)
			if got := len(sum.Refused) == 1; got != c.refused || sum.ENIs != map[bool]int64{true: 0, false: 1}[c.refused] {
				t.Errorf("refused %v, %d ENIs; want refused %v", sum.Refused, sum.ENIs, c.refused)
			}
			assumed := false
			for _, a := range l.Assumptions {
				assumed = assumed || strings.Contains(a.What, "treated like a role enisim cannot see")
			}
			if hidden := !c.refused && !strings.Contains(c.name, "visible"); assumed != hidden {
				t.Errorf("unseen-role assumption %v, want %v: %v", assumed, hidden, l.Assumptions)
			}
		})
	}
}
