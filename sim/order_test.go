package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
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
func orderRun(seed uint64, prio []int8, build func(fire func(int)) queueModel) []int {
	r := rand.New(rand.NewPCG(seed, 1))
	var got []int
	var m queueModel
	act := func() {
		id := r.IntN(len(prio))
		if r.IntN(5) == 0 {
			m.cancel(id)
			return
		}
		m.schedule(id, m.now()+Time(r.IntN(4)))
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

// The engine, with its lane for Frequent timers, must fire exactly what a
// naive queue fires, in the same order, for any mix of priorities,
// Frequent marks, moves and cancels.
func TestEngineOrderMatchesNaiveQueue(t *testing.T) {
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 2))
		prio := make([]int8, 300)
		frequent := make([]bool, len(prio))
		for i := range prio {
			prio[i] = int8(r.IntN(3) - 1)
			frequent[i] = r.IntN(4) == 0
		}
		want := orderRun(seed, prio, func(fire func(int)) queueModel {
			return &naive{prio: prio, pending: map[int][2]int{}, fire: fire}
		})
		for _, e := range []*Engine{New(1), NewReference(1)} {
			got := orderRun(seed, prio, func(fire func(int)) queueModel {
				m := &engineModel{e: e}
				for i := range prio {
					tm := NewTimer(func() { fire(i) })
					tm.Prio, tm.Frequent = prio[i], frequent[i]
					m.timers = append(m.timers, tm)
				}
				return m
			})
			if len(want)/2 < 10000 {
				t.Fatalf("seed %d: only %d firings: the run exercises too little", seed, len(want)/2)
			}
			if i := mismatch(got, want); i >= 0 {
				t.Fatalf("seed %d, oneHeap %v: firing %d is timer %d at %d, want timer %d at %d",
					seed, e.oneHeap, i/2, got[i&^1], got[i|1], want[i&^1], want[i|1])
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

// Compaction (many cancels) must keep both queues' order and the count.
func TestCompactKeepsOrderAcrossLanes(t *testing.T) {
	e := New(1)
	var fired []int
	timers := make([]*Timer, 5000)
	for i := range timers {
		timers[i] = NewTimer(func() { fired = append(fired, i) })
		timers[i].Frequent = i%2 == 0
		e.Schedule(timers[i], Time(len(timers)-i))
	}
	for i := range timers {
		if i%3 != 0 {
			e.Cancel(timers[i])
		}
	}
	if want := (len(timers) + 2) / 3; e.pending() != want {
		t.Fatalf("pending %d, want %d", e.pending(), want)
	}
	e.Run()
	var want []int
	for i := len(timers) - 1; i >= 0; i-- {
		if i%3 == 0 {
			want = append(want, i)
		}
	}
	if !slices.Equal(fired, want) {
		t.Fatalf("fired %d timers, first %v; want %d, first %v", len(fired), fired[:3], len(want), want[:3])
	}
}
