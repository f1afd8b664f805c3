package terraform

import (
	"slices"
	"strings"
	"testing"
)

// TestRolesFromDataSources: a role whose policies come from data sources.
// The policy document's statements are evaluated; a data.aws_iam_policy
// naming an AWS managed policy is that policy; one the importer cannot
// see makes the role unseen, so the scenario's default role applies.
// Before, the attachments of data ARNs were dropped silently and the role
// written as managedPolicies: [], which lint refuses for want of ENI
// permissions.
func TestRolesFromDataSources(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
data "aws_iam_policy_document" "eni" {
  statement {
    actions   = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"]
    resources = ["*"]
  }
}
data "aws_iam_policy" "vpc" { name = "AWSLambdaVPCAccessExecutionRole" }
data "aws_iam_policy" "basic" { arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }
data "aws_iam_policy" "custom" { name = "team-boundary" }

resource "aws_iam_role" "doc" { name = "doc" }
resource "aws_iam_role_policy" "doc" {
  role   = aws_iam_role.doc.id
  policy = data.aws_iam_policy_document.eni.json
}
resource "aws_iam_role" "managed" { name = "managed" }
resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.managed.name
  policy_arn = data.aws_iam_policy.vpc.arn
}
resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.managed.name
  policy_arn = data.aws_iam_policy.basic.arn
}
resource "aws_iam_role" "unseen" { name = "unseen" }
resource "aws_iam_role_policy_attachment" "custom" {
  role       = aws_iam_role.unseen.name
  policy_arn = data.aws_iam_policy.custom.arn
}
resource "aws_lambda_function" "doc" {
  function_name = "doc"
  role          = aws_iam_role.doc.arn
}
resource "aws_lambda_function" "managed" {
  function_name = "managed"
  role          = aws_iam_role.managed.arn
}
resource "aws_lambda_function" "unseen" {
  function_name = "unseen"
  role          = aws_iam_role.unseen.arn
}
`})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fn := map[string]int{}
	for i, f := range l.Functions {
		fn[f.Name] = i
	}
	doc := l.Functions[fn["doc"]].Role
	if doc == nil || len(doc.Policies) != 1 || !strings.Contains(string(doc.Policies[0]), "ec2:CreateNetworkInterface") {
		t.Errorf("doc role = %+v, want the policy document's statement", doc)
	}
	managed := l.Functions[fn["managed"]].Role
	if managed == nil || !slices.Equal(managed.ManagedPolicies, []string{"AWSLambdaVPCAccessExecutionRole", "AWSLambdaBasicExecutionRole"}) {
		t.Errorf("managed role = %+v", managed)
	}
	if r := l.Functions[fn["unseen"]].Role; r != nil {
		t.Errorf("unseen role written as %+v; want none (the default role), with a warning", r)
	}
	if !strings.Contains(describe(l), "data.aws_iam_policy.custom is a policy read from the account") {
		t.Errorf("no warning naming the unseen policy:\n%s", describe(l))
	}
}
