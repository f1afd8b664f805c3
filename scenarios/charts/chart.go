package charts

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart is one picture: a plot and its legend.
type Chart struct {
	// Name is the file stem, e.g. "enis" for enis.svg and enis.png.
	Name string
	// Title is the plot's title; Caption says what to look at.
	Title, Caption string
	// Width and Height are the picture's size.
	Width, Height vg.Length

	Plot   *plot.Plot
	Legend plot.Legend
}

// Default sizes.
const (
	Width  = 9 * vg.Inch
	Height = 4 * vg.Inch
	dpi    = 96
)

var (
	sans      = font.Font{Typeface: "Liberation", Variant: "Sans"}
	gridColor = color.Gray{Y: 225}
	refColor  = color.Gray{Y: 110}
)

// New returns an empty chart with enisim's fonts and grid.
func New(name, title, xlabel, ylabel string) *Chart {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, s := range []*font.Font{
		&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font,
	} {
		s.Typeface, s.Variant = sans.Typeface, sans.Variant
	}
	p.Title.TextStyle.Font.Size = 13
	p.Title.Padding = 6
	l := plot.NewLegend()
	l.TextStyle.Font = font.Font{Typeface: sans.Typeface, Variant: sans.Variant, Size: 10}
	l.Left = true
	l.Top = true
	l.ThumbnailWidth = 0.35 * vg.Inch
	l.Padding = 3
	return &Chart{Name: name, Title: title, Width: Width, Height: Height, Plot: p, Legend: l}
}

// legendWidth is the width of the strip the legend needs.
func (c *Chart) legendWidth() vg.Length {
	r := c.Legend.Rectangle(draw.Canvas{})
	w := r.Max.X - r.Min.X
	if w == 0 {
		return 0
	}
	return w + 0.25*vg.Inch
}

// Draw draws the chart on dc: the plot on the left, the legend in a strip
// on the right, top-aligned with the plot's data area.
func (c *Chart) Draw(dc draw.Canvas) {
	lw := c.legendWidth()
	c.Plot.Draw(draw.Crop(dc, 0, -lw, 0, 0))
	if lw > 0 {
		ld := draw.Crop(dc, dc.Max.X-dc.Min.X-lw+0.15*vg.Inch, 0, 0, -0.45*vg.Inch)
		c.Legend.Draw(ld)
	}
}

// SVG renders the chart as an SVG document.
func (c *Chart) SVG() (out []byte, err error) {
	defer recoverInto(&err, c.Name)
	cv := vgsvg.New(c.Width, c.Height)
	c.Draw(draw.New(cv))
	var b bytes.Buffer
	if _, err := cv.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// PNG renders the chart as a PNG image at 96 dpi.
func (c *Chart) PNG() (out []byte, err error) {
	defer recoverInto(&err, c.Name)
	cv := vgimg.NewWith(vgimg.UseWH(c.Width, c.Height), vgimg.UseDPI(dpi))
	c.Draw(draw.New(cv))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// recoverInto turns a panic of gonum/plot (it panics on, say, an empty
// log-scale range) into an error naming the chart.
func recoverInto(err *error, name string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("chart %s: %v", name, r)
	}
}
