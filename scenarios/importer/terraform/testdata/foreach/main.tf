# for_each over a map and a set; each.key/each.value; collection functions.
locals {
  zones = {
    a = { az = "us-east-2a", cidr = "172.16.0.0/24" }
    b = { az = "us-east-2b", cidr = "172.16.1.0/24" }
  }
  tiers   = toset(["api", "worker"])
  sizes   = merge({ api = 256 }, { worker = 1024 })
  all_sgs = concat([aws_security_group.base.id], [])
}

resource "aws_vpc" "v" {
  cidr_block = "172.16.0.0/16"
}

resource "aws_subnet" "zone" {
  for_each          = local.zones
  vpc_id            = aws_vpc.v.id
  cidr_block        = each.value.cidr
  availability_zone = each.value.az
}

resource "aws_security_group" "base" {
  vpc_id = aws_vpc.v.id
}

resource "aws_security_group" "tier" {
  for_each = local.tiers
  vpc_id   = aws_vpc.v.id
}

resource "aws_lambda_function" "svc" {
  for_each      = local.tiers
  function_name = join("-", ["svc", each.key])
  role          = "arn:aws:iam::111122223333:role/external"
  memory_size   = lookup(local.sizes, each.key, 128)

  vpc_config {
    subnet_ids         = values(aws_subnet.zone)[*].id
    security_group_ids = flatten([local.all_sgs, [aws_security_group.tier[each.key].id]])
  }
}

resource "aws_lambda_function" "one_zone" {
  function_name = "one-zone"
  role          = "arn:aws:iam::111122223333:role/external"

  vpc_config {
    subnet_ids         = slice([for k in sort(keys(aws_subnet.zone)) : aws_subnet.zone[k].id], 0, 1)
    security_group_ids = split(",", "${aws_security_group.base.id},${aws_security_group.base.id}")
  }
}
