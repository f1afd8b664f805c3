package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios/spec"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Statistical checks of the execution-environment model against
// computations made here, independently of the simulator, and against the
// published measurements of docs/aws-behaviour.md.

// solo is a scenario of one function outside any VPC with the default
// environment settings (keepAlive 10m, reaperSlack uniform 0-1m, ...).
func solo(duration time.Duration, arrivals spec.Arrivals) *spec.Scenario {
	s := base()
	s.VPCs = nil
	s.Hyperplane = spec.DefaultHyperplane()
	s.Duration = duration
	f := spec.NewFunction("solo")
	f.Duration = spec.Dist{Kind: "fixed", Value: 10 * time.Millisecond}
	f.Arrivals = []spec.Arrivals{arrivals}
	s.Functions = []spec.Function{f}
	return s
}

// With Poisson arrivals of rate λ, a function that never needs a second
// environment is cold exactly when the gap before a request exceeds
// keepAlive K plus the reaper's slack U ~ uniform[0, S]:
// P(cold) = E[exp(-λ(K+U))] = (exp(-λK) - exp(-λ(K+S))) / (λS).
func TestColdProbabilityFunctionKeepAlive(t *testing.T) {
	const K, S = 10 * time.Minute, time.Minute
	for _, mean := range []time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute} {
		t.Run(mean.String(), func(t *testing.T) {
			lambda := 1 / mean.Seconds()
			s := solo(20000*mean, spec.Arrivals{Process: "poisson", Rate: lambda})
			s.Functions[0].MaxLifetime = spec.Dist{} // lifetime replacements would add cold starts
			f := run(t, s).Functions[0]
			k, sl := K.Seconds(), S.Seconds()
			want := (math.Exp(-lambda*k) - math.Exp(-lambda*(k+sl))) / (lambda * sl)
			n := float64(f.Invocations - 1) // the first request is cold whatever the gap
			got := float64(f.ColdStarts-1) / n
			se := math.Sqrt(want * (1 - want) / n)
			if math.Abs(got-want) > 4*se+1e-3 {
				t.Errorf("P(cold) %.4f over %v requests, want %.4f ± %.4f (4 standard errors)", got, n, want, 4*se)
			}
			// A request that arrives within 10 ms of the previous one needs a
			// second environment (new): about λ x 10 ms x 20,000 = 0.2 to 2
			// times per run.
			if c := f.ColdStartsBy; c.New < 1 || c.New > 6 || c.New+c.Expired != f.ColdStarts {
				t.Errorf("causes %+v of %d cold starts; want a few new, the rest expired", c, f.ColdStarts)
			}
			t.Logf("P(cold) %.4f, want %.4f", got, want)
		})
	}
}

// One environment busy every 10 s for a day, in each of 50 functions:
// its lifetimes L_i ~ uniform[110m, 125m] form a renewal process, so the
// replacements expected in t are E N(t) = sum_k P(L_1+...+L_k <= t),
// computed with the normal approximation of the sum (12 terms: the
// Irwin-Hall sum is close to normal). That is a little less than
// day / mean lifetime (12.26): the last, unfinished lifetime counts for
// nothing.
func TestLifetimeReplacementsOverADay(t *testing.T) {
	const funcs = 50
	day := 24 * time.Hour
	s := solo(day, spec.Arrivals{Process: "constant", Rate: 0.1})
	proto := s.Functions[0]
	proto.Duration = spec.Dist{Kind: "fixed", Value: 5 * time.Second}
	s.Functions = nil
	for i := range funcs {
		f := proto
		f.Name = fmt.Sprintf("busy-%02d", i)
		s.Functions = append(s.Functions, f)
	}
	r := run(t, s)
	var replacements, replacedCold int64
	for _, f := range r.Functions {
		replacements += f.Replacements
		replacedCold += f.ColdStartsBy.Replaced
		if f.Environments.Peak != 1 {
			t.Fatalf("%s: %d environments at the peak, want 1", f.Name, f.Environments.Peak)
		}
	}
	lo, hi := (110 * time.Minute).Seconds(), (125 * time.Minute).Seconds()
	mu, sigma := (lo+hi)/2, (hi-lo)/math.Sqrt(12)
	tt := (day - 10*time.Second).Seconds() // the first environment starts at the first request
	var perFunc, variance float64
	for k := 1; float64(k)*lo <= tt; k++ {
		p := distuv.UnitNormal.CDF((tt - float64(k)*mu) / (sigma * math.Sqrt(float64(k))))
		perFunc += p
		variance += p * (1 - p) // N(t) moves between two neighbouring values
	}
	want := funcs * perFunc
	tol := math.Max(4*math.Sqrt(funcs*variance), 3)
	if math.Abs(float64(replacements)-want) > tol {
		t.Errorf("%d replacements in a day, want %.1f ± %.1f (day / mean lifetime: %.1f)", replacements, want, tol, funcs*day.Seconds()/mu)
	}
	if naive := funcs * day.Seconds() / mu; math.Abs(float64(replacements)-naive)/naive > 0.05 {
		t.Errorf("%d replacements, more than 5%% from day / mean lifetime %.1f", replacements, naive)
	}
	// Each replacement is seen by the next request, at most 10 s later.
	t.Logf("%d replacements, want %.1f ± %.1f; day/mean %.1f", replacements, want, tol, funcs*day.Seconds()/mu)
	if replacedCold < replacements-funcs || replacedCold > replacements {
		t.Errorf("%d cold starts of cause replaced for %d replacements", replacedCold, replacements)
	}
}

