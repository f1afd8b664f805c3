package terraform

import (
	"path/filepath"
	"regexp"
	"strings"
)

// moduleKind says how a module call is evaluated.
type moduleKind int

const (
	kindFollowed   moduleKind = iota // its .tf files are read
	kindVPC                          // modelled: terraform-aws-modules/vpc/aws
	kindLambda                       // modelled: terraform-aws-modules/lambda/aws
	kindUnfollowed                   // its outputs are unknown
)

// maxModuleDepth bounds nested local modules, so a module that reaches
// itself through a chain of sources cannot recurse forever.
const maxModuleDepth = 16

// instance is one module in the tree rooted at the imported configuration.
// Module calls with count or for_each are taken as one instance (see
// collect.go).
type instance struct {
	path     string // "" for the root, else "module.a" or "module.a.module.b"
	cfg      *moduleConfig
	parent   *instance
	call     *callConfig
	kind     moduleKind
	note     string // why it is modelled or not followed
	children map[string]*instance
	unit     *unit // a Terragrunt unit's module: its inputs are the variables
}

// addr prefixes a resource address with the module path.
func (in *instance) addr(a string) string {
	if in.path == "" {
		return a
	}
	return in.path + "." + a
}

// idParts are the module names from the root down, used in scenario ids.
func (in *instance) idParts() []string {
	if in.parent == nil {
		return nil
	}
	return append(in.parent.idParts(), in.call.name)
}

// ancestorsHave reports whether dir is the directory of in or of one of
// its ancestors.
func (in *instance) ancestorsHave(dir string) bool {
	for p := in; p != nil; p = p.parent {
		if p.cfg != nil && p.cfg.dir == dir {
			return true
		}
	}
	return false
}

// buildTree resolves every module call under in, reading local modules.
// Parse errors in a followed module are errors of the import.
func buildTree(b *loader, in *instance, depth int) error {
	in.children = map[string]*instance{}
	if in.cfg == nil {
		return nil
	}
	for _, c := range in.cfg.calls {
		child := &instance{path: in.addr("module." + c.name), parent: in, call: c}
		in.children[c.name] = child
		if err := resolveCall(b, child, depth); err != nil {
			return err
		}
	}
	return nil
}

func resolveCall(b *loader, child *instance, depth int) error {
	src := child.call.source
	dir := ""
	if !isLocalSource(src) {
		dir = b.remoteDir(src, moduleKey(child))
	}
	if !isLocalSource(src) && dir == "" {
		child.kind = registryKind(src)
		switch child.kind {
		case kindVPC, kindLambda:
			child.note = "registry module " + src + " is not read; modelled from its inputs"
		default:
			child.note = "module " + src + " is not followed (give its directory with --module-dir SOURCE=DIR, or run terraform init); its outputs are unknown"
		}
		return nil
	}
	if dir == "" {
		dir = filepath.Clean(filepath.Join(child.call.dir, src))
	}
	files, _ := tfFiles(dir) // a missing directory is handled like an empty one
	switch {
	case len(files) == 0:
		child.kind = kindByInputs(child.call)
		if child.kind == kindUnfollowed {
			child.note = "no .tf files in " + dir + "; its outputs are unknown"
		} else {
			child.note = "no .tf files in " + dir + "; its inputs look like " + kindNames[child.kind] + ", so it is modelled as that module"
		}
		return nil
	case depth >= maxModuleDepth || child.parent.ancestorsHave(dir):
		child.kind = kindUnfollowed
		child.note = "module source " + dir + " reaches itself or nests too deep; not followed"
		return nil
	}
	cfg, err := loadModule(b, files, dir)
	if err != nil {
		return err
	}
	child.cfg, child.kind = cfg, kindFollowed
	return buildTree(b, child, depth+1)
}

var kindNames = map[moduleKind]string{
	kindVPC:    "terraform-aws-modules/vpc/aws",
	kindLambda: "terraform-aws-modules/lambda/aws",
}

func isLocalSource(src string) bool {
	return src == "." || src == ".." || strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}

var schemeRE = regexp.MustCompile(`^([a-z0-9]+::)?([a-z0-9+]+://)?`)

// registryKind recognises the two modelled modules whether they come from
// the registry or from their GitHub repositories. Submodules (after "//")
// are other modules and are not modelled.
func registryKind(src string) moduleKind {
	s := strings.ToLower(schemeRE.ReplaceAllString(src, ""))
	s, _, _ = strings.Cut(s, "?")
	if strings.Contains(s, "//") {
		return kindUnfollowed
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "registry.terraform.io/"), ".git")
	switch s {
	case "terraform-aws-modules/vpc/aws", "github.com/terraform-aws-modules/terraform-aws-vpc":
		return kindVPC
	case "terraform-aws-modules/lambda/aws", "github.com/terraform-aws-modules/terraform-aws-lambda":
		return kindLambda
	}
	return kindUnfollowed
}

// kindByInputs guesses a modelled module from the inputs of a local call
// whose files are not there, as in the examples/ folders of those modules'
// own repositories (source = "../../").
func kindByInputs(c *callConfig) moduleKind {
	has := func(n string) bool { _, ok := c.body.Attributes[n]; return ok }
	switch {
	case has("function_name") && (has("vpc_subnet_ids") || has("vpc_security_group_ids")):
		return kindLambda
	case has("cidr") && has("azs"):
		return kindVPC
	}
	return kindUnfollowed
}
