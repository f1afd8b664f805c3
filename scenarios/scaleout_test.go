package scenarios

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
)

// Hand-worked checks of what happens when an ENI cannot be had
// (docs/aws-behaviour.md#scale-out-failure, #refused-create-or-update,
// #role-kept-until-the-enis-are-deleted).

// enisOf returns the events of kind k about the pool key.
func (es events) enisOf(k eni.Kind, key string) []eni.Event {
	var out []eni.Event
	for _, e := range es {
		if e.Kind == k && e.Key == key {
			out = append(out, e)
		}
	}
	return out
}

// A /28 (11 addresses) with 9 held by other resources: "other" takes the
// 10th for its key, api the 11th. api runs 5/s for 1.1 s each, 2 ports an
// invocation on 10-port ENIs: 5 invocations fit, and the 5th passes
// scaleOutAt (8 ports), so api needs a second ENI as soon as it is Active
// (60 s), while the subnet is full. "other" is deleted at 2 min, its ENI at
// 7 min; api's key tries again 5 min (scaleOutRetry) after it was blocked,
// at about 6 min (still full), then at about 11 min, when it gets the
// freed address. Meanwhile a slot freed at t + 1.1 s serves the next
// arrival, at t + 1.2 s: 5 invocations succeed per 1.2 s and 5 - 5/1.2 =
// 0.83/s find no room and fail; while the second ENI is being created they
// wait for it instead.
func TestScaleOutBlockedStaysActiveAndRetries(t *testing.T) {
	s := base()
	s.Duration = 20 * time.Minute
	s.VPCs[0].Subnets[0].CIDR = netip.MustParsePrefix("10.0.0.0/28")
	s.VPCs[0].Subnets[0].UsedIPs = 9
	s.Hyperplane.PortsPerENI = 10
	s.Hyperplane.ScaleOutRetry = 5 * time.Minute
	api := fn("api", 5, "subnet-a")
	api.Init = spec.Dist{Kind: "fixed"}
	api.Duration = spec.Dist{Kind: "fixed", Value: 1100 * time.Millisecond}
	api.Connections = spec.Connections{PerEnvironment: 0, PerInvocation: 2}
	other := fn("other", 0, "subnet-a")
	other.VPCConfig.SecurityGroupIDs = []string{"sg-db"}
	other.Arrivals = nil
	s.Functions = []spec.Function{api, other}
	s.Timeline = []spec.Action{{At: 2 * time.Minute, Action: "DeleteFunction", Function: "other"}}
	x, es := buildPermissions(t, s)
	f, st := permFunction(t, x, "api")
	const key = "subnet-a+[sg-app]"

	runUntil(t, x, 10*time.Minute)
	if f.State != eni.Active || st.Errors[eni.ErrSubnetIPLimit] == 0 {
		t.Fatalf("at 10m: %v (%s), errors %v; want Active, with SubnetIPAddressLimitReachedException", f.State, f.Reason, st.Errors)
	}
	blocked := es.enisOf(eni.ScaleOutBlocked, key)
	if len(blocked) != 1 || blocked[0].Reason != eni.SubnetOutOfIPAddresses || blocked[0].At < time.Minute || blocked[0].At > 62*time.Second {
		t.Fatalf("scale-out blocked events %+v, want one at about 61 s (SubnetOutOfIPAddresses)", blocked)
	}
	if n := len(es.enisOf(eni.ENICreating, key)); n != 1 {
		t.Errorf("at 10m: %d ENIs started for %s, want 1: the address freed at 7m waits for the retry", n, key)
	}
	runUntil(t, x, 11*time.Minute+time.Second) // the retry at about 11m 1s
	atRetry := st.Errors[eni.ErrSubnetIPLimit]
	runUntil(t, x, 14*time.Minute)
	at14 := st.Errors[eni.ErrSubnetIPLimit]
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	creating := es.enisOf(eni.ENICreating, key)
	tb := blocked[0].At
	if len(creating) != 2 || creating[1].At < tb+10*time.Minute || creating[1].At > tb+10*time.Minute+time.Second {
		t.Fatalf("ENIs started for %s: %+v; want the second at the second retry, %v + 10m", key, creating, tb)
	}
	p := x.Model.Pools[0]
	if f.State != eni.Active || int64(p.Refused) != st.Errors[eni.ErrSubnetIPLimit] {
		t.Errorf("at the end: %v, pool refused %d of %v; want Active, every error refused by the pool", f.State, p.Refused, st.Errors)
	}
	if got, want := float64(atRetry), (5-5/1.2)*(creating[1].At-tb).Seconds(); got < 0.97*want || got > 1.03*want {
		t.Errorf("%v SubnetIPAddressLimitReachedException until the retry that succeeds, want %.0f", got, want)
	}
	// Two ENIs carry 10 invocations: once the backlog that waited for the
	// second is placed, nothing fails.
	if st.Errors[eni.ErrSubnetIPLimit] != at14 {
		t.Errorf("%d errors after 14m, want none", st.Errors[eni.ErrSubnetIPLimit]-at14)
	}
}

