package iam

import (
	"errors"
	"fmt"
	"strings"
)

// ExecutionRoleENIActions are the EC2 actions the current Lambda docs ask
// of a VPC function's execution role, all on "Resource": "*"
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
// "Required IAM permissions"; AWSLambdaVPCAccessExecutionRole v3 grants
// exactly these).
var ExecutionRoleENIActions = []string{
	"ec2:CreateNetworkInterface",
	"ec2:DescribeNetworkInterfaces",
	"ec2:DescribeSubnets",
	"ec2:DeleteNetworkInterface",
	"ec2:AssignPrivateIpAddresses",
	"ec2:UnassignPrivateIpAddresses",
}

// RoleCheckedActions are the actions Lambda verifies synchronously in
// CreateFunction and UpdateFunctionConfiguration, in the order checked. The
// refusal names CreateNetworkInterface in most reports
// (docs/aws-behaviour.md, execution role permissions), consistent with a
// DryRun CreateNetworkInterface; the 2019 docs listed exactly these three.
var RoleCheckedActions = []string{
	"ec2:CreateNetworkInterface",
	"ec2:DescribeNetworkInterfaces",
	"ec2:DeleteNetworkInterface",
}

// serviceRequest is a call Lambda's service makes with the execution
// role's credentials. It carries no lambda:SourceFunctionArn: that key is
// set only on calls made by function code, which is why the recommended
// Deny conditioned on it leaves Lambda's own ENI management alone
// (configuration-vpc.html, "Security best practices").
func serviceRequest(action string) Request {
	return Request{Action: action, Resource: "*"}
}

// RoleAllowsENI reports whether an execution role with these policies lets
// Lambda manage the function's ENIs, and if not the first action of
// RoleCheckedActions it may not call.
func RoleAllowsENI(policies []*Policy) (ok bool, missing string) {
	for _, a := range RoleCheckedActions {
		if !Evaluate(policies, serviceRequest(a)).Allowed() {
			return false, a
		}
	}
	return true, ""
}

// RoleMissingENI lists the actions of ExecutionRoleENIActions the role does
// not allow, in that order. Lambda refuses CreateFunction only for the
// RoleCheckedActions; the others are worth a warning.
func RoleMissingENI(policies []*Policy) []string {
	var out []string
	for _, a := range ExecutionRoleENIActions {
		if !Evaluate(policies, serviceRequest(a)).Allowed() {
			out = append(out, a)
		}
	}
	return out
}

// RoleENIError is the message of the InvalidParameterValueException (HTTP
// 400) with which CreateFunction and UpdateFunctionConfiguration fail when
// the role may not call missing, e.g. "The provided execution role does not
// have permissions to call CreateNetworkInterface on EC2".
func RoleENIError(missing string) string {
	return fmt.Sprintf("The provided execution role does not have permissions to call %s on EC2",
		strings.TrimPrefix(missing, "ec2:"))
}

// ErrUnknownManagedPolicy is returned (wrapped) by RolePolicies for a
// managed policy name that enisim does not embed.
var ErrUnknownManagedPolicy = errors.New("unknown managed policy")

// RolePolicies builds the policy list of a role description: the named
// managed policies (see Managed), then one policy allowing actions on "*"
// (the scenario's actions shorthand; none when actions is empty), then the
// inline documents. Policies are named after their source: the managed
// name, "actions", "inline[i]". An inline document that does not parse is
// an error naming its index; an unknown managed name is an error wrapping
// ErrUnknownManagedPolicy (check names with Managed first to ignore them).
func RolePolicies(managed []string, actions []string, inline [][]byte) ([]*Policy, error) {
	var out []*Policy
	for _, name := range managed {
		p, ok := Managed(name)
		if !ok {
			return nil, fmt.Errorf("%w %q (enisim knows %s)", ErrUnknownManagedPolicy, name,
				strings.Join(ManagedPolicyNames, ", "))
		}
		out = append(out, p)
	}
	if len(actions) > 0 {
		p, err := ActionsPolicy(actions)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	for i, doc := range inline {
		p, err := Parse(doc)
		if err != nil {
			return nil, fmt.Errorf("inline policy %d: %w", i, err)
		}
		p.Name = fmt.Sprintf("inline[%d]", i)
		out = append(out, p)
	}
	return out, nil
}

// ActionsPolicy is the policy of the actions shorthand: one statement
// allowing the actions on "*". Each action must look like "service:Name"
// (wildcards allowed) or be "*".
func ActionsPolicy(actions []string) (*Policy, error) {
	for _, a := range actions {
		if svc, name, ok := strings.Cut(a, ":"); a != "*" && (!ok || svc == "" || name == "") {
			return nil, fmt.Errorf("action %q: want service:Action, like ec2:CreateNetworkInterface", a)
		}
	}
	return &Policy{
		Name:    "actions",
		Version: "2012-10-17",
		Statements: []Statement{{
			Path: "Statement", Effect: EffectAllow,
			Action: append([]string(nil), actions...), Resource: []string{"*"},
		}},
	}, nil
}
