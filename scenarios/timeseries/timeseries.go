package timeseries

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/sim"
)

// Kinds of series.
const (
	ENIs         = "enis"         // ENIs of a key, any state
	Ports        = "ports"        // ports in use on a key (sampled)
	IPs          = "ips"          // IPs used in a subnet (other resources + ENIs)
	Concurrency  = "concurrency"  // invocations of a function executing
	Environments = "environments" // execution environments of a function alive
)

// Prio is the sampler's priority among same-instant events: after all of
// the model's (control-plane calls, invokes, ENI events).
const Prio int8 = math.MaxInt8

// MaxSamples bounds the rows a resolution may produce.
const MaxSamples = 1_000_000

// DefaultRows is the most rows DefaultStep produces.
const DefaultRows = 2000

// Series is one quantity over time.
type Series struct {
	Kind string
	ID   string // the key (subnet+[sgs]), subnet id or function name
	// Subnet and SGs describe a key series (ENIs, Ports).
	Subnet string
	SGs    []string
	// Capacity is the subnet's usable IPs (IPs series).
	Capacity int
	// HasMean is false for sampled-only series (Ports): Mean is then nil.
	HasMean bool
	// Start is the value at time 0; Mean and End hold, per interval, the
	// time-weighted mean and the value at the interval's end.
	Start     float64
	Mean, End []float64

	level    *eni.Level
	value    func() int64
	lastArea float64
	pool     *eni.Pool
}

// StateSeries is a function's state at the end of each interval.
type StateSeries struct {
	Function   string
	State      []string // "" while the function does not exist
	Reason     []string
	LastUpdate []string
	fn         *eni.Function
}

// Recorder samples a run. Create it with Attach before running.
type Recorder struct {
	// Step is the resolution.
	Step sim.Time
	// Times are the ends of the intervals; interval i is
	// [Times[i-1], Times[i]] (Times[-1] being 0).
	Times  []sim.Time
	keys   []*Series // ENIs and Ports, in order of pools seen
	others []*Series // IPs, Concurrency, Environments
	States []*StateSeries

	x     *scenarios.Sim
	timer *sim.Timer
	pools int // pools of the model already followed
}

// DefaultStep is the resolution for a run of length end: the smallest
// round step that gives at most DefaultRows intervals.
func DefaultStep(end sim.Time) sim.Time {
	steps := []sim.Time{
		time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond,
		500 * time.Millisecond, time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second,
		15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute,
		10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour,
		6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
	}
	for _, s := range steps {
		if samples(end, s) <= DefaultRows {
			return s
		}
	}
	d := 24 * time.Hour
	for samples(end, d) > DefaultRows {
		d *= 2
	}
	return d
}

func samples(end, step sim.Time) int64 {
	return int64((end + step - 1) / step)
}

// Attach starts sampling x every step (0: DefaultStep of the run's length).
// It must be called after scenarios.Build and before the run starts.
func Attach(x *scenarios.Sim, step sim.Time) (*Recorder, error) {
	if step == 0 {
		step = DefaultStep(x.End)
	}
	if step < 0 {
		return nil, fmt.Errorf("resolution %v: want a positive duration", step)
	}
	if x.Eng.Now() != 0 {
		return nil, fmt.Errorf("timeseries.Attach: the run has started (at %v)", x.Eng.Now())
	}
	if n := samples(x.End, step); n > MaxSamples {
		return nil, fmt.Errorf("resolution %v gives %d samples over %v; at most %d", step, n, x.End, MaxSamples)
	}
	r := &Recorder{Step: step, x: x}
	for _, s := range x.Model.Subnets() {
		r.others = append(r.others, &Series{Kind: IPs, ID: s.ID, Capacity: s.Capacity, HasMean: true, level: &s.IPs})
	}
	for i, f := range x.Funcs {
		st := x.Stats[i]
		r.others = append(r.others,
			&Series{Kind: Concurrency, ID: f.Name, HasMean: true, level: &st.Concurrency},
			&Series{Kind: Environments, ID: f.Name, HasMean: true, level: &st.Environments})
		r.States = append(r.States, &StateSeries{Function: f.Name, fn: f})
	}
	r.follow()
	for _, s := range r.all() {
		s.Start = float64(s.current())
	}
	if x.End > 0 {
		r.timer = sim.NewTimer(r.sample)
		r.timer.SetPrio(Prio)
		x.Eng.Schedule(r.timer, min(step, x.End))
	}
	return r, nil
}

