package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/enisim/enisim"

// rule says which enisim packages the packages matching pkg may import.
// Patterns are relative to the module: "x" is package x alone, "x/..." is
// x and everything below it. The first rule whose pkg matches applies, so
// specific rules come before general ones.
type rule struct {
	pkg string
	may []string
}

// rules is the layering, top of the tree last. Every arrow points down:
// cmd/enisim -> scenarios/* -> scenarios -> workload -> eni -> sim, and
// scenarios/spec, the file format, stands apart from the model.
var rules = []rule{
	{"sim/...", nil},
	{"eni/iam/lint", []string{"eni/iam"}},
	{"eni/iam/...", nil},
	{"eni/...", []string{"eni/...", "sim/..."}},
	{"workload/...", []string{"workload/...", "eni/...", "sim/..."}},
	{"scenarios/spec/...", []string{"scenarios/spec/..."}},
	{"scenarios", []string{"scenarios/spec/...", "workload/...", "eni/...", "sim/..."}},
	{"scenarios/...", []string{"scenarios/...", "workload/...", "eni/...", "sim/..."}},
	{"internal/...", []string{"internal/..."}},
	{"cmd/...", []string{"..."}},
}

// anyMay are packages every package may import: leaves that import no
// enisim package (test helpers, the regular-file opener), so an arrow to
// them cannot run up the tree.
var anyMay = []string{"internal/golden", "internal/realworld", "internal/inputfile", "internal/suggest"}

// match reports whether the module-relative path p matches pattern.
func match(pattern, p string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

// pkg is the part of `go list -json` the test reads.
type pkg struct {
	ImportPath                         string
	Imports, TestImports, XTestImports []string
}

// violations lists, one line each, the imports of pkgs that rules forbid,
// and the packages no rule covers.
func violations(pkgs []pkg, rules []rule) []string {
	var out []string
	for _, p := range pkgs {
		from, ok := strings.CutPrefix(p.ImportPath, module+"/")
		if !ok {
			continue
		}
		r, found := ruleFor(rules, from)
		if !found {
			out = append(out, fmt.Sprintf("%s: no rule in layout_test.go says what it may import", from))
			continue
		}
		for _, kind := range []struct {
			name string
			list []string
		}{{"imports", p.Imports}, {"test imports", p.TestImports}, {"external test imports", p.XTestImports}} {
			for _, imp := range kind.list {
				to, ok := strings.CutPrefix(imp, module+"/")
				if !ok || to == from || allowed(r, to) {
					continue
				}
				out = append(out, fmt.Sprintf("%s %s %s: not allowed by rule %q (may import %v)", from, kind.name, to, r.pkg, r.may))
			}
		}
	}
	return out
}

func ruleFor(rules []rule, p string) (rule, bool) {
	for _, r := range rules {
		if match(r.pkg, p) {
			return r, true
		}
	}
	return rule{}, false
}

func allowed(r rule, to string) bool {
	for _, m := range slices.Concat(anyMay, r.may) {
		if match(m, to) {
			return true
		}
	}
	return false
}

// goList runs `go list -json` over the whole module.
func goList(t *testing.T) []pkg {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	statSources(t, root)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-json=ImportPath,Imports,TestImports,XTestImports", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// statSources stats every directory and Go file of the module. go test
// caches a result by the files a test touches, and it cannot see what the
// go list subprocess reads: without this, an import added to any package
// would leave the cached "ok" standing.
func statSources(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(name, ".go") || name == "go.mod" {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestImportsRunDown(t *testing.T) {
	pkgs := goList(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages; is the test run inside the module?", len(pkgs))
	}
	for _, v := range violations(pkgs, rules) {
		t.Error(v)
	}
}

// TestRulesCatchBackArrows checks the checker: each import below runs up
// the tree and must be reported, and the real layout's arrows must not.
func TestRulesCatchBackArrows(t *testing.T) {
	back := []struct{ from, to string }{
		{"sim", "eni"},
		{"eni", "workload"},
		{"eni", "scenarios"},
		{"eni/iam", "eni"},
		{"workload", "scenarios"},
		{"scenarios/spec", "sim"},
		{"scenarios/spec", "scenarios"},
		{"scenarios", "scenarios/explain"},
		{"scenarios/explain", "cmd/enisim"},
		{"scenarios/importer/terraform", "cmd/enisim"},
		{"internal/golden", "scenarios"},
	}
	for _, b := range back {
		p := pkg{ImportPath: module + "/" + b.from, XTestImports: []string{module + "/" + b.to}}
		if v := violations([]pkg{p}, rules); len(v) != 1 {
			t.Errorf("%s -> %s: violations %q, want one", b.from, b.to, v)
		}
	}
	down := []struct{ from, to string }{
		{"eni", "sim"},
		{"workload", "eni"},
		{"scenarios", "scenarios/spec"},
		{"scenarios/html", "scenarios/explain"},
		{"scenarios/importer/awscli", "scenarios/importer"},
		{"cmd/enisim", "scenarios/plan"},
		{"scenarios/explain", "internal/golden"},
		{"sim", "internal/golden"},
	}
	for _, d := range down {
		p := pkg{ImportPath: module + "/" + d.from, Imports: []string{module + "/" + d.to, "fmt"}}
		if v := violations([]pkg{p}, rules); len(v) != 0 {
			t.Errorf("%s -> %s: violations %q, want none", d.from, d.to, v)
		}
	}
	if v := violations([]pkg{{ImportPath: module + "/newtop"}}, rules); len(v) != 1 {
		t.Errorf("a package no rule covers: violations %q, want one", v)
	}
}
