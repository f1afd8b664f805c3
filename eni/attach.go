package eni

import "github.com/enisim/enisim/sim"

type attachKind uint8

const (
	attachCreate attachKind = iota
	attachUpdate
	attachRestore
	attachVersion // a version published with its function's create
)

// attach is one acquisition of pools for a function: at creation, for a
// configuration update, or to restore an Inactive function. It completes
// when every pool has a ready ENI.
type attach struct {
	fn          *Function
	kind        attachKind
	cfg         *Config // the configuration that serves once complete
	pools       []*Pool // what is acquired (cfg's pools, plus versions' on restore)
	outstanding int
	cancelled   bool
}

// start acquires a's pools. It returns the reason when one of them cannot
// get an ENI; the pools acquired so far are released again.
func (a *attach) start() Reason {
	f := a.fn
	if f.m.Legacy {
		a.pools = nil // ENIs come with environments, not with the function
	}
	for i, p := range a.pools {
		ready, fail := p.acquire(a)
		if fail != NoReason {
			a.cancelled = true
			for _, q := range a.pools[:i] {
				q.release(f, false)
			}
			if f.m.listening() {
				e := f.event(KeyBlocked)
				e.Key, e.Subnet, e.SGs, e.Reason = p.Key, p.Subnet.ID, p.SGs, fail
				f.m.emit(e)
			}
			return fail
		}
		if !ready {
			a.outstanding++
		}
	}
	f.holds = append(f.holds, a.pools...)
	return NoReason
}

// poolReady runs when one of the pools a waits for has a ready ENI.
func (a *attach) poolReady() {
	if a.cancelled {
		return
	}
	a.outstanding--
	if a.outstanding == 0 {
		a.complete()
	}
}

func (a *attach) complete() {
	f := a.fn
	if a.kind == attachVersion {
		return // the create's own attach makes the function Active
	}
	f.att = nil
	switch a.kind {
	case attachCreate, attachRestore:
		f.activeAt = f.m.Eng.Now()
		f.LastUpdate, f.LastUpdateReason = Successful, NoReason
		f.setState(Active, NoReason)
		f.m.Eng.Schedule(&f.idle, sim.Later(f.activeAt, f.m.IdleReclaim))
	case attachUpdate:
		old := f.Config
		f.Config, f.next = a.cfg, nil
		f.releasePools(old)
		f.setUpdate(Successful, NoReason)
		f.configChanged()
	}
}

// cancel abandons an attach in progress and releases its pools.
func (a *attach) cancel() {
	a.cancelled = true
	a.fn.att = nil
}

// releasePools gives back one acquisition of each pool of c.
func (f *Function) releasePools(c *Config) {
	if !c.Attached() {
		return
	}
	for _, p := range c.Pools {
		if f.dropHold(p) {
			p.release(f, false)
		}
	}
}

// dropHold removes one acquisition of p; false when the function held none
// (the legacy model acquires no pool for a configuration).
func (f *Function) dropHold(p *Pool) bool {
	for i, h := range f.holds {
		if h == p {
			f.holds = append(f.holds[:i], f.holds[i+1:]...)
			return true
		}
	}
	return false
}

// releaseAll gives back everything the function holds.
func (f *Function) releaseAll(reclaim bool) {
	if f.att != nil {
		f.att.cancel()
	}
	for _, p := range f.holds {
		p.release(f, reclaim)
	}
	f.holds = nil
}
