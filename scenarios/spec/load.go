package spec

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/enisim/enisim/internal/inputfile"
)

// Load reads and checks the scenario file at path, after applying
// overrides (--set flags) in order. Relative paths in the file (traces,
// policy files) are resolved against the file's directory.
func Load(path string, overrides []Override) (*Scenario, error) {
	data, err := readRegular(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, filepath.Dir(path), overrides)
}

// Parse decodes and checks a scenario read from file (used in messages),
// resolving relative paths in it against baseDir. Its error is an
// ErrorList of every problem found, sorted by position.
func Parse(file string, data []byte, baseDir string, overrides []Override) (*Scenario, error) {
	return parse(file, data, osFiles{dir: baseDir}, flagSettings(overrides), true)
}

// ParseFS is Parse for a scenario whose files live in fsys (built-in
// scenarios embedded in the binary): paths are resolved against dir in
// fsys, and the resolved paths stored in the Scenario are fsys paths.
func ParseFS(fsys fs.FS, file string, data []byte, dir string, overrides []Override) (*Scenario, error) {
	return parse(file, data, fsFiles{fsys: fsys, dir: dir}, flagSettings(overrides), true)
}

// Reparse decodes the scenario's source again with its overrides and then
// extra ones (a variant's Set) applied; the original is not changed.
func (s *Scenario) Reparse(extra ...Override) (*Scenario, error) {
	all := append(slices.Clip(s.Overrides), extra...)
	return parse(s.File, s.Source, s.files, flagSettings(all), true)
}

// setting is an override with the place it came from: a --set flag, or
// the line of a variant in the file.
type setting struct {
	Override
	pos Pos
}

func flagSettings(overrides []Override) []setting {
	out := make([]setting, len(overrides))
	for i, o := range overrides {
		out[i] = setting{o, Pos{File: "--set " + o.Path + "=" + o.Value}}
	}
	return out
}

func parse(file string, data []byte, files fileSystem, settings []setting, checkVariants bool) (*Scenario, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, ErrorList{e}
		}
		return nil, err
	}
	if root == nil {
		return nil, ErrorList{{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: "the file is empty: a scenario needs at least name, duration and functions"}}
	}
	if root.kind != mapNode {
		return nil, ErrorList{{Pos: root.pos, Msg: "a scenario is a YAML mapping (name: ..., duration: ..., functions: ...), not " + root.describe()}}
	}
	d := &decoder{file: file, files: files, def: DefaultParams()}
	s := d.decode(root, settings, checkVariants)
	if err := d.result(); err != nil {
		return nil, err
	}
	s.File, s.Source, s.files = file, data, files
	s.BaseDir = files.base()
	for _, st := range settings {
		s.Overrides = append(s.Overrides, st.Override)
	}
	return s, nil
}

// decode applies the settings to a copy of the tree (the tree itself is
// kept for the variants), decodes it and runs the cross checks.
func (d *decoder) decode(tree *node, settings []setting, checkVariants bool) *Scenario {
	root := tree.clone()
	for _, st := range settings {
		if err := applyOverride(root, st); err != nil {
			d.errs = append(d.errs, err)
		}
	}
	s := d.scenario(root)
	d.check(s)
	if len(d.errs) == 0 && checkVariants {
		d.checkVariants(s, tree, settings)
	}
	sortWarnings(d.warns)
	s.Warnings = d.warns
	return s
}

// checkVariants decodes the scenario once per variant, so that a variant
// naming a key or id that does not exist is reported now, not when
// "compare" runs it.
func (d *decoder) checkVariants(s *Scenario, tree *node, base []setting) {
	for _, v := range s.Variants {
		all := slices.Clip(base)
		for i, o := range v.Set {
			p := v.Pos // a Variant built in Go has no setPos
			if i < len(v.setPos) {
				p = v.setPos[i]
			}
			all = append(all, setting{o, p})
		}
		vd := &decoder{file: d.file, files: d.files, def: d.def}
		vd.decode(tree, all, false)
		for _, e := range vd.errs {
			d.errorf(e.Pos, "in variant %s: %s", v.Name, e.Msg)
		}
	}
}

var topKeys = []string{"version", "name", "description", "seed", "duration", "region", "vpcs", "functions", "timeline", "hyperplane", "variants", "observed"}

