package eni

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/enisim/enisim/sim"
)

type fixed time.Duration

func (f fixed) Sample() time.Duration { return time.Duration(f) }

const creation = 60 * time.Second
const deletion = 5 * time.Minute

// world is a VPC with two /24 subnets and three security groups; ENIs take
// 60 s to create and 5 min to delete once unused.
func world(t *testing.T) (*Model, *sim.Engine) {
	t.Helper()
	eng := sim.New(1)
	m := New(eng, Params{
		PortsPerENI: 100, ScaleOutAt: 0.8, IdleReclaim: 24 * time.Hour, RegionENIQuota: 5000,
		Delays: func(string) (Dist, Dist) { return fixed(creation), fixed(deletion) },
	})
	v := m.AddVPC("vpc-1", false, 250, []string{"sg-a", "sg-b", "sg-c"})
	v.NewSubnet("subnet-1", "az1", netip.MustParsePrefix("10.0.1.0/24"), 0)
	v.NewSubnet("subnet-2", "az2", netip.MustParsePrefix("10.0.2.0/24"), 0)
	m.Register(v)
	return m, eng
}

func both() []string { return []string{"subnet-1", "subnet-2"} }

func TestSameKeySharesENIsAndSkipsPending(t *testing.T) {
	m, eng := world(t)
	a, b, c := m.NewFunction("a"), m.NewFunction("b"), m.NewFunction("c")
	if got := a.Create(both(), []string{"sg-a"}, nil); got != OK || a.State != Pending || a.Reason != Creating {
		t.Fatalf("create a: %s, %v (%s)", got, a.State, a.Reason)
	}
	eng.RunUntil(creation)
	if a.State != Active || a.LastUpdate != Successful {
		t.Fatalf("a after the creation delay: %v, %v", a.State, a.LastUpdate)
	}
	b.Create([]string{"subnet-2", "subnet-1"}, []string{"sg-a", "sg-a"}, nil) // order and duplicates don't matter
	if b.State != Active || b.PendingSeconds() != 0 {
		t.Errorf("b on ready keys: %v after %v s Pending", b.State, b.PendingSeconds())
	}
	c.Create(both(), []string{"sg-a", "sg-b"}, nil) // another SG set: new keys
	if c.State != Pending || m.ENIs.Value() != 4 {
		t.Errorf("c: %v with %d ENIs; want Pending, 4", c.State, m.ENIs.Value())
	}
	if got := m.subnet("subnet-1").ENIs; got != 2 {
		t.Errorf("subnet-1 holds %d ENI IPs, want 2", got)
	}
}

func TestCallsWhilePendingAndInProgress(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create(both(), []string{"sg-a"}, nil)
	for name, call := range map[string]func() Outcome{
		"invoke": f.Admit, "code": f.UpdateCode, "publish": f.PublishVersion,
		"config": func() Outcome { return f.UpdateConfiguration(both(), []string{"sg-b"}) },
	} {
		if got := call(); got != ResourceConflict {
			t.Errorf("%s while Pending: %s, want %s", name, got, ResourceConflict)
		}
	}
	eng.RunUntil(creation)
	if got := f.UpdateConfiguration(both(), []string{"sg-b"}); got != OK || !f.InProgress() {
		t.Fatalf("update: %s, in progress %v", got, f.InProgress())
	}
	if f.Admit() != OK || f.Config.SGs[0] != "sg-a" {
		t.Errorf("the old configuration must keep serving while InProgress")
	}
	if f.UpdateCode() != ResourceConflict || f.PublishVersion() != ResourceConflict {
		t.Errorf("code update and publish during InProgress must conflict")
	}
	eng.RunUntil(2 * creation)
	if f.InProgress() || f.LastUpdate != Successful || f.Config.SGs[0] != "sg-b" {
		t.Fatalf("after the new ENIs: %v, %v", f.LastUpdate, f.Config.SGs)
	}
	// The old keys' ENIs go deletionDelay after the switch: 4 ENIs, then 2.
	if m.ENIs.Value() != 4 {
		t.Errorf("%d ENIs right after the switch, want 4", m.ENIs.Value())
	}
	eng.RunUntil(2*creation + deletion)
	if m.ENIs.Value() != 2 || m.Deleted != 2 {
		t.Errorf("%d ENIs, %d deleted after the delete delay; want 2, 2", m.ENIs.Value(), m.Deleted)
	}
}

