package serve

import (
	"fmt"
	"maps"
	"net/http"
	"strconv"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// invoke is Invoke: one invocation through the workload, exactly as an
// arrival of the function (its retries included, when the scenario gives
// the function a retrying client). The answer does not wait for the
// simulated duration: it says whether the invocation was admitted, and
// with which error it was refused. The payload is canned.
func (ss *Session) invoke(r *http.Request, _ []byte) (reply, *apiError) {
	fn, ae := ss.existingName(r)
	if ae != nil {
		return reply{}, ae
	}
	_, v, ae := ss.lookup(r) // a version named in the path or ?Qualifier must exist
	if ae != nil && fn.ef.Exists {
		return reply{}, ae
	}
	executed := "$LATEST"
	if v != nil {
		executed = strconv.Itoa(v.number)
	}
	kind := r.Header.Get("X-Amz-Invocation-Type")
	switch kind {
	case "", "RequestResponse", "Event":
	case "DryRun":
		if g := gate(fn.ef); g != eni.OK {
			return reply{}, ss.invokeError(g.String(), fn)
		}
		return reply{status: http.StatusNoContent}, nil
	default:
		return reply{}, invalid("1 validation error detected: Value '%s' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]", kind)
	}
	st := ss.x.Stats[fn.idx]
	predicted := gate(fn.ef)
	throttled, retries, errs := st.Throttled, st.Retries, maps.Clone(st.Errors)
	_, err := ss.apply(Call{Action: "Invoke", Function: fn.ef.Name}, func() { ss.x.Runner.Invoke(fn.ef) })
	if err != nil {
		return reply{}, errorf("ServiceException", err.Error())
	}
	switch {
	case st.Throttled > throttled:
		return reply{}, errorf(eni.ErrTooManyRequests, "Rate Exceeded.")
	case st.Retries > retries:
		if predicted == eni.OK {
			predicted = eni.TooManyRequests
		}
		return reply{}, ss.invokeError(predicted.String(), fn)
	}
	for name, n := range st.Errors {
		if n > errs[name] {
			return reply{}, ss.invokeError(name, fn)
		}
	}
	if kind == "Event" {
		return reply{status: http.StatusAccepted, raw: []byte{}}, nil
	}
	payload := fmt.Sprintf(`{"statusCode":200,"body":"enisim: %s invoked at %s (virtual time)"}`, fn.ef.Name, sim.Clock(ss.now()))
	return reply{status: http.StatusOK, raw: []byte(payload), headers: map[string]string{"X-Amz-Executed-Version": executed}}, nil
}

// gate predicts what the model's invoke check (eni.Function.Admit) will
// say, without its side effect (restoring an Inactive function).
func gate(ef *eni.Function) eni.Outcome {
	switch {
	case !ef.Exists:
		return eni.ResourceNotFound
	case ef.State == eni.Active:
		return eni.OK
	case ef.State == eni.Pending:
		return eni.ResourceConflict
	case ef.State == eni.Inactive:
		return eni.ResourceNotReady
	}
	return eni.InvokeOutcome(ef.Reason)
}

// invokeError is the error of a refused invocation, with AWS's message.
func (ss *Session) invokeError(name string, fn *function) *apiError {
	switch name {
	case eni.ErrResourceConflict:
		return errorf(name, "The operation cannot be performed at this time. The function is currently in the following state: "+fn.ef.State.String())
	case eni.ErrResourceNotReady:
		return errorf(name, "The function is inactive and its VPC connection is no longer available. Wait for the VPC connection to reestablish and try again.")
	case eni.ErrSubnetIPLimit:
		return errorf(name, "Lambda was not able to set up VPC access for the Lambda function because one or more configured subnets has no available IP addresses.")
	case eni.ErrENILimit:
		return errorf(name, "Lambda was not able to create an ENI in the VPC of the Lambda function because the limit for Network Interfaces has been reached.")
	case eni.ErrTooManyRequests:
		return errorf(name, "Rate Exceeded.")
	case eni.ErrResourceNotFound:
		return errorf(name, "Function not found: "+ss.functionARN(fn.ef.Name))
	case eni.ErrEC2AccessDenied:
		return errorf(name, "Lambda needs permissions to manage ENIs in the function's VPC: the execution role lacks them.")
	}
	return errorf(name, name+": the invocation could not get an ENI or a port on one.")
}
