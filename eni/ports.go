package eni

import "github.com/enisim/enisim/sim"

// PortRequest asks for N ports on one ENI of a pool: an execution
// environment's persistent connections, or one invocation's. The caller
// owns the request and reuses it; Done runs when a request that had to
// wait finds room.
type PortRequest struct {
	N   int
	ENI *ENI // where the ports are, once placed
	// Done runs when a request that had to wait is settled: placed (fail
	// NoReason), or refused (fail the key's block) when the ENIs it waited
	// for are ready and full and the key cannot grow, so that no room
	// will come. One func, not two, keeps a request 24 bytes, which an
	// environment's layout counts on.
	Done func(fail Reason)
}

// Request places r on the first ready ENI with room (oldest first, so
// traffic packs onto few ENIs and a surplus one drains when traffic falls).
// It reports whether r was placed now; otherwise r waits, in order of
// arrival, and r.Done runs later. fail is set when no ENI has room and
// the pool cannot grow (docs/aws-behaviour.md#scale-out-failure): the
// invocation fails with the invoke error of fail, and fn stays Active.
func (p *Pool) Request(r *PortRequest, fn *Function) (placed bool, fail Reason) {
	p.demand += r.N
	p.scaleOut(fn)
	if len(p.waiters) == 0 && p.place(r) {
		return true, NoReason
	}
	if p.creating == 0 && p.Blocked != NoReason {
		p.demand -= r.N
		p.Refused++
		return false, p.Blocked
	}
	p.waiters = append(p.waiters, r)
	return false, NoReason
}

// Release gives back r's ports.
func (p *Pool) Release(r *PortRequest) {
	r.ENI.Ports -= r.N
	p.ports -= r.N
	p.demand -= r.N
	r.ENI = nil
	p.serve()
	p.scaleIn()
}

// place puts r on the first ready ENI with room.
func (p *Pool) place(r *PortRequest) bool {
	max := p.m.PortsPerENI
	for _, e := range p.enis {
		if e.State == ENIStateReady && e.Ports+r.N <= max {
			e.Ports += r.N
			p.ports += r.N
			if p.ports > p.PeakPorts {
				p.PeakPorts = p.ports
			}
			r.ENI = e
			return true
		}
	}
	return false
}

// serve places waiting requests, first come first served.
func (p *Pool) serve() {
	n := 0
	for n < len(p.waiters) && p.place(p.waiters[n]) {
		n++
	}
	if n == 0 {
		return
	}
	done := p.waiters[:n]
	p.waiters = p.waiters[n:]
	for _, r := range done {
		r.Done(NoReason)
	}
	if len(p.waiters) == 0 {
		p.waiters = p.waiters[:0:0]
	}
}

// refuseWaiters fails the requests still waiting once no ENI is being
// created and the key is blocked: nothing will make room for them, and an
// invocation that finds no room fails with the invoke error of the block
// (docs/aws-behaviour.md#scale-out-failure), as one arriving now would.
func (p *Pool) refuseWaiters() {
	if p.creating > 0 || p.Blocked == NoReason || len(p.waiters) == 0 {
		return
	}
	refused := p.waiters
	p.waiters = nil
	for _, r := range refused {
		p.demand -= r.N
		p.Refused++
	}
	for _, r := range refused {
		r.Done(p.Blocked)
	}
}

// scaleOut adds an ENI when demand passes ScaleOutAt of the capacity of the
// ENIs that are ready or being created.
func (p *Pool) scaleOut(fn *Function) {
	capacity := float64((p.ready + p.creating) * p.m.PortsPerENI)
	if float64(p.demand) <= p.m.ScaleOutAt*capacity {
		return
	}
	if p.revive() {
		return
	}
	now := p.m.Eng.Now()
	if p.Blocked != NoReason && now < p.retryAt {
		return // Lambda tries again after ScaleOutRetry, not on every invoke
	}
	if r := p.create(fn); r != NoReason {
		if p.Blocked == NoReason && p.m.listening() {
			e := Event{Kind: ScaleOutBlocked, Key: p.Key, Subnet: p.Subnet.ID, SGs: p.SGs, Reason: r,
				Detail: p.m.ScaleOutRetry.String()}
			if fn != nil {
				e.Function = fn.Name
			}
			p.m.emit(e)
		}
		p.Blocked, p.retryAt = r, sim.Later(now, p.m.ScaleOutRetry)
		p.m.noteBlocked(p, r)
		return
	}
	p.Blocked = NoReason
}

// scaleInShare is the hysteresis of scale-in: an ENI is given back only
// when the others would be at most half as full as the scale-out threshold,
// so demand hovering near the threshold does not release and take back an
// ENI on every invocation.
const scaleInShare = 0.5

// scaleIn gives back the newest ready ENI once it is empty and the others
// would carry the demand below scaleInShare x ScaleOutAt of their capacity.
func (p *Pool) scaleIn() {
	if p.ready < 2 {
		return
	}
	for i := len(p.enis) - 1; i >= 0; i-- {
		e := p.enis[i]
		if e.State != ENIStateReady {
			continue
		}
		rest := float64((p.ready - 1) * p.m.PortsPerENI)
		if e.Ports == 0 && float64(p.demand) <= scaleInShare*p.m.ScaleOutAt*rest {
			p.ready--
			p.retire(e, false, ENIDeleting)
		}
		return
	}
}
