package spec

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Lambda's limits on one function's VpcConfig.
const (
	maxSubnetsPerFunction = 16
	maxSGsPerFunction     = 5
)

// network indexes the scenario's VPCs by subnet and security-group id.
type network struct {
	vpcOfSubnet map[string]*VPC
	subnet      map[string]*Subnet
	vpcOfSG     map[string]*VPC
	subnetIDs   []string // in the order defined, for messages
	sgIDs       []string
}

// check runs the checks that span sections: unique ids, defined
// references, and the warnings about what AWS would refuse.
func (d *decoder) check(s *Scenario) {
	net := d.checkNetwork(s)
	fnIndex := map[string]*Function{}
	for i := range s.Functions {
		fn := &s.Functions[i]
		if prev, dup := fnIndex[fn.Name]; dup && fn.Name != "" {
			d.errorf(fn.Pos, "functions: %s is defined twice (first at line %d)", fn.Name, prev.Pos.Line)
			continue
		}
		fnIndex[fn.Name] = fn
	}
	vpcFunction := map[string]bool{}
	for i := range s.Functions {
		fn := &s.Functions[i]
		path := "functions." + fn.Name
		if fn.VPCConfig != nil {
			d.checkVPCConfig(net, fn.VPCConfig, path+".vpcConfig")
			vpcFunction[fn.Name] = len(fn.VPCConfig.SubnetIDs) > 0
		}
		// An event at the end's instant still happens (the run fires
		// everything due at or before its end), so only later ones warn.
		if !fn.Never && fn.CreateAt > s.Duration && s.Duration > 0 {
			d.warnf(fn.Pos, "%s: createAt %v is after the end of the run (%v): the function is never created", path, fn.CreateAt, s.Duration)
		}
	}
	for i, a := range s.Timeline {
		path := fmt.Sprintf("timeline.%d", i)
		if _, ok := fnIndex[a.Function]; !ok && a.Function != "" {
			d.errorf(a.Pos, "%s: function %q is not defined; functions: %s", path, a.Function, nameList(slices.Sorted(mapsKeys(fnIndex))))
		}
		if a.VPCConfig != nil {
			d.checkVPCConfig(net, a.VPCConfig, path+".vpcConfig")
			vpcFunction[a.Function] = vpcFunction[a.Function] || len(a.VPCConfig.SubnetIDs) > 0
		}
		if a.At > s.Duration && s.Duration > 0 {
			d.warnf(a.Pos, "%s: at %v is after the end of the run (%v): %s never happens", path, a.At, s.Duration, a.Action)
		}
	}
	for i := range s.Functions {
		if fn := &s.Functions[i]; vpcFunction[fn.Name] {
			d.checkVPCFunction(s, fn)
		}
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if k != "" && !yield(k) {
				return
			}
		}
	}
}

// checkNetwork indexes the VPCs, refusing duplicate ids and overlapping
// subnets (EC2 refuses to create them, so the network cannot exist).
func (d *decoder) checkNetwork(s *Scenario) *network {
	net := &network{vpcOfSubnet: map[string]*VPC{}, subnet: map[string]*Subnet{}, vpcOfSG: map[string]*VPC{}}
	vpcPos := map[string]Pos{}
	for i := range s.VPCs {
		v := &s.VPCs[i]
		if first, dup := vpcPos[v.ID]; dup && v.ID != "" {
			d.errorf(v.Pos, "vpcs: %s is defined twice (first at line %d)", v.ID, first.Line)
		}
		vpcPos[v.ID] = v.Pos
		for j := range v.Subnets {
			sn := &v.Subnets[j]
			if first, dup := net.subnet[sn.ID]; dup && sn.ID != "" {
				d.errorf(sn.Pos, "vpcs.%s.subnets: subnet %s is already defined at line %d", v.ID, sn.ID, first.Pos.Line)
				continue
			}
			net.subnet[sn.ID], net.vpcOfSubnet[sn.ID] = sn, v
			net.subnetIDs = append(net.subnetIDs, sn.ID)
		}
		d.checkOverlaps(v)
		for _, sg := range v.SecurityGroups {
			if _, dup := net.vpcOfSG[sg]; !dup {
				net.vpcOfSG[sg] = v
				net.sgIDs = append(net.sgIDs, sg)
			}
		}
	}
	return net
}

