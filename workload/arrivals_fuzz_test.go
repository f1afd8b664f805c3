package workload

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzArrivals builds a process from random parameters and checks the
// Arrivals contract: no panic; times never decrease and are never
// negative; once ended it stays ended; a failure is ErrBadParameter or
// ErrNoProgress; and no call draws more random numbers than the guards
// allow (the step bound that stands in for "never hangs"). Run:
// go test ./workload -run '^$' -fuzz FuzzArrivals -fuzztime 3m
func FuzzArrivals(f *testing.F) {
	// Seeds: the shapes of the built-in scenarios, then the edges.
	f.Add(uint8(0), 10.0, 0.0, int64(0), int64(0))                            // constant 10/s
	f.Add(uint8(1), 200.0, 0.0, int64(0), int64(0))                           // poisson
	f.Add(uint8(2), 50.0, 100.0, int64(24*time.Hour), int64(6*time.Hour))     // diurnal-day
	f.Add(uint8(2), 20.0, 40.0, int64(40*time.Minute), int64(10*time.Minute)) // update-role-scaleout
	f.Add(uint8(3), 10.0, 5000.0, int64(time.Hour), int64(3*time.Minute))     // default burst
	f.Add(uint8(3), 0.0, 2.0, int64(3*time.Hour), int64(30*time.Minute))      // idle-reclaim
	f.Add(uint8(1), 1e9, 0.0, int64(0), int64(0))                             // MaxRate
	f.Add(uint8(2), 1.0, 1e9, int64(24*time.Hour), int64(6*time.Hour))        // deep trough
	f.Add(uint8(3), 0.0, 1e-300, int64(1), int64(1))                          // empty periods
	f.Add(uint8(0), math.NaN(), 0.0, int64(0), int64(0))                      // NaN
	f.Add(uint8(2), 1.0, 2.0, int64(math.MaxInt64), int64(math.MinInt64))     // extreme times
	f.Add(uint8(3), 1.0, 2.0, int64(math.MaxInt64), int64(math.MaxInt64-1))   // huge period
	f.Fuzz(func(t *testing.T, kind uint8, a, b float64, d1, d2 int64) {
		checkArrivalsContract(t, kind, a, b, d1, d2, 300)
	})
}

// checkArrivalsContract builds one process and drains up to calls arrivals
// from it, checking what FuzzArrivals promises.
func checkArrivalsContract(t *testing.T, kind uint8, a, b float64, d1, d2 int64, calls int) {
	t.Helper()
	r, src := countingRand(uint64(d1) ^ uint64(kind))
	var p Arrivals
	switch kind % 4 {
	case 0:
		p = NewConstant(a)
	case 1:
		p = NewPoisson(a, r)
	case 2:
		p = NewDiurnal(a, b, time.Duration(d1), time.Duration(d2), r)
	default:
		p = NewBurst(a, b, time.Duration(d1), time.Duration(d2), r)
	}
	last, ended := time.Duration(0), false
	for range calls {
		before := src.n
		at, ok := p.Next()
		if n := src.n - before; n > 4*maxRejections+16*maxStalls {
			t.Fatalf("one Next drew %d random numbers", n)
		}
		if !ok {
			ended = true
			continue
		}
		if ended {
			t.Fatal("an arrival after the end")
		}
		if at < last {
			t.Fatalf("arrival %v before %v", at, last)
		}
		last = at
	}
	if err := p.Err(); err != nil && !errors.Is(err, ErrBadParameter) && !errors.Is(err, ErrNoProgress) {
		t.Fatalf("unexpected error %v", err)
	}
}

// TestRandomArrivalParameters runs the FuzzArrivals contract on 3000
// generated parameter sets in every plain test run: rates log-uniform
// from 1e-300 to 1e12 per second (and 0, NaN, ±Inf, negative), periods and
// lengths log-uniform from 1ns to the largest Duration (and <= 0).
func TestRandomArrivalParameters(t *testing.T) {
	g := rand.New(rand.NewPCG(12, 3))
	rate := func() float64 {
		switch g.IntN(12) {
		case 0:
			return 0
		case 1:
			return []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, MaxRate}[g.IntN(5)]
		}
		return math.Pow(10, -300+312*g.Float64())
	}
	dur := func() int64 {
		if g.IntN(10) == 0 {
			return -g.Int64()
		}
		return int64(math.Min(math.Pow(2, 63*g.Float64()), math.MaxInt64))
	}
	for range 3000 {
		checkArrivalsContract(t, uint8(g.IntN(4)), rate(), rate(), dur(), dur(), 50)
	}
}
