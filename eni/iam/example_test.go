package iam_test

import (
	"fmt"

	"github.com/enisim/enisim/eni/iam"
)

// The execution-role check made before CreateFunction with a VPC config.
func ExampleRoleAllowsENI() {
	role, _ := iam.RolePolicies([]string{"AWSLambdaBasicExecutionRole"}, nil, nil)
	if ok, missing := iam.RoleAllowsENI(role); !ok {
		fmt.Println("InvalidParameterValueException:", iam.RoleENIError(missing))
	}
	// Output:
	// InvalidParameterValueException: The provided execution role does not have permissions to call CreateNetworkInterface on EC2
}

// The caller check with the lambda:SubnetIds condition key.
func ExampleCallerAllows() {
	p, _ := iam.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
	  {"Sid": "EnforceOutOfSubnet", "Effect": "Deny", "Action": "lambda:CreateFunction", "Resource": "*",
	   "Condition": {"ForAnyValue:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}}}]}`))
	p.Name = "caller.json"
	d := iam.CallerAllows([]*iam.Policy{p}, "lambda:CreateFunction", "orders", "vpc-1", []string{"subnet-2", "subnet-1"}, []string{"sg-1"})
	fmt.Println(d)
	// Output:
	// ExplicitDeny by policy 0 (caller.json) statement 1 (Sid "EnforceOutOfSubnet")
}
