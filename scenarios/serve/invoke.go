package serve

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// invoke is Invoke: one invocation through the workload, exactly as an
// arrival of the function (its retries included, when the scenario gives
// the function a retrying client). A RequestResponse call answers when
// the invocation's first attempt ends: 200 when it ran to its end, or the
// error it ended with, be it at once (the function's state, a throttle) or
// later (no port or ENI while it waited). At speed Max the clock runs to
// that end; on a paced clock the answer waits for it, as long as the
// client does (at most invokeWait of wall time). An Event call answers at
// once, as Lambda's queue does. The payload is canned.
func (ss *Session) invoke(r *http.Request, payload []byte) (reply, *apiError) {
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
		return reply{}, validation("1 validation error detected: Value '%s' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]", kind)
	}
	if ae := payloadError(payload, kind == "Event"); ae != nil {
		return reply{}, ae
	}
	tail := false
	switch lt := r.Header.Get("X-Amz-Log-Type"); lt {
	case "", "None":
	case "Tail":
		tail = kind != "Event" // an asynchronous call has no log to return
	default:
		return reply{}, validation("1 validation error detected: Value '%s' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]", lt)
	}
	id, ch := ss.watch()
	started := ss.now() + 1 // apply's instant
	if _, err := ss.apply(Call{Action: "Invoke", Function: fn.ef.Name}, func() { ss.x.Runner.InvokeWatched(fn.ef, id) }); err != nil {
		ss.unwatch(id)
		return reply{}, errorf("ServiceException", err.Error())
	}
	answer := func(e ending) (reply, *apiError) {
		if e.o != eni.OK {
			return reply{}, ss.invokeError(e.o.String(), fn)
		}
		if kind == "Event" {
			return reply{status: http.StatusAccepted, raw: []byte{}}, nil
		}
		payload := fmt.Sprintf(`{"statusCode":200,"body":"enisim: %s ran from %s to %s (virtual time)"}`, fn.ef.Name, sim.Clock(started), sim.Clock(e.at))
		h := map[string]string{"X-Amz-Executed-Version": executed}
		if tail {
			h["X-Amz-Log-Result"] = base64.StdEncoding.EncodeToString([]byte(logTail(lambdaRequestID(r), executed, started, e, fn.MemorySize)))
		}
		return reply{status: http.StatusOK, raw: []byte(payload), headers: h}, nil
	}
	select {
	case e := <-ch:
		return answer(e)
	default:
	}
	if kind == "Event" {
		ss.unwatch(id) // queued: its end is not the caller's
		return answer(ending{o: eni.OK})
	}
	if ss.clock.max() {
		e, ended := ss.runToEnd(id, ch)
		if !ended {
			return reply{}, errorf("ServiceException", fmt.Sprintf("enisim: the invocation had not ended %s of virtual time after it started (the session's horizon, or maxInvokeRun); it goes on in the model", sim.Clock(ss.now()-started)))
		}
		return answer(e)
	}
	return reply{await: &awaiting{ch: ch, then: func(e ending, ended bool) (reply, *apiError) {
		if !ended {
			ss.unwatch(id)
			return reply{}, errorf("ServiceException", fmt.Sprintf("enisim: the invocation had not ended after %s of wall time (the virtual clock is paused, or slow at --speed %s); it goes on in the model", invokeWait, SpeedText(ss.clock.speed)))
		}
		return answer(e)
	}}}, nil
}

// logTail is the log --log-type Tail returns: the platform's START, END
// and REPORT lines, with the invocation's virtual times (Init Duration:
// from the request to the start of the run, the cold start and any wait
// for an ENI's ports, when there was one). enisim runs no code, so there
// is nothing between START and END, and it reports no memory used.
func logTail(id, version string, started sim.Time, e ending, memory int) string {
	ms := func(d sim.Time) float64 { return float64(d) / 1e6 }
	run := e.at - e.ran
	report := fmt.Sprintf("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
		id, ms(run), (run+999_999)/1_000_000, memory)
	if e.ran > started {
		report += fmt.Sprintf("\tInit Duration: %.2f ms", ms(e.ran-started))
	}
	return fmt.Sprintf("START RequestId: %s Version: %s\nEND RequestId: %s\n%s\t\n", id, version, id, report)
}

// The payload limits of Invoke: 6 MB for a synchronous call, 1 MB for an
// asynchronous one (the Lambda API model's Invoke documentation).
const (
	maxPayload      = 6 << 20
	maxEventPayload = 1 << 20
)

// payloadError checks an Invoke's payload as Lambda does: within its
// size limit, and JSON when there is one, with the errors and words
// clients have quoted from Lambda.
func payloadError(p []byte, event bool) *apiError {
	switch {
	case event && len(p) > maxEventPayload:
		return errorf("RequestEntityTooLargeException", fmt.Sprintf("%d byte payload is too large for the Event invocation type (limit %d bytes)", len(p), maxEventPayload))
	case len(p) > maxPayload:
		return errorf("RequestEntityTooLargeException", fmt.Sprintf("Request must be smaller than %d bytes for the InvokeFunction operation", maxPayload))
	case len(p) > 0 && !json.Valid(p):
		var v any
		err := json.Unmarshal(p, &v)
		return errorf("InvalidRequestContentException", "Could not parse request body into json: Could not parse payload into json: "+err.Error())
	}
	return nil
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
