package plan

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios/spec"
)

// TestHeadroomSubnet26 checks the search against a limit worked by hand.
//
// testdata/subnet26.yaml: one function in a /26 subnet, which has
// 2^6 - 5 = 59 usable addresses and nothing else in it. Each Hyperplane
// ENI holds one address, so the key can have at most 59 ENIs. An ENI
// carries portsPerEni = 1000 ports and each running invocation holds
// perInvocation = 100 of them (perEnvironment = 0), so an ENI carries 10
// invocations and the subnet 59 x 10 = 590 concurrent invocations; the
// 591st finds no room, no ENI can be added (SubnetOutOfIPAddresses) and
// the function goes Failed. (With scaleOutAt 0.8 the ENIs are created
// ahead of need, 1ms each, so nothing waits for one before the subnet is
// full.)
//
// Arrivals are constant at rate R, every invocation holds its ports for
// its 1s duration (plus the 1ms init of a cold start), so the most
// invocations at once is N = ceil(R x 1.001s).
//
// The ENIs are ceil(N/8) for N concurrent invocations (a new ENI when the
// ports in use pass 80% of the ENIs' ports). healthy also wants no subnet
// full and no key blocked: the 59th ENI fills the subnet at N = 58 x 8 + 1
// = 465, long before the 591st invocation fails. So healthy holds while
// N <= 464: R x 1.001 <= 464, R <= 463.54/s, a factor of 4.635 from
// 100/s. Likewise ip-share <= 0.5, at most 29 of the 59 addresses, holds
// while N <= 232: R <= 231.77/s, a factor of 2.318.
func TestHeadroomSubnet26(t *testing.T) {
	s, err := spec.Load("testdata/subnet26.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Targets(s, []string{"functions.api.arrivals.rate"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		until string
		want  float64
		where string
	}{
		{"healthy", 464 / 1.001 / 100, "subnet subnet-26"},
		{"ip-share<=0.5", 232 / 1.001 / 100, "subnet subnet-26"},
	} {
		c, err := ParseCriterion(tc.until)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Headroom(s, ts, HeadroomOptions{Criteria: []Criterion{c}, Seed: s.Seed, Replications: 2})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Found || math.Abs(res.Factor-tc.want)/tc.want > 0.02 {
			t.Errorf("%s: factor %.4f (found %v), want %.4f within 2%%", tc.until, res.Factor, res.Found, tc.want)
		}
		if res.Limit/res.Factor > 1.01+1e-9 {
			t.Errorf("%s: bracket [%v, %v] wider than 1%%", tc.until, res.Factor, res.Limit)
		}
		if len(res.Binding) == 0 || !strings.HasPrefix(res.Binding[0].Where, tc.where) {
			t.Errorf("%s: binding %v, want %s", tc.until, res.Binding, tc.where)
		}
		t.Logf("%s: factor %.4f (hand: %.4f), binds: %v", tc.until, res.Factor, tc.want, res.Binding[0])
	}
}