// A create on two subnets, the second full: the function is Failed, and
// the ENI already started in the first subnet is given back at once (not
// kept until it is ready): it is deleted deleteDelay (5 min) after the
// refusal. The same for an update to a new security-group set.
func TestRefusedCreateAndUpdateGiveENIsBack(t *testing.T) {
	s := base()
	s.Duration = 30 * time.Minute
	s.VPCs[0].Subnets[1].UsedIPs = 251 // subnet-b: a /24 with no address left
	two := fn("two", 0, "subnet-a", "subnet-b")
	two.Arrivals = nil
	one := fn("one", 1, "subnet-a")
	s.Functions = []spec.Function{two, one}
	s.Timeline = []spec.Action{{At: 10 * time.Minute, Action: "UpdateFunctionConfiguration", Function: "one",
		VPCConfig: &spec.VPCConfig{SubnetIDs: []string{"subnet-a", "subnet-b"}, SecurityGroupIDs: []string{"sg-db"}}}}
	x, es := buildPermissions(t, s)
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	ft, _ := permFunction(t, x, "two")
	fo, st := permFunction(t, x, "one")
	if ft.State != eni.Failed || ft.Reason != eni.SubnetOutOfIPAddresses {
		t.Errorf("two: %v (%s), want Failed (SubnetOutOfIPAddresses)", ft.State, ft.Reason)
	}
	if fo.State != eni.Active || fo.LastUpdate != eni.UpdateFailed || fo.LastUpdateReason != eni.SubnetOutOfIPAddresses || st.Succeeded < 1735 { // 1,800 arrivals, 60 of them while Pending
		t.Errorf("one: %v, LastUpdateStatus %v (%s), %d succeeded; want Active, Failed (SubnetOutOfIPAddresses), the old configuration serving",
			fo.State, fo.LastUpdate, fo.LastUpdateReason, st.Succeeded)
	}
	for _, c := range []struct {
		key string
		at  time.Duration
	}{{"subnet-a+[sg-app]", 0}, {"subnet-a+[sg-db]", 10 * time.Minute}} {
		back, gone := es.enisOf(eni.ENIGivenBack, c.key), es.enisOf(eni.ENIDeleted, c.key)
		if c.key == "subnet-a+[sg-app]" {
			// two's ENI; one shares the key and takes an ENI of its own
			// after two's was given back.
			if len(back) != 1 || back[0].At != c.at {
				t.Errorf("%s: given back %+v, want once at %v", c.key, back, c.at)
			}
			continue
		}
		if len(back) != 1 || back[0].At != c.at || len(gone) != 1 || gone[0].At != c.at+5*time.Minute {
			t.Errorf("%s: given back %+v, deleted %+v; want at %v and %v", c.key, back, gone, c.at, c.at+5*time.Minute)
		}
	}
}

