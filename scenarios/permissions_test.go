package scenarios

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// The scenarios of these tests are in testdata/permissions; the caller
// scenarios use the example policies of the Lambda Developer Guide that
// eni/iam/testdata holds (see its README for where each comes from).

// loadPermissions loads testdata/permissions/name.yaml.
func loadPermissions(t *testing.T, name string) *spec.Scenario {
	t.Helper()
	s, err := spec.Load("testdata/permissions/"+name+".yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// buildPermissions builds s, recording its events in the returned list.
func buildPermissions(t *testing.T, s *spec.Scenario) (*Sim, *events) {
	t.Helper()
	var es events
	x, err := Build(s, Options{Events: func(e eni.Event) { es = append(es, e) }})
	if err != nil {
		t.Fatal(err)
	}
	return x, &es
}

// events are the events of a run, in order.
type events []eni.Event

// first is the first event that matches; ok is false when none does.
func (es events) first(match func(eni.Event) bool) (e eni.Event, ok bool) {
	for _, e := range es {
		if match(e) {
			return e, true
		}
	}
	return eni.Event{}, false
}

// permFunction returns the model function and the workload statistics of
// the function called name.
func permFunction(t *testing.T, x *Sim, name string) (*eni.Function, *workload.Stats) {
	t.Helper()
	for i, f := range x.Funcs {
		if f.Name == name {
			return f, x.Stats[i]
		}
	}
	t.Fatalf("no function %s", name)
	return nil, nil
}

func runUntil(t *testing.T, x *Sim, at sim.Time) {
	t.Helper()
	if err := x.RunUntil(at); err != nil {
		t.Fatal(err)
	}
}

// errorsExcept returns the errors of st other than the names given.
func errorsExcept(st *workload.Stats, names ...string) map[string]int64 {
	out := map[string]int64{}
	for k, v := range st.Errors {
		if v > 0 && !slices.Contains(names, k) {
			out[k] = v
		}
	}
	return out
}

// TestUpdateRoleThenRestore: a function keeps running after UpdateRole takes
// the ENI actions from its role (docs/aws-behaviour.md, execution role
// permissions: the permissions are needed only to create ENIs), and once its
// ENIs are reclaimed for idleness the restore cannot create one: the function
// goes back to Inactive with StateReasonCode InsufficientRolePermissions
// (docs/aws-behaviour.md, function states), and every invoke that tries
// again fails.
func TestUpdateRoleThenRestore(t *testing.T) {
	x, trace := buildPermissions(t, loadPermissions(t, "update-role-restore"))
	f, st := permFunction(t, x, "orders")

	runUntil(t, x, 2*time.Minute)
	if f.State != eni.Active {
		t.Fatalf("at 2m: %v (%s), want Active", f.State, f.Reason)
	}
	before := st.Succeeded

	// Bursts of 2/s for the first 10 minutes: 8 minutes of it after the
	// UpdateRole, about 960 invokes.
	runUntil(t, x, 11*time.Minute)
	if f.State != eni.Active {
		t.Errorf("at 11m: %v (%s), want Active: UpdateRole must not stop a running function", f.State, f.Reason)
	}
	if got := st.Succeeded - before; got < 800 {
		t.Errorf("invokes that succeeded after UpdateRole: %d, want about 960", got)
	}
	// Only the invokes of the first 10 s (Pending, Creating) may fail.
	if errs := errorsExcept(st, eni.ErrResourceConflict); len(errs) > 0 {
		t.Errorf("errors up to 11m: %v", errs)
	}
	if f.Calls["UpdateRole"][okName] != 1 {
		t.Errorf("calls = %v", f.Calls)
	}

	// Idle from 10m; idleReclaim 1h.
	runUntil(t, x, 90*time.Minute)
	if f.State != eni.Inactive || f.Reason != eni.Idle {
		t.Fatalf("at 90m: %v (%s), want Inactive (Idle)", f.State, f.Reason)
	}
	if n := x.Model.ENIs.Value(); n != 0 {
		t.Errorf("at 90m: %d ENIs, want 0 (reclaimed)", n)
	}
	succeeded, created := st.Succeeded, x.Model.Created

	runUntil(t, x, 3*time.Hour+time.Minute)
	if f.State != eni.Inactive || f.Reason != eni.InsufficientRolePermissions {
		t.Errorf("after the restore: %v (%s), want Inactive (InsufficientRolePermissions)", f.State, f.Reason)
	}
	if x.Model.Created != created || st.Succeeded != succeeded {
		t.Errorf("after the restore: %d ENIs created, %d invokes succeeded; want none", x.Model.Created-created, st.Succeeded-succeeded)
	}
	if st.Errors[eni.ErrResourceNotReady] < 60 {
		t.Errorf("errors = %v, want ResourceNotReadyException for every invoke from 3h", st.Errors)
	}
	if _, ok := trace.first(func(e eni.Event) bool {
		return e.Kind == eni.KeyBlocked && e.At >= 3*time.Hour && e.Subnet == "subnet-a" && e.Reason == eni.InsufficientRolePermissions
	}); !ok {
		t.Errorf("no KeyBlocked event for subnet-a (InsufficientRolePermissions) says why the restore failed")
	}
	if e, ok := trace.first(func(e eni.Event) bool { return e.Kind == eni.Restore && e.At >= 3*time.Hour }); !ok || e.State != eni.Inactive || e.Reason != eni.InsufficientRolePermissions {
		t.Errorf("restore event %+v, want one that leaves the function Inactive (InsufficientRolePermissions)", e)
	}

	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	if f.State != eni.Inactive || f.Reason != eni.InsufficientRolePermissions {
		t.Errorf("at the end: %v (%s)", f.State, f.Reason)
	}
	if got := errorsExcept(st, eni.ErrResourceConflict, eni.ErrResourceNotReady); len(got) > 0 {
		t.Errorf("errors = %v", got)
	}
}

// TestRestoreWithoutUpdateRole is the control of TestUpdateRoleThenRestore:
// the same scenario without its timeline restores at 3h and is Active.
func TestRestoreWithoutUpdateRole(t *testing.T) {
	s := loadPermissions(t, "update-role-restore")
	s.Timeline = nil
	x, _ := buildPermissions(t, s)
	f, st := permFunction(t, x, "orders")
	runUntil(t, x, 3*time.Hour+time.Minute)
	if f.State != eni.Active {
		t.Errorf("after the restore: %v (%s), want Active", f.State, f.Reason)
	}
	if x.Model.Created != 4 || st.Errors[eni.ErrResourceNotReady] == 0 {
		t.Errorf("created %d ENIs (want 2 + 2), errors %v", x.Model.Created, st.Errors)
	}
}

// TestUpdateRoleThenScaleOut: the ENI a function needs later to scale out
// cannot be created with a role that lost the ENI actions.
func TestUpdateRoleThenScaleOut(t *testing.T) {
	x, trace := buildPermissions(t, loadPermissions(t, "update-role-scaleout"))
	f, st := permFunction(t, x, "orders")
	runUntil(t, x, 3*time.Minute)
	before := st.Succeeded
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	if st.Succeeded-before < 100 {
		t.Errorf("%d invokes succeeded after UpdateRole, want the ones the ENI had room for", st.Succeeded-before)
	}
	p := x.Model.Pools[0]
	if p.Blocked != eni.InsufficientRolePermissions || x.Model.Created != 1 {
		t.Errorf("pool %s blocked %q, %d ENIs created; want InsufficientRolePermissions, 1", p.Key, p.Blocked, x.Model.Created)
	}
	// The model puts the function in Failed when an invoke finds no room
	// and the pool cannot grow (eni.Function.Fail); its invokes then fail
	// with EC2AccessDeniedException (API_Invoke.md).
	if f.State != eni.Failed || f.Reason != eni.InsufficientRolePermissions {
		t.Errorf("at the end: %v (%s), want Failed (InsufficientRolePermissions)", f.State, f.Reason)
	}
	if st.Errors[eni.ErrEC2AccessDenied] == 0 {
		t.Errorf("errors = %v, want EC2AccessDeniedException", st.Errors)
	}
	e, ok := trace.first(func(e eni.Event) bool {
		return e.Kind == eni.ScaleOutBlocked && e.Key == "subnet-a+[sg-app]" && e.Reason == eni.InsufficientRolePermissions
	})
	if first := e.At; !ok || first < 3*time.Minute || first > 10*time.Minute {
		t.Errorf("first blocked scale-out at %v, want after the UpdateRole at 3m and before 10m (the rate's design)", first)
	}
}

// callerWant is what a caller scenario's calls on one function must give.
type callerWant struct {
	create string         // CreateFunction outcome
	update map[string]int // UpdateFunctionConfiguration outcomes, nil: none
	keys   []string       // the pool keys it ends on (when created)
}

// denied and okName are the outcomes' names, as Calls counts them.
var denied, okName = eni.AccessDenied.String(), eni.OK.String()

// TestCallerVPCExamples runs the documented example policies for VPC
// settings (configuration-vpc.html, "Using IAM condition keys for VPC
// settings") as region.caller: CreateFunction and
// UpdateFunctionConfiguration are allowed or refused with
// AccessDeniedException as the page says, and a refused call changes
// nothing (a refused function does not exist; a refused move leaves the
// function Active where it was).
func TestCallerVPCExamples(t *testing.T) {
	tests := []struct {
		file string
		fns  map[string]callerWant
	}{
		{"caller-only-vpc", map[string]callerWant{
			// The update without VpcConfig has no lambda:VpcIds: refused.
			"in-vpc": {okName, map[string]int{denied: 1, okName: 1}, []string{"subnet-2+[sg-1]", "subnet-3+[sg-1]"}},
			"no-vpc": {create: denied},
		}},
		{"caller-deny-vpcs", map[string]callerWant{
			"in-vpc-1": {create: denied},
			"in-vpc-3": {okName, map[string]int{denied: 1}, []string{"subnet-8+[sg-9]", "subnet-9+[sg-9]"}},
			"no-vpc":   {create: okName},
		}},
		{"caller-deny-subnets-sgs", map[string]callerWant{
			// Moved to a forbidden subnet: refused; a memory change: allowed.
			"allowed":           {okName, map[string]int{denied: 1, okName: 1}, []string{"subnet-3+[sg-3]"}},
			"one-denied-subnet": {create: denied},
			"one-denied-sg":     {create: denied},
		}},
		{"caller-allow-vpcs", map[string]callerWant{
			"in-vpc-1": {create: okName, keys: []string{"subnet-1+[sg-1]"}},
			"in-vpc-3": {create: denied},
			"no-vpc":   {create: denied},
		}},
		{"caller-allow-subnets-sgs", map[string]callerWant{
			"listed":   {okName, map[string]int{denied: 1}, []string{"subnet-1+[sg-3]", "subnet-2+[sg-3]"}},
			"unlisted": {create: denied},
			"no-vpc":   {create: okName}, // ForAllValues with the key missing
		}},
		{"caller-deny-subnets-plain", map[string]callerWant{
			"subnet-1-only": {create: denied},
			// The prose's plain StringEquals misses a two-subnet request.
			"subnet-1-and-3": {create: okName, keys: []string{"subnet-1+[sg-1]", "subnet-3+[sg-1]"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			x, trace := buildPermissions(t, loadPermissions(t, tt.file))
			if err := x.Run(); err != nil {
				t.Fatal(err)
			}
			for _, name := range slices.Sorted(maps.Keys(tt.fns)) {
				want := tt.fns[name]
				f, st := permFunction(t, x, name)
				if got := f.Calls["CreateFunction"]; len(got) != 1 || got[want.create] != 1 {
					t.Errorf("%s: CreateFunction %v, want %s", name, got, want.create)
				}
				if got := f.Calls["UpdateFunctionConfiguration"]; !maps.Equal(got, want.update) {
					t.Errorf("%s: UpdateFunctionConfiguration %v, want %v", name, got, want.update)
				}
				if want.create == denied {
					if f.Exists || f.Config != nil {
						t.Errorf("%s: refused, yet exists=%v on %v", name, f.Exists, f.Config.Keys())
					}
					if st.Invocations > 0 && st.Errors[eni.ErrResourceNotFound] != st.Invocations {
						t.Errorf("%s: invokes of a function never created: %v, want ResourceNotFoundException", name, st.Errors)
					}
					if _, ok := trace.first(func(e eni.Event) bool {
						return e.Kind == eni.CreateFunction && e.Function == name && e.Outcome == eni.AccessDenied
					}); !ok {
						t.Errorf("%s: no CreateFunction event with AccessDenied", name)
					}
					continue
				}
				if !f.Exists || f.State != eni.Active {
					t.Errorf("%s: exists=%v %v (%s), want Active", name, f.Exists, f.State, f.Reason)
				}
				if got := f.Config.Keys(); !slices.Equal(got, want.keys) && len(want.keys) > 0 {
					t.Errorf("%s: keys %v, want %v", name, got, want.keys)
				}
				if len(st.Errors) > 0 && len(errorsExcept(st, eni.ErrResourceConflict)) > 0 {
					t.Errorf("%s: errors %v", name, st.Errors)
				}
			}
		})
	}
}

// TestCallerDecisionTrace: a refusal is narrated with the request's
// condition keys and the statement that decided it.
func TestCallerDecisionTrace(t *testing.T) {
	x, trace := buildPermissions(t, loadPermissions(t, "caller-deny-subnets-sgs"))
	runUntil(t, x, 11*time.Minute)
	want := `UpdateFunctionConfiguration allowed (lambda:VpcIds=vpc-1, lambda:SubnetIds=subnet-1,subnet-3, lambda:SecurityGroupIds=sg-3): ExplicitDeny by policy 0 (../eni/iam/testdata/lambda-deny-subnets-sgs.json) statement 0 (Sid "EnforceOutOfSubnet")`
	e, ok := trace.first(func(e eni.Event) bool { return e.Kind == eni.CallerDenied && e.Function == "allowed" })
	if got := eni.Describe(e); !ok || e.At != 10*time.Minute || e.Call != eni.UpdateFunctionConfiguration || got != want {
		t.Errorf("CallerDenied at %v of %s:\n%s\nwant at 10m0s:\n%s", e.At, e.Call, got, want)
	}
}

// TestCallerWarnings: a caller that may not call the EC2 Describe actions
// gets a warning at region.caller; one that may, or no caller, none.
func TestCallerWarnings(t *testing.T) {
	for file, want := range map[string]string{
		"caller-allow-vpcs":   "region.caller: may not call ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs",
		"caller-deny-vpcs":    "",
		"update-role-restore": "",
	} {
		s := loadPermissions(t, file)
		ws, err := CallerWarnings(s)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		switch {
		case want == "" && len(ws) > 0:
			t.Errorf("%s: warnings %v", file, ws)
		case want != "" && (len(ws) != 1 || !strings.HasPrefix(ws[0].Msg, want) || ws[0].Pos.Line != 12):
			t.Errorf("%s: warnings %v, want one at line 12: %s", file, ws, want)
		}
	}
}

// TestCallerPolicyErrors: a caller policy that does not parse stops Build
// and CallerWarnings with the place the scenario writes it.
func TestCallerPolicyErrors(t *testing.T) {
	s := loadPermissions(t, "caller-bad-policy")
	const want = `testdata/permissions/caller-bad-policy.yaml:6:9: region.caller.policies.0: statement 0: Statement[0]: unknown element "Actions"`
	_, err := Build(s, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Build: %v\nwant %s...", err, want)
	}
	_, err = CallerWarnings(s)
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.HasPrefix(list[0].Error(), want) {
		t.Errorf("CallerWarnings: %v", err)
	}

	// A policy file: its own line and column are kept.
	src := `name: bad-file
duration: 10m
region:
  caller:
    policyFiles: [permissions/bad-effect.json]
functions:
  - name: plain
`
	s, err = spec.Parse("s.yaml", []byte(src), "testdata", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(s, Options{})
	const wantFile = `s.yaml:5:19: region.caller.policyFiles.0: testdata/permissions/bad-effect.json: line 4 col `
	if err == nil || !strings.HasPrefix(err.Error(), wantFile) || !strings.Contains(err.Error(), `statement 0 (Sid "Typo")`) {
		t.Errorf("Build: %v\nwant %s...", err, wantFile)
	}
}
