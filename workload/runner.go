package workload

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// Runner drives the invocations of a run through the functions of an eni
// model: arrivals, throttles, execution environments, retries.
type Runner struct {
	eng    *sim.Engine
	m      *eni.Model
	cfg    Config
	end    sim.Time
	region region
	funcs  []*fn // indexed by eni.Function.ID
	free   []*env
	frees  []*retry
	err    error
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
	r := &Runner{eng: m.Eng, m: m, cfg: c, end: c.End, region: region{limit: c.Concurrency}}
	m.Hooks.ConfigChanged = r.retireAll
	m.Hooks.Gone = r.retireAll
	return r
}

// Spec is what the runner needs of one function.
type Spec struct {
	F             *eni.Function
	Init, Run     Dist
	KeepAlive     sim.Time
	PerEnv        int // ports held while an environment lives
	PerInvocation int // ports held while an invocation runs
	Reserved      int // reserved concurrency, -1 when none
	Arrivals      Arrivals
	Attempts      int // 1: no retry
	Backoff       sim.Time
	// Legacy model (pre-2019): environments per ENI (0: Hyperplane) and
	// the ENI set-up time added to each cold start.
	LegacySlots int
	LegacyDelay sim.Time
}

// Add registers a function; its statistics are returned.
func (r *Runner) Add(s Spec) *Stats {
	if s.Attempts < 1 {
		s.Attempts = 1
	}
	f := &fn{Spec: s, r: r, bucket: newBucket(r.cfg.ScalingRate, r.cfg.ScalingBurst)}
	f.Errors = map[string]int64{}
	f.arrive.Init(f.onArrival)
	f.arrive.Frequent = true // one per function, half of a busy run's events
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

func (r *Runner) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.eng.Stop()
}

// retireAll retires every environment of f: idle ones now, busy ones when
// their invocation ends (a new configuration or code means new
// environments; a deleted or Inactive function keeps none).
func (r *Runner) retireAll(ef *eni.Function) {
	if ef.ID >= len(r.funcs) || r.funcs[ef.ID] == nil {
		return
	}
	f := r.funcs[ef.ID]
	f.gen++
	f.perSubnet = f.perSubnet[:0]
	for e := f.idle.head; e != nil; e = f.idle.head {
		f.idle.remove(e)
		e.destroy()
	}
}
