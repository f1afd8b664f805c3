package terraform

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/spec"
)

// TestWriteAndParse writes each imported layout with the common writer and
// parses the result as a scenario: what the importer produces, including
// placeholders and modelled modules, must be a valid scenario file (the
// real-world configurations are written and run in TestRealWorld).
func TestWriteAndParse(t *testing.T) {
	dirs := map[string]string{}
	for _, name := range []string{"basic", "foreach", "module", "override", "unknowns", "modules"} {
		dirs[name] = filepath.Join("testdata", name)
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			l, err := Import([]string{dir}, Options{Vars: readVars(t, filepath.Join(dir, "vars"))})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := importer.WriteScenario(&buf, l, importer.WriteOptions{Name: name}); err != nil {
				t.Fatal(err)
			}
			sc, err := spec.Parse(name+".yaml", buf.Bytes(), t.TempDir(), nil)
			if err != nil {
				t.Fatalf("written scenario does not parse: %v\n%s", err, buf.String())
			}
			if len(sc.Functions) != len(l.Functions) {
				t.Errorf("%d functions written, %d parsed", len(l.Functions), len(sc.Functions))
			}
		})
	}
}
