package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
)

// actionPattern is an IAM action as a role's actions shorthand takes it:
// service:Action, with * and ? wildcards, or * alone.
var actionPattern = regexp.MustCompile(`^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$`)

// role decodes an execution role: managed policy names, a shorthand list
// of allowed actions, inline policy documents and policy files.
func (d *decoder) role(n *node, path string) *Role {
	f := d.fields(n, path, "managedPolicies", "actions", "policies", "policyFiles")
	r := &Role{Pos: n.pos}
	if v := f.get("managedPolicies"); v != nil {
		r.ManagedPolicies = d.strings(v, f.sub("managedPolicies"))
	}
	if v := f.get("actions"); v != nil {
		r.Actions = d.strings(v, f.sub("actions"))
		for i, a := range r.Actions {
			if !actionPattern.MatchString(a) {
				d.errorf(v.items[i].pos, "%s: %q is not an IAM action like ec2:CreateNetworkInterface", f.sub("actions"), a)
			}
		}
	}
	r.Policies = d.policies(f)
	return r
}

// caller decodes region.caller, the identity making control-plane calls.
func (d *decoder) caller(n *node, path string) *Caller {
	f := d.fields(n, path, "policies", "policyFiles")
	return &Caller{Policies: d.policies(f), Pos: n.pos}
}

// policies reads inline documents (YAML mappings, converted to JSON) and
// then policy files (JSON, relative to the scenario's directory).
func (d *decoder) policies(f *fields) []PolicyDoc {
	var out []PolicyDoc
	if v := f.get("policies"); v != nil {
		for i, doc := range d.list(v, f.sub("policies")) {
			path := fmt.Sprintf("%s.%d", f.sub("policies"), i)
			if doc.kind != mapNode {
				d.errorf(doc.pos, "%s: expected a policy document (a mapping with Statement), got %s", path, doc.describe())
				continue
			}
			if doc.index("Statement") < 0 {
				d.errorf(doc.pos, "%s: a policy document needs a Statement", path)
			}
			var b bytes.Buffer
			doc.writeJSON(&b)
			out = append(out, PolicyDoc{JSON: b.Bytes(), Pos: doc.pos})
		}
	}
	if v := f.get("policyFiles"); v != nil {
		for i, name := range d.strings(v, f.sub("policyFiles")) {
			if doc, ok := d.policyFile(v.items[i], f.sub("policyFiles"), name); ok {
				out = append(out, doc)
			}
		}
	}
	return out
}

func (d *decoder) policyFile(n *node, path, name string) (PolicyDoc, bool) {
	resolved := d.checkFile(n, path, name)
	data, err := d.files.readFile(resolved)
	if err != nil {
		return PolicyDoc{}, false // checkFile reported it
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		d.errorf(n.pos, "%s: %s is not a JSON policy document: %v", path, name, err)
		return PolicyDoc{}, false
	}
	if _, ok := doc["Statement"]; !ok {
		d.errorf(n.pos, "%s: %s: a policy document needs a Statement", path, name)
	}
	return PolicyDoc{JSON: data, File: resolved, Pos: n.pos}, true
}
