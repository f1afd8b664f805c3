terraform {
  source = "../../modules//app"
}
include {
  path = find_in_parent_folders()
}
dependency "net" {
  config_path = "../net"
  mock_outputs = {
    subnet_ids = [""]
    sg_id      = ""
  }
}
inputs = {
  subnet_ids = dependency.net.outputs.subnet_ids
  sg_id      = dependency.net.outputs.sg_id
}
