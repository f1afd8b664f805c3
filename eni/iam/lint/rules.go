package lint

import (
	"strconv"
	"strings"

	"github.com/enisim/enisim/eni/iam"
)

// statementRules run on every statement of every document.
var statementRules = []func(*docCtx, *iam.Statement) []Finding{
	plainOperatorOnMultivaluedKey,
	forAllValuesWithoutNull,
	describeScopedToResource,
	sourceInstanceARN,
	setOperatorOnSingleValuedKey,
}

// multivalued keys carry a list in the request context: "ArrayOfString" in
// the Service Authorization Reference, "Multivalued" in the global key
// list.
var multivalued = map[string]bool{
	"lambda:subnetids": true, "lambda:securitygroupids": true,
	"aws:tagkeys": true, "aws:calledvia": true, "aws:principalservicenameslist": true, "aws:principalorgpaths": true,
}

// singleValued keys that people are tempted to use set operators with.
var singleValued = map[string]bool{"lambda:vpcids": true, "lambda:sourcefunctionarn": true}

// IAM001. "Multivalued context keys require a condition set operator"
// (single-vs-multi-valued page); under a plain operator a request with two
// subnets matches nothing (see iam.Condition).
func plainOperatorOnMultivaluedKey(dc *docCtx, st *iam.Statement) []Finding {
	var fs []Finding
	for _, c := range st.Conditions {
		if c.Set != iam.NoSet || c.Base == "Null" || !multivalued[strings.ToLower(c.Key)] {
			continue
		}
		f := dc.at("IAM001", c.Pos, st, c.Path)
		what := quote(c.Operator) + " on multivalued key " + c.Key + " compares a request holding a single value only; "
		if st.Effect == iam.EffectDeny {
			f.Message = what + "a call naming two or more ids matches nothing here, so this Deny does not stop it"
			f.Fix = "use " + quote("ForAnyValue:"+c.Base) + " to deny when any listed id is used"
		} else {
			f.Severity = Warning
			f.Message = what + "a call naming two or more ids matches nothing here, so this Allow does not grant it"
			f.Fix = "use " + quote("ForAllValues:"+c.Base) + " with " + nullGuard(c.Key) + " to allow only the listed ids"
		}
		fs = append(fs, f)
	}
	return fs
}

// IAM002. ForAllValues "also returns true if there are no context keys in
// the request"; the page recommends a Null check with false.
func forAllValuesWithoutNull(dc *docCtx, st *iam.Statement) []Finding {
	if st.Effect != iam.EffectAllow {
		return nil
	}
	var fs []Finding
	for _, c := range st.Conditions {
		if c.Set != iam.ForAllValues || hasNullFalse(st, c.Key) {
			continue
		}
		f := dc.at("IAM002", c.Pos, st, c.Path)
		f.Message = quote(c.Operator) + " is true when the request has no " + c.Key +
			" (for the lambda: keys, a function without VPC config), so this Allow grants such requests too"
		f.Fix = "add " + nullGuard(c.Key) + " to the same Condition"
		fs = append(fs, f)
	}
	return fs
}

func hasNullFalse(st *iam.Statement, key string) bool {
	for _, c := range st.Conditions {
		if c.Base == "Null" && strings.EqualFold(c.Key, key) {
			for _, v := range c.Values {
				if strings.EqualFold(v, "false") {
					return true
				}
			}
		}
	}
	return false
}

// describeActions support no resource-level permissions: a grant on
// anything but "*" grants nothing (configuration-vpc.html lists them on
// "Resource": "*").
var describeActions = []string{"ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"}

// IAM003.
func describeScopedToResource(dc *docCtx, st *iam.Statement) []Finding {
	if st.Effect != iam.EffectAllow || st.CoversResource("*") {
		return nil
	}
	var named []string
	for _, a := range describeActions {
		if namesEC2Action(st, a) {
			named = append(named, a)
		}
	}
	if len(named) == 0 {
		return nil
	}
	f := dc.at("IAM003", st.Pos, st, st.Path+".Resource")
	f.Message = list(named) + " support no resource-level permissions and need \"Resource\": \"*\"; scoped to specific resources, this statement grants none of them"
	if namesEC2Action(st, "ec2:DescribeNetworkInterfaces") {
		f.Message += ", and Lambda cannot manage the function's ENIs"
	}
	f.Fix = "grant them in a statement of their own on \"*\""
	return []Finding{f}
}

