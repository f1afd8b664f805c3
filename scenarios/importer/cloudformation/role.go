package cloudformation

import (
	"encoding/json"

	"github.com/enisim/enisim/eni/iam"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// Managed policy names the importer writes for SAM's generated roles.
const (
	basicExecution = "AWSLambdaBasicExecutionRole"
	vpcAccess      = "AWSLambdaVPCAccessExecutionRole"
)

// functionRole is the execution role of a function: the AWS::IAM::Role its
// Role property names, or for SAM without Role the one SAM generates
// (AWSLambdaBasicExecutionRole, the Policies, and
// AWSLambdaVPCAccessExecutionRole when the function has a VpcConfig).
func (b *builder) functionRole(r *resource, props *node, inVPC bool) (*importer.Role, error) {
	rn := props.get("Role")
	if rn == nil {
		if r.typ != "AWS::Serverless::Function" {
			return nil, errAt(r.n, "%s: an AWS::Lambda::Function needs a Role", r.label())
		}
		return b.samRole(r, props.get("Policies"), inVPC)
	}
	v, err := (&ev{st: r.st, where: r.label() + ".Role"}).eval(rn)
	if err != nil {
		return nil, err
	}
	arn := asString(v)
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	if rr := b.s.ids[name]; rr != nil && rr.typ == "AWS::IAM::Role" {
		ro, err := b.role(rr)
		if why := b.hidden[rr.id]; err == nil && inVPC && why != "" && !allowsENI(ro) {
			// Part of the role is out of sight and what is in sight does not
			// allow the ENI actions: the one rule for roles the importer
			// cannot see, rather than a refusal it cannot justify.
			b.s.assume(importer.UnseenRole(r.id, rr.label(), why, rn.pos()))
			return nil, nil
		}
		return ro, err
	}
	if inVPC {
		why := "is not defined by the templates"
		if u, ok := v.(unknown); ok {
			why = "is unknown (" + u.reason + ")"
		}
		b.s.assume(importer.UnseenRole(r.id, arn, why, rn.pos()))
	}
	return nil, nil
}

// role converts an AWS::IAM::Role, with the policies other resources attach.
func (b *builder) role(r *resource) (*importer.Role, error) {
	if ro := b.roles[r.id]; ro != nil {
		return ro, nil
	}
	b.checkProps(r, r.props, "")
	out := &importer.Role{Origin: origin(r)}
	e := &ev{st: r.st, where: r.label() + ".ManagedPolicyArns"}
	arns, err := e.prop(r, "ManagedPolicyArns")
	if err != nil {
		return nil, err
	}
	for _, a := range listOf(arns) {
		if why := b.managedPolicy(r, a, out); why != "" {
			b.hidden[r.id] = appendReason(b.hidden[r.id], why)
		}
	}
	e.where = r.label() + ".Policies"
	pols, err := e.prop(r, "Policies")
	if err != nil {
		return nil, err
	}
	for _, p := range listOf(pols) {
		if o, ok := p.(*object); ok {
			if doc, ok := o.vals["PolicyDocument"]; ok {
				out.Policies = append(out.Policies, policyJSON(doc))
			}
		}
	}
	out.Policies = append(out.Policies, b.attached[r.id]...)
	b.roles[r.id] = out
	return out, nil
}

func listOf(v value) []value {
	switch v := v.(type) {
	case []value:
		return v
	case nil, noValue:
		return nil
	}
	return []value{v}
}

// managedPolicy adds a ManagedPolicyArns entry: an AWS managed policy by
// name, or the document of an AWS::IAM::ManagedPolicy of the templates.
// It returns why the policy's document is out of sight, if it is.
func (b *builder) managedPolicy(r *resource, a value, out *importer.Role) (hidden string) {
	s := asString(a)
	if mp := r.st.res[s]; mp != nil && mp.typ == "AWS::IAM::ManagedPolicy" {
		if doc, err := (&ev{st: mp.st, where: mp.label() + ".PolicyDocument"}).prop(mp, "PolicyDocument"); err == nil {
			out.Policies = append(out.Policies, policyJSON(doc))
			return ""
		}
	}
	if strings.Contains(s, ":iam::aws:policy/") || !strings.Contains(s, ":") {
		name := s[strings.LastIndexByte(s, '/')+1:]
		out.ManagedPolicies = appendNew(out.ManagedPolicies, name)
		if _, ok := iam.Managed(name); !ok {
			return "has the managed policy " + name + ", whose document enisim does not embed"
		}
		return ""
	}
	b.s.warn(importer.Warning{Resource: r.label(), Property: "ManagedPolicyArns", Pos: r.props.get("ManagedPolicyArns").pos(),
		Msg: "customer managed policy " + s + " is not in the templates; its permissions are left out"})
	return "has the customer managed policy " + s + ", which is not in the templates"
}

// appendReason joins the reasons a role is partly out of sight.
func appendReason(have, why string) string {
	if have == "" {
		return why
	}
	return have + "; " + why
}

// allowsENI reports whether the policies of ro that enisim can read allow
// Lambda's ENI actions.
func allowsENI(ro *importer.Role) bool {
	var known []string
	for _, m := range ro.ManagedPolicies {
		if _, ok := iam.Managed(m); ok {
			known = append(known, m)
		}
	}
	ps, err := iam.RolePolicies(known, nil, ro.Policies)
	if err != nil {
		return false
	}
	ok, _ := iam.RoleAllowsENI(ps)
	return ok
}

func appendNew(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

// policyJSON encodes an evaluated policy document.
func policyJSON(doc value) []byte {
	b, err := json.Marshal(toJSON(doc))
	if err != nil {
		return []byte("{}")
	}
	return b
}

// policy collects AWS::IAM::Policy, AWS::IAM::ManagedPolicy (Roles) and
// AWS::IAM::RolePolicy documents by the roles they attach to.
func (b *builder) policy(r *resource) error {
	var rolesProp string
	switch r.typ {
	case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
		rolesProp = "Roles"
	case "AWS::IAM::RolePolicy":
		rolesProp = "RoleName"
	default:
		return nil
	}
	e := &ev{st: r.st, where: r.label() + "." + rolesProp}
	roles, err := e.prop(r, rolesProp)
	if err != nil || roles == nil {
		return err
	}
	e.where = r.label() + ".PolicyDocument"
	doc, err := e.prop(r, "PolicyDocument")
	if err != nil {
		return err
	}
	for _, ro := range listOf(roles) {
		name := asString(ro)
		if rr := b.s.ids[name]; rr != nil && rr.typ == "AWS::IAM::Role" {
			b.attached[rr.id] = append(b.attached[rr.id], policyJSON(doc))
		}
	}
	return nil
}