func (d *decoder) scenario(root *node) *Scenario {
	f := d.fields(root, "", topKeys...)
	s := &Scenario{Seed: 1}
	if v := f.get("version"); v != nil {
		if i, ok := d.integer(v, "version", 0); ok && i != 1 {
			d.errorf(v.pos, "version: this is version 1 of the format; version %d does not exist", i)
		}
	}
	s.Name = f.name("name", scenarioName, "lowercase letters, digits and -")
	s.Description = f.str("description")
	if v := f.get("seed"); v != nil {
		seed, err := strconv.ParseUint(v.text, 10, 64)
		if v.kind != scalarNode || v.typ == floatType || err != nil {
			d.errorf(v.pos, "seed: expected a whole number from 0 to 2^64-1, got %s", v.describe())
		}
		s.Seed = seed
	}
	s.Duration = f.reqDur("duration")
	if v := f.get("duration"); v != nil && s.Duration == 0 && len(d.errs) == 0 {
		d.errorf(v.pos, "duration: a scenario must run for more than 0s")
	}
	s.Region = d.region(f.get("region"))
	s.VPCs = d.vpcs(f.get("vpcs"))
	if v := f.require("functions"); v != nil {
		s.Functions = d.functions(v)
	}
	s.Timeline = d.timeline(f.get("timeline"))
	s.Hyperplane = d.hyperplane(f.get("hyperplane"))
	s.Variants = d.variants(f.get("variants"))
	s.Observed = d.observed(f.get("observed"))
	return s
}

func (d *decoder) region(n *node) Region {
	r := d.def.Region
	if n == nil {
		return r
	}
	f := d.fields(n, "region", "eniQuota", "concurrency", "scalingRate", "caller")
	r.ENIQuota = f.intOr("eniQuota", r.ENIQuota, 0)
	r.Concurrency = f.intOr("concurrency", r.Concurrency, 0)
	if v := f.get("scalingRate"); v != nil {
		if s, ok := d.str(v, "region.scalingRate"); ok {
			n, per, err := ParseRateParts(s)
			switch {
			case err != nil:
				d.errorf(v.pos, "region.scalingRate: %v", err)
			case n < 1:
				d.errorf(v.pos, "region.scalingRate: %s lets less than one environment start per period; write it as N/period with N at least 1", s)
			default:
				r.ScalingRate, r.ScalingBurst = n/per.Seconds(), n
			}
		}
	}
	if v := f.get("caller"); v != nil {
		r.Caller = d.caller(v, "region.caller")
	}
	return r
}

func (d *decoder) hyperplane(n *node) Hyperplane {
	h := d.def.Hyperplane
	if n == nil {
		return h
	}
	f := d.fields(n, "hyperplane", "model", "portsPerEni", "creationDelay", "scaleOutAt", "idleReclaim", "deleteDelay",
		"reaperSlack", "legacyEniDelay", "scaleOutRetry")
	h.Model = f.oneOf("model", h.Model, "hyperplane", "per-environment")
	h.PortsPerENI = f.intOr("portsPerEni", h.PortsPerENI, 1)
	if v := f.get("creationDelay"); v != nil {
		h.CreationDelay = d.dist(v, "hyperplane.creationDelay")
	}
	if v := f.get("scaleOutAt"); v != nil {
		if x, ok := d.float(v, "hyperplane.scaleOutAt"); ok {
			if x <= 0 || x > 1 {
				d.errorf(v.pos, "hyperplane.scaleOutAt: %v is not in (0, 1]: it is a share of the ENIs' ports", x)
			} else {
				h.ScaleOutAt = x
			}
		}
	}
	h.IdleReclaim = f.durOr("idleReclaim", h.IdleReclaim)
	if v := f.get("idleReclaim"); v != nil && h.IdleReclaim == 0 {
		d.errorf(v.pos, "hyperplane.idleReclaim: must be more than 0s")
	}
	if v := f.get("deleteDelay"); v != nil {
		h.DeleteDelay = d.dist(v, "hyperplane.deleteDelay")
	}
	if v := f.get("reaperSlack"); v != nil {
		h.ReaperSlack = d.dist(v, "hyperplane.reaperSlack")
	}
	if v := f.get("legacyEniDelay"); v != nil {
		h.LegacyENIDelay = d.dist(v, "hyperplane.legacyEniDelay")
	}
	h.ScaleOutRetry = positive(f, "scaleOutRetry", h.ScaleOutRetry)
	return h
}

