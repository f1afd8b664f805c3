package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
	"unsafe"
)

func TestSameInstantFiresInScheduleOrderThenPriority(t *testing.T) {
	e := New(1)
	var got []string
	add := func(name string, at Time, prio int8) {
		tm := NewTimer(func() { got = append(got, name) })
		tm.SetPrio(prio)
		e.Schedule(tm, at)
	}
	add("b1", 5, 0)
	add("a", 1, 0)
	add("b2", 5, 0)
	add("late", 5, 1)
	add("early", 5, -1)
	add("b3", 5, 0)
	e.Run()
	want := []string{"a", "early", "b1", "b2", "b3", "late"}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if e.Now() != 5 || e.Events() != 6 {
		t.Fatalf("now %v events %d, want 5, 6", e.Now(), e.Events())
	}
}

func TestCancelAndReschedule(t *testing.T) {
	e := New(1)
	fired := 0
	a := NewTimer(func() { fired++ })
	b := NewTimer(func() { fired += 10 })
	e.Schedule(a, 10)
	e.Schedule(b, 20)
	e.Cancel(a)
	e.Cancel(a) // twice is harmless
	e.Schedule(b, 5)
	if a.Scheduled() || !b.Scheduled() || e.pending() != 1 {
		t.Fatalf("scheduled a=%v b=%v pending=%d", a.Scheduled(), b.Scheduled(), e.pending())
	}
	e.RunUntil(7)
	if fired != 10 || e.Now() != 7 {
		t.Fatalf("fired %d now %v; want 10 at 7", fired, e.Now())
	}
}

// The queue must agree with a sort of the same (at, seq) keys, whatever mix
// of schedules, moves and cancels produced it.
func TestQueueMatchesSortedReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	e := New(1)
	var order []int
	timers := make([]*Timer, 500)
	for i := range timers {
		timers[i] = NewTimer(func() { order = append(order, i) })
	}
	type key struct{ at, seq, id int }
	live := map[int]key{}
	seq := 0
	for range 3000 {
		i := r.IntN(len(timers))
		if r.IntN(4) == 0 {
			e.Cancel(timers[i])
			delete(live, i)
			continue
		}
		at := r.IntN(100)
		seq++
		e.Schedule(timers[i], Time(at))
		live[i] = key{at, seq, i}
	}
	var want []key
	for _, k := range live {
		want = append(want, k)
	}
	slices.SortFunc(want, func(a, b key) int {
		if a.at != b.at {
			return a.at - b.at
		}
		return a.seq - b.seq
	})
	e.Run()
	if len(order) != len(want) {
		t.Fatalf("fired %d, want %d", len(order), len(want))
	}
	for i := range want {
		if order[i] != want[i].id {
			t.Fatalf("position %d: timer %d, want %d", i, order[i], want[i].id)
		}
	}
}

func TestScheduleIntoThePastPanics(t *testing.T) {
	e := New(1)
	e.RunUntil(10)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	e.Schedule(NewTimer(func() {}), 5)
}

func TestStreamsDependOnlyOnSeedAndName(t *testing.T) {
	a1, a2 := NewStream(42, "fn/orders/arrivals"), NewStream(42, "fn/orders/arrivals")
	b := NewStream(42, "fn/reports/arrivals")
	c := NewStream(43, "fn/orders/arrivals")
	x := a1.Uint64()
	if x != a2.Uint64() {
		t.Fatal("same (seed, name) gave different values")
	}
	if x == b.Uint64() || x == c.Uint64() {
		t.Fatal("different name or seed gave the same first value")
	}
}

func TestClock(t *testing.T) {
	if got := Clock(72*time.Second + 410*time.Millisecond); got != "00:01:12.410" {
		t.Fatalf("Clock = %q", got)
	}
	if got := Clock(26*time.Hour + time.Millisecond); got != "26:00:00.001" {
		t.Fatalf("Clock = %q", got)
	}
}

