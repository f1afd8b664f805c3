package serve

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Call is one call that changed the model, as the record writes it: a
// timeline entry of the scenario format.
type Call struct {
	At       sim.Time
	Action   string // CreateFunction | UpdateFunctionConfiguration | UpdateFunctionCode | PublishVersion | DeleteFunction | UpdateRole | Invoke
	Function string
	// VPC is the VpcConfig of a CreateFunction, or of an
	// UpdateFunctionConfiguration that carried one (nil: it did not).
	VPC *vpcIDs
	// Role is the role of a CreateFunction or UpdateRole (nil: the default
	// role, AWSLambdaVPCAccessExecutionRole).
	Role *spec.Role
	// Publish is a CreateFunction's or UpdateFunctionCode's Publish.
	Publish bool
	// Version is the version a DeleteFunction deleted (0: the function).
	Version int
}

// vpcIDs is a VpcConfig as sent; empty lists detach.
type vpcIDs struct{ subnets, sgs []string }

// shorthand is the AWS CLI's --vpc-config syntax, which the scenario format
// reads.
func (v *vpcIDs) shorthand() string {
	list := func(ids []string) string {
		if len(ids) == 0 {
			return "[]"
		}
		return strings.Join(ids, ",")
	}
	return "SubnetIds=" + list(v.subnets) + ",SecurityGroupIds=" + list(v.sgs)
}

// defaultRole is the role a scenario writes for "the default role".
var defaultRole = yaml.MapSlice{{Key: "managedPolicies", Value: []string{"AWSLambdaVPCAccessExecutionRole"}}}

// Calls returns the recorded calls (call inside Do, or after Stop).
func (ss *Session) Calls() []Call { return append([]Call(nil), ss.rec...) }

// WriteRecord writes the session as a scenario: the served scenario as it
// was written, its duration set to the session's virtual time, the
// functions the API created declared with createAt: never, and every call
// that changed the model appended to its timeline at its virtual time (in
// nanoseconds). `enisim run` on it reproduces Report byte for byte. Call
// it after Stop and Finish.
func (ss *Session) WriteRecord(w io.Writer) error {
	s := ss.x.Scenario
	doc, err := source(s)
	if err != nil {
		return err
	}
	if err := ss.fixPaths(doc); err != nil {
		return err
	}
	doc = set(doc, "duration", nanos(ss.x.Eng.Now()))
	var fns []any
	if v, ok := get(doc, "functions").([]any); ok {
		fns = v
	}
	for _, f := range s.Functions[len(s.Functions)-ss.added:] {
		fns = append(fns, yaml.MapSlice{{Key: "name", Value: f.Name}, {Key: "createAt", Value: "never"}, {Key: "memory", Value: f.Memory}})
	}
	doc = set(doc, "functions", fns)
	var tl []any
	if v, ok := get(doc, "timeline").([]any); ok {
		tl = v
	}
	for _, c := range ss.rec {
		tl = append(tl, c.entry())
	}
	if len(tl) > 0 {
		doc = set(doc, "timeline", tl)
	}
	out, err := yaml.MarshalWithOptions(doc, yaml.Flow(false))
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Recorded by enisim serve from %s: %d calls over %s of virtual time.\n", s.File, len(ss.rec), sim.Clock(ss.x.Eng.Now()))
	b.WriteString("# `enisim run` on this file reproduces the session's report.\n")
	b.Write(out)
	_, err = w.Write(b.Bytes())
	return err
}

func (c *Call) entry() yaml.MapSlice {
	e := yaml.MapSlice{{Key: "at", Value: nanos(c.At)}, {Key: "action", Value: c.Action}, {Key: "function", Value: c.Function}}
	if c.VPC != nil {
		e = append(e, yaml.MapItem{Key: "vpcConfig", Value: c.VPC.shorthand()})
	}
	if c.Action == "CreateFunction" || c.Action == "UpdateRole" {
		e = append(e, yaml.MapItem{Key: "role", Value: roleYAML(c.Role)})
	}
	if c.Publish {
		e = append(e, yaml.MapItem{Key: "publish", Value: true})
	}
	if c.Version > 0 {
		e = append(e, yaml.MapItem{Key: "version", Value: c.Version})
	}
	return e
}

