package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// --version prints the module version and the VCS revision the build
// info records; without one it says why.
func TestVersionText(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/enisim/enisim", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "df0827b0"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-12-01T08:00:00Z"}}}
	if got, want := versionText(bi, true), "enisim v1.2.3 (revision df0827b0, modified, committed 2026-12-01T08:00:00Z; go1.26.8)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	bi.Settings, bi.Main.Version = nil, ""
	if got := versionText(bi, true); !strings.HasPrefix(got, "enisim (devel) (revision unknown") {
		t.Errorf("no VCS: %q", got)
	}
	code, out, _ := enisim("--version")
	if code != 0 || !strings.HasPrefix(out, "enisim ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}
