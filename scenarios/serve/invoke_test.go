package serve

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/enisim/enisim/scenarios/spec"
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
