package cloudformation

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// importState is one import: the given templates, the stacks made from them
// and the warnings.
type importState struct {
	opts      Options
	region    string
	templates []*template
	stacks    []*stack
	ids       map[string]*resource // scenario id -> resource
	exports   []export
	exported  bool     // exports collected
	budget    budget   // what evaluation has spent (budget.go)
	outChain  []string // the outputs being evaluated, outermost first
	warnings  []importer.Warning
	warned    map[string]bool
	// assumptions are what the import supplied that the templates leave open.
	assumptions []importer.Assumption
	usedParam   map[string]bool // --param names that something used
	// notRoot are templates an evaluated TemplateURL showed to be nested.
	notRoot map[*template]bool
	// azAssumed: the Fn::GetAZs assumption is recorded once per region.
	azAssumed map[string]bool
}

// stack is one deployed instance of a template: a root, or a nested stack
// (the same file may be nested twice with different parameters).
type stack struct {
	s         *importState
	tpl       *template
	path      string // "" for a root; "LambdaStack" or "Net/SubnetStack" when nested
	name      string // AWS::StackName
	parent    *stack
	args      *node // the parent's Parameters for this stack (nil for a root)
	params    map[string]value
	paramBusy map[string]bool
	conds     map[string]bool
	condBusy  map[string]bool
	res       map[string]*resource
	order     []string // logical ids, sorted
	children  map[string]*stack
	outputs   map[string]value
	outBusy   map[string]bool
}

// resource is one resource of a stack.
type resource struct {
	st      *stack
	logical string
	typ     string
	n       *node
	props   *node // never nil: an empty mapping when absent
	id      string
	// defaultSG is set when GetAtt VPC.DefaultSecurityGroup was used.
	defaultSG bool
	attrs     map[string]value // evaluated attributes, by name
}

// label names the resource in warnings: its nested-stack path and logical id.
func (r *resource) label() string {
	if r.st.path == "" {
		return r.logical
	}
	return r.st.path + "/" + r.logical
}

// maxNesting bounds nested stacks (CloudFormation itself allows 5 levels in
// practice); deeper means a template includes itself.
const maxNesting = 8

// modelled are the resource types that get a scenario id.
var modelled = map[string]bool{
	"AWS::EC2::VPC": true, "AWS::EC2::Subnet": true, "AWS::EC2::SecurityGroup": true,
	"AWS::Lambda::Function": true, "AWS::Serverless::Function": true, "AWS::IAM::Role": true,
}

func (s *importState) newStack(tpl *template, parent *stack, path string, args *node) *stack {
	st := &stack{
		s: s, tpl: tpl, path: path, parent: parent, args: args,
		params: map[string]value{}, paramBusy: map[string]bool{},
		conds: map[string]bool{}, condBusy: map[string]bool{},
		res: map[string]*resource{}, children: map[string]*stack{},
		outputs: map[string]value{}, outBusy: map[string]bool{},
	}
	st.name = s.stackName(tpl, parent, path)
	empty := &node{kind: mapNode, file: tpl.file}
	for i, k := range tpl.resources.keys {
		rn := tpl.resources.vals[i]
		props := rn.get("Properties")
		if props == nil || props.kind != mapNode {
			props = empty
		}
		st.res[k] = &resource{st: st, logical: k, typ: rn.get("Type").str, n: rn, props: props}
		st.order = append(st.order, k)
	}
	slices.Sort(st.order)
	s.stacks = append(s.stacks, st)
	for _, k := range st.order {
		s.assignID(st.res[k])
	}
	return st
}

// stackName is AWS::StackName: --param AWS::StackName for roots, else the
// file name; a nested stack is "<parent>-<logical id>" as CloudFormation
// names them (less its random suffix).
func (s *importState) stackName(tpl *template, parent *stack, path string) string {
	if parent != nil {
		return parent.name + "-" + path[strings.LastIndex(path, "/")+1:]
	}
	if v, ok := s.opts.Params["AWS::StackName"]; ok {
		return v
	}
	n := strings.TrimSuffix(tpl.base, tplExt(tpl.base))
	n = regexp.MustCompile(`[^A-Za-z0-9-]+`).ReplaceAllString(n, "-")
	return strings.Trim(n, "-")
}

func tplExt(base string) string {
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[i:]
	}
	return ""
}

// assignID gives a modelled resource its scenario id: the kebab-case logical
// id, prefixed by its nested-stack path when another resource has it.
func (s *importState) assignID(r *resource) {
	if !modelled[r.typ] {
		return
	}
	base := importer.Kebab(r.logical)
	if n := slsFunctionName(r.n); n != "" {
		base = importer.Kebab(n) // sendText, not send-text-lambda-function
	}
	if base == "" {
		base = "resource"
	}
	base = shortID(base, r.logical)
	cands := []string{base}
	if r.st.path != "" {
		prefixed := shortID(importer.Kebab(r.st.path)+"-"+base, r.label())
		if s.shared(r.logical) || s.nestedUses(r.st.tpl) > 1 {
			// Two templates (lambda.yaml, lambda-authorizer.yaml) both call
			// their function "Function": name both by their stack.
			cands = nil
		}
		cands = append(cands, prefixed)
	}
	for _, c := range cands {
		if s.ids[c] == nil {
			r.id, s.ids[c] = c, r
			return
		}
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d", cands[len(cands)-1], i)
		if s.ids[c] == nil {
			r.id, s.ids[c] = c, r
			return
		}
	}
}

