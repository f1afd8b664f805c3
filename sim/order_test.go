package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// queueModel is what the ordering property drives: the engine, or the
// naive reference below.
type queueModel interface {
	schedule(id int, at Time)
	cancel(id int)
	step() bool
	now() Time
}

// naive is the reference: every pending timer in a map, the next one found
// by scanning for the least (time, priority, schedule order), the order the
// engine documents.
type naive struct {
	t       Time
	seq     int
	prio    []int8
	pending map[int][2]int // id -> (time, seq)
	fire    func(id int)
}

func (n *naive) schedule(id int, at Time) {
	n.seq++
	n.pending[id] = [2]int{int(at), n.seq}
}
func (n *naive) cancel(id int) { delete(n.pending, id) }
func (n *naive) now() Time     { return n.t }
func (n *naive) step() bool {
	best, found := 0, false
	for id, k := range n.pending {
		if !found || n.less(id, k, best, n.pending[best]) {
			best, found = id, true
		}
	}
	if !found {
		return false
	}
	n.t = Time(n.pending[best][0])
	delete(n.pending, best)
	n.fire(best)
	return true
}
func (n *naive) less(a int, ka [2]int, b int, kb [2]int) bool {
	if ka[0] != kb[0] {
		return ka[0] < kb[0]
	}
	if n.prio[a] != n.prio[b] {
		return n.prio[a] < n.prio[b]
	}
	return ka[1] < kb[1]
}

type engineModel struct {
	e      *Engine
	timers []*Timer
}

func (m *engineModel) schedule(id int, at Time) { m.e.Schedule(m.timers[id], at) }
func (m *engineModel) cancel(id int)            { m.e.Cancel(m.timers[id]) }
func (m *engineModel) step() bool               { return m.e.Step() }
func (m *engineModel) now() Time                { return m.e.Now() }

// orderRun drives a model with a random mix of schedules, moves, cancels
// and steps, where each firing handler schedules and cancels more (at the
// current instant too, the case tie-breaking decides), and returns what
// fired, in order, with the time.
func orderRun(seed uint64, prio []int8, delay func(*rand.Rand) Time, build func(fire func(int)) queueModel) []int {
	r := rand.New(rand.NewPCG(seed, 1))
	var got []int
	var m queueModel
	act := func() {
		id := r.IntN(len(prio))
		if r.IntN(5) == 0 {
			m.cancel(id)
			return
		}
		m.schedule(id, m.now()+delay(r))
	}
	m = build(func(id int) {
		got = append(got, id, int(m.now()))
		for range r.IntN(3) {
			act()
		}
	})
	for range 60000 {
		if r.IntN(3) == 0 {
			m.step()
		} else {
			act()
		}
	}
	for m.step() {
	}
	return got
}

// Delays for orderRun: ties at the same instant (the case tie-breaking
// decides), and a spread for the wheel (see wheelEngines) from within one
// bucket to several turns of the wheel past its reach, with quiet spells.
func tiesDelay(r *rand.Rand) Time { return Time(r.IntN(4)) }
func spreadDelay(r *rand.Rand) Time {
	switch r.IntN(10) {
	case 0:
		return Time(r.IntN(4))
	case 1:
		return Time(r.IntN(5000)) // past the small wheel's reach
	case 2:
		return Time(r.IntN(64)) << 10 // whole turns apart, so slots collide
	default:
		return Time(r.IntN(300))
	}
}

// The engines under test: the default one, one whose wheel is small
// enough (64 buckets of 4 ns) for spreadDelay to cross bucket ends, wrap
// the wheel and fall past it, and the one-heap reference.
func wheelEngines() []*Engine {
	return []*Engine{New(1), newEngine(1, 2, 64), NewReference(1)}
}

