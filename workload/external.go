package workload

import "github.com/enisim/enisim/eni"

// Invoke is one invocation of ef arriving now from outside its arrival
// process (a timeline Invoke, or a call to enisim serve's Lambda API). It is
// counted and run exactly as an arrival is, retries included, so a session
// and its replay agree. A function the runner does not know is ignored.
func (r *Runner) Invoke(ef *eni.Function) {
	if ef.ID >= len(r.funcs) || r.funcs[ef.ID] == nil {
		return
	}
	f := r.funcs[ef.ID]
	f.Invocations++
	f.InFlight++
	f.attempt(call{arrived: r.eng.Now(), attempt: 1})
}
