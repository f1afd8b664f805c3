package sim

// A Timer is one schedulable event. The model embeds timers in its own
// objects and reuses them, which is what keeps the engine allocation-free:
// scheduling pushes a pointer onto the queue, firing pops it.
//
// A Timer may be scheduled at most once at a time; scheduling it again moves
// it. The zero Timer is not scheduled; set Func before scheduling it.
type Timer struct {
	// Func runs when the timer fires. The engine's clock reads the timer's
	// time while it runs.
	Func func()
	// Prio orders timers due at the same instant: lower fires first, and
	// equal priorities fire in the order they were scheduled. The model
	// uses it so that, say, control-plane calls at t act before invokes at
	// t, and an ENI that becomes ready at t serves invokes after t.
	Prio int8
	// Frequent marks one of the few timers that fire far more often than
	// the rest, such as a function's next arrival: the engine keeps them
	// in a small queue of their own (see Engine). It changes speed only,
	// never the order in which timers fire. Set it before scheduling.
	Frequent bool

	scheduled bool
	order     uint64 // priority in the top byte, then the sequence number
	// 24 bytes. Checking a timer reads scheduled and order, 8 bytes apart:
	// a model may place a timer across a cache line's end so that the wheel,
	// which checks each timer of a bucket as it loads it, brings in both of
	// the lines around it (see workload's env).
}

// NewTimer returns an unscheduled timer that runs f.
func NewTimer(f func()) *Timer { return &Timer{Func: f} }

// Init prepares a timer embedded by value in another struct.
func (t *Timer) Init(f func()) { t.Func = f }

// Scheduled reports whether the timer is waiting in the queue.
func (t *Timer) Scheduled() bool { return t.scheduled }
