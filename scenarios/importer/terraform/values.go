package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// variable is var.name in in: a -var override (root only), the module
// call's input, or the declared default, converted to the declared type.
func (im *imp) variable(in *instance, name string) result {
	var decl *hclsyntax.Block
	if in.cfg != nil {
		decl = in.cfg.variables[name]
	}
	ty, defaults := declType(decl)
	var r result
	unitVal, fromUnit := result{}, false
	if in.unit != nil && im.unitInput != nil {
		unitVal, fromUnit = im.unitInput(in, name)
	}
	switch s, over := im.opts.Vars[name]; {
	case fromUnit:
		r = unitVal
	case in.parent == nil && over:
		r = result{v: im.parseOverride(s, ty)}
	case in.parent == nil && im.tfvars[name].v != cty.NilVal:
		r = result{v: im.tfvars[name].v}
	case in.parent != nil && in.call.body.Attributes[name] != nil && !metaArgs[name]:
		r = im.eval(in.call.body.Attributes[name].Expr, scope{in: in.parent})
	case decl != nil && decl.Body.Attributes["default"] != nil:
		r = im.eval(decl.Body.Attributes["default"].Expr, scope{in: in})
	case in.unit != nil && decl != nil:
		return unknown(in.addr("var."+name) + " has no default and is not in the inputs of " + in.unit.dir + "/terragrunt.hcl (add it there, or give --var " + name + "=...)")
	case decl == nil && in.parent != nil:
		return unknown(in.addr("var."+name) + " is neither declared in " + in.path + " nor passed to it")
	case decl == nil:
		return unknown("var." + name + " is not declared")
	case in.parent == nil:
		return unknown("var." + name + " has no default (give it with --var " + name + "=... or in a --var-file)")
	default:
		return unknown(in.addr("var."+name) + " has no default and is not passed to " + in.path)
	}
	if ty == cty.DynamicPseudoType || r.v.IsNull() {
		return r
	}
	v := r.v
	if defaults != nil {
		v = defaults.Apply(v)
	}
	cv, err := convert.Convert(v, ty)
	if err != nil {
		return unknown(in.addr("var."+name) + ": " + err.Error())
	}
	if err := checkNumbers(cv); err != nil {
		if decl != nil {
			im.fail(decl.DefRange(), fmt.Errorf("the value of var.%s: %w", name, err))
		} else {
			im.b.fatal = fmt.Errorf("var.%s: %w", name, err)
		}
		return unknown("over budget")
	}
	return result{v: cv, why: r.why}
}

// declType is the type constraint of a variable block; any when absent
// or not understood.
func declType(decl *hclsyntax.Block) (cty.Type, *typeexpr.Defaults) {
	if decl == nil || decl.Body.Attributes["type"] == nil {
		return cty.DynamicPseudoType, nil
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(decl.Body.Attributes["type"].Expr)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil
	}
	return ty, defaults
}

// parseOverride reads a -var value as Terraform does: literally for
// primitive types, else as an HCL expression without references, falling
// back to the plain string ("us-east-1" would otherwise be a subtraction).
func (im *imp) parseOverride(s string, ty cty.Type) cty.Value {
	if ty.IsPrimitiveType() {
		return cty.StringVal(s)
	}
	expr, diags := hclsyntax.ParseExpression([]byte(s), "-var", hcl.InitialPos)
	if !diags.HasErrors() && len(expr.Variables()) == 0 {
		v, diags := safeValue(expr, &hcl.EvalContext{Functions: im.funcs})
		if !diags.HasErrors() {
			return v
		}
	}
	return cty.StringVal(s)
}

func (im *imp) local(in *instance, name string) result {
	if in.cfg == nil || in.cfg.locals[name] == nil {
		return unknown(in.addr("local."+name) + " is not declared")
	}
	return im.eval(in.cfg.locals[name].Expr, scope{in: in})
}

// moduleValue is module.name: an object of its outputs.
func (im *imp) moduleValue(in *instance, name string) result {
	child := in.children[name]
	if child == nil {
		return unknown(in.addr("module."+name) + " is not declared")
	}
	switch child.kind {
	case kindVPC:
		return im.vpcModule(child).outputs
	case kindLambda:
		return im.lambdaModule(child).outputs
	case kindUnfollowed:
		return unknown(child.path + ": " + child.note)
	}
	if len(child.cfg.outputs) == 0 {
		return im.guessOutputs(child)
	}
	why := reasons{}
	outs := map[string]cty.Value{}
	for name, a := range child.cfg.outputs {
		r := im.eval(a.Expr, scope{in: child})
		outs[name] = r.v
		why.add(r.why...)
	}
	return finish(cty.ObjectVal(outs), why)
}

// resourceValue is TYPE.NAME: an object, or a tuple (count) or object
// (for_each) of objects, one per instance.
func (im *imp) resourceValue(in *instance, typ, name string) result {
	return im.memo(in.addr(typ+"."+name), func() result {
		rc := in.resource(typ + "." + name)
		if rc == nil {
			return unknown(in.addr(typ+"."+name) + " is not declared")
		}
		return im.combine(in, rc, im.instanceValue)
	})
}

// dataValue is data.TYPE.NAME, built like resourceValue.
func (im *imp) dataValue(in *instance, typ, name string) result {
	return im.memo(in.addr("data."+typ+"."+name), func() result {
		rc := in.resource("data." + typ + "." + name)
		if rc == nil {
			return unknown(in.addr("data."+typ+"."+name) + " is not declared")
		}
		return im.combine(in, rc, im.dataInstance)
	})
}

func (in *instance) resource(addr string) *resourceConfig {
	if in.cfg == nil {
		return nil
	}
	return in.cfg.byAddr[addr]
}

// combine expands rc and puts its instances' values together as Terraform
// exposes them.
func (im *imp) combine(in *instance, rc *resourceConfig, one func(*resourceConfig, scope) result) result {
	ex := im.expand(in, rc)
	if !ex.known {
		return unknown(ex.why...)
	}
	why := reasons{}
	vals := make([]cty.Value, len(ex.scopes))
	for i, sc := range ex.scopes {
		r := one(rc, sc)
		vals[i] = r.v
		why.add(r.why...)
	}
	switch ex.mode {
	case iterNone:
		return finish(vals[0], why)
	case iterCount:
		if len(vals) == 0 {
			return result{v: cty.EmptyTupleVal}
		}
		return finish(cty.TupleVal(vals), why)
	}
	m := map[string]cty.Value{}
	for i, sc := range ex.scopes {
		m[sc.key.AsString()] = vals[i]
	}
	return finish(cty.ObjectVal(m), why)
}

// instanceValue is one managed resource instance: its arguments as
// written plus the computed attributes the layout can know (see computed).
func (im *imp) instanceValue(rc *resourceConfig, sc scope) result {
	why := reasons{}
	attrs := map[string]cty.Value{}
	for _, a := range sortedAttrs(rc.body) {
		if metaArgs[a.Name] {
			continue
		}
		r := im.eval(a.Expr, sc)
		attrs[a.Name] = r.v
		why.add(r.why...)
	}
	im.computed(rc, sc, attrs)
	return finish(cty.ObjectVal(attrs), why)
}
