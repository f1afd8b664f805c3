package workload

import "github.com/enisim/enisim/eni"

// Stats are one function's invocation counters. Conservation holds at any
// time: Invocations == Succeeded + Throttled + InFlight + sum(Errors).
type Stats struct {
	Invocations, Succeeded, Throttled, InFlight int64
	Errors                                      map[string]int64
	Retries, ColdStarts                         int64
	// RetriesByError splits Retries by the error of the attempt retried
	// (TooManyRequestsException, ResourceConflictException...): a
	// throttle the client retried is still a throttle its caller waited on.
	RetriesByError map[string]int64
	// ColdStartsByCause splits ColdStarts by Cause; Replacements counts
	// environments replaced at the end of their lifetime.
	ColdStartsByCause [NumCauses]int64
	Replacements      int64
	// Concurrency counts invocations executing (after init); Environments
	// counts execution environments alive, busy or idle.
	Concurrency, Environments eni.Level
	// ColdStartDelay runs from arrival (first attempt) to execution start;
	// ENIWait is the part spent waiting for an ENI. Both in seconds.
	ColdStartDelay, ENIWait Sketch
}
