package cloudformation

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// Options are the deploy-time inputs a template leaves open.
type Options struct {
	// Params are --param Name=Value: template parameters (a comma list for
	// List<...> types), export names for Fn::ImportValue, and
	// AWS::StackName. A value may name a subnet or security group of the
	// given templates by its logical id.
	Params map[string]string
	// Region is AWS::Region; "" is us-east-1.
	Region string
}

// DefaultRegion is AWS::Region when Options.Region is "".
const DefaultRegion = "us-east-1"

// Import reads the templates at paths (files, or directories whose
// .yaml/.yml/.json/.template files are all read) and returns what they
// deploy. Files that another one uses as a nested stack are imported as
// that nested stack; the others are each a stack of their own. Warnings are
// in Layout.Warnings; an error means CloudFormation (or Lambda) would
// reject the templates, and no Layout is returned.
func Import(paths []string, opts Options) (*importer.Layout, error) {
	files, err := expandPaths(paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if len(paths) == 0 {
			return nil, errors.New("no template given")
		}
		return nil, fmt.Errorf("%s: no template there (.yaml, .yml, .json or .template files)", strings.Join(paths, ", "))
	}
	s := newState(opts)
	var used []string
	for _, f := range files {
		data, err := importer.ReadSource(f)
		if err != nil {
			return nil, err
		}
		t, err := parseTemplate(f, data)
		if errors.Is(err, errNotTemplate) && !slices.Contains(paths, f) {
			// Found in a directory: package.json, samconfig.yaml, ...
			s.warn(importer.Warning{Resource: f, Msg: "not a CloudFormation template (no Resources); skipped"})
			continue
		}
		if err != nil {
			return nil, err
		}
		s.templates = append(s.templates, t)
		used = append(used, f)
	}
	if len(used) == 0 {
		return nil, fmt.Errorf("%s: no CloudFormation template there (no file has a Resources mapping)", strings.Join(paths, ", "))
	}
	return s.run(used)
}

// ImportBytes is Import for templates already in memory (tests, fuzzing):
// names[i] is the file name of data[i].
func ImportBytes(names []string, data [][]byte, opts Options) (*importer.Layout, error) {
	s := newState(opts)
	for i, n := range names {
		t, err := parseTemplate(n, data[i])
		if err != nil {
			return nil, err
		}
		s.templates = append(s.templates, t)
	}
	return s.run(names)
}

func newState(opts Options) *importState {
	s := &importState{opts: opts, region: opts.Region, ids: map[string]*resource{},
		warned: map[string]bool{}, usedParam: map[string]bool{}, azAssumed: map[string]bool{}}
	if s.region == "" {
		s.region = DefaultRegion
	}
	return s
}

// run imports the templates. Which templates are nested in which is known
// for sure only once each TemplateURL is evaluated (Fn::FindInMap, a
// parameter): when that shows a template taken for a root to be nested in
// another, the import starts again without it as a root, so no template is
// imported twice (once through its parent, once alone with placeholders).
func (s *importState) run(files []string) (*importer.Layout, error) {
	nested := map[*template]bool{}
	for range len(s.templates) + 1 {
		a := newState(s.opts)
		a.templates, a.notRoot, a.warnings = s.templates, nested, slices.Clone(s.warnings)
		for _, w := range a.warnings {
			a.warned[w.String()+"\x00"+w.Subject] = true
		}
		l, again, err := a.attempt(files)
		if !again {
			*s = *a
			return l, err
		}
	}
	return nil, errors.New("nested stacks: the templates nest each other in a loop")
}

// attempt is one import from the current roots; again reports that a
// root turned out to be nested, so the import must start over.
func (s *importState) attempt(files []string) (l *importer.Layout, again bool, err error) {
	roots := s.roots()
	if len(roots) == 0 {
		return nil, false, errors.New("every template is nested in another: no stack to start from")
	}
	for _, t := range roots {
		s.newStack(t, nil, "", nil)
	}
	if err := s.instantiateNested(); err != nil {
		return nil, false, err
	}
	for _, st := range s.stacks {
		if st.parent != nil && slices.Contains(roots, st.tpl) {
			s.notRoot[st.tpl] = true
			again = true
		}
	}
	if again {
		return nil, true, nil
	}
	b := newBuilder(s)
	if err := b.build(); err != nil {
		return nil, false, err
	}
	s.checkParams()
	l = b.layout()
	var bases []string
	for _, f := range files {
		bases = append(bases, filepath.Base(f))
	}
	l.Source = "CloudFormation " + strings.Join(bases, ", ")
	l.Name = scenarioName(roots)
	l.Region = s.region
	l.Warnings = s.warnings
	l.Assumptions = s.assumptions
	return l, false, nil
}

// instantiateNested creates every nested stack that is not removed by a
// condition (a nested stack's resources exist whether or not anything
// refers to its outputs).
func (s *importState) instantiateNested() error {
	var errs []error
	for i := 0; i < len(s.stacks); i++ {
		st := s.stacks[i]
		for _, k := range st.order {
			r := st.res[k]
			if nestedLocation(r.typ, r.props) == nil {
				continue
			}
			if gone, _, err := r.removed(); err != nil || gone {
				errs = append(errs, err)
				continue
			}
			if _, err := st.child(r); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// checkParams warns about --param names that nothing declares or imports:
// most likely a typo.
func (s *importState) checkParams() {
	var names []string
	for k := range s.opts.Params {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if s.usedParam[k] || k == "AWS::StackName" || s.declared(k) {
			continue
		}
		s.warn(importer.Warning{Resource: "--param " + k,
			Msg: fmt.Sprintf("no template declares a parameter %s and no Fn::ImportValue imports it; ignored", k)})
	}
}

func (s *importState) declared(name string) bool {
	for _, t := range s.templates {
		if t.params.get(name) != nil {
			return true
		}
	}
	return false
}

// scenarioName is the name of the first root template that has functions
// (the application rather than its network stack).
func scenarioName(roots []*template) string {
	best := roots[0]
	for _, t := range roots {
		if slices.ContainsFunc(t.resources.vals, func(r *node) bool {
			typ := r.get("Type").str
			return typ == "AWS::Lambda::Function" || typ == "AWS::Serverless::Function"
		}) {
			best = t
			break
		}
	}
	return strings.TrimSuffix(best.base, tplExt(best.base))
}
