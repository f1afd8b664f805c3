package eni

import (
	"strings"

	"github.com/enisim/enisim/sim"
)

// Pool is the set of Hyperplane ENIs Lambda keeps for one (subnet,
// security-group set), shared by every function and version that uses it.
type Pool struct {
	m      *Model
	Subnet *Subnet
	SGs    []string // sorted
	Key    string   // "subnet-a+[sg-app,sg-db]"

	enis     []*ENI // live ENIs, oldest first
	users    int    // function configurations and versions holding the pool
	ready    int    // ENIs in state Ready
	creating int
	ports    int // ports in use
	demand   int // ports in use + ports waiting for room
	waiters  []*PortRequest
	attaches []*attach // configurations waiting for the pool's first ready ENI

	// Count is the number of ENIs over time (any state).
	Count Level
	// PeakPorts is the most ports in use at once.
	PeakPorts int
	// Blocked is why the last scale-out could not create an ENI (NoReason
	// once one could); a blocked pool tries again at retryAt. Refused
	// counts the port requests refused meanwhile (invokes that found no
	// room); Orphaned the ENIs Lambda could not delete.
	Blocked  Reason
	Refused  int
	Orphaned int
	retryAt  sim.Time

	// lastUser is the function that last acquired or released the pool:
	// Lambda deletes the pool's ENIs with its role.
	lastUser *Function

	creationDelay, deleteDelay Dist
}

// KeyString is the canonical text of a (subnet, SG set) key.
func KeyString(subnet string, sortedSGs []string) string {
	return subnet + "+[" + strings.Join(sortedSGs, ",") + "]"
}

// Ports is the number of ports in use now.
func (p *Pool) Ports() int { return p.ports }

// acquire adds a user. It reports whether the pool has a ready ENI now; if
// not, a is told when one is ready. fail is set when no ENI can be created.
func (p *Pool) acquire(a *attach) (ready bool, fail Reason) {
	p.users++
	p.lastUser = a.fn
	if p.ready > 0 || p.revive() {
		return true, NoReason
	}
	if p.creating == 0 {
		if r := p.create(a.fn); r != NoReason {
			p.users--
			return false, r
		}
	}
	p.attaches = append(p.attaches, a)
	return false, NoReason
}

// release drops fn's use of the pool; when none is left every ENI is
// scheduled for deletion (after deleteDelay, or at once when the ENIs are
// reclaimed), those still being created included: they are given back
// (docs/aws-behaviour.md#refused-create-or-update).
func (p *Pool) release(fn *Function, reclaim bool) {
	p.users--
	p.lastUser = fn
	if p.users > 0 {
		return
	}
	for _, e := range p.enis {
		switch e.State {
		case ENIStateReady:
			p.ready--
			p.retire(e, reclaim, ENIDeleting)
		case ENIStateCreating:
			p.creating--
			p.retire(e, reclaim, ENIGivenBack)
		}
	}
}

// retire moves an ENI that was ready or being created (the caller counts
// it out) to Deleting, telling it as kind.
func (p *Pool) retire(e *ENI, now bool, kind Kind) {
	e.State = ENIStateDeleting
	d := sim.Time(0)
	if !now {
		d = p.deleteDelay.Sample()
	}
	p.m.Eng.After(&e.timer, d)
	p.emit(kind, e)
}

// revive takes back a Deleting ENI, which is quicker than creating one.
func (p *Pool) revive() bool {
	for _, e := range p.enis {
		if e.State == ENIStateDeleting && e.Ports == 0 && e.wasReady {
			p.m.Eng.Cancel(&e.timer)
			e.State = ENIStateReady
			p.ready++
			p.emit(ENIRevived, e)
			p.serve()
			return true
		}
	}
	return false
}

// create starts a new ENI, checking the subnet's addresses, the VPC and
// Region quotas and the role of the function that needs it.
func (p *Pool) create(fn *Function) Reason {
	m, s := p.m, p.Subnet
	switch {
	case s.Free() <= 0:
		return SubnetOutOfIPAddresses
	case s.VPC.ENIs >= s.VPC.ENIQuota, m.regionENIs >= m.RegionENIQuota:
		return EniLimitExceeded
	case fn != nil && !roleAllows(fn.role):
		return InsufficientRolePermissions
	}
	m.nextENI++
	e := &ENI{ID: m.nextENI, Pool: p, State: ENIStateCreating}
	e.timer.Init(func() { p.fire(e) })
	e.timer.SetPrio(PrioENI)
	p.enis = append(p.enis, e)
	p.creating++
	p.hold(1)
	m.Created++
	m.Eng.After(&e.timer, p.creationDelay.Sample())
	p.emit(ENICreating, e)
	return NoReason
}

// hold changes the IP, quota and count bookkeeping by d ENIs.
func (p *Pool) hold(d int) {
	m, s, now := p.m, p.Subnet, p.m.Eng.Now()
	s.ENIs += d
	s.IPs.Add(now, int64(d))
	s.VPC.ENIs += d
	m.regionENIs += d
	m.ENIs.Add(now, int64(d))
	p.Count.Add(now, int64(d))
}

// fire handles an ENI's timer: creation done, or deletion due.
func (p *Pool) fire(e *ENI) {
	if e.State == ENIStateCreating {
		p.becomeReady(e)
		return
	}
	p.remove(e)
}

func (p *Pool) becomeReady(e *ENI) {
	e.State, e.wasReady = ENIStateReady, true
	p.creating--
	p.ready++
	p.emit(ENIReady, e)
	if p.users == 0 {
		p.ready--
		p.retire(e, false, ENIDeleting)
		return
	}
	waiting := p.attaches
	p.attaches = nil
	for _, a := range waiting {
		a.poolReady()
	}
	p.serve()
	p.refuseWaiters()
}

func (p *Pool) remove(e *ENI) {
	if e.Ports > 0 {
		// An environment of a configuration being replaced still uses it;
		// Lambda waits for it to go.
		p.m.Eng.After(&e.timer, drainRetry)
		return
	}
	if u := p.lastUser; u != nil && !mayDelete(u.role) {
		e.State = ENIStateOrphaned
		p.Orphaned++
		p.m.Orphaned++
		if p.m.listening() {
			p.m.emit(Event{Kind: ENIOrphaned, Function: u.Name, Key: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, ENI: e.ID})
		}
		return
	}
	for i, x := range p.enis {
		if x == e {
			p.enis = append(p.enis[:i], p.enis[i+1:]...)
			break
		}
	}
	p.hold(-1)
	p.m.Deleted++
	p.emit(ENIDeleted, e)
}

// emit tells an event of kind k about the pool's ENI e.
func (p *Pool) emit(k Kind, e *ENI) {
	if p.m.listening() {
		p.m.emit(Event{Kind: k, Key: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, ENI: e.ID})
	}
}

func roleAllows(r Role) bool { ok, _ := allows(r); return ok }
