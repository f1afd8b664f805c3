package main

import (
	"fmt"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/sim"
)

// maxRunWall is the longest wall time a run may need. A run that, after
// progressQuiet, would need longer at the pace it has had so far is stopped
// with an error that says so: at 10^12 invokes a second, or for 10^5
// simulated days, it would otherwise run for years, silently.
const maxRunWall = 24 * time.Hour

// watch follows a run from inside the engine, so that progress shows (and
// a hopeless run stops) even while one slice of simulated time takes
// minutes. Its timer does not touch the model: it only reads the clock and
// the event count. Its period adapts to fire about every watchEvents model
// events, however busy the run.
type watch struct {
	x      *scenarios.Sim
	t      *sim.Timer
	period sim.Time
	seen   uint64 // the engine's events at the last firing
	fires  uint64 // the watch's own firings, not the model's events
	start  time.Time
	now    func() time.Time
	bar    progress
	err    error // set when the run is stopped for taking too long
}

const watchEvents = 1 << 18

func newWatch(x *scenarios.Sim, bar progress, now func() time.Time) *watch {
	w := &watch{x: x, bar: bar, now: now, start: now(), period: 1}
	w.t = sim.NewTimer(w.fire)
	w.t.SetPrio(127) // after the model's events of the same instant
	if x.End > 0 {
		x.Eng.Schedule(w.t, min(w.period, x.End))
	}
	return w
}

func (w *watch) fire() {
	w.fires++
	at := w.x.Eng.Now()
	n := w.x.Eng.Events() - w.seen
	w.seen = w.x.Eng.Events()
	switch {
	case n > 2*watchEvents && w.period > 1:
		w.period /= 2
	case n < watchEvents/2 && w.period < w.x.End:
		w.period = sim.Later(w.period, w.period)
	}
	frac := float64(at) / float64(w.x.End)
	w.bar.set(frac)
	if took := w.now().Sub(w.start); took >= progressQuiet && frac < 1 {
		if need := time.Duration(float64(took) / max(frac, 1e-12)); need > maxRunWall {
			w.err = fmt.Errorf("stopped: %s simulated of %s in %s of wall time (%d events); at this pace the run would take about %s: shorten --duration or lower the rates",
				seconds(sim.Seconds(at)), seconds(sim.Seconds(w.x.End)), took.Round(time.Second), w.seen, roundETA(need))
			w.x.Eng.Stop()
			return
		}
	}
	if next := sim.Later(at, w.period); next < w.x.End {
		w.x.Eng.Schedule(w.t, next)
	}
}
