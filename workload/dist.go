package workload

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// A Dist is a distribution of durations: execution-environment start times,
// invocation durations, ENI creation delays.
//
// Sample never returns a negative duration, and draws only from the
// *rand.Rand the distribution was built with, allocating nothing.
type Dist interface {
	// Sample draws one duration.
	Sample() time.Duration
	// Mean is the expected value of Sample.
	Mean() time.Duration
	// Quantile is the duration below which a share p (0 <= p <= 1) of the
	// samples fall. It panics if p is outside [0, 1].
	Quantile(p float64) time.Duration
}

// maxSeconds is the largest number of seconds a time.Duration holds.
const maxSeconds = float64(math.MaxInt64) / 1e9

// secondsToDuration rounds s seconds to the nearest nanosecond, clamped to
// [0, the largest time.Duration]; NaN gives 0.
func secondsToDuration(s float64) time.Duration {
	switch {
	case !(s > 0): // also NaN
		return 0
	case s >= maxSeconds:
		return math.MaxInt64
	}
	return roundNanos(s * 1e9)
}

// roundNanos is time.Duration(math.Round(x)) for 0 <= x < 2^63, in integer
// steps: truncate, then add one when the dropped fraction is at least a
// half. x - float64(n) is exact (n is x with its fractional bits cleared),
// so this rounds half away from zero exactly as math.Round does, without
// its bit manipulation on the path of every sampled duration and arrival.
func roundNanos(x float64) time.Duration {
	n := int64(x)
	if x-float64(n) >= 0.5 {
		n++
	}
	return time.Duration(n)
}

func checkP(p float64) {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("workload: quantile %v outside [0, 1]", p))
	}
}

// fixed is a distribution with one value.
type fixed time.Duration

// Fixed returns the distribution whose every sample is d (0 if d is negative).
func Fixed(d time.Duration) Dist { return fixed(max(d, 0)) }

func (f fixed) Sample() time.Duration { return time.Duration(f) }
func (f fixed) Mean() time.Duration   { return time.Duration(f) }
func (f fixed) Quantile(p float64) time.Duration {
	checkP(p)
	return time.Duration(f)
}
func (f fixed) String() string { return time.Duration(f).String() }

// uniform is the continuous uniform distribution on [min, max].
type uniform struct {
	d distuv.Uniform // in seconds
	r *rand.Rand
}

// NewUniform returns the uniform distribution on [min, max], drawing from r.
// It panics unless 0 <= min <= max.
func NewUniform(min, max time.Duration, r *rand.Rand) Dist {
	if min < 0 || min > max {
		panic(fmt.Sprintf("workload: uniform needs 0 <= min <= max, got [%v, %v]", min, max))
	}
	mustRand(r)
	return &uniform{d: distuv.Uniform{Min: min.Seconds(), Max: max.Seconds()}, r: r}
}

func (u *uniform) Sample() time.Duration {
	return secondsToDuration(u.d.Min + u.r.Float64()*(u.d.Max-u.d.Min))
}
func (u *uniform) Mean() time.Duration { return secondsToDuration(u.d.Mean()) }
func (u *uniform) Quantile(p float64) time.Duration {
	checkP(p)
	return secondsToDuration(u.d.Quantile(p))
}

// exponential is the exponential distribution.
type exponential struct {
	d distuv.Exponential // Rate in 1/s
	r *rand.Rand
}

// NewExponential returns the exponential distribution of mean mean, drawing
// from r. It panics unless mean > 0.
func NewExponential(mean time.Duration, r *rand.Rand) Dist {
	if mean <= 0 {
		panic(fmt.Sprintf("workload: exponential needs mean > 0, got %v", mean))
	}
	mustRand(r)
	return &exponential{d: distuv.Exponential{Rate: 1 / mean.Seconds()}, r: r}
}

func (e *exponential) Sample() time.Duration {
	return secondsToDuration(e.r.ExpFloat64() / e.d.Rate)
}
func (e *exponential) Mean() time.Duration { return secondsToDuration(e.d.Mean()) }
func (e *exponential) Quantile(p float64) time.Duration {
	checkP(p)
	return secondsToDuration(e.d.Quantile(p))
}

// lognormal is the log-normal distribution of a duration in seconds.
type lognormal struct {
	d distuv.LogNormal // Mu, Sigma in log-seconds
	r *rand.Rand
}

// NewLognormal returns the distribution of exp(mu + sigma*Z) seconds, Z
// standard normal, drawing from r: its median is exp(mu) seconds. It panics
// if sigma is negative or either parameter is not finite.
func NewLognormal(mu, sigma float64, r *rand.Rand) Dist {
	if math.IsNaN(mu) || math.IsInf(mu, 0) || !(sigma >= 0) || math.IsInf(sigma, 0) {
		panic(fmt.Sprintf("workload: lognormal needs finite mu and sigma >= 0, got mu=%v sigma=%v", mu, sigma))
	}
	mustRand(r)
	return &lognormal{d: distuv.LogNormal{Mu: mu, Sigma: sigma}, r: r}
}

func (l *lognormal) Sample() time.Duration {
	return secondsToDuration(math.Exp(l.d.Mu + l.d.Sigma*l.r.NormFloat64()))
}
func (l *lognormal) Mean() time.Duration { return secondsToDuration(l.d.Mean()) }
func (l *lognormal) Quantile(p float64) time.Duration {
	checkP(p)
	if l.d.Sigma == 0 { // gonum's formula gives NaN at p = 0 or 1 when sigma = 0
		return secondsToDuration(math.Exp(l.d.Mu))
	}
	return secondsToDuration(l.d.Quantile(p))
}

// z99 is the 99th percentile of the standard normal distribution.
var z99 = distuv.UnitNormal.Quantile(0.99)

// lognormalParams returns the log-normal parameters (in log-seconds) whose
// median and 99th percentile are the given durations:
// mu = ln(median), sigma = (ln(p99) - ln(median)) / z0.99, where
// z0.99 ≈ 2.3263 is the standard normal 99th percentile. It panics unless
// 0 < median <= p99 (median == p99 gives sigma 0: a fixed value).
func lognormalParams(median, p99 time.Duration) (mu, sigma float64) {
	if median <= 0 || p99 < median {
		panic(fmt.Sprintf("workload: lognormal needs 0 < median <= p99, got median=%v p99=%v", median, p99))
	}
	mu = math.Log(median.Seconds())
	sigma = (math.Log(p99.Seconds()) - mu) / z99
	return mu, sigma
}

func mustRand(r *rand.Rand) {
	if r == nil {
		panic("workload: nil *rand.Rand (pass a stream from sim.NewStream)")
	}
}
