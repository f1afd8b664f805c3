package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
)

// lambdaModel is what terraform-aws-modules/lambda/aws would create, from
// its inputs as its main.tf and iam.tf use them:
//   - a function when create, create_function and !create_layer;
//   - vpc_config only when both vpc_subnet_ids and vpc_security_group_ids
//     are non-null (a dynamic block with that condition);
//   - a role of its own unless create_role = false (then lambda_role),
//     with AWSLambdaENIManagementAccess when attach_network_policy, the
//     ARNs in policies when attach_policies, policy when attach_policy, and
//     policy_json / policy_jsons inline.
type lambdaModel struct {
	fn      *fnRec
	role    *roleRec
	outputs result
}

func (im *imp) lambdaModule(in *instance) *lambdaModel {
	if m, ok := im.lambdaModels[in.path]; ok {
		return m
	}
	m := &lambdaModel{outputs: result{v: cty.EmptyObjectVal}}
	im.lambdaModels[in.path] = m
	on := func(name string, def bool) bool {
		return boolValue(im.input(in, name, cty.BoolVal(def)).v, def)
	}
	if !on("create", true) || !on("create_function", true) || on("create_layer", false) {
		return m
	}
	f := &fnRec{addr: in.path}
	f.Origin = in.path + " (" + kindNames[kindLambda] + ")"
	f.Name = im.functionName(im.input(in, "function_name", cty.NullVal(cty.String)), in.path, "function_name",
		slug(in.idParts()...), &f.Function)
	m.fn = f
	subnets := im.input(in, "vpc_subnet_ids", cty.NullVal(cty.List(cty.String)))
	sgs := im.input(in, "vpc_security_group_ids", cty.NullVal(cty.List(cty.String)))
	isNull := func(r result) bool { return r.v.IsKnown() && r.v.IsNull() }
	switch {
	case !isNull(subnets) && !isNull(sgs):
		f.SubnetIDs = im.idList(subnets, f, "vpc_subnet_ids", "subnet")
		f.SecurityGroupIDs = im.idList(sgs, f, "vpc_security_group_ids", "sg")
	case !isNull(subnets) || !isNull(sgs):
		im.warn(in.path, "vpc_subnet_ids", "the module sets vpc_config only when both vpc_subnet_ids and vpc_security_group_ids are set; the function is not attached", f.Name)
	}
	if n, ok := intValue(im.input(in, "memory_size", cty.NumberIntVal(128)).v); ok {
		f.Memory = n
	}
	if n, ok := intValue(im.input(in, "reserved_concurrent_executions", cty.NumberIntVal(-1)).v); ok && n >= 0 {
		f.ReservedConcurrency = &n
	}
	if on("publish", false) {
		f.Versions = 1
	}
	im.lambdaRole(in, m, on)
	m.outputs = result{v: cty.ObjectVal(map[string]cty.Value{
		"lambda_function_name": cty.StringVal(f.Name),
		"lambda_function_arn":  cty.StringVal(fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", im.region, accountID, f.Name)),
		"lambda_role_arn":      cty.StringVal(f.role),
		"lambda_role_name":     cty.StringVal(roleName(m.role)),
	})}
	return m
}

// lambdaRole is the module's role, or the role it was given.
func (im *imp) lambdaRole(in *instance, m *lambdaModel, on func(string, bool) bool) {
	f := m.fn
	if !on("create_role", true) {
		r := im.input(in, "lambda_role", cty.StringVal(""))
		if f.role = knownString(r.v); f.role == "" {
			f.roleUnknown = explain(r.why)
		}
		return
	}
	name := knownString(im.input(in, "role_name", cty.StringVal(f.Name)).v)
	if name == "" {
		name = f.Name
	}
	rr := &roleRec{name: name, arn: fmt.Sprintf("arn:aws:iam::%s:role/%s", accountID, name)}
	rr.role.Origin = in.path + " (role created by the module)"
	if on("attach_network_policy", false) {
		rr.role.ManagedPolicies = append(rr.role.ManagedPolicies, "AWSLambdaENIManagementAccess")
	}
	if on("attach_policies", false) {
		arns, ok := stringList(im.input(in, "policies", cty.ListValEmpty(cty.String)).v)
		if !ok {
			rr.unseen = append(rr.unseen, in.path+".policies (unknown)")
		}
		rr.attach = append(rr.attach, arns...)
	}
	if on("attach_policy", false) {
		if arn := knownString(im.input(in, "policy", cty.NullVal(cty.String)).v); arn != "" {
			rr.attach = append(rr.attach, arn)
		}
	}
	if on("attach_policy_json", false) {
		rr.role.Policies = append(rr.role.Policies, im.policyJSON(im.input(in, "policy_json", cty.NullVal(cty.String)), in.path, "policy_json", &rr.unseen)...)
	}
	if on("attach_policy_jsons", false) {
		docs, _ := stringList(im.input(in, "policy_jsons", cty.ListValEmpty(cty.String)).v)
		for _, d := range docs {
			rr.role.Policies = append(rr.role.Policies, im.policyJSON(result{v: cty.StringVal(d)}, in.path, "policy_jsons", &rr.unseen)...)
		}
	}
	m.role, f.role = rr, rr.arn
}

func roleName(r *roleRec) string {
	if r == nil {
		return ""
	}
	return r.name
}

// addLambdaModule puts a modelled function (and its role) into the layout.
func (im *imp) addLambdaModule(in *instance) {
	m := im.lambdaModule(in)
	if m.fn == nil {
		im.warn(in.path, "source", in.note+"; it creates no function", "")
		return
	}
	im.warn(in.path, "source", in.note, m.fn.Name)
	im.col.funcs = append(im.col.funcs, m.fn)
	if m.role != nil {
		im.col.roles = append(im.col.roles, m.role)
	}
}
