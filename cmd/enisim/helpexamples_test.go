package main

import (
	"os"
	"strings"
	"testing"
)

// Every example in a --help text that runs a built-in scenario runs, so the
// manual cannot go stale (examples on the user's own files are skipped).
func TestHelpExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example")
	}
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	ran := 0
	for _, c := range commands() {
		_, help, _ := enisim(c.name, "--help")
		for _, line := range strings.Split(help, "\n") {
			args, ok := helpExample(line)
			if !ok {
				continue
			}
			code, _, errs := enisim(args...)
			if code != 0 {
				t.Errorf("%s: exit %d: %s", line, code, errs)
			}
			ran++
		}
	}
	if ran < 8 {
		t.Errorf("only %d examples ran", ran)
	}
}

// helpExample returns the arguments of an example line that runs a
// built-in scenario, cut to two simulated minutes.
func helpExample(line string) ([]string, bool) {
	line = strings.TrimSpace(line)
	if i := strings.Index(line, "#"); i >= 0 {
		line = strings.TrimSpace(line[:i])
	}
	f := strings.Fields(strings.Trim(line, "`"))
	if len(f) < 3 || f[0] != "enisim" || strings.ContainsAny(line, "*>|'\"") || strings.Contains(line, "...") {
		return nil, false
	}
	builtin := map[string]bool{"default": true, "layouts": true, "pending-block": true, "shared-eni": true}
	if !builtin[f[2]] {
		return nil, false
	}
	args := f[1:]
	switch f[1] {
	case "run", "explain", "compare", "sweep", "headroom":
		args = append(args, "--duration", "2m")
	case "demo":
		return nil, false // plays the whole tour; covered by its own tests
	}
	return args, true
}
