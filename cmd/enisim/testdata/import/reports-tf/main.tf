# Written for enisim's tests: a reports function and its exporter in two
# private subnets computed with cidrsubnet.

provider "aws" {
  region = var.region
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 10)
  availability_zone = var.azs[count.index]
}

resource "aws_security_group" "reports" {
  name   = "reports"
  vpc_id = aws_vpc.main.id
}

resource "aws_iam_role" "reports" {
  name               = "reports"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.reports.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = aws_iam_role.reports.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "reports.zip"
  memory_size   = 1024

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.reports.id]
  }
}

resource "aws_lambda_function" "exporter" {
  function_name = "exporter"
  role          = aws_iam_role.reports.arn
  runtime       = "python3.12"
  handler       = "export.handler"
  filename      = "reports.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.private[0].id]
    security_group_ids = [aws_security_group.reports.id]
  }
}
