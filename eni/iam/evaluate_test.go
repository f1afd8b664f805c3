package iam

import (
	"fmt"
	"testing"
)

// Doc sections the cases below are worked from. All under
// https://docs.aws.amazon.com/IAM/latest/UserGuide/.
const (
	docOperators = "reference_policies_elements_condition_operators.html"
	docMulti     = "reference_policies_condition-single-vs-multi-valued-context-keys.html"
	docMultiEx   = "reference_policies_condition_examples-multi-valued-context-keys.html"
	docLogic     = "reference_policies_condition-logic-multiple-context-keys-or-values.html"
	docAction    = "reference_policies_elements_action.html"
	docNotAction = "reference_policies_elements_notaction.html"
	docResource  = "reference_policies_elements_resource.html"
	docNotRes    = "reference_policies_elements_notresource.html"
	docEval      = "reference_policies_evaluation-logic.html"
)

// cond builds a one-statement Allow policy on every action and resource with
// the given Condition block.
func cond(block string) string {
	return `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":` + block + `}}`
}

// ctx builds a request context; "k=" alone makes k present with no values.
func ctx(kv ...any) map[string][]string {
	m := map[string][]string{}
	for i := 0; i < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case string:
			m[kv[i].(string)] = []string{v}
		case []string:
			m[kv[i].(string)] = v
		}
	}
	return m
}

type evalCase struct {
	name   string
	doc    string // section the expectation comes from
	policy string
	req    Request
	want   Outcome
}

func req(c map[string][]string) Request {
	return Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", Context: c}
}

