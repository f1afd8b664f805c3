package terraform

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// accountID stands in for the account in the ARNs the importer makes up;
// they only need to match each other (a role's arn in a function's role).
const accountID = "123456789012"

// idPrefix is the scenario-id prefix of the resource types that become
// part of the layout.
var idPrefix = map[string]string{
	"aws_vpc": "vpc", "aws_subnet": "subnet", "aws_security_group": "sg",
}

// computed adds the attributes AWS would compute that the layout can know:
// the scenario ids of VPCs, subnets and security groups, and names and
// ARNs of roles and policies, so that references resolve. Other computed
// attributes (arn, id of other types) are unknown.
func (im *imp) computed(rc *resourceConfig, sc scope, attrs map[string]cty.Value) {
	unk := cty.UnknownVal(cty.String)
	setIfAbsent := func(k string, v cty.Value) {
		if a, ok := attrs[k]; !ok || a.IsNull() {
			attrs[k] = v
		}
	}
	id := im.resourceID(sc.in, rc, sc)
	switch rc.typ {
	case "aws_vpc":
		attrs["id"] = cty.StringVal(id)
		attrs["default_security_group_id"] = cty.StringVal(id + "-default")
		setIfAbsent("cidr_block", unk)
	case "aws_subnet", "aws_security_group":
		attrs["id"] = cty.StringVal(id)
		setIfAbsent("name", unk)
	case "aws_iam_role", "aws_iam_policy":
		name := knownString(attrs["name"])
		if name == "" {
			name = slug(append(append([]string{}, sc.in.idParts()...), rc.name, keyString(sc))...)
		}
		attrs["name"] = cty.StringVal(name)
		kind := strings.TrimPrefix(rc.typ, "aws_iam_")
		arn := fmt.Sprintf("arn:aws:iam::%s:%s/%s", accountID, kind, name)
		attrs["arn"] = cty.StringVal(arn)
		attrs["id"] = cty.StringVal(map[bool]string{true: name, false: arn}[kind == "role"])
	case "aws_db_subnet_group", "aws_elasticache_subnet_group", "aws_neptune_subnet_group", "aws_docdb_subnet_group",
		"aws_rds_cluster", "aws_neptune_cluster", "aws_docdb_cluster":
		if v, ok := namedID(rc.typ, attrs); ok {
			attrs["id"] = v
			if _, has := attrs["name"]; !has && !strings.HasSuffix(rc.typ, "cluster") {
				attrs["name"] = v
			}
		} else {
			// Terraform makes up a unique name; any one will do, as long as
			// references to it agree.
			v := cty.StringVal("tf-" + slug(append(append([]string{}, sc.in.idParts()...), rc.name, keyString(sc))...))
			attrs["id"] = v
			setIfAbsent("name", v)
			setIfAbsent("cluster_identifier", v)
		}
	case "aws_lambda_function":
		if n := knownString(attrs["function_name"]); n != "" {
			attrs["arn"] = cty.StringVal(fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", im.region, accountID, n))
		}
	}
	setIfAbsent("id", unk)
	setIfAbsent("arn", unk)
}

// resourceID is the scenario id of a VPC, subnet or security group
// instance: prefix, module names, resource name, instance key, in
// lower-case words joined by '-' ("subnet-private-0"). Ids are made
// unique across the import.
func (im *imp) resourceID(in *instance, rc *resourceConfig, sc scope) string {
	prefix, ok := idPrefix[rc.typ]
	if !ok {
		return ""
	}
	addr := in.addr(rc.addr()) + instKey(sc)
	parts := append(append([]string{}, in.idParts()...), rc.name, keyString(sc))
	return im.uniqueID(addr, prefixed(prefix, slug(parts...)))
}

// uniqueID gives addr the id want, or want-2, want-3... when another
// address already has it. Subnets, security groups and VPCs share one
// space of ids; function names have their own (uniqueName).
func (im *imp) uniqueID(addr, want string) string {
	return unique(im.idOf, im.idUsed, addr, want)
}

func (im *imp) uniqueName(addr, want string) string {
	return unique(im.names, im.nameUsed, addr, want)
}

func unique(of map[string]string, used map[string]bool, addr, want string) string {
	if id, ok := of[addr]; ok {
		return id
	}
	id := want
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("%s-%d", want, n)
	}
	of[addr], used[id] = id, true
	return id
}

// prefixed puts prefix before s unless s already starts with it.
func prefixed(prefix, s string) string {
	if s == prefix || strings.HasPrefix(s, prefix+"-") {
		return s
	}
	if s == "" {
		return prefix
	}
	return prefix + "-" + s
}

var nonID = regexp.MustCompile(`[^a-z0-9]+`)

// slug joins parts into [a-z0-9-]+ words. A part that starts with the
// words of the one before replaces it, so module "alternat" with resource
// "alternat_lambda" gives "alternat-lambda", not "alternat-alternat-lambda".
func slug(parts ...string) string {
	var words []string
	for _, p := range parts {
		w := strings.Trim(nonID.ReplaceAllString(strings.ToLower(p), "-"), "-")
		if w == "" {
			continue
		}
		if n := len(words); n > 0 && (w == words[n-1] || strings.HasPrefix(w, words[n-1]+"-")) {
			words = words[:n-1]
		}
		words = append(words, w)
	}
	return strings.Join(words, "-")
}

// keyString is the instance key as a string: "" (no count or for_each),
// the index, or the for_each key.
func keyString(sc scope) string {
	if sc.mode != iterNone && !sc.key.IsKnown() {
		return "unknown"
	}
	switch sc.mode {
	case iterCount:
		i, _ := sc.key.AsBigFloat().Int64()
		return fmt.Sprint(i)
	case iterEach:
		return sc.key.AsString()
	}
	return ""
}

// instKey is the instance key as Terraform writes it in an address.
func instKey(sc scope) string {
	if sc.mode != iterNone && !sc.key.IsKnown() {
		return "[?]"
	}
	switch sc.mode {
	case iterCount:
		return "[" + keyString(sc) + "]"
	case iterEach:
		return fmt.Sprintf("[%q]", sc.key.AsString())
	}
	return ""
}

// knownString is v when it is a known, non-null string, else "".
func knownString(v cty.Value) string {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	return v.AsString()
}
