package sim

import "fmt"

// Engine is the event loop: a virtual clock and a queue of timers.
//
// The earliest timer may sit outside the heap, in front: a timer scheduled
// earlier than everything queued goes there instead of being sifted to the
// heap's root, and fires from there without being sifted out again. An
// arrival process that schedules its next arrival a fraction of a
// millisecond ahead, the commonest event of a busy run, never touches the
// heap. Invariant: front, when set, is not after any heap entry.
type Engine struct {
	now      Time
	seq      uint64
	q        queue
	front    entry
	hasFront bool
	stale    int // entries of cancelled or moved timers, in q or front
	events   uint64
	stopped  bool
	seed     uint64
}

// New returns an engine at time zero whose random streams derive from seed.
func New(seed uint64) *Engine { return &Engine{seed: seed} }

// Now is the current simulated time.
func (e *Engine) Now() Time { return e.now }

// Seed is the run's seed.
func (e *Engine) Seed() uint64 { return e.seed }

// Events counts the timers fired so far.
func (e *Engine) Events() uint64 { return e.events }

// pending counts the timers waiting in the queue.
func (e *Engine) pending() int {
	n := len(e.q) - e.stale
	if e.hasFront {
		n++
	}
	return n
}

// Schedule makes t fire at the absolute time at, moving it if it is already
// scheduled. Scheduling into the past is a bug in the model, so it panics.
func (e *Engine) Schedule(t *Timer, at Time) {
	if at < e.now {
		panic(fmt.Sprintf("(*sim.Engine).Schedule: time %v is before now %v", at, e.now))
	}
	e.Cancel(t)
	e.seq++
	t.at, t.order = at, uint64(uint8(t.Prio)^0x80)<<56|e.seq
	t.scheduled = true
	x := entry{t.at, t.order, t}
	switch {
	case e.hasFront && x.before(&e.front):
		e.q.push(e.front)
		e.front = x
	case e.hasFront, len(e.q) > 0 && !x.before(&e.q[0]):
		e.q.push(x)
	default:
		e.front, e.hasFront = x, true
	}
}

// After makes t fire d from now.
func (e *Engine) After(t *Timer, d Time) { e.Schedule(t, e.now+d) }

// Cancel unschedules t; cancelling an unscheduled timer does nothing. Its
// entry stays in the queue, dead, until it reaches the top or the queue is
// compacted.
func (e *Engine) Cancel(t *Timer) {
	if !t.scheduled {
		return
	}
	t.scheduled = false
	e.stale++
	if e.stale > 1024 && e.stale > len(e.q)/2 {
		e.compact()
	}
}

// compact drops dead entries, so that a model cancelling often cannot grow
// the queue without bound.
func (e *Engine) compact() {
	live := e.q[:0]
	for _, x := range e.q {
		if x.live() {
			live = append(live, x)
		}
	}
	clear(e.q[len(live):])
	e.q = live
	e.q.heapify()
	e.stale = 0
	if e.hasFront && !e.front.live() {
		e.hasFront = false
	}
}

// next returns the earliest live entry without removing it, dropping dead
// ones on the way.
func (e *Engine) next() (entry, bool) {
	if e.hasFront {
		if e.front.live() {
			return e.front, true
		}
		e.hasFront = false
		e.stale--
	}
	for len(e.q) > 0 {
		if e.q[0].live() {
			return e.q[0], true
		}
		e.q.popMin()
		e.stale--
	}
	return entry{}, false
}

// Step fires the next timer and reports whether there was one.
func (e *Engine) Step() bool {
	x, ok := e.next()
	if !ok {
		return false
	}
	if e.hasFront {
		e.hasFront = false
	} else {
		e.q.popMin()
	}
	t := x.t
	t.scheduled = false
	e.now = x.at
	e.events++
	t.Func()
	return true
}

// Run fires timers until the queue is empty or Stop is called.
func (e *Engine) Run() { e.RunUntil(Forever) }

// RunUntil fires every timer due at or before end, then sets the clock to
// end (unless Stop was called, or end is Forever).
func (e *Engine) RunUntil(end Time) {
	e.stopped = false
	for !e.stopped {
		x, ok := e.next()
		if !ok || x.at > end {
			break
		}
		e.Step()
	}
	if !e.stopped && end != Forever && end > e.now {
		e.now = end
	}
}

// Stop makes Run or RunUntil return after the current handler.
func (e *Engine) Stop() { e.stopped = true }
