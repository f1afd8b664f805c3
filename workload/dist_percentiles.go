package workload

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// A Point is one percentile of a distribution: a share P (0..100) of the
// values are at most V.
type Point struct {
	P float64       // percentile, 0..100
	V time.Duration // value at that percentile
}

// percentiles is a distribution given by some of its percentiles, linear in
// between: its quantile function is the piecewise-linear curve through the
// points, flat below the lowest and above the highest.
type percentiles struct {
	pts []Point
	r   *rand.Rand
}

// CheckPercentiles reports whether points can describe a distribution: at
// least one point, percentiles within [0, 100] and strictly increasing,
// values non-negative and non-decreasing.
func CheckPercentiles(points []Point) error {
	if len(points) == 0 {
		return errors.New("no percentile points")
	}
	for i, pt := range points {
		if !(pt.P >= 0 && pt.P <= 100) {
			return fmt.Errorf("percentile %v outside [0, 100]", pt.P)
		}
		if pt.V < 0 {
			return fmt.Errorf("p%v: negative value %v", pt.P, pt.V)
		}
		if i == 0 {
			continue
		}
		prev := points[i-1]
		if pt.P <= prev.P {
			return fmt.Errorf("percentiles must increase: p%v after p%v", pt.P, prev.P)
		}
		if pt.V < prev.V {
			return fmt.Errorf("values must not decrease: p%v=%v after p%v=%v", pt.P, pt.V, prev.P, prev.V)
		}
	}
	return nil
}

// NewPercentiles returns the distribution through the given percentile
// points, drawing from r by inverse-transform sampling: a uniform share u in
// [0, 100) maps to the value linearly interpolated between the two points
// around u. Shares below the lowest point give its value, shares above the
// highest give the highest value (so {p50: 80ms, p99: 600ms} is 80ms half of
// the time and never more than 600ms). It panics if CheckPercentiles refuses
// the points; the points are copied.
func NewPercentiles(points []Point, r *rand.Rand) Dist {
	if err := CheckPercentiles(points); err != nil {
		panic("workload: " + err.Error())
	}
	mustRand(r)
	return &percentiles{pts: append([]Point(nil), points...), r: r}
}

func (d *percentiles) Sample() time.Duration { return d.at(d.r.Float64() * 100) }

// at is the value at percentile u (0..100).
func (d *percentiles) at(u float64) time.Duration {
	pts := d.pts
	if u <= pts[0].P {
		return pts[0].V
	}
	// Binary search for the first point above u; the list is short, but a
	// 20-point table is sampled millions of times.
	lo, hi := 0, len(pts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if pts[m].P <= u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(pts) {
		return pts[len(pts)-1].V
	}
	a, b := pts[lo-1], pts[lo]
	f := (u - a.P) / (b.P - a.P)
	// The step is f*(b.V-a.V) with f < 1, at most the difference up to
	// float64 rounding; clamping it before the addition keeps the result
	// within [a.V, b.V], and so from wrapping, whatever the rounding.
	return a.V + min(nanos(f*float64(b.V-a.V)+0.5), b.V-a.V)
}

// Mean integrates the quantile curve: the flat tails plus each trapezoid.
func (d *percentiles) Mean() time.Duration {
	pts := d.pts
	first, last := pts[0], pts[len(pts)-1]
	s := first.P * float64(first.V)
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		s += (b.P - a.P) * (float64(a.V) + float64(b.V)) / 2
	}
	s += (100 - last.P) * float64(last.V)
	return nanos(s/100 + 0.5) // clamped: at the largest Duration s/100 rounds to 2^63
}

func (d *percentiles) Quantile(p float64) time.Duration {
	checkP(p)
	return d.at(p * 100)
}