// A timer that reschedules itself, as keep-alive and arrival timers do:
// steady state must not allocate, in the main queue or the lane.
func TestNoAllocationPerEvent(t *testing.T) {
	e := New(1)
	timers := make([]*Timer, 1000)
	for i := range timers {
		tm := &Timer{}
		tm.Init(func() { e.After(tm, Time(1+i%7)) })
		tm.SetFrequent(i%8 == 0) // the lane too
		timers[i] = tm
		e.Schedule(tm, Time(i))
	}
	e.RunUntil(1000)
	allocs := testing.AllocsPerRun(10, func() { e.RunUntil(e.Now() + 100) })
	if allocs != 0 {
		t.Fatalf("%v allocations per run of ~%d events", allocs, 100*1000/4)
	}
}

func BenchmarkEngine(b *testing.B) {
	e := New(1)
	const n = 10000 // timers in the queue, a busy scenario's order of magnitude
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		tm := &Timer{}
		tm.Init(func() { e.After(tm, Time(1+r.IntN(1000))) })
		e.Schedule(tm, Time(i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		e.Step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// What checking a timer reads, its key, is at offset 16, and its handler
// before it, so that a model can place a timer across a cache line's end
// and have the wheel's check fetch both lines (workload's TestEnvLayout
// relies on these offsets).
func TestTimerLayout(t *testing.T) {
	var tm Timer
	if s, h, k := unsafe.Sizeof(tm), unsafe.Offsetof(tm.h), unsafe.Offsetof(tm.key); s != 24 || h != 0 || k != 16 {
		t.Fatalf("Timer is %d bytes, handler at %d, key at %d; want 24, 0, 16", s, h, k)
	}
}

// The priority and the Frequent mark share the key with the sequence
// number: setting one keeps the other, a timer's priority reads back, and
// setting either on a scheduled timer (which would orphan its entry) panics.
func TestTimerKeyFields(t *testing.T) {
	var tm Timer
	if tm.Prio() != 0 || tm.frequent() {
		t.Fatalf("zero timer: prio %d, frequent %v", tm.Prio(), tm.frequent())
	}
	for _, p := range []int8{-128, -1, 0, 1, 127} {
		tm.SetFrequent(true)
		tm.SetPrio(p)
		if tm.Prio() != p || !tm.frequent() {
			t.Fatalf("SetPrio(%d): prio %d, frequent %v", p, tm.Prio(), tm.frequent())
		}
		tm.SetFrequent(false)
		if tm.Prio() != p || tm.frequent() {
			t.Fatalf("SetFrequent(false) after SetPrio(%d): prio %d, frequent %v", p, tm.Prio(), tm.frequent())
		}
	}
	e := New(1)
	tm.Init(func() {})
	e.Schedule(&tm, 5)
	defer func() {
		if recover() == nil {
			t.Fatal("SetPrio on a scheduled timer did not panic")
		}
	}()
	tm.SetPrio(3)
}

// Later saturates at Forever, so that a delay of centuries from a user's
// file cannot wrap round to a time in the past; After uses it.
func TestLaterSaturates(t *testing.T) {
	for _, c := range []struct{ t, d, want Time }{
		{1, 2, 3},
		{Forever - 1, 1, Forever},
		{Forever - 1, 2, Forever},
		{Forever / 2, Forever/2 + 2, Forever},
		{0, Forever, Forever},
	} {
		if got := Later(c.t, c.d); got != c.want {
			t.Errorf("Later(%d, %d) = %d, want %d", c.t, c.d, got, c.want)
		}
	}
	e := New(1)
	e.RunUntil(Forever / 2)
	tm := NewTimer(func() {})
	e.After(tm, Forever/2+10) // would wrap round to a negative time
	if !tm.Scheduled() || e.pending() != 1 {
		t.Fatal("a delay past the end of time was not scheduled (at Forever)")
	}
}

// RunUntil moves the clock to its end even when the end is Forever (a
// scenario's longest duration); Run leaves it at the last event.
func TestRunUntilForeverMovesTheClock(t *testing.T) {
	e := New(1)
	e.Schedule(NewTimer(func() {}), 5)
	e.RunUntil(Forever)
	if e.Now() != Forever {
		t.Errorf("RunUntil(Forever): now %d", e.Now())
	}
	r := New(1)
	r.Schedule(NewTimer(func() {}), 5)
	r.Run()
	if r.Now() != 5 {
		t.Errorf("Run: now %d, want 5", r.Now())
	}
}