// An UpdateRole that takes ec2:DeleteNetworkInterface away, then
// DeleteFunction: Lambda cannot delete the function's ENI when it is due,
// so it is orphaned and keeps its address; without the UpdateRole it goes.
func TestRoleLostBeforeDeletionOrphansENI(t *testing.T) {
	for _, lose := range []bool{true, false} {
		s := base()
		s.Duration = 30 * time.Minute
		f := fn("api", 1, "subnet-a")
		f.Arrivals = nil
		s.Functions = []spec.Function{f}
		s.Timeline = []spec.Action{{At: 10 * time.Minute, Action: "DeleteFunction", Function: "api"}}
		if lose {
			s.Timeline = append([]spec.Action{{At: 5 * time.Minute, Action: "UpdateRole", Function: "api",
				Role: &spec.Role{ManagedPolicies: []string{"AWSLambdaBasicExecutionRole"}}}}, s.Timeline...)
		}
		x, es := buildPermissions(t, s)
		if err := x.Run(); err != nil {
			t.Fatal(err)
		}
		r := x.Report()
		orphaned := es.enisOf(eni.ENIOrphaned, "subnet-a+[sg-app]")
		switch {
		case lose && (r.ENIs.Orphaned != 1 || r.ENIs.Final != 1 || r.ENIs.ByKey[0].Orphaned != 1 || len(orphaned) != 1 ||
			orphaned[0].At != 15*time.Minute || orphaned[0].Function != "api" || r.Subnets[0].PeakIPsUsed != 1):
			t.Errorf("role lost: report %+v, orphaned events %+v; want the ENI orphaned at 15m, kept", r.ENIs, orphaned)
		case !lose && (r.ENIs.Orphaned != 0 || r.ENIs.Final != 0 || r.ENIs.Deleted != 1 || len(orphaned) != 0):
			t.Errorf("role kept: report %+v; want the ENI deleted at 15m", r.ENIs)
		}
	}
}

// What CreateFunction does with ENI permissions scoped to resources
// (docs/aws-behaviour.md#resource-scoped-eni-permissions): Lambda checks
// Describe on "*" and Delete on an ENI not created yet, so a Delete grant
// on a named ENI, or a Describe grant on an ARN, is refused naming the
// action; Delete on every resource of the account, as AWS advises, works.
func TestResourceScopedRoleAtCreate(t *testing.T) {
	for _, c := range []struct {
		name, describe, del string
		want                eni.Outcome
		missing             string
	}{
		{"delete on the account's resources", "*", "arn:aws:ec2:us-east-1:123456789012:*/*", eni.OK, ""},
		{"delete on one named ENI", "*", "arn:aws:ec2:us-east-1:123456789012:network-interface/eni-0abc1234def567890", eni.InvalidParameterValue, "DeleteNetworkInterface"},
		{"describe on an ARN", "arn:aws:ec2:us-east-1:123456789012:*/*", "*", eni.InvalidParameterValue, "DescribeNetworkInterfaces"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := base()
			f := fn("api", 0, "subnet-a")
			f.Arrivals = nil
			f.Role = &spec.Role{Policies: []spec.PolicyDoc{{JSON: []byte(`{"Version": "2012-10-17", "Statement": [
				{"Effect": "Allow", "Action": "ec2:CreateNetworkInterface", "Resource": "*"},
				{"Effect": "Allow", "Action": "ec2:DescribeNetworkInterfaces", "Resource": "` + c.describe + `"},
				{"Effect": "Allow", "Action": "ec2:DeleteNetworkInterface", "Resource": "` + c.del + `"}]}`)}}}
			s.Functions = []spec.Function{f}
			x, es := buildPermissions(t, s)
			if err := x.Run(); err != nil {
				t.Fatal(err)
			}
			e, ok := es.first(func(e eni.Event) bool { return e.Kind == eni.CreateFunction })
			if !ok || e.Outcome != c.want || c.missing != "" && !strings.Contains(e.Detail, "call "+c.missing+" on EC2") {
				t.Errorf("CreateFunction: %+v, want %v naming %q", e, c.want, c.missing)
			}
			if r := x.Report(); (c.want == eni.OK) != (r.ENIs.Created == 1) {
				t.Errorf("%d ENIs created", r.ENIs.Created)
			}
		})
	}
}

