package eni

import (
	"math/bits"

	"github.com/enisim/enisim/sim"
)

// Level is an integer quantity over simulated time (ENIs of a pool, IPs of
// a subnet, busy environments): it keeps the current value, the peak, and
// the area under the curve for time-weighted means.
//
// The area is kept exactly, in value x nanoseconds, as a 128-bit integer:
// a level of 100,000 over a year passes 2^63, and Add, called on every
// invocation's start and end, then costs an integer multiply and add
// instead of a conversion to floating-point seconds.
type Level struct {
	v    int64
	peak int64
	last sim.Time
	area wide // value x nanoseconds
}

// Add changes the level by d at time now.
func (l *Level) Add(now sim.Time, d int64) {
	l.area.addProduct(l.v, int64(now-l.last))
	l.last = now
	l.v += d
	if l.v > l.peak {
		l.peak = l.v
	}
}

// Value is the current level.
func (l *Level) Value() int64 { return l.v }

// Peak is the highest level reached.
func (l *Level) Peak() int64 { return l.peak }

// Mean is the time-weighted mean over [0, end].
func (l *Level) Mean(end sim.Time) float64 {
	if end <= 0 {
		return float64(l.v)
	}
	return l.Area(end) / end.Seconds()
}

// Area is the integral of the level over [0, now], in value x seconds:
// the difference of two areas over their interval is that interval's exact
// time-weighted mean, which is how time series stay consistent with the
// report's means.
func (l *Level) Area(now sim.Time) float64 {
	a := l.area
	a.addProduct(l.v, int64(now-l.last))
	return a.float() / 1e9
}

// wide is a signed 128-bit integer in two's complement.
type wide struct{ hi, lo uint64 }

// addProduct adds v x dt, dt >= 0.
func (w *wide) addProduct(v, dt int64) {
	hi, lo := bits.Mul64(uint64(v), uint64(dt))
	hi -= uint64(dt) & uint64(v>>63) // v < 0: its unsigned reading was v + 2^64
	var c uint64
	w.lo, c = bits.Add64(w.lo, lo, 0)
	w.hi += hi + c
}

// float is w rounded to a float64 (within one part in 2^52). A negative w
// is negated first: adding a large negative high word to a large low word
// would cancel.
func (w wide) float() float64 {
	if int64(w.hi) < 0 {
		lo, b := bits.Sub64(0, w.lo, 0)
		hi, _ := bits.Sub64(0, w.hi, b)
		return -wide{hi, lo}.float()
	}
	return float64(w.hi)*(1<<64) + float64(w.lo)
}
