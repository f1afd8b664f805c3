package lint

import (
	"errors"

	"github.com/enisim/enisim/eni/iam"
)

// Document is one policy document to lint and where it came from.
type Document struct {
	Name string // label in findings: file path, "inline[0]", managed name
	File string // artifact for locations; "" means Name
	// Line, when > 0, is where in File the document is written inline (a
	// scenario's YAML converted to JSON): every finding points there,
	// because positions in the JSON do not map onto the YAML.
	Line int
	JSON []byte
}

// LintPolicy checks one policy document, read from the file name: the
// statement rules, and IAM004 when the document itself grants Lambda the
// ENI actions (it looks like an execution role).
func LintPolicy(name string, doc []byte) []Finding {
	d := Document{Name: name, JSON: doc}
	fs, p := lintDocument(d)
	if p != nil {
		fs = append(fs, noFunctionCodeDeny(d.file(), 0, true, []*iam.Policy{p})...)
	}
	Sort(fs)
	return fs
}

func (d Document) file() string {
	if d.File != "" {
		return d.File
	}
	return d.Name
}

// docCtx is one parsed document being linted.
type docCtx struct {
	doc Document
	p   *iam.Policy
}

// at starts a finding of rule id at pos in statement st (nil: none).
func (dc *docCtx) at(id string, pos iam.Pos, st *iam.Statement, path string) Finding {
	f := Finding{Rule: id, Severity: rule(id).Severity, File: dc.doc.file(), Policy: dc.doc.Name,
		Statement: -1, Path: path, Line: pos.Line, Col: pos.Col}
	if dc.doc.Line > 0 {
		f.Line, f.Col = dc.doc.Line, 0
	}
	if st != nil {
		f.Statement, f.Sid = st.Index, st.Sid
	}
	return f
}

// lintDocument parses d and runs the statement rules. The policy is nil
// when d does not parse; the finding then says why.
func lintDocument(d Document) ([]Finding, *iam.Policy) {
	p, err := iam.Parse(d.JSON)
	dc := &docCtx{doc: d, p: p}
	if err != nil {
		var pe *iam.ParseError
		errors.As(err, &pe)
		f := dc.at("IAM000", iam.Pos{}, nil, "")
		if pe != nil {
			f = dc.at("IAM000", pe.Pos, nil, pe.Path)
			f.Statement, f.Sid = pe.Statement, pe.Sid
		}
		f.Message = err.Error()
		return []Finding{f}, nil
	}
	p.Name = d.Name
	var fs []Finding
	for i := range p.Statements {
		st := &p.Statements[i]
		for _, check := range statementRules {
			fs = append(fs, check(dc, st)...)
		}
	}
	for _, dup := range p.Duplicates {
		f := dc.at("IAM007", dup.Pos, nil, dup.Path)
		f.Statement = dup.Statement
		if dup.Statement >= 0 {
			f.Sid = p.Statements[min(dup.Statement, len(p.Statements)-1)].Sid
		}
		f.Message = "key " + quote(dup.Key) + " occurs again later in the same object; AWS keeps only the last one, so this one is ignored"
		f.Fix = "merge the two into one " + quote(dup.Key) + " object"
		fs = append(fs, f)
	}
	return fs, p
}

// lintDocuments lints each document, taking file as the place of those
// written inline, and returns the findings and the policies that parsed.
func lintDocuments(docs []Document, file string) ([]Finding, []*iam.Policy) {
	var fs []Finding
	var policies []*iam.Policy
	for _, d := range docs {
		if d.File == "" {
			d.File = file
		}
		dfs, p := lintDocument(d)
		fs = append(fs, dfs...)
		if p != nil {
			policies = append(policies, p)
		}
	}
	return fs, policies
}

// Role is an execution role as the scenario describes it.
type Role struct {
	Name    string // for messages: "function orders"
	File    string // where the role is written
	Line    int
	Managed []string
	Actions []string // the actions shorthand: Allow these on "*"
	Docs    []Document
}

// LintRole checks an execution role: each document's statements, unknown
// managed policies (IAM009), whether Lambda can manage ENIs with it
// (IAM008) and whether function code is denied them (IAM004).
func LintRole(r Role) []Finding {
	fs, _ := lintRole(r)
	return fs
}

