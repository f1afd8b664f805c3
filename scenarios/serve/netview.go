package serve

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"

	"github.com/enisim/enisim/eni"
)

// netView follows the model's ENIs through its event stream and gives
// them the attributes EC2 shows (aws-facts.md section 10): an eni- id, a
// private IP from the subnet's CIDR, and the description Lambda writes,
// "AWS Lambda VPC ENI-<function>-<uuid>". The model has none of these; they
// are assigned when an ENI's creation starts and kept while it lives, so
// every view of one ENI agrees.
type netView struct {
	seed    uint64
	subnets map[string]*eni.Subnet
	list    []*iface          // live ENIs, oldest first
	byID    map[int]*iface    // the same, by the model's ENI ID
	taken   map[string][]bool // subnet -> address offsets in use
	lastFn  string            // the function of the operation being told
}

func newNetView(seed uint64, subnets map[string]*eni.Subnet) *netView {
	return &netView{seed: seed, subnets: subnets, byID: map[int]*iface{}, taken: map[string][]bool{}}
}

// iface is one Hyperplane ENI as the APIs and the view show it.
type iface struct {
	N           int    // the model's ID: eni-0001 in the timeline
	ID          string // EC2's id
	Key         string
	Subnet      *eni.Subnet
	SGs         []string
	State       eni.Kind // ENICreating, ENIReady or ENIDeleting
	IP          netip.Addr
	Description string
	Function    string // the function it is named after
}

// hear follows one event; funcs name the owner of an ENI a scale-out made.
func (v *netView) hear(e eni.Event, funcs []*eni.Function) {
	switch {
	case e.Kind.Call() || e.Kind == eni.Restore:
		v.lastFn = e.Function
	case e.Kind == eni.ENICreating:
		v.add(e, funcs)
	case e.Kind == eni.ENIReady || e.Kind == eni.ENIRevived:
		v.set(e.ENI, eni.ENIReady)
	case e.Kind == eni.ENIDeleting:
		v.set(e.ENI, eni.ENIDeleting)
	case e.Kind == eni.ENIDeleted:
		v.remove(e.ENI)
	}
}

func (v *netView) add(e eni.Event, funcs []*eni.Function) {
	s := v.subnets[e.Subnet]
	if s == nil {
		return
	}
	fn := v.lastFn
	if e.Cause == eni.NoKind || fn == "" {
		fn = owner(e.Key, funcs)
	}
	f := &iface{N: e.ENI, ID: fmt.Sprintf("eni-0%016x", v.hash("eni", e.ENI)), Key: e.Key, Subnet: s,
		SGs: slices.Clone(e.SGs), State: eni.ENICreating, IP: v.assign(s), Function: fn,
		Description: "AWS Lambda VPC ENI-" + fn + "-" + v.uuid(e.ENI)}
	v.list = append(v.list, f)
	v.byID[e.ENI] = f
}

func (v *netView) set(id int, k eni.Kind) {
	if f := v.byID[id]; f != nil {
		f.State = k
	}
}

func (v *netView) remove(id int) {
	f := v.byID[id]
	if f == nil {
		return
	}
	delete(v.byID, id)
	v.list = slices.DeleteFunc(v.list, func(x *iface) bool { return x == f })
	v.free(f)
}

// owner is the first function (in the scenario's order) whose serving
// configuration uses key.
func owner(key string, funcs []*eni.Function) string {
	for _, f := range funcs {
		if slices.Contains(f.Config.Keys(), key) {
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

func (v *netView) free(f *iface) {
	k := -4 - f.Subnet.UsedIPs
	for a := f.Subnet.CIDR.Addr(); a != f.IP; a = a.Next() {
		k++
	}
	if t := v.taken[f.Subnet.ID]; k >= 0 && k < len(t) {
		t[k] = false
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
func (f *iface) status() string {
	if f.State == eni.ENICreating {
		return "attaching"
	}
	return "in-use"
}

// stateName is the model's state of an ENI, for the view and a tag.
func (f *iface) stateName() string {
	switch f.State {
	case eni.ENICreating:
		return "creating"
	case eni.ENIDeleting:
		return "deleting"
	}
	return "ready"
}

// name is the ENI's name in the timeline, eni-0001.
func (f *iface) name() string { return eni.ENIName(f.N) }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortStrings(s []string) { slices.Sort(s) }
