package scenarios

import (
	"testing"

	"github.com/enisim/enisim/sim"
)

// Slice cuts any run, up to the longest a duration allows, into slices
// whose ends rise and reach End exactly.
func TestSliceReachesEndExactly(t *testing.T) {
	for _, end := range []sim.Time{1, 49, 50, 51, 7_200_000_000_123, sim.Forever} {
		x := &Sim{End: end}
		prev := sim.Time(0)
		for i := 0; i <= 50; i++ {
			s := x.Slice(i, 50)
			if s < prev || s > end {
				t.Fatalf("end %d: slice %d ends at %d, after %d", end, i, s, prev)
			}
			prev = s
		}
		if prev != end {
			t.Errorf("end %d: the last slice ends at %d", end, prev)
		}
	}
}
