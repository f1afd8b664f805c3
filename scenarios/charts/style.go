package charts

import (
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// palette is ten colours that stay apart in print and for the common
// colour-vision deficiencies (Tableau 10).
var palette = []color.RGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0x59, 0xa1, 0x4f, 0xff},
	{0xe1, 0x57, 0x59, 0xff}, {0x76, 0xb7, 0xb2, 0xff}, {0xed, 0xc9, 0x48, 0xff},
	{0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff}, {0x9c, 0x75, 0x5f, 0xff},
	{0xba, 0xb0, 0xac, 0xff},
}

// Color is the colour of series i.
func Color(i int) color.Color { return palette[i%len(palette)] }

// dashPatterns tell series apart without colour (in print, or for a
// reader who cannot tell two colours apart): solid, long dashes, dash-dot,
// dots, short dashes.
var dashPatterns = [][]vg.Length{
	nil,
	{vg.Points(9), vg.Points(4)},
	{vg.Points(9), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(2), vg.Points(3)},
	{vg.Points(4), vg.Points(4)},
}

// dashes of series i: each of five consecutive series has its own pattern,
// and the pattern cycle is offset against the colour cycle, so no two of
// the first fifty series share both colour and pattern.
func dashes(i int) []vg.Length {
	return dashPatterns[(i+i/len(palette))%len(dashPatterns)]
}

// line returns a line plotter for pts in the style of series i of n:
// earlier series are drawn wider, so series with equal values show as
// nested stripes instead of hiding each other.
func line(pts plotter.XYs, i, n int, step plotter.StepKind) *plotter.Line {
	l := &plotter.Line{XYs: pts, StepStyle: step}
	l.LineStyle = draw.LineStyle{
		Color:  Color(i),
		Width:  vg.Points(1.5 + 1.2*float64(n-1-i)),
		Dashes: dashes(i),
	}
	if n > 6 {
		l.LineStyle.Width = vg.Points(1.5 + 0.8*float64(n-1-i))
	}
	return l
}

// hline is a horizontal reference line at y over [x0, x1].
func hline(y, x0, x1 float64, c color.Color, dash []vg.Length) *plotter.Line {
	l := &plotter.Line{XYs: plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}}
	l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1), Dashes: dash}
	return l
}

// grid adds light grid lines behind the data.
func grid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = gridColor, gridColor
	p.Add(g)
}

// timeAxis is the unit a run's time axis is drawn in.
type timeAxis struct {
	div   float64 // seconds per unit
	label string
}

func timeUnit(end time.Duration) timeAxis {
	switch {
	case end <= 10*time.Minute:
		return timeAxis{1, "simulated time (s)"}
	case end <= 10*time.Hour:
		return timeAxis{60, "simulated time (min)"}
	case end <= 10*24*time.Hour:
		return timeAxis{3600, "simulated time (h)"}
	}
	return timeAxis{86400, "simulated time (days)"}
}

func (u timeAxis) x(t time.Duration) float64 { return t.Seconds() / u.div }

// newTimeChart is New for a chart over simulated time, with round ticks.
func newTimeChart(name, title string, u timeAxis, ylabel string) *Chart {
	c := New(name, title, u.label, ylabel)
	c.Plot.X.Tick.Marker = u.ticks()
	return c
}

// ticks marks the time axis at round clock steps, at most maxTimeTicks
// intervals: every 10 min on a 2 h run, every 2 h on a day.
func (u timeAxis) ticks() plot.Ticker { return timeTicks{u.div} }

type timeTicks struct{ div float64 }

const maxTimeTicks = 12

// timeSteps are the clock steps a time axis may use, in seconds.
var timeSteps = []float64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
	3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400}

