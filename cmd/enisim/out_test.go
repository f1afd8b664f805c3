package main

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// run --out writes every file, the same bytes for the same seed, and its
// report.json is what --format json prints.
func TestRunOutDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, stderr := enisim("run", "pending-block", "--out", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	want := []string{"report.json", "timeseries.csv", "timeline.txt", "report.html"}
	for _, c := range []string{"enis", "ports", "ips", "states", "concurrency", "coldstart"} {
		want = append(want, c+".svg", c+".png")
	}
	for _, name := range want {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: empty or differs between two runs with one seed", name)
		}
		if strings.HasSuffix(name, ".svg") {
			d := xml.NewDecoder(bytes.NewReader(x))
			d.Strict = true
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
	}
	_, js, _ := enisim("run", "pending-block", "--format", "json")
	got, _ := os.ReadFile(filepath.Join(a, "report.json"))
	if string(got) != js {
		t.Errorf("report.json differs from run --format json")
	}
}

func TestRunExplainAndResolution(t *testing.T) {
	code, out, stderr := enisim("run", "pending-block", "--explain")
	if code != 0 || !strings.Contains(out, "00:01:00.000  ENI eni-0001 ready in subnet-a for [sg-app]; orders -> Active") ||
		!strings.Contains(out, "ENIs per key") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, out, stderr)
	}
	code, out, stderr = enisim("run", "pending-block", "--explain", "--format", "json")
	if code != 0 || strings.Contains(out, "CreateFunction orders ->") || !strings.Contains(stderr, "CreateFunction orders ->") {
		t.Fatalf("json: the timeline must go to stderr")
	}
	dir := t.TempDir()
	if code, _, stderr := enisim("run", "pending-block", "--out", dir, "--resolution", "1m"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "timeseries.csv"))
	if n := strings.Count(string(csv), "\n"); n != 6 { // header + 5 minutes
		t.Errorf("--resolution 1m over 5m: %d lines", n)
	}
	for _, args := range [][]string{
		{"run", "pending-block", "--resolution", "1m"},
		{"run", "pending-block", "--out", dir, "--resolution", "0s"},
		{"run", "pending-block", "--out", dir, "--resolution", "1ns"},
		{"run", "pending-block", "--out", dir, "--resolution", "ten"},
	} {
		if code, _, _ := enisim(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestExplainCmd(t *testing.T) {
	code, out, stderr := enisim("explain", "pending-block")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "explain/pending-block.txt", []byte(out))
	if code, _, _ := enisim("explain", "no-such-scenario"); code != 2 {
		t.Errorf("unknown scenario: exit %d", code)
	}
	if code, _, _ := enisim("explain", "a", "b"); code != 2 {
		t.Errorf("two scenarios: exit %d", code)
	}
}

// Without a terminal the demo prints the narration only, whatever --pace.
func TestDemo(t *testing.T) {
	code, out, stderr := enisim("demo", "subnet-exhaustion", "--pace", "60x")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"== 1/1  subnet-exhaustion ==", "A /28 has 11 usable", "CreateFunction f7 -> Failed (SubnetOutOfIPAddresses)", "What to notice:"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("escape sequences without a terminal")
	}
	for _, bad := range []string{"fast", "0x", "-2x"} {
		if code, _, _ := enisim("demo", "pending-block", "--pace", bad); code != 2 {
			t.Errorf("--pace %s: exit %d", bad, code)
		}
	}
	if testing.Short() {
		return
	}
	code, out, _ = enisim("demo")
	if code != 0 || strings.Count(out, "What to notice:") < 5 {
		t.Fatalf("tour: exit %d, %d stops", code, strings.Count(out, "What to notice:"))
	}
}

