package iam

// The simulated account and Region, used to build function ARNs that
// caller policies can name (arn:aws:lambda:us-east-1:123456789012:function:orders).
// Scenarios have one account in one Region; these are the values AWS
// documentation uses in its examples.
const (
	SimRegion  = "us-east-1"
	SimAccount = "123456789012"
)

// Lambda condition keys for VPC settings, supported on CreateFunction and
// UpdateFunctionConfiguration
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
// "Using IAM condition keys for VPC settings"), and the key Lambda sets on
// calls made by function code.
const (
	KeyVpcIds            = "lambda:VpcIds"           // single-valued: the VPC of the subnets
	KeySubnetIds         = "lambda:SubnetIds"        // multivalued
	KeySecurityGroupIds  = "lambda:SecurityGroupIds" // multivalued
	KeySourceFunctionArn = "lambda:SourceFunctionArn"
)

// FunctionARN is the ARN of a function of the simulated account.
func FunctionARN(name string) string {
	return "arn:aws:lambda:" + SimRegion + ":" + SimAccount + ":function:" + name
}

// CallerRequest is the request a caller makes to configure a function's
// VPC settings: action is "lambda:CreateFunction" or
// "lambda:UpdateFunctionConfiguration", the resource is the function's ARN.
// With no subnets and no security groups (no VpcConfig in the request, or
// a detached one) the three VPC keys are missing. Note what follows on AWS
// too: an UpdateFunctionConfiguration that changes only memory carries no
// VPC keys, so a "Null": {"lambda:VpcIds": "true"} Deny refuses it even
// though the function stays in its VPC.
func CallerRequest(action, function, vpcID string, subnetIDs, sgIDs []string) Request {
	ctx := map[string][]string{}
	if len(subnetIDs)+len(sgIDs) > 0 {
		if vpcID != "" {
			ctx[KeyVpcIds] = []string{vpcID}
		}
		if len(subnetIDs) > 0 {
			ctx[KeySubnetIds] = append([]string(nil), subnetIDs...)
		}
		if len(sgIDs) > 0 {
			ctx[KeySecurityGroupIds] = append([]string(nil), sgIDs...)
		}
	}
	return Request{Action: action, Resource: FunctionARN(function), Context: ctx}
}

// CallerAllows decides whether a caller with these policies may make the
// call CallerRequest describes.
func CallerAllows(policies []*Policy, action, function, vpcID string, subnetIDs, sgIDs []string) Decision {
	return Evaluate(policies, CallerRequest(action, function, vpcID, subnetIDs, sgIDs))
}

// CallerDescribeActions are the EC2 calls a user configuring VPC settings
// needs so that Lambda can verify the network resources
// (configuration-vpc.html, "User permissions"). The current page adds
// ec2:GetSecurityGroupsForVpc, which the console uses; it is left out
// because the CLI and API do not need it.
var CallerDescribeActions = []string{
	"ec2:DescribeSecurityGroups",
	"ec2:DescribeSubnets",
	"ec2:DescribeVpcs",
}

// CallerDescribeDenied lists the CallerDescribeActions the policies do not
// allow on "*", in that order; nil when all are allowed.
func CallerDescribeDenied(policies []*Policy) []string {
	var out []string
	for _, a := range CallerDescribeActions {
		if !Evaluate(policies, Request{Action: a, Resource: "*"}).Allowed() {
			out = append(out, a)
		}
	}
	return out
}
