package terraform

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// The handlers below read one resource's values; the ids of VPCs, subnets
// and security groups are AWS's own when the plan knows them.

func (pi *planImport) vpc(r *stateResource) {
	id := pi.id(r, "vpc")
	v := &importer.VPC{ID: id, Origin: r.Address, Tenancy: strOr(r.Values["instance_tenancy"], "default")}
	v.CIDR = pi.im.canonicalCIDR(str(r.Values["cidr_block"]), r.Address, "cidr_block", id)
	if v.CIDR == "" {
		pi.im.warn(r.Address, "cidr_block", "not in the plan; the VPC CIDR is unknown", id)
	}
	pi.im.col.vpcs = append(pi.im.col.vpcs, v)
}

func (pi *planImport) subnet(r *stateResource) {
	id := pi.id(r, "subnet")
	s := &subnetRec{Subnet: importer.Subnet{ID: id, Origin: r.Address}, vpc: pi.vpcRef(r)}
	s.CIDR = pi.im.canonicalCIDR(str(r.Values["cidr_block"]), r.Address, "cidr_block", id)
	s.AZ = str(r.Values["availability_zone"])
	if s.CIDR == "" {
		s.Placeholder, s.Hint = true, "the plan does not give this subnet's CIDR: set cidr"
	}
	pi.im.col.subnets = append(pi.im.col.subnets, s)
}

// subnetIDs reads data.aws_subnet_ids (provider v3) and data.aws_subnets:
// ids only, and the VPC they were looked up in.
func (pi *planImport) subnetIDs(r *stateResource) {
	vpc := str(r.Values["vpc_id"])
	if vpc == "" {
		return
	}
	for _, id := range strs(r.Values["ids"]) {
		if _, ok := pi.im.subnetVPC[id]; !ok {
			pi.im.subnetVPC[id] = vpc
		}
	}
}

func (pi *planImport) sg(r *stateResource) {
	id := pi.id(r, "sg")
	pi.im.col.sgs = append(pi.im.col.sgs, &sgRec{SG: importer.SG{ID: id, Origin: r.Address}, vpc: pi.vpcRef(r)})
}

func (pi *planImport) nat(r *stateResource) {
	if s := str(r.Values["subnet_id"]); s != "" {
		pi.im.col.ipUsers = append(pi.im.col.ipUsers, ipUse{subnet: pi.subnetID(s), origin: r.Address + " (NAT gateway)", ips: 1, nat: true})
	}
}