func lintRole(r Role) ([]Finding, []*iam.Policy) {
	var fs []Finding
	var policies []*iam.Policy
	here := func(id string) Finding {
		return Finding{Rule: id, Severity: rule(id).Severity, File: r.File, Line: r.Line, Statement: -1, Function: r.Name}
	}
	for _, name := range r.Managed {
		p, ok := iam.Managed(name)
		if !ok {
			f := here("IAM009")
			f.Message = "managed policy " + quote(name) + " is not one enisim embeds, so the role is evaluated without it"
			fs = append(fs, f)
			continue
		}
		policies = append(policies, p)
	}
	if ap, err := iam.ActionsPolicy(r.Actions); len(r.Actions) > 0 && err == nil {
		policies = append(policies, ap)
	}
	dfs, dps := lintDocuments(r.Docs, r.File)
	fs, policies = append(fs, dfs...), append(policies, dps...)
	fs = append(fs, roleENI(here, policies)...)
	for _, f := range noFunctionCodeDeny(r.File, r.Line, false, policies) {
		f.Function = r.Name
		fs = append(fs, f)
	}
	Sort(fs)
	return fs, policies
}

// LintUpdateRole checks a role that an UpdateRole gives a function
// attached to a VPC. Nothing is refused then, so IAM008 says what fails
// later; and a role that may not delete ENIs leaves the function's ENIs
// orphaned when they are due for deletion (IAM012;
// docs/aws-behaviour.md#role-kept-until-the-enis-are-deleted).
func LintUpdateRole(r Role) []Finding {
	fs, policies := lintRole(r)
	if ok, missing := iam.RoleAllowsENI(policies); !ok {
		for i, f := range fs {
			if f.Rule == "IAM008" && f.Severity == Error {
				fs[i].Message = "after this UpdateRole the role may not call " + missing + ": running environments go on, but the ENI a scale-out " +
					"or a restore after Inactive needs cannot be created (InsufficientRolePermissions), and an UpdateFunctionConfiguration " +
					"with a VPC config fails with InvalidParameterValueException: " + iam.RoleENIError(missing)
			}
		}
	}
	if !iam.RoleMayDeleteENIs(policies) {
		fs = append(fs, Finding{Rule: "IAM012", Severity: Warning, File: r.File, Line: r.Line, Statement: -1, Function: r.Name,
			Message: "after this UpdateRole Lambda may not call ec2:DeleteNetworkInterface with the role: when the function is deleted or leaves the VPC, " +
				"the ENIs it alone used cannot be deleted and are orphaned (they keep their IP addresses and count against the ENI quota until deleted by hand)",
			Fix: "keep the ENI permissions (AWSLambdaVPCAccessExecutionRole) on the role until the function's ENIs are deleted, up to 35 minutes or more after their last use"})
		Sort(fs)
	}
	return fs
}

// roleENI reports a role that Lambda cannot use for a VPC function.
func roleENI(here func(string) Finding, policies []*iam.Policy) []Finding {
	if ok, missing := iam.RoleAllowsENI(policies); !ok {
		f := here("IAM008")
		f.Message = "CreateFunction with a VPC config fails: InvalidParameterValueException: " + iam.RoleENIError(missing)
		f.Fix = "attach AWSLambdaVPCAccessExecutionRole"
		return []Finding{f}
	}
	if missing := iam.RoleMissingENI(policies); len(missing) > 0 {
		f := here("IAM008")
		f.Severity = Warning
		f.Message = "the role lacks " + list(missing) + ", which the current Lambda docs require of a VPC function's role"
		f.Fix = "attach AWSLambdaVPCAccessExecutionRole"
		return []Finding{f}
	}
	return nil
}

// Caller is the identity making control-plane calls.
type Caller struct {
	File string
	Line int
	Docs []Document
}

// LintCaller checks the caller's documents and whether it may call the EC2
// Describe actions that configuring VPC settings needs (IAM010).
func LintCaller(c Caller) []Finding {
	fs, policies := lintDocuments(c.Docs, c.File)
	if denied := iam.CallerDescribeDenied(policies); len(denied) > 0 {
		fs = append(fs, Finding{Rule: "IAM010", Severity: Warning, File: c.File, Line: c.Line, Statement: -1,
			Message: "the caller may not call " + list(denied) + "; Lambda uses the caller's permissions to verify the network resources of a VPC config",
			Fix:     "allow them on \"*\""})
	}
	Sort(fs)
	return fs
}
