package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Every built-in scenario must give the same report, byte for byte, and
// the same number of events on the engine with its arrival lane and its
// wheel as on the one-heap reference: they change speed, never the order
// of events
// (an arrival that fired before a same-instant control-plane call or ENI
// becoming ready, against their priorities, changes the reports of three
// built-ins). Runs are cut to 20 simulated minutes to keep the
// test short; the built-ins' control-plane calls, bursts and Pending waits
// fall inside them.
func TestLaneAndWheelChangeNoOutput(t *testing.T) {
	bs, err := spec.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		s, err := spec.LoadBuiltin(b.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		lane, laneEvents := laneRun(t, s, sim.New)
		ref, refEvents := laneRun(t, s, sim.NewReference)
		if laneEvents == 0 || laneEvents != refEvents {
			t.Errorf("%s: %d events with the lane, %d on one heap", b.Name, laneEvents, refEvents)
		}
		if !bytes.Equal(lane, ref) {
			t.Errorf("%s: output differs with the lane:\n%s", b.Name, firstDiff(lane, ref))
		}
	}
}

// laneRun runs s for 20 minutes on engines from mk and returns its report
// as JSON and the events fired.
func laneRun(t *testing.T, s *spec.Scenario, mk func(uint64) *sim.Engine) ([]byte, uint64) {
	t.Helper()
	defer func(old func(uint64) *sim.Engine) { newEngine = old }(newEngine)
	newEngine = mk
	var out bytes.Buffer
	x, err := Build(s, Options{Duration: min(s.Duration, 20*time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	if err := json.NewEncoder(&out).Encode(x.Report()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), x.Eng.Events()
}

// firstDiff shows the first differing line of a and b.
func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n  lane: %.300s\n  heap: %.300s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}
