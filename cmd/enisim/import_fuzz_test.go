package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/spec"
)

// FuzzImportCLI runs 'enisim import' on a mutated file, as a user would,
// with the product's budgets and no test deadline: the exit code is 0
// (written, runs), 1 (written, a function refused) or 2 (refused input),
// never a panic; a scenario written with exit 0 or 1 loads. kind picks the
// source: CloudFormation YAML or JSON, or a serverless.yml.
func FuzzImportCLI(f *testing.F) {
	seeds := map[string]byte{
		importTD + "orders.yaml": 0, importTD + "refused.yaml": 0,
		"../../scenarios/importer/cloudformation/testdata/cases/other-ip-users/template.yaml": 0,
		"../../scenarios/importer/cloudformation/testdata/cases/exports/app.json":             1,
		"../../scenarios/importer/serverless/testdata/orders/serverless.yml":                  2,
		"../../scenarios/importer/serverless/testdata/external/serverless.yml":                2,
	}
	for file, kind := range seeds {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, kind)
	}
	f.Fuzz(func(t *testing.T, data []byte, kind byte) {
		dir := t.TempDir()
		source, name := "cloudformation", "t.yaml"
		switch kind % 3 {
		case 1:
			name = "t.json"
		case 2:
			source, name = "serverless", "serverless.yml"
		}
		in, out := filepath.Join(dir, name), filepath.Join(dir, "out.yaml")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := enisim("import", source, in, "-o", out)
		switch code {
		case 2:
			if strings.Contains(stderr, out) {
				t.Fatalf("the import wrote a scenario that does not load:\n%s", stderr)
			}
		case 0, 1:
			if _, err := spec.Load(out, nil); err != nil {
				t.Fatalf("exit %d but the written scenario does not load: %v\n%s", code, err, stderr)
			}
		default:
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
	})
}
