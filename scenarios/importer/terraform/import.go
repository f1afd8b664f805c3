package terraform

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty/function"
)

// Options control Import.
type Options struct {
	// Vars are -var overrides of the root module's variables. A value is
	// taken literally for variables of type string, number or bool, else
	// read as an HCL expression (["a", "b"], {k = "v"}) when it parses as
	// one without references, else taken as a plain string.
	Vars map[string]string
	// VarFiles are -var-file files, read after the root directory's
	// terraform.tfvars and *.auto.tfvars and before Vars.
	VarFiles []string
	// ModuleDirs maps a remote module source (as written, or without its
	// "//subdir" and "?ref=", e.g. github.com/org/modules) to a local
	// checkout; its //subdir is read there.
	ModuleDirs map[string]string
}

// imp is one import: the module tree, the caches of evaluated values and
// what has been collected and warned so far.
type imp struct {
	root       *instance
	opts       Options
	region     string
	regionFrom string
	funcs      map[string]function.Function
	cache      map[string]*memoEntry
	expansions map[string]*expansion
	// idOf and idUsed keep scenario ids unique and stable per address;
	// names does the same for function names.
	idOf, names  map[string]string
	idUsed       map[string]bool
	nameUsed     map[string]bool
	placeholders map[string]string // placeholder id -> what it stands for
	// subnetVPC is the VPC (as written: a scenario id or an AWS id) of
	// subnets known only by id, when something says which: a lookup's
	// vpc_id, a plan's vpc_config.vpc_id.
	subnetVPC    map[string]string
	vpcModels    map[string]*vpcModel
	lambdaModels map[string]*lambdaModel
	col          collector
	b            *budget
	depth        int              // of eval calls in progress (MaxEvalDepth)
	tfvars       map[string]tfvar // values of the root's variables from .tfvars files
	warnings     []importer.Warning
	assumptions  []importer.Assumption
	// unitInput gives the variables of Terragrunt units (terragrunt.go).
	unitInput func(in *instance, name string) (result, bool)
	warned    map[importer.Warning]bool
}

// Import reads the Terraform configuration made of paths (directories,
// whose .tf files are read, or single .tf files; together they form the
// root module, whose directory is that of the first path) and returns its
// layout. Malformed HCL, and a module source that is not a literal string,
// are errors naming file:line:col; everything that cannot be evaluated is
// a warning in the layout.
func Import(paths []string, opts Options) (*importer.Layout, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("terraform: no directory or .tf file given")
	}
	files, dir, err := rootFiles(paths)
	if err != nil {
		return nil, err
	}
	b := &budget{}
	cfg, err := loadModule(newLoader(b, dir, opts.ModuleDirs), files, dir)
	if err != nil {
		return nil, err
	}
	l, err := importConfig(b, cfg, opts)
	if err != nil {
		return nil, err
	}
	l.Source = strings.Join(paths, " ")
	return l, nil
}

// importConfig evaluates a parsed root module: its variable files, then
// the tree of modules. An error of the evaluation (an exceeded budget, a
// configuration Terraform rejects) is the import's error.
func importConfig(b *budget, cfg *moduleConfig, opts Options) (*importer.Layout, error) {
	im := newImp(b, cfg, opts)
	if err := buildTree(newLoader(b, cfg.dir, opts.ModuleDirs), im.root, 0); err != nil {
		return nil, err
	}
	if err := im.readVarFiles(append(autoVarFiles(cfg.dir), opts.VarFiles...)); err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(opts.Vars)) {
		if cfg.variables[name] == nil {
			im.warn("var."+name, "", "-var given for a variable the configuration does not declare", "")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(im.tfvars)) {
		if cfg.variables[name] == nil {
			// Terraform warns about these too, and goes on.
			im.warn("var."+name, "", im.tfvars[name].pos+": a variable file sets a variable the configuration does not declare", "")
		}
	}
	im.findRegion()
	im.walk(im.root)
	if b.fatal != nil {
		return nil, b.fatal
	}
	return im.build(), nil
}

func newImp(b *budget, cfg *moduleConfig, opts Options) *imp {
	return &imp{
		b:            b,
		tfvars:       map[string]tfvar{},
		root:         &instance{cfg: cfg},
		opts:         opts,
		funcs:        functions(b),
		cache:        map[string]*memoEntry{},
		expansions:   map[string]*expansion{},
		idOf:         map[string]string{},
		names:        map[string]string{},
		idUsed:       map[string]bool{},
		nameUsed:     map[string]bool{},
		placeholders: map[string]string{},
		subnetVPC:    map[string]string{},
		vpcModels:    map[string]*vpcModel{},
		lambdaModels: map[string]*lambdaModel{},
		col: collector{
			policies:      map[string][]byte{},
			attach:        map[string][]string{},
			inline:        map[string][][]byte{},
			unseen:        map[string][]string{},
			subnetGroups:  map[string][]string{},
			clusterGroups: map[string]string{},
		},
		warned: map[importer.Warning]bool{},
	}
}

// rootFiles lists the .tf files of paths and the root module directory.
func rootFiles(paths []string) ([]string, string, error) {
	var files []string
	dir := ""
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, "", fmt.Errorf("terraform: %w", err)
		}
		d := filepath.Dir(p)
		if st.IsDir() {
			d = p
			fs, err := tfFiles(p)
			if err != nil {
				return nil, "", fmt.Errorf("terraform: %w", err)
			}
			if len(fs) == 0 {
				return nil, "", noTFFiles(p)
			}
			files = append(files, fs...)
		} else {
			files = append(files, p)
		}
		if dir == "" {
			dir = filepath.Clean(d)
		}
	}
	return files, dir, nil
}

// warn records a warning once. subject is the scenario id it concerns
// ("" for the header).
func (im *imp) warn(resource, property, msg, subject string) {
	w := importer.Warning{Resource: resource, Property: property, Msg: msg, Subject: subject}
	if im.warned[w] {
		return
	}
	im.warned[w] = true
	im.warnings = append(im.warnings, w)
}

// noTFFiles says why a directory does not import, and what to give
// instead when it is a Terragrunt unit or holds only variable files.
func noTFFiles(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "terragrunt.hcl")); err == nil {
		return fmt.Errorf("terraform: no .tf files in %s: it is a Terragrunt unit (terragrunt.hcl); import it with: enisim import terragrunt %s", dir, dir)
	}
	return fmt.Errorf("terraform: no .tf files in %s (give the directory of the root module, or a plan: terraform show -json plan.out > plan.json; enisim import terraform-plan plan.json)", dir)
}

// assume records an assumption once.
func (im *imp) assume(a importer.Assumption) {
	if !slices.Contains(im.assumptions, a) {
		im.assumptions = append(im.assumptions, a)
	}
}
