// Package realworld finds the shared folder of real templates
// (<repo root>/../shared/realworld) for the importers' tests, and counts
// the Hyperplane ENI keys of a Layout.
package realworld

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
)

// Dir returns the realworld folder, or skips the test naming the folder
// it looked for; under CI (the CI environment variable set) a missing
// folder fails the test instead, so CI cannot pass without the real
// templates.
func Dir(t testing.TB) string {
	t.Helper()
	absent := t.Skipf
	if os.Getenv("CI") != "" {
		absent = t.Fatalf
	}
	root, err := repoRoot()
	if err != nil {
		absent("realworld: no go.mod above the working directory: %v", err)
	}
	dir := filepath.Join(root, "..", "shared", "realworld")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		absent("realworld folder %s is absent", dir)
	}
	return dir
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", os.ErrNotExist
		}
		dir = up
	}
}

// Keys lists the distinct (subnet, security-group set) keys of a layout's
// functions, as "subnet|sg1,sg2" with the groups sorted, sorted.
func Keys(l *importer.Layout) []string {
	var out []string
	for _, f := range l.Functions {
		sgs := slices.Clone(f.SecurityGroupIDs)
		slices.Sort(sgs)
		for _, s := range f.SubnetIDs {
			k := s + "|" + strings.Join(sgs, ",")
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}
