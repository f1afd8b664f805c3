resource "aws_vpc" "v" { cidr_block = "10.8.0.0/16" }
resource "aws_subnet" "p" {
  count             = 2
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.8.0.0/16", 8, count.index)
  availability_zone = "${var.region}${["a", "b"][count.index]}"
}
resource "aws_security_group" "app" { vpc_id = aws_vpc.v.id }
output "subnet_ids" { value = aws_subnet.p[*].id }
output "sg_id" { value = aws_security_group.app.id }
