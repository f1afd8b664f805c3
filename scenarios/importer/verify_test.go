package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/spec"
)

// twoSubnets is a layout of two /24 subnets (251 usable addresses each)
// and one group in vpc-a, with the functions fns.
func twoSubnets(fns ...Function) *Layout {
	return &Layout{Source: "test", VPCs: []VPC{{ID: "vpc-a", Tenancy: "default",
		Subnets: []Subnet{{ID: "sn-1", AZ: "us-east-1a", CIDR: "10.0.1.0/24"}, {ID: "sn-2", AZ: "us-east-1b", CIDR: "10.0.2.0/24"}},
		SGs:     []SG{{ID: "sg-1"}}}}, Functions: fns}
}

func write(t *testing.T, l *Layout) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteScenario(&buf, l, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func verify(t *testing.T, l *Layout) *Summary {
	t.Helper()
	data := write(t, l)
	s, err := Verify("out.yaml", data, ".")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return s
}

// TestVerifyCountsTheRun: two functions sharing one (subnet, SG set) pool
// in each of two subnets make 2 keys and 2 ENIs, not 4 (a key is shared);
// a third, not in a VPC, adds none.
func TestVerifyCountsTheRun(t *testing.T) {
	vpc := func(n string) Function {
		return Function{Name: n, SubnetIDs: []string{"sn-1", "sn-2"}, SecurityGroupIDs: []string{"sg-1"}}
	}
	s := verify(t, twoSubnets(vpc("a"), vpc("b"), Function{Name: "c"}))
	if s.Functions != 3 || s.ENIs != 2 || !slices.Equal(s.Keys, []string{"sn-1|sg-1", "sn-2|sg-1"}) || len(s.Refused) != 0 {
		t.Errorf("summary %+v; want 3 functions, keys sn-1|sg-1 and sn-2|sg-1, 2 ENIs, none refused", s)
	}
	for _, sn := range s.Subnets {
		if sn.CapacityIPs != 251 || sn.PeakIPsUsed != 1 {
			t.Errorf("subnet %+v: want capacity 251 (a /24 less 5), 1 address used", sn)
		}
	}
}

// TestVerifyNamesRefusals: a role without ENI permissions and a group of
// another VPC are refused by CreateFunction; the summary names each, why,
// and counts no ENI for them.
func TestVerifyNamesRefusals(t *testing.T) {
	l := twoSubnets(
		Function{Name: "norole", SubnetIDs: []string{"sn-1"}, SecurityGroupIDs: []string{"sg-1"},
			Role: &Role{ManagedPolicies: []string{"AWSLambdaBasicExecutionRole"}}},
		Function{Name: "othervpc", SubnetIDs: []string{"sn-2"}, SecurityGroupIDs: []string{"sg-b"}},
		Function{Name: "ok", SubnetIDs: []string{"sn-2"}, SecurityGroupIDs: []string{"sg-1"}})
	l.VPCs = append(l.VPCs, VPC{ID: "vpc-b", Subnets: []Subnet{{ID: "sn-b", AZ: "us-east-1a", CIDR: "10.1.0.0/24"}}, SGs: []SG{{ID: "sg-b"}}})
	s := verify(t, l)
	if s.ENIs != 1 || len(s.Refused) != 2 {
		t.Fatalf("summary %+v; want 1 ENI (function ok) and 2 refused", s)
	}
	byName := map[string]Refusal{}
	for _, r := range s.Refused {
		byName[r.Function] = r
	}
	if r := byName["norole"]; r.Error != "InvalidParameterValueException" || !strings.Contains(r.Reason, "CreateNetworkInterface") {
		t.Errorf("norole: %+v; want InvalidParameterValueException naming CreateNetworkInterface", r)
	}
	if r := byName["othervpc"]; r.Error != "InvalidParameterValueException" || !strings.Contains(r.Reason, "sg-b") {
		t.Errorf("othervpc: %+v; want InvalidParameterValueException naming sg-b", r)
	}
}

// TestUnknownAZStaysUnknown: subnets whose zone the source does not give
// are written as az: unknown, listed as assumptions, and do not trigger
// the loader's "every subnet is in one Availability Zone" warning.
func TestUnknownAZStaysUnknown(t *testing.T) {
	l := twoSubnets(Function{Name: "f", SubnetIDs: []string{"sn-1", "sn-2"}, SecurityGroupIDs: []string{"sg-1"}})
	l.VPCs[0].Subnets[0].AZ, l.VPCs[0].Subnets[1].AZ = "", ""
	data := write(t, l)
	if n := strings.Count(string(data), "\n        az: unknown\n"); n != 2 {
		t.Errorf("%d subnets written with az: unknown, want 2:\n%s", n, data)
	}
	s := verify(t, l)
	for _, w := range s.Warnings {
		if strings.Contains(w, "one Availability Zone") {
			t.Errorf("an invented zone triggered: %s", w)
		}
	}
	n := 0
	for _, a := range AllAssumptions(l, nil) {
		if strings.Contains(a.What, "Availability Zone of sn-1, sn-2") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d AZ assumptions naming both subnets, want 1", n)
	}
}

// TestOtherIPUsers: the addresses other resources take are added to
// usedIPs with a comment each, and EFS mount targets lower the VPC's
// Lambda ENI quota; the run sees both.
func TestOtherIPUsers(t *testing.T) {
	l := twoSubnets(Function{Name: "f", SubnetIDs: []string{"sn-1"}, SecurityGroupIDs: []string{"sg-1"}})
	l.VPCs[0].Subnets[0].IPUsers = []IPUser{{Origin: "NAT gateway N", IPs: 1}, {Origin: "interface endpoint E", IPs: 1}, {Origin: "EFS mount target M", IPs: 1}}
	l.VPCs[0].QuotaUsers = []IPUser{{Origin: "EFS mount target M", IPs: 1}}
	data := string(write(t, l))
	for _, want := range []string{"# 1 address(es) for NAT gateway N", "# 1 address(es) for interface endpoint E", "usedIPs: 3", fmt.Sprintf("eniQuota: %d", spec.DefaultVPCENIQuota-1)} {
		if !strings.Contains(data, want) {
			t.Errorf("scenario lacks %q:\n%s", want, data)
		}
	}
	s := verify(t, l)
	for _, sn := range s.Subnets {
		if sn.ID == "sn-1" && sn.PeakIPsUsed != 4 {
			t.Errorf("sn-1 peak %d addresses, want 3 other users + 1 Lambda ENI", sn.PeakIPsUsed)
		}
	}
}
