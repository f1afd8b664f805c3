terraform {
  source = "../../modules//net"
}
include {
  path = find_in_parent_folders()
}
