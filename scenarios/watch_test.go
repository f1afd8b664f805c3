package scenarios

import (
	"net/netip"
	"testing"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// A watched invocation is told how its first attempt ended, when it ended
// (what serve's Invoke answers). Hand-worked: a /28 (11 addresses) with 9
// held by others, ENIs of 10 ports, 3 per environment and 4 per
// invocation, no init, 60 s invocations, ENIs ready 10 s after they are
// started. The create takes ENI 1 (ready at 10 s). A at 20 s: 3 + 4 ports
// on ENI 1, ends at 80 s. B at 21 s: its environment's 3 ports fill ENI 1
// and pass scaleOutAt (8 of 10), so ENI 2 starts, on the last address; its
// invocation's 4 ports wait for it. C at 22 s: demand passes 80% of two
// ENIs, a third cannot be had (no address), and C's environment waits for
// ENI 2 behind B. At 31 s ENI 2 is ready: B's 4 ports and C's 3 go on it,
// B runs to 91 s, and C's invocation, 4 more, finds no room and no ENI to
// come: it fails then, 9 s after it was admitted.
func TestWatchedInvokeEndsWhenItEnds(t *testing.T) {
	s := base()
	s.Duration = 5 * time.Minute
	s.VPCs[0].Subnets[0].CIDR = netip.MustParsePrefix("10.0.0.0/28")
	s.VPCs[0].Subnets[0].UsedIPs = 9
	s.Hyperplane.PortsPerENI = 10
	s.Hyperplane.CreationDelay = spec.Dist{Kind: "fixed", Value: 10 * time.Second}
	api := fn("api", 0, "subnet-a")
	api.Arrivals = nil
	api.Init = spec.Dist{Kind: "fixed"}
	api.Duration = spec.Dist{Kind: "fixed", Value: time.Minute}
	api.Connections = spec.Connections{PerEnvironment: 3, PerInvocation: 4}
	s.Functions = []spec.Function{api}
	x, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type end struct {
		o       eni.Outcome
		ran, at sim.Time
	}
	ends := map[int32]end{}
	x.Runner.Watched = func(id int32, o eni.Outcome, ran sim.Time) {
		if _, twice := ends[id]; twice {
			t.Errorf("watch %d told twice", id)
		}
		ends[id] = end{o, ran, x.Eng.Now()}
	}
	for i, at := range []time.Duration{20 * time.Second, 21 * time.Second, 22 * time.Second} {
		id := int32(i + 1)
		x.Eng.Schedule(sim.NewTimer(func() { x.Runner.InvokeWatched(x.Funcs[0], id) }), at)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	want := map[int32]end{ // B ran from 31 s, when its ports were placed
		1: {eni.OK, 20 * time.Second, 80 * time.Second},
		2: {eni.OK, 31 * time.Second, 91 * time.Second},
		3: {eni.InvokeOutcome(eni.SubnetOutOfIPAddresses), 0, 31 * time.Second},
	}
	for id, w := range want {
		if g := ends[id]; g != w {
			t.Errorf("invocation %d ended %v at %v (ran from %v), want %v at %v (from %v)", id, g.o, g.at, g.ran, w.o, w.at, w.ran)
		}
	}
	if st := x.Stats[0]; st.Succeeded != 2 || st.Errors[eni.ErrSubnetIPLimit] != 1 {
		t.Errorf("the report: %d succeeded, errors %v; want 2 and one %s", st.Succeeded, st.Errors, eni.ErrSubnetIPLimit)
	}
}