// TestHeadroomBelowOne: a scenario that already breaks its criterion is
// searched downwards. From 1000/s, healthy holds up to 463.54/s (see
// TestHeadroomSubnet26): a factor of 0.4635.
func TestHeadroomBelowOne(t *testing.T) {
	s, err := spec.Load("testdata/subnet26.yaml", []spec.Override{{Path: "functions.api.arrivals.rate", Value: "1000/s"}})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Targets(s, []string{"functions.api.arrivals"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Headroom(s, ts, HeadroomOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := 464 / 1.001 / 1000; !res.Found || math.Abs(res.Factor-want)/want > 0.02 {
		t.Errorf("factor %.4f, want %.4f", res.Factor, want)
	}
}

// A run that fills its subnet is not healthy, though no caller saw an
// error: at 500/s (N = 501 concurrent, ceil(501/8) = 63 ENIs wanted, 59
// addresses) the subnet is full and its key blocked, and every
// invocation still succeeds.
func TestHealthyRefusesAFullSubnet(t *testing.T) {
	s, err := spec.Load("testdata/subnet26.yaml", []spec.Override{{Path: "functions.api.arrivals.rate", Value: "500/s"}})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := RunAll([]Job{{Scenario: s, Seed: s.Seed}}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := reps[0]
	if f := rep.Functions[0]; len(f.Errors) != 0 || f.Throttled != 0 || f.State != "Active" {
		t.Fatalf("the run should see no error: %+v", f)
	}
	vs := Healthy.Check(s, rep)
	var full, blocked bool
	for _, v := range vs {
		full = full || strings.Contains(v.What, "full: peak 59 of 59 usable IPs")
		blocked = blocked || strings.Contains(v.What, "blocked (SubnetOutOfIPAddresses)")
	}
	if !full || !blocked {
		t.Errorf("violations %v: want the subnet full (59 of 59) and its key blocked", vs)
	}
}

// The search is the same on any number of workers: speculative runs on
// idle workers may only make it faster. Every step, its order and the
// answer are compared, upwards (from 100/s) and downwards (from 1000/s), with one
// replication (three factors in flight on four workers) and two (two).
func TestHeadroomSameOnAnyWorkers(t *testing.T) {
	for _, rate := range []string{"100/s", "1000/s"} {
		s, err := spec.Load("testdata/subnet26.yaml", []spec.Override{{Path: "functions.api.arrivals.rate", Value: rate}})
		if err != nil {
			t.Fatal(err)
		}
		ts, err := Targets(s, []string{"functions.api.arrivals.rate"})
		if err != nil {
			t.Fatal(err)
		}
		for _, reps := range []int{1, 2} {
			var want []byte
			for _, w := range []int{1, 4, 2} {
				res, err := Headroom(s, ts, HeadroomOptions{Seed: 3, Replications: reps, Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				got, _ := json.Marshal(res)
				if want == nil {
					want = got
					if len(res.Steps) < 6 || !res.Found {
						t.Fatalf("rate %s: %d steps, found %v: the search is too short to test", rate, len(res.Steps), res.Found)
					}
				} else if !bytes.Equal(got, want) {
					t.Errorf("rate %s, %d replications: %d workers give\n%s\n1 worker gives\n%s", rate, reps, w, got, want)
				}
			}
		}
	}
}

// The factors run ahead are the ones the search tries next: after 1
// holds at [1, 2], doubling to 4 is likelier than bisecting at 1.5; in a
// bisection of [4, 8] at 6, the lower half (5) comes first.
func TestHeadroomSpeculationOrder(t *testing.T) {
	o := HeadroomOptions{}.withDefaults()
	for _, c := range []struct {
		f, lo, hi float64
		want      []float64
	}{
		{2, 1, 0, []float64{2, 4, 1.5, 8, 3}},
		{6, 4, 8, []float64{6, 5, 7, 4.5, 5.5}},
		{0.5, 0, 1, []float64{0.5, 0.25, 0.75, 0.125, 0.375}},
	} {
		if got := o.order(c.f, c.lo, c.hi, 5); !slices.Equal(got, c.want) {
			t.Errorf("order(%v in [%v, %v]) = %v, want %v", c.f, c.lo, c.hi, got, c.want)
		}
	}
}

// A throttle the client retried counts against healthy, though the
// request may succeed later or still be retrying at the end: layouts at
// 5 minutes, api at 3,760/s from 3 min on, meets the Region's scaling
// rate, and with 6 attempts 4 s apart no request has run out of attempts
// by the end (throttled 0). The retries by error add up to the retries.
func TestHealthyCountsRetriedThrottles(t *testing.T) {
	s, err := spec.LoadBuiltin("layouts", []spec.Override{{Path: "functions.api.arrivals.rate", Value: "3760/s"}})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := RunAll([]Job{{Scenario: s, Seed: s.Seed, Duration: 5 * time.Minute}}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := reps[0].Functions[0]
	sum := int64(0)
	for _, n := range f.RetriesByError {
		sum += n
	}
	if f.Name != "api" || f.Throttled != 0 || f.RetriesByError["TooManyRequestsException"] == 0 || sum != f.Retries {
		t.Fatalf("%s: throttled %d, retries %d by error %v: want 0 throttled, some throttles retried, the split adding up",
			f.Name, f.Throttled, f.Retries, f.RetriesByError)
	}
	found := false
	for _, v := range Healthy.Check(s, reps[0]) {
		found = found || strings.Contains(v.What, "throttled (TooManyRequestsException) and retried")
	}
	if !found {
		t.Errorf("healthy holds with %d throttles retried", f.RetriesByError["TooManyRequestsException"])
	}
}

// Doubling past what the format allows (a rate over 10 million a second)
// ends the search with what it found below, not with an error that drops
// the bracket: 1 million a second holds up to x8 and x16 cannot be run.
func TestHeadroomStopsWhereTheFormatStops(t *testing.T) {
	s, err := spec.Load("testdata/subnet26.yaml", []spec.Override{
		{Path: "functions.api.arrivals.rate", Value: "1000000/s"}, {Path: "region.concurrency", Value: "100000000"}})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Targets(s, []string{"functions.api.arrivals.rate"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCriterion("coldstart-max<=100s")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Headroom(s, ts, HeadroomOptions{Seed: 1, Duration: time.Millisecond, Criteria: []Criterion{c}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Found || res.Factor != 8 || !strings.Contains(res.Unscalable, "at factor 16") {
		t.Errorf("found %v, factor %g, unscalable %q; want at least 8, stopped at 16", res.Found, res.Factor, res.Unscalable)
	}
}
