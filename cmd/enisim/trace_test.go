package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTraceInspect(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.txt")
	// 5 arrivals: 3 in the first minute, 2 in the third.
	os.WriteFile(path, []byte("# offsets\n1\n2.5\n59s\n\n120\n150s\n"), 0o644)
	code, out, errs := enisim("trace", "inspect", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"arrivals:    5", "00:00:01.000 .. 00:02:30.000", "peak rate:   3/min"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	os.WriteFile(path, []byte("1\n3\n2\n"), 0o644)
	if code, _, errs := enisim("trace", "inspect", path); code != 2 || !strings.Contains(errs, "t.txt:3") {
		t.Errorf("decreasing offset: exit %d, %q; want 2 and the line", code, errs)
	}
	sample := "../../scenarios/spec/builtin/traces/azure-sample.csv"
	code, out, _ = enisim("trace", "inspect", "--trace-format", "per-minute", "--row", "1", sample)
	if code != 0 || !strings.Contains(out, "arrivals:    8768") {
		t.Errorf("per-minute row 1: exit %d\n%s", code, out)
	}
	if code, _, errs := enisim("trace", "inspect", "--trace-format", "per-minute", "--row", "1", "--hash-function", "f1", sample); code != 2 || !strings.Contains(errs, "give one") {
		t.Errorf("--row and --hash-function: exit %d, %q; want 2", code, errs)
	}
	code, out, _ = enisim("trace", "inspect", "--trace-format", "per-minute", "--row", "1", sample, "--format", "json")
	var js struct {
		Arrivals      int64
		PeakPerMinute int64
		FirstSeconds  float64
	}
	if err := json.Unmarshal([]byte(out), &js); code != 0 || err != nil || js.Arrivals != 8768 || js.PeakPerMinute != 29 || js.FirstSeconds != 5 {
		t.Errorf("--format json: exit %d, %v, %+v\n%s", code, err, js, out)
	}
	if code, _, errs := enisim("trace", "inspect", "--format", "per-minute", "--row", "1", sample); code != 2 || !strings.Contains(errs, "--trace-format per-minute") {
		t.Errorf("the old --format per-minute: exit %d, %q; want 2 and a pointer to --trace-format", code, errs)
	}
	if code, _, _ := enisim("trace"); code != 2 {
		t.Errorf("bare 'trace': exit %d, want 2", code)
	}
}
