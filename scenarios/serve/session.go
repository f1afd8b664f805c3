package serve

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Horizon is how far a session's virtual clock can go: the scenario's own
// duration is not used, the workload keeps running until the session stops.
const Horizon = 365 * 24 * time.Hour

// maxCalls bounds the calls a session records (and so its memory).
const maxCalls = 100_000

// maxAPIFunctions bounds the functions the API may add to a session.
const maxAPIFunctions = 1000

// Options configure a session.
type Options struct {
	// Speed is virtual seconds per wall second; Max (0) is the event-driven
	// clock described at Session.
	Speed float64
	// Wall is the wall clock (time.Now when nil); it only paces the virtual
	// clock and dates LastModified, it never enters the model.
	Wall func() time.Time
	// Tick is how often a paced clock moves (50 ms when 0).
	Tick time.Duration
	// Account and Region name ARNs (123456789012 and us-east-1 when "").
	Account, Region string
}

// Max is the speed of the event-driven clock.
const Max = 0

// ErrHorizon refuses a call once the clock has reached Horizon.
var ErrHorizon = errors.New("the session's virtual clock reached its horizon (365 days); start a new session")

// Session is a scenario served on a virtual clock. Every touch of the
// model happens on the goroutine started by Start, in the order calls
// reach it.
//
// The clock. At a finite speed it advances every Tick to start + speed x
// (wall time since start, pauses left out). At speed Max it does not follow
// the wall clock at all: it stands still except when a client reads (a Get,
// List or Describe call of the Lambda or EC2 API), and each read first runs
// the simulation up to its next narrated change (a function's State or
// LastUpdateStatus, an ENI created, ready or deleted: the next line of the
// timeline), but never more than MaxStep of virtual time, and then answers.
// A call that changes something applies at the clock's reading and does not
// move it, except a RequestResponse Invoke, which runs the clock to its
// invocation's end (watch.go). So a waiter's polls see each change in turn, an Invoke right
// after CreateFunction meets the function Pending, and a session at speed
// Max is a pure function of the sequence of calls, whatever their timing.
type Session struct {
	opts                Options
	x                   *scenarios.Sim
	calls               chan func()
	quit                chan struct{}
	done                chan struct{}
	startOnce, stopOnce sync.Once
	start               time.Time     // wall time of virtual 0, for LastModified
	requests            atomic.Uint64 // Lambda requests answered, for their ids

	// The loop goroutine's state.
	clock     clock
	fns       []*function // by model function ID
	byName    map[string]*function
	roles     map[string]*spec.Role // role ARN -> the scenario role it names
	rec       []Call
	tl        *timeline
	net       *netView
	subnets   map[string]*eni.Subnet
	stopNext  bool // at speed Max: stop the engine at the next event
	captured  []eni.Event
	capture   bool
	added     int                   // functions the API declared
	watches   map[int32]chan ending // Invokes waiting (watch.go)
	lastWatch int32
	stopAt    int32 // at speed Max: stop the engine when this watch ends
}

// MaxStep is the most virtual time one read advances a clock at speed Max.
const MaxStep = 10 * time.Minute

// New builds s into a session; Start runs it.
func New(s *spec.Scenario, o Options) (*Session, error) {
	if o.Wall == nil {
		o.Wall = time.Now
	}
	if o.Tick <= 0 {
		o.Tick = 50 * time.Millisecond
	}
	if o.Account == "" {
		o.Account = "123456789012"
	}
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	ss := &Session{opts: o, calls: make(chan func()), quit: make(chan struct{}), done: make(chan struct{}),
		byName: map[string]*function{}, roles: map[string]*spec.Role{}}
	ss.tl = newTimeline()
	x, err := scenarios.Build(s, scenarios.Options{Duration: Horizon, Events: ss.hear})
	if err != nil {
		return nil, err
	}
	ss.x = x
	x.Runner.Watched = ss.watched
	ss.subnets = map[string]*eni.Subnet{}
	for _, sn := range x.Model.Subnets() {
		ss.subnets[sn.ID] = sn
	}
	ss.net = newNetView(x.Seed, ss.subnets)
	ss.start = o.Wall().Truncate(time.Second)
	ss.clock = newClock(o.Speed, o.Wall())
	for i, ef := range x.Funcs {
		f := &s.Functions[i]
		fn := ss.declare(ef, i, f.Memory)
		if f.Role != nil {
			fn.Role = ss.roleARN(f.Name + "-role")
			ss.roles[fn.Role] = f.Role
		}
	}
	return ss, nil
}