// outDirs runs args twice, with --out into two directories, and checks
// that each directory holds exactly want (plus NAME.svg and NAME.png per
// chart), with byte-identical files, every SVG well-formed XML and
// report.html self-contained. It returns the first directory and the
// <text> contents of each chart, by name.
func outDirs(t *testing.T, args []string, want []string, chartNames []string) (string, map[string][]string) {
	t.Helper()
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		if code, _, stderr := enisim(append(append([]string{}, args...), "--out", dir)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	for _, c := range chartNames {
		want = append(want, c+".svg", c+".png")
	}
	entries, err := os.ReadDir(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files:\n%v\nwant\n%v", got, want)
	}
	texts := map[string][]string{}
	for _, name := range want {
		x, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: empty or differs between two runs with one seed", name)
		}
		if stem, ok := strings.CutSuffix(name, ".svg"); ok {
			texts[stem] = svgTexts(t, name, x)
		}
	}
	page, err := os.ReadFile(filepath.Join(dirs[0], "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	selfContained(t, page)
	for _, c := range chartNames {
		if !bytes.Contains(page, []byte(`id="chart-`+c+`"`)) {
			t.Errorf("report.html has no figure %s", c)
		}
	}
	return dirs[0], texts
}

// svgTexts parses an SVG document strictly and returns its <text>
// contents.
func svgTexts(t *testing.T, name string, doc []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var texts []string
	in, root := false, ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
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
		t.Fatalf("%s: root element %q", name, root)
	}
	return texts
}

// external finds what would make a page load something: a src= or href=
// that is not a fragment (#...), a url(...) or @import in CSS, or a
// <script>, <link>, <iframe>, <object>, <embed> or <base> element.
var external = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(src|href|xlink:href|action|srcset|poster)\s*=\s*["']?\s*[^"'#\s>]`),
	regexp.MustCompile(`(?i)url\(`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)<\s*(script|link|iframe|object|embed|base|img)\b`),
}

func selfContained(t *testing.T, page []byte) {
	t.Helper()
	for _, re := range external {
		if m := re.Find(page); m != nil {
			t.Errorf("report.html loads something: %q", m)
		}
	}
	if !bytes.Contains(page, []byte("<svg")) {
		t.Error("report.html has no inline SVG")
	}
}

// count is how many of texts are s.
func count(texts []string, s string) int {
	n := 0
	for _, x := range texts {
		if x == s {
			n++
		}
	}
	return n
}

// The header's simulated time reads as the user would write it.
func TestSecondsFormat(t *testing.T) {
	for in, want := range map[float64]string{10: "10s", 90: "1m30s", 2000: "33m20s", 120: "2m", 7200: "2h",
		3630: "1h0m30s", 5400: "1h30m", 0.5: "500ms", 86400: "24h"} {
		if got := seconds(in); got != want {
			t.Errorf("seconds(%v) = %q, want %q", in, got, want)
		}
	}
}

// The run and sweep headers print 10 s, 90 s and 2000 s right (they once
// printed "1", "1m3" and "33m2").
func TestHeadersSimulatedTime(t *testing.T) {
	for d, want := range map[string]string{"10s": "10s simulated", "90s": "1m30s simulated", "2000s": "33m20s simulated"} {
		_, out, errs := enisim("run", "pending-block", "--duration", d)
		if first, _, _ := strings.Cut(out, "\n"); !strings.HasSuffix(strings.SplitN(first, " simulated", 2)[0]+" simulated", want) {
			t.Errorf("run --duration %s: header %q, want %q (%s)", d, first, want, errs)
		}
	}
	_, out, errs := enisim("sweep", "pending-block", "--duration", "90s", "-n", "1", "--set", "functions.orders.arrivals.rate=5/s,10/s")
	if first, _, _ := strings.Cut(out, "\n"); !strings.Contains(first, "1m30s simulated") {
		t.Errorf("sweep header %q, want 1m30s simulated (%s)", first, errs)
	}
}

// --out's PNGs are 1728 px wide by default and follow --dpi; the SVGs do
// not change with it.
func TestOutDPI(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, dpi := range []string{"192", "96"} {
		if code, _, errs := enisim("run", "pending-block", "--duration", "2m", "--out", dirs[i], "--dpi", dpi); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	for i, want := range []int{1728, 864} {
		f, err := os.Open(filepath.Join(dirs[i], "enis.png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != want {
			t.Errorf("enis.png: %d px wide (%v), want %d", cfg.Width, err, want)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dirs[0], "enis.svg"))
	b, _ := os.ReadFile(filepath.Join(dirs[1], "enis.svg"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the SVG changed with --dpi")
	}
	if code, _, errs := enisim("run", "pending-block", "--out", dirs[0], "--dpi", "0"); code != 2 || !strings.Contains(errs, "--dpi 0") {
		t.Errorf("--dpi 0: exit %d, %q", code, errs)
	}
}
