package workload

import (
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// countingSource counts the random numbers a process draws: the work a
// call does, measured without a clock.
type countingSource struct {
	src rand.Source
	n   int
}

func (c *countingSource) Uint64() uint64 { c.n++; return c.src.Uint64() }

func countingRand(seed uint64) (*rand.Rand, *countingSource) {
	c := &countingSource{src: rand.NewPCG(seed, 99)}
	return rand.New(c), c
}

func TestBadParametersFailInsteadOfPanicking(t *testing.T) {
	r := distTestRand(1)
	nan, inf := math.NaN(), math.Inf(1)
	for name, a := range map[string]Arrivals{
		"constant NaN":           NewConstant(nan),
		"constant 2e9/s":         NewConstant(2e9),
		"poisson -1":             NewPoisson(-1, r),
		"poisson +Inf":           NewPoisson(inf, r),
		"diurnal peak < mean":    NewDiurnal(10, 5, time.Hour, 0, r),
		"diurnal period 0":       NewDiurnal(1, 2, 0, 0, r),
		"diurnal NaN mean":       NewDiurnal(nan, 2, time.Hour, 0, r),
		"burst for > every":      NewBurst(1, 2, time.Second, 2*time.Second, r),
		"burst every -1":         NewBurst(1, 2, -1, 0, r),
		"burst rate above limit": NewBurst(1, MaxRate*2, time.Second, time.Millisecond, r),
	} {
		if _, ok := a.Next(); ok || !errors.Is(a.Err(), ErrBadParameter) {
			t.Errorf("%s: ok=%v err=%v, want no arrival and ErrBadParameter", name, ok, a.Err())
		}
	}
	if a := NewPoisson(MaxRate, r); a.Err() != nil {
		t.Errorf("MaxRate itself is allowed: %v", a.Err())
	}
}

// At 1e9/s and t = 4e9 s the float64 spacing (4.8e-7 s) is 480 mean gaps:
// t+gap == t for almost every draw. Before the guard Next returned the
// same time for ever, so a run never passed its end.
func TestPoissonStallEnds(t *testing.T) {
	r, src := countingRand(2)
	p := &poisson{rate: MaxRate, t: 4e9, r: r}
	calls := 0
	for ; calls < 10*maxStalls; calls++ {
		if _, ok := p.Next(); !ok {
			break
		}
	}
	if !errors.Is(p.Err(), ErrNoProgress) || calls > 2*maxStalls {
		t.Fatalf("after %d calls (%d draws): err %v, want ErrNoProgress within %d calls", calls, src.n, p.Err(), 2*maxStalls)
	}
	if _, ok := p.Next(); ok {
		t.Error("a stalled process gave another arrival")
	}
	// Far from the stall the same rate runs normally.
	q := NewPoisson(MaxRate, distTestRand(3))
	for range 10_000 {
		if _, ok := q.Next(); !ok {
			t.Fatalf("1e9/s near t=0 ended: %v", q.Err())
		}
	}
}

func TestConstantCounterDoesNotWrap(t *testing.T) {
	c := &constant{rate: 1, k: math.MaxInt64}
	if at, ok := c.Next(); ok {
		t.Fatalf("arrival %v after the counter's last value", at)
	}
}

// A run starting in the diurnal trough, at a peak of 1e9/s: thinning alone
// drew 6h * 1e9 = 2e13 candidates before the first arrival.
func TestDiurnalInvertsWhereThinningStalls(t *testing.T) {
	r, src := countingRand(4)
	period := 24 * time.Hour
	// phase 6h puts t=0 at x=0.75, the trough; mean 1/s against an
	// amplitude of ~1e9 makes the zero stretch end at x = 1 - a with
	// a = asin(1/(1e9-1))/2π, i.e. 13.75 µs before t = 6h. From there
	// the rate rises by 2π*amp/period per second: the mass reaches an
	// Exp(1) draw E after sqrt(E*period/(π*amp)) = 5ms*sqrt(E).
	d := NewDiurnal(1, MaxRate, period, 6*time.Hour, r)
	at, ok := d.Next()
	if !ok {
		t.Fatalf("no arrival: %v", d.Err())
	}
	end := 6*time.Hour - time.Duration(math.Asin(1/(MaxRate-1))/(2*math.Pi)*period.Seconds()*1e9)
	if at < end || at > end+100*time.Millisecond || src.n > 3*maxRejections {
		t.Errorf("first arrival at %v after %d draws; want just after %v, in a few draws", at, src.n, end)
	}
	// Statistically: peak 300/s and mean 1e-6/s over a 2h period. The
	// count is the rate's integral, period * amp/π (+ mean*period/2,
	// negligible). Thinning needs about π random numbers per arrival
	// (1.57 candidates, two numbers each) where the rate is positive; the
	// zero stretch (1.08 million candidates) costs 2*maxRejections numbers
	// instead: about 3.3 in all, against 2π if it were thinned through.
	r2, src2 := countingRand(5)
	period = 2 * time.Hour
	ats := arrivalsUntil(t, NewDiurnal(1e-6, 300, period, 0, r2), period)
	want := period.Seconds() * 300 / math.Pi
	if math.Abs(float64(len(ats))-want) > 4*math.Sqrt(want) {
		t.Errorf("%d arrivals in a period, want %.0f ± %.0f", len(ats), want, 4*math.Sqrt(want))
	}
	if per := float64(src2.n) / float64(len(ats)); per > 4.5 {
		t.Errorf("%.2f random numbers per arrival; the zero stretch is thinned through", per)
	}
}

func TestBurstSkipsEmptyPeriods(t *testing.T) {
	// 1e-300/s in 1ns bursts every 1ns: an arrival is beyond any time.
	// Before the skip, one Next stepped through 2^63 periods.
	r, src := countingRand(6)
	b := NewBurst(0, 1e-300, time.Nanosecond, time.Nanosecond, r)
	if at, ok := b.Next(); ok || b.Err() != nil || src.n > 100 {
		t.Errorf("got %v, %v, err %v after %d draws; want the end in a few draws", at, ok, b.Err(), src.n)
	}
	// 0.001/s in 100ms bursts every second: 1e-4 expected per period, so
	// ~10,000 empty periods between arrivals. Over 1e7 s: 1000 arrivals,
	// all inside bursts, in O(1) draws each.
	r, src = countingRand(7)
	every, dur, T := time.Second, 100*time.Millisecond, time.Duration(1e7)*time.Second
	ats := arrivalsUntil(t, NewBurst(0, 0.001, every, dur, r), T)
	const want = 0.001 * 0.1 * 1e7
	if math.Abs(float64(len(ats))-want) > 4*math.Sqrt(want) {
		t.Errorf("%d arrivals, want %.0f ± %.0f", len(ats), want, 4*math.Sqrt(want))
	}
	for _, at := range ats {
		if at%every > dur {
			t.Fatalf("arrival at %v is outside a burst", at)
		}
	}
	if per := float64(src.n) / float64(len(ats)); per > 20 {
		t.Errorf("%.1f random numbers per arrival: empty periods are stepped through", per)
	}
	// With base > 0 the skip lands in the base segments too: base 1e-4/s,
	// burst 1e-3/s for 1s of every 10s: per period 1e-3 + 9e-4 expected.
	ats = arrivalsUntil(t, NewBurst(1e-4, 1e-3, 10*time.Second, time.Second, distTestRand(8)), T)
	in := 0
	for _, at := range ats {
		if at%(10*time.Second) < time.Second {
			in++
		}
	}
	wantAll, wantIn := 1.9e-3*1e6, 1e-3*1e6
	if math.Abs(float64(len(ats))-wantAll) > 4*math.Sqrt(wantAll) || math.Abs(float64(in)-wantIn) > 4*math.Sqrt(wantIn) {
		t.Errorf("%d arrivals (%d in bursts), want %.0f (%.0f)", len(ats), in, wantAll, wantIn)
	}
}

func TestDistributionsNearTheLargestDuration(t *testing.T) {
	const huge = time.Duration(math.MaxInt64)
	p := NewPercentiles([]Point{{P: 0, V: huge}}, distTestRand(9))
	if m := p.Mean(); m != huge {
		t.Errorf("percentiles at the largest duration: mean %v, want %v (float 2^63 wrapped)", m, huge)
	}
	// From 1ns to the largest: the difference rounds to 2^63 in float64;
	// interpolated values must stay ordered and in range.
	q := NewPercentiles([]Point{{P: 0, V: 1}, {P: 100, V: huge}}, distTestRand(10))
	last := time.Duration(0)
	for _, u := range []float64{0, 50, 99.999999, 99.9999999999999, 100} {
		v := q.Quantile(u / 100)
		if v < last || v > huge {
			t.Errorf("quantile %v = %v after %v", u, v, last)
		}
		last = v
	}
	if m := q.Mean(); m < huge/2-time.Second || m > huge/2+time.Second {
		t.Errorf("mean of 0..max = %v, want %v", m, huge/2)
	}
	e, err := readEmpirical("d.txt", strings.NewReader("9223372036854775807ns\n9223372036854775807ns\n"), distTestRand(11))
	if err == nil {
		if m := e.Mean(); m != huge {
			t.Errorf("empirical mean %v, want %v", m, huge)
		}
	} else if strings.Contains(err.Error(), "panic") {
		t.Error(err)
	}
}

// invertOnly drives a diurnal process by inversion alone.
type invertOnly struct{ *diurnal }

func (i invertOnly) Next() (time.Duration, bool) { return i.invert() }

// TestDiurnalInversionCounts checks invert on its own against the rate's
// integral, bin by bin, in the three shapes: never 0, touching 0 at the
// trough, clamped at 0 for a stretch.
func TestDiurnalInversionCounts(t *testing.T) {
	for i, c := range []struct{ mean, peak float64 }{{2.5, 4.5}, {2.5, 5}, {0.5, 2.5}} {
		period, phase, bin, bins := 2*time.Hour, 30*time.Minute, 10*time.Minute, 12
		d := NewDiurnal(c.mean, c.peak, period, phase, distTestRand(uint64(30+i))).(*diurnal)
		got := binCounts(arrivalsUntil(t, invertOnly{d}, time.Duration(bins)*bin), bin, bins)
		for b := range bins {
			want := 0.0
			for s := 0.0; s < bin.Seconds(); s++ {
				want += diurnalRate(c.mean, c.peak, period, phase, float64(b)*bin.Seconds()+s+0.5)
			}
			if tol := 4 * math.Sqrt(max(want, 1)); math.Abs(float64(got[b])-want) > tol {
				t.Errorf("mean %v peak %v: bin %d: %d arrivals, want %.0f ± %.0f", c.mean, c.peak, b, got[b], want, tol)
			}
		}
	}
}

// repeatReader yields the same line n times without holding them.
type repeatReader struct {
	line []byte
	n, i int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	w := 0
	for w < len(p) && r.i < r.n {
		c := copy(p[w:], r.line[r.off:])
		w, r.off = w+c, r.off+c
		if r.off == len(r.line) {
			r.off, r.i = 0, r.i+1
		}
	}
	if w == 0 {
		return 0, io.EOF
	}
	return w, nil
}

func TestEmpiricalObservationBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 10 million lines")
	}
	_, err := readEmpirical("big.txt", &repeatReader{line: []byte("1ms\n"), n: maxObservations + 1}, distTestRand(12))
	if err == nil || !strings.Contains(err.Error(), "big.txt:10000001: more than 10000000 durations") {
		t.Errorf("one line past the budget: %v", err)
	}
}
