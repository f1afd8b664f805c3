// Package serverless imports a Serverless Framework service
// (serverless.yml): it resolves the framework's variables (${self:...},
// ${opt:...} with their defaults, ${param:...}, ${sls:stage},
// ${aws:region}; --var for the sources it cannot read), applies the
// framework's VPC rules (provider.vpc, per-function vpc with each field
// falling back on its own, vpc: ~ or false to opt out) and role rules (the
// generated IamRoleLambdaExecution gets AWSLambdaVPCAccessExecutionRole
// when any function is in a VPC), and imports the result with
// resources.Resources merged in, as CloudFormation.
package serverless
