package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var compareOutCharts = []string{"enis-peak", "enis-created", "ip-share", "pending", "coldstart-p99", "errors"}

// compare --out writes the same JSON and CSV as --format json and csv, a
// bar chart per headline metric with a bar series per layout, and a
// self-contained report.html; the same seed gives the same bytes.
func TestCompareOut(t *testing.T) {
	args := []string{"compare", "layouts", "--duration", "6m", "-n", "2"}
	dir, texts := outDirs(t, args, []string{"compare.json", "compare.csv", "report.html"}, compareOutCharts)
	for format, file := range map[string]string{"json": "compare.json", "csv": "compare.csv"} {
		_, out, _ := enisim(append(args, "--format", format)...)
		got, _ := os.ReadFile(filepath.Join(dir, file))
		if string(got) != out {
			t.Errorf("%s differs from compare --format %s", file, format)
		}
	}
	ylabels := map[string]string{"enis-peak": "ENIs", "ip-share": "% of the subnet's IPs", "coldstart-p99": "seconds", "errors": "invokes"}
	var golden_ strings.Builder
	for _, c := range compareOutCharts {
		ts := texts[c]
		for _, layout := range []string{"base", "one-sg-each", "mixed"} {
			if n := count(ts, layout); n != 1 {
				t.Errorf("%s.svg: %d legend entries %q, want 1 (one bar series per layout)", c, n, layout)
			}
		}
		if y, ok := ylabels[c]; ok && count(ts, y) != 1 {
			t.Errorf("%s.svg: no axis label %q in %q", c, y, ts)
		}
		golden_.WriteString(c + ".svg: " + strings.Join(ts, " | ") + "\n")
	}
	if ts := texts["errors"]; count(ts, "errors") != 1 || count(ts, "throttles") != 1 {
		t.Errorf("errors.svg: want the categories errors and throttles: %q", ts)
	}
	golden(t, "out/compare-charts.txt", []byte(golden_.String()))
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, want := range []string{"<th>one-sg-each</th>", "ENIs peak", "95% Student-t"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html has no %q", want)
		}
	}
}

// Without replications there are no whiskers, and stdout is what it is
// without --out.
func TestCompareOutOneRun(t *testing.T) {
	args := []string{"compare", "layouts", "--duration", "6m"}
	_, plain, _ := enisim(args...)
	dir := t.TempDir()
	code, out, stderr := enisim(append(args, "--out", dir)...)
	if code != 0 || out != plain {
		t.Fatalf("exit %d (%s); stdout with --out differs:\n%s\nwant\n%s", code, stderr, out, plain)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !strings.Contains(string(page), "One run per layout, on seed") {
		t.Error("report.html: no caption for one run")
	}
	_, help, _ := enisim("compare", "--help") // usage goes to stdout
	if !strings.Contains(help, "--out") || !strings.Contains(help, "report.html") {
		t.Errorf("compare --help does not document --out")
	}
}
