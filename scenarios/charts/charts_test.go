package charts

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/scenarios/timeseries"
)

var dump = flag.String("dump", "", "write the charts of the tests into this directory, to look at them")

func runBuiltin(t *testing.T, name string) (*scenarios.Sim, *timeseries.Recorder) {
	t.Helper()
	s, err := spec.LoadBuiltin(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := timeseries.Attach(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	return x, rec
}

// svgTexts parses an SVG document strictly and returns its <text> contents.
func svgTexts(t *testing.T, doc []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var texts []string
	var in bool
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = e.Name.Local
			}
			in = e.Name.Local == "text"
		case xml.CharData:
			if in {
				texts = append(texts, strings.TrimSpace(string(e)))
			}
		case xml.EndElement:
			in = false
		}
	}
	if root != "svg" {
		t.Fatalf("root element %q", root)
	}
	return texts
}

func TestRunChartsSVG(t *testing.T) {
	for _, name := range []string{"shared-eni", "pending-block", "port-scaleout", "idle-reclaim", "subnet-exhaustion"} {
		t.Run(name, func(t *testing.T) {
			x, rec := runBuiltin(t, name)
			rep := x.Report()
			for _, c := range ForRun(x, rec) {
				svg, err := c.SVG()
				if err != nil {
					t.Fatal(err)
				}
				texts := svgTexts(t, svg)
				has := func(s string) bool {
					for _, x := range texts {
						if x == s {
							return true
						}
					}
					return false
				}
				if !has(c.Title) {
					t.Errorf("%s: no title %q in %q", c.Name, c.Title, texts)
				}
				if c.Plot.X.Label.Text == "" || !has(c.Plot.X.Label.Text) {
					t.Errorf("%s: no x-axis label", c.Name)
				}
				if c.Name != "states" && len(c.panels) == 0 && (c.Plot.Y.Label.Text == "" || !has(c.Plot.Y.Label.Text)) {
					t.Errorf("%s: no y-axis label", c.Name)
				}
				var want []string
				switch c.Name {
				case "enis", "ports":
					for _, k := range rep.ENIs.ByKey {
						want = append(want, k.Subnet+"+["+strings.Join(k.SecurityGroups, ",")+"]")
					}
				case "states":
					for _, f := range rep.Functions {
						want = append(want, f.Name)
					}
				case "concurrency":
					for _, f := range rep.Functions {
						want = append(want, f.Name)
					}
				}
				for _, w := range want {
					n := 0
					for _, x := range texts {
						if x == w {
							n++
						}
					}
					if n != 1 {
						t.Errorf("%s: %q appears %d times, want one series each", c.Name, w, n)
					}
				}
				if *dump != "" {
					png, err := c.PNG()
					if err != nil {
						t.Fatal(err)
					}
					os.MkdirAll(*dump, 0o755)
					os.WriteFile(filepath.Join(*dump, name+"-"+c.Name+".svg"), svg, 0o644)
					os.WriteFile(filepath.Join(*dump, name+"-"+c.Name+".png"), png, 0o644)
				}
			}
		})
	}
}

// Same run, same bytes: charts are deterministic.
func TestDeterministic(t *testing.T) {
	render := func() [][]byte {
		x, rec := runBuiltin(t, "pending-block")
		var out [][]byte
		for _, c := range ForRun(x, rec) {
			s, err := c.SVG()
			if err != nil {
				t.Fatal(err)
			}
			p, err := c.PNG()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, s, p)
		}
		return out
	}
	a, b := render(), render()
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("rendering %d differs between two identical runs", i)
		}
	}
}

func TestBarsAndSweep(t *testing.T) {
	b := Bars("compare-enis", "Peak ENIs per layout", "ENIs", []string{"shared", "per-function"},
		[]BarSeries{{"peak", []float64{2, 8}}, {"mean", []float64{1.5, 7.2}}})
	s := Sweep("sweep", "Peak ENIs against rate", "rate (1/s)", "ENIs",
		[]SweepSeries{{Name: "orders", X: []float64{100, 200, 400}, Y: []float64{1, 2, 4},
			Lo: []float64{1, 1.5, 3}, Hi: []float64{1, 2.5, 5}}})
	empty := Bars("none", "Nothing", "ENIs", nil, nil)
	for _, c := range []*Chart{b, s, empty, Sweep("x", "x", "x", "y", nil)} {
		svg, err := c.SVG()
		if err != nil {
			t.Fatal(err)
		}
		texts := svgTexts(t, svg)
		if !strings.Contains(strings.Join(texts, "|"), c.Title) {
			t.Errorf("%s: no title", c.Name)
		}
		if _, err := c.PNG(); err != nil {
			t.Fatal(err)
		}
		if *dump != "" {
			os.WriteFile(filepath.Join(*dump, c.Name+".svg"), svg, 0o644)
			p, _ := c.PNG()
			os.WriteFile(filepath.Join(*dump, c.Name+".png"), p, 0o644)
		}
	}
	texts := strings.Join(svgTexts(t, mustSVG(t, b)), "|")
	for _, w := range []string{"shared", "per-function", "peak", "mean", "ENIs"} {
		if !strings.Contains(texts, w) {
			t.Errorf("bars: no %q", w)
		}
	}
}

func mustSVG(t *testing.T, c *Chart) []byte {
	s, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
