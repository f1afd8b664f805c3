package serve

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

func noRetry(o *lambda.Options) { o.RetryMaxAttempts = 1 }

func parse(t *testing.T, src string) *spec.Scenario {
	t.Helper()
	s, err := spec.Parse("s.yaml", []byte(src), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A full subnet fails the creation (SubnetOutOfIPAddresses), and an invoke
// of the Failed function is the SDK's SubnetIPAddressLimitReachedException
// (HTTP 502).
func TestInvokeOfAFunctionWithoutIPs(t *testing.T) {
	sv := serveScenario(t, parse(t, `name: full
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/28, usedIPs: 11}]
    securityGroups: [sg-a]
functions: []
`), "")
	out := sv.create(t, "orders", []string{"subnet-a"}, []string{"sg-a"})
	if out.State != types.StateFailed || out.StateReasonCode != types.StateReasonCodeSubnetOutOfIPAddresses {
		t.Fatalf("CreateFunction in a full subnet: %s (%s), want Failed (SubnetOutOfIPAddresses)", out.State, out.StateReasonCode)
	}
	_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders")}, noRetry)
	var noIP *types.SubnetIPAddressLimitReachedException
	if !errors.As(err, &noIP) {
		t.Errorf("Invoke of the Failed function: %v, want *types.SubnetIPAddressLimitReachedException", err)
	}
	var st int64
	sv.ss.Do(func() { st = sv.ss.x.Stats[0].Errors["SubnetIPAddressLimitReachedException"] })
	if st != 1 {
		t.Errorf("the model counted %d refused invocations, want the 1 the API refused", st)
	}
	w := lambda.NewFunctionActiveV2Waiter(sv.lc, fastActive)
	if err := w.Wait(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders")}, 5e9); err == nil {
		t.Errorf("FunctionActiveV2Waiter on a Failed function returned no error")
	}
}

// A function idle past idleReclaim is Inactive; an invoke is the SDK's
// ResourceNotReadyException and starts the restore (Pending, Restoring).
func TestInvokeOfAnInactiveFunction(t *testing.T) {
	sv := serveScenario(t, parse(t, `name: idle
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24}]
    securityGroups: [sg-a]
functions: []
hyperplane: {idleReclaim: 30m, creationDelay: 75s}
`), "")
	sv.create(t, "orders", []string{"subnet-a"}, []string{"sg-a"})
	sv.waitActive(t, "orders")
	var state types.State
	for range 10 { // each read runs to the next change, at most 10 min
		got, err := sv.lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("orders")})
		if err != nil {
			t.Fatal(err)
		}
		if state = got.State; state == types.StateInactive {
			if got.StateReasonCode != types.StateReasonCodeIdle {
				t.Errorf("Inactive with %s, want Idle", got.StateReasonCode)
			}
			break
		}
	}
	if state != types.StateInactive {
		t.Fatalf("after the reads the function is %s, want Inactive", state)
	}
	if at := sv.now(); at < 75e9+30*60e9 {
		t.Errorf("Inactive at %v, before Active (75 s) + idleReclaim (30 min)", at)
	}
	// One attempt: the SDK retries a 502 by default, and its retry would
	// meet the restore in progress (ResourceConflictException), as on AWS.
	_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders")}, noRetry)
	var notReady *types.ResourceNotReadyException
	if !errors.As(err, &notReady) {
		t.Fatalf("Invoke of an Inactive function: %v, want *types.ResourceNotReadyException", err)
	}
	// The model itself (an API read would run on to the restore's end).
	var st, reason string
	sv.ss.Do(func() { f := sv.ss.byName["orders"].ef; st, reason = f.State.String(), string(f.Reason) })
	if st != "Pending" || reason != "Restoring" {
		t.Errorf("after the invoke: %s (%s), want Pending (Restoring)", st, reason)
	}
	sv.waitActive(t, "orders")
}

// oneFunction is a scenario whose function api (init 1 s, 30 s
// invocations) is created at 0 and Active at 10 s, with no workload of its
// own.
const oneFunction = `name: one
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24}]
    securityGroups: [sg-a]
hyperplane: {creationDelay: 10s}
functions:
  - name: api
    vpcConfig: SubnetIds=subnet-a,SecurityGroupIds=sg-a
    init: 1s
    duration: 30s
`

