variable "subnet_ids" { type = list(string) }
variable "sg_id" { type = string }
resource "aws_lambda_function" "f" {
  function_name = var.name
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.sg_id]
  }
}
