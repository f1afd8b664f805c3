package workload

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// Phases of an execution environment.
const (
	waitEnvPorts uint8 = iota // placing its persistent connections
	waitInvPorts              // placing the invocation's connections
	initializing              // cold start (init)
	running
	idle
)

// env is one execution environment. Environments are reused from a free
// list, and each carries its own timer and port requests, so an invocation
// allocates nothing.
//
// At a high rate tens of thousands of environments are live and each
// event touches one of them at random, so the layout is for the cache:
// environments come in blocks (newEnvs), never move, and are 192 bytes,
// three cache lines of a block that starts on a page. An invoke and an
// invocation's end read and write the first two lines only (the timer,
// the function, the pool, the idle-list links, the invocation's ports and
// call, the phase and generation); the third holds what only a cold start,
// a destroy or the legacy model reads. The timer sits across the end of
// the first line, its handler on the first and its key (sequence number)
// on the second: the engine's wheel checks every timer of a bucket as it
// loads it, some time before they fire, reading both, so both lines are
// in cache, fetched together, by the time the environment's invocation
// ends (env_test.go checks the offsets).
type env struct {
	// Line 1.
	f        *fn
	pool     *eni.Pool // nil for a function outside a VPC
	retireAt sim.Time  // end of its lifetime
	// phaseAt is when the phase turns: idle, when surplus keep-alive
	// ends it; waiting for ports, when the wait began; running, when the
	// invocation began to run.
	phaseAt sim.Time
	prev    *env
	next    *env
	timer   sim.Timer // init, execution, and surplus keep-alive while idle; ends on line 2
	// Line 2.
	invPorts eni.PortRequest
	gen      uint32
	phase    uint8
	armed    bool  // idle: the surplus timer has been considered
	replaced bool  // a replacement started ahead; its first request waits ReplacementInit
	cause    Cause // of its cold start
	c        call
	// Line 3.
	sub      int32
	slot     *eni.ENI // legacy model: the ENI this environment uses
	envPorts eni.PortRequest
	_        [24]byte // the block's next environment starts on a line
}

// envBlock is how many environments are allocated at once: 48 KiB, a
// large object the Go allocator places on a page of its own.
const envBlock = 256

// newEnvs fills the free list with a block of fresh environments, the
// block's first on top. Each environment is its own timer's handler (an
// interface holding the environment itself), so firing reads no closure.
func (r *Runner) newEnvs() {
	block := make([]env, envBlock)
	for i := len(block) - 1; i >= 0; i-- {
		e := &block[i]
		e.timer.Handle(e)
		e.envPorts.Done = e.envPortsDone
		e.invPorts.Done = e.invPortsDone
		r.free = append(r.free, e)
	}
}

func (r *Runner) newEnv(f *fn, c call, cause Cause) *env {
	if len(r.free) == 0 {
		r.newEnvs()
	}
	n := len(r.free)
	e := r.free[n-1]
	r.free = r.free[:n-1]
	e.f, e.gen, e.c, e.pool = f, f.gen, c, nil
	e.cause, e.replaced, e.armed = cause, false, false
	e.retireAt = after(r.eng.Now(), f.MaxLifetime)
	e.envPorts.N, e.invPorts.N = f.PerEnv, f.PerInvocation
	if cfg := f.F.Config; cfg.Attached() {
		e.sub = int32(f.pickSubnet(len(cfg.Subnets)))
		e.pool = cfg.Pools[e.sub]
	}
	f.Environments.Add(r.eng.Now(), 1)
	return e
}

// pickSubnet spreads environments over the function's subnets the way
// Lambda spreads them over Availability Zones: a new environment goes to the
// subnet with the fewest live environments of the function, ties broken
// round-robin.
func (f *fn) pickSubnet(n int) int {
	for len(f.perSubnet) < n {
		f.perSubnet = append(f.perSubnet, 0)
	}
	best := -1
	for k := range n {
		i := (f.rr + k) % n
		if best < 0 || f.perSubnet[i] < f.perSubnet[best] {
			best = i
		}
	}
	f.rr = best + 1
	f.perSubnet[best]++
	return best
}

// acquireEnv places the environment's persistent connections (or, in the
// legacy model, takes its slot on an ENI).
func (e *env) acquireEnv() {
	if e.pool != nil && e.f.LegacySlots > 0 {
		e.acquireSlot()
		return
	}
	if !e.usesPorts(&e.envPorts) {
		e.acquireInvocation()
		return
	}
	e.phase = waitEnvPorts
	e.phaseAt = e.f.r.eng.Now()
	if e.request(&e.envPorts) {
		e.envPlaced()
	}
}

// request asks the pool for ports; when no ENI has room and the pool
// cannot grow the attempt fails with the invoke error
// (SubnetIPAddressLimitReachedException, ENILimitReachedException) and the
// function stays Active (docs/aws-behaviour.md#scale-out-failure).
func (e *env) request(p *eni.PortRequest) bool {
	placed, fail := e.pool.Request(p, e.f.F)
	if fail != eni.NoReason {
		e.abort(eni.InvokeOutcome(fail))
		return false
	}
	return placed
}