// The deletion delay of unused ENIs follows the configured distribution:
// 400 functions, each alone on its subnet, are deleted at 5 min, and the
// times their ENIs go are compared with the lognormal of the contract's
// median 10 min and p99 35 min by a Kolmogorov-Smirnov test.
func TestDeleteDelayMatchesDistribution(t *testing.T) {
	const n = 400
	s := base()
	s.Hyperplane.DeleteDelay = spec.DefaultHyperplane().DeleteDelay
	v := &s.VPCs[0]
	v.ENIQuota, v.Subnets = n, nil
	s.Functions = nil
	for i := range n {
		id := fmt.Sprintf("subnet-%03d", i)
		cidr := fmt.Sprintf("10.%d.%d.0/28", 10+i/256, i%256)
		v.Subnets = append(v.Subnets, spec.Subnet{ID: id, AZ: "us-east-1a", CIDR: netip.MustParsePrefix(cidr)})
		f := fn("f"+id, 0, id)
		f.Arrivals = nil
		s.Functions = append(s.Functions, f)
		s.Timeline = append(s.Timeline, spec.Action{At: 5 * time.Minute, Action: "DeleteFunction", Function: f.Name})
	}
	s.Duration = 24 * time.Hour
	x, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var delays []float64
	for deleted := 0; x.Eng.Step(); {
		if x.Model.Deleted > deleted {
			deleted = x.Model.Deleted
			delays = append(delays, (x.Eng.Now() - 5*time.Minute).Seconds())
		}
	}
	if len(delays) != n {
		t.Fatalf("%d ENIs deleted, want %d", len(delays), n)
	}
	// The reference: 100,000 draws of the lognormal whose median and p99
	// are the contract's, by gonum from a source of its own.
	mu := math.Log(600)
	ref := distuv.LogNormal{Mu: mu, Sigma: (math.Log(2100) - mu) / distuv.UnitNormal.Quantile(0.99), Src: rand.NewPCG(1, 2)}
	const m = 100000
	want := make([]float64, m)
	for i := range want {
		want[i] = ref.Rand()
	}
	slices.Sort(delays)
	slices.Sort(want)
	d := stat.KolmogorovSmirnov(delays, nil, want, nil)
	// The two-sample critical value at alpha = 0.001 is
	// 1.95 sqrt((n+m)/(n m)).
	if crit := 1.95 * math.Sqrt(float64(n+m)/float64(n*m)); d > crit {
		t.Errorf("KS distance %.4f > %.4f: deletion delays do not follow lognormal(10m, p99 35m)", d, crit)
	}
	if p99 := stat.Quantile(0.99, stat.Empirical, delays, nil); p99 < 25*60 || p99 > 50*60 {
		t.Errorf("sample p99 %.0f s, want about 35 min", p99)
	}
}

