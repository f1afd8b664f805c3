package sim

// A Timer is one schedulable event. The model embeds timers in its own
// objects and reuses them, which is what keeps the engine allocation-free:
// scheduling pushes a pointer onto the queue, firing pops it.
//
// A Timer may be scheduled at most once at a time; scheduling it again moves
// it. The zero Timer is not scheduled; give it something to run (Init or
// Handle) before scheduling it.
type Timer struct {
	// h runs when the timer fires. The engine's clock reads the timer's
	// time while it runs. It is an interface, not a func, so that a model
	// object can be its own timer's handler: the interface's data word
	// is the object, where a method value would be a closure allocated
	// apart from it, one more cache line read per event at a high rate.
	h Handler
	// key holds, from the top: the priority (a byte, see SetPrio), the
	// Frequent mark (one bit), and the sequence number of the timer's
	// schedule, 0 when it is not scheduled. One word, so that the timer
	// is 24 bytes, and checking it reads 8 bytes at offset 16: a model may
	// place a timer across a cache line's end (handler on one line, key on
	// the next) so that the wheel, which checks each timer of a bucket as
	// it loads it, brings in both lines around it (see workload's env).
	key uint64
}

// The fields of a timer's key, and of an entry's order: the priority's
// byte, then the Frequent bit (in the key only: it does not order), then
// a 55-bit sequence number, enough for a billion events a second for a
// year.
const (
	seqBits     = 55
	seqMask     = 1<<seqBits - 1
	frequentBit = 1 << seqBits
	prioShift   = 56
)

// SetPrio orders the timer among timers due at the same instant: lower
// fires first, and equal priorities fire in the order they were
// scheduled. The model uses it so that, say, control-plane calls at t act
// before invokes at t, and an ENI that becomes ready at t serves invokes
// after t. The zero timer's priority is 0. Set it while the timer is not
// scheduled.
func (t *Timer) SetPrio(p int8) {
	t.mustBeIdle("SetPrio")
	t.key = t.key&^(0xff<<prioShift) | uint64(uint8(p))<<prioShift
}

// Prio is the timer's priority.
func (t *Timer) Prio() int8 { return int8(t.key >> prioShift) }

// SetFrequent marks one of the few timers that fire far more often than
// the rest, such as a function's next arrival: the engine keeps them in a
// small queue of their own (see Engine). It changes speed only, never the
// order in which timers fire. Set it while the timer is not scheduled.
func (t *Timer) SetFrequent(on bool) {
	t.mustBeIdle("SetFrequent")
	t.key &^= frequentBit
	if on {
		t.key |= frequentBit
	}
}

func (t *Timer) frequent() bool { return t.key&frequentBit != 0 }

// order is the entry order of the timer's current schedule: the priority
// byte flipped, so that -128 sorts first, and the sequence number.
func (t *Timer) order() uint64 { return (t.key &^ frequentBit) ^ 0x80<<prioShift }

func (t *Timer) mustBeIdle(what string) {
	if t.Scheduled() {
		panic("sim: (*Timer)." + what + " on a scheduled timer")
	}
}

// A Handler is what a timer runs when it fires.
type Handler interface{ Fire() }

// funcHandler runs a func. A func value is one pointer, so converting it
// to a Handler allocates nothing.
type funcHandler func()

func (f funcHandler) Fire() { f() }

// NewTimer returns an unscheduled timer that runs f.
func NewTimer(f func()) *Timer { return &Timer{h: funcHandler(f)} }

// Init prepares a timer embedded by value in another struct to run f.
func (t *Timer) Init(f func()) { t.h = funcHandler(f) }

// Handle prepares a timer to call h.Fire.
func (t *Timer) Handle(h Handler) { t.h = h }

// Scheduled reports whether the timer is waiting in the queue.
func (t *Timer) Scheduled() bool { return t.key&seqMask != 0 }
