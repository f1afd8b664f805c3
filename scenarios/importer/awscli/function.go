package awscli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// function adds one function; its subnets and groups that the other
// outputs do not describe become placeholders.
func (b *builder) function(f functionConfig) {
	name := b.uniqueName(f.FunctionName)
	fn := importer.Function{Name: name, Origin: "function " + f.FunctionName, Memory: f.MemorySize}
	if name != f.FunctionName {
		fn.AltNames = []string{f.FunctionName}
	}
	vc := f.VpcConfig
	if vc != nil && len(vc.SubnetIds) > 0 {
		vpc := b.orPlaceholder(vc.VpcId)
		for _, s := range vc.SubnetIds {
			b.functionSubnet(name, vpc, s)
		}
		for _, g := range vc.SecurityGroupIds {
			if _, ok := b.sgs[g]; !ok && b.haveSGs {
				b.warn(name, "VpcConfig.SecurityGroupIds", "security group "+g+" is not in describe-security-groups; added to "+vpc)
			}
			b.sg(vpc, g)
		}
		fn.SubnetIDs, fn.SecurityGroupIDs = slices.Clone(vc.SubnetIds), slices.Clone(vc.SecurityGroupIds)
		if f.Role != "" {
			b.warn(name, "Role", "role "+f.Role+": list-functions does not show its policies; no role is written, so the scenario assumes it has AWSLambdaVPCAccessExecutionRole")
		}
	}
	b.fns = append(b.fns, fn)
}

func (b *builder) functionSubnet(fn, vpc, id string) {
	if b.subnets[id] != nil {
		if b.subnetVPC[id] != vpc && vpc != placeholderVPC {
			b.warn(fn, "VpcConfig.SubnetIds", fmt.Sprintf("subnet %s is in %s by describe-subnets, but the function says VPC %s", id, b.subnetVPC[id], vpc))
		}
		return
	}
	hint := "subnet " + id + " is not in the describe-subnets output: give it with --subnets, or set its az and cidr"
	b.subnets[id] = &importer.Subnet{ID: id, Placeholder: true, Hint: hint, Origin: "VpcConfig of function " + fn}
	b.subnetVPC[id] = vpc
	b.vpc(vpc)
	what := "no describe-subnets output was given"
	if b.haveSubnets {
		what = "describe-subnets does not list it"
	}
	b.warn(fn, "VpcConfig.SubnetIds", "subnet "+id+": "+what+"; a placeholder with a documentation CIDR is written")
}

// uniqueName makes a scenario name from a function name (letters, digits,
// '-' and '_'), unique among the functions.
func (b *builder) uniqueName(fn string) string {
	base := strings.Trim(strings.ToLower(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, fn)), "-")
	if base == "" {
		base = "function"
	}
	name := base
	for i := 2; slices.ContainsFunc(b.fns, func(f importer.Function) bool { return f.Name == name }); i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	if name != base {
		// Two names that differ only in case or punctuation.
		b.warn(name, "FunctionName", fmt.Sprintf("%s gives the scenario name %s, which another function has: named %s", fn, base, name))
	}
	return name
}
