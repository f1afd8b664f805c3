package charts

import (
	"bytes"
	"image/png"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/plan"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/scenarios/timeseries"
	"gonum.org/v1/plot/plotter"
)

// Time axes tick at round clock steps: every 10 min on a 2 h run, every
// 2 h on a day, every minute on 10 min.
func TestTimeTicks(t *testing.T) {
	for _, c := range []struct {
		end  time.Duration
		want []string
	}{
		{2 * time.Hour, []string{"0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100", "110", "120"}},
		{24 * time.Hour, []string{"0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20", "22", "24"}},
		{10 * time.Minute, []string{"0", "60", "120", "180", "240", "300", "360", "420", "480", "540", "600"}},
		{90 * time.Minute, []string{"0", "10", "20", "30", "40", "50", "60", "70", "80", "90"}},
	} {
		u := timeUnit(c.end)
		var got []string
		for _, tk := range u.ticks().Ticks(0, u.x(c.end)) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%v (%s): labels %v, want %v", c.end, u.label, got, c.want)
		}
	}
}

// A PNG is at least 1600 pixels wide; the layout is the SVG's (the same
// chart size in inches), only the pixel count follows the dpi.
func TestPNGWidth(t *testing.T) {
	x, rec := runBuiltin(t, "pending-block")
	c := ForRun(x, rec)[0]
	for dpi, want := range map[int]int{DefaultDPI: 1728, 96: 864} {
		b, err := c.PNGAt(dpi)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != want || cfg.Height != want*4/9 {
			t.Errorf("%d dpi: %dx%d, want %dx%d", dpi, cfg.Width, cfg.Height, want, want*4/9)
		}
	}
}

// Series differ in dash pattern as well as colour: no two of the first
// fifty share both, and among the first ten each five in a row have five
// patterns.
func TestSeriesStylesDistinct(t *testing.T) {
	seen := map[string]int{}
	for i := range 50 {
		k := strconv.Itoa(i%len(palette)) + "/" + strconv.Itoa((i+i/len(palette))%len(dashPatterns))
		if j, dup := seen[k]; dup {
			t.Errorf("series %d and %d share colour and dashes", j, i)
		}
		seen[k] = i
	}
	for i := 0; i+5 <= len(palette); i++ {
		pat := map[int]bool{}
		for j := i; j < i+5; j++ {
			pat[(j+j/len(palette))%len(dashPatterns)] = true
		}
		if len(pat) != 5 {
			t.Errorf("series %d..%d: %d dash patterns, want 5", i, i+4, len(pat))
		}
	}
}

// IPs are drawn as a share of each subnet's usable addresses: a full
// subnet reaches 100%, and the share is the report's peak over capacity.
func TestIPsAsShare(t *testing.T) {
	x, rec := runBuiltin(t, "subnet-exhaustion")
	rep := x.Report()
	u := timeUnit(x.Eng.Now())
	for i, s := range rec.Kind(timeseries.IPs) {
		peak := 0.0
		for _, p := range ipShares(rec, s, u) {
			peak = max(peak, p.Y)
		}
		sn := rep.Subnets[i]
		if want := 100 * float64(sn.PeakIPsUsed) / float64(sn.CapacityIPs); peak != want || peak > 100 {
			t.Errorf("%s: peak share %.2f%%, want %.2f%% (%d of %d)", s.ID, peak, want, sn.PeakIPsUsed, sn.CapacityIPs)
		}
	}
}

// When one function's peak concurrency dwarfs another's (the crawler's
// 1,500 against payments' ~10 in default), each gets a panel of its own
// scale; a single function gets one plot.
func TestConcurrencySmallMultiples(t *testing.T) {
	x, rec := runBuiltin(t, "default")
	c := ConcurrencyPerFunction(rec, timeUnit(x.Eng.Now()))
	if len(c.panels) != len(x.Funcs) {
		t.Errorf("default: %d panels, want one per function (%d)", len(c.panels), len(x.Funcs))
	}
	if _, err := c.SVG(); err != nil {
		t.Fatal(err)
	}
	x, rec = runBuiltin(t, "pending-block")
	if c := ConcurrencyPerFunction(rec, timeUnit(x.Eng.Now())); len(c.panels) != 0 {
		t.Errorf("pending-block: %d panels, want one plot", len(c.panels))
	}
}

