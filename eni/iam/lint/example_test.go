package lint_test

import (
	"os"

	"github.com/enisim/enisim/eni/iam/lint"
)

func ExampleLintPolicy() {
	doc := []byte(`{"Statement": {"Sid": "NoSubnet1", "Effect": "Deny", "Action": "lambda:CreateFunction", "Resource": "*",
  "Condition": {"StringEquals": {"lambda:SubnetIds": ["subnet-1"]}}}}`)
	lint.WriteTable(os.Stdout, lint.LintPolicy("deny.json", doc))
	// Output:
	// SEVERITY  RULE    LOCATION        SUBJECT                        MESSAGE
	// error     IAM001  deny.json:2:34  statement 0 (Sid "NoSubnet1")  "StringEquals" on multivalued key lambda:SubnetIds compares a request holding a single value only; a call naming two or more ids matches nothing here, so this Deny does not stop it
	//                                                                  fix: use "ForAnyValue:StringEquals" to deny when any listed id is used
	// 1 findings: 1 errors, 0 warnings, 0 info
}
