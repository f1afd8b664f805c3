# What cannot be known before apply: data sources, variables without a
# default, unfollowed registry modules, a for_each over an unknown value.
variable "subnet_ids" {
  type = list(string)
}

variable "sg_id" {
  type    = string
  default = "sg-0123456789abcdef0"
}

data "aws_subnets" "private" {
  filter {
    name   = "tag:Tier"
    values = ["private"]
  }
}

data "aws_availability_zones" "available" {}

module "sg" {
  source = "terraform-aws-modules/security-group/aws"
  name   = "x"
}

resource "aws_vpc" "v" {
  cidr_block = "10.5.0.0/16"
}

resource "aws_subnet" "s" {
  count             = 2
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.5.${count.index}.7/24"
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_lambda_function" "from_var" {
  function_name = "from-var"
  role          = aws_iam_role.missing.arn
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.sg_id]
  }
}

resource "aws_lambda_function" "from_data" {
  function_name = "from-data"
  memory_size   = var.subnet_ids[0]
  vpc_config {
    subnet_ids         = concat(data.aws_subnets.private.ids, [aws_subnet.s[0].id])
    security_group_ids = [module.sg.security_group_id]
  }
}

resource "aws_lambda_function" "per_subnet" {
  for_each      = toset(data.aws_subnets.private.ids)
  function_name = "per-subnet"
  vpc_config {
    subnet_ids         = [each.value]
    security_group_ids = [var.sg_id]
  }
}