// checkOverlaps refuses subnets of one VPC whose CIDRs overlap (EC2 would
// not create them). Sorted by first address, a prefix overlaps an earlier
// one exactly when it starts before the furthest end seen so far (prefixes
// nest or are disjoint), so this stays O(n log n) for large networks.
func (d *decoder) checkOverlaps(v *VPC) {
	var subnets []*Subnet
	for i := range v.Subnets {
		if v.Subnets[i].CIDR.IsValid() {
			subnets = append(subnets, &v.Subnets[i])
		}
	}
	slices.SortStableFunc(subnets, func(a, b *Subnet) int {
		if c := a.CIDR.Addr().Compare(b.CIDR.Addr()); c != 0 {
			return c
		}
		return a.CIDR.Bits() - b.CIDR.Bits() // the larger block first
	})
	var widest *Subnet             // the earlier subnet reaching furthest
	reported := map[*Subnet]bool{} // each subnet once, at the later written of a pair
	for _, sn := range subnets {
		if widest != nil && widest.CIDR.Overlaps(sn.CIDR) {
			first, second := widest, sn
			if comparePos(first.Pos, second.Pos) > 0 {
				first, second = second, first
			}
			if !reported[second] {
				reported[second] = true
				d.errorf(second.Pos, "vpcs.%s.subnets.%s: %s overlaps subnet %s (%s)", v.ID, second.ID, second.CIDR, first.ID, first.CIDR)
			}
			continue
		}
		if widest == nil || lastAddr(sn.CIDR).Compare(lastAddr(widest.CIDR)) > 0 {
			widest = sn
		}
	}
}

// lastAddr is the last address of an IPv4 prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3]) | host
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// checkVPCConfig refuses ids no VPC defines (typos) and warns about
// configurations AWS refuses (the simulator shows the refusal).
func (d *decoder) checkVPCConfig(net *network, c *VPCConfig, path string) {
	var vpcs []*VPC // in the order the subnets name them
	seen, azs := map[*VPC]bool{}, map[string]bool{}
	for _, id := range c.SubnetIDs {
		v, ok := net.vpcOfSubnet[id]
		if !ok {
			d.errorf(c.Pos, "%s: subnet %q is not defined by any VPC; subnets: %s", path, id, nameList(net.subnetIDs))
			continue
		}
		if az := net.subnet[id].AZ; az != UnknownAZ {
			azs[az] = true
		}
		if !seen[v] {
			seen[v] = true
			vpcs = append(vpcs, v)
		}
	}
	for _, id := range c.SecurityGroupIDs {
		v, ok := net.vpcOfSG[id]
		if !ok {
			d.errorf(c.Pos, "%s: security group %q is not defined by any VPC; security groups: %s", path, id, nameList(net.sgIDs))
		} else if len(vpcs) == 1 && v != vpcs[0] {
			d.warnf(c.Pos, "%s: security group %s is in %s but the subnets are in %s; AWS refuses this (InvalidParameterValueException)", path, id, v.ID, vpcs[0].ID)
		}
	}
	const refused = "AWS refuses this (InvalidParameterValueException)"
	if n := len(c.SubnetIDs); n > maxSubnetsPerFunction {
		d.warnf(c.Pos, "%s: %d subnets, more than the %d Lambda allows; %s", path, n, maxSubnetsPerFunction, refused)
	}
	if n := len(c.SecurityGroupIDs); n > maxSGsPerFunction {
		d.warnf(c.Pos, "%s: %d security groups, more than the %d Lambda allows; %s", path, n, maxSGsPerFunction, refused)
	}
	if len(vpcs) > 1 {
		d.warnf(c.Pos, "%s: the subnets are in %d VPCs (%s and %s); %s", path, len(vpcs), vpcs[0].ID, vpcs[1].ID, refused)
	}
	for _, v := range vpcs {
		if v.Tenancy == "dedicated" {
			d.warnf(c.Pos, "%s: %s has dedicated tenancy, which Lambda cannot attach to; %s", path, v.ID, refused)
		}
	}
	if len(azs) == 1 {
		d.warnf(c.Pos, "%s: every subnet is in one Availability Zone; AWS recommends subnets in at least two for availability", path)
	}
}

