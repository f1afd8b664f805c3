package cloudformation

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// Other users of the Lambda subnets: what the templates put there takes
// addresses (usedIPs, with a comment naming each), and EFS mount targets
// also take ENIs of the VPC's Lambda quota ("elastic network interfaces
// per VPC", which Lambda's quota page says is shared with EFS).

// subnetGroups are the subnet groups of the templates, by resource:
// RDS, Neptune, DocumentDB, ElastiCache and MemoryDB place their nodes in
// the subnets of a group.
var subnetGroupTypes = map[string]bool{
	"AWS::RDS::DBSubnetGroup": true, "AWS::Neptune::DBSubnetGroup": true, "AWS::DocDB::DBSubnetGroup": true,
	"AWS::ElastiCache::SubnetGroup": true, "AWS::MemoryDB::SubnetGroup": true,
}

// nodeTypes say, per database type, which property names the subnet group
// (or the cluster that has it) and how many nodes, each one address.
var nodeTypes = map[string]struct {
	groupProp, clusterProp string
	nodes                  func(b *builder, r *resource) (int, error)
}{
	"AWS::RDS::DBInstance":               {"DBSubnetGroupName", "DBClusterIdentifier", rdsNodes},
	"AWS::RDS::DBCluster":                {"DBSubnetGroupName", "", multiAZClusterNodes},
	"AWS::Neptune::DBInstance":           {"", "DBClusterIdentifier", one},
	"AWS::DocDB::DBInstance":             {"", "DBClusterIdentifier", one},
	"AWS::ElastiCache::CacheCluster":     {"CacheSubnetGroupName", "", cacheClusterNodes},
	"AWS::ElastiCache::ReplicationGroup": {"CacheSubnetGroupName", "", replicationGroupNodes},
	"AWS::MemoryDB::Cluster":             {"SubnetGroupName", "", memoryDBNodes},
}

// ipUsers adds the addresses r takes in the subnets of the templates.
func (b *builder) ipUsers(r *resource) error {
	switch r.typ {
	case "AWS::EC2::NatGateway":
		return b.nat(r)
	case "AWS::EFS::MountTarget":
		return b.perSubnet(r, "SubnetId", "EFS mount target", true)
	case "AWS::EC2::VPCEndpoint":
		t, err := b.strProp(r, "VpcEndpointType")
		if err != nil || (t != "Interface" && t != "GatewayLoadBalancer") {
			return err // a Gateway endpoint (the default) is a route, not an ENI
		}
		return b.perSubnet(r, "SubnetIds", t+" VPC endpoint", false)
	}
	if _, ok := nodeTypes[r.typ]; ok {
		return b.dbNodes(r)
	}
	return nil
}

// user names r in a usedIPs comment.
func user(r *resource, what string) string {
	return fmt.Sprintf("%s %s (%s:%d)", what, r.label(), r.st.tpl.base, r.n.line)
}

// perSubnet counts one address in each subnet a property names (and one
// ENI of the VPC's Lambda quota, for mount targets).
func (b *builder) perSubnet(r *resource, prop, what string, quota bool) error {
	v, err := (&ev{st: r.st, where: r.label() + "." + prop}).prop(r, prop)
	if err != nil {
		return err
	}
	for _, it := range listOf(v) {
		b.addIPUser(r, prop, asString(it), user(r, what), 1, quota)
	}
	return nil
}

// addIPUser charges ips addresses of subnet id to origin.
func (b *builder) addIPUser(r *resource, prop, id, origin string, ips int, quota bool) {
	rec := b.subnets[id]
	if rec == nil {
		b.s.warn(importer.Warning{Resource: r.label(), Property: prop, Pos: r.props.get(prop).pos(),
			Msg: fmt.Sprintf("subnet %s is not one of the templates; the %d address(es) %s takes there are not counted", id, ips, r.typ)})
		return
	}
	rec.sub.IPUsers = append(rec.sub.IPUsers, importer.IPUser{Origin: origin, IPs: ips})
	if quota {
		b.quota[rec] = append(b.quota[rec], importer.IPUser{Origin: origin, IPs: ips})
	}
}

// nat records a NAT gateway: internet access for its VPC (unless private)
// and the addresses it takes in its subnet.
func (b *builder) nat(r *resource) error {
	b.checkProps(r, r.props, "")
	id, err := b.strProp(r, "SubnetId")
	if err != nil {
		return err
	}
	n, err := b.count(r, "SecondaryPrivateIpAddressCount", 0)
	if err != nil {
		return err
	}
	sec, err := (&ev{st: r.st, where: r.label() + ".SecondaryPrivateIpAddresses"}).prop(r, "SecondaryPrivateIpAddresses")
	if err != nil {
		return err
	}
	b.addIPUser(r, "SubnetId", id, user(r, "NAT gateway"), 1+n+len(listOf(sec)), false)
	ct, err := b.strProp(r, "ConnectivityType")
	if rec := b.subnets[id]; rec != nil && ct != "private" {
		if vpc := b.vpcs[rec.vpc]; vpc != nil {
			vpc.NATGateway = true
		}
	}
	return err
}

