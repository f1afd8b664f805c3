package iam

import (
	"fmt"
	"strings"
)

// Request is one API call to authorize.
type Request struct {
	Action   string // "ec2:CreateNetworkInterface"; compared case-insensitively
	Resource string // an ARN, or "*" for actions without resource-level permissions
	// Context holds the request's condition keys. A single-valued key
	// (lambda:VpcIds) has one value, a multivalued key (lambda:SubnetIds)
	// one per item. A key that is absent, or present with no values, is
	// missing: the IAM docs treat "missing context keys or context keys with
	// empty values" alike for the set operators, and Null. Key names compare
	// case-insensitively ("Condition key names are not case-sensitive",
	// .../reference_policies_elements_condition.html).
	Context map[string][]string
}

// Outcome is the result of evaluating a request.
type Outcome int

// The three outcomes of policy evaluation.
const (
	ImplicitDeny Outcome = iota // no statement allows the request
	Allow                       // a statement allows it and none denies it
	ExplicitDeny                // a statement denies it
)

func (o Outcome) String() string {
	switch o {
	case ImplicitDeny:
		return "ImplicitDeny"
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Decision is an Outcome and the statement that decided it. For
// ImplicitDeny no statement decided, and Policy and Statement are -1.
type Decision struct {
	Outcome    Outcome
	Policy     int    // index into the policies passed to Evaluate
	PolicyName string // that policy's Name
	Statement  int    // index of the statement in its policy
	Sid        string
}

// Allowed reports whether the request may proceed.
func (d Decision) Allowed() bool { return d.Outcome == Allow }

// String describes the decision: "ExplicitDeny by policy 1 (caller.json)
// statement 0 (Sid "DenySubnets")".
func (d Decision) String() string {
	if d.Policy < 0 {
		return d.Outcome.String() + " (no statement allows the request)"
	}
	s := fmt.Sprintf("%s by policy %d", d.Outcome, d.Policy)
	if d.PolicyName != "" {
		s += " (" + d.PolicyName + ")"
	}
	st := Statement{Index: d.Statement, Sid: d.Sid}
	return s + " " + st.Label()
}

// Evaluate decides req against identity-based policies, as AWS does within
// one account: "an explicit deny in any policy overrides any allows";
// without a deny, an applicable Allow allows; otherwise the request is
// implicitly denied
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
// When several statements apply, the first Deny (in policy, then statement
// order) is reported, else the first Allow. Nil policies are skipped.
func Evaluate(policies []*Policy, req Request) Decision {
	ctx := make(map[string][]string, len(req.Context))
	for k, v := range req.Context {
		ctx[strings.ToLower(k)] = v
	}
	allow := Decision{Outcome: ImplicitDeny, Policy: -1, Statement: -1}
	for pi, p := range policies {
		if p == nil {
			continue
		}
		for si := range p.Statements {
			st := &p.Statements[si]
			if !st.applies(req, ctx) {
				continue
			}
			d := Decision{Policy: pi, PolicyName: p.Name, Statement: st.Index, Sid: st.Sid}
			if st.Effect == EffectDeny {
				d.Outcome = ExplicitDeny
				return d
			}
			if allow.Outcome == ImplicitDeny {
				d.Outcome = Allow
				allow = d
			}
		}
	}
	return allow
}

// applies reports whether the statement covers the request: its action,
// its resource and every one of its conditions (conditions are ANDed:
// .../reference_policies_condition-logic-multiple-context-keys-or-values.html).
func (st *Statement) applies(req Request, ctx map[string][]string) bool {
	if !st.CoversAction(req.Action) || !st.CoversResource(req.Resource) {
		return false
	}
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if !c.holds(ctx[strings.ToLower(c.Key)]) {
			return false
		}
	}
	return true
}

// CoversAction reports whether the statement's Action or NotAction element
// covers action, conditions aside. NotAction covers every action except
// those listed (.../reference_policies_elements_notaction.html).
func (st *Statement) CoversAction(action string) bool {
	if st.NotAction != nil {
		return !anyMatch(st.NotAction, action, matchAction)
	}
	return anyMatch(st.Action, action, matchAction)
}

// CoversResource reports whether the statement's Resource or NotResource
// element covers resource ("*" for actions without resource-level
// permissions). NotResource covers every resource except those listed
// (.../reference_policies_elements_notresource.html).
func (st *Statement) CoversResource(resource string) bool {
	if st.NotResource != nil {
		return !anyMatch(st.NotResource, resource, matchARN)
	}
	return anyMatch(st.Resource, resource, matchARN)
}

// HasCondition reports whether the statement has a condition on key
// (compared case-insensitively).
func (st *Statement) HasCondition(key string) bool {
	for i := range st.Conditions {
		if strings.EqualFold(st.Conditions[i].Key, key) {
			return true
		}
	}
	return false
}
