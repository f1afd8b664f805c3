package main

import (
	"bytes"
	"os"
	"strings"

	"github.com/enisim/enisim/scenarios/charts"
	"github.com/enisim/enisim/scenarios/html"
	"github.com/enisim/enisim/scenarios/plan"
)

// writeSweepDir writes sweep --out's files into dir: sweep.json and
// sweep.csv (as --format json and csv print them), NAME.svg and NAME.png
// per metric of the table, and report.html.
func writeSweepDir(dir string, res *plan.Result, metrics []string, description string, dpi int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var js, csv bytes.Buffer
	if err := writeJSON(&stdio{out: &js}, sweepJSON(res)); err != nil {
		return err
	}
	if err := writeSweepCSV(&csv, res); err != nil {
		return err
	}
	files := []outFile{{"sweep.json", js.Bytes()}, {"sweep.csv", csv.Bytes()}}
	cs, note := charts.ForSweep(res, metrics)
	figs, chartFiles, err := renderCharts(cs, dpi)
	if err != nil {
		return err
	}
	files = append(files, chartFiles...)
	header, rows := sweepTable(res, metrics)
	page := html.Page{
		Title:    "enisim sweep: " + res.Header.Scenario,
		Subtitle: strings.ReplaceAll(strings.TrimSpace(sweepNote(res)), "\n", "; "),
		Intro:    description,
		Sections: []html.Section{
			{Title: "Metrics", Text: "A row per combination of the --set values; every combination ran on the same seeds.",
				Tables: []html.Table{{Header: header, Rows: rows}}},
			{Title: "Charts", Text: note, Figures: figs},
		},
	}
	var b bytes.Buffer
	if err := html.Write(&b, page); err != nil {
		return err
	}
	return writeFiles(dir, append(files, outFile{"report.html", b.Bytes()}))
}
