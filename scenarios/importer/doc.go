// Package importer holds what the CloudFormation, Terraform and AWS CLI
// importers have in common: the Layout they extract from their source, the
// warnings they collect on the way, and the writer that turns a Layout into a
// commented v1 scenario file.
//
// importer writes scenario files as text: of enisim's packages it imports
// only eni/iam (for the policies it reads), and may import spec; never the
// simulator (scenarios) or cmd/enisim. Its subpackages (awscli,
// cloudformation, terraform) import it.
package importer
