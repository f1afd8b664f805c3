package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/enisim/enisim/internal/golden"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// fakeClock returns times that advance by step on each call.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

// Off a terminal, a long command prints a line now and then, with an
// estimate of the time left; a short one prints nothing.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	l := newLines(&b, "run", fakeClock(4*time.Second))
	l.set(0.1) // 4s: quiet
	if b.Len() != 0 {
		t.Fatalf("printed before %v: %q", progressQuiet, b.String())
	}
	l.set(0.2) // 8s: quiet
	l.set(0.4) // 12s
	l.set(0.5) // 16s: too soon after the last line
	if got, want := b.String(), "enisim: run: 40% after 12s, about 18s left\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A run that would take far longer than maxRunWall at its pace is stopped
// with a message that says why, before it has simulated much.
func TestWatchStopsHopelessRun(t *testing.T) {
	s, err := spec.Open("pending-block", nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := newWatch(x, progress{}, fakeClock(time.Hour))
	if err := x.RunUntil(x.End); err != nil {
		t.Fatal(err)
	}
	if w.err == nil || !strings.Contains(w.err.Error(), "shorten --duration or lower the rates") {
		t.Fatalf("err %v, want the run stopped", w.err)
	}
	if x.Eng.Now() >= x.End {
		t.Errorf("the run went on to %v", x.Eng.Now())
	}
}

// The watch's timer is not a model event: a run reports the same with it
// as without it.
func TestWatchLeavesTheRunAlone(t *testing.T) {
	run := func(watched bool) string {
		s, _ := spec.Open("default", nil)
		x, err := scenarios.Build(s, scenarios.Options{Duration: 10 * time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		var w *watch
		if watched {
			w = newWatch(x, progress{}, time.Now)
		}
		if err := x.Run(); err != nil {
			t.Fatal(err)
		}
		rep := x.Report()
		if w != nil {
			rep.Engine.Events -= w.fires
		}
		js, _ := json.Marshal(rep)
		return string(js)
	}
	if a, b := run(false), run(true); a != b {
		t.Errorf("the report differs with the watch:\n%s", goldenfile.FirstDiff(a, b))
	}
}

// Bad flag values and unusable paths are refused before anything runs,
// with exit 2 and a message that names the flag or the file.
func TestBadInputRefused(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	rate := "functions.api.arrivals.rate"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"run", "testdata"}, "testdata: is a directory"},
		{[]string{"validate", "testdata"}, "testdata: is a directory"},
		{[]string{"compare", "layouts", "testdata"}, "testdata: is a directory"},
		{[]string{"run", "--duration", "1000000d"}, `--duration: bad duration "1000000d": too large`},
		{[]string{"run", "--duration", "5 parsecs"}, `unknown unit "parsecs"`},
		{[]string{"run", "pending-block", "--out", file}, "--out " + file + ":"},
		{[]string{"run", "pending-block", "--out", "o", "--resolution", "1000000d"}, "--resolution: bad duration"},
		{[]string{"compare", "layouts", "--out", file}, "--out " + file + ":"},
		{[]string{"sweep", "layouts", "--set", rate + "=1/s", "--out", file}, "--out " + file + ":"},
		{[]string{"demo", "--pace", "NaN"}, `--pace "NaN"`},
		{[]string{"demo", "--pace", "1e-300x"}, `--pace "1e-300x"`},
		{[]string{"headroom", "layouts", "--scale", rate, "--until", "ip-share<=NaN"}, `--until "ip-share<=NaN"`},
		{[]string{"headroom", "layouts", "--scale", rate + "," + rate}, "--scale " + rate + " is given twice"},
	}
	for _, c := range cases {
		code, out, errs := enisim(c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
	}
}

// An importer's bad input is refused with exit 2 and a message that names
// the file (and the line and column where there is one).
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeIn(t, dir, name, data) }
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"cfn", write("open.json", `{"Resources": {`)}, "open.json:1:15: unexpected end of JSON"},
		{[]string{"cfn", write("open2.json", `{"Resources": {"F": [1, `)}, "open2.json:1:24: unexpected end of JSON"},
		{[]string{"cfn", empty}, empty + ": no template there"},
		{[]string{"cfn", write("bad.yaml", "Resources:\n  F: [\n")}, "bad.yaml:2:"},
		{[]string{"tf", write("bad.tf", "resource \"aws_lambda_function\" \"f\" {\n")}, "bad.tf:1:"},
		{[]string{"tf", empty}, "no .tf files in " + empty},
		{[]string{"aws", "--functions", write("fn.json", `{"Functions": [`)}, "fn.json:1:"},
		{[]string{"aws", "--functions", empty}, "is a directory"},
	}
	for _, c := range cases {
		code, _, errs := enisim(append([]string{"import"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("enisim import %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// validate reads the traces a scenario replays: a malformed line is an
// error with file:line, as run reports it, and a trace that never invokes
// its function within the run is a warning.
func TestValidateReadsTraces(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeIn(t, dir, name, data) }
	write("bad.txt", "1\n2\nabc\n")
	write("empty.txt", "")
	write("late.txt", "3600\n")
	write("ok.txt", "1\n2\n")
	scenario := func(trace string) string {
		return write(trace+".yaml", "name: t\nduration: 1m\nfunctions:\n  - name: f\n    arrivals: {process: trace, file: "+trace+".txt, format: timestamps}\n")
	}
	cases := []struct {
		trace string
		code  int
		want  string
	}{
		{"bad", 2, `bad.txt:3: malformed value`},
		{"empty", 0, "empty.yaml:5:15: warning: functions.f.arrivals: the trace has no arrivals: f is never invoked"},
		{"late", 0, "late.yaml:5:15: warning: functions.f.arrivals: the trace's first arrival, at 1h0m0s, is after the run's end (1m0s)"},
		{"ok", 0, ""},
	}
	for _, c := range cases {
		code, _, errs := enisim("validate", scenario(c.trace))
		if code != c.code || !strings.Contains(errs, c.want) || c.want == "" && errs != "" {
			t.Errorf("validate %s: exit %d, stderr %q; want exit %d and %q", c.trace, code, errs, c.code, c.want)
		}
	}
	if code, _, errs := enisim("validate", "diurnal-day"); code != 0 || errs != "" {
		t.Errorf("validate diurnal-day (a built-in trace): exit %d, %q", code, errs)
	}
}

// merge refuses shards whose runs disagree with their header (an edited or
// corrupted file) and headers too large to hold, instead of merging them
// silently or running out of memory.
func TestMergeInconsistentShards(t *testing.T) {
	dir := t.TempDir()
	code, part, errs := enisim("sweep", "pending-block", "--duration", "1m", "-n", "2",
		"--set", "functions.orders.arrivals.rate=1/s,2/s", "--shard", "0/1", "-f", "jsonl")
	if code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, errs)
	}
	lines := strings.SplitAfter(part, "\n")
	// write writes the shard with line's old and new pairs replaced.
	write := func(name string, line int, oldnew ...string) string {
		l := slices.Clone(lines)
		for i := 0; i < len(oldnew); i += 2 {
			if !strings.Contains(l[line], oldnew[i]) {
				t.Fatalf("line %d has no %q: %s", line, oldnew[i], l[line])
			}
			l[line] = strings.Replace(l[line], oldnew[i], oldnew[i+1], 1)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(l, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		file, want string
	}{
		{write("comb.jsonl", 1, `"combination":0`, `"combination":1`), "run 0 has combination 1, replication 0"},
		{write("seed.jsonl", 1, `"seed":1,`, `"seed":7,`), "seed 7; in this sweep it is combination 0, replication 0, seed 1"},
		{write("twice.jsonl", 1, `"metrics":[`, `"metrics":[{"name":"enis.peak","value":9},`), "run 0 has metric enis.peak twice"},
		{write("huge.jsonl", 0, `"replications":2,`, `"replications":50000000000,`, `"runs":4`, `"runs":100000000000`), "at most 1000000 runs"},
	}
	for _, c := range cases {
		code, out, errs := enisim("merge", c.file)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("merge %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", filepath.Base(c.file), code, out, errs, c.want)
		}
	}
	if code, _, errs := enisim("merge", write("ok.jsonl", 0)); code != 0 {
		t.Errorf("merge of the untouched shard: exit %d, %s", code, errs)
	}
}

// The loader's warnings are about the run as it will be: --duration moves
// the end, so a call after the file's end but before the new one happens
// (no warning), and one after the new end does not (a warning).
func TestWarningsFollowDurationFlag(t *testing.T) {
	_, _, stderr := enisim("run", "pending-block", "--duration", "20s")
	if !strings.Contains(stderr, "timeline.0: at 30s is after the end of the run (20s)") {
		t.Errorf("--duration 20s: no warning for the call at 30s:\n%s", stderr)
	}
	_, _, stderr = enisim("run", "pending-block", "--duration", "3m")
	if strings.Contains(stderr, "never happens") {
		t.Errorf("--duration 3m: %s", stderr)
	}
}

// validate reads what run and compare read when they start: an empirical
// distribution's file, in the scenario or in a variant, was ok to validate
// and refused by run (exit 2, file:line).
func TestValidateReadsEmpiricalFiles(t *testing.T) {
	dir := t.TempDir()
	writeIn(t, dir, "bad.txt", "abc\n")
	p := writeIn(t, dir, "s.yaml", "name: s\nduration: 1m\nfunctions:\n  - name: f\n    arrivals: {process: constant, rate: 1/s}\nvariants:\n  - name: v\n    set: {functions.f.duration: {dist: empirical, file: bad.txt}}\n")
	for _, args := range [][]string{
		{"validate", p, "--set", "functions.f.duration={dist: empirical, file: bad.txt}"},
		{"validate", p},
	} {
		code, _, stderr := enisim(args...)
		if code != 2 || !strings.Contains(stderr, "bad.txt:1: malformed value") {
			t.Errorf("%v: exit %d, %q", args[2:], code, stderr)
		}
	}
}
