package cloudformation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/internal/golden"
	"github.com/enisim/enisim/scenarios/importer"
)

// TestGolden imports each folder of testdata/cases (its params.txt holds
// --param lines NAME=VALUE) and compares the scenario and the warnings, or
// the error, with testdata/NAME.golden.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if len(dirs) == 0 {
		t.Fatal("no test case")
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			l, err := Import([]string{dir}, Options{Params: readParams(t, dir)})
			golden.Check(t, filepath.Join("testdata", name+".golden"), render(t, l, err))
		})
	}
}

func readParams(t *testing.T, dir string) map[string]string {
	data, err := os.ReadFile(filepath.Join(dir, "params.txt"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, ln := range strings.Fields(string(data)) {
		k, v, _ := strings.Cut(ln, "=")
		out[k] = v
	}
	return out
}

// render is the scenario and what the CLI would print on stderr.
func render(t *testing.T, l *importer.Layout, err error) []byte {
	if err != nil {
		return []byte("error:\n" + err.Error() + "\n")
	}
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{Output: "out.yaml"}); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("# ---- stderr ----\n")
	for _, w := range l.Warnings {
		fmt.Fprintf(&buf, "# %s\n", w)
	}
	return buf.Bytes()
}
