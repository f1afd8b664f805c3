package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/charts"
	"github.com/enisim/enisim/scenarios/explain"
	"github.com/enisim/enisim/scenarios/html"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/scenarios/timeseries"
	"github.com/enisim/enisim/sim"
	"github.com/spf13/pflag"
)

// runOut is run's --out, --resolution and --explain: what a run writes
// besides its report, and the recorder and narrator that follow it.
type runOut struct {
	dir        string
	resolution string
	explain    bool

	step     sim.Time
	rec      *timeseries.Recorder
	narr     *explain.Narrator
	timeline bytes.Buffer
	x        *scenarios.Sim
}

func (o *runOut) register(fs *pflag.FlagSet) {
	fs.StringVar(&o.dir, "out", "", "write report.json, timeseries.csv, the charts (SVG and PNG) and report.html into this directory")
	fs.StringVar(&o.resolution, "resolution", "", "time step of timeseries.csv and the charts, e.g. 10s (default: at most 2,000 rows for the run's length)")
	fs.BoolVar(&o.explain, "explain", false, "print the run as a timeline (as enisim explain) before the report; on stderr with --format json or csv")
}

// prepare checks the flags and sets the narrator on opts.
func (o *runOut) prepare(opts *scenarios.Options) error {
	if o.resolution != "" {
		if o.dir == "" {
			return usagef("--resolution is the time step of --out's files: give --out DIR too")
		}
		d, err := spec.ParseDuration(o.resolution)
		if err != nil {
			return usagef("--resolution: %v", err)
		}
		if d <= 0 {
			return usagef("--resolution %q: want a positive duration with a unit, e.g. 10s", o.resolution)
		}
		o.step = d
	}
	if err := checkOutDir(o.dir); err != nil {
		return err
	}
	if o.dir != "" || o.explain {
		o.narr = explain.Writer(&o.timeline)
		opts.Events = o.narr.Event
	}
	return nil
}

// attach follows a built run; runScenario calls it before the run starts.
func (o *runOut) attach(x *scenarios.Sim) error {
	o.x = x
	if o.narr != nil {
		o.narr.Attach(x)
	}
	if o.dir != "" {
		rec, err := timeseries.Attach(x, o.step)
		if err != nil {
			return usagef("--resolution: %v", err)
		}
		o.rec = rec
	}
	return nil
}

// finish prints the timeline and writes the directory.
func (o *runOut) finish(io *stdio, format string, rep *scenarios.Report) error {
	// The recorder's timers are not the model's events: the report stays
	// what a plain run prints. (The narrator only listens; it has none.)
	if o.narr != nil {
		o.narr.Finish()
	}
	if o.rec != nil {
		rep.Engine.Events -= o.rec.Events()
	}
	if o.explain {
		w := io.out
		if format != "table" {
			w = io.err
		}
		w.Write(o.timeline.Bytes())
		if format == "table" {
			fmt.Fprintln(w)
		}
	}
	if o.dir == "" {
		return nil
	}
	return writeRunDir(o.dir, o.x, o.rec, rep, o.timeline.String())
}

// writeRunDir writes a run's files into dir: report.json, timeseries.csv,
// timeline.txt, NAME.svg and NAME.png per chart, and report.html.
func writeRunDir(dir string, x *scenarios.Sim, rec *timeseries.Recorder, rep *scenarios.Report, timeline string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	var csv bytes.Buffer
	if err := rec.WriteCSV(&csv); err != nil {
		return err
	}
	files := []outFile{{"report.json", js.Bytes()}, {"timeseries.csv", csv.Bytes()}, {"timeline.txt", []byte(timeline)}}
	figs, chartFiles, err := renderCharts(charts.ForRun(x, rec))
	if err != nil {
		return err
	}
	files = append(files, chartFiles...)
	var page bytes.Buffer
	if err := html.Write(&page, html.RunPage(rep, x.Scenario.Description, figs, timeline)); err != nil {
		return err
	}
	files = append(files, outFile{"report.html", page.Bytes()})
	return writeFiles(dir, files)
}

// checkOutDir makes dir (when given) and checks that files can be written
// in it, so that a bad --out fails before the run, not after it.
func checkOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("--out %s: %v", dir, err)
	}
	f, err := os.CreateTemp(dir, ".enisim-check-*")
	if err != nil {
		return usagef("--out %s: cannot write there: %v", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

type outFile struct {
	name string
	data []byte
}

// renderCharts renders each chart as SVG and PNG, and as a figure of
// report.html.
func renderCharts(cs []*charts.Chart) ([]html.Figure, []outFile, error) {
	var figs []html.Figure
	var files []outFile
	for _, c := range cs {
		svg, err := c.SVG()
		if err != nil {
			return nil, nil, err
		}
		png, err := c.PNG()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, outFile{c.Name + ".svg", svg}, outFile{c.Name + ".png", png})
		figs = append(figs, html.Figure{Name: c.Name, Title: c.Title, SVG: svg, Caption: c.Caption})
	}
	return figs, files, nil
}

func writeFiles(dir string, files []outFile) error {
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
