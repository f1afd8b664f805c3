// Package importer holds what the CloudFormation, Terraform and AWS CLI
// importers have in common: the Layout they extract from their source, the
// warnings they collect on the way, and the writer that turns a Layout into a
// commented v1 scenario file.
//
// importer and its subpackages (awscli, cloudformation, terraform) may
// import spec, scenarios and the packages below them, never cmd/enisim.
// They write scenario files as text, so today importer needs only eni/iam
// (for the policies it reads) and the subpackages only importer.
package importer
