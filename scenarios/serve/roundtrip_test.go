package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/enisim/enisim/scenarios/importer/awscli"
)

// The same answers feed `enisim import aws` back: the SDK's outputs,
// marshalled, have the CLI's member names, and the importer reads them
// into the account the session has.
func TestImportRoundTrip(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a", "subnet-default-1b"}, []string{"sg-default"})
	sv.waitActive(t, "orders")
	sv.create(t, "reports", []string{"subnet-default-1a"}, []string{"sg-app", "sg-default"})
	sv.waitActive(t, "reports")
	marshal := func(v any, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	fns := marshal(sv.lc.ListFunctions(ctx, &lambda.ListFunctionsInput{}))
	subnets := marshal(sv.ec.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{}))
	sgs := marshal(sv.ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{}))
	enis := marshal(sv.ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{ec2Filter("interface-type", "lambda")}}))
	l, err := awscli.Import(fns, subnets, sgs, enis)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.VPCs) != 1 || l.VPCs[0].ID != "vpc-default" || len(l.VPCs[0].Subnets) != 3 {
		t.Fatalf("imported VPCs: %+v", l.VPCs)
	}
	for _, s := range l.VPCs[0].Subnets {
		if s.Placeholder || s.CIDR == "" {
			t.Errorf("subnet %s imported without its CIDR", s.ID)
		}
	}
	got := map[string]int{}
	for _, f := range l.Functions {
		got[f.Name] = len(f.SubnetIDs)*10 + len(f.SecurityGroupIDs)
	}
	if got["orders"] != 21 || got["reports"] != 12 {
		t.Errorf("imported functions (subnets*10 + groups): %v, want orders 21, reports 12", got)
	}
	observed := 0
	for _, k := range l.Observed {
		observed += k.ENIs
	}
	if observed != 3 || len(l.Observed) != 3 {
		t.Errorf("observed %d ENIs in %d keys, want 3 in 3", observed, len(l.Observed))
	}
}

// The browser view's count is DescribeNetworkInterfaces' at the same moment.
func TestViewCountsWhatEC2Describes(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a", "subnet-default-1b"}, []string{"sg-default"})
	for range 3 {
		n := len(sv.enis(t)) // a read: at speed max it moves the clock first
		resp, err := http.Get(sv.url + "/enisim/state")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var v viewState
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		creating := 0
		for _, k := range v.Keys {
			for _, e := range k.ENIs {
				if e.State == "creating" {
					creating++
				}
			}
		}
		if v.ENIs != n {
			t.Errorf("the view shows %d ENIs (%d creating), DescribeNetworkInterfaces %d", v.ENIs, creating, n)
		}
	}
}

// A paced clock follows the wall clock at its speed, stands still while
// paused and goes on from where it stood.
func TestPacedClock(t *testing.T) {
	s, _ := Default()
	wall := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ss, err := New(s, Options{Speed: 60, Wall: func() time.Time { return wall }, Tick: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ss.Start()
	defer ss.Stop()
	at := func() time.Duration {
		var d time.Duration
		ss.Do(func() { ss.pace(); d = ss.now() })
		return d
	}
	wall = wall.Add(2 * time.Second)
	if got := at(); got != 2*time.Minute {
		t.Errorf("2 s of wall time at speed 60: %v virtual, want 2m0s", got)
	}
	ss.Pause()
	wall = wall.Add(10 * time.Second)
	if got := at(); got != 2*time.Minute {
		t.Errorf("paused: the clock moved to %v", got)
	}
	ss.Resume()
	ss.SetSpeed(600)
	wall = wall.Add(time.Second)
	if got := at(); got != 12*time.Minute {
		t.Errorf("resumed at 2m, 1 s at speed 600: %v, want 12m0s", got)
	}
}
