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
	vpcModels    map[string]*vpcModel
	lambdaModels map[string]*lambdaModel
	col          collector
	warnings     []importer.Warning
	warned       map[importer.Warning]bool
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
	cfg, err := loadModule(files, dir)
	if err != nil {
		return nil, err
	}
	l, err := importConfig(cfg, opts)
	if err != nil {
		return nil, err
	}
	l.Source = strings.Join(paths, " ")
	return l, nil
}

// importConfig evaluates a parsed root module.
func importConfig(cfg *moduleConfig, opts Options) (*importer.Layout, error) {
	im := newImp(cfg, opts)
	if err := buildTree(im.root, 0); err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(opts.Vars)) {
		if cfg.variables[name] == nil {
			im.warn("var."+name, "", "-var given for a variable the configuration does not declare", "")
		}
	}
	im.findRegion()
	im.walk(im.root)
	return im.build(), nil
}

func newImp(cfg *moduleConfig, opts Options) *imp {
	return &imp{
		root:         &instance{cfg: cfg},
		opts:         opts,
		funcs:        functions(),
		cache:        map[string]*memoEntry{},
		expansions:   map[string]*expansion{},
		idOf:         map[string]string{},
		names:        map[string]string{},
		idUsed:       map[string]bool{},
		nameUsed:     map[string]bool{},
		placeholders: map[string]string{},
		vpcModels:    map[string]*vpcModel{},
		lambdaModels: map[string]*lambdaModel{},
		col: collector{
			policies: map[string][]byte{},
			attach:   map[string][]string{},
			inline:   map[string][][]byte{},
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
				return nil, "", fmt.Errorf("terraform: no .tf files in %s", p)
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
