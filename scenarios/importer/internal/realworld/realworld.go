package realworld

import (
	"slices"
	"strings"
	"testing"

	shared "github.com/enisim/enisim/internal/realworld"
	"github.com/enisim/enisim/scenarios/importer"
)

// Dir returns the realworld folder: when it is absent, the test is
// skipped, or fails under CI (see package internal/realworld).
func Dir(t testing.TB) string {
	t.Helper()
	return shared.Dir(t)
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