// follow adds series for pools the model created since the last sample.
// A pool had no ENIs and no ports before it existed, so its earlier
// intervals are zeros and its area at the last sample was 0, which keeps
// its integral exact.
func (r *Recorder) follow() {
	pools := r.x.Model.Pools
	for _, p := range pools[r.pools:] {
		n := len(r.Times)
		e := &Series{Kind: ENIs, ID: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, HasMean: true,
			level: &p.Count, pool: p, Mean: make([]float64, n), End: make([]float64, n)}
		q := &Series{Kind: Ports, ID: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, pool: p,
			value: func() int64 { return int64(p.Ports()) }, End: make([]float64, n)}
		r.keys = append(r.keys, e, q)
	}
	r.pools = len(pools)
}

func (s *Series) current() int64 {
	if s.level != nil {
		return s.level.Value()
	}
	return s.value()
}

func (r *Recorder) all() []*Series {
	return append(slices.Clip(r.keys), r.others...)
}

// sample closes the interval ending now and schedules the next one.
func (r *Recorder) sample() {
	now := r.x.Eng.Now()
	prev := sim.Time(0)
	if n := len(r.Times); n > 0 {
		prev = r.Times[n-1]
	}
	r.follow()
	dt := (now - prev).Seconds()
	r.Times = append(r.Times, now)
	for _, s := range r.all() {
		if s.HasMean {
			a := s.level.Area(now)
			s.Mean = append(s.Mean, (a-s.lastArea)/dt)
			s.lastArea = a
		}
		s.End = append(s.End, float64(s.current()))
	}
	for _, st := range r.States {
		f := st.fn
		state, reason := "", ""
		if f.Exists {
			state, reason = f.State.String(), string(f.Reason)
		}
		st.State = append(st.State, state)
		st.Reason = append(st.Reason, reason)
		st.LastUpdate = append(st.LastUpdate, f.LastUpdate.String())
	}
	if now < r.x.End {
		r.x.Eng.Schedule(r.timer, min(sim.Later(now, r.Step), r.x.End))
	}
}

// Keys lists the ENI and port series of the keys that ever had an ENI,
// sorted like the report (by subnet, then security groups): ENIs of a key,
// then its ports.
func (r *Recorder) Keys() []*Series {
	var out []*Series
	for i := 0; i+1 < len(r.keys); i += 2 {
		if r.keys[i].pool.Count.Peak() > 0 {
			out = append(out, r.keys[i], r.keys[i+1])
		}
	}
	slices.SortStableFunc(out, func(a, b *Series) int {
		return cmp.Or(cmp.Compare(a.Subnet, b.Subnet), slices.Compare(a.SGs, b.SGs))
	})
	return out
}

// Kind lists the series of one kind, in report order.
func (r *Recorder) Kind(kind string) []*Series {
	var out []*Series
	src := r.others
	if kind == ENIs || kind == Ports {
		src = r.Keys()
	}
	for _, s := range src {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// Series lists every series in column order: per key ENIs and ports, then
// IPs per subnet, then concurrency and environments per function.
func (r *Recorder) Series() []*Series {
	return append(r.Keys(), r.others...)
}

// Events is the number of engine events the recorder fired (one per
// sample), so that a report can leave them out of the model's count.
func (r *Recorder) Events() uint64 { return uint64(len(r.Times)) }

// Start is the start of interval i.
func (r *Recorder) Start(i int) sim.Time {
	if i == 0 {
		return 0
	}
	return r.Times[i-1]
}
