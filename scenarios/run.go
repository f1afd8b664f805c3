package scenarios

import (
	"fmt"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// Options change a run without changing its scenario.
type Options struct {
	Seed     *uint64                       // overrides the scenario's seed
	Duration sim.Time                      // overrides the scenario's duration when > 0
	Trace    func(at sim.Time, msg string) // the narrated timeline, when wanted
}

// newEngine makes a run's engine; the lane test swaps in the one-heap
// reference.
var newEngine = sim.New

// Sim is a scenario built into a model, ready to run.
type Sim struct {
	Scenario *spec.Scenario
	Seed     uint64
	End      sim.Time
	Eng      *sim.Engine
	Model    *eni.Model
	Runner   *workload.Runner
	Funcs    []*eni.Function
	Stats    []*workload.Stats
}

// Build turns a scenario into a model and its workload.
func Build(s *spec.Scenario, o Options) (*Sim, error) {
	seed, end := s.Seed, s.Duration
	if o.Seed != nil {
		seed = *o.Seed
	}
	if o.Duration > 0 {
		end = o.Duration
	}
	params, err := hyperplane(s, seed)
	if err != nil {
		return nil, err
	}
	eng := newEngine(seed)
	m := eni.New(eng, params)
	m.Trace = o.Trace
	buildNetwork(s, m)
	r := workload.NewRunner(m, workload.Config{
		Concurrency: s.Region.Concurrency, ScalingRate: s.Region.ScalingRate,
		ScalingBurst: s.Region.ScalingBurst, End: end,
	})
	x := &Sim{Scenario: s, Seed: seed, End: end, Eng: eng, Model: m, Runner: r}
	if err := x.authorizeCaller(); err != nil {
		return nil, err
	}
	for i := range s.Functions {
		if err := x.addFunction(&s.Functions[i]); err != nil {
			return nil, err
		}
	}
	if err := x.schedule(); err != nil {
		return nil, err
	}
	r.Start()
	return x, nil
}

func (x *Sim) addFunction(f *spec.Function) error {
	seed := x.Seed
	ef := x.Model.NewFunction(f.Name)
	open := x.Scenario.Open
	init, err := distFrom(f.Init, seed, streamName(f.Name, "init"), open)
	if err != nil {
		return err
	}
	run, err := distFrom(f.Duration, seed, streamName(f.Name, "duration"), open)
	if err != nil {
		return err
	}
	arr, err := arrivals(f.Arrivals, seed, f.Name, open)
	if err != nil {
		return err
	}
	if arr != nil {
		arr = workload.Limit(arr, x.End) // closes a trace once the run is past it
	}
	spec := workload.Spec{
		F: ef, Init: init, Run: run, KeepAlive: f.KeepAlive,
		PerEnv: f.Connections.PerEnvironment, PerInvocation: f.Connections.PerInvocation,
		Reserved: f.ReservedConcurrency, Arrivals: arr, Attempts: 1,
	}
	if f.Retry != nil {
		spec.Attempts, spec.Backoff = f.Retry.Attempts, f.Retry.Backoff
	}
	if x.Model.Legacy {
		spec.LegacySlots = eni.SlotsPerENI(f.Memory)
		spec.LegacyDelay = x.Scenario.Hyperplane.LegacyENIDelay
	}
	x.Funcs = append(x.Funcs, ef)
	x.Stats = append(x.Stats, x.Runner.Add(spec))
	return nil
}

// schedule puts each function's CreateFunction and the timeline's calls on
// the engine; calls at the same instant run in the order written.
func (x *Sim) schedule() error {
	s := x.Scenario
	for i := range s.Functions {
		f, ef := &s.Functions[i], x.Funcs[i]
		if f.Never {
			continue
		}
		role, err := newRole(f.Role)
		if err != nil {
			return err
		}
		sub, sgs := vpcIDs(f.VPCConfig)
		x.at(f.CreateAt, func() { ef.Create(sub, sgs, role) })
	}
	for i := range s.Timeline {
		a := &s.Timeline[i]
		call, err := x.action(a)
		if err != nil {
			return err
		}
		x.at(a.At, call)
	}
	return nil
}

func (x *Sim) at(t sim.Time, f func()) {
	if t > x.End {
		return
	}
	tm := sim.NewTimer(f)
	tm.Prio = eni.PrioControl
	x.Eng.Schedule(tm, t)
}

func (x *Sim) function(name string) (*eni.Function, *spec.Function) {
	for i, f := range x.Funcs {
		if f.Name == name {
			return f, &x.Scenario.Functions[i]
		}
	}
	return nil, nil
}

// action turns one timeline entry into the call it makes.
func (x *Sim) action(a *spec.Action) (func(), error) {
	ef, f := x.function(a.Function)
	if ef == nil {
		return nil, fmt.Errorf("%s: no function named %q", a.Pos, a.Function)
	}
	switch a.Action {
	case "CreateFunction":
		role, err := newRole(f.Role)
		if err != nil {
			return nil, err
		}
		sub, sgs := vpcIDs(f.VPCConfig)
		return func() { ef.Create(sub, sgs, role) }, nil
	case "UpdateFunctionConfiguration":
		if a.VPCConfig == nil {
			return func() { ef.UpdateOther() }, nil
		}
		sub, sgs := vpcIDs(a.VPCConfig)
		return func() { ef.UpdateConfiguration(sub, sgs) }, nil
	case "UpdateFunctionCode":
		return func() { ef.UpdateCode() }, nil
	case "PublishVersion":
		return func() { ef.PublishVersion() }, nil
	case "DeleteFunction":
		return func() { ef.Delete() }, nil
	case "UpdateRole":
		role, err := newRole(a.Role)
		if err != nil {
			return nil, err
		}
		return func() { ef.UpdateRole(role) }, nil
	}
	return nil, fmt.Errorf("%s: unknown action %q", a.Pos, a.Action)
}

// Run runs the built scenario to its end.
func (x *Sim) Run() error { return x.RunUntil(x.End) }

// RunUntil runs the scenario up to t (at most its end), so that a caller
// can show progress or sample memory between slices of a long run.
func (x *Sim) RunUntil(t sim.Time) error {
	x.Eng.RunUntil(min(t, x.End))
	return x.Runner.Err()
}
