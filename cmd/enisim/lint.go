package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/enisim/enisim/eni/iam"
	"github.com/enisim/enisim/eni/iam/lint"
	"github.com/enisim/enisim/scenarios/spec"
)

const lintAbout = `Reports mistakes AWS accepts silently in the IAM policies and the network
layout of VPC-attached Lambda functions: a multivalued condition key
(lambda:SubnetIds, lambda:SecurityGroupIds) under a plain operator, a
ForAllValues Allow that admits requests without the key, an execution role
that cannot manage ENIs or lacks the Deny AWS recommends for function code,
a caller that may not call the EC2 Describe actions, functions that split
subnets across security-group sets or sit in one Availability Zone.

The argument is an IAM policy document (a file ending in .json) or a
scenario (a file, or the name of a built-in scenario). In a scenario every
execution role of a function attached to a VPC is linted (a function
without role: has AWSLambdaVPCAccessExecutionRole), including the roles of
its UpdateRole actions, then region.caller, then the layout of the
functions as they are created.

Exit status: 0 when no finding is an error (warnings and info are
allowed), 1 when lint found an error, 2 on bad usage or input that cannot
be read (a scenario that does not load, a missing file). A policy document
that is not a valid IAM policy is a finding (IAM000), not bad input.`

func lintCmd(args []string, io *stdio) error {
	var format string
	fs := newFlags("lint", "SCENARIO|POLICY.json", lintAbout, io.err)
	fs.StringVarP(&format, "format", "f", "table", "output format: table, json or sarif (SARIF 2.1.0, for code-scanning tools)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("lint takes one scenario or policy file, got %d arguments", fs.NArg())
	}
	if err := checkFormat(format, "table", "json", "sarif"); err != nil {
		return err
	}
	arg := fs.Arg(0)
	var findings []lint.Finding
	if strings.EqualFold(filepath.Ext(arg), ".json") {
		doc, err := os.ReadFile(arg)
		if err != nil {
			return err
		}
		findings = lint.LintPolicy(arg, doc)
	} else {
		s, err := spec.Open(arg, nil)
		if err != nil {
			return err
		}
		findings = lintScenario(s)
	}
	if err := writeFindings(io, format, findings); err != nil {
		return err
	}
	if sev, ok := lint.Max(findings); ok && sev == lint.Error {
		return fmt.Errorf("lint: %d of %d findings are errors", countErrors(findings), len(findings))
	}
	return nil
}

func writeFindings(io *stdio, format string, fs []lint.Finding) error {
	switch format {
	case "json":
		return lint.WriteJSON(io.out, fs)
	case "sarif":
		return lint.WriteSARIF(io.out, fs)
	}
	return lint.WriteTable(io.out, fs)
}

func countErrors(fs []lint.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == lint.Error {
			n++
		}
	}
	return n
}

// lintScenario lints every role a VPC function has or is given, the
// caller, and the layout, and sorts the findings.
func lintScenario(s *spec.Scenario) []lint.Finding {
	var out []lint.Finding
	attached := vpcFunctions(s)
	for i := range s.Functions {
		f := &s.Functions[i]
		if !attached[f.Name] {
			continue
		}
		out = append(out, lint.LintRole(lintRole(s, f.Name, f.Role, f.Pos, "functions."+f.Name+".role"))...)
	}
	for i := range s.Timeline {
		a := &s.Timeline[i]
		if a.Action == "UpdateRole" && a.Role != nil && attached[a.Function] {
			fs := lint.LintRole(lintRole(s, a.Function, a.Role, a.Pos, fmt.Sprintf("timeline.%d.role", i)))
			out = append(out, afterUpdateRole(fs, a.Role)...)
		}
	}
	if c := s.Region.Caller; c != nil {
		out = append(out, lint.LintCaller(lint.Caller{File: s.File, Line: c.Pos.Line,
			Docs: lintDocs(s, c.Policies, "region.caller")})...)
	}
	out = append(out, lint.LintLayout(layout(s))...)
	lint.Sort(out)
	return out
}

