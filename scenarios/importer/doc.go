// Package importer holds what the CloudFormation (and Serverless),
// Terraform and AWS CLI importers have in common: the Layout they extract
// from their source, the warnings and assumptions they collect on the way,
// the writer that turns a Layout into a commented v1 scenario file, and
// Verify, which runs what was written so that the import reports the run's
// answer.
//
// importer and its subpackages (awscli, cloudformation, serverless,
// terraform) may import spec, scenarios and the packages below them, never
// cmd/enisim.
package importer
