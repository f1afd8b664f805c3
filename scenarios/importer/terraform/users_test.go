package terraform

import (
	"strings"
	"testing"
)

// TestOtherIPUsers: interface endpoints, EFS mount targets, database and
// cache nodes and NAT gateways in the subnets take addresses, each with
// the resource it comes from; mount targets also take ENIs of the VPC's
// quota. Before, only NAT gateways were counted.
func TestOtherIPUsers(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}
resource "aws_vpc_endpoint" "logs" {
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
  service_name      = "com.amazonaws.us-east-1.logs"
  subnet_ids        = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.v.id
  service_name = "com.amazonaws.us-east-1.s3"
}
resource "aws_efs_mount_target" "m" {
  count     = 2
  subnet_id = [aws_subnet.a.id, aws_subnet.b.id][count.index]
}
resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_db_instance" "pg" {
  db_subnet_group_name = aws_db_subnet_group.db.name
  multi_az             = true
}
resource "aws_rds_cluster" "aurora" {
  db_subnet_group_name = aws_db_subnet_group.db.id
}
resource "aws_rds_cluster_instance" "aurora" {
  count              = 1
  cluster_identifier = aws_rds_cluster.aurora.id
}
resource "aws_elasticache_subnet_group" "cache" {
  name       = "cache"
  subnet_ids = [aws_subnet.b.id]
}
resource "aws_elasticache_cluster" "redis" {
  subnet_group_name = aws_elasticache_subnet_group.cache.name
  num_cache_nodes   = 3
}
resource "aws_nat_gateway" "n" { subnet_id = aws_subnet.a.id }
`})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]int{}
	for _, s := range l.VPCs[0].Subnets {
		used[s.ID] = usedIPs(s)
	}
	// a: logs endpoint, mount target, RDS primary, Aurora node 1 (the
	// group's third node), NAT = 5. b: logs endpoint, mount target, RDS
	// standby, 3 cache nodes = 6.
	if used["subnet-a"] != 5 || used["subnet-b"] != 6 {
		t.Errorf("used = %v, want subnet-a 5, subnet-b 6\n%s", used, describe(l))
	}
	quota := 0
	for _, u := range l.VPCs[0].QuotaUsers {
		quota += u.IPs
	}
	if quota != 2 || !l.VPCs[0].NATGateway {
		t.Errorf("quota users %d (want 2 mount targets), NAT %t", quota, l.VPCs[0].NATGateway)
	}
	if d := describe(l); !strings.Contains(d, "aws_efs_mount_target.m[1] (EFS mount target)") || !strings.Contains(d, "aws_elasticache_cluster.redis (subnet group cache") {
		t.Errorf("users do not say where they come from:\n%s", d)
	}
}
