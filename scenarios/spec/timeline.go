package spec

import "fmt"

var actions = []string{"CreateFunction", "UpdateFunctionConfiguration", "UpdateFunctionCode",
	"PublishVersion", "DeleteFunction", "UpdateRole", "Invoke"}

// timeline decodes the control-plane calls, in the order written (calls
// at the same time happen in that order).
func (d *decoder) timeline(n *node) []Action {
	if n == nil {
		return nil
	}
	var out []Action
	for i, item := range d.list(n, "timeline") {
		out = append(out, d.action(item, fmt.Sprintf("timeline.%d", i)))
	}
	return out
}

func (d *decoder) action(n *node, path string) Action {
	f := d.fields(n, path, "at", "action", "function", "vpcConfig", "role", "publish", "version")
	a := Action{Pos: n.pos}
	a.At = f.reqDur("at")
	if f.require("action") != nil {
		a.Action = f.oneOf("action", "", actions...)
	}
	a.Function = f.reqStr("function")
	if v := f.get("vpcConfig"); v != nil {
		if a.Action != "UpdateFunctionConfiguration" && a.Action != "CreateFunction" && a.Action != "" {
			d.errorf(v.pos, "%s: only UpdateFunctionConfiguration and CreateFunction take a vpcConfig (the function's own vpcConfig is used by %s)", path, a.Action)
		} else {
			a.VPCConfig = d.vpcConfig(v, f.sub("vpcConfig"))
		}
	}
	if v := f.get("role"); v != nil {
		if a.Action != "UpdateRole" && a.Action != "CreateFunction" && a.Action != "" {
			d.errorf(v.pos, "%s: only UpdateRole and CreateFunction take a role", path)
		} else {
			a.Role = d.role(v, f.sub("role"))
		}
	} else if a.Action == "UpdateRole" {
		d.errorf(n.pos, "%s: UpdateRole needs the new role (role: {managedPolicies: [...], actions: [...]})", path)
	}
	if v := f.get("publish"); v != nil {
		if a.Action != "CreateFunction" && a.Action != "UpdateFunctionCode" && a.Action != "" {
			d.errorf(v.pos, "%s: only CreateFunction and UpdateFunctionCode take publish (PublishVersion publishes by itself)", path)
		} else {
			a.Publish = f.boolOr("publish", false)
		}
	}
	if v := f.get("version"); v != nil {
		if a.Action != "DeleteFunction" && a.Action != "" {
			d.errorf(v.pos, "%s: only DeleteFunction takes a version (the one it deletes)", path)
		} else {
			a.Version = f.intOr("version", 0, 1)
		}
	}
	return a
}
