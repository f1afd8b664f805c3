package workload

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// distTestRand is a fixed stream: every statistical test below is
// deterministic, and its tolerance is chosen so that it would also pass for
// (almost) any other seed.
func distTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0xd157)) }

// distSamples draws n samples and returns them sorted, with their mean in
// seconds.
func distSamples(d Dist, n int) ([]time.Duration, float64) {
	xs := make([]time.Duration, n)
	var sum float64
	for i := range xs {
		xs[i] = d.Sample()
		sum += xs[i].Seconds()
	}
	slices.Sort(xs)
	return xs, sum / float64(n)
}

// empiricalQuantile is the sample quantile of sorted xs (the smallest
// sample at or above a share p).
func empiricalQuantile(xs []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(xs)))) - 1
	return xs[min(max(i, 0), len(xs)-1)]
}

func TestDistSampleAllocatesNothing(t *testing.T) {
	r := distTestRand(1)
	mu, sigma := lognormalParams(80*time.Millisecond, 600*time.Millisecond)
	emp, err := readEmpirical("mem", strings.NewReader("1ms\n2ms\n3ms\n"), r)
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]Dist{
		"fixed":       Fixed(time.Second),
		"uniform":     NewUniform(time.Millisecond, time.Second, r),
		"exponential": NewExponential(time.Second, r),
		"lognormal":   NewLognormal(mu, sigma, r),
		"percentiles": NewPercentiles([]Point{{50, time.Millisecond}, {99, time.Second}}, r),
		"empirical":   emp,
	} {
		if a := testing.AllocsPerRun(1000, func() { d.Sample() }); a != 0 {
			t.Errorf("%s: %v allocations per Sample, want 0", name, a)
		}
	}
}

func TestFixed(t *testing.T) {
	d := Fixed(80 * time.Millisecond)
	if d.Sample() != 80*time.Millisecond || d.Mean() != 80*time.Millisecond || d.Quantile(0.99) != 80*time.Millisecond {
		t.Errorf("Fixed(80ms) = %v, mean %v, p99 %v", d.Sample(), d.Mean(), d.Quantile(0.99))
	}
	if got := Fixed(-time.Second).Sample(); got != 0 {
		t.Errorf("Fixed(-1s).Sample() = %v, want 0 (clamped)", got)
	}
}

// checkMean asserts the sample mean of n draws is within 4 standard errors
// of want: a false alarm has probability 6e-5.
func checkMean(t *testing.T, name string, d Dist, n int, want, sd time.Duration) {
	t.Helper()
	_, mean := distSamples(d, n)
	tol := 4 * sd.Seconds() / math.Sqrt(float64(n))
	if math.Abs(mean-want.Seconds()) > tol {
		t.Errorf("%s: sample mean %.6fs, want %v ± %.6fs (4 standard errors)", name, mean, want, tol)
	}
	if d.Mean() != want {
		t.Errorf("%s: Mean() = %v, want %v", name, d.Mean(), want)
	}
}

func TestUniform(t *testing.T) {
	d := NewUniform(10*time.Millisecond, 30*time.Millisecond, distTestRand(2))
	// The standard deviation of U[a,b] is (b-a)/√12.
	checkMean(t, "uniform", d, 200_000, 20*time.Millisecond, time.Duration(float64(20*time.Millisecond)/math.Sqrt(12)))
	xs, _ := distSamples(d, 10_000)
	if xs[0] < 10*time.Millisecond || xs[len(xs)-1] > 30*time.Millisecond {
		t.Errorf("uniform [10ms, 30ms] sampled %v..%v", xs[0], xs[len(xs)-1])
	}
	if q := d.Quantile(0.25); q != 15*time.Millisecond {
		t.Errorf("uniform Quantile(0.25) = %v, want 15ms", q)
	}
}

func TestExponential(t *testing.T) {
	d := NewExponential(50*time.Millisecond, distTestRand(3))
	// An exponential's standard deviation is its mean.
	checkMean(t, "exponential", d, 200_000, 50*time.Millisecond, 50*time.Millisecond)
	// Median = mean*ln 2, exactly (to the nanosecond).
	if q, want := d.Quantile(0.5), time.Duration(math.Round(0.05*math.Ln2*1e9)); q != want {
		t.Errorf("exponential Quantile(0.5) = %v, want %v", q, want)
	}
}