// At speed Max a RequestResponse Invoke answers when its invocation ends:
// the clock runs through the cold start and the run (31 s), then through
// a warm run (30 s), and the payload says so.
func TestInvokeAnswersWhenTheInvocationEnds(t *testing.T) {
	sv := serveScenario(t, parse(t, oneFunction), "")
	sv.waitActive(t, "api")
	for i, want := range []time.Duration{31 * time.Second, 30 * time.Second} {
		before := sv.now()
		out, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api"), LogType: types.LogTypeTail}, noRetry)
		if err != nil {
			t.Fatal(err)
		}
		// The log's REPORT line: the run's 30 s, and the cold start's
		// second the first time only.
		log, _ := base64.StdEncoding.DecodeString(aws.ToString(out.LogResult))
		report := "Duration: 30000.00 ms\tBilled Duration: 30000 ms"
		if !strings.Contains(string(log), report) || strings.Contains(string(log), "Init Duration: 1000.00 ms") != (i == 0) {
			t.Errorf("invoke %d: log %q, want %q, with Init Duration: 1000.00 ms on the cold start only", i+1, log, report)
		}
		from, to := before+1, before+1+want
		body := fmt.Sprintf("enisim: api ran from %s to %s (virtual time)", sim.Clock(from), sim.Clock(to))
		if !strings.Contains(string(out.Payload), body) || out.StatusCode != 200 || aws.ToString(out.ExecutedVersion) != "$LATEST" {
			t.Errorf("Invoke: %d %q (version %s), want 200 saying %q", out.StatusCode, out.Payload, aws.ToString(out.ExecutedVersion), body)
		}
		if now := sv.now(); now != to {
			t.Errorf("after the Invoke the clock reads %v, want the invocation's end, %v", now, to)
		}
	}
	var st *workload.Stats
	sv.ss.Do(func() { st = sv.ss.x.Stats[0] })
	if st.Succeeded != 2 || st.ColdStarts != 1 {
		t.Errorf("the model: %d succeeded, %d cold starts; want 2 and 1", st.Succeeded, st.ColdStarts)
	}
}

// fakeWall is a wall clock a test moves.
type fakeWall struct {
	mu sync.Mutex
	t  time.Time
}

func (w *fakeWall) now() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.t }
func (w *fakeWall) set(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = time.Unix(0, 0).Add(d)
}

// pacedTo moves a speed-1 session's wall clock to d and waits until the
// virtual clock has followed.
func (sv *served) pacedTo(t *testing.T, w *fakeWall, d time.Duration) {
	t.Helper()
	w.set(d)
	for deadline := time.Now().Add(10 * time.Second); sv.now() < d; {
		if time.Now().After(deadline) {
			t.Fatalf("the virtual clock stayed at %v, short of %v", sv.now(), d)
		}
		time.Sleep(time.Millisecond)
	}
}

// On a paced clock an Invoke whose invocation fails after it was admitted
// answers with that error when it happens: scenarios'
// TestWatchedInvokeEndsWhenItEnds, with A and B from the timeline and C
// from the API at 22 s, which fails at 31 s, when ENI 2 is ready and has
// no room left for its invocation.
func TestInvokeAnswersALaterFailure(t *testing.T) {
	w := &fakeWall{}
	w.set(0)
	sv := serveWith(t, parse(t, `name: late
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/28, usedIPs: 9}]
    securityGroups: [sg-a]
hyperplane: {portsPerEni: 10, creationDelay: 10s}
functions:
  - name: api
    vpcConfig: SubnetIds=subnet-a,SecurityGroupIds=sg-a
    init: 0s
    duration: 1m
    connections: {perEnvironment: 3, perInvocation: 4}
timeline:
  - {at: 20s, action: Invoke, function: api}
  - {at: 21s, action: Invoke, function: api}
`), "", Options{Speed: 1, Wall: w.now, Tick: time.Millisecond})
	sv.pacedTo(t, w, 22*time.Second)
	type result struct {
		out *lambda.InvokeOutput
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api")}, noRetry)
		done <- result{out, err}
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		var n int
		sv.ss.Do(func() { n = len(sv.ss.Calls()) })
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the Invoke was not applied")
		}
	}
	select {
	case r := <-done:
		t.Fatalf("Invoke answered before its invocation ended: %v %v", r.out, r.err)
	case <-time.After(50 * time.Millisecond):
	}
	sv.pacedTo(t, w, 40*time.Second)
	r := <-done
	var noIP *types.SubnetIPAddressLimitReachedException
	if !errors.As(r.err, &noIP) {
		t.Fatalf("Invoke: %v, want *types.SubnetIPAddressLimitReachedException", r.err)
	}
}

