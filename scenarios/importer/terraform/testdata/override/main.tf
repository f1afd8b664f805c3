# Variables, locals, count, cidrsubnet, interpolation, NAT, IAM.
provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "az_letters" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  name = "orders"
  azs  = [for l in var.az_letters : "${var.region}${l}"]
}

resource "aws_vpc" "main" {
  cidr_block       = var.vpc_cidr
  instance_tenancy = "default"
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, 0)
  availability_zone = local.azs[0]
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index + 1)
  availability_zone = element(local.azs, count.index)
}

resource "aws_nat_gateway" "nat" {
  subnet_id = aws_subnet.public.id
}

resource "aws_security_group" "app" {
  name   = "${local.name}-app"
  vpc_id = aws_vpc.main.id
}

resource "aws_iam_role" "fn" {
  name = "${local.name}-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_policy" "eni" {
  name = "eni"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "eni" {
  role       = aws_iam_role.fn.id
  policy_arn = aws_iam_policy.eni.arn
}

resource "aws_lambda_function" "orders" {
  function_name                  = format("%s-api", local.name)
  role                           = aws_iam_role.fn.arn
  memory_size                    = 512
  reserved_concurrent_executions = 20
  publish                        = true

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.app.id]
  }
}

resource "aws_lambda_function" "report" {
  function_name = "Report_Builder"
  role          = aws_iam_role.fn.arn

  vpc_config {
    subnet_ids         = [aws_subnet.private[1].id]
    security_group_ids = [aws_security_group.app.id, aws_vpc.main.default_security_group_id]
  }
}
