package scenarios

import (
	"testing"

	"time"
)

// Once the environments and the queue have grown to the rate's needs, a
// run allocates nothing per event: 100 ms slices of a warmed 100k req/s
// run (some 20,000 events each) allocate less than one object per slice
// on average.
func TestNoAllocationPerEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 30 simulated seconds at 100k req/s")
	}
	x, err := Build(rated(100_000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.RunUntil(x.End / 2); err != nil { // past the ramp: the environments exist
		t.Fatal(err)
	}
	step := 100 * time.Millisecond
	before := x.Eng.Events()
	allocs := testing.AllocsPerRun(20, func() {
		if err := x.RunUntil(x.Eng.Now() + step); err != nil {
			t.Fatal(err)
		}
	})
	events := x.Eng.Events() - before
	if events < 21*10_000 {
		t.Fatalf("%d events in 21 slices; the test is not running the rate it means to", events)
	}
	if allocs >= 1 {
		t.Errorf("%.1f allocations per %v slice (%d events in 21 slices)", allocs, step, events)
	}
}