// variants decodes `variants: [{name, set: {PATH: VALUE}}]`, keeping the
// order written.
func (d *decoder) variants(n *node) []Variant {
	if n == nil {
		return nil
	}
	var out []Variant
	seen := map[string]bool{}
	items := d.list(n, "variants")
	if len(items) > maxVariants {
		d.errorf(n.pos, "variants: %d variants; a scenario has at most %d", len(items), maxVariants)
		return nil
	}
	for i, item := range items {
		f := d.fields(item, fmt.Sprintf("variants.%d", i), "name", "set")
		v := Variant{Name: f.name("name", idPattern, "letters, digits, _ and -"), Pos: item.pos}
		if seen[v.Name] && v.Name != "" {
			d.errorf(item.pos, "variants: two variants are named %q", v.Name)
		}
		seen[v.Name] = true
		if set := f.require("set"); set != nil {
			if set.kind != mapNode { // keys are paths, checked when applied
				d.errorf(set.pos, "%s: expected a mapping of PATH: VALUE, got %s", f.sub("set"), set.describe())
			}
			for j, k := range set.keys {
				if k.text == "seed" || k.text == "duration" {
					// compare runs every variant on the same seeds, for
					// the same time: a variant's own was ignored.
					d.errorf(k.pos, "%s.%s: variants are compared on the same seeds and duration; set it for the whole scenario, or with --seed and --duration", f.sub("set"), k.text)
					continue
				}
				v.Set = append(v.Set, Override{Path: k.text, Value: set.vals[j].flow()})
				v.setPos = append(v.setPos, k.pos)
			}
		}
		out = append(out, v)
	}
	return out
}

// fileSystem is where a scenario's relative paths point: the directory of
// a file on disk, or a directory of an fs.FS.
type fileSystem interface {
	resolve(name string) string
	readFile(resolved string) ([]byte, error)
	open(resolved string) (io.ReadCloser, error) // traces are streamed, not read whole
	base() string
}

type osFiles struct{ dir string }

func (o osFiles) resolve(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(o.dir, name)
}

func (o osFiles) readFile(resolved string) ([]byte, error)    { return readRegular(resolved) }
func (o osFiles) open(resolved string) (io.ReadCloser, error) { return inputfile.Open(resolved) }

// readRegular reads a file the scenario names, refusing a directory, FIFO
// or device before opening it (a FIFO with no writer blocks the open).
func readRegular(path string) ([]byte, error) {
	if err := inputfile.Check(path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
func (o osFiles) base() string { return o.dir }

type fsFiles struct {
	fsys fs.FS
	dir  string
}

func (f fsFiles) resolve(name string) string { return path.Join(f.dir, name) }
func (f fsFiles) readFile(resolved string) ([]byte, error) {
	return fs.ReadFile(f.fsys, resolved)
}
func (f fsFiles) base() string { return f.dir }
func (f fsFiles) open(resolved string) (io.ReadCloser, error) {
	return f.fsys.Open(resolved)
}

// checkFile reports a referenced file that cannot be opened as a regular
// file, and returns its resolved path.
func (d *decoder) checkFile(n *node, path, name string) string {
	resolved := d.files.resolve(name)
	var err error
	switch fsys := d.files.(type) {
	case osFiles:
		var fi os.FileInfo
		if fi, err = os.Stat(resolved); err == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("not a regular file")
		}
	case fsFiles:
		var fi fs.FileInfo
		if fi, err = fs.Stat(fsys.fsys, resolved); err == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("not a regular file")
		}
	}
	if err != nil {
		d.errorf(n.pos, "%s: file %s (resolved against the scenario's directory): %v", path, name, unwrapPathError(err))
	}
	return resolved
}

// unwrapPathError drops the path an fs error repeats.
func unwrapPathError(err error) error {
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open opens a file the scenario refers to (a trace, a durations file) by
// the resolved path stored in the Scenario, on disk or in the embedded
// built-ins alike.
func (s *Scenario) Open(resolved string) (io.ReadCloser, error) {
	if s.files == nil {
		return inputfile.Open(resolved)
	}
	return s.files.open(resolved)
}
