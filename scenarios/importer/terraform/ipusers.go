package terraform

import (
	"fmt"

	"github.com/enisim/enisim/scenarios/importer"
)

// ipUse is something other than a Lambda function that takes addresses
// in a subnet, as the configuration states it: a NAT gateway, an
// interface endpoint, an EFS mount target (which also counts against the
// VPC's Lambda ENI quota), a database or cache node.
type ipUse struct {
	subnet string // scenario id
	origin string
	ips    int
	quota  bool // also one of the VPC's ENIs in Lambda's per-VPC quota
	nat    bool
}

// groupUse is a database or cache that takes addresses in one of the
// subnets of a subnet group, by the group's name.
type groupUse struct {
	group, origin string
	nodes         int
}

// addIPs records n addresses of each subnet in subnets for origin.
func (im *imp) addIPs(origin string, subnets []string, n int, quota bool) {
	for _, s := range subnets {
		if s != "" {
			im.col.ipUsers = append(im.col.ipUsers, ipUse{subnet: s, origin: origin, ips: n, quota: quota})
		}
	}
}

// placeGroups turns the nodes of databases and caches into addresses of
// their subnet groups' subnets: node k of all the nodes of a group in its
// (k mod n)-th subnet. AWS picks the subnet; spreading them is assumed.
func (im *imp) placeGroups() {
	next := map[string]int{}
	for _, g := range im.col.groupUses {
		subnets := im.col.subnetGroups[g.group]
		if len(subnets) == 0 {
			im.warn(g.origin, "subnet_group", "subnet group "+g.group+" is not declared in the configuration; its addresses are not counted", "")
			continue
		}
		for range g.nodes {
			k := next[g.group]
			next[g.group]++
			im.col.ipUsers = append(im.col.ipUsers, ipUse{subnet: subnets[k%len(subnets)], ips: 1,
				origin: fmt.Sprintf("%s (subnet group %s; AWS picks the subnet, spread in order is assumed)", g.origin, g.group)})
		}
	}
}

// ipUsers adds the recorded users to their subnets (and quota users to
// their VPCs); a subnet the configuration does not declare is warned about.
func (b *layoutBuilder) ipUsers() {
	b.im.placeGroups()
	for _, u := range b.im.col.ipUsers {
		v := b.vpcOf[u.subnet]
		if v == nil {
			b.im.warn(u.origin, "subnet", "subnet "+u.subnet+" is not declared; its addresses are not counted", "")
			continue
		}
		if u.nat {
			v.NATGateway = true
		}
		for i := range v.Subnets {
			if v.Subnets[i].ID == u.subnet {
				v.Subnets[i].IPUsers = append(v.Subnets[i].IPUsers, importer.IPUser{Origin: u.origin, IPs: u.ips})
			}
		}
		if u.quota {
			v.QuotaUsers = append(v.QuotaUsers, importer.IPUser{Origin: u.origin, IPs: u.ips})
		}
	}
}
