package workload

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// arrivalsUntil drains a up to end (inclusive) and checks times never
// decrease.
func arrivalsUntil(t *testing.T, a Arrivals, end time.Duration) []time.Duration {
	t.Helper()
	var out []time.Duration
	last := time.Duration(-1)
	for {
		at, ok := a.Next()
		if !ok {
			if err := a.Err(); err != nil {
				t.Fatalf("process failed: %v", err)
			}
			break
		}
		if at < last {
			t.Fatalf("arrival %d at %v is before the previous one at %v", len(out), at, last)
		}
		last = at
		if at > end {
			break
		}
		out = append(out, at)
	}
	return out
}

// binCounts counts arrivals per bin of width w over [0, n*w).
func binCounts(ats []time.Duration, w time.Duration, n int) []int {
	c := make([]int, n)
	for _, at := range ats {
		if i := int(at / w); i < n {
			c[i]++
		}
	}
	return c
}

func TestConstantExactCount(t *testing.T) {
	ats := arrivalsUntil(t, NewConstant(10), 60*time.Second)
	if len(ats) != 600 {
		t.Fatalf("10/s over (0, 60s]: %d arrivals, want exactly 600", len(ats))
	}
	if ats[0] != 100*time.Millisecond || ats[599] != 60*time.Second {
		t.Errorf("first %v, last %v; want 100ms and 60s", ats[0], ats[599])
	}
	// 3/s: gaps of 333333333 or 333333334 ns, and the 3000th exactly at 1000s.
	ats = arrivalsUntil(t, NewConstant(3), 1000*time.Second)
	if len(ats) != 3000 || ats[2999] != 1000*time.Second {
		t.Errorf("3/s over 1000s: %d arrivals, last at %v; want 3000, at 1000s", len(ats), ats[len(ats)-1])
	}
	if _, ok := NewConstant(0).Next(); ok {
		t.Error("rate 0 gave an arrival")
	}
}

func TestPoissonKolmogorovSmirnov(t *testing.T) {
	const rate, n = 50.0, 20_000
	a := NewPoisson(rate, distTestRand(10))
	gaps := make([]float64, n)
	last := time.Duration(0)
	for i := range gaps {
		at, _ := a.Next()
		gaps[i] = (at - last).Seconds()
		last = at
	}
	slices.Sort(gaps)
	// One-sample Kolmogorov–Smirnov statistic against Exp(rate).
	exp := distuv.Exponential{Rate: rate}
	d := 0.0
	for i, x := range gaps {
		f := exp.CDF(x)
		d = max(d, float64(i+1)/n-f, f-float64(i)/n)
	}
	// Critical value at alpha = 0.01 for large n: 1.628/√n (Kolmogorov's
	// asymptotic distribution; n = 20000 is well within its range). The
	// gaps are rounded to the nanosecond, 5e-8 of a mean gap: negligible.
	if crit := 1.628 / math.Sqrt(n); d > crit {
		t.Errorf("KS D = %.5f > %.5f (alpha 0.01): gaps are not Exp(%v)", d, crit, rate)
	}
	// And the count over an hour is Poisson(rate*3600): within 4 sigma.
	ats := arrivalsUntil(t, NewPoisson(rate, distTestRand(11)), time.Hour)
	if want := rate * 3600; math.Abs(float64(len(ats))-want) > 4*math.Sqrt(want) {
		t.Errorf("%d arrivals in an hour, want %v ± %.0f", len(ats), want, 4*math.Sqrt(want))
	}
}

// diurnalRate is the documented rate of NewDiurnal, written out again.
func diurnalRate(mean, peak float64, period, phase time.Duration, t float64) float64 {
	return max(0, mean+(peak-mean)*math.Sin(2*math.Pi*(t-phase.Seconds())/period.Seconds()))
}

// checkDiurnal compares the count in each bin with the integral of the rate
// over it, allowing 4 standard deviations of Poisson noise (√expected).
func checkDiurnal(t *testing.T, mean, peak float64, period, phase, bin time.Duration, bins int, seed uint64) {
	t.Helper()
	ats := arrivalsUntil(t, NewDiurnal(mean, peak, period, phase, distTestRand(seed)), time.Duration(bins)*bin)
	got := binCounts(ats, bin, bins)
	for i := range bins {
		// Midpoint rule with 1s steps: exact to well under one arrival.
		want := 0.0
		for s := 0.0; s < bin.Seconds(); s++ {
			want += diurnalRate(mean, peak, period, phase, float64(i)*bin.Seconds()+s+0.5)
		}
		if tol := 4 * math.Sqrt(max(want, 1)); math.Abs(float64(got[i])-want) > tol {
			t.Errorf("mean %v peak %v: bin %d: %d arrivals, want %.0f ± %.0f", mean, peak, i, got[i], want, tol)
		}
	}
}