var conditionCases = []evalCase{
	// String condition operators.
	{"StringEquals match", docOperators, cond(`{"StringEquals":{"aws:PrincipalTag/job":"iamuser-admin"}}`),
		req(ctx("aws:PrincipalTag/job", "iamuser-admin")), Allow},
	{"StringEquals is case-sensitive", docOperators, cond(`{"StringEquals":{"aws:PrincipalTag/job":"iamuser-admin"}}`),
		req(ctx("aws:PrincipalTag/job", "IAMUser-Admin")), ImplicitDeny},
	{"StringEquals values are ORed", docLogic, cond(`{"StringEquals":{"aws:PrincipalTag/role":["audit","security"]}}`),
		req(ctx("aws:PrincipalTag/role", "security")), Allow},
	{"condition key names are case-insensitive", "reference_policies_elements_condition.html",
		cond(`{"StringEquals":{"AWS:PrincipalTag/Role":"audit"}}`), req(ctx("aws:principaltag/role", "audit")), Allow},
	{"StringEquals on a missing key is false", docOperators, cond(`{"StringEquals":{"aws:PrincipalTag/job":"x"}}`),
		req(nil), ImplicitDeny},
	{"StringNotEquals values are NORed: one listed", docLogic, cond(`{"StringNotEquals":{"aws:PrincipalTag/role":["audit","security"]}}`),
		req(ctx("aws:PrincipalTag/role", "audit")), ImplicitDeny},
	{"StringNotEquals values are NORed: none listed", docLogic, cond(`{"StringNotEquals":{"aws:PrincipalTag/role":["audit","security"]}}`),
		req(ctx("aws:PrincipalTag/role", "dev")), Allow},
	{"StringNotEquals on a missing key is true", docOperators, cond(`{"StringNotEquals":{"aws:PrincipalTag/role":"audit"}}`),
		req(nil), Allow},
	{"StringEqualsIgnoreCase folds case", docOperators, cond(`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/job":"ADMIN"}}`),
		req(ctx("aws:PrincipalTag/job", "admin")), Allow},
	{"StringNotEqualsIgnoreCase folds case", docOperators, cond(`{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/job":"ADMIN"}}`),
		req(ctx("aws:PrincipalTag/job", "admin")), ImplicitDeny},
	{"StringLike with *", docOperators, cond(`{"StringLike":{"s3:prefix":"home/*"}}`),
		req(ctx("s3:prefix", "home/alice/notes")), Allow},
	{"StringLike with ?", docOperators, cond(`{"StringLike":{"s3:prefix":"v?"}}`),
		req(ctx("s3:prefix", "v1")), Allow},
	{"StringLike ? is exactly one character", docOperators, cond(`{"StringLike":{"s3:prefix":"v?"}}`),
		req(ctx("s3:prefix", "v10")), ImplicitDeny},
	{"StringLike is case-sensitive", docOperators, cond(`{"StringLike":{"s3:prefix":"home/*"}}`),
		req(ctx("s3:prefix", "HOME/x")), ImplicitDeny},
	{"StringNotLike", docOperators, cond(`{"StringNotLike":{"s3:prefix":"home/*"}}`),
		req(ctx("s3:prefix", "tmp/x")), Allow},
	{"StringNotLike on a missing key is true", docOperators, cond(`{"StringNotLike":{"s3:prefix":"home/*"}}`),
		req(nil), Allow},

	// ARN condition operators.
	{"ArnEquals with wildcards per part", docOperators,
		cond(`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:123456789012:topic-?"}}`),
		req(ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic-a")), Allow},
	{"ArnLike: other account does not match", docOperators,
		cond(`{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}}`),
		req(ctx("aws:SourceArn", "arn:aws:sns:us-east-1:210987654321:t")), ImplicitDeny},
	{"ArnLike: resource part keeps its colons", docOperators,
		cond(`{"ArnLike":{"lambda:SourceFunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:orders*"}}`),
		req(ctx("lambda:SourceFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:orders:prod")), Allow},
	{"ArnEquals is case-sensitive", docOperators,
		cond(`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:Topic"}}`),
		req(ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")), ImplicitDeny},
	{"ArnNotEquals", docOperators, cond(`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:a"}}`),
		req(ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:b")), Allow},
	{"ArnNotLike on a missing key is true", docOperators, cond(`{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}`),
		req(nil), Allow},

	// Boolean and numeric operators.
	{"Bool true", docOperators, cond(`{"Bool":{"aws:SecureTransport":"true"}}`),
		req(ctx("aws:SecureTransport", "true")), Allow},
	{"Bool with a JSON boolean", docOperators, cond(`{"Bool":{"aws:SecureTransport":false}}`),
		req(ctx("aws:SecureTransport", "true")), ImplicitDeny},
	{"Bool on a missing key is false", docOperators, cond(`{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`),
		req(nil), ImplicitDeny},
	{"NumericEquals", docOperators, cond(`{"NumericEquals":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "10.0")), Allow},
	{"NumericNotEquals", docOperators, cond(`{"NumericNotEquals":{"s3:max-keys":[10, 20]}}`), req(ctx("s3:max-keys", "20")), ImplicitDeny},
	{"NumericLessThan", docOperators, cond(`{"NumericLessThan":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "9")), Allow},
	{"NumericLessThan at the bound", docOperators, cond(`{"NumericLessThan":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "10")), ImplicitDeny},
	{"NumericLessThanEquals", docOperators, cond(`{"NumericLessThanEquals":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "10")), Allow},
	{"NumericGreaterThan", docOperators, cond(`{"NumericGreaterThan":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "11")), Allow},
	{"NumericGreaterThanEquals", docOperators, cond(`{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`), req(ctx("s3:max-keys", "9")), ImplicitDeny},
	{"Numeric on a request value that is not a number", docOperators, cond(`{"NumericLessThan":{"s3:max-keys":"10"}}`),
		req(ctx("s3:max-keys", "ten")), ImplicitDeny},

	// Null and IfExists.
	{"Null true: key absent", docOperators, cond(`{"Null":{"aws:TokenIssueTime":"true"}}`), req(nil), Allow},
	{"Null true: key present", docOperators, cond(`{"Null":{"aws:TokenIssueTime":"true"}}`), req(ctx("aws:TokenIssueTime", "t")), ImplicitDeny},
	{"Null false: key present", docOperators, cond(`{"Null":{"aws:TokenIssueTime":"false"}}`), req(ctx("aws:TokenIssueTime", "t")), Allow},
	{"Null true: key present with no values", docMultiEx, cond(`{"Null":{"aws:TagKeys":"true"}}`), req(ctx("aws:TagKeys", []string{})), Allow},
	{"IfExists: missing key is true", docOperators, cond(`{"StringEqualsIfExists":{"ec2:InstanceType":"t2.micro"}}`), req(nil), Allow},
	{"IfExists: present key is compared", docOperators, cond(`{"StringEqualsIfExists":{"ec2:InstanceType":"t2.micro"}}`),
		req(ctx("ec2:InstanceType", "m5.large")), ImplicitDeny},
	{"ArnLikeIfExists present and matching", docOperators, cond(`{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}`),
		req(ctx("aws:SourceArn", "arn:aws:sns:us-east-1:1:t")), Allow},

	// Set operators on multivalued keys.
	{"ForAllValues: every value listed", docMulti, cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`),
		req(ctx("aws:TagKeys", []string{"a", "b"})), Allow},
	{"ForAllValues: one value not listed", docMulti, cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`),
		req(ctx("aws:TagKeys", []string{"a", "c"})), ImplicitDeny},
	{"ForAllValues: missing key is true", docMulti, cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}`), req(nil), Allow},
	{"ForAllValues: empty set is true", docMultiEx, cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}`),
		req(ctx("aws:TagKeys", []string{})), Allow},
	{"ForAllValues with a Null guard: missing key is refused", docMultiEx,
		cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]},"Null":{"aws:TagKeys":"false"}}`), req(nil), ImplicitDeny},
	{"ForAnyValue: one value listed", docMulti, cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}`),
		req(ctx("aws:TagKeys", []string{"x", "a"})), Allow},
	{"ForAnyValue: none listed", docMulti, cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}`),
		req(ctx("aws:TagKeys", []string{"x", "y"})), ImplicitDeny},
	{"ForAnyValue: missing key is false", docMulti, cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}`), req(nil), ImplicitDeny},
	{"ForAnyValue: negated operator on a missing key is false", docMulti,
		cond(`{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}`), req(nil), ImplicitDeny},
	{"ForAnyValueIfExists: missing key is true", docOperators,
		cond(`{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a"]}}`), req(nil), Allow},
	{"ForAnyValue:StringLike", docMulti, cond(`{"ForAnyValue:StringLike":{"aws:TagKeys":["cost*"]}}`),
		req(ctx("aws:TagKeys", []string{"owner", "costcenter"})), Allow},

	// The ForAllValues:StringNotLike table of "Deny a single policy
	// condition value for a multivalued context key" (docMultiEx); an Allow
	// here stands for the Deny's "match".
	{"ForAllValues:StringNotLike key1:legal", docMultiEx, cond(`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`),
		req(ctx("aws:TagKeys", []string{"key1:legal"})), ImplicitDeny},
	{"ForAllValues:StringNotLike key1:hr key1:personnel", docMultiEx, cond(`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`),
		req(ctx("aws:TagKeys", []string{"key1:hr", "key1:personnel"})), ImplicitDeny},
	{"ForAllValues:StringNotLike key2:audit", docMultiEx, cond(`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`),
		req(ctx("aws:TagKeys", []string{"key2:audit"})), Allow},
	{"ForAllValues:StringNotLike no aws:TagKeys", docMultiEx, cond(`{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`),
		req(nil), Allow},

	// A plain operator on a key with several values: see Condition.holds.
	{"plain StringEquals on several values matches nothing", docMulti,
		cond(`{"StringEquals":{"lambda:SubnetIds":["subnet-1","subnet-2"]}}`),
		req(ctx("lambda:SubnetIds", []string{"subnet-1", "subnet-2"})), ImplicitDeny},
	{"plain StringEquals on one value compares it", docMulti,
		cond(`{"StringEquals":{"lambda:SubnetIds":["subnet-1","subnet-2"]}}`),
		req(ctx("lambda:SubnetIds", []string{"subnet-2"})), Allow},

	// Several keys and operators are ANDed.
	{"two keys of one operator: both hold", docLogic,
		cond(`{"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"}}`),
		req(ctx("aws:PrincipalTag/a", "1", "aws:PrincipalTag/b", "2")), Allow},
	{"two keys of one operator: one fails", docLogic,
		cond(`{"StringEquals":{"aws:PrincipalTag/a":"1","aws:PrincipalTag/b":"2"}}`),
		req(ctx("aws:PrincipalTag/a", "1", "aws:PrincipalTag/b", "3")), ImplicitDeny},
	{"two operators: one fails", docLogic,
		cond(`{"StringEquals":{"aws:PrincipalTag/a":"1"},"Bool":{"aws:SecureTransport":"true"}}`),
		req(ctx("aws:PrincipalTag/a", "1", "aws:SecureTransport", "false")), ImplicitDeny},
}

func TestConditionOperators(t *testing.T) {
	runCases(t, conditionCases)
}

func runCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.policy))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := Evaluate([]*Policy{p}, c.req)
			if got.Outcome != c.want {
				t.Errorf("got %v, want %v (per %s)", got, c.want, c.doc)
			}
		})
	}
}

