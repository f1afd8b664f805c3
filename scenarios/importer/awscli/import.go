package awscli

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

var errNoFunctions = errors.New(`no "Functions" list and no function configuration: is this aws lambda list-functions output?`)

// Import builds a Layout from the CLI outputs; each argument is nil when
// that output was not given (only functionsJSON is required).
func Import(functionsJSON, subnetsJSON, sgsJSON, enisJSON []byte) (*importer.Layout, error) {
	fns, err := functions(functionsJSON)
	if err != nil {
		return nil, err
	}
	b := &builder{vpcs: map[string]*vpcRec{}, subnets: map[string]*importer.Subnet{}, subnetVPC: map[string]string{},
		sgs: map[string]string{}, haveSubnets: subnetsJSON != nil, haveSGs: sgsJSON != nil}
	var sns []subnet
	var sgs []securityGroup
	var enis []networkInterface
	if subnetsJSON != nil {
		if sns, err = subnets(subnetsJSON); err != nil {
			return nil, err
		}
	}
	if sgsJSON != nil {
		if sgs, err = securityGroups(sgsJSON); err != nil {
			return nil, err
		}
	}
	if enisJSON != nil {
		if enis, err = networkInterfaces(enisJSON); err != nil {
			return nil, err
		}
	}
	b.observe(enis)
	for _, s := range sns {
		if err := b.addSubnet(s); err != nil {
			return nil, err
		}
	}
	for _, g := range sgs {
		b.sg(g.VpcId, g.GroupId)
	}
	fns, err = distinct(fns, b)
	if err != nil {
		return nil, err
	}
	for _, f := range fns {
		b.function(f)
	}
	b.checkObserved()
	return b.layout(), nil
}

type builder struct {
	vpcs        map[string]*vpcRec
	subnets     map[string]*importer.Subnet
	subnetVPC   map[string]string
	sgs         map[string]string // group -> VPC
	fns         []importer.Function
	observed    []importer.ObservedKey
	lambdaENIs  map[string]int // subnet -> Lambda ENIs in it now
	warnings    []importer.Warning
	haveSubnets bool
	haveSGs     bool
}

type vpcRec struct{ id string }

func (b *builder) vpc(id string) {
	if id == "" {
		id = placeholderVPC
	}
	if b.vpcs[id] == nil {
		b.vpcs[id] = &vpcRec{id: id}
	}
}

// placeholderVPC holds what no input places in a VPC.
const placeholderVPC = "vpc-unknown"

func (b *builder) sg(vpc, id string) {
	if _, ok := b.sgs[id]; !ok && id != "" {
		if vpc == "" {
			vpc = placeholderVPC
		}
		b.vpc(vpc)
		b.sgs[id] = vpc
	}
}

// addSubnet records a subnet of describe-subnets. usedIPs are the
// addresses in use less the Lambda ENIs, which the simulation recreates.
func (b *builder) addSubnet(s subnet) error {
	if s.SubnetId == "" || b.subnets[s.SubnetId] != nil {
		return nil
	}
	sn := &importer.Subnet{ID: s.SubnetId, AZ: s.AvailabilityZone, CIDR: s.CidrBlock, Origin: "describe-subnets"}
	p, err := netip.ParsePrefix(s.CidrBlock)
	if err != nil || !p.Addr().Is4() || p.Bits() > 28 {
		sn.CIDR, sn.Placeholder = "", true
		sn.Hint = "describe-subnets gave CidrBlock " + s.CidrBlock + "; set the IPv4 cidr"
		b.warn(s.SubnetId, "CidrBlock", fmt.Sprintf("%q is not an IPv4 subnet CIDR; a documentation CIDR is written", s.CidrBlock))
	} else if s.AvailableIpAddressCount != nil {
		capacity := 1<<(32-p.Bits()) - 5 // AWS reserves 5 addresses per subnet
		if *s.AvailableIpAddressCount > capacity || *s.AvailableIpAddressCount < 0 {
			return fmt.Errorf("subnets (aws ec2 describe-subnets): subnet %s: AvailableIpAddressCount %d is not between 0 and the %d usable addresses of %s (2^(32-%d) less the 5 AWS reserves): is the CidrBlock or the count edited?",
				s.SubnetId, *s.AvailableIpAddressCount, capacity, p, p.Bits())
		}
		used := capacity - *s.AvailableIpAddressCount - b.lambdaENIs[s.SubnetId]
		sn.UsedIPs = max(used, 0)
	}
	b.subnets[s.SubnetId] = sn
	b.vpc(s.VpcId)
	b.subnetVPC[s.SubnetId] = b.orPlaceholder(s.VpcId)
	return nil
}

func (b *builder) orPlaceholder(vpc string) string {
	if vpc == "" {
		return placeholderVPC
	}
	return vpc
}

func (b *builder) warn(subject, prop, msg string) {
	b.warnings = append(b.warnings, importer.Warning{Resource: subject, Property: prop, Subject: subject, Msg: msg})
}

// layout assembles the result, sorted.
func (b *builder) layout() *importer.Layout {
	l := &importer.Layout{Source: "AWS CLI output", Name: "aws-account", Observed: b.observed, Warnings: b.warnings}
	for _, id := range slices.Sorted(maps.Keys(b.vpcs)) {
		v := importer.VPC{ID: id, Tenancy: "default", Origin: "VpcId of the CLI output"}
		if id == placeholderVPC {
			v.Origin = "placeholder: no input says which VPC"
		}
		for _, sid := range slices.Sorted(maps.Keys(b.subnets)) {
			if b.subnetVPC[sid] == id {
				v.Subnets = append(v.Subnets, *b.subnets[sid])
			}
		}
		for _, gid := range slices.Sorted(maps.Keys(b.sgs)) {
			if b.sgs[gid] == id {
				v.SGs = append(v.SGs, importer.SG{ID: gid})
			}
		}
		l.VPCs = append(l.VPCs, v)
	}
	l.Functions = b.fns
	slices.SortFunc(l.Functions, func(x, y importer.Function) int { return strings.Compare(x.Name, y.Name) })
	return l
}