// roleYAML writes a scenario role back in the format's own keys; policy
// documents go inline as JSON, which is YAML.
func roleYAML(r *spec.Role) any {
	if r == nil {
		return defaultRole
	}
	var m yaml.MapSlice
	if len(r.ManagedPolicies) > 0 {
		m = append(m, yaml.MapItem{Key: "managedPolicies", Value: r.ManagedPolicies})
	}
	if len(r.Actions) > 0 {
		m = append(m, yaml.MapItem{Key: "actions", Value: r.Actions})
	}
	var docs []any
	for _, p := range r.Policies {
		var v any
		if err := yaml.UnmarshalWithOptions(p.JSON, &v, yaml.UseOrderedMap()); err == nil {
			docs = append(docs, v)
		}
	}
	if len(docs) > 0 {
		m = append(m, yaml.MapItem{Key: "policies", Value: docs})
	}
	if m == nil {
		m = yaml.MapSlice{{Key: "actions", Value: []string{}}}
	}
	return m
}

func nanos(t sim.Time) string { return fmt.Sprintf("%dns", int64(t)) }

func get(m yaml.MapSlice, key string) any {
	for _, it := range m {
		if it.Key == key {
			return it.Value
		}
	}
	return nil
}

func set(m yaml.MapSlice, key string, v any) yaml.MapSlice {
	for i, it := range m {
		if it.Key == key {
			m[i].Value = v
			return m
		}
	}
	return append(m, yaml.MapItem{Key: key, Value: v})
}

func source(s *spec.Scenario) (yaml.MapSlice, error) {
	var doc yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(s.Source, &doc, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("record: reading %s again: %w", s.File, err)
	}
	return doc, nil
}

// Recordable reports whether WriteRecord can write this session: a
// built-in scenario that reads files (a trace) has them inside the binary,
// where a record cannot point. Call it before serving with --record.
func (ss *Session) Recordable() error {
	doc, err := source(ss.x.Scenario)
	if err != nil {
		return err
	}
	return ss.fixPaths(doc)
}

// fixPaths makes the files a scenario names (traces, distributions, policy
// files) absolute, so that the record replays wherever it is written.
func (ss *Session) fixPaths(doc yaml.MapSlice) error {
	s := ss.x.Scenario
	builtin := strings.HasPrefix(s.File, "builtin:")
	base, err := filepath.Abs(s.BaseDir)
	if err != nil {
		return err
	}
	fix := func(p string) (string, error) {
		switch {
		case filepath.IsAbs(p):
			return p, nil
		case builtin:
			return "", fmt.Errorf("%s reads %s from inside enisim, where a record cannot point: serve a copy of the scenario and its files to record it", s.File, p)
		}
		return filepath.Join(base, p), nil
	}
	return walkFiles(doc, fix)
}

// walkFiles rewrites, in place, every value of a "file" or "policyFiles"
// key (a string or a list of them).
func walkFiles(v any, fix func(string) (string, error)) error {
	switch x := v.(type) {
	case yaml.MapSlice:
		for i, it := range x {
			if it.Key == "file" || it.Key == "policyFiles" {
				nv, err := fixValue(it.Value, fix)
				if err != nil {
					return err
				}
				x[i].Value = nv
				continue
			}
			if err := walkFiles(it.Value, fix); err != nil {
				return err
			}
		}
	case []any:
		for _, it := range x {
			if err := walkFiles(it, fix); err != nil {
				return err
			}
		}
	}
	return nil
}

func fixValue(v any, fix func(string) (string, error)) (any, error) {
	switch x := v.(type) {
	case string:
		return fix(x)
	case []any:
		for i, it := range x {
			if p, ok := it.(string); ok {
				f, err := fix(p)
				if err != nil {
					return nil, err
				}
				x[i] = f
			}
		}
	}
	return v, nil
}