var elementCases = []evalCase{
	{"Action wildcard", docAction, `{"Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}`,
		Request{Action: "ec2:DescribeSubnets", Resource: "*"}, Allow},
	{"Action names are case-insensitive", docAction, `{"Statement":{"Effect":"Allow","Action":"EC2:describesubnets","Resource":"*"}}`,
		Request{Action: "ec2:DescribeSubnets", Resource: "*"}, Allow},
	{"Action ? wildcard", docAction, `{"Statement":{"Effect":"Allow","Action":"ec2:Describe?ubnets","Resource":"*"}}`,
		Request{Action: "ec2:DescribeSubnets", Resource: "*"}, Allow},
	{"Action list", docAction, `{"Statement":{"Effect":"Allow","Action":["ec2:CreateNetworkInterface","ec2:DeleteNetworkInterface"],"Resource":"*"}}`,
		Request{Action: "ec2:DescribeNetworkInterfaces", Resource: "*"}, ImplicitDeny},
	{"NotAction allows everything else", docNotAction, `{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`,
		Request{Action: "ec2:CreateNetworkInterface", Resource: "*"}, Allow},
	{"NotAction excludes what it lists", docNotAction, `{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`,
		Request{Action: "iam:CreateUser", Resource: "*"}, ImplicitDeny},
	{"Deny with NotAction denies everything else", docNotAction,
		`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}`,
		Request{Action: "s3:GetObject", Resource: "*"}, ExplicitDeny},
	{"Resource ARN wildcard", docResource, `{"Statement":{"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:*:123456789012:function:*"}}`,
		Request{Action: "lambda:CreateFunction", Resource: "arn:aws:lambda:us-east-1:123456789012:function:orders"}, Allow},
	{"Resource ARNs are case-sensitive", docResource, `{"Statement":{"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:*:123456789012:function:Orders"}}`,
		Request{Action: "lambda:CreateFunction", Resource: "arn:aws:lambda:us-east-1:123456789012:function:orders"}, ImplicitDeny},
	{"a specific Resource does not grant a call on *", docResource,
		`{"Statement":{"Effect":"Allow","Action":"ec2:DescribeNetworkInterfaces","Resource":"arn:aws:ec2:*:*:network-interface/*"}}`,
		Request{Action: "ec2:DescribeNetworkInterfaces", Resource: "*"}, ImplicitDeny},
	{"NotResource covers everything else", docNotRes, `{"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}}`,
		Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::public/a"}, Allow},
	{"NotResource excludes what it lists", docNotRes, `{"Statement":{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}}`,
		Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/a"}, ImplicitDeny},
	{"explicit Deny overrides Allow", docEval,
		`{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:CreateNetworkInterface","Resource":"*"}]}`,
		Request{Action: "ec2:CreateNetworkInterface", Resource: "*"}, ExplicitDeny},
	{"no statement: implicit deny", docEval, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
		Request{Action: "ec2:CreateNetworkInterface", Resource: "*"}, ImplicitDeny},
	{"a Deny whose condition fails does not deny", docEval,
		`{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"ArnEquals":{"lambda:SourceFunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f"}}}]}`,
		Request{Action: "ec2:CreateNetworkInterface", Resource: "*"}, Allow},
}

func TestPolicyElements(t *testing.T) {
	runCases(t, elementCases)
}

// TestDenyAcrossPolicies checks that a Deny in a later policy still wins
// and that the decision names it.
func TestDenyAcrossPolicies(t *testing.T) {
	allow, _ := Managed("AWSLambdaVPCAccessExecutionRole")
	deny, err := Parse([]byte(`{"Statement":[{"Sid":"NoENI","Effect":"Deny","Action":"ec2:*NetworkInterface","Resource":"*"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	deny.Name = "boundary"
	d := Evaluate([]*Policy{allow, deny}, Request{Action: "ec2:DeleteNetworkInterface", Resource: "*"})
	want := Decision{Outcome: ExplicitDeny, Policy: 1, PolicyName: "boundary", Statement: 0, Sid: "NoENI"}
	if d != want {
		t.Fatalf("got %+v, want %+v", d, want)
	}
	if got := fmt.Sprint(d); got != `ExplicitDeny by policy 1 (boundary) statement 0 (Sid "NoENI")` {
		t.Errorf("String() = %q", got)
	}
	d = Evaluate([]*Policy{allow, deny}, Request{Action: "ec2:DescribeSubnets", Resource: "*"})
	if d.Outcome != Allow || d.Policy != 0 || d.Sid != "AWSLambdaVPCAccessExecutionPermissions" {
		t.Errorf("got %+v", d)
	}
}