// maxIDLen keeps scenario ids within a function name's 64 characters,
// with room for a "-2" suffix.
const maxIDLen = 60

// shortID shortens a long id (CDK's logical ids run past 64 characters)
// to its start and a hash of the full name, so it stays unique and the
// same from run to run.
func shortID(id, full string) string {
	if len(id) <= maxIDLen {
		return id
	}
	h := fnv.New32a()
	h.Write([]byte(full))
	return strings.TrimRight(id[:maxIDLen-9], "-") + fmt.Sprintf("-%08x", h.Sum32())
}

// shared reports whether several templates define a modelled resource
// with this logical id.
func (s *importState) shared(logical string) bool {
	n := 0
	for _, t := range s.templates {
		if r := t.resources.get(logical); r != nil && modelled[r.get("Type").str] {
			n++
		}
	}
	return n > 1
}

// nestedUses counts the nested-stack resources that name tpl.
func (s *importState) nestedUses(tpl *template) int {
	n := 0
	for _, t := range s.templates {
		for _, r := range t.resources.vals {
			if loc := nestedLocation(r.get("Type").str, r.get("Properties")); loc != nil {
				if c, ok := s.findNested(staticText(loc)); ok && c == tpl {
					n++
				}
			}
		}
	}
	return n
}

// assume records an assumption (the writer lists them once each).
func (s *importState) assume(a importer.Assumption) {
	s.assumptions = append(s.assumptions, a)
}

// hintOr is h, or def when h is "".
func hintOr(h, def string) string {
	if h != "" {
		return strings.TrimPrefix(h, "; ")
	}
	return def
}

// warn records a warning once.
func (s *importState) warn(w importer.Warning) {
	key := w.String() + "\x00" + w.Subject
	if s.warned[key] {
		return
	}
	s.warned[key] = true
	s.warnings = append(s.warnings, w)
}

// child is the nested stack made by resource r, created on first use (a
// sibling's outputs may be needed to evaluate its TemplateURL or condition).
func (st *stack) child(r *resource) (*stack, error) {
	if c, ok := st.children[r.logical]; ok {
		return c, nil
	}
	st.children[r.logical] = nil // in progress: a cycle ends as "not found"
	loc := nestedLocation(r.typ, r.props)
	if loc == nil {
		return nil, nil
	}
	tpl, err := st.nestedTemplate(r, loc)
	if tpl == nil || err != nil {
		return nil, err
	}
	path := r.logical
	if st.path != "" {
		path = st.path + "/" + r.logical
	}
	if strings.Count(path, "/") >= maxNesting {
		return nil, errAt(loc, "%s: nested stacks %d deep: does a template nest itself?", r.label(), maxNesting)
	}
	args := r.props.get("Parameters")
	c := st.s.newStack(tpl, st, path, args)
	st.children[r.logical] = c
	return c, nil
}

// nestedTemplate finds the given template a nested stack deploys: the
// file a CDK asset names (Metadata aws:asset:path), else the one its
// evaluated TemplateURL ends with. nil (warned) when none is given.
func (st *stack) nestedTemplate(r *resource, loc *node) (*template, error) {
	if p := assetPath(r.n); p != "" {
		if tpl, ok := st.s.findNested(p); ok {
			return tpl, nil
		}
	}
	prop := loc.keyName(r.typ)
	v, err := (&ev{st: st, where: r.logical + "." + prop}).eval(loc)
	if err != nil {
		return nil, err
	}
	url := asString(v)
	if tpl, ok := st.s.findNested(url); ok {
		return tpl, nil
	}
	w := importer.Warning{Resource: r.label(), Property: prop, Pos: loc.pos(),
		Msg: fmt.Sprintf("nested template %q is not among the given files: its resources are not imported; add the file to the command line", url)}
	if u, ok := firstUnknown(v); ok {
		w.Msg = fmt.Sprintf("the nested template's %s is unknown (%s), so its resources are not imported%s, with a URL that ends with the name of one of the given files (%s)",
			prop, u.reason, giveHint(u), st.s.fileNames())
	}
	st.s.warn(w)
	return nil, nil
}

// assetPath is the template file a CDK nested stack was synthesized to.
func assetPath(r *node) string {
	if p := r.get("Metadata").get("aws:asset:path"); p != nil && p.kind == scalarNode {
		return p.str
	}
	return ""
}

func (s *importState) fileNames() string {
	var names []string
	for _, t := range s.templates {
		names = append(names, t.base)
	}
	return strings.Join(names, ", ")
}

// keyName is the property holding a nested template's location.
func (n *node) keyName(typ string) string {
	if typ == "AWS::Serverless::Application" {
		return "Location"
	}
	return "TemplateURL"
}
