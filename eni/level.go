package eni

import "github.com/enisim/enisim/sim"

// Level is an integer quantity over simulated time (ENIs of a pool, IPs of
// a subnet, busy environments): it keeps the current value, the peak, and
// the area under the curve for time-weighted means.
type Level struct {
	v    int64
	peak int64
	last sim.Time
	area float64 // value x seconds
}

// Add changes the level by d at time now.
func (l *Level) Add(now sim.Time, d int64) {
	l.area += float64(l.v) * (now - l.last).Seconds()
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
	return l.area + float64(l.v)*(now-l.last).Seconds()
}
