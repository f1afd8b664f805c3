package serve

import (
	"strconv"
	"time"

	"github.com/enisim/enisim/sim"
)

// clock maps wall time to virtual time: virtual = base + speed x (wall -
// wallBase), rebased whenever the speed changes or the clock resumes, so a
// change never makes virtual time jump. Speed Max (0) does not follow the
// wall clock (see Session).
type clock struct {
	speed    float64
	paused   bool
	base     sim.Time
	wallBase time.Time
}

func newClock(speed float64, wall time.Time) clock {
	return clock{speed: speed, wallBase: wall}
}

func (c *clock) max() bool { return c.speed == Max }

// virtual is the clock's reading at wall time w.
func (c *clock) virtual(w time.Time) sim.Time {
	if c.paused || c.max() {
		return c.base
	}
	return c.base + sim.Time(float64(w.Sub(c.wallBase))*c.speed)
}

// rebase restarts the mapping at virtual time now (the engine's reading).
func (c *clock) rebase(now sim.Time, w time.Time) { c.base, c.wallBase = now, w }

// SpeedText is a speed as the flag and the view write it.
func SpeedText(speed float64) string {
	if speed == Max {
		return "max"
	}
	return strconv.FormatFloat(speed, 'g', -1, 64)
}

// ParseSpeed reads --speed: "max" or a positive number of virtual seconds
// per wall second, at most 1e6.
func ParseSpeed(s string) (float64, error) {
	if s == "max" {
		return Max, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || v > 1e6 {
		return 0, errSpeed(s)
	}
	return v, nil
}

type errSpeed string

func (e errSpeed) Error() string {
	return "speed " + strconv.Quote(string(e)) + ": want max or a number of virtual seconds per wall second, more than 0 and at most 1000000 (60: a minute passes in a second)"
}

// Pause stops the clock; calls still apply, at its reading.
func (ss *Session) Pause() {
	ss.Do(func() {
		if !ss.clock.paused {
			ss.pace()
			ss.clock.paused = true
		}
	})
}

// Resume restarts a paused clock from where it stands.
func (ss *Session) Resume() {
	ss.Do(func() {
		if ss.clock.paused {
			ss.clock.paused = false
			ss.clock.rebase(ss.now(), ss.opts.Wall())
		}
	})
}

// SetSpeed changes the speed from now on.
func (ss *Session) SetSpeed(speed float64) {
	ss.Do(func() {
		ss.pace()
		ss.clock.speed = speed
		ss.clock.rebase(ss.now(), ss.opts.Wall())
	})
}