func TestLognormalFromMedianP99(t *testing.T) {
	median, p99 := 80*time.Millisecond, 600*time.Millisecond
	mu, sigma := lognormalParams(median, p99)
	d := NewLognormal(mu, sigma, distTestRand(4))
	// Analytic quantiles: equal up to float rounding (1µs is generous).
	if q := d.Quantile(0.5); absDur(q-median) > time.Microsecond {
		t.Errorf("Quantile(0.5) = %v, want %v", q, median)
	}
	if q := d.Quantile(0.99); absDur(q-p99) > time.Microsecond {
		t.Errorf("Quantile(0.99) = %v, want %v", q, p99)
	}
	// Sampled quantiles: the standard error of the sample p-quantile is
	// √(p(1-p)/n) / f(x_p), f the density; allow 4 of them.
	const n = 200_000
	xs, mean := distSamples(d, n)
	ln := distuv.LogNormal{Mu: mu, Sigma: sigma}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.5, median}, {0.99, p99}} {
		x := c.want.Seconds()
		se := math.Sqrt(c.p*(1-c.p)/n) / ln.Prob(x)
		got := empiricalQuantile(xs, c.p)
		if math.Abs(got.Seconds()-x) > 4*se {
			t.Errorf("sample p%v = %v, want %v ± %.3fms", 100*c.p, got, c.want, 4*se*1e3)
		}
	}
	// Mean exp(mu + sigma²/2); standard error sd/√n.
	if se := ln.StdDev() / math.Sqrt(n); math.Abs(mean-ln.Mean()) > 4*se {
		t.Errorf("sample mean %.6fs, want %.6fs ± %.6fs", mean, ln.Mean(), 4*se)
	}
}

func TestPercentilesReproduceInput(t *testing.T) {
	pts := []Point{
		{0, 20 * time.Millisecond}, {25, 50 * time.Millisecond}, {50, 80 * time.Millisecond},
		{75, 110 * time.Millisecond}, {90, 140 * time.Millisecond}, {99, 180 * time.Millisecond},
		{100, 200 * time.Millisecond},
	}
	const n = 200_000
	d := NewPercentiles(pts, distTestRand(5))
	xs, _ := distSamples(d, n)
	for i, pt := range pts {
		got := empiricalQuantile(xs, pt.P/100)
		tol := pt.V.Seconds() / 100 // the 1% asked for
		// The 1% is meaningful only if it is several standard errors: the
		// sample quantile's error is √(p(1-p)/n) times the quantile
		// curve's slope (steeper side). The points above were chosen so
		// that 1% >= 4 standard errors at each.
		p := pt.P / 100
		slope := 0.0
		if i > 0 {
			slope = max(slope, (pt.V-pts[i-1].V).Seconds()/((pt.P-pts[i-1].P)/100))
		}
		if i+1 < len(pts) {
			slope = max(slope, (pts[i+1].V-pt.V).Seconds()/((pts[i+1].P-pt.P)/100))
		}
		if se := math.Sqrt(p*(1-p)/n) * slope; tol < 4*se {
			t.Fatalf("test design: p%v: 1%% = %.3gs is under 4 standard errors (%.3gs)", pt.P, tol, 4*se)
		}
		if math.Abs(got.Seconds()-pt.V.Seconds()) > tol {
			t.Errorf("p%v: sampled %v, want %v ± 1%%", pt.P, got, pt.V)
		}
		if q := d.Quantile(p); q != pt.V {
			t.Errorf("Quantile(%v) = %v, want %v", p, q, pt.V)
		}
	}
}

func TestPercentilesClampAndMean(t *testing.T) {
	d := NewPercentiles([]Point{{50, 100 * time.Millisecond}, {90, 500 * time.Millisecond}}, distTestRand(6))
	xs, mean := distSamples(d, 100_000)
	if xs[0] != 100*time.Millisecond || xs[len(xs)-1] != 500*time.Millisecond {
		t.Errorf("samples span %v..%v, want 100ms..500ms (clamped outside p50..p90)", xs[0], xs[len(xs)-1])
	}
	// Mean = 0.5*100ms + 0.4*300ms + 0.1*500ms = 220ms exactly.
	if d.Mean() != 220*time.Millisecond {
		t.Errorf("Mean() = %v, want 220ms", d.Mean())
	}
	// The standard deviation is below 200ms (the range is 400ms), so 4
	// standard errors of the mean of 1e5 samples are under 2.6ms.
	if math.Abs(mean-0.220) > 0.0026 {
		t.Errorf("sample mean %.4fs, want 0.220s ± 2.6ms", mean)
	}
	if q := d.Quantile(0.7); q != 300*time.Millisecond {
		t.Errorf("Quantile(0.7) = %v, want 300ms (linear between p50 and p90)", q)
	}
}