// vpcFunctions are the functions that are, or are moved by the timeline,
// attached to a VPC: only their roles need the ENI actions.
func vpcFunctions(s *spec.Scenario) map[string]bool {
	out := map[string]bool{}
	for _, f := range s.Functions {
		if f.VPCConfig != nil && len(f.VPCConfig.SubnetIDs) > 0 {
			out[f.Name] = true
		}
	}
	for _, a := range s.Timeline {
		if a.VPCConfig != nil && len(a.VPCConfig.SubnetIDs) > 0 {
			out[a.Function] = true
		}
	}
	return out
}

// afterUpdateRole rewords IAM008 for a role given by UpdateRole: nothing is
// refused then, but the function cannot get an ENI it needs later
// (eni.Function.UpdateRole; docs/aws-behaviour.md, execution role
// permissions).
func afterUpdateRole(fs []lint.Finding, r *spec.Role) []lint.Finding {
	var inline [][]byte
	for _, d := range r.Policies {
		inline = append(inline, d.JSON)
	}
	policies, err := iam.RolePolicies(r.ManagedPolicies, r.Actions, inline)
	ok, missing := iam.RoleAllowsENI(policies)
	if err != nil || ok {
		return fs
	}
	for i, f := range fs {
		if f.Rule == "IAM008" && f.Severity == lint.Error {
			fs[i].Message = "after this UpdateRole the role may not call " + missing + ": running environments go on, but the ENI a scale-out " +
				"or a restore after Inactive needs cannot be created (InsufficientRolePermissions), and an UpdateFunctionConfiguration " +
				"with a VPC config fails with InvalidParameterValueException: " + iam.RoleENIError(missing)
		}
	}
	return fs
}

// lintRole maps a scenario role onto the linter's; nil is the default
// role, which has AWSLambdaVPCAccessExecutionRole and is located at the
// function (or action) that has it.
func lintRole(s *spec.Scenario, fn string, r *spec.Role, at spec.Pos, path string) lint.Role {
	if r == nil {
		return lint.Role{Name: fn, File: s.File, Line: at.Line, Managed: []string{"AWSLambdaVPCAccessExecutionRole"}}
	}
	return lint.Role{Name: fn, File: s.File, Line: r.Pos.Line, Managed: r.ManagedPolicies, Actions: r.Actions,
		Docs: lintDocs(s, r.Policies, path)}
}

// lintDocs maps policy documents: an inline one is located at its line in
// the scenario (its JSON was converted from YAML), a policy file at its own
// lines.
func lintDocs(s *spec.Scenario, docs []spec.PolicyDoc, path string) []lint.Document {
	var out []lint.Document
	inline := 0
	for _, d := range docs {
		if d.File != "" {
			out = append(out, lint.Document{Name: filepath.ToSlash(d.File), File: filepath.ToSlash(d.File), JSON: d.JSON})
			continue
		}
		out = append(out, lint.Document{Name: fmt.Sprintf("%s.policies.%d", path, inline), File: s.File, Line: d.Pos.Line, JSON: d.JSON})
		inline++
	}
	return out
}

// layout is each VPC function's subnets and security groups as it is
// created, with each subnet's Availability Zone.
func layout(s *spec.Scenario) []lint.LayoutFunction {
	az := map[string]string{}
	for _, v := range s.VPCs {
		for _, sn := range v.Subnets {
			az[sn.ID] = sn.AZ
		}
	}
	var out []lint.LayoutFunction
	for _, f := range s.Functions {
		if f.VPCConfig == nil || len(f.VPCConfig.SubnetIDs) == 0 {
			continue
		}
		out = append(out, lint.LayoutFunction{Name: f.Name, Subnets: f.VPCConfig.SubnetIDs, SGs: f.VPCConfig.SecurityGroupIDs,
			SubnetAZ: az, File: s.File, Line: f.VPCConfig.Pos.Line})
	}
	return out
}
