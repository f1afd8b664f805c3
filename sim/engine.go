package sim

import "fmt"

// Engine is the event loop: a virtual clock and a queue of timers.
type Engine struct {
	now     Time
	seq     uint64
	q       queue
	events  uint64
	stopped bool
	seed    uint64
}

// New returns an engine at time zero whose random streams derive from seed.
func New(seed uint64) *Engine { return &Engine{seed: seed} }

// Now is the current simulated time.
func (e *Engine) Now() Time { return e.now }

// Seed is the run's seed.
func (e *Engine) Seed() uint64 { return e.seed }

// Events counts the timers fired so far.
func (e *Engine) Events() uint64 { return e.events }

// Pending counts the timers waiting in the queue.
func (e *Engine) Pending() int { return len(e.q) }

// Schedule makes t fire at the absolute time at, moving it if it is already
// scheduled. Scheduling into the past is a bug in the model, so it panics.
func (e *Engine) Schedule(t *Timer, at Time) {
	if at < e.now {
		panic(fmt.Sprintf("(*sim.Engine).Schedule: time %v is before now %v", at, e.now))
	}
	e.seq++
	t.at, t.order = at, uint64(uint8(t.Prio)^0x80)<<56|e.seq
	if t.index >= 0 {
		e.q.fix(t.index, entry{t.at, t.order, t})
		return
	}
	e.q.push(t)
}

// After makes t fire d from now.
func (e *Engine) After(t *Timer, d Time) { e.Schedule(t, e.now+d) }

// Cancel removes t from the queue; cancelling an unscheduled timer does nothing.
func (e *Engine) Cancel(t *Timer) {
	if t.index >= 0 {
		e.q.remove(t)
	}
}

// Step fires the next timer and reports whether there was one.
func (e *Engine) Step() bool {
	if len(e.q) == 0 {
		return false
	}
	t := e.q.popMin()
	e.now = t.at
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
	for !e.stopped && len(e.q) > 0 && e.q[0].at <= end {
		e.Step()
	}
	if !e.stopped && end != Forever && end > e.now {
		e.now = end
	}
}

// Stop makes Run or RunUntil return after the current handler.
func (e *Engine) Stop() { e.stopped = true }
