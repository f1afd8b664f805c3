package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
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
