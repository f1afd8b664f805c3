package workload

import "github.com/enisim/enisim/sim"

// How execution environments end (docs/aws-behaviour.md#keep-alive,
// #surplus-environments and #maximum-lifetime):
//
//   - The function's reaper: once the whole function is idle (no
//     environment busy) for KeepAlive plus a ReaperSlack draw, every idle
//     environment goes. One timer per function, armed when the last busy
//     environment goes idle and cancelled when one serves again.
//   - Surplus environments: while the function serves, an idle
//     environment lives its own SurplusKeepAlive draw from the moment it
//     went idle. Its timer is its own (an idle environment runs nothing
//     else), armed when it goes idle while others serve, or when it stops
//     being the most recently used one. The most recently used idle
//     environment of a wholly idle function needs none: the next request
//     takes it, or the reaper ends it, whichever comes first (with the
//     defaults the reaper, 10-11 min, always precedes the surplus draw,
//     15-26 min).
//   - Maximum lifetime: an environment drawn a MaxLifetime at its start is
//     retired after the invocation running when it is reached; Lambda has
//     started its replacement ahead, so the environment is replaced in
//     place (same subnet, same ports) and the next request on it waits
//     ReplacementInit, a cold start of cause replaced.

// never is a deadline that does not come.
const never = sim.Time(1<<63 - 1)

// serve counts one more busy environment; the first one after the function
// was wholly idle stops the reaper.
func (f *fn) serve() {
	f.r.region.add(f, 1)
	if f.busy == 1 {
		f.r.eng.Cancel(&f.expire)
	}
}

// take removes e, the most recently used idle environment, for a request.
// It reports whether the request is a cold start: e was replaced at the
// end of its lifetime while it waited.
func (f *fn) take(e *env) (cold bool) {
	f.idle.remove(e)
	f.r.eng.Cancel(&e.timer)
	e.armed = false
	if now := f.r.eng.Now(); now >= e.retireAt {
		f.replace(e, e.retireAt, true)
	}
	return e.replaced
}

// replace retires e at its lifetime and puts in its place the replacement
// Lambda started ahead at time at; found says a request found it so.
func (f *fn) replace(e *env, at sim.Time, found bool) {
	e.replaced, e.cause = true, CauseReplaced
	e.retireAt = after(at, f.MaxLifetime)
	f.Replacements++
	f.r.narrate(f, e, found)
}

// goIdle puts e at the head of the idle list, after its invocation.
func (f *fn) goIdle(e *env) {
	now := f.r.eng.Now()
	if now >= e.retireAt {
		f.replace(e, now, false)
	}
	e.phase = idle
	e.phaseAt = after(now, f.SurplusKeepAlive)
	if h := f.idle.head; h != nil {
		h.arm()
	}
	f.idle.push(e)
	if f.busy > 0 {
		e.arm()
		return
	}
	f.r.eng.Schedule(&f.expire, sim.Later(sim.Later(now, f.KeepAlive), sample(f.ReaperSlack, 0)))
}

// idled is called when an environment stops serving without going idle
// (destroyed): a function left wholly idle arms its reaper.
func (f *fn) idled() {
	if f.busy == 0 && f.idle.head != nil {
		f.r.eng.Schedule(&f.expire, sim.Later(sim.Later(f.r.eng.Now(), f.KeepAlive), sample(f.ReaperSlack, 0)))
	}
}

// arm starts e's surplus keep-alive timer, once per idle period.
func (e *env) arm() {
	if e.armed {
		return
	}
	e.armed = true
	if r := e.f.r; e.phaseAt <= r.horizon {
		r.eng.Schedule(&e.timer, max(e.phaseAt, r.eng.Now()))
	}
}

// surplusExpired ends an idle environment whose surplus keep-alive ran out.
func (f *fn) surplusExpired(e *env) {
	f.idle.remove(e)
	e.destroy()
	f.debt[CauseExpired]++
}

// onExpire is the function's reaper: every idle environment goes.
func (f *fn) onExpire() {
	if f.busy > 0 {
		return
	}
	for e := f.idle.head; e != nil; e = f.idle.head {
		f.idle.remove(e)
		e.destroy()
		f.debt[CauseExpired]++
	}
}

// after is a draw of d after t, or never when d is nil.
func after(t sim.Time, d Dist) sim.Time {
	if d == nil {
		return never
	}
	return sim.Later(t, d.Sample())
}

// sample draws from d, or returns def when d is nil.
func sample(d Dist, def sim.Time) sim.Time {
	if d == nil {
		return def
	}
	return d.Sample()
}
