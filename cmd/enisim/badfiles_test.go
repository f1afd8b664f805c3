package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Every command that reads a file refuses a directory, an empty file,
// binary garbage, a 50 MB file and a FIFO with exit 2 and a message that
// names the file, and returns at once: the FIFO has no writer, so a
// command that opened it for reading would hang.
func TestEveryCommandRefusesBadFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	dir := t.TempDir()
	bad := map[string]string{
		"dir":   filepath.Join(dir, "adir"),
		"empty": writeIn(t, dir, "empty.yaml", ""),
		"bin":   writeIn(t, dir, "garbage.yaml", "\x00\x9d\x41\x84\xbe\x08\xef\x86\xf2\x49"),
		"big":   writeIn(t, dir, "big.yaml", strings.Repeat("a", 50<<20)),
		"fifo":  filepath.Join(dir, "fifo.yaml"),
	}
	if err := os.Mkdir(bad["dir"], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(bad["fifo"], 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	// Each command, with F where the file goes.
	commands := [][]string{
		{"run", "F"}, {"validate", "F"}, {"explain", "F"}, {"check", "F"}, {"demo", "F"},
		{"compare", "F"}, {"compare", "layouts", "F"}, {"sweep", "F", "--set", "seed=1,2"},
		{"headroom", "F", "--scale", "functions.api.arrivals"}, {"lint", "F"},
		{"merge", "F"}, {"trace", "inspect", "F"},
		{"trace", "inspect", "--trace-format", "per-minute", "--row", "1", "F"},
		{"import", "aws", "--functions", "F"}, {"import", "cloudformation", "F"}, {"import", "terraform", "F"},
		{"import", "serverless", "F"}, {"import", "terraform-plan", "F"},
	}
	for _, c := range commands {
		for kind, path := range bad {
			if strings.HasSuffix(c[len(c)-1], ".json") {
				path = jsonTwin(t, path)
			}
			args := make([]string, len(c))
			for i, a := range c {
				args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "F.json", "F"), "F", path)
			}
			if kind == "dir" && c[0] == "import" && c[1] != "aws" {
				args[len(args)-1] = path // an empty directory: no templates in it
			}
			start := time.Now()
			code, out, errs := enisim(args...)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("enisim %s (%s): took %v", strings.Join(c, " "), kind, took)
			}
			if code != 2 || !strings.Contains(errs, filepath.Base(path)) || bytes.Contains([]byte(errs), []byte("panic")) {
				t.Errorf("enisim %s on the %s file: exit %d, stdout %.80q, stderr %.300q; want exit 2 and the file's name",
					strings.Join(c, " "), kind, code, out, errs)
			}
		}
	}
}

// jsonTwin is path's kind of bad file named .json (lint reads a .json
// argument as a policy document).
func jsonTwin(t *testing.T, path string) string {
	t.Helper()
	twin := strings.TrimSuffix(path, ".yaml") + ".json"
	if _, err := os.Lstat(twin); err == nil {
		return twin
	}
	if err := os.Symlink(path, twin); err != nil {
		t.Fatal(err)
	}
	return twin
}

// run (and every command that loads a scenario) prints the load warnings
// validate prints, once, on stderr, before the report.
func TestRunPrintsLoadWarnings(t *testing.T) {
	const w = "orders.yaml:37:16: warning: functions.batch.vpcConfig: every subnet is in one Availability Zone"
	_, _, verrs := enisim("validate", "testdata/lint/orders.yaml")
	if !strings.Contains(verrs, w) {
		t.Fatalf("validate does not warn: %s", verrs)
	}
	for _, args := range [][]string{{"run"}, {"explain"}, {"compare"}, {"check"}} {
		_, out, errs := enisim(append(args, "testdata/lint/orders.yaml", "--duration", "1m")...)
		if strings.Count(errs, w) != 1 || strings.Contains(out, "warning:") {
			t.Errorf("%s: the warning %d times on stderr (want once), stdout has it: %v\n%s", args[0], strings.Count(errs, w), strings.Contains(out, "warning:"), errs)
		}
	}
}