func TestPublishedVersionPinsItsKeys(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	f.PublishVersion()
	f.UpdateConfiguration([]string{"subnet-1"}, []string{"sg-b"})
	eng.RunUntil(time.Hour)
	if m.ENIs.Value() != 2 {
		t.Fatalf("%d ENIs: version 1 must keep subnet-1+[sg-a]", m.ENIs.Value())
	}
	f.Delete()
	eng.RunUntil(2 * time.Hour)
	if m.ENIs.Value() != 0 || f.Admit() != ResourceNotFound {
		t.Errorf("after DeleteFunction: %d ENIs, invoke %s", m.ENIs.Value(), f.Admit())
	}
}

// A version published with the create (Publish on CreateFunction) is
// version 1 at once, while the function is Pending, and pins the create's
// keys as a later PublishVersion does; without it the update lets them go.
func TestVersionPublishedAtCreatePinsItsKeys(t *testing.T) {
	for _, publish := range []bool{true, false} {
		m, eng := world(t)
		f := m.NewFunction("f")
		f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
		if publish {
			if o := f.PublishAtCreate(); o != OK || f.State != Pending || len(f.versions) != 1 {
				t.Fatalf("PublishAtCreate: %s, %s with %d versions; want OK, Pending, 1", o, f.State, len(f.versions))
			}
			if o := f.PublishAtCreate(); o != ResourceConflict {
				t.Errorf("a second PublishAtCreate: %s, want ResourceConflict", o)
			}
		}
		eng.RunUntil(creation)
		if f.State != Active {
			t.Fatalf("publish %v: %s after the creation delay, want Active", publish, f.State)
		}
		f.UpdateConfiguration([]string{"subnet-1"}, []string{"sg-b"})
		eng.RunUntil(time.Hour)
		want := int64(1)
		if publish {
			want = 2 // version 1 keeps subnet-1+[sg-a]
		}
		if got := m.ENIs.Value(); got != want {
			t.Errorf("publish %v: %d ENIs after the update, want %d", publish, got, want)
		}
		f.Delete()
		eng.RunUntil(2 * time.Hour)
		if m.ENIs.Value() != 0 {
			t.Errorf("publish %v: %d ENIs after DeleteFunction, want 0", publish, m.ENIs.Value())
		}
	}
}

// Deleting one version lets go of the keys only it used, leaves those
// $LATEST also uses, and retires its number: the next version is 2.
func TestDeleteVersionReleasesItsKeys(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	f.PublishVersion() // 1, on subnet-1+[sg-a]
	f.UpdateConfiguration([]string{"subnet-1"}, []string{"sg-b"})
	eng.RunUntil(time.Hour)
	if m.ENIs.Value() != 2 {
		t.Fatalf("%d ENIs before the delete, want 2", m.ENIs.Value())
	}
	if o := f.DeleteVersion(1); o != OK {
		t.Fatalf("DeleteVersion(1): %s", o)
	}
	eng.RunUntil(2 * time.Hour)
	if m.ENIs.Value() != 1 {
		t.Errorf("%d ENIs after deleting version 1, want 1 ($LATEST's sg-b)", m.ENIs.Value())
	}
	for _, n := range []int{1, 0, 2} {
		if o := f.DeleteVersion(n); o != ResourceNotFound {
			t.Errorf("DeleteVersion(%d): %s, want ResourceNotFound", n, o)
		}
	}
	f.PublishVersion() // 2, on $LATEST's key
	if len(f.versions) != 2 || f.versions[1] == nil {
		t.Fatalf("after PublishVersion: versions %v, want the new one as 2", f.versions)
	}
	f.DeleteVersion(2)
	eng.RunUntil(3 * time.Hour)
	if m.ENIs.Value() != 1 || f.Admit() != OK {
		t.Errorf("after deleting version 2, which $LATEST's key also serves: %d ENIs, invoke %s; want 1, OK", m.ENIs.Value(), f.Admit())
	}
}

func TestInvalidConfigurationsAreRefused(t *testing.T) {
	m, _ := world(t)
	w := m.AddVPC("vpc-2", true, 250, []string{"sg-d"})
	w.NewSubnet("subnet-d", "az1", netip.MustParsePrefix("10.1.0.0/24"), 0)
	m.Register(w)
	var many []string
	for i := range 17 {
		many = append(many, fmt.Sprint("x", i))
	}
	cases := map[string][2][]string{
		"two VPCs":  {{"subnet-1", "subnet-d"}, {"sg-a"}},
		"dedicated": {{"subnet-d"}, {"sg-d"}},
		"foreign":   {{"subnet-1"}, {"sg-d"}},
		"6 groups":  {{"subnet-1"}, {"sg-a", "sg-b", "sg-c", "s4", "s5", "s6"}},
		"17 nets":   {many, {"sg-a"}},
		"no groups": {{"subnet-1"}, nil},
	}
	for name, c := range cases {
		f := m.NewFunction(name)
		if got := f.Create(c[0], c[1], nil); got != InvalidParameterValue || f.Exists {
			t.Errorf("%s: %s, exists %v; want %s and nothing created", name, got, f.Exists, InvalidParameterValue)
		}
	}
	f := m.NewFunction("norole")
	if got := f.Create(both(), []string{"sg-a"}, denyRole{}); got != InvalidParameterValue {
		t.Errorf("role without ENI actions: %s", got)
	}
	if m.ENIs.Value() != 0 {
		t.Errorf("%d ENIs created by refused calls", m.ENIs.Value())
	}
}

