package workload

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// Invoke is one invocation of ef arriving now from outside its arrival
// process (a timeline Invoke, or a call to enisim serve's Lambda API). It is
// counted and run exactly as an arrival is, retries included, so a session
// and its replay agree. A function the runner does not know is ignored.
func (r *Runner) Invoke(ef *eni.Function) { r.InvokeWatched(ef, 0) }

// InvokeWatched is Invoke, and then, when watch is not 0, Watched is told
// how its first attempt ended: OK when the invocation ran to its end (and
// when it began to run, after its cold start, if any), or the error it
// failed with (and which any retry the model's client makes
// is not watched). It is told during the event that ends the attempt,
// which may be this call's. Watching changes nothing in the model.
func (r *Runner) InvokeWatched(ef *eni.Function, watch int32) {
	if ef.ID >= len(r.funcs) || r.funcs[ef.ID] == nil {
		if watch != 0 {
			r.watched(watch, eni.ResourceNotFound, 0)
		}
		return
	}
	f := r.funcs[ef.ID]
	f.Invocations++
	f.InFlight++
	f.attempt(call{arrived: r.eng.Now(), attempt: 1, watch: watch})
}

func (r *Runner) watched(id int32, o eni.Outcome, ran sim.Time) {
	if r.Watched != nil {
		r.Watched(id, o, ran)
	}
}
