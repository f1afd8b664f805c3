package scenarios

import (
	"fmt"
	"github.com/enisim/enisim/scenarios/spec"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"
)

// randomScenario builds a small random scenario: tight subnets, small ENI
// port caps and busy timelines, so that sharing, scale-out, quotas, failed
// creations, updates, versions, deletions and idle reclaim all happen.
func randomScenario(r *rand.Rand) *spec.Scenario {
	s := base()
	s.Duration = time.Duration(5+r.IntN(20)) * time.Minute
	s.Region.Concurrency = 50 + r.IntN(500)
	s.Hyperplane.PortsPerENI = 20 + r.IntN(300)
	s.Hyperplane.ScaleOutAt = 0.5 + r.Float64()/2
	s.Hyperplane.IdleReclaim = time.Duration(1+r.IntN(10)) * time.Minute
	s.Hyperplane.CreationDelay = spec.Dist{Kind: "uniform", Min: 10 * time.Second, Max: 90 * time.Second}
	s.Hyperplane.DeleteDelay = spec.Dist{Kind: "uniform", Max: 5 * time.Minute}
	s.Hyperplane.ReaperSlack = spec.Dist{Kind: "uniform", Max: time.Duration(r.IntN(60)) * time.Second}
	s.Hyperplane.ScaleOutRetry = time.Duration(r.IntN(180)) * time.Second
	if r.IntN(4) == 0 {
		s.Hyperplane.Model = "per-environment"
	}
	v := &s.VPCs[0]
	v.ENIQuota = 3 + r.IntN(20)
	v.Subnets = nil
	for i := range 1 + r.IntN(4) {
		bits := 26 + r.IntN(3) // 59, 27 or 11 usable
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 0, byte(i), 0}), bits)
		v.Subnets = append(v.Subnets, spec.Subnet{ID: fmt.Sprint("subnet-", i), AZ: fmt.Sprint("az", i%2), CIDR: p, UsedIPs: r.IntN(6)})
	}
	v.SecurityGroups = []string{"sg-1", "sg-2", "sg-3"}
	for i := range 1 + r.IntN(6) {
		s.Functions = append(s.Functions, randomFunction(r, fmt.Sprint("f", i), v))
	}
	for range r.IntN(8) {
		s.Timeline = append(s.Timeline, randomAction(r, s))
	}
	return s
}

func randomVPCConfig(r *rand.Rand, v *spec.VPC) *spec.VPCConfig {
	if r.IntN(6) == 0 {
		return nil
	}
	c := &spec.VPCConfig{}
	for _, sn := range v.Subnets {
		if r.IntN(2) == 0 || len(c.SubnetIDs) == 0 {
			c.SubnetIDs = append(c.SubnetIDs, sn.ID)
		}
	}
	for _, g := range v.SecurityGroups {
		if r.IntN(2) == 0 || len(c.SecurityGroupIDs) == 0 {
			c.SecurityGroupIDs = append(c.SecurityGroupIDs, g)
		}
	}
	return c
}

func randomFunction(r *rand.Rand, name string, v *spec.VPC) spec.Function {
	f := fn(name, 0)
	f.VPCConfig = randomVPCConfig(r, v)
	f.CreateAt = time.Duration(r.IntN(120)) * time.Second
	f.Memory = 128 << r.IntN(5)
	f.KeepAlive = time.Duration(r.IntN(300)) * time.Second
	// Surplus keep-alive and lifetimes short enough to matter in 5-25 min.
	f.SurplusKeepAlive = spec.Dist{Kind: "uniform", Min: 10 * time.Second, Max: time.Duration(20+r.IntN(300)) * time.Second}
	f.MaxLifetime = spec.Dist{Kind: "uniform", Min: time.Minute, Max: time.Duration(2+r.IntN(10)) * time.Minute}
	f.ReplacementInit = spec.Dist{Kind: "fixed", Value: 50 * time.Millisecond}
	f.Connections = spec.Connections{PerEnvironment: r.IntN(10), PerInvocation: r.IntN(10)}
	f.Duration = spec.Dist{Kind: "exponential", Mean: time.Duration(10+r.IntN(2000)) * time.Millisecond}
	f.Arrivals = []spec.Arrivals{{Process: "poisson", Rate: 1 + 100*r.Float64()}}
	if r.IntN(3) == 0 {
		f.Arrivals = append(f.Arrivals, spec.Arrivals{Process: "burst", Burst: 200, Every: 5 * time.Minute, For: 30 * time.Second})
	}
	if r.IntN(3) == 0 {
		f.ReservedConcurrency = r.IntN(30)
	}
	if r.IntN(3) == 0 {
		f.Retry = &spec.Retry{Attempts: 2 + r.IntN(3), Backoff: time.Second}
	}
	return f
}

func randomAction(r *rand.Rand, s *spec.Scenario) spec.Action {
	names := []string{"CreateFunction", "UpdateFunctionConfiguration", "UpdateFunctionCode", "PublishVersion", "DeleteFunction", "UpdateRole"}
	a := spec.Action{
		At:       time.Duration(r.Int64N(int64(s.Duration))),
		Action:   names[r.IntN(len(names))],
		Function: s.Functions[r.IntN(len(s.Functions))].Name,
	}
	switch a.Action {
	case "UpdateFunctionConfiguration":
		a.VPCConfig = randomVPCConfig(r, &s.VPCs[0])
	case "UpdateRole":
		a.Role = &spec.Role{ManagedPolicies: []string{"AWSLambdaBasicExecutionRole"}}
		if r.IntN(2) == 0 {
			a.Role.ManagedPolicies = []string{"AWSLambdaVPCAccessExecutionRole"}
		}
	}
	return a
}

// Random scenarios keep every invariant: conservation for every function
// at every moment, no ENI above its port cap, no subnet above its
// addresses, no VPC or Region above its quota, and every count equal to a
// recount from scratch.
func TestRandomScenariosKeepInvariants(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 30
	}
	for seed := range uint64(n) {
		s := randomScenario(rand.New(rand.NewPCG(seed, 99)))
		x, err := Build(s, Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for i := 1; i <= 20; i++ {
			if err := x.RunUntil(s.Duration * time.Duration(i) / 20); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if err := x.Model.Check(); err != nil {
				t.Fatalf("seed %d at %v: %v", seed, x.Eng.Now(), err)
			}
			for j, st := range x.Stats {
				sum := st.Succeeded + st.Throttled + st.InFlight
				for _, e := range st.Errors {
					sum += e
				}
				if sum != st.Invocations || st.InFlight < 0 {
					t.Fatalf("seed %d at %v: %s: %d invocations, %d accounted for (%d in flight)",
						seed, x.Eng.Now(), s.Functions[j].Name, st.Invocations, sum, st.InFlight)
				}
				var causes int64
				for _, n := range st.ColdStartsByCause {
					causes += n
				}
				if causes != st.ColdStarts || st.Environments.Value() < 0 {
					t.Fatalf("seed %d at %v: %s: cold starts by cause %v sum to %d, not %d (%d environments)",
						seed, x.Eng.Now(), s.Functions[j].Name, st.ColdStartsByCause, causes, st.ColdStarts, st.Environments.Value())
				}
			}
		}
	}
}
