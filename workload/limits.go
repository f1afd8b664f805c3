package workload

import "github.com/enisim/enisim/sim"

// bucket is the scaling-rate token bucket of one function: Burst tokens at
// most, refilled continuously at Rate per second; each new execution
// environment takes one.
type bucket struct {
	rate, burst float64
	tokens      float64
	last        sim.Time
}

func newBucket(rate, burst float64) bucket {
	return bucket{rate: rate, burst: burst, tokens: burst}
}

// take reports whether a token was available at now, and takes it.
func (b *bucket) take(now sim.Time) bool {
	b.tokens = min(b.burst, b.tokens+b.rate*(now-b.last).Seconds())
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// region is the account's concurrency: functions with reserved concurrency
// use their own share; the others share what is left.
type region struct {
	limit      int // concurrency of the Region
	reserved   int // sum of reservedConcurrency
	unreserved int // busy environments of functions without a reservation
}

// admit reports whether f may have one more busy environment.
func (r *region) admit(f *fn) bool {
	if f.Reserved >= 0 {
		return f.busy < f.Reserved
	}
	return r.unreserved < r.limit-r.reserved
}

func (r *region) add(f *fn, d int) {
	f.busy += d
	if f.Reserved < 0 {
		r.unreserved += d
	}
}
