// Package lint reports mistakes in the IAM policies and the network layout
// of VPC-attached Lambda functions that AWS accepts silently: a multivalued
// condition key under a plain operator, a ForAllValues Allow that admits
// requests without the key, ec2:DescribeNetworkInterfaces scoped to a
// resource, an execution role without the Deny AWS recommends for function
// code, functions that split one subnet across security-group sets, and
// functions confined to one Availability Zone.
//
// It works on plain data (JSON documents, LayoutFunction values) so that it
// depends only on package iam; the CLI maps a scenario onto these inputs.
// Findings render as a text table, JSON, or SARIF 2.1.0 for code-scanning
// tools.
//
// Of enisim's packages, lint imports only iam (the model, the simulator
// and the CLI are above it).
package lint