// A paused clock holds an Invoke's answer until it resumes, as a frozen
// Lambda would: the invocation ends, and the answer comes, only after.
func TestInvokeWaitsForAPausedClock(t *testing.T) {
	w := &fakeWall{}
	w.set(0)
	sv := serveWith(t, parse(t, oneFunction), "", Options{Speed: 1, Wall: w.now, Tick: time.Millisecond})
	sv.pacedTo(t, w, 11*time.Second)
	sv.ss.Pause()
	done := make(chan error, 1)
	go func() {
		_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api")}, noRetry)
		done <- err
	}()
	w.set(time.Hour) // wall time passes; the paused clock does not
	select {
	case err := <-done:
		t.Fatalf("Invoke answered while the clock was paused: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	sv.ss.Resume()
	w.set(time.Hour + 40*time.Second) // 31 s of cold start and run, and some
	if err := <-done; err != nil {
		t.Fatalf("Invoke after the clock resumed: %v", err)
	}
}

// An Invoke that cannot end (the clock is paused) answers after invokeWait
// with a ServiceException that says why; the invocation goes on.
func TestInvokeOnAPausedClockGivesUp(t *testing.T) {
	defer func(d time.Duration) { invokeWait = d }(invokeWait)
	invokeWait = 100 * time.Millisecond
	w := &fakeWall{}
	w.set(0)
	sv := serveWith(t, parse(t, oneFunction), "", Options{Speed: 1, Wall: w.now, Tick: time.Millisecond})
	sv.pacedTo(t, w, 11*time.Second)
	sv.ss.Pause()
	_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api")}, noRetry)
	var se *types.ServiceException
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "paused") {
		t.Fatalf("Invoke on a paused clock: %v, want a ServiceException saying the clock is paused", err)
	}
}

// An Invoke's payload must be JSON, at most 6 MB (1 MB for Event), as
// Lambda checks it; every answer carries a request id.
func TestInvokePayloadChecks(t *testing.T) {
	sv := serveScenario(t, parse(t, oneFunction), "")
	sv.waitActive(t, "api")
	out, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api"), Payload: []byte(`{"order": 7}`)})
	if err != nil {
		t.Fatalf("a JSON payload: %v", err)
	}
	if id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); !ok || id == "" {
		t.Error("the answer has no request id")
	}
	_, err = sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api"), Payload: []byte("not json")}, noRetry)
	var content *types.InvalidRequestContentException
	if !errors.As(err, &content) {
		t.Errorf("a payload that is not JSON: %v, want InvalidRequestContentException", err)
	}
	big := []byte(`"` + strings.Repeat("x", 6<<20) + `"`)
	for _, c := range []struct {
		kind types.InvocationType
		body []byte
		want string
	}{
		{types.InvocationTypeRequestResponse, big, "Request must be smaller than 6291456 bytes"},
		{types.InvocationTypeEvent, big[:2<<20], "payload is too large for the Event invocation type (limit 1048576 bytes)"},
	} {
		_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("api"), InvocationType: c.kind, Payload: c.body}, noRetry)
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "RequestEntityTooLargeException" || !strings.Contains(ae.ErrorMessage(), c.want) {
			t.Errorf("%s with %d bytes: %v, want RequestEntityTooLargeException saying %q", c.kind, len(c.body), err, c.want)
		}
	}
	var st *workload.Stats
	sv.ss.Do(func() { st = sv.ss.x.Stats[0] })
	if st.Invocations != 1 {
		t.Errorf("the model counted %d invocations, want the 1 with a valid payload", st.Invocations)
	}
}
