package workload

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// call is one client request, carried from attempt to attempt.
type call struct {
	arrived sim.Time // first attempt
	eniWait sim.Time
	attempt int16 // at most 100 (spec's maxAttempts)
	cold    bool
	// watch, when not 0, names a caller waiting for this attempt's end
	// (Runner.InvokeWatched).
	watch int32
	// 24 bytes, on an environment's second cache line (see env). The start
	// of a wait for ports is the environment's phaseAt.
}

// fn is the workload side of one function.
type fn struct {
	Spec
	Stats
	r         *Runner
	busy      int // environments serving an invocation (init included)
	bucket    bucket
	idle      envList
	gen       uint32 // bumped when environments must be replaced
	perSubnet []int  // live environments per subnet index, this generation
	rr        int
	arrive    sim.Timer
	// expire is the function's idle reaper: armed when the last busy
	// environment goes idle, cancelled when one serves again (expiry.go).
	expire sim.Timer
	// debt counts environments lost, by cause, that no cold start has
	// made up for yet (cause.go).
	debt [NumCauses]int64
}

// next schedules the next arrival, lazily: one pending arrival per function.
func (f *fn) next() {
	t, ok := f.Arrivals.Next()
	if !ok {
		if err := f.Arrivals.Err(); err != nil {
			f.r.fail(err)
		}
		return
	}
	if t > f.r.end {
		return
	}
	f.r.eng.Schedule(&f.arrive, max(t, f.r.eng.Now()))
}

// arrival is a function seen as its arrival timer's handler: a direct
// method call, half of a busy run's events, where a func would add a
// closure's call.
type arrival fn

func (a *arrival) Fire() { (*fn)(a).onArrival() }

func (f *fn) onArrival() {
	f.Invocations++
	f.InFlight++
	f.attempt(call{arrived: f.r.eng.Now(), attempt: 1})
	f.next()
}

// attempt runs one attempt of c: the function's state, the concurrency
// limits, a warm environment, else the scaling rate and a cold start.
func (f *fn) attempt(c call) {
	if o := f.F.Admit(); o != eni.OK {
		f.failed(c, o)
		return
	}
	r := f.r
	if !r.region.admit(f) {
		f.failed(c, eni.TooManyRequests)
		return
	}
	if e := f.idle.head; e != nil {
		f.serve()
		c.cold = f.take(e)
		e.c = c
		e.acquireInvocation()
		return
	}
	if !f.bucket.take(r.eng.Now()) {
		f.failed(c, eni.TooManyRequests)
		return
	}
	f.serve()
	c.cold = true
	r.newEnv(f, c, f.coldCause()).acquireEnv()
}

// failed ends an attempt with outcome o: the client retries while it has
// attempts left; otherwise the request is counted under its last error,
// by the error's API name (where an outcome becomes a name, with the
// count of retries by error).
func (f *fn) failed(c call, o eni.Outcome) {
	if c.watch != 0 {
		f.r.watched(c.watch, o, 0) // a retry is no longer the caller's
		c.watch = 0
	}
	// A retry due past the end of time (a backoff doubled past 292
	// years) is no retry: the attempt was the last.
	if at := sim.Later(f.r.eng.Now(), backoff(f.Backoff, int(c.attempt))); int(c.attempt) < f.Attempts && at < sim.Forever {
		f.Retries++
		f.RetriesByError[o.String()]++
		f.r.scheduleRetry(f, c, o, at)
		return
	}
	f.InFlight--
	if o == eni.TooManyRequests {
		f.Throttled++
		return
	}
	f.Errors[o.String()]++
}

// retry is a request waiting for its next attempt.
type retry struct {
	f       *fn
	c       call
	failed  sim.Time
	pending bool // the last attempt met a Pending or Inactive function
	timer   sim.Timer
}

func (r *Runner) scheduleRetry(f *fn, c call, o eni.Outcome, at sim.Time) {
	var t *retry
	if n := len(r.frees); n > 0 {
		t, r.frees = r.frees[n-1], r.frees[:n-1]
	} else {
		t = &retry{}
		t.timer.Init(func() { r.fireRetry(t) })
	}
	t.f, t.c, t.failed = f, c, r.eng.Now()
	t.pending = o == eni.ResourceConflict || o == eni.ResourceNotReady
	r.eng.Schedule(&t.timer, at)
}

// backoff is the wait before the attempt after attempt n: b doubled n-1
// times, or Forever (no further attempt within any run) once that passes
// it, where the shift would wrap round.
func backoff(b sim.Time, n int) sim.Time {
	for range n - 1 {
		if b > sim.Forever/2 {
			return sim.Forever
		}
		b *= 2
	}
	return b
}

func (r *Runner) fireRetry(t *retry) {
	c := t.c
	c.attempt++
	if t.pending {
		c.eniWait += r.eng.Now() - t.failed
	}
	f := t.f
	r.frees = append(r.frees, t)
	f.attempt(c)
}
