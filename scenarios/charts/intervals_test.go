package charts

import (
	"bytes"
	"math"
	"testing"
)

// BarsCI draws Bars with whiskers: the Y axis makes room for the upper
// bounds, a missing interval draws nothing, and all-zero data gets a unit
// axis instead of [-1, 1].
func TestBarsCI(t *testing.T) {
	series := []BarSeries{{Name: "base", Values: []float64{2, 0.5}}, {Name: "one-sg-each", Values: []float64{8, math.NaN()}}}
	lo := [][]float64{{1, -0.2}, nil}
	hi := [][]float64{{12, 1.2}, nil}
	c := BarsCI("ci", "ENIs", "ENIs", []string{"peak", "mean"}, series, lo, hi)
	if c.Plot.Y.Min != 0 || math.Abs(c.Plot.Y.Max-12*1.08) > 1e-9 {
		t.Errorf("Y axis [%g, %g], want [0, %g]", c.Plot.Y.Min, c.Plot.Y.Max, 12*1.08)
	}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, want := range []string{"ENIs", "peak", "mean", "base", "one-sg-each"} {
		if !contains(texts, want) {
			t.Errorf("no %q in %q", want, texts)
		}
	}
	again, _ := BarsCI("ci", "ENIs", "ENIs", []string{"peak", "mean"}, series, lo, hi).SVG()
	if !bytes.Equal(svg, again) {
		t.Error("two renderings differ")
	}
	c.DecimalY()
	if _, err := c.PNG(); err != nil {
		t.Fatal(err)
	}

	zero := BarsCI("zero", "errors", "invokes", []string{"errors"}, []BarSeries{{Name: "a", Values: []float64{0}}}, [][]float64{{0}}, [][]float64{{0}})
	if zero.Plot.Y.Min != 0 || zero.Plot.Y.Max != 1 {
		t.Errorf("all zero: Y axis [%g, %g], want [0, 1]", zero.Plot.Y.Min, zero.Plot.Y.Max)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