func (t timeTicks) Ticks(min, max float64) []plot.Tick {
	span := (max - min) * t.div
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if span/s <= maxTimeTicks {
			step = s
			break
		}
	}
	step /= t.div // in axis units
	minor := step / 2
	var ts []plot.Tick
	for i := math.Ceil(min / minor); i*minor <= max+1e-9*step; i++ {
		v := i * minor
		tk := plot.Tick{Value: v}
		if math.Mod(i, 2) == 0 {
			tk.Label = strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
		}
		ts = append(ts, tk)
	}
	return ts
}

// intTicks marks whole numbers, at most about eight of them, for counts.
type intTicks struct{}

func (intTicks) Ticks(min, max float64) []plot.Tick {
	step := 1.0
	for (max-min)/step > 8 {
		switch s := strconv.FormatFloat(step, 'f', -1, 64)[0]; s {
		case '1', '5':
			step *= 2
		default:
			step *= 2.5
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

// thousands prints tick labels with thousands separators: 65,000. Below
// 1,000 the labels stay as they are, so an axis up to 0.3 reads 0.1, 0.2,
// 0.3 and not 0, 0, 0.
type thousands struct{}

func (thousands) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" && math.Abs(ts[i].Value) >= 1000 {
			ts[i].Label = group(int64(math.Round(ts[i].Value)))
		}
	}
	return ts
}

// group formats n with thousands separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// swatch is a legend thumbnail filled with one colour (state bands, bars).
type swatch struct{ c color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	h := r.Max.Y - r.Min.Y
	pts := []vg.Point{
		{X: r.Min.X, Y: r.Min.Y + 0.15*h}, {X: r.Max.X, Y: r.Min.Y + 0.15*h},
		{X: r.Max.X, Y: r.Max.Y - 0.15*h}, {X: r.Min.X, Y: r.Max.Y - 0.15*h},
	}
	c.FillPolygon(s.c, pts)
}

// steps thins a sample-and-hold series: a point equal to the one before
// adds nothing to a post-step line, except the last, which ends the line.
func steps(pts plotter.XYs) plotter.XYs {
	if len(pts) < 3 {
		return pts
	}
	out := plotter.XYs{pts[0]}
	for i := 1; i < len(pts)-1; i++ {
		if pts[i].Y != out[len(out)-1].Y {
			out = append(out, pts[i])
		}
	}
	return append(out, pts[len(pts)-1])
}

// flat thins a linear series: a point between two equal neighbours adds
// nothing.
func flat(pts plotter.XYs) plotter.XYs {
	if len(pts) < 3 {
		return pts
	}
	out := plotter.XYs{pts[0]}
	for i := 1; i < len(pts)-1; i++ {
		if pts[i].Y != pts[i-1].Y || pts[i].Y != pts[i+1].Y {
			out = append(out, pts[i])
		}
	}
	return append(out, pts[len(pts)-1])
}

// chunked draws a long line as pieces of at most chunkPoints points: the
// PNG rasteriser's time grows faster than linearly with a path's length
// (minutes for one 5,000-point step line), while SVG does not mind.
type chunked struct{ *plotter.Line }

const chunkPoints = 100

func (l chunked) Plot(c draw.Canvas, p *plot.Plot) {
	pts := l.XYs
	for i := 0; i < len(pts)-1; i += chunkPoints {
		part := *l.Line
		part.XYs = pts[i:min(i+chunkPoints+1, len(pts))]
		part.Plot(c, p)
	}
	if len(pts) == 1 {
		l.Line.Plot(c, p)
	}
}

// percentTicks marks 0, 20, ..., 100 %.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for v := 0.0; v <= 100; v += 10 {
		tk := plot.Tick{Value: v}
		if int(v)%20 == 0 {
			tk.Label = strconv.Itoa(int(v)) + "%"
		}
		ts = append(ts, tk)
	}
	return ts
}

// unlabelled is a ticker's marks without their labels.
type unlabelled struct{ plot.Ticker }

func (u unlabelled) Ticks(min, max float64) []plot.Tick {
	ts := u.Ticker.Ticks(min, max)
	for i := range ts {
		ts[i].Label = ""
	}
	return ts
}
