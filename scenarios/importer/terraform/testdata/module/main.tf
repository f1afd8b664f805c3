# A local module with inputs and outputs.
module "net" {
  source = "./modules/net"
  name   = "shop"
  cidr   = "10.1.0.0/16"
  azs    = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

resource "aws_lambda_function" "checkout" {
  function_name = "checkout"
  role          = module.net.role_arn

  vpc_config {
    subnet_ids         = module.net.private_subnet_ids
    security_group_ids = [module.net.lambda_sg_id]
  }
}
