package serve

import (
	"encoding/json"
	"net/http"

	"github.com/enisim/enisim/eni"
)

// apiError is a Lambda error as AWS returns it: the error's name in the
// X-Amzn-ErrorType header (which the SDKs read to pick the typed error),
// a JSON body whose Type is "User" or "Service", and the message under the
// member the API model gives that error ("message" or "Message").
type apiError struct {
	Name    string
	Message string
}

func (e *apiError) Error() string { return e.Name + ": " + e.Message }

// statusOf maps an error name to its HTTP status as the Lambda API model
// defines it. Names it does not list that end in "Exception" are the
// invoke-time errors of Lambda's VPC and EC2 side (EC2ThrottledException,
// InvalidSubnetIDException, ENILimitReachedException, ...), which are all
// 502, so an outcome the model learns to return later maps right.
func statusOf(name string) int {
	switch name {
	case eni.ErrInvalidParameterValue, "InvalidRequestContentException", "ValidationException":
		return http.StatusBadRequest
	case eni.ErrAccessDenied:
		return http.StatusForbidden
	case eni.ErrResourceNotFound, "UnknownOperationException":
		return http.StatusNotFound
	case eni.ErrResourceConflict:
		return http.StatusConflict
	case "RequestTooLargeException", "RequestEntityTooLargeException":
		return http.StatusRequestEntityTooLarge
	case "PreconditionFailedException":
		return http.StatusPreconditionFailed
	case "UnsupportedMediaTypeException":
		return http.StatusUnsupportedMediaType
	case eni.ErrTooManyRequests:
		return http.StatusTooManyRequests
	case "ServiceException":
		return http.StatusInternalServerError
	case "UnrecognizedClientException":
		return http.StatusForbidden
	}
	return http.StatusBadGateway
}

// capitalMessage lists the errors whose message member is "Message" in
// the Lambda API model; the others use "message".
var capitalMessage = map[string]bool{
	eni.ErrResourceNotFound: true, eni.ErrSubnetIPLimit: true, eni.ErrENILimit: true,
	eni.ErrEC2AccessDenied: true, "ServiceException": true, "EC2ThrottledException": true,
	"EC2UnexpectedException": true, "InvalidSubnetIDException": true,
	"InvalidSecurityGroupIDException": true, "AccessDeniedException": true,
}

func writeLambdaError(w http.ResponseWriter, e *apiError) {
	status := statusOf(e.Name)
	typ := "User"
	if status >= 500 {
		typ = "Service"
	}
	key := "message"
	if capitalMessage[e.Name] {
		key = "Message"
	}
	w.Header().Set("X-Amzn-ErrorType", e.Name)
	w.Header().Set("Content-Type", "application/json")
	if e.Name == eni.ErrTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"Type": typ, key: e.Message})
}

// errorf builds an apiError.
func errorf(name, msg string) *apiError { return &apiError{Name: name, Message: msg} }

// refusal turns a call's outcome into the error a client gets; nil for
// OK. The name is the outcome's, so an outcome the model learns later maps
// to its status by name (statusOf).
func (ss *Session) refusal(o eni.Outcome, fn *function, events []eni.Event) *apiError {
	if o == eni.OK {
		return nil
	}
	outcome, arn := o.String(), ss.functionARN(fn.ef.Name)
	switch o {
	case eni.ResourceNotFound:
		return errorf(outcome, "Function not found: "+arn)
	case eni.ResourceConflict:
		switch {
		case fn.ef.Exists && fn.ef.State == eni.Pending:
			return errorf(outcome, "The operation cannot be performed at this time. The function is currently in the following state: Pending")
		case fn.ef.InProgress():
			return errorf(outcome, "The operation cannot be performed at this time. An update is in progress for resource: "+arn)
		case fn.ef.Exists:
			return errorf(outcome, "Function already exist: "+fn.ef.Name)
		}
		return errorf(outcome, "The operation cannot be performed at this time. The function is currently in the following state: "+fn.ef.State.String())
	case eni.AccessDenied:
		return errorf(outcome, "User is not authorized to perform this call on resource: "+arn+" because no identity-based policy allows it (the scenario's region.caller)")
	}
	for _, e := range events {
		if e.Kind.Call() && e.Outcome == o && e.Detail != "" {
			return errorf(outcome, e.Detail) // the model's own explanation
		}
	}
	return errorf(outcome, outcome)
}
