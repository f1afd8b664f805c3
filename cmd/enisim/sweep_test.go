package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/plan"
)

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var sweepArgs = []string{"sweep", "layouts", "--duration", "6m", "-n", "3", "--seed", "9",
	"--set", "functions.api.arrivals.rate=20/s,80/s",
	"--set", "hyperplane.creationDelay=30s,{dist: uniform, min: 60s, max: 90s}"}

func sweep(t *testing.T, extra ...string) string {
	t.Helper()
	code, out, errs := enisim(append(append([]string{}, sweepArgs...), extra...)...)
	if code != 0 {
		t.Fatalf("sweep %v: exit %d: %s", extra, code, errs)
	}
	return out
}

// The output is byte-identical for 1 and 4 workers, and 3 shards merged
// (in any order) give exactly the unsharded output, in every format.
func TestSweepWorkersShardsMerge(t *testing.T) {
	dir := t.TempDir()
	var parts []string
	for k := range 3 {
		p := filepath.Join(dir, "part-"+strconv.Itoa(k)+".jsonl")
		if err := os.WriteFile(p, []byte(sweep(t, "--shard", strconv.Itoa(k)+"/3", "-f", "jsonl", "-w", "2")), 0o644); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	parts[0], parts[2] = parts[2], parts[0]
	for _, format := range []string{"table", "csv", "json", "jsonl"} {
		one := sweep(t, "-f", format, "-w", "1")
		if four := sweep(t, "-f", format, "-w", "4"); four != one {
			t.Errorf("%s: 1 and 4 workers differ:\n%s\n%s", format, one, four)
		}
		code, merged, errs := enisim(append([]string{"merge", "-f", format}, parts...)...)
		if code != 0 || merged != one {
			t.Errorf("%s: merge exit %d %s; merged output differs:\n%s\nwant\n%s", format, code, errs, merged, one)
		}
	}
	code, _, errs := enisim("merge", parts[0], parts[1])
	if code != 2 || !strings.Contains(errs, "missing") {
		t.Errorf("merge of 2 of 3 shards: exit %d, %q", code, errs)
	}
}

func TestSweepUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "layouts", "--shard", "3/3", "-f", "jsonl"}, "--shard \"3/3\""},
		{[]string{"sweep", "layouts", "--shard", "1/3"}, "--format jsonl"},
		{[]string{"sweep", "layouts", "--set", "a=1,,2"}, "empty"},
		{[]string{"sweep", "layouts", "--set", "x.y=1", "--set", "x.y=2"}, "given twice"},
		{[]string{"sweep", "layouts", "--set", "hyperplane.scaleOutAt=0.5,7", "--duration", "1m"}, "--set hyperplane.scaleOutAt=7"},
		{[]string{"sweep", "layouts", "--metric", "nosuch", "--duration", "1m", "-n", "1"}, "--metric nosuch"},
		{[]string{"merge"}, "merge needs"},
		{[]string{"merge", "/nonexistent.jsonl"}, "nonexistent"},
	} {
		code, _, errs := enisim(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// --shard auto/N is --shard K/N with K from the array job's index
// variable, and says which variable it read; with none set it is an error.
func TestSweepShardAuto(t *testing.T) {
	for _, v := range plan.IndexVars {
		t.Setenv(v, "")
	}
	args := append(append([]string{}, sweepArgs...), "--shard", "auto/3", "-f", "jsonl")
	code, _, errs := enisim(args...)
	if code != 2 || !strings.Contains(errs, "none of SLURM_ARRAY_TASK_ID") {
		t.Errorf("no index set: exit %d, %q; want 2 and 'none of ...'", code, errs)
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	code, auto, errs := enisim(args...)
	if want := sweep(t, "--shard", "1/3", "-f", "jsonl"); code != 0 || auto != want {
		t.Errorf("auto/3 with SLURM_ARRAY_TASK_ID=1: exit %d %s; output differs from 1/3", code, errs)
	}
	if !strings.Contains(errs, "shard 1/3 (K from SLURM_ARRAY_TASK_ID)") {
		t.Errorf("stderr %q does not say where K came from", errs)
	}
}

// The sweep's first line counts in the singular when there is one: a sweep
// without --set is one combination, replicated.
func TestSweepNoteCounts(t *testing.T) {
	code, out, errs := enisim("sweep", "layouts", "--duration", "1m", "-n", "1")
	want := "sweep of layouts: 1 combination x 1 replication, base seed 1, 1m simulated each\n"
	if code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("exit %d, %q (stderr %q); want 0 and first line %q", code, out, errs, want)
	}
}

// A sweep over the seed or the duration was ignored (every row seed 1's
// numbers) or misreported (the header's duration the file's): refused.
func TestSweepRefusesSeedAndDurationDims(t *testing.T) {
	for _, set := range []string{"seed=1,2,3", "duration=1m,2m", "seed=2"} {
		code, _, stderr := enisim("sweep", "layouts", "-n", "1", "--duration", "1m", "--set", set)
		if code != 2 || !strings.Contains(stderr, "--set "+strings.SplitN(set, "=", 2)[0]+": a sweep's runs") {
			t.Errorf("--set %s: exit %d, %q", set, code, stderr)
		}
	}
}
