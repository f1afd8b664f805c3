package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var sweepOutCharts = []string{"enis-peak", "enis-created", "ipShare-max", "errors", "throttled", "pendingSeconds", "coldStartP99-max"}

// sweep --out writes the same JSON and CSV as --format json and csv, a
// chart per metric against the first --set with a line per value of the
// second, and a self-contained report.html; the same seed gives the same
// bytes, and stdout is what it is without --out.
func TestSweepOut(t *testing.T) {
	dir, texts := outDirs(t, sweepArgs, []string{"sweep.json", "sweep.csv", "report.html"}, sweepOutCharts)
	for format, file := range map[string]string{"json": "sweep.json", "csv": "sweep.csv"} {
		got, _ := os.ReadFile(filepath.Join(dir, file))
		if string(got) != sweep(t, "-f", format) {
			t.Errorf("%s differs from sweep --format %s", file, format)
		}
	}
	if out := sweep(t, "--out", t.TempDir()); out != sweep(t) {
		t.Errorf("stdout with --out differs from without")
	}
	var golden_ strings.Builder
	for _, c := range sweepOutCharts {
		ts := texts[c]
		for _, line := range []string{"creationDelay=30s", "creationDelay={dist: uniform, min: 60s, m..."} {
			if n := count(ts, line); n != 1 {
				t.Errorf("%s.svg: %d legend entries %q, want 1 (one line per value of the second --set): %q", c, n, line, ts)
			}
		}
		if count(ts, "functions.api.arrivals.rate (per second)") != 1 {
			t.Errorf("%s.svg: no X axis label: %q", c, ts)
		}
		golden_.WriteString(c + ".svg: " + strings.Join(ts, " | ") + "\n")
	}
	if ts := texts["pendingSeconds"]; count(ts, "time Pending (s)") != 1 {
		t.Errorf("pendingSeconds.svg: no Y axis label: %q", ts)
	}
	golden(t, "out/sweep-charts.txt", []byte(golden_.String()))
}

// Values that are not numbers are placed at equal steps, labelled with
// the values (or #1, #2... and a key when they are long); one --set gives
// one line; --metric picks the charts.
func TestSweepOutNominal(t *testing.T) {
	args := []string{"sweep", "layouts", "--duration", "6m", "-n", "2", "--metric", "pendingSeconds,enis.peak",
		"--set", "hyperplane.creationDelay=30s,{dist: uniform, min: 60s, max: 90s},45s"}
	dir, texts := outDirs(t, args, []string{"sweep.json", "sweep.csv", "report.html"}, []string{"pendingSeconds", "enis-peak"})
	ts := texts["pendingSeconds"]
	for _, want := range []string{"#1", "#2", "#3", "hyperplane.creationDelay", "time Pending (s)", "layouts"} {
		if count(ts, want) != 1 {
			t.Errorf("pendingSeconds.svg: want one %q in %q", want, ts)
		}
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !strings.Contains(string(page), "#2 = {dist: uniform, min: 60s, max: 90s}") {
		t.Errorf("report.html does not say what #2 is")
	}

	args = []string{"sweep", "layouts", "--duration", "6m", "-n", "1", "--metric", "enis.peak",
		"--set", "functions.api.memory=256,512", "--set", "hyperplane.creationDelay=30s,{dist: uniform, min: 60s, max: 90s}"}
	_, texts = outDirs(t, args, []string{"sweep.json", "sweep.csv", "report.html"}, []string{"enis-peak"})
	if ts := texts["enis-peak"]; count(ts, "functions.api.memory") != 1 || count(ts, "creationDelay=30s") != 1 {
		t.Errorf("enis-peak.svg: %q", ts)
	}
}

func TestSweepOutUsage(t *testing.T) {
	code, _, errs := enisim("sweep", "layouts", "--shard", "1/2", "-f", "jsonl", "--out", t.TempDir())
	if code != 2 || !strings.Contains(errs, "--out needs the whole sweep") {
		t.Errorf("--shard with --out: exit %d, %q", code, errs)
	}
	_, help, _ := enisim("sweep", "--help") // usage goes to stdout
	if !strings.Contains(help, "--out") || !strings.Contains(help, "report.html") {
		t.Errorf("sweep --help does not document --out")
	}
}
