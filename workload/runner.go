package workload

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// Runner drives the invocations of a run through the functions of an eni
// model: arrivals, throttles, execution environments, retries.
type Runner struct {
	eng *sim.Engine
	m   *eni.Model
	cfg Config
	end sim.Time
	// horizon is the last instant any caller runs the engine to: the end,
	// or a nanosecond past it (a live session's Finish). A timer due later
	// can never fire, so the runner does not schedule it: at a high rate
	// over a short run, the surplus keep-alive timers of the idle
	// environments would otherwise outnumber the running invocations in
	// the engine's heap several times over, each armed and cancelled once
	// per invocation. Skipping them changes no output: the timers that are
	// scheduled keep their relative order.
	horizon sim.Time
	region  region
	funcs   []*fn // indexed by eni.Function.ID
	free    []*env
	frees   []*retry
	err     error
	// Replaced, when set, is told of each environment replaced at the end
	// of its lifetime, with the index of its subnet (for the timeline):
	// found by a request while it waited idle, or retired after its
	// invocation.
	Replaced func(f *eni.Function, subnet int, found bool)
	// Watched, when set, is told how a watched invocation's first attempt
	// ended, and when it began to run (see InvokeWatched).
	Watched func(watch int32, o eni.Outcome, ran sim.Time)
}

// Config is the Region's invocation limits.
type Config struct {
	Concurrency  int     // concurrent executions of the Region
	ScalingRate  float64 // new environments per second per function
	ScalingBurst float64 // token-bucket size
	End          sim.Time
}

// NewRunner returns a runner on model m; it follows the model's hooks.
func NewRunner(m *eni.Model, c Config) *Runner {
	r := &Runner{eng: m.Eng, m: m, cfg: c, end: c.End, horizon: min(c.End, sim.Forever-1) + 1, region: region{limit: c.Concurrency}}
	m.Hooks.ConfigChanged = r.configChanged
	m.Hooks.Gone = r.gone
	return r
}

// Spec is what the runner needs of one function.
type Spec struct {
	F         *eni.Function
	Init, Run Dist
	// KeepAlive counts from the moment the whole function went idle; the
	// reaper runs ReaperSlack later (nil: no slack). SurplusKeepAlive is
	// how long one idle environment lives while others serve (nil: no
	// limit but the function's). MaxLifetime retires an environment after
	// its current invocation (nil: never); its replacement is started
	// ahead, so the next request waits ReplacementInit (nil: Init).
	KeepAlive        sim.Time
	ReaperSlack      Dist
	SurplusKeepAlive Dist
	MaxLifetime      Dist
	ReplacementInit  Dist
	PerEnv           int // ports held while an environment lives
	PerInvocation    int // ports held while an invocation runs
	Reserved         int // reserved concurrency, -1 when none
	Arrivals         Arrivals
	Attempts         int // 1: no retry
	Backoff          sim.Time
	// Legacy model (pre-2019): environments per ENI (0: Hyperplane) and
	// the ENI set-up time added to a cold start that needs a new ENI (nil:
	// none).
	LegacySlots int
	LegacyDelay Dist
}

// Add registers a function; its statistics are returned.
func (r *Runner) Add(s Spec) *Stats {
	if s.Attempts < 1 {
		s.Attempts = 1
	}
	if s.ReplacementInit == nil {
		s.ReplacementInit = s.Init
	}
	f := &fn{Spec: s, r: r, bucket: newBucket(r.cfg.ScalingRate, r.cfg.ScalingBurst)}
	f.Errors, f.RetriesByError = map[string]int64{}, map[string]int64{}
	f.arrive.Handle((*arrival)(f))
	f.arrive.SetFrequent(true) // one per function, half of a busy run's events
	f.expire.Init(f.onExpire)
	for len(r.funcs) <= s.F.ID {
		r.funcs = append(r.funcs, nil)
	}
	r.funcs[s.F.ID] = f
	if s.Reserved >= 0 {
		r.region.reserved += s.Reserved
	}
	return &f.Stats
}

// Start schedules the first arrival of every function.
func (r *Runner) Start() {
	for _, f := range r.funcs {
		if f != nil && f.Arrivals != nil {
			f.next()
		}
	}
}

// Err is the error that stopped the run early (a malformed trace line).
func (r *Runner) Err() error { return r.err }

func (r *Runner) narrate(f *fn, e *env, found bool) {
	if r.Replaced != nil {
		r.Replaced(f.F, int(e.sub), found)
	}
}

func (r *Runner) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.eng.Stop()
}

func (r *Runner) fn(ef *eni.Function) *fn {
	if ef.ID >= len(r.funcs) {
		return nil
	}
	return r.funcs[ef.ID]
}

// configChanged retires f's environments: new code or configuration means
// new environments, and the cold starts that follow are of cause config.
func (r *Runner) configChanged(ef *eni.Function) {
	if f := r.fn(ef); f != nil {
		f.debt[CauseConfig] += f.retireAll()
	}
}

// gone retires f's environments when it is deleted or goes Inactive. The
// cold starts after a restore are of cause restore (at least the first);
// a deleted function starts afresh.
func (r *Runner) gone(ef *eni.Function) {
	f := r.fn(ef)
	if f == nil {
		return
	}
	n := f.retireAll()
	if !ef.Exists {
		f.debt = [NumCauses]int64{}
		return
	}
	f.debt[CauseRestore] += max(1, n+f.debt[CauseExpired]+f.debt[CauseConfig])
	f.debt[CauseExpired], f.debt[CauseConfig] = 0, 0
}

// retireAll retires every environment of f, idle ones now, busy ones when
// their invocation ends, and returns how many there were.
func (f *fn) retireAll() int64 {
	n := int64(f.busy)
	f.gen++
	f.perSubnet = f.perSubnet[:0]
	for e := f.idle.head; e != nil; e = f.idle.head {
		f.idle.remove(e)
		e.destroy()
		n++
	}
	f.r.eng.Cancel(&f.expire)
	return n
}
