package eni

// The pre-2019 model (hyperplane.model: per-environment). Before
// Hyperplane, Lambda attached ENIs to the workers that ran execution
// environments, during their cold starts: each ENI took an IP, served the
// environments of one function configuration on one worker, and the AWS
// sizing rule for the subnet was peak concurrency x (memory / 3 GB). So an
// ENI here has SlotsPerENI(memory) environment slots, a cold start takes a
// slot (creating an ENI when none has room) and pays the set-up delay
// whether or not it created the ENI, and an ENI whose last environment is
// gone is deleted after deleteDelay. There is no Pending state: functions
// are Active at once, and nothing waits at creation.

// LegacyWorkerMB is the memory behind one legacy ENI (the "3 GB" of the
// old sizing rule).
const LegacyWorkerMB = 3072

// SlotsPerENI is how many environments of a function with memory MB one
// legacy ENI serves: at least one.
func SlotsPerENI(memoryMB int) int {
	if memoryMB <= 0 {
		return 1
	}
	return max(1, LegacyWorkerMB/memoryMB)
}

// AcquireSlot gives an environment a slot on a legacy ENI of the pool,
// creating an ENI when none has room; fail says why none could be created.
func (p *Pool) AcquireSlot(fn *Function, slots int) (*ENI, Reason) {
	for _, e := range p.enis {
		if e.State == ENIStateReady && e.Slots < slots {
			e.Slots++
			return e, NoReason
		}
	}
	for _, e := range p.enis {
		if e.State == ENIStateDeleting {
			p.m.Eng.Cancel(&e.timer)
			e.State = ENIStateReady
			p.ready++
			p.emit(ENIRevived, e)
			e.Slots++
			return e, NoReason
		}
	}
	if r := p.create(fn); r != NoReason {
		return nil, r
	}
	e := p.enis[len(p.enis)-1]
	p.m.Eng.Cancel(&e.timer) // the set-up delay is the cold start's, not a creation timer
	e.State = ENIStateReady
	p.creating--
	p.ready++
	p.emit(ENIReady, e)
	e.Slots++
	return e, NoReason
}

// ReleaseSlot gives a slot back; an ENI left empty is deleted after
// deleteDelay unless a cold start takes it first.
func (p *Pool) ReleaseSlot(e *ENI) {
	e.Slots--
	if e.Slots == 0 && e.State == ENIStateReady {
		p.retire(e, false)
	}
}
