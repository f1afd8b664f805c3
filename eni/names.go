package eni

// State is a function's State as the Lambda API reports it.
type State uint8

// The classic function states.
const (
	Pending State = iota
	Active
	Inactive
	Failed
)

var stateNames = [...]string{"Pending", "Active", "Inactive", "Failed"}

func (s State) String() string { return stateNames[s] }

// Reason is a StateReasonCode or LastUpdateStatusReasonCode.
type Reason string

// The reason codes the model produces, spelled as the API spells them.
const (
	NoReason                    Reason = ""
	Creating                    Reason = "Creating"
	Restoring                   Reason = "Restoring"
	Idle                        Reason = "Idle"
	SubnetOutOfIPAddresses      Reason = "SubnetOutOfIPAddresses"
	EniLimitExceeded            Reason = "EniLimitExceeded"
	InsufficientRolePermissions Reason = "InsufficientRolePermissions"
)

// UpdateStatus is LastUpdateStatus.
type UpdateStatus uint8

// LastUpdateStatus values; NoUpdate is before the first creation completes.
const (
	NoUpdate UpdateStatus = iota
	Successful
	InProgress
	UpdateFailed
)

var updateNames = [...]string{"", "Successful", "InProgress", "Failed"}

func (u UpdateStatus) String() string { return updateNames[u] }

// Error names of the Lambda API, as returned to callers: Outcome's
// String, and so the keys of workload's error counters, which count
// invokes by name. The model itself passes Outcome values; these names are
// for the edges that show or match errors by name (reports, tests, the
// Lambda API a server speaks).
const (
	ErrResourceConflict      = "ResourceConflictException"
	ErrResourceNotFound      = "ResourceNotFoundException"
	ErrResourceNotReady      = "ResourceNotReadyException"
	ErrInvalidParameterValue = "InvalidParameterValueException"
	ErrTooManyRequests       = "TooManyRequestsException"
	ErrSubnetIPLimit         = "SubnetIPAddressLimitReachedException"
	ErrENILimit              = "ENILimitReachedException"
	ErrEC2AccessDenied       = "EC2AccessDeniedException"
	ErrAccessDenied          = "AccessDeniedException"
	ErrEC2Unexpected         = "EC2UnexpectedException"
)

// InvokeError is the name of the error an invoke gets from a function that
// failed for reason r (InvokeOutcome's String).
func InvokeError(r Reason) string { return InvokeOutcome(r).String() }