type denyRole struct{}

func (denyRole) AllowsENI() (bool, string) { return false, "ec2:CreateNetworkInterface" }
func (denyRole) MayDeleteENIs() bool       { return false }

func TestQuotasFailTheFunction(t *testing.T) {
	m, _ := world(t)
	small := m.AddVPC("vpc-small", false, 2, []string{"sg-x", "sg-y", "sg-z"})
	small.NewSubnet("tiny", "az1", netip.MustParsePrefix("10.2.0.0/29"), 1) // 3 usable, 1 used
	small.NewSubnet("big", "az2", netip.MustParsePrefix("10.2.1.0/24"), 0)
	m.Register(small)
	f1, f2, f3 := m.NewFunction("f1"), m.NewFunction("f2"), m.NewFunction("f3")
	f1.Create([]string{"tiny"}, []string{"sg-x"}, nil)
	f2.Create([]string{"tiny"}, []string{"sg-y"}, nil)
	f3.Create([]string{"tiny"}, []string{"sg-z"}, nil)
	if f3.State != Failed || f3.Reason != SubnetOutOfIPAddresses || f3.Admit() != SubnetIPAddressLimitReached {
		t.Errorf("third ENI in a /29 with 1 used: %v (%s), invoke %s", f3.State, f3.Reason, f3.Admit())
	}
	f4 := m.NewFunction("f4")
	f4.Create([]string{"big"}, []string{"sg-z"}, nil) // VPC quota 2 reached
	if f4.State != Failed || f4.Reason != EniLimitExceeded || f4.Admit() != ENILimitReached {
		t.Errorf("third ENI of a VPC with quota 2: %v (%s), invoke %s", f4.State, f4.Reason, f4.Admit())
	}
}

func TestPortsScaleOutOnceAndNeverOverfill(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	p := f.Config.Pools[0]
	var reqs []*PortRequest
	placed := 0
	for range 120 { // 120 ports on 100-port ENIs
		r := &PortRequest{N: 1, Done: func(Reason) { placed++ }}
		if ok, fail := p.Request(r, f); ok {
			placed++
		} else if fail != NoReason {
			t.Fatal(fail)
		}
		reqs = append(reqs, r)
	}
	// Demand passed 80 ports: one new ENI, however many requests followed.
	if m.Created != 2 || placed != 100 || p.Ports() != 100 {
		t.Fatalf("created %d ENIs, placed %d (%d ports); want 2, 100, 100", m.Created, placed, p.Ports())
	}
	eng.RunUntil(2 * creation)
	if placed != 120 || p.PeakPorts != 120 {
		t.Fatalf("after the second ENI: placed %d, peak ports %d; want 120", placed, p.PeakPorts)
	}
	for _, e := range p.enis {
		if e.Ports > 100 {
			t.Errorf("%s carries %d ports > 100", e.Name(), e.Ports)
		}
	}
	// Falling to 40 ports (the hysteresis: 0.5 x 0.8 x 100) empties and
	// releases the newest ENI, deleted after the delete delay.
	for _, r := range reqs[40:] {
		p.Release(r)
	}
	eng.RunUntil(2*creation + deletion)
	if got := p.Count.Value(); got != 1 {
		t.Errorf("%d ENIs after traffic fell, want 1", got)
	}
}

func TestIdleReclaimAndRestore(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation + 24*time.Hour - time.Second)
	if f.State != Active {
		t.Fatalf("%v before a day idle", f.State)
	}
	eng.RunUntil(creation + 24*time.Hour)
	if f.State != Inactive || f.Reason != Idle || m.ENIs.Value() != 0 {
		t.Fatalf("after a day idle: %v (%s), %d ENIs", f.State, f.Reason, m.ENIs.Value())
	}
	if got := f.Admit(); got != ResourceNotReady || f.State != Pending || f.Reason != Restoring {
		t.Fatalf("invoke on Inactive: %s, %v (%s)", got, f.State, f.Reason)
	}
	eng.RunUntil(creation + 24*time.Hour + creation)
	if f.State != Active || f.Admit() != OK {
		t.Errorf("after the restore: %v", f.State)
	}
}
