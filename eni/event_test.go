package eni

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// listen records m's events.
func listen(m *Model) *[]Event {
	var es []Event
	m.Events = func(e Event) { es = append(es, e) }
	return &es
}

func kinds(es []Event) []Kind {
	var ks []Kind
	for _, e := range es {
		ks = append(ks, e.Kind)
	}
	return ks
}

// A call's event comes before the ENI events and state changes it causes,
// and carries the outcome and the state the call left.
func TestCallEventComesBeforeItsEffects(t *testing.T) {
	m, eng := world(t)
	es := listen(m)
	f := m.NewFunction("f")
	f.Create(both(), []string{"sg-a"}, nil)
	want := []Kind{CreateFunction, ENICreating, ENICreating, StateChanged}
	if got := kinds(*es); !slices.Equal(got, want) {
		t.Fatalf("create: %v, want %v", got, want)
	}
	c := (*es)[0]
	if c.Outcome != OK || c.State != Pending || c.Reason != Creating || !c.Config.Same(f.Config) || c.At != 0 {
		t.Errorf("create event %+v", c)
	}
	if s := (*es)[3]; s.Cause != CreateFunction || s.State != Pending {
		t.Errorf("the state change of a call must name it as its cause: %+v", s)
	}
	if e := (*es)[1]; e.ENI != 1 || e.Subnet != "subnet-1" || e.Key != "subnet-1+[sg-a]" || !slices.Equal(e.SGs, []string{"sg-a"}) {
		t.Errorf("ENI event %+v", e)
	}

	*es = nil
	eng.RunUntil(creation)
	// Two ENIs ready; the function is Active when the second one is, a
	// change the model made on its own (no cause).
	want = []Kind{ENIReady, ENIReady, StateChanged}
	if got := kinds(*es); !slices.Equal(got, want) {
		t.Fatalf("creation done: %v, want %v", got, want)
	}
	if s := (*es)[2]; s.Cause != NoKind || s.From != Pending || s.State != Active || s.At != creation {
		t.Errorf("Active: %+v", s)
	}

	*es = nil
	f.Delete()
	want = []Kind{DeleteFunction, ENIDeleting, ENIDeleting, StateChanged}
	if got := kinds(*es); !slices.Equal(got, want) {
		t.Fatalf("delete: %v, want %v", got, want)
	}
	if s := (*es)[3]; s.Exists || s.Cause != DeleteFunction {
		t.Errorf("deleted: %+v", s)
	}
}

// Every call has exactly one event, whose outcome is what it returned and
// what Calls counts.
func TestEveryCallHasOneEvent(t *testing.T) {
	m, eng := world(t)
	es := listen(m)
	f := m.NewFunction("f")
	outcomes := []Outcome{
		f.UpdateCode(), // ResourceNotFound: not created
		f.Create(both(), []string{"sg-a"}, nil),
		f.Create(both(), []string{"sg-a"}, nil), // exists
		f.PublishVersion(),                      // Pending
		f.UpdateRole(denyRole{}),
	}
	eng.RunUntil(creation)
	outcomes = append(outcomes, f.UpdateConfiguration(both(), []string{"sg-b"}), f.UpdateOther(), f.Delete(), f.Delete())
	var got []Outcome
	n := 0
	for _, e := range *es {
		if e.Kind.Call() {
			got = append(got, e.Outcome)
		}
	}
	for _, c := range f.Calls {
		for _, k := range c {
			n += k
		}
	}
	// The new role lacks the ENI actions: a new VpcConfig is refused.
	want := []Outcome{ResourceNotFound, OK, ResourceConflict, ResourceConflict, OK, InvalidParameterValue, OK, OK, ResourceNotFound}
	if !slices.Equal(outcomes, want) || !slices.Equal(got, want) || n != len(want) {
		t.Errorf("returned %v, events %v, %d counted; want %v", outcomes, got, n, want)
	}
	if f.Calls["DeleteFunction"]["ResourceNotFoundException"] != 1 || f.Calls["UpdateRole"]["ok"] != 1 {
		t.Errorf("Calls by name: %v", f.Calls)
	}
}

