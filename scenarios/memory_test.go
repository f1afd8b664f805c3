package scenarios

import (
	"runtime"
	"testing"
	"time"
)

// allocatedByRun returns the bytes allocated while the busy scenario runs
// for d, and its invocations.
func allocatedByRun(t *testing.T, d time.Duration) (uint64, int64) {
	s := busy()
	s.Duration = d
	x, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	var n int64
	for _, st := range x.Stats {
		n += st.Invocations
	}
	return after.TotalAlloc - before.TotalAlloc, n
}

// Memory stays flat as simulated time grows: four times the simulated time
// (over a million more invocations) allocates less than a byte per extra
// invocation, so nothing is kept per invocation. (The first minutes
// allocate the environments and the queue, which are then reused.)
func TestMemoryFlatInSimulatedTime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 10 simulated minutes at 3,000/s")
	}
	short, n1 := allocatedByRun(t, 2*time.Minute)
	long, n2 := allocatedByRun(t, 8*time.Minute)
	extra := int64(long) - int64(short)
	if perInvocation := float64(extra) / float64(n2-n1); perInvocation > 1 {
		t.Errorf("%d bytes for %d invocations, %d for %d: %.2f bytes per extra invocation",
			short, n1, long, n2, perInvocation)
	}
}
