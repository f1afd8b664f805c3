package terraform

import (
	"strings"

	"github.com/enisim/enisim/eni/iam"
	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty"
)

// azCount is how many AZs the importer assumes a region has when a
// configuration reads data.aws_availability_zones: the letters a.. in
// order. Regions not listed are taken to have 3, the most common count.
var azCount = map[string]int{"us-east-1": 6, "us-west-2": 4, "ap-northeast-1": 3}

// azLetters are the zone letters of regions whose zones are not a, b, c...
// (ca-central-1 has no c; us-west-1 gives accounts b and c, or a and c).
var azLetters = map[string]string{"ca-central-1": "abd", "ap-northeast-1": "acd", "us-west-1": "bc"}

func assumedAZs(region string) []string {
	letters := azLetters[region]
	if letters == "" {
		n := azCount[region]
		if n == 0 {
			n = 3
		}
		letters = "abcdef"[:n]
	}
	out := make([]string, len(letters))
	for i, l := range letters {
		out[i] = region + string(l)
	}
	return out
}

// dataInstance is one instance of a data source. The few whose answer
// follows from the configuration are modelled (availability zones, region,
// partition, IAM policy documents); the others are read from AWS at plan
// time and are unknown here.
func (im *imp) dataInstance(rc *resourceConfig, sc scope) result {
	addr := sc.in.addr(rc.addr())
	region := cty.StringVal(im.region)
	switch rc.typ {
	case "aws_availability_zones":
		azs := assumedAZs(im.region)
		im.assume(importer.Assumption{Pos: posString(rc.body.SrcRange),
			What:     addr + " (read from the account by Terraform) is taken as " + strings.Join(azs, ", ") + " (region " + im.region + ", " + im.regionFrom + ")",
			Override: "set the AZs in the scenario, or give them with --var where the configuration takes a variable"})
		return result{v: cty.ObjectVal(map[string]cty.Value{
			"names": strList(azs), "id": region,
			"zone_ids": cty.UnknownVal(cty.List(cty.String)),
		})}
	case "aws_region":
		return result{v: cty.ObjectVal(map[string]cty.Value{
			"name": region, "id": region, "region": region,
			"endpoint": cty.StringVal("ec2." + im.region + ".amazonaws.com"),
		})}
	case "aws_partition":
		return result{v: cty.ObjectVal(map[string]cty.Value{
			"partition": cty.StringVal("aws"), "id": cty.StringVal("aws"), "dns_suffix": cty.StringVal("amazonaws.com"),
		})}
	case "aws_iam_policy":
		return im.managedPolicyData(rc, sc, addr)
	case "aws_iam_policy_document":
		doc, why := im.policyDocument(rc, sc)
		v := cty.UnknownVal(cty.String)
		if doc != "" {
			v = cty.StringVal(doc)
		}
		return result{v: cty.ObjectVal(map[string]cty.Value{"json": v, "minified_json": v}), why: why}
	}
	return unknown(addr + " is read from AWS when Terraform plans")
}

// strList is a list of strings, or an empty list of strings.
func strList(ss []string) cty.Value {
	if len(ss) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vals := make([]cty.Value, len(ss))
	for i, s := range ss {
		vals[i] = cty.StringVal(s)
	}
	return cty.ListVal(vals)
}

// findRegion picks the region as Terraform's AWS provider would see it
// without environment variables: provider "aws" { region }, else the
// default of a root variable named aws_region or region, else us-east-1.
func (im *imp) findRegion() {
	im.region, im.regionFrom = "us-east-1", "nothing sets it; the default"
	root := im.root
	if a := root.cfg.region; a != nil {
		if s := knownString(im.eval(a.Expr, scope{in: root}).v); s != "" {
			im.region, im.regionFrom = s, "from provider \"aws\""
			return
		}
	}
	for _, name := range []string{"aws_region", "region"} {
		if root.cfg.variables[name] == nil {
			continue
		}
		if s := knownString(im.variable(root, name).v); s != "" {
			im.region, im.regionFrom = s, "from var."+name
			return
		}
	}
}

// managedPolicyData models data.aws_iam_policy when it names an AWS
// managed policy: by an arn of the aws account, or by a name enisim
// embeds (iam.Managed). Other policies are only in the account.
func (im *imp) managedPolicyData(rc *resourceConfig, sc scope, addr string) result {
	arn := knownString(im.attr(rc, sc, "arn").v)
	name := knownString(im.attr(rc, sc, "name").v)
	if m := awsManaged.FindStringSubmatch(arn); m != nil {
		name = m[1]
	} else if arn == "" && name != "" {
		if _, ok := iam.Managed(name); ok {
			arn = "arn:aws:iam::aws:policy/" + name
			im.warn(addr, "name", "taken as the AWS managed policy "+name+" (a customer policy of that name would be another)", "")
		}
	}
	if arn == "" || awsManaged.FindStringSubmatch(arn) == nil {
		return unknown(addr + " is a policy read from the account when Terraform plans")
	}
	return result{v: cty.ObjectVal(map[string]cty.Value{
		"arn": cty.StringVal(arn), "name": cty.StringVal(name), "id": cty.StringVal(arn),
		"policy": cty.UnknownVal(cty.String),
	})}
}
