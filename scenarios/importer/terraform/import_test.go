package terraform

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/internal/golden"
)

// TestGolden imports each testdata/<case> directory (with -var overrides
// from its "vars" file, name=value per line) and compares the described
// layout with testdata/<case>.golden. Regenerate with -update, and review
// the diff.
func TestGolden(t *testing.T) {
	for _, name := range []string{"basic", "foreach", "module", "override", "unknowns", "modules"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			l, err := Import([]string{dir}, Options{Vars: readVars(t, filepath.Join(dir, "vars"))})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".golden"), []byte(describe(l)))
		})
	}
}

func readVars(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vars := map[string]string{}
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			vars[k] = v
		}
	}
	return vars
}

// TestDeterministic imports the same configuration twice.
func TestDeterministic(t *testing.T) {
	for _, name := range []string{"foreach", "modules", "unknowns"} {
		a, err := Import([]string{filepath.Join("testdata", name)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Import([]string{filepath.Join("testdata", name)}, Options{})
		if describe(a) != describe(b) {
			t.Errorf("%s: two imports differ", name)
		}
	}
}
