package terraform

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxIncludes bounds include and read_terragrunt_config chains.
const maxIncludes = 8

// parseUnit reads dir/terragrunt.hcl and the files it includes: the
// module source, the dependencies and the generated .tf files.
func (tg *terragrunt) parseUnit(dir string) (*unit, error) {
	u := &unit{dir: dir, deps: map[string]*unitDep{}, generated: map[string][]byte{}}
	u.name = slug(filepath.Base(dir))
	if err := tg.addFile(u, filepath.Join(dir, "terragrunt.hcl"), 0); err != nil {
		return nil, err
	}
	if u.source == "" {
		return nil, fmt.Errorf("%s: terraform { source } is not set; enisim needs the module's directory", filepath.Join(dir, "terragrunt.hcl"))
	}
	return u, nil
}

func (tg *terragrunt) parse(path string) (*hclsyntax.Body, error) {
	src, err := tg.b.readLimited(path)
	if err != nil {
		return nil, fmt.Errorf("terragrunt: %w", err)
	}
	if err := checkNesting(path, src); err != nil {
		return nil, err
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	body := f.Body.(*hclsyntax.Body)
	if err := checkLiterals(body); err != nil {
		return nil, err
	}
	countFors(body)
	countTemplates(body)
	return body, nil
}

// addFile reads one file of the unit: its own terragrunt.hcl or an
// included one. The unit's own values win: they are read first.
func (tg *terragrunt) addFile(u *unit, path string, depth int) error {
	if depth > maxIncludes {
		return fmt.Errorf("%s: includes nest deeper than %d: %w", path, maxIncludes, errBudget)
	}
	body, err := tg.parse(path)
	if err != nil {
		return err
	}
	fileDir := filepath.Dir(path)
	u.files, u.fileDirs = append(u.files, body), append(u.fileDirs, fileDir)
	ctx := tg.context(u, body, fileDir, cty.DynamicVal)
	for _, b := range body.Blocks {
		switch b.Type {
		case "terraform":
			if a := b.Body.Attributes["source"]; a != nil && u.source == "" {
				s, err := tg.str(a.Expr, ctx)
				if err != nil {
					return err
				}
				u.source = tg.sourceDir(s, fileDir)
			}
		case "include":
			if a := b.Body.Attributes["path"]; a != nil {
				p, err := tg.str(a.Expr, ctx)
				if err != nil {
					return err
				}
				if !filepath.IsAbs(p) {
					p = filepath.Join(fileDir, p)
				}
				if err := tg.addFile(u, p, depth+1); err != nil {
					return err
				}
			}
		case "dependency":
			tg.dependency(u, b, ctx, fileDir)
		case "generate":
			tg.generate(u, b, ctx)
		}
	}
	return nil
}

// sourceDir is the module directory of terraform.source: a local path
// ("../../aws//api" is ../../aws/api), or a remote source found through
// Options.ModuleDirs.
func (tg *terragrunt) sourceDir(src, fileDir string) string {
	if isLocalSource(src) || filepath.IsAbs(src) {
		repo, sub, _ := strings.Cut(src, "//")
		return filepath.Join(fileDir, repo, sub)
	}
	ld := newLoader(tg.b, fileDir, tg.opts.ModuleDirs)
	if d := ld.remoteDir(src, ""); d != "" {
		return d
	}
	return "remote:" + src
}

func (tg *terragrunt) dependency(u *unit, b *hclsyntax.Block, ctx *hcl.EvalContext, fileDir string) {
	if len(b.Labels) != 1 || u.deps[b.Labels[0]] != nil {
		return
	}
	d := &unitDep{mock: cty.NilVal}
	if a := b.Body.Attributes["config_path"]; a != nil {
		if p, err := tg.str(a.Expr, ctx); err == nil {
			d.dir = filepath.Clean(filepath.Join(fileDir, p))
		}
	}
	if a := b.Body.Attributes["mock_outputs"]; a != nil {
		if v, diags := safeValue(a.Expr, ctx); !diags.HasErrors() {
			d.mock = v
		}
	}
	u.deps[b.Labels[0]] = d
}

// generate keeps the .tf files a generate block writes into the unit
// (contents = file("./common/variables.tf") and the like).
func (tg *terragrunt) generate(u *unit, b *hclsyntax.Block, ctx *hcl.EvalContext) {
	pa, ca := b.Body.Attributes["path"], b.Body.Attributes["contents"]
	if pa == nil || ca == nil {
		return
	}
	p, err1 := tg.str(pa.Expr, ctx)
	c, err2 := tg.str(ca.Expr, ctx)
	if err1 != nil || err2 != nil || !strings.HasSuffix(p, ".tf") {
		if err2 != nil {
			tg.im.warn(posString(ca.Expr.Range()), "generate", "the contents of "+p+" cannot be read ("+err2.Error()+"); not generated", "")
		}
		return
	}
	if _, done := u.generated[p]; !done {
		u.generated[p] = []byte(c)
	}
}

// str evaluates a string expression of a terragrunt file.
func (tg *terragrunt) str(expr hcl.Expression, ctx *hcl.EvalContext) (string, error) {
	v, diags := safeValue(expr, ctx)
	if diags.HasErrors() {
		return "", fmt.Errorf("%s", firstError(diags))
	}
	if s := knownString(v); s != "" || (v.IsKnown() && !v.IsNull() && v.Type() == cty.String) {
		return s, nil
	}
	return "", fmt.Errorf("%s: not a known string", posString(expr.Range()))
}
