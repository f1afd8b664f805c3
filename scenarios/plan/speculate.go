package plan

import "sync/atomic"

// speculator runs the factors of a Headroom search. The search needs one
// factor at a time, and a factor runs its replications in parallel; when
// there are fewer replications than workers, the idle workers run the
// factors the search will need next under either outcome of the current
// one (after 2 holds at [1, 2]: 4; after it breaks: 1.5), so the step
// that follows is often done by the time the search asks for it. A
// factor's result does not depend on when or beside what it ran, so the
// steps, their order and the answer are those of the search on one worker.
// Runs that the outcome made useless are stopped.
type speculator struct {
	h      *search
	slots  int // factors in flight at once: workers / replications
	trials map[float64]*trial
}

// trial is one factor, running or done.
type trial struct {
	done chan struct{}
	st   Step
	err  error
	stop atomic.Bool
}

func newSpeculator(h *search) *speculator {
	w := h.o.Workers
	if w <= 0 {
		w = Workers()
	}
	return &speculator{h: h, slots: max(1, w/len(h.seeds)), trials: map[float64]*trial{}}
}

// result is the Step of factor f, tried when the criteria hold at lo and
// break at hi. Before waiting for it, it stops the runs the search can no
// longer need and starts the likeliest next ones on the free slots.
func (sp *speculator) result(f, lo, hi float64) (Step, error) {
	if sp.slots == 1 {
		st, err := tryFactor(sp.h.s, sp.h.targets, f, sp.h.seeds, sp.h.o, sp.h.o.Workers, nil)
		return st, err
	}
	want := sp.h.o.candidates(f, lo, hi, sp.slots)
	for g, t := range sp.trials {
		if !want[g] && !t.finished() {
			t.stop.Store(true)
			delete(sp.trials, g)
		}
	}
	for _, g := range sp.h.o.order(f, lo, hi, sp.slots) {
		if sp.running() >= sp.slots {
			break
		}
		sp.start(g)
	}
	t := sp.start(f)
	<-t.done
	delete(sp.trials, f)
	return t.st, t.err
}

// start returns the trial of f, starting it if it is not there yet.
func (sp *speculator) start(f float64) *trial {
	if t, ok := sp.trials[f]; ok {
		return t
	}
	t := &trial{done: make(chan struct{})}
	sp.trials[f] = t
	h := sp.h
	go func() {
		t.st, t.err = tryFactor(h.s, h.targets, f, h.seeds, h.o, len(h.seeds), &t.stop)
		close(t.done)
	}()
	return t
}

func (sp *speculator) running() int {
	n := 0
	for _, t := range sp.trials {
		if !t.finished() {
			n++
		}
	}
	return n
}

// stopAll abandons every run still going when the search ends.
func (sp *speculator) stopAll() {
	for _, t := range sp.trials {
		t.stop.Store(true)
	}
}

func (t *trial) finished() bool {
	select {
	case <-t.done:
		return true
	default:
		return false
	}
}

// order lists f and then the factors the search may try after it, most
// likely first, n in all: breadth first over the two outcomes of each,
// the likelier outcome first (doubling goes on while the factor holds,
// halving while it breaks; a bisection is even, and its lower half, the
// cheaper run, goes first).
func (o HeadroomOptions) order(f, lo, hi float64, n int) []float64 {
	type node struct{ f, lo, hi float64 }
	out := []float64{}
	queue := []node{{f, lo, hi}}
	for len(queue) > 0 && len(out) < n {
		x := queue[0]
		queue = queue[1:]
		out = append(out, x.f)
		var kids []node
		if g, ok := o.next(x.f, x.hi); ok { // x.f holds
			kids = append(kids, node{g, x.f, x.hi})
		}
		if g, ok := o.next(x.lo, x.f); ok { // x.f breaks
			kids = append(kids, node{g, x.lo, x.f})
		}
		if len(kids) == 2 && x.hi != 0 { // not doubling: the break first
			kids[0], kids[1] = kids[1], kids[0]
		}
		queue = append(queue, kids...)
	}
	return out
}

// candidates is order as a set.
func (o HeadroomOptions) candidates(f, lo, hi float64, n int) map[float64]bool {
	set := map[float64]bool{}
	for _, g := range o.order(f, lo, hi, n) {
		set[g] = true
	}
	return set
}