// Shilkov's per-minute measurements of P(cold) after an idle gap
// (docs/aws-behaviour.md#keep-alive): 0.01-0.06 for gaps of 5-9 min,
// 0.52-0.81 in minute 10, at least 0.997 after 11 min. Each bucket is a
// scenario whose requests come after gaps drawn uniformly from that
// minute. Tolerances come from the source's own spread over three dates,
// widened by the sampling error of 1,500 requests (about 0.013):
//   - 5-9 min: at most 0.10. The model has no expiry then; its cold
//     starts are lifetime replacements, one per lifetime, so about
//     gap / mean lifetime (0.05 at 6 min, 0.08 at 9.5 min): the top of
//     the measured range, a little above it at 9 min.
//   - minute 10: 0.40 to 0.85. A uniform slack of 0-1 min gives 0.50 on
//     gaps spread over the minute; the measurements (0.52, 0.74, 0.81)
//     put more of the reaper's runs early in the minute. This is a
//     mismatch to note (the slack is taken from the facts, not fitted).
//   - 11 min and more: at least 0.99.
func TestColdProbabilityByIdleMinute(t *testing.T) {
	for _, c := range []struct {
		minute int
		lo, hi float64
	}{{5, 0, 0.10}, {7, 0, 0.10}, {9, 0, 0.10}, {10, 0.40, 0.85}, {11, 0.99, 1}, {13, 0.99, 1}} {
		t.Run(fmt.Sprintf("minute %d", c.minute), func(t *testing.T) {
			const n = 1500
			rng := rand.New(rand.NewPCG(uint64(c.minute), 7))
			var b strings.Builder
			at := time.Duration(0)
			for range n + 1 {
				at += time.Duration((float64(c.minute) + rng.Float64()) * float64(time.Minute))
				fmt.Fprintf(&b, "%.3f\n", at.Seconds())
			}
			path := filepath.Join(t.TempDir(), "gaps.txt")
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			s := solo(at+time.Minute, spec.Arrivals{Process: "trace", Files: []string{path}, Format: "timestamps"})
			f := run(t, s).Functions[0]
			got := float64(f.ColdStarts-1) / float64(f.Invocations-1)
			t.Logf("minute %d: P(cold) %.3f, causes %+v", c.minute, got, f.ColdStartsBy)
			if f.Invocations != n+1 || got < c.lo || got > c.hi {
				t.Errorf("P(cold) %.3f over %d requests after a gap in minute %d; want %.2f to %.2f (causes %+v)",
					got, f.Invocations-1, c.minute, c.lo, c.hi, f.ColdStartsBy)
			}
		})
	}
}

// The 2019 (pre-Hyperplane) VPC cold starts of a Node.js hello world had
// medians of 5.9, 6.7 and 8.3 s (Feb, Apr, Jun 2019) and p97.5 of 16-19 s,
// against 0.2-0.3 s without a VPC (docs/aws-behaviour.md#legacy-model).
// Requests 2 h apart find their environment and its ENI gone, so every
// cold start sets up a new legacy ENI: the cold-start median must fall in
// the range of the three measured medians (month-to-month spread, far
// wider than the sampling error of 2,000 cold starts), and the measured
// p97.5 range must overlap [p95, p99].
func TestLegacyColdStartMedians(t *testing.T) {
	s := solo(4000*time.Hour, spec.Arrivals{Process: "constant", Rate: 1.0 / 7200})
	s.Hyperplane.Model = "per-environment"
	s.VPCs = base().VPCs
	f := &s.Functions[0]
	f.VPCConfig = &spec.VPCConfig{SubnetIDs: []string{"subnet-a"}, SecurityGroupIDs: []string{"sg-app"}}
	f.Init = spec.Dist{Kind: "fixed", Value: 250 * time.Millisecond} // the non-VPC cold start
	r := run(t, s)
	cs := r.Functions[0].ColdStartDelay
	t.Logf("cold starts %d, delay %+v", r.Functions[0].ColdStarts, cs)
	if n := r.Functions[0].ColdStarts; n < 1990 {
		t.Fatalf("%d cold starts, want about 2000", n)
	}
	if cs.P50 < 5.9 || cs.P50 > 8.3 {
		t.Errorf("cold-start median %.2f s, want within the measured 5.9-8.3 s", cs.P50)
	}
	if cs.P95 > 19 || cs.P99 < 16 {
		t.Errorf("cold-start p95 %.1f s, p99 %.1f s: the measured p97.5 (16-19 s) is not between them", cs.P95, cs.P99)
	}
}
