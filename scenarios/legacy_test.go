package scenarios

import (
	"github.com/enisim/enisim/scenarios/spec"
	"testing"
	"time"
)

// legacy is a hand-worked per-environment scenario: constant 10/s, run 1 s,
// no init, a 10 s ENI set-up per cold start that creates an ENI (with 3 GB
// functions, every one). Each arrival in (0, 11.0 s]
// finds every environment busy (the first frees at 0.1 + 10 + 1 = 11.1 s),
// so 110 cold starts; from 11.1 s on, an environment frees just before each
// arrival, so there are no more. The keep-alive holds all 110 to the end.
func legacy(memory int) *spec.Scenario {
	s := base()
	s.Duration = 5 * time.Minute
	s.Hyperplane.Model = "per-environment"
	s.Hyperplane.LegacyENIDelay = spec.Dist{Kind: "fixed", Value: 10 * time.Second}
	f := fn("old", 10, "subnet-a")
	f.Memory = memory
	f.Init = spec.Dist{Kind: "fixed"}
	f.Duration = spec.Dist{Kind: "fixed", Value: time.Second}
	s.Functions = []spec.Function{f}
	return s
}

func TestLegacyOneENIPerEnvironment(t *testing.T) {
	r := run(t, legacy(3072))
	f := r.Functions[0]
	if f.ColdStarts != 110 || f.Environments.Peak != 110 {
		t.Fatalf("cold starts %d, peak environments %d; want 110, 110", f.ColdStarts, f.Environments.Peak)
	}
	if r.ENIs.Peak != f.Environments.Peak {
		t.Errorf("peak ENIs %d, want the peak environments %d", r.ENIs.Peak, f.Environments.Peak)
	}
	if f.ColdStartDelay.P50 != 10 || f.ColdStartDelay.Max != 10 || f.ENIWait.Max != 10 {
		t.Errorf("cold-start delay p50 %v max %v, eni wait %v; want the 10 s set-up", f.ColdStartDelay.P50, f.ColdStartDelay.Max, f.ENIWait.Max)
	}
	if f.PendingSeconds != 0 || f.Errors["ResourceConflictException"] != 0 {
		t.Errorf("the legacy model has no Pending: %v s, %d conflicts", f.PendingSeconds, f.Errors["ResourceConflictException"])
	}
	if got := r.Subnets[0].PeakIPsUsed; got != 110 {
		t.Errorf("peak IPs %d, want 110", got)
	}
}

// With 1 GB functions a 3 GB worker's ENI serves three environments: the
// old sizing rule, peak concurrency x memory / 3 GB, rounded up. Here no
// environment is ever reused (1/s for 5 min, each invocation runs 1 h), so
// the 300 environments need exactly 100 ENIs; only the cold start that
// creates an ENI pays the 10 s set-up, the two that land on it later pay
// nothing (docs/aws-behaviour.md#legacy-model): a third of them wait 10 s.
func TestLegacySizingRule(t *testing.T) {
	s := legacy(1024)
	s.Functions[0].Arrivals[0].Rate = 1
	s.Functions[0].Duration = spec.Dist{Kind: "fixed", Value: time.Hour}
	r := run(t, s)
	f := r.Functions[0]
	// Every arrival (1 s ... 300 s) is a cold start; those at 292, 295 and
	// 298 s create an ENI and are still in their set-up when the run ends.
	if r.ENIs.Peak != 100 || f.Invocations != 300 || f.ColdStarts != 297 {
		t.Errorf("peak ENIs %d, invocations %d, cold starts %d; want 100, 300, 297", r.ENIs.Peak, f.Invocations, f.ColdStarts)
	}
	if f.ENIWait.P50 != 0 || f.ENIWait.P95 != 10 || f.ColdStartDelay.P50 != 0 {
		t.Errorf("ENI wait p50 %v p95 %v, cold-start p50 %v; want 0, 10, 0 (one cold start in three pays)",
			f.ENIWait.P50, f.ENIWait.P95, f.ColdStartDelay.P50)
	}
}

// Legacy ENIs carry no shared ports: with a port cap far below the
// connections held, the ENI count is still the environments' slots.
func TestLegacyIgnoresPorts(t *testing.T) {
	s := legacy(3072)
	s.Hyperplane.PortsPerENI = 1
	s.Functions[0].Connections = spec.Connections{PerEnvironment: 5, PerInvocation: 5}
	r := run(t, s)
	if r.ENIs.Peak != 110 || r.ENIs.Created != 110 || r.ENIs.ByKey[0].PeakPorts != 0 {
		t.Errorf("peak ENIs %d, created %d, peak ports %d; want 110, 110, 0",
			r.ENIs.Peak, r.ENIs.Created, r.ENIs.ByKey[0].PeakPorts)
	}
}
