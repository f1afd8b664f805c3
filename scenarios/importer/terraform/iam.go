package terraform

import (
	"encoding/json"
	"regexp"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// addRole records an aws_iam_role with its managed_policy_arns and
// inline_policy blocks; aws_iam_role_policy and the attachment resources
// add to it by name in build.go.
func (im *imp) addRole(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	v := im.instanceValue(rc, sc).v
	rr := &roleRec{name: knownString(v.GetAttr("name")), arn: knownString(v.GetAttr("arn"))}
	rr.role.Origin = addr
	if r := im.attr(rc, sc, "managed_policy_arns"); !r.v.IsNull() {
		arns, ok := stringList(r.v)
		if !ok {
			rr.unseen = append(rr.unseen, addr+".managed_policy_arns ("+explain(r.why)+")")
		}
		rr.attach = append(rr.attach, arns...)
	}
	blocks, _ := im.blocks(rc.body, "inline_policy", sc, addr)
	for _, b := range blocks {
		if a := b.body.Attributes["policy"]; a != nil {
			rr.role.Policies = append(rr.role.Policies, im.policyJSON(im.eval(a.Expr, b.sc), addr, "inline_policy.policy", &rr.unseen)...)
		}
	}
	im.col.roles = append(im.col.roles, rr)
}

// addRolePolicy records an inline policy of a role.
func (im *imp) addRolePolicy(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	role := im.stringAttr(rc, sc, "role", "")
	var unseen []string
	doc := im.policyJSON(im.attr(rc, sc, "policy"), addr, "policy", &unseen)
	if role != "" {
		im.col.inline[role] = append(im.col.inline[role], doc...)
		im.col.unseen[role] = append(im.col.unseen[role], unseen...)
	}
}

// addAttachment records aws_iam_role_policy_attachment (role) and
// aws_iam_policy_attachment (roles); a policy_arn the importer cannot
// know is an unseen part of the role.
func (im *imp) addAttachment(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	r := im.attr(rc, sc, "policy_arn")
	arn := knownString(r.v)
	roles := []string{im.stringAttr(rc, sc, "role", "")}
	if rc.typ == "aws_iam_policy_attachment" {
		r := im.attr(rc, sc, "roles")
		var ok bool
		if roles, ok = stringList(r.v); !ok {
			im.warn(addr, "roles", "unknown ("+explain(r.why)+")", "")
		}
	}
	for _, role := range roles {
		switch {
		case role == "":
		case arn != "":
			im.col.attach[role] = append(im.col.attach[role], arn)
		case !(r.v.IsKnown() && r.v.IsNull()):
			im.col.unseen[role] = append(im.col.unseen[role], addr+".policy_arn ("+explain(r.why)+")")
		}
	}
}

// addPolicy records a customer-managed policy, found later by its ARN.
func (im *imp) addPolicy(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	arn := knownString(im.instanceValue(rc, sc).v.GetAttr("arn"))
	var unseen []string
	doc := im.policyJSON(im.attr(rc, sc, "policy"), addr, "policy", &unseen)
	if arn != "" && len(doc) > 0 {
		im.col.policies[arn] = doc[0]
	}
}

// policyJSON is a policy argument as a JSON document, or nothing when it
// is unknown (added to unseen) or not JSON (a warning, and unseen too).
func (im *imp) policyJSON(r result, addr, prop string, unseen *[]string) [][]byte {
	s := knownString(r.v)
	if s == "" {
		if !(r.v.IsKnown() && r.v.IsNull()) {
			*unseen = append(*unseen, addr+"."+prop+" ("+explain(r.why)+")")
		}
		return nil
	}
	return im.policyDoc(s, addr, prop, unseen)
}

// policyDoc checks a known policy document.
func (im *imp) policyDoc(s, addr, prop string, unseen *[]string) [][]byte {
	if s == "" {
		*unseen = append(*unseen, addr+"."+prop+" (not given)")
		return nil
	}
	if !json.Valid([]byte(s)) {
		im.warn(addr, prop, "policy is not valid JSON; not imported", "")
		*unseen = append(*unseen, addr+"."+prop+" (not valid JSON)")
		return nil
	}
	return [][]byte{[]byte(s)}
}

// awsManaged matches the ARN of an AWS managed policy and captures its name.
var awsManaged = regexp.MustCompile(`^arn:aws[a-z-]*:iam::aws:policy/(?:.*/)?([^/]+)$`)

// policyDocument models data.aws_iam_policy_document: its statement
// blocks (sid, effect, actions, not_actions, resources, not_resources) as
// JSON. Conditions and principals do not bear on ENI permissions and are
// left out; unknown resources are written as "*".
func (im *imp) policyDocument(rc *resourceConfig, sc scope) (string, []string) {
	addr := instAddr(rc, sc)
	why := reasons{}
	var stmts []map[string]any
	blocks, w := im.blocks(rc.body, "statement", sc, addr)
	why.add(w...)
	for _, b := range blocks {
		st := map[string]any{"Effect": "Allow"}
		for _, a := range sortedAttrs(b.body) {
			key, list := policyKeys[a.Name], a.Name != "sid" && a.Name != "effect"
			if key == "" {
				continue
			}
			r := im.eval(a.Expr, b.sc)
			why.add(r.why...)
			if !list {
				if s := knownString(r.v); s != "" {
					st[key] = s
				}
				continue
			}
			vals, ok := stringList(r.v)
			if !ok && (key == "Action" || key == "NotAction") {
				return "", append(why.list(), addr+": actions unknown")
			}
			if !ok {
				vals = []string{"*"}
			}
			st[key] = vals
		}
		stmts = append(stmts, st)
	}
	doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	return string(doc), nil
}

var policyKeys = map[string]string{
	"sid": "Sid", "effect": "Effect", "actions": "Action", "not_actions": "NotAction",
	"resources": "Resource", "not_resources": "NotResource",
}

// stringList is a known list, set or tuple of strings; unknown elements
// are left out and make ok false.
func stringList(v cty.Value) ([]string, bool) {
	if !v.IsKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	if !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType() {
		return nil, false
	}
	ok := true
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, err := convert.Convert(e, cty.String)
		if err != nil || !s.IsKnown() || s.IsNull() {
			ok = false
			continue
		}
		out = append(out, s.AsString())
	}
	return out, ok
}
