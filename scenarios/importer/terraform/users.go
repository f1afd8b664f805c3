package terraform

import (
	"github.com/zclconf/go-cty/cty"
)

// Handlers of the resources that take addresses in subnets Lambda may
// use (see ipusers.go).

// addEndpoint counts an interface endpoint's one address per subnet;
// gateway endpoints (the default type) take none.
func (im *imp) addEndpoint(rc *resourceConfig, sc scope) {
	if t := im.stringAttr(rc, sc, "vpc_endpoint_type", ""); t != "Interface" && t != "GatewayLoadBalancer" {
		return
	}
	im.addIPs(instAddr(rc, sc)+" (interface endpoint)", im.idsAttr(rc, sc, "subnet_ids"), 1, false)
}

// addMountTarget counts an EFS mount target: an address, and an ENI of
// the VPC's quota that Lambda shares.
func (im *imp) addMountTarget(rc *resourceConfig, sc scope) {
	im.addIPs(instAddr(rc, sc)+" (EFS mount target)", []string{im.stringAttr(rc, sc, "subnet_id", "")}, 1, true)
}

// addSubnetGroup records an RDS, ElastiCache or Neptune subnet group by
// its name (its id is its name).
func (im *imp) addSubnetGroup(rc *resourceConfig, sc scope) {
	if name := knownString(im.instanceValue(rc, sc).v.GetAttr("name")); name != "" {
		im.col.subnetGroups[name] = im.idsAttr(rc, sc, "subnet_ids")
	}
}

// nodeGroupArg is the argument naming the subnet group, by resource type.
var nodeGroupArg = map[string]string{
	"aws_db_instance": "db_subnet_group_name", "aws_rds_cluster_instance": "db_subnet_group_name",
	"aws_neptune_cluster_instance": "neptune_subnet_group_name", "aws_docdb_cluster_instance": "db_subnet_group_name",
	"aws_elasticache_cluster": "subnet_group_name", "aws_elasticache_replication_group": "subnet_group_name",
}

// addNodes places a database or cache's nodes in its subnet group: one
// (two for a Multi-AZ RDS instance, primary and standby), num_cache_nodes
// of a cache cluster, the clusters of a replication group. A cluster
// instance without a group of its own is in its cluster's.
func (im *imp) addNodes(rc *resourceConfig, sc scope) {
	group := im.stringAttr(rc, sc, nodeGroupArg[rc.typ], "")
	if group == "" && (rc.typ == "aws_rds_cluster_instance" || rc.typ == "aws_neptune_cluster_instance") {
		group = im.col.clusterGroups[im.stringAttr(rc, sc, "cluster_identifier", "")]
	}
	if group == "" {
		return
	}
	nodes := 1
	switch rc.typ {
	case "aws_db_instance":
		if boolValue(im.attr(rc, sc, "multi_az").v, false) {
			nodes = 2
		}
	case "aws_elasticache_cluster":
		nodes, _ = intValue(im.attr(rc, sc, "num_cache_nodes").v)
	case "aws_elasticache_replication_group":
		nodes = replicationNodes(im, rc, sc)
	}
	im.col.groupUses = append(im.col.groupUses, groupUse{group: group, origin: instAddr(rc, sc), nodes: max(nodes, 0)})
}

func replicationNodes(im *imp, rc *resourceConfig, sc scope) int {
	if n, ok := intValue(im.attr(rc, sc, "num_cache_clusters").v); ok {
		return n
	}
	groups, ok := intValue(im.attr(rc, sc, "num_node_groups").v)
	if !ok {
		groups = 1
	}
	replicas, _ := intValue(im.attr(rc, sc, "replicas_per_node_group").v)
	return groups * (replicas + 1)
}

// addCluster records which subnet group an Aurora or Neptune cluster is
// in, for its instances, by the cluster's id (its cluster_identifier).
func (im *imp) addCluster(rc *resourceConfig, sc scope) {
	arg := "db_subnet_group_name"
	if rc.typ == "aws_neptune_cluster" {
		arg = "neptune_subnet_group_name"
	}
	id := knownString(im.instanceValue(rc, sc).v.GetAttr("id"))
	if g := im.stringAttr(rc, sc, arg, ""); id != "" && g != "" {
		im.col.clusterGroups[id] = g
	}
}

// idsAttr is a list-of-strings argument; unknown elements are left out
// with a warning.
func (im *imp) idsAttr(rc *resourceConfig, sc scope, name string) []string {
	r := im.attr(rc, sc, name)
	ids, ok := stringList(r.v)
	if !ok {
		im.warn(instAddr(rc, sc), name, "unknown ("+explain(r.why)+"); its addresses are not counted", "")
	}
	return ids
}

// namedID gives subnet groups and clusters the id Terraform reports: the
// name (cluster_identifier) when it is given.
func namedID(typ string, attrs map[string]cty.Value) (cty.Value, bool) {
	key := "name"
	if typ == "aws_rds_cluster" || typ == "aws_neptune_cluster" {
		key = "cluster_identifier"
	}
	if n := knownString(attrs[key]); n != "" {
		return cty.StringVal(n), true
	}
	return cty.NilVal, false
}
