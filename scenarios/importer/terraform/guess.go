package terraform

import (
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty"
)

// guessKinds are the resource types whose ids a module's outputs are
// guessed for, by the word Terraform modules use in output names.
var guessKinds = map[string]string{"aws_vpc": "vpc", "aws_subnet": "subnet", "aws_security_group": "security_group"}

// guessOutputs stands in for the outputs of a followed module that
// declares none (its outputs.tf is missing from what was given): for each
// VPC, subnet or security group resource NAME it offers NAME_KIND_id and
// NAME_KIND_ids (all instances), and vpc_id for its only VPC, the names
// such modules use. Stated as an assumption; anything else stays unknown.
func (im *imp) guessOutputs(child *instance) result {
	outs := map[string]cty.Value{}
	var names []string
	vpcs := 0
	for _, rc := range child.cfg.resources {
		kind := guessKinds[rc.typ]
		if kind == "" {
			continue
		}
		r := im.resourceValue(child, rc.typ, rc.name)
		ids := idsOf(r.v)
		if len(ids) == 0 {
			continue
		}
		base := rc.name + "_" + kind
		if rc.name == kind || strings.HasSuffix(rc.name, "_"+kind) {
			base = rc.name
		}
		outs[base+"_ids"], outs[base+"_id"] = strList(ids), cty.StringVal(ids[0])
		names = append(names, base+"_id(s) = "+rc.addr()+".id")
		if rc.typ == "aws_vpc" {
			vpcs++
			outs["vpc_id"] = cty.StringVal(ids[0])
		}
	}
	if vpcs != 1 {
		delete(outs, "vpc_id")
	}
	if len(outs) == 0 {
		return unknown(child.path + " declares no outputs")
	}
	slices.Sort(names)
	im.assume(importer.Assumption{
		What:     child.path + " declares no outputs (is its outputs.tf missing?): they are guessed from its resources: " + strings.Join(names, ", ") + has(outs, "vpc_id", ", vpc_id = its VPC's id"),
		Override: "add the module's outputs.tf",
	})
	return result{v: cty.ObjectVal(outs)}
}

func has(m map[string]cty.Value, k, s string) string {
	if _, ok := m[k]; ok {
		return s
	}
	return ""
}

// idsOf is the known ids of a resource value: one object, or a tuple or
// object of instances.
func idsOf(v cty.Value) []string {
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	if v.Type().IsObjectType() && v.Type().HasAttribute("id") {
		if s := knownString(v.GetAttr("id")); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	if v.CanIterateElements() {
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, idsOf(e)...)
		}
	}
	return out
}
