package scenarios

import (
	"fmt"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// Options change a run without changing its scenario.
type Options struct {
	Seed     *uint64  // overrides the scenario's seed
	Duration sim.Time // overrides the scenario's duration when > 0
	// Events hears the model's events (eni.Model.Events), when wanted:
	// explain.Narrator.Event tells them as a timeline.
	Events func(eni.Event)
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
	m.Events = o.Events
	buildNetwork(s, m)
	r := workload.NewRunner(m, workload.Config{
		Concurrency: s.Region.Concurrency, ScalingRate: s.Region.ScalingRate,
		ScalingBurst: s.Region.ScalingBurst, End: end,
	})
	if o.Events != nil {
		r.Replaced = narrateReplacement(m)
	}
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
	ef := x.Model.NewFunction(f.Name)
	ws := workload.Spec{
		F: ef, KeepAlive: f.KeepAlive,
		PerEnv: f.Connections.PerEnvironment, PerInvocation: f.Connections.PerInvocation,
		Reserved: f.ReservedConcurrency, Attempts: 1,
	}
	h := &x.Scenario.Hyperplane
	var err error
	if ws.Init, err = distFrom(f.Init, x.Seed, streamName(f.Name, "init"), x.Scenario.Open); err != nil {
		return err
	}
	if ws.Run, err = distFrom(f.Duration, x.Seed, streamName(f.Name, "duration"), x.Scenario.Open); err != nil {
		return err
	}
	for _, d := range []struct {
		dst     *workload.Dist
		src     spec.Dist
		purpose string
	}{
		{&ws.SurplusKeepAlive, f.SurplusKeepAlive, "surplusKeepAlive"},
		{&ws.MaxLifetime, f.MaxLifetime, "maxLifetime"},
		{&ws.ReplacementInit, f.ReplacementInit, "replacementInit"},
		{&ws.ReaperSlack, h.ReaperSlack, "reaperSlack"},
		{&ws.LegacyDelay, h.LegacyENIDelay, "legacyEniDelay"},
	} {
		w, err := x.optDist(d.src, streamName(f.Name, d.purpose))
		if err != nil {
			return err
		}
		*d.dst = w
	}
	arr, err := arrivals(f.Arrivals, x.Seed, f.Name, x.Scenario.Open)
	if err != nil {
		return err
	}
	if arr != nil {
		ws.Arrivals = workload.Limit(arr, x.End) // closes a trace once the run is past it
	}
	if f.Retry != nil {
		ws.Attempts, ws.Backoff = f.Retry.Attempts, f.Retry.Backoff
	}
	if x.Model.Legacy {
		ws.LegacySlots = eni.SlotsPerENI(f.Memory)
	}
	x.Funcs = append(x.Funcs, ef)
	x.Stats = append(x.Stats, x.Runner.Add(ws))
	return nil
}

// optDist builds a distribution drawing from stream name; an unset one
// (Kind "", as a scenario built in Go leaves it) is nil: the mechanism is
// off.
func (x *Sim) optDist(d spec.Dist, name string) (workload.Dist, error) {
	if d.Kind == "" {
		return nil, nil
	}
	return distFrom(d, x.Seed, name, x.Scenario.Open)
}

// narrateReplacement tells listeners of lifetime replacements
// (docs/aws-behaviour.md#maximum-lifetime): of each function, the first in
// each hour of simulated time, since a busy function replaces hundreds of
// environments a day; the report counts every one.
func narrateReplacement(m *eni.Model) func(*eni.Function, int, bool) {
	next := map[*eni.Function]sim.Time{}
	return func(f *eni.Function, sub int, found bool) {
		now := m.Eng.Now()
		if at, ok := next[f]; ok && now < at {
			return
		}
		next[f] = sim.Later(now, time.Hour)
		subnet, where := "", ""
		if f.Config.Attached() && sub < len(f.Config.Subnets) {
			subnet = f.Config.Subnets[sub].ID
			where = " in " + subnet
		}
		what := "environment" + where + " past its maximum lifetime, retired after its invocation; a replacement started ahead takes its place"
		if found {
			what = "idle environment" + where + " past its maximum lifetime: this invoke lands on the replacement started ahead (replacementInit; cold start, cause replaced)"
		}
		m.EnvironmentReplaced(f, subnet, what+"; further replacements within the hour are counted in the report, not narrated")
	}
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
	tm.SetPrio(eni.PrioControl)
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
		// The action's own vpcConfig and role, when given, replace the
		// function's (enisim serve records a re-creation this way).
		r, c := f.Role, f.VPCConfig
		if a.Role != nil {
			r = a.Role
		}
		if a.VPCConfig != nil {
			c = a.VPCConfig
		}
		role, err := newRole(r)
		if err != nil {
			return nil, err
		}
		sub, sgs := vpcIDs(c)
		if a.Publish {
			return func() {
				if ef.Create(sub, sgs, role) == eni.OK {
					ef.PublishAtCreate()
				}
			}, nil
		}
		return func() { ef.Create(sub, sgs, role) }, nil
	case "Invoke":
		return func() { x.Runner.Invoke(ef) }, nil
	case "UpdateFunctionConfiguration":
		if a.VPCConfig == nil {
			return func() { ef.UpdateOther() }, nil
		}
		sub, sgs := vpcIDs(a.VPCConfig)
		return func() { ef.UpdateConfiguration(sub, sgs) }, nil
	case "UpdateFunctionCode":
		if a.Publish {
			return func() {
				if ef.UpdateCode() == eni.OK {
					ef.PublishVersion()
				}
			}, nil
		}
		return func() { ef.UpdateCode() }, nil
	case "PublishVersion":
		return func() { ef.PublishVersion() }, nil
	case "DeleteFunction":
		if n := a.Version; n > 0 {
			return func() { ef.DeleteVersion(n) }, nil
		}
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

// Slice is the end of slice i of n equal slices of the run: i/n of End,
// exactly, for 0 <= i <= n. (End*i/n overflows for a run of more than
// 5.8 years cut in 50, and End/n*i falls short of End by End mod n.)
func (x *Sim) Slice(i, n int) sim.Time {
	k, m := sim.Time(i), sim.Time(n)
	return x.End/m*k + x.End%m*k/m
}

// RunUntil runs the scenario up to t (at most its end), so that a caller
// can show progress or sample memory between slices of a long run.
func (x *Sim) RunUntil(t sim.Time) error {
	x.Eng.RunUntil(min(t, x.End))
	return x.Runner.Err()
}
