// Package spec is the scenario file format: one YAML file describing the
// network (VPCs, subnets, security groups), the Lambda functions attached to
// it, the workload that invokes them and the control-plane calls made over
// time. It holds the types a scenario decodes into (Scenario, Function,
// Hyperplane, ...), the strict decoder with file:line:col positions, units,
// --set overrides, the size limits a file must keep within, and the
// built-in scenarios shipped in the binary.
//
// Load and Parse decode a version 1 scenario (README.md beside this file is
// the reference for users). Decoding is strict: an unknown key, a duration
// without a unit or a subnet that no VPC defines is an error that names the
// file, line and column, so a typo never silently changes what is
// simulated. Things a user may write on purpose to see what AWS would do (a
// dedicated-tenancy VPC, 17 subnets, a role without the ENI permissions)
// load, with a Warning.
//
// Overrides (the --set PATH=VALUE flag, and scenario variants) are applied
// to the YAML tree before decoding, so an overridden value goes through the
// same checks, with the same messages, as one written in the file.
//
// spec knows nothing of the model: it imports no enisim package, and the
// simulator (package scenarios) reads what it decodes.
package spec