// vpcRef is the scenario id of the VPC a resource's vpc_id names: its own
// when the VPC is in the plan, else the AWS id (a VPC made in build.go).
func (pi *planImport) vpcRef(r *stateResource) string {
	if v := str(r.Values["vpc_id"]); v != "" {
		if id, ok := pi.idOf[v]; ok {
			return id
		}
		return v
	}
	ids := pi.refIDs(r.Address, "vpc_id")
	if len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// id is the scenario id of a VPC, subnet or security group: the AWS id
// when known, else a name made from the address, with a warning.
func (pi *planImport) id(r *stateResource, prefix string) string {
	aws := str(r.Values["id"])
	if aws != "" {
		id := pi.im.uniqueID(r.Address, aws)
		pi.idOf[r.Address], pi.idOf[aws] = id, id
		return id
	}
	id := pi.im.uniqueID(r.Address, prefixed(prefix, addrSlug(r)))
	pi.idOf[r.Address] = id
	pi.im.warn(r.Address, "id", "known only after apply; the scenario calls it "+id, id)
	return id
}

func (pi *planImport) function(r *stateResource) {
	v := r.Values
	f := &fnRec{addr: r.Address}
	f.Origin = r.Address
	name := str(v["function_name"])
	if name == "" {
		name = addrSlug(r)
		pi.im.warn(r.Address, "function_name", "not in the plan; the function is named "+name, name)
	}
	f.Name = pi.im.uniqueName(r.Address, slug(name))
	if f.Name != name {
		f.AltNames = append(f.AltNames, name)
	}
	if n, ok := v["memory_size"].(float64); ok && n > 0 {
		f.Memory = int(n)
	}
	if n, ok := v["reserved_concurrent_executions"].(float64); ok && n >= 0 {
		c := int(n)
		f.ReservedConcurrency = &c
	}
	if p, _ := v["publish"].(bool); p {
		f.Versions = 1
	}
	pi.vpcConfig(r, f)
	f.role = str(v["role"])
	if f.role == "" {
		if arns := pi.refValues(r.Address, "role", "arn"); len(arns) > 0 {
			f.role = arns[0]
		} else {
			f.roleUnknown = "the plan does not give it"
		}
	}
	pi.im.col.funcs = append(pi.im.col.funcs, f)
}

// vpcConfig reads vpc_config[0]; a list the plan leaves unknown is
// followed through the configuration's references (to the security group
// the plan creates, or a data source's ids).
func (pi *planImport) vpcConfig(r *stateResource, f *fnRec) {
	blocks, _ := r.Values["vpc_config"].([]any)
	unk := pi.unknownBlock(r.Address, "vpc_config")
	if len(blocks) == 0 && unk == nil {
		return
	}
	block := map[string]any{}
	if len(blocks) > 0 {
		block, _ = blocks[0].(map[string]any)
	}
	if vpc := str(block["vpc_id"]); vpc != "" {
		for _, s := range strs(block["subnet_ids"]) {
			pi.im.subnetVPC[s] = vpc
		}
	}
	list := func(key, kind string) []string {
		ids := strs(block[key])
		missing := unknownCount(unk[key])
		if missing == 0 {
			return dedupe(ids)
		}
		if refs := pi.refIDs(r.Address, "vpc_config."+key); len(refs) > 0 {
			pi.im.warn(r.Address, "vpc_config."+key, fmt.Sprintf("known only after apply; taken from the configuration's references: %s", strings.Join(refs, ", ")), f.Name)
			return dedupe(append(ids, refs...))
		}
		for i := range max(missing, 1) {
			id := pi.im.uniqueID(fmt.Sprintf("%s %s[%d]", r.Address, key, i), fmt.Sprintf("%s-%s-%d", slug(f.Name), kind, i))
			pi.im.placeholders[id] = r.Address + " vpc_config." + key
			pi.im.warn(r.Address, "vpc_config."+key, "known only after apply, and no reference in the configuration says from what; placeholder "+id, f.Name)
			ids = append(ids, id)
		}
		return dedupe(ids)
	}
	f.SubnetIDs = list("subnet_ids", "subnet")
	if len(f.SubnetIDs) > 0 {
		f.SecurityGroupIDs = list("security_group_ids", "sg")
	}
}

func (pi *planImport) role(r *stateResource) {
	name := str(r.Values["name"])
	arn := str(r.Values["arn"])
	if name == "" {
		name = slug(r.Address)
	}
	if arn == "" {
		arn = fmt.Sprintf("arn:aws:iam::%s:role/%s", accountID, name)
	}
	rr := &roleRec{name: name, arn: arn, attach: strs(r.Values["managed_policy_arns"])}
	rr.role.Origin = r.Address
	inline, _ := r.Values["inline_policy"].([]any)
	for _, p := range inline {
		if m, ok := p.(map[string]any); ok {
			rr.role.Policies = append(rr.role.Policies, pi.im.policyDoc(str(m["policy"]), r.Address, "inline_policy", &rr.unseen)...)
		}
	}
	pi.idOf[r.Address] = arn
	pi.im.col.roles = append(pi.im.col.roles, rr)
}

func (pi *planImport) rolePolicy(r *stateResource) {
	role := str(r.Values["role"])
	var unseen []string
	doc := pi.im.policyDoc(str(r.Values["policy"]), r.Address, "policy", &unseen)
	if role != "" {
		pi.im.col.inline[role] = append(pi.im.col.inline[role], doc...)
		pi.im.col.unseen[role] = append(pi.im.col.unseen[role], unseen...)
	}
}

func (pi *planImport) attachment(r *stateResource) {
	role, arn := str(r.Values["role"]), str(r.Values["policy_arn"])
	if role == "" {
		return
	}
	if arn == "" {
		pi.im.col.unseen[role] = append(pi.im.col.unseen[role], r.Address+": the plan does not give policy_arn")
		return
	}
	pi.im.col.attach[role] = append(pi.im.col.attach[role], arn)
}

func (pi *planImport) policy(r *stateResource) {
	var unseen []string
	if arn, doc := str(r.Values["arn"]), pi.im.policyDoc(str(r.Values["policy"]), r.Address, "policy", &unseen); arn != "" && len(doc) > 0 {
		pi.im.col.policies[arn] = doc[0]
	}
}

// addrSlug names a resource by its module path, name and instance key:
// module.app.aws_security_group.lambda_sg[0] gives "app-lambda-sg-0".
func addrSlug(r *stateResource) string {
	parts := strings.Split(moduleOf(r.Address), ".")
	var words []string
	for i := 1; i < len(parts); i += 2 {
		words = append(words, parts[i])
	}
	key := ""
	if i := strings.Index(r.Address, "["); i >= 0 {
		key = strings.Trim(r.Address[i:], `[]"`)
	}
	return slug(append(words, r.Name, key)...)
}

// subnetID is the scenario id of the subnet with AWS id aws.
func (pi *planImport) subnetID(aws string) string {
	if id, ok := pi.idOf[aws]; ok {
		return id
	}
	return aws
}

// unknownCount reads an after_unknown entry of a list: -1 when the whole
// list is unknown, else how many of its elements are.
func unknownCount(u any) int {
	switch u := u.(type) {
	case bool:
		if u {
			return -1
		}
	case []any:
		n := 0
		for _, e := range u {
			if e == true {
				n++
			}
		}
		return n
	}
	return 0
}
