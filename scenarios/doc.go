// Package scenarios reads, checks and builds enisim scenarios: one YAML file
// describing the network (VPCs, subnets, security groups), the Lambda
// functions attached to it, the workload that invokes them and the
// control-plane calls made over time.
//
// Load and Parse decode a version 1 scenario (the format is specified in
// ../shared/docs/scenario-format.md and described for users in
// README.md). Decoding is strict: an unknown key, a duration without a unit
// or a subnet that no VPC defines is an error that names the file, line and
// column, so a typo never silently changes what is simulated. Things a user
// may write on purpose to see what AWS would do (a dedicated-tenancy VPC, 17
// subnets, a role without the ENI permissions) load, with a Warning.
//
// Overrides (the --set PATH=VALUE flag, and scenario variants) are applied
// to the YAML tree before decoding, so an overridden value goes through the
// same checks, with the same messages, as one written in the file.
package scenarios