// A failed update shows on the states chart: a LastUpdateStatus Failed
// strip from the failed call (5 min) to the end.
func TestStatesShowFailedUpdate(t *testing.T) {
	s, err := spec.Load("testdata/update-failed.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	if f := x.Funcs[0]; f.LastUpdate != eni.UpdateFailed {
		t.Fatalf("the update did not fail: %v", f.LastUpdate)
	}
	b, _ := stateBands(x, timeUnit(x.Eng.Now()), x.Eng.Now())
	var failed []band
	for _, r := range b.rs {
		if r.c == UpdateFailedColor {
			failed = append(failed, r)
		}
	}
	if len(failed) != 1 || failed[0].x0 < 300 || failed[0].x0 > 301 || failed[0].x1 != 600 {
		t.Errorf("failed-update strips %+v, want one from 300 s to 600 s", failed)
	}
}

// Lines of a sweep named after long values that share a beginning get
// names that differ (they were both `vpcConfig="SubnetIds=subnet-a,subnet-...`).
func TestSweepLineNamesDistinct(t *testing.T) {
	dims := []plan.Dim{{Path: "functions.orders.vpcConfig", Values: []string{
		`"SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-app"`, `"SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-orders"`}}}
	got := lineNames(dims, 2, "layouts")
	want := []string{"vpcConfig=...SecurityGroupIds=sg-app", "vpcConfig=...SecurityGroupIds=sg-orders"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	short := lineNames([]plan.Dim{{Path: "hyperplane.creationDelay", Values: []string{"30s", "90s"}}}, 2, "x")
	if !slices.Equal(short, []string{"creationDelay=30s", "creationDelay=90s"}) {
		t.Errorf("short values changed: %q", short)
	}
}

// A series with the same values as another stays visible: earlier series
// are drawn wider, so equal lines show as nested stripes of different
// colours and dashes.
func TestEqualSeriesNest(t *testing.T) {
	for _, n := range []int{2, 6, 9} {
		for i := 1; i < n; i++ {
			a, b := line(nil, i-1, n, 0), line(nil, i, n, 0)
			if !(a.LineStyle.Width > b.LineStyle.Width) {
				t.Errorf("n=%d: series %d (%v) not wider than series %d (%v)", n, i-1, a.LineStyle.Width, i, b.LineStyle.Width)
			}
			if a.LineStyle.Color == b.LineStyle.Color || slices.Equal(a.LineStyle.Dashes, b.LineStyle.Dashes) {
				t.Errorf("n=%d: series %d and %d share a colour or dashes", n, i-1, i)
			}
		}
	}
}

// Count axes keep their decimals below 1,000 (a concurrency axis up to
// 0.3 once read 0, 0, 0) and group thousands above.
func TestThousandsTicks(t *testing.T) {
	var small, big []string
	for _, tk := range (thousands{}).Ticks(0, 0.3) {
		if tk.Label != "" {
			small = append(small, tk.Label)
		}
	}
	for _, tk := range (thousands{}).Ticks(0, 130000) {
		if tk.Label != "" {
			big = append(big, tk.Label)
		}
	}
	distinct := map[string]bool{}
	for _, l := range small {
		distinct[l] = true
	}
	if len(small) < 3 || len(distinct) != len(small) || !slices.Contains(small, "0.3") || !slices.Contains(big, "120,000") {
		t.Errorf("labels %q and %q", small, big)
	}
}

// Rebinning interval means keeps their integral: 1,200 intervals of 0.5 s
// alternating 0.2 and 0 become 300 of 2 s at 0.1 (a function invoked
// once a second for 100 ms), the same area.
func TestRebinKeepsIntegral(t *testing.T) {
	pts := plotter.XYs{{X: 0, Y: 0}}
	for i := 1; i <= 1200; i++ {
		pts = append(pts, plotter.XY{X: 0.5 * float64(i), Y: 0.2 * float64(i%2)})
	}
	area := func(p plotter.XYs) float64 {
		a := 0.0
		for i := 1; i < len(p); i++ {
			a += p[i].Y * (p[i].X - p[i-1].X)
		}
		return a
	}
	got := rebin(pts, 300)
	if len(got) != 301 || math.Abs(area(got)-area(pts)) > 1e-9 || got[len(got)-1].X != 600 {
		t.Errorf("%d points, area %v (was %v), ends at %v", len(got), area(got), area(pts), got[len(got)-1].X)
	}
	for _, p := range got[1:] {
		if math.Abs(p.Y-0.1) > 1e-9 {
			t.Fatalf("bin %v: mean %v, want 0.1", p.X, p.Y)
		}
	}
}