// namesEC2Action reports whether an ec2: pattern of the Action element
// covers action (a bare "*" is not taken as naming it).
func namesEC2Action(st *iam.Statement, action string) bool {
	for _, a := range st.Action {
		one := iam.Statement{Action: []string{a}}
		if strings.HasPrefix(strings.ToLower(a), "ec2:") && one.CoversAction(action) {
			return true
		}
	}
	return false
}

// IAM005. The recommended Deny keys on lambda:SourceFunctionArn; Lambda
// does not set ec2:SourceInstanceARN (docs/aws-behaviour.md, execution
// role permissions).
func sourceInstanceARN(dc *docCtx, st *iam.Statement) []Finding {
	if !coversENIAction(st) {
		return nil
	}
	var fs []Finding
	for _, c := range st.Conditions {
		if strings.EqualFold(c.Key, "ec2:SourceInstanceARN") {
			f := dc.at("IAM005", c.Pos, st, c.Path)
			f.Message = "Lambda does not set ec2:SourceInstanceARN on calls made by function code, so this condition never singles them out"
			f.Fix = "condition on " + iam.KeySourceFunctionArn + " with ArnEquals"
			fs = append(fs, f)
		}
	}
	return fs
}

func coversENIAction(st *iam.Statement) bool {
	for _, a := range iam.ExecutionRoleENIActions {
		if st.CoversAction(a) {
			return true
		}
	}
	return false
}

// IAM006. "Do not use condition set operators ForAllValues or ForAnyValue
// with single-valued context keys ... can lead to overly permissive
// policies" (single-vs-multi-valued page).
func setOperatorOnSingleValuedKey(dc *docCtx, st *iam.Statement) []Finding {
	var fs []Finding
	for _, c := range st.Conditions {
		if c.Set == iam.NoSet || !singleValued[strings.ToLower(c.Key)] {
			continue
		}
		f := dc.at("IAM006", c.Pos, st, c.Path)
		f.Message = c.Key + " is single-valued; with " + quote(c.Operator) + " a request without it passes ForAllValues and fails ForAnyValue"
		_, base, _ := strings.Cut(c.Operator, ":")
		f.Fix = "use " + quote(base)
		fs = append(fs, f)
	}
	return fs
}

// IAM004. AWS recommends denying the ENI actions to function code with a
// Deny conditioned on lambda:SourceFunctionArn, which leaves Lambda's own
// calls alone (configuration-vpc.html, "Security best practices").
//
// The finding points at the granting statement when atStatement (a policy
// file linted on its own), else at file:line (the role in a scenario).
func noFunctionCodeDeny(file string, line int, atStatement bool, policies []*iam.Policy) []Finding {
	d := iam.Evaluate(policies, iam.Request{Action: "ec2:CreateNetworkInterface", Resource: "*"})
	if !d.Allowed() {
		return nil
	}
	for _, p := range policies {
		for i := range p.Statements {
			st := &p.Statements[i]
			if st.Effect == iam.EffectDeny && st.HasCondition(iam.KeySourceFunctionArn) && st.CoversAction("ec2:CreateNetworkInterface") {
				return nil
			}
		}
	}
	f := Finding{Rule: "IAM004", Severity: Info, File: file, Line: line, Statement: -1, Policy: d.PolicyName}
	if atStatement {
		st := policies[d.Policy].Statements[d.Statement]
		f.Line, f.Col, f.Statement, f.Sid, f.Path = st.Pos.Line, st.Pos.Col, st.Index, st.Sid, st.Path
	}
	f.Message = "the ENI actions granted here are granted to the function's code as well; AWS recommends a Deny for calls made by function code"
	f.Fix = `add {"Effect": "Deny", "Action": [the ENI actions], "Resource": "*", "Condition": {"ArnEquals": {"lambda:SourceFunctionArn": [function ARNs]}}}`
	return []Finding{f}
}

func nullGuard(key string) string { return `"Null": {"` + key + `": "false"}` }

func quote(s string) string { return strconv.Quote(s) }

func list(xs []string) string { return strings.Join(xs, ", ") }
