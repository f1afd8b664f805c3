package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarsCI draws grouped bars as Bars does, with a whisker on each bar from
// lo[i][j] to hi[i][j] (series i, category j): a confidence interval of
// the mean the bar shows. A nil lo[i] or hi[i], a NaN bound, or fewer
// rows than series: no whisker. Whiskers are clipped at 0, the foot of
// the bars.
func BarsCI(name, title, ylabel string, categories []string, series []BarSeries, lo, hi [][]float64) *Chart {
	c := Bars(name, title, ylabel, categories, series)
	n := len(series)
	// The bar width and offsets of Bars.
	width := vg.Points(math.Max(8, math.Min(40, 360/float64(max(1, n*len(categories))))))
	top := 0.0
	for i, s := range series {
		if i >= len(lo) || i >= len(hi) || lo[i] == nil || hi[i] == nil {
			continue
		}
		w := whiskers{offset: vg.Length(float64(i)-float64(n-1)/2) * width, cap: width / 3,
			style: draw.LineStyle{Color: darker(i), Width: vg.Points(1.2)}}
		for j := range categories {
			if j >= len(s.Values) || j >= len(lo[i]) || j >= len(hi[i]) || bad(s.Values[j]) || bad(lo[i][j]) || bad(hi[i][j]) {
				continue
			}
			w.x = append(w.x, float64(j))
			w.lo = append(w.lo, math.Max(0, lo[i][j]))
			w.hi = append(w.hi, math.Max(0, hi[i][j]))
			top = math.Max(top, hi[i][j])
		}
		if len(w.x) > 0 {
			c.Plot.Add(w)
		}
	}
	if top*1.08 > c.Plot.Y.Max {
		c.Plot.Y.Max = top * 1.08
	}
	if c.Plot.Y.Max <= c.Plot.Y.Min {
		c.Plot.Y.Max = c.Plot.Y.Min + 1 // all zero: a unit axis, not [-1, 1]
	}
	return c
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// darker is series i's colour at 60%: whiskers stand out on their bar.
func darker(i int) color.RGBA {
	r, g, b, _ := Color(i).RGBA()
	return color.RGBA{uint8(r >> 8 * 6 / 10), uint8(g >> 8 * 6 / 10), uint8(b >> 8 * 6 / 10), 0xff}
}

// whiskers are vertical intervals with caps at category positions x,
// shifted by offset on the canvas (as a bar chart's Offset).
type whiskers struct {
	x, lo, hi   []float64
	offset, cap vg.Length
	style       draw.LineStyle
}

// Plot implements plot.Plotter.
func (w whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for k, x := range w.x {
		cx := trX(x) + w.offset
		y0, y1 := trY(w.lo[k]), trY(w.hi[k])
		c.StrokeLine2(w.style, cx, y0, cx, y1)
		c.StrokeLine2(w.style, cx-w.cap, y0, cx+w.cap, y0)
		c.StrokeLine2(w.style, cx-w.cap, y1, cx+w.cap, y1)
	}
}

// DecimalY labels the Y axis's ticks as decimals (0.25, 1.5), for values
// of a few units or less; the default labels of Bars and Sweep are whole
// numbers with thousands separators, which would print 0.5 as 1.
func (c *Chart) DecimalY() { c.Plot.Y.Tick.Marker = plot.DefaultTicks{} }
