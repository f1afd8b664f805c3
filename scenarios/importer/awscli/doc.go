// Package awscli imports the JSON the AWS CLI prints about an account's
// functions and network (aws lambda list-functions, aws ec2
// describe-subnets, describe-security-groups, describe-network-interfaces)
// into an importer.Layout, so the simulator can replay an existing account.
//
// The ENIs Lambda has now (describe-network-interfaces, InterfaceType
// "lambda") become Layout.Observed, to compare with what the simulation
// creates; their addresses are not counted again in the subnets' usedIPs.
//
// Of enisim's packages, awscli imports only importer.
package awscli
