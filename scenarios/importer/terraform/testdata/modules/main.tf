# Registry modules: terraform-aws-modules/vpc/aws and lambda/aws are
# modelled; a dynamic vpc_config block.
variable "attach" {
  default = true
}

module "network" {
  source             = "terraform-aws-modules/vpc/aws"
  version            = "~> 5.0"
  name               = "net"
  cidr               = "10.50.0.0/16"
  azs                = ["us-east-1a", "us-east-1b"]
  private_subnets    = ["10.50.1.0/24", "10.50.2.0/24"]
  public_subnets     = ["10.50.101.0/24", "10.50.102.0/24"]
  database_subnets   = ["10.50.201.0/24", "10.50.202.0/24", "10.50.203.0/24"]
  enable_nat_gateway = true
  single_nat_gateway = true
}

module "worker" {
  source                 = "terraform-aws-modules/lambda/aws"
  function_name          = "worker"
  memory_size            = 2048
  publish                = true
  vpc_subnet_ids         = module.network.private_subnets
  vpc_security_group_ids = [module.network.default_security_group_id]
  attach_network_policy  = true
  attach_policies        = true
  policies               = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
  number_of_policies     = 1
}

module "half" {
  source         = "terraform-aws-modules/lambda/aws"
  function_name  = "half-configured"
  vpc_subnet_ids = module.network.private_subnets
}

resource "aws_lambda_function" "dyn" {
  function_name = "dynamic"
  role          = module.worker.lambda_role_arn

  dynamic "vpc_config" {
    for_each = var.attach ? [module.network.database_subnets] : []
    content {
      subnet_ids         = vpc_config.value
      security_group_ids = [module.network.default_security_group_id]
    }
  }
}