// Requests that waited for an ENI being created, when it is ready and has
// no room and the key cannot grow, fail then with the key's invoke error;
// they used to wait for the rest of the run. One port per ENI and one per
// environment, a VPC quota of 3 ENIs, 10 arrivals a second of 1 s each:
// the first three environments get ENIs (the create's and two scale-outs),
// the fourth scale-out is blocked (EniLimitExceeded), and every later
// request that cannot have a port fails, at once or when the ENIs it
// waited for are ready. So at the end nothing waits: at most the three
// environments on the three ENIs run, and every other request is counted.
func TestWaitersFailWhenTheBlockedKeysENIsAreReady(t *testing.T) {
	s := base()
	s.Duration = time.Hour
	s.VPCs[0].ENIQuota = 3
	s.Hyperplane.PortsPerENI = 1
	s.Hyperplane.CreationDelay = spec.Dist{Kind: "fixed", Value: time.Second}
	f := fn("many", 10, "subnet-a")
	f.Init = spec.Dist{Kind: "fixed", Value: 10 * time.Millisecond}
	f.Duration = spec.Dist{Kind: "fixed", Value: time.Second}
	f.Connections = spec.Connections{PerEnvironment: 1, PerInvocation: 0}
	s.Functions = []spec.Function{f}
	r := run(t, s)
	st := r.Functions[0]
	if st.InFlight > 3 {
		t.Errorf("%d requests in flight at the end, want at most the 3 on the 3 ENIs: the others waited for ever", st.InFlight)
	}
	var failed int64 // ResourceConflictException while Pending, the ENI limit after
	for _, n := range st.Errors {
		failed += n
	}
	if st.Errors[eni.ErrENILimit] == 0 || st.Succeeded+failed+st.Throttled+st.InFlight != st.Invocations {
		t.Errorf("%d invocations: %d succeeded, errors %v, %d throttled, %d in flight; want them to add up, with %s",
			st.Invocations, st.Succeeded, st.Errors, st.Throttled, st.InFlight, eni.ErrENILimit)
	}
}

// LastUpdateStatus is the last update's: after a VPC change that failed,
// an UpdateFunctionCode (or a change of other settings), which needs no
// ENI, succeeds, and the status is Successful again.
func TestCodeUpdateAfterAFailedUpdateIsSuccessful(t *testing.T) {
	s := base()
	s.Duration = 30 * time.Minute
	s.VPCs[0].Subnets[1].UsedIPs = 251 // subnet-b: no address left
	one := fn("one", 1, "subnet-a")
	s.Functions = []spec.Function{one}
	s.Timeline = []spec.Action{
		{At: 10 * time.Minute, Action: "UpdateFunctionConfiguration", Function: "one",
			VPCConfig: &spec.VPCConfig{SubnetIDs: []string{"subnet-b"}, SecurityGroupIDs: []string{"sg-app"}}},
		{At: 12 * time.Minute, Action: "UpdateFunctionCode", Function: "one"},
	}
	x, _ := buildPermissions(t, s)
	f, _ := permFunction(t, x, "one")
	runUntil(t, x, 11*time.Minute)
	if f.LastUpdate != eni.UpdateFailed {
		t.Fatalf("after the VPC change: LastUpdateStatus %v, want Failed", f.LastUpdate)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	if f.LastUpdate != eni.Successful || f.LastUpdateReason != eni.NoReason || f.State != eni.Active {
		t.Errorf("after the code update: %v, LastUpdateStatus %v (%s); want Active, Successful", f.State, f.LastUpdate, f.LastUpdateReason)
	}
}

// A deleted function has no keys: the JSON report writes an empty list,
// not null, as it writes every list.
func TestDeletedFunctionHasAnEmptyKeyList(t *testing.T) {
	s := base()
	f := fn("gone", 0, "subnet-a")
	f.Arrivals = nil
	s.Functions = []spec.Function{f}
	s.Timeline = []spec.Action{{At: 2 * time.Minute, Action: "DeleteFunction", Function: "gone"}}
	b, err := json.Marshal(run(t, s).Functions[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"keys":[]`) {
		t.Errorf("a deleted function's report: %s, want \"keys\":[]", b)
	}
}
