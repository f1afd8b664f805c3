// Package iam evaluates AWS IAM policy documents the way AWS documents it,
// for the two permission checks a VPC-attached Lambda function meets:
//
//   - the execution role: Lambda's service calls ec2:CreateNetworkInterface,
//     ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface with the
//     role's credentials, and CreateFunction fails with
//     InvalidParameterValueException when the role may not (RoleAllowsENI);
//   - the caller: lambda:CreateFunction and lambda:UpdateFunctionConfiguration
//     carry the condition keys lambda:VpcIds, lambda:SubnetIds and
//     lambda:SecurityGroupIds (CallerAllows).
//
// Parse reads a policy document; Evaluate decides a Request against a set of
// identity-based policies: an explicit Deny wins, then an Allow, else the
// request is implicitly denied
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
// Managed returns the AWS managed policies Lambda users attach, embedded as
// JSON in managed/.
//
// What is modelled: Effect, Action/NotAction, Resource/NotResource with the
// * and ? wildcards; the String*, Arn*, Bool, Null and Numeric* condition
// operators with the IfExists suffix and the ForAllValues:/ForAnyValue: set
// operators. What is not: Principal/NotPrincipal are read but not evaluated
// (identity policies have none), policy variables (${aws:username}) are
// compared literally, and the Date*, IpAddress and Binary operators are
// refused by Parse rather than guessed at. Permission boundaries, SCPs and
// session policies are not separate layers: pass their statements in the
// policy list and note that a Deny in any of them wins, as on AWS.
//
// Every semantic rule cites the IAM User Guide section it comes from;
// where AWS documents nothing (a plain operator on a key with several
// values), the choice made is stated next to the code.
//
// The linter lives in the subpackage lint.
//
// iam imports no enisim package.
package iam
