package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/sim"
)

// Colours of the function states.
var (
	PendingColor    = color.RGBA{0xed, 0xc9, 0x48, 0xff}
	ActiveColor     = color.RGBA{0x59, 0xa1, 0x4f, 0xff}
	InactiveColor   = color.RGBA{0xba, 0xb0, 0xac, 0xff}
	FailedColor     = color.RGBA{0xe1, 0x57, 0x59, 0xff}
	InProgressColor = color.RGBA{0x4e, 0x79, 0xa7, 0xff}
	// A failed update is drawn as a dark red strip over the state: the
	// function stays Active on its old configuration.
	UpdateFailedColor = color.RGBA{0x8b, 0x1a, 0x1a, 0xff}
)

func stateColor(s eni.State) color.Color {
	switch s {
	case eni.Pending:
		return PendingColor
	case eni.Active:
		return ActiveColor
	case eni.Inactive:
		return InactiveColor
	}
	return FailedColor
}

// band is one filled rectangle in data coordinates.
type band struct {
	x0, x1, y0, y1 float64
	c              color.Color
}

// bands is a plotter of filled rectangles.
type bands struct {
	rs         []band
	xmax, ymax float64
}

func (b *bands) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range b.rs {
		pts := []vg.Point{
			{X: trX(r.x0), Y: trY(r.y0)}, {X: trX(r.x1), Y: trY(r.y0)},
			{X: trX(r.x1), Y: trY(r.y1)}, {X: trX(r.x0), Y: trY(r.y1)},
		}
		c.FillPolygon(r.c, c.ClipPolygonXY(pts))
	}
}

// add appends r, extending the band of the same row and colour that ends
// where r starts (adjacent rectangles leave an anti-aliased seam).
func (b *bands) add(r band) {
	for i := len(b.rs) - 1; i >= 0; i-- {
		q := &b.rs[i]
		if q.y0 == r.y0 && q.y1 == r.y1 {
			if q.c == r.c && q.x1 == r.x0 {
				q.x1 = r.x1
				return
			}
			break
		}
	}
	b.rs = append(b.rs, r)
}

func (b *bands) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, b.xmax, -0.5, b.ymax
}

// States draws each function's State over time as bands (Pending, Active,
// Inactive, Failed; nothing while it does not exist) from its exact
// history, with a thin band on top while LastUpdateStatus is InProgress,
// and a dark red one after an update failed.
func States(x *scenarios.Sim, u timeAxis, end sim.Time) *Chart {
	c := newTimeChart("states", "Function states", u, "")
	c.Caption = "Pending: invokes fail with ResourceConflictException while ENIs are created; InProgress: an UpdateFunctionConfiguration waits for new ENIs while the old configuration keeps serving; Inactive: idle ENIs reclaimed; Failed: no ENI could be created; a dark red strip: the last update failed (LastUpdateStatus Failed), the old configuration keeps serving."
	n := len(x.Funcs)
	c.Height = vg.Length(math.Max(2.2, 1.3+0.45*float64(n))) * vg.Inch
	b, ticks := stateBands(x, u, end)
	c.Plot.Add(b)
	c.Plot.Y.Tick.Marker = plot.ConstantTicks(ticks)
	c.Plot.Y.Min, c.Plot.Y.Max = -0.5, math.Max(0.5, float64(n)-0.5)
	c.Plot.X.Min, c.Plot.X.Max = 0, u.x(end)
	c.Plot.Y.Tick.Length = 0
	for _, s := range []struct {
		name string
		c    color.Color
	}{
		{"Pending", PendingColor}, {"Active", ActiveColor}, {"Inactive", InactiveColor},
		{"Failed", FailedColor}, {"LastUpdateStatus InProgress", InProgressColor},
		{"LastUpdateStatus Failed", UpdateFailedColor},
	} {
		c.Legend.Add(s.name, swatch{s.c})
	}
	return c
}

// stateBands are the bands of each function's history, a row each (the
// first function on top), and the row ticks naming them.
func stateBands(x *scenarios.Sim, u timeAxis, end sim.Time) (*bands, []plot.Tick) {
	n := len(x.Funcs)
	b := &bands{xmax: u.x(end), ymax: float64(n) - 0.5}
	var ticks []plot.Tick
	for i, f := range x.Funcs {
		y := float64(n - 1 - i)
		ticks = append(ticks, plot.Tick{Value: y, Label: f.Name})
		h := f.History
		for j, tr := range h {
			t1 := end
			if j+1 < len(h) {
				t1 = h[j+1].At
			}
			if t1 <= tr.At {
				continue
			}
			x0, x1 := u.x(tr.At), u.x(t1)
			if tr.Exists {
				b.add(band{x0, x1, y - 0.32, y + 0.32, stateColor(tr.State)})
			}
			if tr.Exists && tr.LastUpdate == eni.InProgress {
				b.rs = append(b.rs, band{x0, x1, y + 0.2, y + 0.42, InProgressColor})
			}
			if tr.Exists && tr.LastUpdate == eni.UpdateFailed {
				b.rs = append(b.rs, band{x0, x1, y + 0.2, y + 0.42, UpdateFailedColor})
			}
		}
	}
	return b, ticks
}

// cdfPoints is the most points a CDF line gets.
const cdfPoints = 400

// ColdStartCDF is the distribution of cold-start delays (arrival to the
// start of execution, ENI waits included) of each function.
func ColdStartCDF(x *scenarios.Sim) *Chart {
	c := New("coldstart", "Cold-start delay, CDF per function", "cold-start delay (s)", "share of cold starts")
	c.Caption = "Arrival (first attempt) to the start of execution: init, plus any wait for an ENI (a retried Pending function, or no room on any ENI)."
	grid(c.Plot)
	type curve struct {
		name   string
		xs, ps []float64
	}
	var curves []curve
	lo, hi := math.Inf(1), 0.0
	for i, f := range x.Funcs {
		xs, ps := x.Stats[i].ColdStartDelay.CDF(cdfPoints)
		if len(xs) == 0 {
			continue
		}
		curves = append(curves, curve{f.Name, xs, ps})
		for _, v := range xs {
			if v > 0 {
				lo = math.Min(lo, v)
			}
			hi = math.Max(hi, v)
		}
	}
	logx := hi > 0 && hi/lo > 50
	for i, cv := range curves {
		first := cv.xs[0]
		if logx {
			first = math.Max(first, lo)
		}
		pts := plotter.XYs{{X: first, Y: 0}}
		for j, v := range cv.xs {
			if logx {
				v = math.Max(v, lo)
			}
			pts = append(pts, plotter.XY{X: v, Y: cv.ps[j]})
		}
		l := line(pts, i, len(curves), plotter.PostStep)
		c.Plot.Add(chunked{l})
		c.Legend.Add(cv.name, l)
	}
	noData(c, len(curves), "no cold starts in this run")
	if logx {
		c.Plot.X.Scale = plot.LogScale{}
		c.Plot.X.Tick.Marker = plot.LogTicks{Prec: -1}
		c.Plot.X.Label.Text = "cold-start delay (s, log scale)"
	} else if len(curves) > 0 {
		c.Plot.X.Min = 0
	}
	c.Plot.Y.Min, c.Plot.Y.Max = 0, 1.02
	return c
}
