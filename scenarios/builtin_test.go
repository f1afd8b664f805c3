package scenarios

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/enisim/enisim/scenarios/spec"
)

func runBuiltin(t *testing.T, name string) *Report {
	t.Helper()
	s, err := spec.LoadBuiltin(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return run(t, s)
}

func function(t *testing.T, r *Report, name string) FunctionReport {
	t.Helper()
	for _, f := range r.Functions {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no function %s", name)
	return FunctionReport{}
}

func key(t *testing.T, r *Report, subnet string) KeyReport {
	t.Helper()
	for _, k := range r.ENIs.ByKey {
		if k.Subnet == subnet {
			return k
		}
	}
	t.Fatalf("no key in %s", subnet)
	return KeyReport{}
}

// pending-block: 60 s of Pending at 10/s refuses 600 invokes; the code
// update and version at 30 s are refused, the code update at 90 s is not.
func TestBuiltinPendingBlock(t *testing.T) {
	r := runBuiltin(t, "pending-block")
	f := function(t, r, "orders")
	if f.Errors["ResourceConflictException"] != 600 || f.PendingSeconds != 60 {
		t.Errorf("conflicts %d, pending %v s; want 600, 60", f.Errors["ResourceConflictException"], f.PendingSeconds)
	}
	cp := f.ControlPlane
	if cp["UpdateFunctionCode"]["ResourceConflictException"] != 1 || cp["UpdateFunctionCode"]["ok"] != 1 ||
		cp["PublishVersion"]["ResourceConflictException"] != 1 {
		t.Errorf("control plane %v", cp)
	}
	// 5 min at 10/s: 3,000 arrivals, 600 refused, the one at 5:00 in flight.
	if f.Invocations != 3000 || f.Succeeded != 2399 || f.InFlight != 1 {
		t.Errorf("invocations %d succeeded %d in flight %d", f.Invocations, f.Succeeded, f.InFlight)
	}
}

// shared-eni: one ENI per subnet for three functions; only the first waits.
func TestBuiltinSharedENI(t *testing.T) {
	r := runBuiltin(t, "shared-eni")
	if r.ENIs.Peak != 2 || r.ENIs.Created != 2 || len(r.ENIs.ByKey) != 2 {
		t.Errorf("ENIs peak %d created %d keys %d; want 2, 2, 2", r.ENIs.Peak, r.ENIs.Created, len(r.ENIs.ByKey))
	}
	if p := function(t, r, "api").PendingSeconds; p != 75 {
		t.Errorf("api pending %v, want the 75 s creation delay", p)
	}
	for _, name := range []string{"worker", "cron"} {
		if f := function(t, r, name); f.PendingSeconds != 0 || f.State != "Active" {
			t.Errorf("%s: pending %v state %s; want 0, Active", name, f.PendingSeconds, f.State)
		}
	}
	// worker: 5/s for its first 5 minutes, before it exists.
	if n := function(t, r, "worker").Errors["ResourceNotFoundException"]; n != 1499 {
		t.Errorf("worker ResourceNotFoundException %d, want 1499 (arrivals at 0.2 s .. 4:59.8)", n)
	}
}

// port-scaleout: 720 environments of 100 ports (600/s x 1.2 s of init and
// run) need 72,000 ports: two ENIs, the second created at 52,000 (80%).
func TestBuiltinPortScaleOut(t *testing.T) {
	r := runBuiltin(t, "port-scaleout")
	k := key(t, r, "subnet-a")
	if k.Peak != 2 || k.PeakPorts != 72000 {
		t.Errorf("peak ENIs %d, peak ports %d; want 2, 72000", k.Peak, k.PeakPorts)
	}
	if f := function(t, r, "fanout"); f.ENIWait.Max < 55 || f.ENIWait.Max > 60 {
		t.Errorf("eni wait max %v: the cold starts past 65,000 ports wait up to the 60 s creation", f.ENIWait.Max)
	}
}

// idle-reclaim: bursts at 0, 3 h and 6 h; idle 2 h after each burst ends,
// so the 3 h and 6 h bursts each meet an Inactive function once.
func TestBuiltinIdleReclaim(t *testing.T) {
	r := runBuiltin(t, "idle-reclaim")
	f := function(t, r, "batch")
	if f.Errors["ResourceNotReadyException"] != 2 || r.ENIs.Created != 3 || f.PendingSeconds != 240 {
		t.Errorf("not ready %d, ENIs created %d, pending %v; want 2, 3, 240",
			f.Errors["ResourceNotReadyException"], r.ENIs.Created, f.PendingSeconds)
	}
}

// subnet-exhaustion: 11 usable - 5 used = 6 ENIs; f7 and f8 fail.
func TestBuiltinSubnetExhaustion(t *testing.T) {
	r := runBuiltin(t, "subnet-exhaustion")
	if r.ENIs.Peak != 6 || r.Subnets[0].PeakIPsUsed != 11 || r.Subnets[0].CapacityIPs != 11 {
		t.Errorf("ENIs %d, IPs %d/%d; want 6, 11/11", r.ENIs.Peak, r.Subnets[0].PeakIPsUsed, r.Subnets[0].CapacityIPs)
	}
	for _, name := range []string{"f7", "f8"} {
		f := function(t, r, name)
		if f.State != "Failed" || f.StateReasonCode != "SubnetOutOfIPAddresses" ||
			f.Errors["SubnetIPAddressLimitReachedException"] != 600 {
			t.Errorf("%s: %s (%s), errors %v", name, f.State, f.StateReasonCode, f.Errors)
		}
	}
}

// default: the crawler's burst needs a second ENI in each subnet, and
// orders' move to a new SG set refuses the code update made while
// InProgress.
func TestBuiltinDefault(t *testing.T) {
	r := runBuiltin(t, "default")
	for _, subnet := range []string{"subnet-a", "subnet-b"} {
		i := slices.IndexFunc(r.ENIs.ByKey, func(k KeyReport) bool {
			return k.Subnet == subnet && slices.Equal(k.SecurityGroups, []string{"sg-app"})
		})
		if i < 0 {
			t.Errorf("no key %s+[sg-app] in %+v", subnet, r.ENIs.ByKey)
		} else if k := r.ENIs.ByKey[i]; k.Peak != 2 {
			t.Errorf("%s+[sg-app] peak %d, want 2 (burst scale-out)", subnet, k.Peak)
		}
	}
	o := function(t, r, "orders")
	if o.ControlPlane["UpdateFunctionCode"]["ResourceConflictException"] != 1 {
		t.Errorf("orders control plane %v", o.ControlPlane)
	}
	if len(o.Keys) != 2 || o.Keys[0] != "subnet-a+[sg-app,sg-cache]" {
		t.Errorf("orders keys %v after the update", o.Keys)
	}
}

// The same scenario and seed give byte-identical JSON.
func TestDeterministicJSON(t *testing.T) {
	enc := func() []byte {
		b, err := json.Marshal(runBuiltin(t, "default"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if a, b := enc(), enc(); !bytes.Equal(a, b) {
		t.Fatal("two runs of the same seed differ")
	}
}

// Common random numbers: moving one function to another layout leaves the
// other functions' arrivals exactly as they were.
func TestLayoutChangeKeepsOtherArrivals(t *testing.T) {
	s, err := spec.LoadBuiltin("shared-eni", []spec.Override{{Path: "functions.worker.vpcConfig", Value: "SubnetIds=subnet-a,SecurityGroupIds=sg-app"}})
	if err != nil {
		t.Fatal(err)
	}
	b := run(t, s)
	base := runBuiltin(t, "shared-eni")
	for _, name := range []string{"api", "cron"} {
		if x, y := function(t, base, name), function(t, b, name); x.Invocations != y.Invocations || x.Succeeded != y.Succeeded {
			t.Errorf("%s: %d/%d invocations/succeeded before, %d/%d after moving worker", name, x.Invocations, x.Succeeded, y.Invocations, y.Succeeded)
		}
	}
	if len(b.ENIs.ByKey) != 2 {
		t.Errorf("keys %d", len(b.ENIs.ByKey))
	}
}

// diurnal-day: each key needs a second ENI at the peak and gives it back at
// night; the webhook replays its trace row exactly (8,768 arrivals x 50).
func TestBuiltinDiurnalDay(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a day")
	}
	r := runBuiltin(t, "diurnal-day")
	for _, k := range r.ENIs.ByKey {
		if k.Peak != 2 || k.Final != 1 {
			t.Errorf("%s: peak %d, at the end %d; want 2 at noon, 1 at midnight", k.Subnet, k.Peak, k.Final)
		}
	}
	if r.ENIs.Created != 4 || r.ENIs.Deleted != 2 {
		t.Errorf("created %d deleted %d; want 4, 2", r.ENIs.Created, r.ENIs.Deleted)
	}
	if n := function(t, r, "webhook").Invocations; n != 8768*50 {
		t.Errorf("webhook invocations %d, want %d", n, 8768*50)
	}
}
