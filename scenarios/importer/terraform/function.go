package terraform

import (
	"fmt"
	"slices"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// addFunction records an aws_lambda_function instance.
func (im *imp) addFunction(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	f := &fnRec{addr: addr}
	f.Origin = addr
	fallback := slug(append(append([]string{}, sc.in.idParts()...), rc.name, keyString(sc))...)
	f.Name = im.functionName(im.attr(rc, sc, "function_name"), addr, "function_name", fallback, &f.Function)
	im.vpcConfig(rc, sc, f)
	if n, ok := im.intAttr(rc, sc, "memory_size", f.Name); ok {
		f.Memory = n
	}
	if n, ok := im.intAttr(rc, sc, "reserved_concurrent_executions", f.Name); ok && n >= 0 {
		f.ReservedConcurrency = &n
	}
	if boolValue(im.attr(rc, sc, "publish").v, false) {
		f.Versions = 1
	}
	r := im.attr(rc, sc, "role")
	f.role = knownString(r.v)
	if f.role == "" && !(r.v.IsKnown() && r.v.IsNull()) {
		f.roleUnknown = explain(r.why)
	}
	im.col.funcs = append(im.col.funcs, f)
}

// vpcConfig reads the vpc_config block (static or dynamic) of a function.
func (im *imp) vpcConfig(rc *resourceConfig, sc scope, f *fnRec) {
	blocks, why := im.blocks(rc.body, "vpc_config", sc, f.addr)
	if len(why) > 0 {
		im.warn(f.addr, "vpc_config", "a dynamic vpc_config block could not be expanded ("+explain(why)+"); taken as not attached", f.Name)
	}
	if len(blocks) == 0 {
		return
	}
	if len(blocks) > 1 {
		im.warn(f.addr, "vpc_config", "more than one vpc_config block; the first is used", f.Name)
	}
	b := blocks[0]
	get := func(name string) result {
		if a := b.body.Attributes[name]; a != nil {
			return im.eval(a.Expr, b.sc)
		}
		return result{v: cty.NullVal(cty.DynamicPseudoType)}
	}
	f.SubnetIDs = im.idList(get("subnet_ids"), f, "vpc_config.subnet_ids", "subnet")
	f.SecurityGroupIDs = im.idList(get("security_group_ids"), f, "vpc_config.security_group_ids", "sg")
}

// functionName is the scenario name of a function: its function_name
// made into [a-z0-9-]+ (the original kept in AltNames), or fallback when
// it is unknown.
func (im *imp) functionName(r result, addr, prop, fallback string, f *importer.Function) string {
	name := knownString(r.v)
	if name == "" {
		name = im.uniqueName(addr, fallback)
		im.warn(addr, prop, "unknown ("+explain(r.why)+"); the function is named "+name, name)
		return name
	}
	s := slug(name)
	if s == "" {
		s = "function"
	}
	if s != name {
		f.AltNames = append(f.AltNames, name)
	}
	return im.uniqueName(addr, s)
}

// idList reads a list of subnet or security-group ids. Unknown elements,
// or an unknown list, become placeholder ids (one for a wholly unknown
// list) so the function stays attached and the gap is visible.
func (im *imp) idList(r result, f *fnRec, prop, kind string) []string {
	v := r.v
	if v.IsKnown() && v.IsNull() {
		return nil
	}
	placeholder := func(i int) string {
		return im.uniqueID(fmt.Sprintf("%s %s[%d]", f.addr, prop, i), fmt.Sprintf("%s-%s-%d", f.Name, kind, i))
	}
	if !v.IsKnown() || !v.CanIterateElements() {
		im.warn(f.addr, prop, "unknown ("+explain(r.why)+"); assumed one placeholder "+kind, f.Name)
		id := placeholder(0)
		im.placeholders[id] = f.addr + " " + prop
		return []string{id}
	}
	var ids []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, err := convert.Convert(e, cty.String)
		if err != nil || !s.IsKnown() || s.IsNull() || s.AsString() == "" {
			// "" is never an id: a blanked value, or a Terragrunt mock.
			id := placeholder(len(ids))
			im.warn(f.addr, prop, fmt.Sprintf("element %d unknown (%s); placeholder %s", len(ids), explain(r.why), id), f.Name)
			im.placeholders[id] = f.addr + " " + prop
			ids = append(ids, id)
			continue
		}
		id := s.AsString()
		if slices.Contains(ids, id) {
			im.warn(f.addr, prop, id+" is listed twice; kept once", f.Name)
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// intAttr is a whole-number argument; an unknown one is warned about.
func (im *imp) intAttr(rc *resourceConfig, sc scope, name, subject string) (int, bool) {
	r := im.attr(rc, sc, name)
	if r.v.IsKnown() && r.v.IsNull() {
		return 0, false
	}
	n, ok := intValue(r.v)
	if !ok {
		im.warn(instAddr(rc, sc), name, "unknown or not a whole number ("+explain(r.why)+"); left at the default", subject)
	}
	return n, ok
}
