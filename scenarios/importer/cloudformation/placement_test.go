package cloudformation

import (
	"strings"
	"testing"
)

// TestOutsideIDsJoinTheTemplatesVPC: subnets and groups known only by id
// are placed in the VPC the template says: its VpcId parameter when
// nothing else does, the security groups' VPC when a group of the
// templates is used with them; else in the one shared placeholder VPC.
// Never in a VPC that would make Lambda refuse the function, and never in
// an invented Availability Zone.
func TestOutsideIDsJoinTheTemplatesVPC(t *testing.T) {
	tpl := `Parameters:
  VpcId: {Type: "AWS::EC2::VPC::Id"}
  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}
  Sg: {Type: "AWS::EC2::SecurityGroup::Id"}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      VpcConfig: {SubnetIds: !Ref Subnets, SecurityGroupIds: [!Ref Sg]}
`
	vpcOf := func(params map[string]string) map[string]string {
		t.Helper()
		l, err := ImportBytes([]string{"t.yaml"}, [][]byte{[]byte(tpl)}, Options{Params: params})
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := writeAndRun(t, l)
		if len(sum.Refused) != 0 || sum.ENIs != 2 {
			t.Errorf("run: refused %v, %d ENIs; want none refused, 2 ENIs", sum.Refused, sum.ENIs)
		}
		// Their zones are unknown, not invented: no "one AZ" warning
		// (both were written in us-east-1a before).
		for _, w := range sum.Warnings {
			if strings.Contains(w, "one Availability Zone") {
				t.Errorf("an invented zone triggered: %s", w)
			}
		}
		out := map[string]string{}
		for _, v := range l.VPCs {
			for _, s := range v.Subnets {
				out[s.ID] = v.ID
			}
			for _, g := range v.SGs {
				out[g.ID] = v.ID
			}
		}
		return out
	}
	given := map[string]string{"Subnets": "subnet-0a,subnet-0b", "Sg": "sg-0c"}
	got := vpcOf(given)
	for _, id := range []string{"subnet-0a", "subnet-0b", "sg-0c"} {
		if got[id] != "vpc-placeholder" {
			t.Errorf("without VpcId: %s in %q, want vpc-placeholder", id, got[id])
		}
	}
	given["VpcId"] = "vpc-0d"
	got = vpcOf(given)
	for _, id := range []string{"subnet-0a", "subnet-0b", "sg-0c"} {
		if got[id] != "vpc-0d" {
			t.Errorf("with VpcId=vpc-0d: %s in %q, want vpc-0d", id, got[id])
		}
	}
}
