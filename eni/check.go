package eni

import "fmt"

// Check verifies the model's bookkeeping against a recount from scratch:
// the invariants a property test asserts after every slice of a random run.
// It is not on any hot path.
func (m *Model) Check() error {
	perSubnet := map[*Subnet]int{}
	perVPC := map[*VPC]int{}
	total := 0
	for _, p := range m.Pools {
		ports := 0
		for _, e := range p.enis {
			if e.Ports < 0 || e.Ports > m.PortsPerENI {
				return fmt.Errorf("%s of %s carries %d ports (cap %d)", e.Name(), p.Key, e.Ports, m.PortsPerENI)
			}
			ports += e.Ports
		}
		if ports != p.ports {
			return fmt.Errorf("%s: %d ports on its ENIs, %d counted", p.Key, ports, p.ports)
		}
		if p.users < 0 || p.demand < p.ports {
			return fmt.Errorf("%s: %d users, demand %d below ports in use %d", p.Key, p.users, p.demand, p.ports)
		}
		if int64(len(p.enis)) != p.Count.Value() {
			return fmt.Errorf("%s: %d ENIs, count says %d", p.Key, len(p.enis), p.Count.Value())
		}
		perSubnet[p.Subnet] += len(p.enis)
		perVPC[p.Subnet.VPC] += len(p.enis)
		total += len(p.enis)
	}
	for _, s := range m.Subnets() {
		if s.ENIs != perSubnet[s] || s.UsedIPs+s.ENIs > s.Capacity || int64(s.UsedIPs+s.ENIs) != s.IPs.Value() {
			return fmt.Errorf("subnet %s: %d ENIs counted, %d in pools, %d used of %d", s.ID, s.ENIs, perSubnet[s], s.UsedIPs+s.ENIs, s.Capacity)
		}
	}
	for _, v := range m.VPCs {
		if v.ENIs != perVPC[v] || v.ENIs > v.ENIQuota {
			return fmt.Errorf("vpc %s: %d ENIs counted, %d in pools, quota %d", v.ID, v.ENIs, perVPC[v], v.ENIQuota)
		}
	}
	if m.regionENIs != total || total > m.RegionENIQuota || int64(total) != m.ENIs.Value() {
		return fmt.Errorf("region: %d ENIs counted, %d in pools, quota %d", m.regionENIs, total, m.RegionENIQuota)
	}
	return nil
}