// acquireSlot is the legacy cold start: a slot on an ENI of the subnet,
// and the ENI set-up delay before init.
func (e *env) acquireSlot() {
	f := e.f
	slot, created, fail := e.pool.AcquireSlot(f.F, f.LegacySlots)
	if fail != eni.NoReason {
		e.abort(eni.InvokeOutcome(fail))
		return
	}
	e.slot = slot
	var setup sim.Time
	if created { // an ENI with room costs nothing (docs/aws-behaviour.md#legacy-model)
		setup = sample(f.LegacyDelay, 0)
	}
	e.c.eniWait += setup
	e.phase = initializing
	f.r.eng.After(&e.timer, sim.Later(setup, f.Init.Sample()))
}

func (e *env) envPlaced() {
	e.c.eniWait += e.f.r.eng.Now() - e.phaseAt
	e.acquireInvocation()
}

// usesPorts reports whether r must be placed on a Hyperplane ENI: not for a
// function outside a VPC, nor in the legacy model, whose ENIs belong to
// environments and carry no shared ports.
func (e *env) usesPorts(r *eni.PortRequest) bool {
	return e.pool != nil && r.N > 0 && e.f.LegacySlots == 0
}

// acquireInvocation places the invocation's connections.
func (e *env) acquireInvocation() {
	if !e.usesPorts(&e.invPorts) {
		e.begin()
		return
	}
	e.phase = waitInvPorts
	e.phaseAt = e.f.r.eng.Now()
	if e.request(&e.invPorts) {
		e.invPlaced()
	}
}

// envPortsDone and invPortsDone settle a wait for ports: placed, the
// attempt goes on; refused (the ENI it waited for, once ready, had no
// room, and the key cannot grow), it ends with the invoke error.
func (e *env) envPortsDone(fail eni.Reason) {
	if fail != eni.NoReason {
		e.abort(eni.InvokeOutcome(fail))
		return
	}
	e.envPlaced()
}

func (e *env) invPortsDone(fail eni.Reason) {
	if fail != eni.NoReason {
		e.abort(eni.InvokeOutcome(fail))
		return
	}
	e.invPlaced()
}

func (e *env) invPlaced() {
	e.c.eniWait += e.f.r.eng.Now() - e.phaseAt
	e.begin()
}

// begin starts init (cold), the short start of a replacement started
// ahead, or the invocation (warm).
func (e *env) begin() {
	if !e.c.cold {
		e.run()
		return
	}
	d := e.f.Init
	if e.replaced {
		d, e.replaced = e.f.ReplacementInit, false
	}
	e.phase = initializing
	e.f.r.eng.After(&e.timer, d.Sample())
}

// Fire is the timer's: init done, invocation done, or surplus keep-alive
// over.
func (e *env) Fire() {
	switch e.phase {
	case initializing:
		e.run()
	case running:
		e.finish()
	case idle:
		e.f.surplusExpired(e)
	}
}

func (e *env) run() {
	f, now := e.f, e.f.r.eng.Now()
	if e.c.cold {
		f.ColdStarts++
		f.ColdStartsByCause[e.cause]++
		f.ColdStartDelay.Add((now - e.c.arrived).Seconds())
		f.ENIWait.Add(e.c.eniWait.Seconds())
	}
	e.phase, e.phaseAt = running, now
	f.Concurrency.Add(now, 1)
	f.F.InvokeStarted()
	f.r.eng.After(&e.timer, f.Run.Sample())
}

func (e *env) finish() {
	f, r := e.f, e.f.r
	now := r.eng.Now()
	f.Concurrency.Add(now, -1)
	f.F.InvokeEnded()
	f.Succeeded++
	f.InFlight--
	if e.c.watch != 0 {
		r.watched(e.c.watch, eni.OK, e.phaseAt)
	}
	r.region.add(f, -1)
	if e.invPorts.ENI != nil {
		e.pool.Release(&e.invPorts)
	}
	if e.gen != f.gen {
		e.destroy()
		f.idled()
		return
	}
	f.goIdle(e)
}

// abort ends the attempt an environment was starting, with outcome o, and
// the environment.
func (e *env) abort(o eni.Outcome) {
	f := e.f
	f.r.region.add(f, -1)
	c := e.c
	if e.invPorts.ENI != nil {
		e.pool.Release(&e.invPorts)
	}
	if c.cold {
		f.refund(e.cause)
	}
	e.destroy()
	f.idled()
	f.failed(c, o)
}

// destroy releases the environment's connections and returns it to the
// free list.
func (e *env) destroy() {
	f, r := e.f, e.f.r
	if e.envPorts.ENI != nil {
		e.pool.Release(&e.envPorts)
	}
	if e.slot != nil {
		e.pool.ReleaseSlot(e.slot)
		e.slot = nil
	}
	if e.gen == f.gen && e.pool != nil && int(e.sub) < len(f.perSubnet) {
		f.perSubnet[e.sub]--
	}
	f.Environments.Add(r.eng.Now(), -1)
	r.eng.Cancel(&e.timer)
	e.f, e.pool = nil, nil
	r.free = append(r.free, e)
}

// envList is a doubly linked list of idle environments, most recently used
// at the head: an invoke takes the head, so surplus environments sit at the
// tail and age out, as measured on AWS.
type envList struct{ head, tail *env }

func (l *envList) push(e *env) {
	e.prev, e.next = nil, l.head
	if l.head != nil {
		l.head.prev = e
	} else {
		l.tail = e
	}
	l.head = e
}

func (l *envList) remove(e *env) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		l.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		l.tail = e.prev
	}
	e.prev, e.next = nil, nil
}
