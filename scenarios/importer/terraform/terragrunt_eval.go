package terraform

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// context is the evaluation context of a terragrunt file: Terraform's
// functions, Terragrunt's (paths relative to the unit or to the file, as
// Terragrunt's documentation says), the file's locals and, for inputs,
// dependency.NAME.outputs.
func (tg *terragrunt) context(u *unit, body *hclsyntax.Body, fileDir string, deps cty.Value) *hcl.EvalContext {
	fs := map[string]function.Function{}
	for k, f := range tg.im.funcs {
		fs[k] = f
	}
	for k, f := range tg.functions(u, fileDir, 0) {
		fs[k] = f
	}
	ctx := &hcl.EvalContext{Functions: fs, Variables: map[string]cty.Value{"dependency": deps}}
	ctx.Variables["local"] = tg.locals(body, ctx)
	return ctx
}

// locals evaluates a file's locals, those that refer to others in as
// many passes as it takes.
func (tg *terragrunt) locals(body *hclsyntax.Body, ctx *hcl.EvalContext) cty.Value {
	var attrs hclsyntax.Attributes
	for _, b := range body.Blocks {
		if b.Type == "locals" {
			attrs = b.Body.Attributes
		}
	}
	vals := map[string]cty.Value{}
	for pass := 0; pass <= len(attrs); pass++ {
		ctx.Variables["local"] = cty.ObjectVal(vals)
		progress := false
		for name, a := range attrs {
			if _, done := vals[name]; done {
				continue
			}
			if v, diags := safeValue(a.Expr, ctx); !diags.HasErrors() && v.IsWhollyKnown() {
				vals[name], progress = v, true
			}
		}
		if !progress {
			break
		}
	}
	return cty.ObjectVal(vals)
}

// tgFunc makes a Terragrunt function of optional string arguments.
func tgFunc(impl func(args []cty.Value) (cty.Value, error)) function.Function {
	return function.New(&function.Spec{VarParam: &function.Parameter{Name: "args", Type: cty.String},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return impl(args) }})
}

// argOr is args[i] as a string, or def.
func argOr(args []cty.Value, i int, def string) string {
	if i < len(args) {
		return args[i].AsString()
	}
	return def
}

// functions are Terragrunt's functions for a file in fileDir of unit u.
func (tg *terragrunt) functions(u *unit, fileDir string, depth int) map[string]function.Function {
	fs := map[string]function.Function{
		"find_in_parent_folders":    tgFunc(func(args []cty.Value) (cty.Value, error) { return findInParents(u, args) }),
		"get_terragrunt_dir":        tgFunc(func([]cty.Value) (cty.Value, error) { return cty.StringVal(u.dir), nil }),
		"get_parent_terragrunt_dir": tgFunc(func([]cty.Value) (cty.Value, error) { return cty.StringVal(fileDir), nil }),
		"path_relative_to_include": tgFunc(func([]cty.Value) (cty.Value, error) {
			rel, _ := filepath.Rel(fileDir, u.dir)
			return cty.StringVal(rel), nil
		}),
		"path_relative_from_include": tgFunc(func([]cty.Value) (cty.Value, error) {
			rel, _ := filepath.Rel(u.dir, fileDir)
			return cty.StringVal(rel), nil
		}),
		"get_env": tgFunc(func(args []cty.Value) (cty.Value, error) {
			// The environment is not read: an import is the same on every
			// machine. The default stands in, or the value is unknown.
			if len(args) > 1 {
				return args[1], nil
			}
			return cty.DynamicVal, fmt.Errorf("get_env(%q) has no default; enisim does not read the environment", argOr(args, 0, ""))
		}),
	}
	fs["file"] = tgFunc(func(args []cty.Value) (cty.Value, error) {
		data, err := tg.b.readLimited(under(fileDir, argOr(args, 0, "")))
		if err != nil {
			return cty.DynamicVal, err
		}
		return cty.StringVal(string(data)), nil
	})
	fs["read_terragrunt_config"] = tgFunc(func(args []cty.Value) (cty.Value, error) {
		v, err := tg.readConfig(u, under(u.dir, argOr(args, 0, "")), depth+1)
		if err != nil && len(args) > 1 {
			return args[1], nil
		}
		return v, err
	})
	return fs
}

// under is p relative to dir, unless absolute.
func under(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// findInParents is find_in_parent_folders([name[, fallback]]): the
// absolute path of the nearest name (terragrunt.hcl) above the unit.
func findInParents(u *unit, args []cty.Value) (cty.Value, error) {
	name := argOr(args, 0, "terragrunt.hcl")
	dir, err := filepath.Abs(u.dir) // Terragrunt returns an absolute path
	if err != nil {
		return cty.DynamicVal, err
	}
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		if p := filepath.Join(d, name); fileExists(p) {
			return cty.StringVal(p), nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(args) > 1 {
		return args[1], nil
	}
	return cty.DynamicVal, fmt.Errorf("no %s in a folder above %s", name, u.dir)
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// readConfig is read_terragrunt_config: the file's locals and inputs.
func (tg *terragrunt) readConfig(u *unit, path string, depth int) (cty.Value, error) {
	if depth > maxIncludes {
		return cty.DynamicVal, fmt.Errorf("read_terragrunt_config nests deeper than %d: %w", maxIncludes, errBudget)
	}
	body, err := tg.parse(path)
	if err != nil {
		return cty.DynamicVal, err
	}
	ctx := tg.context(u, body, filepath.Dir(path), cty.DynamicVal)
	out := map[string]cty.Value{"locals": ctx.Variables["local"]}
	if a := body.Attributes["inputs"]; a != nil {
		out["inputs"] = cty.ObjectVal(tg.objectItems(a.Expr, ctx))
	}
	return cty.ObjectVal(out), nil
}

// objectItems evaluates an object expression key by key, so one key that
// cannot be evaluated does not lose the others.
func (tg *terragrunt) objectItems(expr hcl.Expression, ctx *hcl.EvalContext) map[string]cty.Value {
	out := map[string]cty.Value{}
	oc, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		if v, diags := safeValue(expr, ctx); !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().IsObjectType() {
			for k, ev := range v.AsValueMap() {
				out[k] = ev
			}
		}
		return out
	}
	for _, it := range oc.Items {
		k, diags := safeValue(it.KeyExpr, ctx)
		if diags.HasErrors() || knownString(k) == "" {
			continue
		}
		v, diags := safeValue(it.ValueExpr, ctx)
		if diags.HasErrors() {
			tg.im.warn(posString(it.ValueExpr.Range()), "inputs", "input "+knownString(k)+" cannot be evaluated ("+firstError(diags)+"); the module's variable stays unknown", "")
			continue
		}
		out[knownString(k)] = v
	}
	return out
}