func TestCheckPercentiles(t *testing.T) {
	for _, c := range []struct {
		pts  []Point
		want string
	}{
		{nil, "no percentile points"},
		{[]Point{{101, 1}}, "outside [0, 100]"},
		{[]Point{{50, -1}}, "negative value"},
		{[]Point{{50, 2}, {50, 3}}, "must increase"},
		{[]Point{{50, 3}, {90, 2}}, "must not decrease"},
	} {
		err := CheckPercentiles(c.pts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckPercentiles(%v) = %v, want an error containing %q", c.pts, err, c.want)
		}
	}
	if err := CheckPercentiles([]Point{{0, 0}, {100, 0}}); err != nil {
		t.Errorf("CheckPercentiles(flat) = %v", err)
	}
}

func TestEmpirical(t *testing.T) {
	path := filepath.Join(t.TempDir(), "durations.txt")
	os.WriteFile(path, []byte("# observed\n0.010\n20ms\n\n0.030 # slow one\n40ms\r\n"), 0o644)
	d, err := NewEmpirical(path, distTestRand(7))
	if err != nil {
		t.Fatal(err)
	}
	if d.Mean() != 25*time.Millisecond {
		t.Errorf("Mean() = %v, want 25ms", d.Mean())
	}
	if q := d.Quantile(0.5); q != 20*time.Millisecond {
		t.Errorf("Quantile(0.5) = %v, want 20ms", q)
	}
	seen := map[time.Duration]int{}
	for range 40_000 {
		seen[d.Sample()]++
	}
	// Each of the 4 values: Binomial(40000, 1/4), sd ≈ 87; 4 sd = 350.
	for _, v := range []time.Duration{10, 20, 30, 40} {
		if c := seen[v*time.Millisecond]; math.Abs(float64(c)-10_000) > 350 {
			t.Errorf("%v drawn %d times of 40000, want 10000 ± 350", v*time.Millisecond, c)
		}
	}
	if len(seen) != 4 {
		t.Errorf("drew %d distinct values, want 4", len(seen))
	}

	os.WriteFile(path, []byte("10ms\n\n12 apples\n"), 0o644)
	if _, err := NewEmpirical(path, distTestRand(7)); err == nil || !strings.Contains(err.Error(), path+":3:") {
		t.Errorf("malformed line: err = %v, want it to name %s:3", err, path)
	}
	os.WriteFile(path, []byte("# nothing\n"), 0o644)
	if _, err := NewEmpirical(path, distTestRand(7)); err == nil {
		t.Error("empty file accepted")
	}
}

func absDur(d time.Duration) time.Duration { return max(d, -d) }

// roundNanos must agree with math.Round everywhere below 2^63: at halves,
// one ulp either side of them, across every binade, and on random values.
func TestRoundNanosIsMathRound(t *testing.T) {
	check := func(x float64) {
		if x < 0 || x >= math.MaxInt64 {
			return
		}
		if got, want := roundNanos(x), time.Duration(math.Round(x)); got != want {
			t.Fatalf("roundNanos(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
	for e := -60; e < 63; e++ {
		for _, m := range []float64{1, 1.5, 2.5, 3.5, 1.25, 1.75} {
			x := math.Ldexp(m, e)
			for _, y := range []float64{x, x + 0.5, math.Floor(x) + 0.5} {
				check(y)
				check(math.Nextafter(y, 0))
				check(math.Nextafter(y, math.Inf(1)))
			}
		}
	}
	check(0.49999999999999994)
	r := rand.New(rand.NewPCG(5, 6))
	for range 1_000_000 {
		check(math.Ldexp(r.Float64(), r.IntN(64)))
	}
}
