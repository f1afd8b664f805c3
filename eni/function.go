package eni

import (
	"github.com/enisim/enisim/sim"
)

// Role is what the model asks of an execution role: may Lambda manage ENIs
// with it? missing names the first action it lacks.
type Role interface {
	AllowsENI() (ok bool, missing string)
	// MayDeleteENIs reports whether Lambda may delete ENIs with the role;
	// when it may not, an ENI due for deletion is orphaned
	// (docs/aws-behaviour.md#role-kept-until-the-enis-are-deleted).
	MayDeleteENIs() bool
}

// Transition is one change of a function's State or LastUpdateStatus.
type Transition struct {
	At         sim.Time
	State      State
	Reason     Reason
	LastUpdate UpdateStatus
	Exists     bool
}

// Function is one Lambda function: its configuration, its state, and the
// pools it holds.
type Function struct {
	Name string
	ID   int // index in Model.Funcs
	m    *Model

	Exists           bool
	State            State
	Reason           Reason
	LastUpdate       UpdateStatus
	LastUpdateReason Reason

	// Config is the configuration serving invokes; next is the one an
	// UpdateFunctionConfiguration is applying.
	Config   *Config
	next     *Config
	versions []*Config
	role     Role
	holds    []*Pool // one entry per acquisition (configs and versions)
	att      *attach // the pool acquisition in progress

	pending      bool // in Pending since pendingSince
	pendingSince sim.Time
	pendingTotal sim.Time
	activeAt     sim.Time
	lastEnd      sim.Time
	running      int
	idle         sim.Timer
	from         State // State when the call under way began

	// Calls counts control-plane calls by name and outcome, as the API
	// names them (Kind.String, Outcome.String: "ok" or an error name).
	Calls map[string]map[string]int
	// History lists every state change, for the timeline and charts.
	History []Transition
}

// NewFunction declares a function; it exists once Create succeeds.
func (m *Model) NewFunction(name string) *Function {
	f := &Function{Name: name, ID: len(m.Funcs), m: m, Calls: map[string]map[string]int{}}
	f.idle.Init(f.idleCheck)
	m.Funcs = append(m.Funcs, f)
	return f
}

// InProgress reports whether a configuration update is being applied.
func (f *Function) InProgress() bool { return f.LastUpdate == InProgress }

// PendingSeconds is the total time spent Pending up to now.
func (f *Function) PendingSeconds() float64 {
	t := f.pendingTotal
	if f.pending {
		t += f.m.Eng.Now() - f.pendingSince
	}
	return t.Seconds()
}

// setState moves the function, records the transition and emits it.
func (f *Function) setState(s State, r Reason) {
	now, from := f.m.Eng.Now(), f.State
	pending := s == Pending && f.Exists
	if f.pending && !pending {
		f.pendingTotal += now - f.pendingSince
	}
	if pending && !f.pending {
		f.pendingSince = now
	}
	f.pending = pending
	f.State, f.Reason = s, r
	f.record()
	if f.m.listening() {
		e := f.event(StateChanged)
		e.From = from
		if s == Inactive && r == Idle {
			e.Idle = f.m.IdleReclaim
		}
		f.m.emit(e)
	}
}

func (f *Function) setUpdate(u UpdateStatus, r Reason) {
	f.LastUpdate, f.LastUpdateReason = u, r
	f.record()
	if f.m.listening() {
		e := f.event(UpdateStatusChanged)
		e.From = f.State
		f.m.emit(e)
	}
}

// event is an event of kind k about f, with f's state now.
func (f *Function) event(k Kind) Event {
	return Event{
		Kind: k, Function: f.Name, From: f.State, State: f.State, Reason: f.Reason,
		Update: f.LastUpdate, UpdateReason: f.LastUpdateReason, Exists: f.Exists, Serving: f.Config,
	}
}

func (f *Function) record() {
	f.History = append(f.History, Transition{f.m.Eng.Now(), f.State, f.Reason, f.LastUpdate, f.Exists})
}

// count counts call k's outcome o in Calls, by their API names.
func (f *Function) count(k Kind, o Outcome) {
	name := k.String()
	c := f.Calls[name]
	if c == nil {
		c = map[string]int{}
		f.Calls[name] = c
	}
	c[o.String()]++
}

// InvokeStarted and InvokeEnded tell the function that an invocation runs,
// for the idle clock: idle time counts from the later of becoming Active and
// the end of the last invocation.
func (f *Function) InvokeStarted() { f.running++ }

// InvokeEnded: see InvokeStarted.
func (f *Function) InvokeEnded() {
	f.running--
	f.lastEnd = f.m.Eng.Now()
}

// idleCheck runs when the idle timer fires; the timer is not moved on every
// invocation, only re-armed here when the function was used since.
func (f *Function) idleCheck() {
	if !f.Exists || f.State != Active {
		return
	}
	due := sim.Later(max(f.activeAt, f.lastEnd), f.m.IdleReclaim)
	if f.running > 0 {
		due = sim.Later(f.m.Eng.Now(), f.m.IdleReclaim)
	}
	if due > f.m.Eng.Now() {
		f.m.Eng.Schedule(&f.idle, due)
		return
	}
	// The state first, then the ENIs it frees: a listener hears the cause
	// before its effects. Nothing in releaseAll looks at the state.
	f.setState(Inactive, Idle)
	f.releaseAll(true)
	f.gone()
}

func (f *Function) gone() {
	if f.m.Hooks.Gone != nil {
		f.m.Hooks.Gone(f)
	}
}

func (f *Function) configChanged() {
	if f.m.Hooks.ConfigChanged != nil {
		f.m.Hooks.ConfigChanged(f)
	}
}