// Start runs the session's loop until Stop.
func (ss *Session) Start() { ss.startOnce.Do(func() { go ss.loop() }) }

// Stop ends the loop (a session never started has none); the model is
// left as it was, for Report and WriteRecord.
func (ss *Session) Stop() {
	ss.startOnce.Do(func() { close(ss.done) })
	ss.stopOnce.Do(func() { close(ss.quit) })
	<-ss.done
}

// Do runs f on the loop goroutine and waits for it; this is the only way in
// to the model. It returns false when the session has stopped.
func (ss *Session) Do(f func()) bool {
	ran := make(chan struct{})
	select {
	case ss.calls <- func() { f(); close(ran) }:
	case <-ss.done:
		return false
	}
	<-ran
	return true
}

func (ss *Session) loop() {
	defer close(ss.done)
	tick := time.NewTicker(ss.opts.Tick)
	defer tick.Stop()
	for {
		select {
		case f := <-ss.calls:
			f()
		case <-tick.C:
			ss.pace()
		case <-ss.quit:
			return
		}
	}
}

// pace moves a clock with a finite speed to its wall-clock reading.
func (ss *Session) pace() {
	if ss.clock.max() || ss.clock.paused {
		return
	}
	ss.runUntil(ss.clock.virtual(ss.opts.Wall()))
}

// runUntil advances the engine to t (at most the horizon).
func (ss *Session) runUntil(t sim.Time) {
	t = min(t, ss.x.End)
	if t > ss.x.Eng.Now() {
		ss.x.Eng.RunUntil(t)
	}
}

// read is what a read call does first: at speed Max, run to the next
// narrated change (at most MaxStep ahead), then finish that instant.
func (ss *Session) read() {
	if !ss.clock.max() || ss.clock.paused {
		return
	}
	eng := ss.x.Eng
	ss.stopNext = true
	ss.runUntil(sim.Later(eng.Now(), MaxStep))
	ss.stopNext = false
	eng.RunUntil(eng.Now()) // the rest of the instant the change happened at
}

// apply makes one call that changes the model: an engine event one
// nanosecond after the clock's reading, with the priority of a timeline
// call, so that a replay of the record, which schedules the same call at
// the same time, fires it in the same place among the model's events. It
// returns the events the model told while the call ran.
func (ss *Session) apply(c Call, f func()) ([]eni.Event, error) {
	eng := ss.x.Eng
	if eng.Now() >= ss.x.End {
		return nil, ErrHorizon
	}
	if len(ss.rec) >= maxCalls {
		return nil, errTooManyCalls
	}
	c.At = eng.Now() + 1
	ss.captured, ss.capture = ss.captured[:0], true
	t := sim.NewTimer(func() { f() })
	t.SetPrio(eni.PrioControl)
	eng.Schedule(t, c.At)
	eng.RunUntil(c.At)
	ss.capture = false
	ss.rec = append(ss.rec, c)
	return ss.captured, nil
}

var errTooManyCalls = errors.New("this session has recorded 100000 calls, its limit; start a new session")

// hear receives the model's events (Model.Events): the timeline gets each
// one in the words `enisim explain` uses (eni.Describe).
func (ss *Session) hear(e eni.Event) {
	if told(e) {
		ss.tl.add(e.At, eni.Describe(e))
	}
	ss.net.hear(e, ss.x.Funcs)
	if ss.capture {
		ss.captured = append(ss.captured, e)
	}
	if ss.stopNext {
		ss.x.Eng.Stop()
	}
}

// Now is the virtual clock's reading (call it on the loop).
func (ss *Session) now() sim.Time { return ss.x.Eng.Now() }

// Report is the session's report so far, as `enisim run` would print it
// for the record; call it after Stop, or inside Do.
func (ss *Session) Report() *scenarios.Report { return ss.x.Report() }

// Finish ends the session's virtual time one nanosecond after its last
// event, so that the record's duration covers every call; call it after
// Stop and before Report and WriteRecord.
func (ss *Session) Finish() {
	ss.x.Eng.RunUntil(ss.x.Eng.Now() + 1)
}

// told reports whether e has a line of its own, by explain's rule: a state
// change made by a call or a restore is told by that operation's event.
func told(e eni.Event) bool {
	switch e.Kind {
	case eni.StateChanged, eni.UpdateStatusChanged:
		return e.Cause == eni.NoKind
	}
	return true
}
