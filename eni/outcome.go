package eni

import "fmt"

// Outcome is how a control-plane call or an invoke ends: OK or the error
// the Lambda API returns. It is a value, compared with ==; its String is
// the API's name of the error, used only where the outcome is shown or
// counted by name (Function.Calls, workload's error counters).
type Outcome uint8

// The outcomes the model produces.
const (
	OK Outcome = iota
	ResourceConflict
	ResourceNotFound
	ResourceNotReady
	InvalidParameterValue
	AccessDenied
	TooManyRequests
	SubnetIPAddressLimitReached
	ENILimitReached
	EC2AccessDenied
	EC2Unexpected
)

var outcomeNames = [...]string{
	OK:                          "ok",
	ResourceConflict:            ErrResourceConflict,
	ResourceNotFound:            ErrResourceNotFound,
	ResourceNotReady:            ErrResourceNotReady,
	InvalidParameterValue:       ErrInvalidParameterValue,
	AccessDenied:                ErrAccessDenied,
	TooManyRequests:             ErrTooManyRequests,
	SubnetIPAddressLimitReached: ErrSubnetIPLimit,
	ENILimitReached:             ErrENILimit,
	EC2AccessDenied:             ErrEC2AccessDenied,
	EC2Unexpected:               ErrEC2Unexpected,
}

// String is "ok" or the API's error name, e.g. ResourceConflictException.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", o)
}

// InvokeOutcome is the error an invoke gets from a function that failed
// for reason r.
func InvokeOutcome(r Reason) Outcome {
	switch r {
	case SubnetOutOfIPAddresses:
		return SubnetIPAddressLimitReached
	case EniLimitExceeded:
		return ENILimitReached
	case InsufficientRolePermissions:
		return EC2AccessDenied
	}
	return EC2Unexpected
}
