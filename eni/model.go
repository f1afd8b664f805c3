package eni

import (
	"time"

	"github.com/enisim/enisim/sim"
)

// Dist is a distribution of durations (workload's distributions satisfy it).
type Dist interface{ Sample() time.Duration }

// drainRetry is how long a due ENI deletion waits when ports are still on it.
const drainRetry = time.Minute

// Params are the Hyperplane model's parameters (the scenario's hyperplane
// block and the Region quota).
type Params struct {
	PortsPerENI int     // connections per ENI, 65,000 on AWS
	ScaleOutAt  float64 // share of capacity that triggers a new ENI
	// Delays returns the distributions of a pool's ENI creation (60-90 s
	// on AWS) and deletion once unused (up to 20 min). Each pool draws from
	// its own streams so one key's layout never shifts another's delays.
	Delays         func(key string) (creation, deletion Dist)
	IdleReclaim    sim.Time // 14 days on AWS
	RegionENIQuota int      // "network interfaces per Region", 5,000
	// Legacy selects the pre-2019 per-environment model (legacy.go).
	Legacy bool
}

// Hooks let package workload follow what the control plane does to a
// function. Every field may be nil.
type Hooks struct {
	// ConfigChanged runs when a function's serving configuration (or its
	// code) is replaced: its execution environments must be retired.
	ConfigChanged func(f *Function)
	// Gone runs when a function is deleted or goes Inactive.
	Gone func(f *Function)
	// Blocked runs when a pool cannot grow (for reports).
	Blocked func(p *Pool, r Reason)
	// Authorize, when set, decides whether the caller may make a
	// control-plane call (CreateFunction, UpdateFunctionConfiguration) on
	// f with cfg (nil: the request carries no VpcConfig); false refuses it
	// with AccessDeniedException, and why (when not "") is told in a
	// CallerDenied event.
	Authorize func(call Kind, f *Function, cfg *Config) (ok bool, why string)
}

// Model is the account's VPC networking in one Region.
type Model struct {
	Params
	Eng   *sim.Engine
	Hooks Hooks
	// Events, when set, hears every event of the model (emit.go says in
	// which order; Tee joins several listeners); nil costs nothing. A
	// listener may read the model but must not change it.
	Events func(Event)

	VPCs    []*VPC
	subnets map[string]*Subnet
	pools   map[string]*Pool
	Pools   []*Pool // in order of first use
	Funcs   []*Function

	regionENIs int
	nextENI    int

	op    Kind    // the operation under way (emit.go)
	depth int     // operations nested
	held  []Event // its effects, until its own event is emitted

	// ENIs counts ENIs in any state over time; Created and Deleted count
	// creations started and deletions done.
	ENIs             Level
	Created, Deleted int
}

// New returns an empty model on engine eng.
func New(eng *sim.Engine, p Params) *Model {
	return &Model{
		Params: p, Eng: eng,
		subnets: map[string]*Subnet{},
		pools:   map[string]*Pool{},
	}
}

// AddVPC adds a VPC; add its subnets with NewSubnet and then Register.
func (m *Model) AddVPC(id string, dedicated bool, quota int, sgs []string) *VPC {
	v := &VPC{ID: id, Dedicated: dedicated, ENIQuota: quota, SGs: map[string]bool{}}
	for _, g := range sgs {
		v.SGs[g] = true
	}
	m.VPCs = append(m.VPCs, v)
	return v
}

// Register indexes a VPC's subnets by id.
func (m *Model) Register(v *VPC) {
	for _, s := range v.Subnets {
		m.subnets[s.ID] = s
	}
}

// subnet finds a subnet by id.
func (m *Model) subnet(id string) *Subnet { return m.subnets[id] }

// Subnets lists every subnet, VPC by VPC.
func (m *Model) Subnets() []*Subnet {
	var out []*Subnet
	for _, v := range m.VPCs {
		out = append(out, v.Subnets...)
	}
	return out
}

// pool returns the pool of a key, creating it on first use.
func (m *Model) pool(s *Subnet, sortedSGs []string) *Pool {
	k := KeyString(s.ID, sortedSGs)
	if p := m.pools[k]; p != nil {
		return p
	}
	p := &Pool{m: m, Subnet: s, SGs: sortedSGs, Key: k}
	p.creationDelay, p.deleteDelay = m.Delays(k)
	m.pools[k] = p
	m.Pools = append(m.Pools, p)
	return p
}

func (m *Model) noteBlocked(p *Pool, r Reason) {
	if m.Hooks.Blocked != nil {
		m.Hooks.Blocked(p, r)
	}
}
