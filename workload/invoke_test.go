package workload

import (
	"maps"
	"net/netip"
	"testing"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// TestRefusedInvokesAreCountedByAPIName is hand-worked: the model passes
// typed outcomes and the counters key them by the Lambda API's names.
// Function f gets 2 requests/s from 0.5 s to 100 s (200); it is created at
// 10.25 s, Pending for the 60 s ENI creation, Active from 70.25 s, with
// reserved concurrency 1 and an invocation that outlasts the run:
//
//   - 0.5..10 s: 20 arrivals, ResourceNotFoundException;
//   - 10.5..70 s: 120 arrivals, ResourceConflictException;
//   - 70.5 s: one cold start, in flight at the end;
//   - 71..100 s: 59 arrivals throttled (TooManyRequestsException), counted
//     as Throttled and not among the errors.
//
// Function g (same key, Pending with f) gets one request at 50 s with one
// retry 30 s later: the first attempt meets Pending, the retry finds g
// Active and starts at 80 s + 1 s init, so its ENI wait is the 30 s spent
// waiting out Pending and it is not an error.
func TestRefusedInvokesAreCountedByAPIName(t *testing.T) {
	eng := sim.New(1)
	m := eni.New(eng, eni.Params{
		PortsPerENI: 100, ScaleOutAt: 0.8, IdleReclaim: 24 * time.Hour, RegionENIQuota: 5000,
		Delays: func(string) (eni.Dist, eni.Dist) { return Fixed(60 * time.Second), Fixed(5 * time.Minute) },
	})
	v := m.AddVPC("vpc-1", false, 250, []string{"sg-a"})
	v.NewSubnet("subnet-1", "az1", netip.MustParsePrefix("10.0.1.0/24"), 0)
	m.Register(v)
	r := NewRunner(m, Config{Concurrency: 1000, ScalingRate: 100, ScalingBurst: 1000, End: 100 * time.Second})
	ef, eg := m.NewFunction("f"), m.NewFunction("g")
	f := r.Add(Spec{F: ef, Init: Fixed(time.Second), Run: Fixed(time.Hour), KeepAlive: time.Hour,
		PerEnv: 1, Reserved: 1, Arrivals: NewConstant(2)})
	g := r.Add(Spec{F: eg, Init: Fixed(time.Second), Run: Fixed(time.Second), KeepAlive: time.Hour,
		PerEnv: 1, Reserved: -1, Arrivals: NewConstant(1.0 / 50), Attempts: 2, Backoff: 30 * time.Second})
	create := sim.NewTimer(func() {
		ef.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
		eg.Create([]string{"subnet-1"}, []string{"sg-a"}, nil)
	})
	eng.Schedule(create, 10250*time.Millisecond)
	r.Start()
	eng.RunUntil(100 * time.Second)

	want := map[string]int64{"ResourceNotFoundException": 20, "ResourceConflictException": 120}
	if !maps.Equal(f.Errors, want) {
		t.Errorf("f's errors %v, want %v", f.Errors, want)
	}
	if f.Invocations != 200 || f.Throttled != 59 || f.InFlight != 1 || f.ColdStarts != 1 || f.Succeeded != 0 {
		t.Errorf("f: %d invocations, %d throttled, %d in flight, %d cold, %d succeeded; want 200, 59, 1, 1, 0",
			f.Invocations, f.Throttled, f.InFlight, f.ColdStarts, f.Succeeded)
	}
	// g's second arrival (100 s) meets Active g and runs 100-102 s: in flight.
	if len(g.Errors) != 0 || g.Retries != 1 || g.Succeeded != 1 || g.ColdStarts != 1 {
		t.Errorf("g: errors %v, %d retries, %d succeeded, %d cold; want none, 1, 1, 1", g.Errors, g.Retries, g.Succeeded, g.ColdStarts)
	}
	if got := g.ENIWait.Max(); got < 29.9 || got > 30.1 {
		t.Errorf("g's ENI wait %.2f s, want the 30 s its retry waited out Pending", got)
	}
}

// The wait before a retry doubles and saturates: with a 1 s backoff the
// 35th wait is 2^34 s (more than 292 years, past any run), not a shift
// that wrapped round to a negative time.
func TestBackoffSaturates(t *testing.T) {
	for _, c := range []struct {
		b    sim.Time
		n    int
		want sim.Time
	}{
		{time.Second, 1, time.Second},
		{time.Second, 3, 4 * time.Second},
		{time.Second, 34, time.Second << 33},
		{time.Second, 35, sim.Forever},
		{time.Second, 1000, sim.Forever},
		{1, 64, sim.Forever},
	} {
		if got := backoff(c.b, c.n); got != c.want {
			t.Errorf("backoff(%v, %d) = %d, want %d", c.b, c.n, got, c.want)
		}
	}
}
