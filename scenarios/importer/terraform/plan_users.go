package terraform

// The plan's resources that take addresses in subnets (see ipusers.go).

func (pi *planImport) endpoint(r *stateResource) {
	if t := str(r.Values["vpc_endpoint_type"]); t == "Interface" || t == "GatewayLoadBalancer" {
		pi.im.addIPs(r.Address+" (interface endpoint)", pi.awsSubnetIDs(r.Values["subnet_ids"]), 1, false)
	}
}

func (pi *planImport) mountTarget(r *stateResource) {
	pi.im.addIPs(r.Address+" (EFS mount target)", []string{pi.subnetID(str(r.Values["subnet_id"]))}, 1, true)
}

func (pi *planImport) subnetGroup(r *stateResource) {
	if name := str(r.Values["name"]); name != "" {
		pi.im.col.subnetGroups[name] = pi.awsSubnetIDs(r.Values["subnet_ids"])
	}
}

func (pi *planImport) cluster(r *stateResource) {
	g := strOr(r.Values["db_subnet_group_name"], str(r.Values["neptune_subnet_group_name"]))
	if id := str(r.Values["cluster_identifier"]); id != "" && g != "" {
		pi.im.col.clusterGroups[id] = g
	}
}

func (pi *planImport) nodes(r *stateResource) {
	v := r.Values
	group := strOr(v[nodeGroupArg[r.Type]], pi.im.col.clusterGroups[str(v["cluster_identifier"])])
	if group == "" {
		return
	}
	nodes := 1
	if m, _ := v["multi_az"].(bool); m && r.Type == "aws_db_instance" {
		nodes = 2
	}
	if n, ok := v["num_cache_nodes"].(float64); ok {
		nodes = int(n)
	}
	if n, ok := v["num_cache_clusters"].(float64); ok {
		nodes = int(n)
	}
	pi.im.col.groupUses = append(pi.im.col.groupUses, groupUse{group: group, origin: r.Address, nodes: max(nodes, 0)})
}

// awsSubnetIDs maps a list of AWS subnet ids to scenario ids.
func (pi *planImport) awsSubnetIDs(v any) []string {
	var out []string
	for _, s := range strs(v) {
		out = append(out, pi.subnetID(s))
	}
	return out
}
