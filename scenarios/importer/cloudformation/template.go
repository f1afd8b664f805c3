package cloudformation

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// template is one parsed template file.
type template struct {
	file       string // path as given
	base       string // file name
	root       *node
	params     *node
	conditions *node
	mappings   *node
	resources  *node
	outputs    *node
	globals    *node // SAM Globals
	// serverless marks a template made from a serverless.yml, whose Refs
	// may name resources the framework generates.
	serverless bool
}

func parseTemplate(file string, data []byte) (*template, error) {
	root, err := readTemplate(file, data)
	if err != nil {
		return nil, err
	}
	return templateFromNode(file, root, false)
}

// templateFromNode checks a template read or generated (serverless: from
// a serverless.yml, whose Refs may name what the framework generates).
func templateFromNode(file string, root *node, serverless bool) (*template, error) {
	if root.kind != mapNode {
		return nil, errAt(root, "a template is a mapping with a Resources section")
	}
	t := &template{
		file: file, base: filepath.Base(file), root: root,
		params: root.get("Parameters"), conditions: root.get("Conditions"),
		mappings: root.get("Mappings"), resources: root.get("Resources"),
		outputs: root.get("Outputs"), globals: root.get("Globals"), serverless: serverless,
	}
	if t.resources == nil || t.resources.kind != mapNode {
		return nil, fmt.Errorf("%w%w", errAt(root, "no Resources mapping: not a CloudFormation template"), errNoText{errNotTemplate})
	}
	for _, sec := range []*node{t.params, t.conditions, t.mappings, t.outputs, t.globals} {
		if sec != nil && sec.kind != mapNode && sec.kind != nullNode {
			return nil, errAt(sec, "a template section must be a mapping")
		}
	}
	if n := len(t.resources.keys); n > MaxResources {
		return nil, errAt(t.resources, "%d resources: CloudFormation allows at most %d per template (MaxResources); split the stack into nested stacks", n, MaxResources)
	}
	for i, r := range t.resources.vals {
		if r.kind != mapNode || r.get("Type") == nil || r.get("Type").kind != scalarNode {
			return nil, errAt(r, "resource %s: needs a Type", t.resources.keys[i])
		}
	}
	if err := t.validate(); err != nil {
		return nil, err
	}
	if err := checkCycles(t); err != nil {
		return nil, err
	}
	return t, nil
}

// errNotTemplate marks a file without a Resources mapping.
var errNotTemplate = errors.New("not a CloudFormation template")

// templateExts are the files a directory argument contributes (.cform is
// a JSON template's name in some repositories).
var templateExts = []string{".yaml", ".yml", ".json", ".template", ".cform"}

// expandPaths replaces each directory by the template files in it, sorted.
// A CDK cloud assembly (cdk.out: a manifest.json beside the templates)
// contributes its *.template.json files, nested stacks' assets included,
// and not its manifest, tree or asset descriptions.
func expandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		_, err = os.Stat(filepath.Join(p, "manifest.json"))
		cdk := err == nil
		for _, e := range ents {
			name := e.Name()
			switch {
			case e.IsDir():
			case cdk && strings.HasSuffix(name, ".template.json"):
				out = append(out, filepath.Join(p, name))
			case !cdk && slices.Contains(templateExts, strings.ToLower(filepath.Ext(name))):
				out = append(out, filepath.Join(p, name))
			}
		}
	}
	return out, nil
}

// findNested picks the given template a nested stack's TemplateURL (or a
// SAM application's Location) names: the one with that file name, else
// the only one whose name ends with "-NAME" or "_NAME" (copies renamed with
// a prefix, as in a shared folder). ok is false when none or several match.
func (s *importState) findNested(url string) (t *template, ok bool) {
	base := url[strings.LastIndexAny(url, "/\\")+1:]
	if base == "" {
		return nil, false
	}
	var suffix []*template
	for _, t := range s.templates {
		if t.base == base {
			return t, true
		}
		if strings.HasSuffix(t.base, "-"+base) || strings.HasSuffix(t.base, "_"+base) {
			suffix = append(suffix, t)
		}
	}
	if len(suffix) == 1 {
		return suffix[0], true
	}
	return nil, false
}

// staticText concatenates the scalars under n: enough to see which file a
// TemplateURL such as !Sub "https://${Bucket}/x/vpc.yaml" ends with before
// anything is evaluated.
func staticText(n *node) string {
	if n == nil {
		return ""
	}
	switch n.kind {
	case scalarNode:
		return n.str
	case seqNode, mapNode: // a mapping's values, not its keys
		var b strings.Builder
		for _, c := range slices.Concat(n.items, n.vals) {
			b.WriteString(staticText(c))
		}
		return b.String()
	}
	return ""
}

// nestedLocation is the node naming a nested template, if r is a nested
// stack or SAM application.
func nestedLocation(typ string, props *node) *node {
	switch typ {
	case "AWS::CloudFormation::Stack":
		return props.get("TemplateURL")
	case "AWS::Serverless::Application":
		return props.get("Location")
	}
	return nil
}

// roots are the templates no other given template uses as a nested stack:
// each is deployed as a stack of its own.
func (s *importState) roots() []*template {
	nested := map[*template]bool{}
	for _, t := range s.templates {
		for _, r := range t.resources.vals {
			loc := nestedLocation(r.get("Type").str, r.get("Properties"))
			if loc == nil {
				continue
			}
			if c, ok := s.findNested(assetPath(r)); ok && c != t {
				nested[c] = true
			} else if c, ok := s.findNested(staticText(loc)); ok && c != t {
				nested[c] = true
			}
		}
	}
	var out []*template
	for _, t := range s.templates {
		if !nested[t] && !s.notRoot[t] {
			out = append(out, t)
		}
	}
	return out
}
