terraform {
  source = "../../modules//app"
}
include {
  path = find_in_parent_folders()
}
dependency "net" {
  config_path = "../missing"
  mock_outputs = {
    subnet_ids = ["subnet-mock"]
    sg_id      = "sg-mock"
  }
}
inputs = {
  subnet_ids = dependency.net.outputs.subnet_ids
  sg_id      = dependency.net.outputs.sg_id
}
