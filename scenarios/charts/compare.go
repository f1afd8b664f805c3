package charts

import (
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarSeries is one metric (or one run) across the categories of a bar
// chart.
type BarSeries struct {
	Name   string
	Values []float64 // one per category; NaN: no bar
}

// Bars draws grouped bars: one group per category (say, a layout of
// `enisim compare`), one bar per series in each group.
func Bars(name, title, ylabel string, categories []string, series []BarSeries) *Chart {
	c := New(name, title, "", ylabel)
	grid(c.Plot)
	n := len(series)
	width := vg.Points(math.Max(8, math.Min(40, 360/float64(max(1, n*len(categories))))))
	top := 0.0
	for i, s := range series {
		vals := make(plotter.Values, len(categories))
		for j := range vals {
			if j < len(s.Values) && !math.IsNaN(s.Values[j]) && !math.IsInf(s.Values[j], 0) {
				vals[j] = s.Values[j]
				top = math.Max(top, vals[j])
			}
		}
		b, err := plotter.NewBarChart(vals, width)
		if err != nil {
			continue // only on empty values
		}
		b.Color = Color(i)
		b.LineStyle = draw.LineStyle{Color: Color(i), Width: 0}
		b.Offset = vg.Length(float64(i)-float64(n-1)/2) * width
		c.Plot.Add(b)
		c.Legend.Add(s.Name, b)
	}
	noData(c, len(series)*len(categories), "nothing to compare")
	if len(categories) > 0 {
		c.Plot.NominalX(categories...)
		c.Plot.X.Min, c.Plot.X.Max = -0.6, float64(len(categories))-0.4
	}
	c.Plot.Y.Min = 0
	if top > 0 {
		c.Plot.Y.Max = top * 1.08
	}
	c.Plot.Y.Tick.Marker = thousands{}
	return c
}

// SweepSeries is a metric against a swept parameter: Y at each X with a
// confidence interval [Lo, Hi] (Lo and Hi may be nil: no intervals).
type SweepSeries struct {
	Name      string
	X, Y      []float64
	Lo, Hi    []float64
	IntervalN string // what the interval is, for the caption, e.g. "95% CI"
}

// Sweep draws each series as a line with points and its confidence
// intervals as error bars.
func Sweep(name, title, xlabel, ylabel string, series []SweepSeries) *Chart {
	c := New(name, title, xlabel, ylabel)
	grid(c.Plot)
	for i, s := range series {
		n := min(len(s.X), len(s.Y))
		pts := make(plotter.XYs, 0, n)
		var errs plotter.YErrors
		for j := range n {
			if math.IsNaN(s.Y[j]) || math.IsNaN(s.X[j]) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.X[j], Y: s.Y[j]})
			lo, hi := 0.0, 0.0
			if j < len(s.Lo) && j < len(s.Hi) && !math.IsNaN(s.Lo[j]) && !math.IsNaN(s.Hi[j]) {
				lo, hi = math.Max(0, s.Y[j]-s.Lo[j]), math.Max(0, s.Hi[j]-s.Y[j])
			}
			errs = append(errs, struct{ Low, High float64 }{lo, hi})
		}
		if len(pts) == 0 {
			continue
		}
		l := line(pts, i, len(series), plotter.NoStep)
		l.LineStyle.Width = vg.Points(1.5)
		sc, _ := plotter.NewScatter(pts)
		sc.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		c.Plot.Add(l, sc)
		if len(s.Lo) > 0 {
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, errs})
			if err == nil {
				eb.LineStyle = draw.LineStyle{Color: Color(i), Width: vg.Points(1)}
				eb.CapWidth = vg.Points(6)
				c.Plot.Add(eb)
			}
		}
		c.Legend.Add(s.Name, l, sc)
	}
	noData(c, len(series), "nothing swept")
	c.Plot.Y.Tick.Marker = thousands{}
	return c
}