func TestDiurnalHourlyCounts(t *testing.T) {
	// A day at 10/s on average, 18/s at 06:00, 2/s at 18:00.
	checkDiurnal(t, 10, 18, 24*time.Hour, 0, time.Hour, 24, 12)
	// Peak above twice the mean: the rate is clamped at 0 for a stretch.
	checkDiurnal(t, 2, 10, 2*time.Hour, 30*time.Minute, 10*time.Minute, 36, 13)
	// The average of the unclamped one over whole periods is the mean: 10/s
	// over 2 days, within 4 sigma.
	ats := arrivalsUntil(t, NewDiurnal(10, 18, 24*time.Hour, 3*time.Hour, distTestRand(14)), 48*time.Hour)
	if want := 10.0 * 48 * 3600; math.Abs(float64(len(ats))-want) > 4*math.Sqrt(want) {
		t.Errorf("diurnal over 2 periods: %d arrivals, want %.0f ± %.0f", len(ats), want, 4*math.Sqrt(want))
	}
}

func TestBurstTotals(t *testing.T) {
	const base, burst = 5.0, 50.0
	every, dur, T := 10*time.Minute, time.Minute, 6*time.Hour
	ats := arrivalsUntil(t, NewBurst(base, burst, every, dur, distTestRand(15)), T)
	// base*T + (burst-base)*(for/every)*T, a Poisson count: within 4 sigma.
	want := base*T.Seconds() + (burst-base)*(dur.Seconds()/every.Seconds())*T.Seconds()
	if tol := 4 * math.Sqrt(want); math.Abs(float64(len(ats))-want) > tol {
		t.Errorf("%d arrivals, want %.0f ± %.0f", len(ats), want, tol)
	}
	// Inside the bursts [k*every, k*every+for) the count is burst*36min.
	in := 0
	for _, at := range ats {
		if at%every < dur {
			in++
		}
	}
	if wantIn := burst * 36 * 60; math.Abs(float64(in)-wantIn) > 4*math.Sqrt(wantIn) {
		t.Errorf("%d arrivals inside bursts, want %.0f ± %.0f (bursts start at 0, every %v)", in, wantIn, 4*math.Sqrt(wantIn), every)
	}
	// Edge cases: no base (arrivals only in bursts), no burst level.
	for _, at := range arrivalsUntil(t, NewBurst(0, 100, time.Minute, time.Second, distTestRand(16)), time.Hour) {
		if at%time.Minute >= time.Second {
			t.Fatalf("base 0: arrival at %v, outside a burst", at)
		}
	}
	if _, ok := NewBurst(0, 0, time.Minute, time.Second, distTestRand(16)).Next(); ok {
		t.Error("all rates 0: got an arrival")
	}
}

func TestDeterminism(t *testing.T) {
	procs := map[string]func(seed uint64) Arrivals{
		"poisson": func(s uint64) Arrivals { return NewPoisson(100, distTestRand(s)) },
		"diurnal": func(s uint64) Arrivals { return NewDiurnal(100, 150, time.Hour, 0, distTestRand(s)) },
		"burst":   func(s uint64) Arrivals { return NewBurst(10, 1000, time.Minute, 5*time.Second, distTestRand(s)) },
		"per-minute poisson": func(s uint64) Arrivals {
			return NewPerMinuteTrace([]string{azureSample}, "", 1, SpreadPoisson, 1, distTestRand(s))
		},
	}
	for name, mk := range procs {
		a, b, c := arrivalsUntil(t, mk(1), time.Hour), arrivalsUntil(t, mk(1), time.Hour), arrivalsUntil(t, mk(2), time.Hour)
		if len(a) < 100 || !slices.Equal(a, b) {
			t.Errorf("%s: same seed, different sequences (%d and %d arrivals)", name, len(a), len(b))
		}
		if slices.Equal(a, c) {
			t.Errorf("%s: seeds 1 and 2 gave the same sequence", name)
		}
	}
}

// errArrivals fails after n arrivals at 1s, 2s, ...
type errArrivals struct{ n, i int }

var errTest = errors.New("broken trace")

func (e *errArrivals) Next() (time.Duration, bool) {
	if e.i == e.n {
		return 0, false
	}
	e.i++
	return time.Duration(e.i) * time.Second, true
}

func (e *errArrivals) Err() error {
	if e.i == e.n {
		return errTest
	}
	return nil
}

func TestSuperposeLimitShift(t *testing.T) {
	a := Superpose(NewConstant(1), Shift(NewConstant(2), 100*time.Millisecond), NewConstant(0))
	got := arrivalsUntil(t, Limit(a, 2*time.Second), time.Hour)
	want := []time.Duration{600 * time.Millisecond, time.Second, 1100 * time.Millisecond, 1600 * time.Millisecond, 2 * time.Second}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	s := Superpose(NewConstant(10), &errArrivals{n: 3})
	n := 0
	for {
		if _, ok := s.Next(); !ok {
			break
		}
		n++
	}
	// The failing process gives 1s, 2s, 3s and then fails, which Superpose
	// learns as it returns 3s; the 10/s one has given 0.1s..3s (30, its 3s
	// first: the earlier process wins a tie) by then: 30 + 3.
	if !errors.Is(s.Err(), errTest) || n != 33 {
		t.Errorf("superpose of a failing process: %d arrivals, err %v; want 33 and %v", n, s.Err(), errTest)
	}
	if at, ok := Shift(NewConstant(1), -1500*time.Millisecond).Next(); !ok || at != 500*time.Millisecond {
		t.Errorf("Shift by -1.5s: first arrival %v, %v; want 500ms", at, ok)
	}
}
