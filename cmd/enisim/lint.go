package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/enisim/enisim/eni/iam/lint"
	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

const lintAbout = `Reports mistakes AWS accepts silently in the IAM policies and the network
layout of VPC-attached Lambda functions: a multivalued condition key
(lambda:SubnetIds, lambda:SecurityGroupIds) under a plain operator, a
ForAllValues Allow that admits requests without the key, an execution role
that cannot manage ENIs or lacks the Deny AWS recommends for function code,
a caller that may not call the EC2 Describe actions, functions that split
subnets across security-group sets or sit in one Availability Zone,
ec2:DescribeNetworkInterfaces or ec2:DeleteNetworkInterface granted on
resources that Lambda's checks do not match (Describe needs "*", Delete
must cover ENIs not yet created: arn:aws:ec2:REGION:ACCOUNT:*/*), and an
UpdateRole that takes the ENI permissions away before the function's ENIs
are deleted (they would be orphaned).

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
		doc, err := inputfile.Read(arg, maxWholeInput, "a policy file")
		if err != nil {
			return err
		}
		findings = lint.LintPolicy(arg, doc)
	} else {
		s, err := loadScenario(arg, nil) // its warnings are among the findings
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
			out = append(out, lint.LintUpdateRole(lintRole(s, a.Function, a.Role, a.Pos, fmt.Sprintf("timeline.%d.role", i)))...)
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

// refusedAtCreate reports whether CreateFunction refuses f, so that it
// holds no ENIs for the layout rules to count (run shows the refusal, and
// the loader's warnings and the IAM rules say why): a VpcConfig the loader
// warns AWS refuses, subnets without a security group, or an execution
// role without the ENI permissions.
func refusedAtCreate(s *spec.Scenario, f *spec.Function) bool {
	c := f.VPCConfig
	if len(c.SecurityGroupIDs) == 0 {
		return true
	}
	for _, w := range s.Warnings {
		if w.Pos == c.Pos && strings.Contains(w.Msg, "AWS refuses this") {
			return true
		}
	}
	role, err := scenarios.Role(f.Role)
	if err != nil || role == nil {
		return false
	}
	ok, _ := role.AllowsENI()
	return !ok
}

// layout is each VPC function's subnets and security groups as it is
// created (marked when AWS refuses the create, which makes no ENI), with
// each subnet's Availability Zone.
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
			SubnetAZ: az, File: s.File, Line: f.VPCConfig.Pos.Line, Refused: refusedAtCreate(s, &f)})
	}
	return out
}
