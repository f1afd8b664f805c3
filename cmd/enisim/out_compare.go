package main

import (
	"bytes"
	"os"
	"strings"

	"github.com/enisim/enisim/scenarios/charts"
	"github.com/enisim/enisim/scenarios/html"
	"github.com/enisim/enisim/scenarios/plan"
)

// writeCompareDir writes compare --out's files into dir: compare.json and
// compare.csv (as --format json and csv print them), NAME.svg and NAME.png
// per headline chart, and report.html. description is the scenario's, or
// "" for several files.
func writeCompareDir(dir string, c *plan.Comparison, description string, dpi int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var js, csv bytes.Buffer
	if err := writeJSON(&stdio{out: &js}, compareJSON(c)); err != nil {
		return err
	}
	if err := writeCompareCSV(&csv, c); err != nil {
		return err
	}
	files := []outFile{{"compare.json", js.Bytes()}, {"compare.csv", csv.Bytes()}}
	figs, chartFiles, err := renderCharts(charts.ForCompare(c, fmtSummary), dpi)
	if err != nil {
		return err
	}
	files = append(files, chartFiles...)
	var page bytes.Buffer
	if err := html.Write(&page, comparePage(c, description, figs)); err != nil {
		return err
	}
	return writeFiles(dir, append(files, outFile{"report.html", page.Bytes()}))
}

func comparePage(c *plan.Comparison, description string, figs []html.Figure) html.Page {
	header, rows := compareTable(c)
	return html.Page{
		Title:    "enisim compare: " + strings.Join(c.Names, " vs "),
		Subtitle: strings.ReplaceAll(compareNote(c), ";\n", "; "),
		Intro:    description,
		Sections: []html.Section{
			{Title: "Metrics", Text: "A row per metric, a column per layout; every layout ran on the same seeds, so the differences come from the layouts.",
				Tables: []html.Table{{Header: header, Rows: rows}}},
			{Title: "Charts", Figures: figs},
		},
	}
}
