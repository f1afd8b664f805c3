package eni

import (
	"fmt"

	"github.com/enisim/enisim/sim"
)

// Kind is what an Event reports.
type Kind uint8

// The event kinds. The control-plane calls come first and are named as the
// Lambda API names them (Kind.Call reports whether a kind is one).
const (
	// NoKind is the zero Kind: as an Event's Cause, the model acted on its
	// own (an ENI became ready, a function was idle too long, a pool could
	// not place ports).
	NoKind Kind = iota

	CreateFunction
	UpdateFunctionConfiguration
	UpdateFunctionCode
	PublishVersion
	DeleteFunction
	UpdateRole

	// CallerDenied: the caller's policies refuse a call (Event.Call); told
	// before the call's own event, which has Outcome AccessDenied.
	CallerDenied
	// InvokeInactive: an invoke met an Inactive function; it is refused
	// with ResourceNotReadyException and starts the restore.
	InvokeInactive
	// Restore: the restore an InvokeInactive started, with the State it
	// left the function in (Pending, Active, or Inactive when it failed).
	Restore
	// StateChanged: the function's State (or whether it exists) changed.
	StateChanged
	// UpdateStatusChanged: its LastUpdateStatus changed.
	UpdateStatusChanged
	// KeyBlocked: a configuration of the function could not get the first
	// ENI of one of its keys (Reason says why).
	KeyBlocked
	// ScaleOutBlocked: a pool needs another ENI and cannot create it; told
	// once until a scale-out of the pool succeeds again.
	ScaleOutBlocked

	ENICreating
	ENIReady
	ENIDeleting
	// ENIRevived: a Deleting ENI is taken back (Ready again) because its
	// pool needs it before its deletion is due.
	ENIRevived
	ENIDeleted
	// ENIGivenBack: an ENI still being created that nothing needs any more
	// (the create or update that started it was refused, or its function
	// went away) is given back: it is deleted after deleteDelay.
	ENIGivenBack
	// ENIOrphaned: an ENI due for deletion that Lambda may not delete, since
	// the role of the function that last used it lost
	// ec2:DeleteNetworkInterface; it stays, holding its IP, until deleted by
	// hand (Function names that function).
	ENIOrphaned

	// EnvironmentReplaced: an execution environment of Function reached its
	// maximum lifetime and was replaced by one started ahead (Subnet, when
	// attached; Detail says whether a request found it so).
	EnvironmentReplaced
)

var kindNames = [...]string{
	NoKind: "", CreateFunction: "CreateFunction", UpdateFunctionConfiguration: "UpdateFunctionConfiguration",
	UpdateFunctionCode: "UpdateFunctionCode", PublishVersion: "PublishVersion", DeleteFunction: "DeleteFunction",
	UpdateRole: "UpdateRole", CallerDenied: "CallerDenied", InvokeInactive: "InvokeInactive", Restore: "Restore",
	StateChanged: "StateChanged", UpdateStatusChanged: "UpdateStatusChanged", KeyBlocked: "KeyBlocked",
	ScaleOutBlocked: "ScaleOutBlocked", ENICreating: "ENICreating", ENIReady: "ENIReady",
	ENIDeleting: "ENIDeleting", ENIRevived: "ENIRevived", ENIDeleted: "ENIDeleted",
	ENIGivenBack: "ENIGivenBack", ENIOrphaned: "ENIOrphaned", EnvironmentReplaced: "EnvironmentReplaced",
}

// String is the kind's name; for a call, the Lambda API's name of it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Call reports whether k is a control-plane call.
func (k Kind) Call() bool { return k >= CreateFunction && k <= UpdateRole }

// ENI reports whether k is an ENI's lifecycle event.
func (k Kind) ENI() bool { return k >= ENICreating && k <= ENIOrphaned }

// Event is one thing the model did, as a value: what a listener (the
// narrated timeline, a live view) needs, captured when it happened. Which
// fields are set depends on Kind; the function's fields are its state just
// after the event.
type Event struct {
	Kind Kind
	At   sim.Time

	// Function is the function's name ("" for ENI and pool events).
	Function string
	// Outcome is a call's outcome (calls, InvokeInactive).
	Outcome Outcome
	// Call is the call a CallerDenied refuses.
	Call Kind
	// Cause is the call (or Restore) during which a StateChanged or
	// UpdateStatusChanged happened: that operation's own event tells the
	// change. NoKind when the model made the change on its own.
	Cause Kind

	// From is the function's State before the event (for a call, when it
	// began; meaningless for a function that did not exist yet), and
	// State, Reason, Update and UpdateReason its State, StateReasonCode,
	// LastUpdateStatus and LastUpdateStatusReasonCode after it; Exists is
	// false once it is deleted (or before it is created).
	From         State
	State        State
	Reason       Reason
	Update       UpdateStatus
	UpdateReason Reason
	Exists       bool

	// Config is the configuration the event concerns: the one a
	// CreateFunction or UpdateFunctionConfiguration requested (nil: the
	// request had no VpcConfig), a published version's, a restore's.
	// Serving is the one serving invokes after the event. Both are shared
	// with the model and never change: do not modify them.
	Config, Serving *Config
	// Version is the number of published versions after a PublishVersion
	// (deleted ones included: it is the new version's number), or the
	// version a DeleteFunction of one version named.
	Version int
	// Idle is how long a function reclaimed for idleness (StateChanged to
	// Inactive, Idle) had not been used.
	Idle sim.Time

	// Key, Subnet and SGs name the pool of ENI, KeyBlocked and
	// ScaleOutBlocked events (SGs sorted, shared with the pool); ENI is the
	// ENI's ID (see ENIName). Reason is why a key is blocked.
	Key    string
	Subnet string
	SGs    []string
	ENI    int

	// Detail is a message: the InvalidParameterValueException's, the
	// action an UpdateRole's role lacks, a CallerDenied's request and
	// deciding statement.
	Detail string
}

// ENIName is the name of ENI id as the timeline prints it, e.g. eni-0003.
func ENIName(id int) string { return fmt.Sprintf("eni-%04d", id) }
