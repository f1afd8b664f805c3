locals {
  env = read_terragrunt_config("../env.hcl")
}
inputs = {
  region = "eu-west-1"
  name   = "shop-${local.env.inputs.env}"
}
generate "common" {
  path     = "common.tf"
  contents = file("./common.tf.txt")
}
