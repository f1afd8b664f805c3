package sim

import "fmt"

// Engine is the event loop: a virtual clock and the queues of timers.
//
// Timers wait in one of three queues, all ordered by the same key (time,
// priority, sequence number): the lane, a binary heap for the few timers
// marked Frequent (a function's next arrival); the wheel, a calendar queue
// for the other timers due within about a second (invocations running,
// environments initialising); and the main heap for the rest (keep-alive,
// ENIs being created and deleted, control-plane calls). Arrivals are about
// half of a busy run's events and there is one pending arrival per
// function, so the lane holds a handful of entries; the wheel keeps a
// timer per running invocation without a deep heap (see wheel). Step fires
// the earliest of the three heads. Every key is distinct (the sequence
// number is), so that fires the same timers in the same order as one heap
// holding them all would: the split changes speed, never the output.
type Engine struct {
	now     Time
	seq     uint64
	q       queue // timers due past the wheel's reach
	lane    queue // timers marked Frequent
	w       wheel // timers due soon
	stale   int   // entries of cancelled or moved timers, in any queue
	events  uint64
	stopped bool
	seed    uint64
	oneHeap bool // NewReference: one heap for every timer
}

// New returns an engine at time zero whose random streams derive from seed.
func New(seed uint64) *Engine { return newEngine(seed, wheelShift, wheelBuckets) }

// newEngine is New with the wheel's geometry: buckets of 2^shift ns.
func newEngine(seed uint64, shift uint, buckets int) *Engine {
	return &Engine{seed: seed, w: newWheel(shift, buckets)}
}

// NewReference returns an engine that keeps every timer in one heap,
// ignoring Frequent and without the wheel: the engine the others are
// tested against. Its runs are slower and otherwise identical.
func NewReference(seed uint64) *Engine { return &Engine{seed: seed, oneHeap: true} }

// Now is the current simulated time.
func (e *Engine) Now() Time { return e.now }

// Seed is the run's seed.
func (e *Engine) Seed() uint64 { return e.seed }

// Events counts the timers fired so far.
func (e *Engine) Events() uint64 { return e.events }

// pending counts the timers waiting in the queue.
func (e *Engine) pending() int { return e.entries() - e.stale }

// entries counts the queues' entries, dead ones included.
func (e *Engine) entries() int { return len(e.q) + len(e.lane) + e.w.len() }

// Schedule makes t fire at the absolute time at, moving it if it is already
// scheduled. Scheduling into the past is a bug in the model, so it panics.
func (e *Engine) Schedule(t *Timer, at Time) {
	if at < e.now {
		e.pastPanic(at)
	}
	e.Cancel(t)
	if e.seq++; e.seq > seqMask {
		panic("sim: sequence numbers exhausted")
	}
	t.key |= e.seq
	x := entry{at, t.order(), t}
	switch {
	case e.oneHeap:
		e.q.push(x)
	case t.frequent():
		e.lane.push(x)
	case !e.w.add(x, e.now):
		e.q.push(x)
	}
}

// pastPanic is Schedule's panic, apart so that formatting it does not
// enlarge Schedule's frame.
//
//go:noinline
func (e *Engine) pastPanic(at Time) {
	panic(fmt.Sprintf("(*sim.Engine).Schedule: time %v is before now %v", at, e.now))
}

// After makes t fire d from now (at Forever, never, if that is past it).
func (e *Engine) After(t *Timer, d Time) { e.Schedule(t, Later(e.now, d)) }

// Cancel unschedules t; cancelling an unscheduled timer does nothing. Its
// entry stays in the queue, dead, until it reaches the top or the queue is
// compacted.
func (e *Engine) Cancel(t *Timer) {
	if !t.Scheduled() {
		return
	}
	t.key &^= seqMask
	e.stale++
	if e.stale > 1024 && e.stale > e.entries()/2 {
		e.compact()
	}
}

// compact drops dead entries, so that a model cancelling often cannot grow
// the queues without bound.
func (e *Engine) compact() {
	e.q.compact()
	e.lane.compact()
	e.w.compact()
	e.stale = 0
}

// The queues head can choose.
const (
	none uint8 = iota
	fromWheel
	fromHeap
	fromLane
)

// head returns the queue whose top is the earliest live entry (none when
// no timer is pending) and that entry. It compares the tops first and
// checks only the earliest for liveness (reading its timer), dropping it
// and looking again when it is dead: one timer read per event, not three.
func (e *Engine) head() (uint8, *entry) {
	for {
		from, top := none, (*entry)(nil)
		if n := len(e.w.near); n > 0 && len(e.w.late) == 0 {
			from, top = fromWheel, &e.w.near[n-1] // the usual case of e.w.top
		} else if x := e.w.top(); x != nil {
			from, top = fromWheel, x
		}
		if len(e.q) > 0 && (top == nil || e.q[0].before(top)) {
			from, top = fromHeap, &e.q[0]
		}
		if len(e.lane) > 0 && (top == nil || e.lane[0].before(top)) {
			from, top = fromLane, &e.lane[0]
		}
		if from == none || top.live() {
			return from, top
		}
		e.pop(from)
		e.stale--
	}
}

// pop removes the top of the queue from.
func (e *Engine) pop(from uint8) entry {
	switch from {
	case fromWheel:
		if len(e.w.late) == 0 { // the usual case of e.w.popMin, inlined as in head
			return e.w.near.popMin()
		}
		return e.w.popMin()
	case fromHeap:
		return e.q.popMin()
	}
	return e.lane.popMin()
}

// Step fires the next timer and reports whether there was one.
func (e *Engine) Step() bool {
	from, _ := e.head()
	if from == none {
		return false
	}
	e.fire(from)
	return true
}

// fire pops the top of the queue from, which head chose, and runs its
// timer.
func (e *Engine) fire(from uint8) {
	x := e.pop(from)
	if len(e.q) > 0 {
		// Read the next timer of the main queue now, so that the cache
		// miss it costs when the model is large overlaps with this
		// handler instead of stalling the next event. (The wheel reads
		// its timers when it loads a bucket.)
		_ = e.q[0].t.key
	}
	t := x.t
	t.key &^= seqMask
	e.now = x.at
	e.events++
	t.h.Fire()
}

// Run fires timers until the queue is empty or Stop is called; the clock
// stays at the last one.
func (e *Engine) Run() { e.fireUntil(Forever) }

// RunUntil fires every timer due at or before end, then sets the clock to
// end (unless Stop was called). End may be Forever: a run as long as a
// duration can be ends there, not at its last event.
func (e *Engine) RunUntil(end Time) {
	e.fireUntil(end)
	if !e.stopped && end > e.now {
		e.now = end
	}
}

func (e *Engine) fireUntil(end Time) {
	e.stopped = false
	for !e.stopped {
		from, top := e.head()
		if from == none || top.at > end {
			break
		}
		e.fire(from)
	}
}

// Stop makes Run or RunUntil return after the current handler.
func (e *Engine) Stop() { e.stopped = true }