// The engine, with its lane for Frequent timers and its wheel, must fire
// exactly what a naive queue fires, in the same order, for any mix of
// priorities, Frequent marks, moves, cancels and delays.
func TestEngineOrderMatchesNaiveQueue(t *testing.T) {
	for _, d := range []struct {
		name  string
		delay func(*rand.Rand) Time
	}{{"ties", tiesDelay}, {"spread", spreadDelay}} {
		for seed := range uint64(8) {
			r := rand.New(rand.NewPCG(seed, 2))
			prio := make([]int8, 300)
			frequent := make([]bool, len(prio))
			for i := range prio {
				prio[i] = int8(r.IntN(3) - 1)
				frequent[i] = r.IntN(4) == 0
			}
			want := orderRun(seed, prio, d.delay, func(fire func(int)) queueModel {
				return &naive{prio: prio, pending: map[int][2]int{}, fire: fire}
			})
			if len(want)/2 < 10000 {
				t.Fatalf("%s seed %d: only %d firings: the run exercises too little", d.name, seed, len(want)/2)
			}
			for k, e := range wheelEngines() {
				got := orderRun(seed, prio, d.delay, func(fire func(int)) queueModel {
					m := &engineModel{e: e}
					for i := range prio {
						tm := NewTimer(func() { fire(i) })
						tm.SetPrio(prio[i])
						tm.SetFrequent(frequent[i])
						m.timers = append(m.timers, tm)
					}
					return m
				})
				if i := mismatch(got, want); i >= 0 {
					t.Fatalf("%s seed %d, engine %d: firing %d is timer %d at %d, want timer %d at %d",
						d.name, seed, k, i/2, got[i&^1], got[i|1], want[i&^1], want[i|1])
				}
			}
		}
	}
}

// mismatch is the first index where a and b differ (-1: none; a shorter
// slice differs at its end).
func mismatch(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b)) &^ 1
	}
	return -1
}

// Compaction (many cancels) must keep every queue's order and the count:
// the lane, the heap, and the wheel's near heap and buckets.
func TestCompactKeepsOrderAcrossLanes(t *testing.T) {
	for k, e := range wheelEngines() {
		// A first event loads the wheel's first bucket, so that what
		// follows fills its near heap, its buckets and the main heap.
		e.Schedule(NewTimer(func() {}), 0)
		e.Step()
		var fired []int
		timers := make([]*Timer, 5000)
		for i := range timers {
			timers[i] = NewTimer(func() { fired = append(fired, i) })
			timers[i].SetFrequent(i%2 == 0)
			e.Schedule(timers[i], Time(len(timers)-i))
		}
		for i := len(timers) - 1; i >= 0; i-- { // the soonest first: the wheel's
			if i%3 != 0 {
				e.Cancel(timers[i])
			}
		}
		if want := (len(timers) + 2) / 3; e.pending() != want || e.stale > 1024 {
			t.Fatalf("engine %d: pending %d, want %d; %d dead entries left", k, e.pending(), want, e.stale)
		}
		e.Run()
		var want []int
		for i := len(timers) - 1; i >= 0; i-- {
			if i%3 == 0 {
				want = append(want, i)
			}
		}
		if !slices.Equal(fired, want) {
			t.Fatalf("engine %d: fired %d timers, first %v; want %d, first %v", k, len(fired), fired[:3], len(want), want[:3])
		}
	}
}

// The wheel keeps what is due soon and leaves the rest to the main heap,
// and a far-off timer does not move it: a 14-day timer scheduled into an
// empty wheel (an idle function's reclaim) must not drag the wheel's start
// out there, leaving every later invocation past its reach.
func TestWheelKeepsSoonTimersAfterFarOnes(t *testing.T) {
	e := New(1)
	far, soon := NewTimer(func() {}), NewTimer(func() {})
	e.Schedule(far, 14*24*time.Hour)
	e.Schedule(soon, time.Millisecond)
	if len(e.q) != 1 || e.w.len() != 1 {
		t.Fatalf("heap %d, wheel %d entries; want the far timer in the heap, the soon one in the wheel", len(e.q), e.w.len())
	}
	e.RunUntil(time.Hour) // a quiet spell: the wheel is empty again
	e.After(soon, 2*time.Millisecond)
	if len(e.q) != 1 || e.w.len() != 1 {
		t.Fatalf("after an hour: heap %d, wheel %d entries; want 1 and 1", len(e.q), e.w.len())
	}
}
