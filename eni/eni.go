package eni

import "github.com/enisim/enisim/sim"

// ENIState is where an ENI is in its life.
type ENIState uint8

// ENI states: Creating (holds an IP, carries nothing yet), Ready, and
// Deleting (nothing needs it; it goes when its delete timer fires unless a
// user comes back first).
const (
	ENIStateCreating ENIState = iota
	ENIStateReady
	ENIStateDeleting
)

// ENI is one Hyperplane ENI of a pool.
type ENI struct {
	ID    int
	Pool  *Pool
	State ENIState
	Ports int
	Slots int // legacy model: environments served
	timer sim.Timer
}

// Name is the ENI's id as the timeline prints it, e.g. eni-0003.
func (e *ENI) Name() string { return ENIName(e.ID) }

// Priorities of same-instant events: control-plane calls act first, then
// invokes, then ENI state changes. So an invoke at the instant an ENI
// becomes ready still sees the function Pending (a 60 s window at 10/s
// refuses 600 invokes), and a function created at 0 s exists for an
// invoke at 0 s.
const (
	PrioControl int8 = -1
	PrioInvoke  int8 = 0
	PrioENI     int8 = 1
)
