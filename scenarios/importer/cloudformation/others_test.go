package cloudformation

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/spec"
)

// writeAndRun writes the layout as a scenario and runs it as written
// (importer.Verify, what enisim import reports); it returns the run's
// summary and the scenario.
func writeAndRun(t *testing.T, l *importer.Layout) (*importer.Summary, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := importer.Verify("out.yaml", buf.Bytes(), ".")
	if err != nil {
		t.Fatalf("the scenario does not run: %v\n%s", err, buf.Bytes())
	}
	return sum, buf.Bytes()
}

// TestOtherIPUsers: the addresses the template's other resources take in
// the Lambda subnets are counted, by hand:
//
//	SubnetA: mount 1 + endpoint 1 + RDS primary 1 + cache 1 + Neptune 2 (1st, 3rd) + NAT 1 = 7
//	SubnetB: mount 1 + endpoint 1 + RDS standby 1 + cache 1 + Neptune 1 (2nd)         = 5
//
// and the two mount targets take 2 of the VPC's Lambda ENI quota. The run
// adds one Lambda ENI per subnet. Before, only the NAT gateway was counted.
func TestOtherIPUsers(t *testing.T) {
	l, err := Import([]string{filepath.Join("testdata", "cases", "other-ip-users")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]int{}
	for _, s := range l.VPCs[0].Subnets {
		for _, u := range s.IPUsers {
			used[s.ID] += u.IPs
		}
	}
	if used["subnet-a"] != 7 || used["subnet-b"] != 5 {
		t.Errorf("other users take %v; want subnet-a 7, subnet-b 5", used)
	}
	quota := 0
	for _, u := range l.VPCs[0].QuotaUsers {
		quota += u.IPs
	}
	if quota != 2 {
		t.Errorf("mount targets take %d of the quota, want 2", quota)
	}
	sum, scen := writeAndRun(t, l)
	for _, s := range sum.Subnets {
		if want := int64(used[s.ID] + 1); s.PeakIPsUsed != want {
			t.Errorf("run: %s peak %d addresses, want %d (others + 1 Lambda ENI)", s.ID, s.PeakIPsUsed, want)
		}
	}
	if !bytes.Contains(scen, []byte(fmt.Sprintf("eniQuota: %d", spec.DefaultVPCENIQuota-2))) {
		t.Errorf("the VPC's eniQuota is not lowered by the 2 mount targets:\n%s", scen)
	}
}
