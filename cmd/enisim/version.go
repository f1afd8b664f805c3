package main

import (
	"fmt"
	"runtime/debug"
)

// versionCmd prints the module version and the VCS revision the binary was
// built from, as the Go toolchain recorded them.
func versionCmd(args []string, io *stdio) error {
	if len(args) > 0 {
		return usagef("--version takes no arguments")
	}
	fmt.Fprintln(io.out, versionText(debug.ReadBuildInfo()))
	return nil
}

// versionText is "enisim VERSION (revision REV[, modified], built TIME, goX)"
// from the build info; go run and go test binaries have version (devel)
// and, outside a VCS checkout, no revision.
func versionText(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "enisim (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	rev := "revision unknown (built outside a git checkout, or with -buildvcs=false)"
	if r := vcs["vcs.revision"]; r != "" {
		rev = "revision " + r
		if vcs["vcs.modified"] == "true" {
			rev += ", modified"
		}
		if t := vcs["vcs.time"]; t != "" {
			rev += ", committed " + t
		}
	}
	return fmt.Sprintf("enisim %s (%s; %s)", v, rev, bi.GoVersion)
}
