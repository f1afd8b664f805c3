package eni

import (
	"net/netip"
)

// Subnet is a subnet and its IP addresses. Capacity is what AWS leaves
// usable: 2^(32-prefix) - 5.
type Subnet struct {
	ID       string
	AZ       string
	CIDR     netip.Prefix
	VPC      *VPC
	Capacity int
	// UsedIPs are addresses held by other resources (RDS, NAT, ...).
	UsedIPs int
	ENIs    int   // Lambda ENIs holding an address now
	IPs     Level // UsedIPs + ENIs over time
}

// Free is the number of addresses left.
func (s *Subnet) Free() int { return s.Capacity - s.UsedIPs - s.ENIs }

// Capacity returns the usable addresses of an IPv4 prefix.
func Capacity(p netip.Prefix) int {
	n := 1<<(32-p.Bits()) - 5
	if n < 0 {
		return 0
	}
	return n
}

// VPC is a VPC with its Lambda ENI quota ("elastic network interfaces per VPC").
type VPC struct {
	ID        string
	Dedicated bool
	ENIQuota  int
	ENIs      int
	Subnets   []*Subnet
	SGs       map[string]bool
}

// NewSubnet adds a subnet to the VPC.
func (v *VPC) NewSubnet(id, az string, cidr netip.Prefix, usedIPs int) *Subnet {
	s := &Subnet{ID: id, AZ: az, CIDR: cidr, VPC: v, Capacity: Capacity(cidr), UsedIPs: usedIPs}
	s.IPs.Add(0, int64(usedIPs))
	v.Subnets = append(v.Subnets, s)
	return s
}
