// Package cloudformation imports CloudFormation, SAM and CDK templates (YAML
// or JSON, one or several files, a cdk.out folder) into an importer.Layout,
// and the CloudFormation a Serverless Framework serverless.yml generates
// (sls*.go; package serverless is its entry point): the VPCs, subnets,
// security groups and Lambda functions they declare, with what matters for
// Hyperplane ENIs (the (subnet, security-group set) keys, CIDRs, NAT
// gateways, roles, published versions).
//
// It evaluates the template the way CloudFormation would at deploy time:
// parameters (defaults, or --param values), pseudo parameters, Conditions,
// Mappings and the intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
// Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,
// Fn::FindInMap, Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Base64). It
// follows nested stacks (AWS::CloudFormation::Stack whose evaluated
// TemplateURL ends with the name of one of the given files, or whose CDK
// asset names it; such a file is imported only through its parent) and
// Fn::ImportValue across the given files, applies SAM's Globals and role
// generation, and counts what else takes addresses in the subnets (NAT
// gateways, endpoints, mount targets, database nodes).
//
// Hostile input is bounded: cycles between resources are refused before
// evaluation (cycle.go), what CloudFormation rejects anywhere in a template
// is refused (validate.go), and evaluation runs under named budgets
// (budget.go).
//
// What it cannot know (a parameter without a value, an export from a stack
// it was not given) becomes a placeholder with a warning that says how to
// give it. What CloudFormation would reject (a reference to a resource whose
// Condition is false, a subnet id that is not one) is an error naming the
// resource and property.
//
// Of enisim's packages, cloudformation imports only importer.
package cloudformation
