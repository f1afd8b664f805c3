package terraform

import (
	"github.com/enisim/enisim/scenarios/importer"
)

func (im *imp) addVPC(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	id := im.resourceID(sc.in, rc, sc)
	v := &importer.VPC{ID: id, Origin: addr}
	v.CIDR = im.canonicalCIDR(im.stringAttr(rc, sc, "cidr_block", id), addr, "cidr_block", id)
	if v.CIDR == "" && rc.body.Attributes["cidr_block"] == nil {
		im.warn(addr, "cidr_block", "not set (an IPAM pool?); the VPC CIDR is unknown", id)
	}
	v.Tenancy = im.stringAttr(rc, sc, "instance_tenancy", id)
	if v.Tenancy == "" {
		v.Tenancy = "default"
	}
	im.col.vpcs = append(im.col.vpcs, v)
}

func (im *imp) addSubnet(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	id := im.resourceID(sc.in, rc, sc)
	s := &subnetRec{Subnet: importer.Subnet{ID: id, Origin: addr}}
	s.vpc = im.stringAttr(rc, sc, "vpc_id", id)
	cidr := im.stringAttr(rc, sc, "cidr_block", id)
	if cidr == "" && rc.body.Attributes["cidr_block"] == nil {
		im.warn(addr, "cidr_block", "not set (IPv6-only or IPAM?); the CIDR is unknown", id)
	}
	s.CIDR = im.canonicalCIDR(cidr, addr, "cidr_block", id)
	s.AZ = im.stringAttr(rc, sc, "availability_zone", id)
	if s.AZ == "" {
		im.warn(addr, "availability_zone", "not known; AWS would pick one", id)
	}
	im.col.subnets = append(im.col.subnets, s)
}

func (im *imp) addSG(rc *resourceConfig, sc scope) {
	addr := instAddr(rc, sc)
	id := im.resourceID(sc.in, rc, sc)
	g := &sgRec{SG: importer.SG{ID: id, Origin: addr}}
	g.vpc = im.stringAttr(rc, sc, "vpc_id", id)
	im.col.sgs = append(im.col.sgs, g)
}

// addNAT records a NAT gateway: one IP of its subnet (private NAT
// gateways too), and internet access for the VPC.
func (im *imp) addNAT(rc *resourceConfig, sc scope) {
	s := im.stringAttr(rc, sc, "subnet_id", "")
	if s == "" {
		return
	}
	im.col.ipUsers = append(im.col.ipUsers, ipUse{subnet: s, origin: instAddr(rc, sc) + " (NAT gateway)", ips: 1, nat: true})
}