// strProp evaluates a property to its text ("" when absent).
func (b *builder) strProp(r *resource, prop string) (string, error) {
	v, err := (&ev{st: r.st, where: r.label() + "." + prop}).prop(r, prop)
	if _, none := v.(noValue); none || err != nil {
		return "", err
	}
	return asString(v), nil
}

// count evaluates a count property: def when absent; an unknown value is
// def too, with a warning.
func (b *builder) count(r *resource, prop string, def int) (int, error) {
	s, err := b.strProp(r, prop)
	if s == "" || err != nil {
		return def, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 1000 {
		b.s.warn(importer.Warning{Resource: r.label(), Property: prop, Pos: r.props.get(prop).pos(),
			Msg: fmt.Sprintf("%q is not a count the importer can read; %d assumed", s, def)})
		return def, nil
	}
	return n, nil
}

// dbNodes places a database's nodes in the subnets of its subnet group:
// one address each. Which subnet a node lands in is the service's choice;
// the import spreads them over the group in order, and says so.
func (b *builder) dbNodes(r *resource) error {
	nt := nodeTypes[r.typ]
	nodes, err := nt.nodes(b, r)
	if err != nil || nodes == 0 {
		return err
	}
	group := b.groupOf(r, nt.groupProp, nt.clusterProp)
	if group == nil {
		return nil
	}
	v, err := (&ev{st: group.st, where: group.label() + ".SubnetIds"}).prop(group, "SubnetIds")
	if err != nil {
		return err
	}
	ids := listOf(v)
	if len(ids) == 0 {
		return nil
	}
	per := make([]int, len(ids))
	for range nodes { // round robin over the group, across its databases
		per[b.groupNext[group]%len(ids)]++
		b.groupNext[group]++
	}
	for i, id := range ids {
		if per[i] > 0 {
			b.addIPUser(r, "SubnetIds", asString(id), user(r, r.typ)+", in subnet group "+group.logical, per[i], false)
		}
	}
	if len(ids) > 1 {
		b.s.assume(importer.Assumption{Pos: r.n.pos(), Subject: r.id,
			What:     fmt.Sprintf("%s %s: its %d node(s) are spread over the subnets of %s in order (the service picks them)", r.typ, r.label(), nodes, group.label()),
			Override: "edit usedIPs of those subnets in the scenario"})
	}
	return nil
}

// groupOf finds the subnet group r is in: its own group property, else
// that of the cluster it names. nil when neither is a group of the
// templates (the default subnet group is not modelled).
func (b *builder) groupOf(r *resource, groupProp, clusterProp string) *resource {
	if g := refTo(r, groupProp); g != nil && subnetGroupTypes[g.typ] {
		return g
	}
	if c := refTo(r, clusterProp); c != nil {
		for _, t := range []string{"DBSubnetGroupName", "CacheSubnetGroupName", "SubnetGroupName"} {
			if g := refTo(c, t); g != nil && subnetGroupTypes[g.typ] {
				return g
			}
		}
	}
	return nil
}

// refTo is the resource of r's stack a property names with Ref (or
// GetAtt), or nil.
func refTo(r *resource, prop string) *resource {
	if prop == "" {
		return nil
	}
	n := r.props.get(prop)
	fn, arg, ok := n.fnCall()
	switch {
	case ok && fn == "Ref" && arg.kind == scalarNode:
		return r.st.res[arg.str]
	case ok && fn == "Fn::GetAtt" && arg.kind == seqNode && len(arg.items) > 0:
		return r.st.res[arg.items[0].str]
	case n != nil && n.kind == scalarNode:
		return r.st.res[n.str]
	}
	return nil
}

func one(*builder, *resource) (int, error) { return 1, nil }

// rdsNodes: an instance, two with MultiAZ (primary and standby).
func rdsNodes(b *builder, r *resource) (int, error) {
	m, err := b.strProp(r, "MultiAZ")
	if m == "true" {
		return 2, err
	}
	return 1, err
}

// multiAZClusterNodes: a Multi-AZ DB cluster (DBClusterInstanceClass set)
// has a writer and two readers; an Aurora cluster's nodes are its
// DBInstances.
func multiAZClusterNodes(b *builder, r *resource) (int, error) {
	c, err := b.strProp(r, "DBClusterInstanceClass")
	if c != "" {
		return 3, err
	}
	return 0, err
}

func cacheClusterNodes(b *builder, r *resource) (int, error) { return b.count(r, "NumCacheNodes", 1) }

// replicationGroupNodes: NumCacheClusters, or shards x (replicas + 1).
func replicationGroupNodes(b *builder, r *resource) (int, error) {
	if r.props.get("NumCacheClusters") != nil {
		return b.count(r, "NumCacheClusters", 1)
	}
	groups, err := b.count(r, "NumNodeGroups", 1)
	if err != nil {
		return 0, err
	}
	reps, err := b.count(r, "ReplicasPerNodeGroup", 0)
	return groups * (reps + 1), err
}

// memoryDBNodes: shards x (replicas + 1); MemoryDB's defaults are 1 shard
// and 1 replica.
func memoryDBNodes(b *builder, r *resource) (int, error) {
	shards, err := b.count(r, "NumShards", 1)
	if err != nil {
		return 0, err
	}
	reps, err := b.count(r, "NumReplicasPerShard", 1)
	return shards * (reps + 1), err
}
