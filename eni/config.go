package eni

import (
	"fmt"
	"slices"
)

// Config is a resolved VpcConfig: the subnets, the sorted set of security
// groups, and the pool of each subnet. A Config with no subnets is a
// function not attached to a VPC.
type Config struct {
	VPC     *VPC
	Subnets []*Subnet
	SGs     []string
	Pools   []*Pool // Pools[i] serves Subnets[i]
}

// Attached reports whether the configuration uses a VPC.
func (c *Config) Attached() bool { return c != nil && len(c.Subnets) > 0 }

// Same reports whether two configurations use the same keys.
func (c *Config) Same(d *Config) bool {
	if !c.Attached() || !d.Attached() {
		return c.Attached() == d.Attached()
	}
	return slices.Equal(c.Pools, d.Pools)
}

// Keys lists the configuration's pool keys.
func (c *Config) Keys() []string {
	if c == nil {
		return []string{} // none (a deleted function): a list all the same, as the JSON report writes lists
	}
	out := make([]string, len(c.Pools))
	for i, p := range c.Pools {
		out[i] = p.Key
	}
	return out
}

// Limits of a VpcConfig (Lambda API reference, VpcConfig).
const (
	MaxSubnets = 16
	MaxSGs     = 5
)

// Resolve checks a VpcConfig the way CreateFunction and
// UpdateFunctionConfiguration do and returns it resolved. A non-empty
// message is the InvalidParameterValueException AWS would return.
func (m *Model) Resolve(subnetIDs, sgIDs []string) (*Config, string) {
	subnetIDs = dedupe(subnetIDs)
	sgs := dedupe(sgIDs)
	slices.Sort(sgs)
	if len(subnetIDs) == 0 {
		if len(sgs) > 0 {
			return nil, "SubnetIds must be specified with SecurityGroupIds"
		}
		return &Config{}, ""
	}
	if msg := checkCounts(len(subnetIDs), len(sgs)); msg != "" {
		return nil, msg
	}
	c := &Config{}
	for _, id := range subnetIDs {
		s := m.subnets[id]
		if s == nil {
			return nil, fmt.Sprintf("Subnet %s does not exist", id)
		}
		if c.VPC != nil && s.VPC != c.VPC {
			return nil, "Subnets must all belong to the same VPC: " + c.Subnets[0].ID + " is in " + c.VPC.ID + ", " + id + " in " + s.VPC.ID
		}
		c.VPC = s.VPC
		c.Subnets = append(c.Subnets, s)
	}
	for _, g := range sgs {
		if !c.VPC.SGs[g] {
			return nil, fmt.Sprintf("Security group %s does not belong to %s", g, c.VPC.ID)
		}
	}
	if c.VPC.Dedicated {
		return nil, "Lambda cannot connect to a VPC with dedicated instance tenancy: " + c.VPC.ID
	}
	c.SGs = sgs
	for _, s := range c.Subnets {
		c.Pools = append(c.Pools, m.pool(s, sgs))
	}
	return c, ""
}

func checkCounts(subnets, sgs int) string {
	switch {
	case sgs == 0:
		return "SecurityGroupIds must be specified with SubnetIds"
	case subnets > MaxSubnets:
		return fmt.Sprintf("%d subnets: a function may use at most %d", subnets, MaxSubnets)
	case sgs > MaxSGs:
		return fmt.Sprintf("%d security groups: a function may use at most %d", sgs, MaxSGs)
	}
	return ""
}

func dedupe(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
