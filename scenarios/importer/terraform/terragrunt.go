package terraform

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// unit is one Terragrunt unit: a directory whose terragrunt.hcl names a
// module (terraform { source }) and gives it inputs.
type unit struct {
	name, dir string
	files     []*hclsyntax.Body // the unit's terragrunt.hcl, then what it includes
	fileDirs  []string
	source    string // the module directory
	deps      map[string]*unitDep
	generated map[string][]byte // .tf files generate blocks write
	in        *instance
	inputs    map[string]cty.Value // evaluated on first use
	evaluated bool
}

type unitDep struct {
	dir  string
	mock cty.Value // mock_outputs, or NilVal
	u    *unit
}

// ImportTerragrunt imports Terragrunt units: dir itself when it holds a
// terragrunt.hcl, with the units its dependency blocks name; else every
// unit under dir (as terragrunt run-all would). Each unit's module is
// evaluated with the unit's inputs (merged over those of the files it
// includes) as variables; a dependency's outputs are those of the unit it
// names, evaluated too, or its mock_outputs when that unit cannot be read.
func ImportTerragrunt(dir string, opts Options) (*importer.Layout, error) {
	b := &budget{}
	tg := &terragrunt{b: b, units: map[string]*unit{}, opts: opts}
	tg.im = newImp(b, newModuleConfig(dir), opts)
	tg.im.root.children = map[string]*instance{}
	roots, err := unitDirs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range roots {
		if _, err := tg.load(d, 0); err != nil {
			return nil, err
		}
	}
	l, err := tg.importUnits(dir)
	if err != nil {
		return nil, err
	}
	l.Source = dir
	if abs, err := filepath.Abs(dir); err == nil {
		l.Name = filepath.Base(abs)
	}
	return l, nil
}

type terragrunt struct {
	b     *budget
	opts  Options
	units map[string]*unit // by directory
	order []*unit          // dependencies first
	im    *imp
}

// unitDirs is dir when it is a unit, else the units below it.
func unitDirs(dir string) ([]string, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("terragrunt: %s is not a directory", dir)
	}
	if isUnit(dir) {
		return []string{dir}, nil
	}
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != dir) {
			return filepath.SkipDir // .terragrunt-cache, .terraform, .git
		}
		if d.IsDir() && isUnit(p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("terragrunt: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("terragrunt: no unit in %s (a directory whose terragrunt.hcl has terraform { source = ... })", dir)
	}
	sort.Strings(out)
	return out, nil
}

// isUnit: dir's terragrunt.hcl has a terraform block (a root file that
// only holds shared inputs and is included by units is not one).
func isUnit(dir string) bool {
	src, err := os.ReadFile(filepath.Join(dir, "terragrunt.hcl"))
	if err != nil {
		return false
	}
	f, diags := hclsyntax.ParseConfig(src, "terragrunt.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		return true // let the load report the error
	}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "terraform" {
			return true
		}
	}
	return false
}

// maxUnits bounds the units one import follows through dependencies.
const maxUnits = 256

// load parses the unit in dir and, first, the units it depends on.
func (tg *terragrunt) load(dir string, depth int) (*unit, error) {
	dir = filepath.Clean(dir)
	if u, ok := tg.units[dir]; ok {
		if u == nil {
			return nil, fmt.Errorf("terragrunt: the dependencies of %s go round in a cycle", dir)
		}
		return u, nil
	}
	if len(tg.units) >= maxUnits {
		return nil, fmt.Errorf("terragrunt: more than %d units: %w", maxUnits, errBudget)
	}
	tg.units[dir] = nil
	u, err := tg.parseUnit(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(u.deps)) {
		d := u.deps[name]
		if !isUnit(d.dir) {
			continue // mock_outputs stand in; said when they are used
		}
		if d.u, err = tg.load(d.dir, depth+1); err != nil {
			return nil, err
		}
	}
	tg.units[dir] = u
	tg.order = append(tg.order, u)
	return u, nil
}

// IsTerragrunt reports whether dir is a Terragrunt layout rather than a
// Terraform module: it has no .tf files, and it or a directory below holds
// a unit's terragrunt.hcl.
func IsTerragrunt(dir string) bool {
	if fs, err := tfFiles(dir); err != nil || len(fs) > 0 {
		return false
	}
	_, err := unitDirs(dir)
	return err == nil
}