// nameList lists names for a message, shortened when there are many.
func nameList(names []string) string {
	const most = 20
	switch {
	case len(names) == 0:
		return "(none)"
	case len(names) > most:
		return fmt.Sprintf("%s and %d more", strings.Join(names[:most], ", "), len(names)-most)
	}
	return strings.Join(names, ", ")
}

// checkVPCFunction checks a function that is (or becomes) attached to a VPC.
func (d *decoder) checkVPCFunction(s *Scenario, fn *Function) {
	path := "functions." + fn.Name
	if missing := missingENIActions(fn.Role); len(missing) > 0 {
		d.warnf(fn.Role.Pos, "%s.role: lacks %s, which Lambda needs to create ENIs (AWSLambdaVPCAccessExecutionRole grants them); AWS refuses CreateFunction and UpdateFunctionConfiguration (InvalidParameterValueException)",
			path, strings.Join(missing, ", "))
	}
	c := fn.Connections
	if c.PerEnvironment+c.PerInvocation > s.Hyperplane.PortsPerENI {
		d.errorf(fn.Pos, "%s.connections: an environment and one invocation hold %d ports, more than one ENI has (hyperplane.portsPerEni %d): no invocation could ever run",
			path, c.PerEnvironment+c.PerInvocation, s.Hyperplane.PortsPerENI)
	}
}

// eniActions are what the execution role needs for Lambda to manage a VPC
// function's ENIs; eniPolicies are the managed policies that grant them.
var (
	eniActions  = []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}
	eniPolicies = []string{"AWSLambdaVPCAccessExecutionRole", "AWSLambdaENIManagementAccess"}
)

// missingENIActions is the ENI actions a role does not allow. A nil role
// is the default one, which has AWSLambdaVPCAccessExecutionRole. Deny
// statements and conditions are left to the simulator's IAM evaluation:
// this is a warning, not the decision.
func missingENIActions(r *Role) []string {
	if r == nil {
		return nil
	}
	for _, p := range r.ManagedPolicies {
		name := p[strings.LastIndex(p, "/")+1:] // an ARN or a bare name
		if slices.Contains(eniPolicies, name) {
			return nil
		}
	}
	allowed := slices.Clone(r.Actions)
	for _, doc := range r.Policies {
		allowed = append(allowed, allowedActions(doc.JSON)...)
	}
	var missing []string
	for _, a := range eniActions {
		if !slices.ContainsFunc(allowed, func(p string) bool { return wildcardMatch(strings.ToLower(p), strings.ToLower(a)) }) {
			missing = append(missing, a)
		}
	}
	return missing
}

// allowedActions is the actions of a policy document's Allow statements.
func allowedActions(doc []byte) []string {
	var p struct{ Statement json.RawMessage }
	if json.Unmarshal(doc, &p) != nil {
		return nil
	}
	var stmts []struct {
		Effect string
		Action json.RawMessage
	}
	if json.Unmarshal(p.Statement, &stmts) != nil {
		stmts = stmts[:0]
		var one struct {
			Effect string
			Action json.RawMessage
		}
		if json.Unmarshal(p.Statement, &one) != nil {
			return nil
		}
		stmts = append(stmts, one)
	}
	var out []string
	for _, st := range stmts {
		if st.Effect != "Allow" {
			continue
		}
		var list []string
		if json.Unmarshal(st.Action, &list) != nil {
			var one string
			if json.Unmarshal(st.Action, &one) == nil {
				list = []string{one}
			}
		}
		out = append(out, list...)
	}
	return out
}

// wildcardMatch matches s against an IAM pattern where * is any run of
// characters and ? any one character.
func wildcardMatch(pattern, s string) bool {
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p, i = p+1, i+1
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p, mark = star+1, mark+1
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