// Describe tells events in the API's words.
func TestDescribe(t *testing.T) {
	m, eng := world(t)
	es := listen(m)
	f := m.NewFunction("orders")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	f.UpdateCode()
	eng.RunUntil(creation)
	f.UpdateConfiguration([]string{"subnet-1"}, []string{"sg-b"})
	var got []string
	for _, e := range *es {
		if e.Kind != StateChanged || e.Cause == NoKind {
			got = append(got, Describe(e))
		}
	}
	want := []string{
		"CreateFunction orders -> Pending (Creating): needs ENIs for subnet-1+[sg-a]",
		"ENI eni-0001 creating in subnet-1 for [sg-a]",
		"UpdateFunctionCode orders -> ResourceConflictException (orders is Pending, Creating)",
		"ENI eni-0001 ready in subnet-1 for [sg-a]",
		"orders -> Active",
		"UpdateFunctionConfiguration orders -> LastUpdateStatus InProgress: needs ENIs for subnet-1+[sg-b]; subnet-1+[sg-a] keeps serving",
		"ENI eni-0002 creating in subnet-1 for [sg-b]",
		"orders: LastUpdateStatus InProgress",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Deleting one version is told as that, not as the function's deletion,
// and so is a version that is not there.
func TestDescribeDeleteVersion(t *testing.T) {
	m, eng := world(t)
	es := listen(m)
	f := m.NewFunction("orders")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	f.PublishVersion()
	f.DeleteVersion(1)
	f.DeleteVersion(1)
	var got []string
	for _, e := range *es {
		if e.Kind == DeleteFunction {
			got = append(got, Describe(e))
		}
	}
	want := []string{
		"DeleteFunction orders:1: version 1 deleted; ENIs only it used will be deleted",
		"DeleteFunction orders -> ResourceNotFoundException (orders has no version 1)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// A detach (an UpdateFunctionConfiguration to no VPC) needs no ENI: it is
// told as a detach, not as keys that "had ready ENIs".
func TestDescribeDetach(t *testing.T) {
	m, eng := world(t)
	es := listen(m)
	f := m.NewFunction("orders")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	if o := f.UpdateConfiguration(nil, nil); o != OK {
		t.Fatalf("detach: %v", o)
	}
	last := (*es)[len(*es)-1]
	for _, e := range *es {
		if e.Kind == UpdateFunctionConfiguration {
			last = e
		}
	}
	const want = "UpdateFunctionConfiguration orders -> LastUpdateStatus Successful, now on no VPC: detached, its ENIs are released (deleted once no other function uses them); new execution environments"
	if got := Describe(last); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// With no listener, emitting costs no allocation: a pool that gives an ENI
// back (ENIDeleting) and takes it back again, over and over. With a
// listener the events are values: no allocation either.
func TestEmissionDoesNotAllocate(t *testing.T) {
	for _, listening := range []bool{false, true} {
		m, eng := world(t)
		deleting, revived := 0, 0
		if listening {
			m.Events = func(e Event) {
				switch e.Kind {
				case ENIDeleting:
					deleting++
				case ENIRevived:
					revived++
				}
			}
		}
		f := m.NewFunction("f")
		f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
		eng.RunUntil(creation)
		p := f.Config.Pools[0]
		reqs := make([]*PortRequest, 90)
		for i := range reqs {
			reqs[i] = &PortRequest{N: 1, Done: func(Reason) {}}
			p.Request(reqs[i], f)
		}
		eng.RunUntil(2 * creation) // a second ENI for the demand above 80
		cycle := func() {
			for _, r := range reqs[30:] { // down to 30 ports: the newest ENI is retired
				p.Release(r)
			}
			for _, r := range reqs[30:] { // and back: it is revived
				p.Request(r, f)
			}
		}
		cycle()
		if p.Count.Value() != 2 {
			t.Fatalf("%d ENIs: the cycle must keep two", p.Count.Value())
		}
		if n := testing.AllocsPerRun(100, cycle); n != 0 {
			t.Errorf("listening %v: %v allocations per cycle, want 0", listening, n)
		}
		if listening && (deleting != 102 || revived != 102) { // AllocsPerRun runs it once more
			t.Errorf("%d ENIDeleting and %d ENIRevived events in 102 cycles", deleting, revived)
		}
	}
}

// Tee hands every event to each listener, in order; with none it is nil.
func TestTee(t *testing.T) {
	if Tee(nil, nil) != nil {
		t.Fatal("Tee of no listener must be nil: no one listens")
	}
	var got []string
	l := Tee(func(e Event) { got = append(got, "a:"+e.Kind.String()) }, nil, func(e Event) { got = append(got, "b:"+e.Kind.String()) })
	m, _ := world(t)
	m.Events = l
	m.NewFunction("f").UpdateCode()
	if want := []string{"a:UpdateFunctionCode", "b:UpdateFunctionCode"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// A create refused on its second subnet gives back the ENI it started on
// the first: the events say why (KeyBlocked), then the call (Failed), then
// its effects, the ENI started and given back, and Failed; it is deleted deleteDelay
// after the refusal.
func TestRefusedCreateGivesItsENIBack(t *testing.T) {
	m, eng := world(t)
	v := m.VPCs[0]
	v.NewSubnet("subnet-full", "az3", netip.MustParsePrefix("10.0.3.0/24"), 251)
	m.Register(v)
	es := listen(m)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1", "subnet-full"}, []string{"sg-a"}, nil)
	want := []Kind{KeyBlocked, CreateFunction, ENICreating, ENIGivenBack, StateChanged}
	if got := kinds(*es); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	if f.State != Failed || f.Reason != SubnetOutOfIPAddresses || m.ENIs.Value() != 1 {
		t.Fatalf("%v (%s) with %d ENIs; want Failed (SubnetOutOfIPAddresses), the given-back ENI still held", f.State, f.Reason, m.ENIs.Value())
	}
	if d := Describe((*es)[3]); !strings.Contains(d, "given back") {
		t.Errorf("given back told as %q", d)
	}
	eng.RunUntil(deletion - 1)
	if m.ENIs.Value() != 1 {
		t.Errorf("deleted before deleteDelay")
	}
	eng.RunUntil(deletion)
	if m.ENIs.Value() != 0 || m.Deleted != 1 || m.Created != 1 {
		t.Errorf("after deleteDelay: %d ENIs, %d deleted of %d created", m.ENIs.Value(), m.Deleted, m.Created)
	}
	if err := m.Check(); err != nil {
		t.Error(err)
	}
}

// An ENI due for deletion whose pool was last used by a function whose role
// may not delete ENIs is orphaned: it stays, with its IP, and says whose
// role it was.
func TestENIOrphanedWhenTheRoleMayNotDelete(t *testing.T) {
	m, eng := world(t)
	f := m.NewFunction("f")
	f.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	eng.RunUntil(creation)
	f.UpdateRole(denyRole{})
	es := listen(m)
	f.Delete()
	eng.RunUntil(creation + deletion)
	e, ok := Event{}, false
	for _, x := range *es {
		if x.Kind == ENIOrphaned {
			e, ok = x, true
		}
	}
	if !ok || e.Function != "f" || e.At != creation+deletion || m.Orphaned != 1 || m.ENIs.Value() != 1 || m.subnet("subnet-1").ENIs != 1 {
		t.Errorf("orphaned %v %+v; %d orphaned, %d ENIs", ok, e, m.Orphaned, m.ENIs.Value())
	}
	if err := m.Check(); err != nil {
		t.Error(err)
	}
}
