package scenarios

import (
	"github.com/enisim/enisim/scenarios/spec"
	"net/netip"
	"testing"
	"time"
)

// base is a one-VPC, two-subnet scenario written as Go values, so the model
// can be checked by hand without the loader.
func base() *spec.Scenario {
	return &spec.Scenario{
		Name: "hand", Seed: 1, Duration: 10 * time.Minute,
		Region: spec.Region{ENIQuota: 5000, Concurrency: 1000, ScalingRate: 100, ScalingBurst: 1000},
		VPCs: []spec.VPC{{
			ID: "vpc-app", Tenancy: "default", ENIQuota: 250,
			Subnets: []spec.Subnet{
				{ID: "subnet-a", AZ: "us-east-1a", CIDR: netip.MustParsePrefix("10.0.0.0/24")},
				{ID: "subnet-b", AZ: "us-east-1b", CIDR: netip.MustParsePrefix("10.0.1.0/24")},
			},
			SecurityGroups: []string{"sg-app", "sg-db"},
		}},
		Hyperplane: spec.Hyperplane{
			Model: "hyperplane", PortsPerENI: 65000, ScaleOutAt: 0.8,
			CreationDelay: spec.Dist{Kind: "fixed", Value: 60 * time.Second},
			IdleReclaim:   14 * 24 * time.Hour,
			DeleteDelay:   spec.Dist{Kind: "fixed", Value: 5 * time.Minute},
		},
	}
}

func fn(name string, rate float64, subnets ...string) spec.Function {
	return spec.Function{
		Name:      name,
		VPCConfig: &spec.VPCConfig{SubnetIDs: subnets, SecurityGroupIDs: []string{"sg-app"}},
		KeepAlive: 10 * time.Minute, ReservedConcurrency: -1, Memory: 128,
		Init:        spec.Dist{Kind: "fixed", Value: 300 * time.Millisecond},
		Duration:    spec.Dist{Kind: "fixed", Value: 100 * time.Millisecond},
		Connections: spec.Connections{PerEnvironment: 1, PerInvocation: 1},
		Arrivals:    []spec.Arrivals{{Process: "constant", Rate: rate}},
	}
}

func run(t *testing.T, s *spec.Scenario) *Report {
	t.Helper()
	_, r := runSim(t, s)
	return r
}

// runSim builds and runs s, checks that every invocation is accounted
// for, and returns the simulator (for its counters) and the report.
func runSim(t *testing.T, s *spec.Scenario) (*Sim, *Report) {
	t.Helper()
	x, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	r := x.Report()
	for _, f := range r.Functions {
		sum := f.Succeeded + f.Throttled + f.InFlight
		for _, n := range f.Errors {
			sum += n
		}
		if sum != f.Invocations {
			t.Errorf("%s: conservation: %d invocations, %d accounted for", f.Name, f.Invocations, sum)
		}
	}
	return x, r
}

// Constant 10/s against a 60 s Pending window: the arrivals at 0.1 s ...
// 60.0 s are refused (an ENI ready at t serves invokes after t): 600.
func TestPendingWindowRefusesArrivals(t *testing.T) {
	s := base()
	s.Functions = []spec.Function{fn("orders", 10, "subnet-a")}
	r := run(t, s)
	f := r.Functions[0]
	if got := f.Errors["ResourceConflictException"]; got != 600 {
		t.Errorf("conflicts = %d, want 600", got)
	}
	if f.PendingSeconds != 60 {
		t.Errorf("pendingSeconds = %v, want 60", f.PendingSeconds)
	}
	if f.State != "Active" || r.ENIs.Peak != 1 {
		t.Errorf("state %s, peak ENIs %d; want Active, 1", f.State, r.ENIs.Peak)
	}
}
