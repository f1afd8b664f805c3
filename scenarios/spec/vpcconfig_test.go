package spec

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseVPCConfig(t *testing.T) {
	good := []struct {
		in           string
		subnets, sgs []string
		v6           bool
	}{
		{"SubnetIds=a,b,SecurityGroupIds=x,y", []string{"a", "b"}, []string{"x", "y"}, false},
		{"SecurityGroupIds=x,SubnetIds=a", []string{"a"}, []string{"x"}, false},
		{"SubnetIds=[a,b],SecurityGroupIds=[x]", []string{"a", "b"}, []string{"x"}, false},
		{"SubnetIds=a, b, SecurityGroupIds=x", []string{"a", "b"}, []string{"x"}, false},
		{"SubnetIds=a,SecurityGroupIds=x,Ipv6AllowedForDualStack=true", []string{"a"}, []string{"x"}, true},
		{"Ipv6AllowedForDualStack=false,SubnetIds=a,SecurityGroupIds=x", []string{"a"}, []string{"x"}, false},
		{"SubnetIds=[],SecurityGroupIds=[]", []string{}, []string{}, false},
		{"SubnetIds=[ ],SecurityGroupIds=[]", []string{}, []string{}, false},
	}
	for _, c := range good {
		got, err := ParseVPCConfig(c.in)
		if err != nil {
			t.Errorf("ParseVPCConfig(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got.SubnetIDs, c.subnets) || !reflect.DeepEqual(got.SecurityGroupIDs, c.sgs) || got.IPv6DualStack != c.v6 {
			t.Errorf("ParseVPCConfig(%q) = %+v", c.in, got)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "empty vpcConfig"},
		{"subnet-a,SecurityGroupIds=x", `expected KEY=VALUE at "subnet-a"`},
		{"SubnetIds=a", "SecurityGroupIds is missing"},
		{"SecurityGroupIds=x", "SubnetIds is missing"},
		{"SubnetIDs=a,SecurityGroupIds=x", `unknown key "SubnetIDs" (did you mean SubnetIds?)`},
		{"Subnets=a,SecurityGroupIds=x", "valid keys: SubnetIds, SecurityGroupIds, Ipv6AllowedForDualStack"},
		{"SubnetIds=a,SubnetIds=b,SecurityGroupIds=x", "SubnetIds is given twice"},
		{"SubnetIds=a,,b,SecurityGroupIds=x", "empty id"},
		{"SubnetIds=,SecurityGroupIds=x", "SubnetIds= has no ids; write SubnetIds=[] for none"},
		{"SubnetIds=[a,b,SecurityGroupIds=x", "[ without ]"},
		{"SubnetIds=a],SecurityGroupIds=x", "] without ["},
		{"SubnetIds=[[a]],SecurityGroupIds=x", "nested ["},
		{"SubnetIds=[a],b,SecurityGroupIds=x", "a bracketed list must be the whole value"},
		{"SubnetIds=a=b,SecurityGroupIds=x", `"a=b" is not an id`},
		{"SubnetIds=a b,SecurityGroupIds=x", `"a b" is not an id`},
		{"SubnetIds=a,a,SecurityGroupIds=x", "a is listed twice"},
		{"SubnetIds=a,SecurityGroupIds=[]", "give both subnets and security groups, or neither"},
		{"SubnetIds=a,SecurityGroupIds=x,Ipv6AllowedForDualStack=yes", `Ipv6AllowedForDualStack takes true or false, not "yes"`},
		{"SubnetIds=a,SecurityGroupIds=x,Ipv6AllowedForDualStack=true,false", "takes true or false"},
		{"=a,SecurityGroupIds=x", `unknown key ""`},
	}
	for _, c := range bad {
		got, err := ParseVPCConfig(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseVPCConfig(%q) = %+v, %v; want error containing %q", c.in, got, err, c.msg)
		}
	}
}
