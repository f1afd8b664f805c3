package serve

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"

	"github.com/enisim/enisim/eni"
)

// netView gives the model's ENIs the attributes EC2 shows (aws-facts.md
// section 10): an eni- id, a private IP from the subnet's CIDR, and the
// description Lambda writes, "AWS Lambda VPC ENI-<function>-<uuid>". The
// model has none of these; they are assigned the first time an ENI is
// seen and kept while it lives, so every view of one ENI agrees.
type netView struct {
	m     *eni.Model
	seed  uint64
	ips   map[int]netip.Addr   // ENI ID -> address
	taken map[string][]bool    // subnet -> offsets in use
	owner map[*eni.Pool]string // the function an ENI of the pool is named after
}

func newNetView(m *eni.Model, seed uint64) *netView {
	return &netView{m: m, seed: seed, ips: map[int]netip.Addr{}, taken: map[string][]bool{}, owner: map[*eni.Pool]string{}}
}

// iface is one Hyperplane ENI as the APIs and the view show it.
type iface struct {
	e           *eni.ENI
	ID          string
	IP          string
	Description string
	Function    string
}

// scan lists every live ENI, pool by pool in order of first use, oldest
// first, and frees the addresses of ENIs that are gone.
func (v *netView) scan(funcs []*eni.Function) []iface {
	live := map[int]bool{}
	var out []iface
	for _, p := range v.m.Pools {
		for _, e := range p.ENIs() {
			live[e.ID] = true
			out = append(out, v.describe(e, funcs))
		}
	}
	for id, ip := range v.ips {
		if !live[id] {
			delete(v.ips, id)
			v.free(ip)
		}
	}
	return out
}

func (v *netView) describe(e *eni.ENI, funcs []*eni.Function) iface {
	ip, ok := v.ips[e.ID]
	if !ok {
		ip = v.assign(e.Pool.Subnet)
		v.ips[e.ID] = ip
	}
	fn := v.ownerOf(e.Pool, funcs)
	return iface{e: e, ID: fmt.Sprintf("eni-0%016x", v.hash("eni", e.ID)), IP: ip.String(),
		Description: "AWS Lambda VPC ENI-" + fn + "-" + v.uuid(e.ID), Function: fn}
}

// ownerOf is the function an ENI is named after: the first function (in
// the scenario's order) whose configuration uses the pool, remembered.
func (v *netView) ownerOf(p *eni.Pool, funcs []*eni.Function) string {
	if name, ok := v.owner[p]; ok {
		return name
	}
	for _, f := range funcs {
		if f.Config != nil && slices.Contains(f.Config.Pools, p) {
			v.owner[p] = f.Name
			return f.Name
		}
	}
	return "unknown"
}

// assign takes the lowest free address of the subnet after the four AWS
// reserves and the usedIPs other resources hold.
func (v *netView) assign(s *eni.Subnet) netip.Addr {
	taken := v.taken[s.ID]
	k := slices.Index(taken, false)
	if k < 0 {
		k = len(taken)
		taken = append(taken, true)
	} else {
		taken[k] = true
	}
	v.taken[s.ID] = taken
	a := s.CIDR.Addr()
	for range 4 + s.UsedIPs + k {
		a = a.Next()
	}
	return a
}

func (v *netView) free(ip netip.Addr) {
	for _, s := range v.m.Subnets() {
		if !s.CIDR.Contains(ip) {
			continue
		}
		a, k := s.CIDR.Addr(), -4-s.UsedIPs
		for ; a != ip; a = a.Next() {
			k++
		}
		if t := v.taken[s.ID]; k >= 0 && k < len(t) {
			t[k] = false
		}
		return
	}
}

// hash derives an attribute from the ENI (SHA-256, so that ENIs made one
// after another do not get ids that look alike).
func (v *netView) hash(kind string, id int) uint64 {
	h := sha256.Sum256(fmt.Appendf(nil, "%d/%s/%d", v.seed, kind, id))
	return binary.BigEndian.Uint64(h[:8])
}

// uuid is a version-4-shaped UUID derived from the ENI, as Lambda appends one.
func (v *netView) uuid(id int) string {
	a, b := v.hash("uuid-a", id), v.hash("uuid-b", id)
	return fmt.Sprintf("%08x-%04x-4%03x-%x%03x-%012x", uint32(a>>32), uint16(a>>16), uint16(a)&0xfff,
		8|(b>>62), uint16(b>>48)&0xfff, b&0xffffffffffff)
}

// status is the EC2 Status of an ENI: attaching while Lambda creates it,
// in-use while it serves and while it waits to be deleted (AWS shows a
// Lambda ENI in-use until it is gone).
func status(e *eni.ENI) string {
	if e.State == eni.ENICreating {
		return "attaching"
	}
	return "in-use"
}

// stateName is the model's state of an ENI, for the view and a tag.
func stateName(e *eni.ENI) string {
	switch e.State {
	case eni.ENICreating:
		return "creating"
	case eni.ENIDeleting:
		return "deleting"
	}
	return "ready"
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortStrings(s []string) { slices.Sort(s) }
