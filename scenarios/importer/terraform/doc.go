// Package terraform imports Terraform configurations (.tf files) into an
// importer.Layout: the VPCs, subnets, security groups, NAT gateways, Lambda
// functions and execution roles they declare.
//
// It does not run Terraform. It parses HCL with HashiCorp's library and
// evaluates, lazily and only as far as the layout needs, what a plan would
// know before apply: literals, variable defaults and -var overrides, locals,
// references between resources, count and for_each, string templates and the
// usual functions (cidrsubnet computes the real subnet). Values Terraform
// only learns from AWS (data sources, computed attributes, modules that are
// not followed) stay unknown; when such a value reaches something the layout
// needs, a Warning names the resource, the attribute and what it depended on.
//
// Resources get scenario ids derived from their addresses (aws_subnet.a[0]
// becomes subnet-a-0), and a reference such as aws_subnet.a.id evaluates to
// that id, so a function's vpc_config resolves to scenario subnets.
//
// Local modules (source "./..." or "../...") are followed with their inputs,
// remote ones too when a local copy is given (Options.ModuleDirs, or the
// .terraform/modules that terraform init writes; sources.go). Two registry
// modules are modelled from their inputs instead of read:
// terraform-aws-modules/vpc/aws and terraform-aws-modules/lambda/aws (see
// vpcmodule.go and lambdamodule.go). Other remote modules are not followed.
//
// ImportPlan reads terraform show -json output instead (plan*.go), and
// ImportTerragrunt Terragrunt units (terragrunt*.go); both feed the same
// records (collect.go) to the same layout rules (build.go). The evaluator
// runs under the named budgets of budget.go, and refuses what terraform
// validate refuses (strict.go).
//
// Of enisim's packages, terraform imports only importer and internal/inputfile
// (the one opener of files a user names).
package terraform
