package eni

import (
	"fmt"
	"strings"
)

// Describe tells e in the words of the Lambda and EC2 APIs, as one line of
// the narrated timeline (without its clock), e.g.
//
//	CreateFunction orders -> Pending (Creating): needs ENIs for subnet-a+[sg-app]
//	ENI eni-0001 ready in subnet-a for [sg-app]
func Describe(e Event) string {
	switch {
	case e.Kind.Call() && e.Outcome != OK:
		return describeRefusal(e)
	case e.Kind.Call():
		return describeCall(e)
	case e.Kind.ENI():
		return describeENI(e)
	}
	switch e.Kind {
	case CallerDenied:
		return fmt.Sprintf("%s %s %s", e.Call, e.Function, e.Detail)
	case InvokeInactive:
		return fmt.Sprintf("Invoke %s: %s; restoring", e.Function, e.Outcome)
	case Restore:
		if e.State == Inactive {
			return fmt.Sprintf("Invoke %s: the restore failed (%s); still Inactive", e.Function, e.Reason)
		}
		return attachText("Invoke", e)
	case StateChanged:
		return describeState(e)
	case UpdateStatusChanged:
		return describeUpdate(e)
	case KeyBlocked:
		return fmt.Sprintf("%s: no ENI for %s: %s", e.Function, e.Key, e.Reason)
	case ScaleOutBlocked:
		return fmt.Sprintf("scale-out of %s blocked: %s; invokes that find no room fail with %s, next try in %s", e.Key, e.Reason, InvokeError(e.Reason), e.Detail)
	case EnvironmentReplaced:
		return e.Function + ": " + e.Detail
	}
	return e.Kind.String() + " " + e.Function
}

// describeRefusal tells a call that failed, with why when the state says.
func describeRefusal(e Event) string {
	head := fmt.Sprintf("%s %s -> %s", e.Kind, e.Function, e.Outcome)
	switch e.Outcome {
	case InvalidParameterValue:
		return head + ": " + e.Detail
	case AccessDenied:
		return head + ": the caller's policies do not allow it"
	case ResourceNotFound:
		if e.Kind == DeleteFunction && e.Version > 0 && e.Exists {
			return head + fmt.Sprintf(" (%s has no version %d)", e.Function, e.Version)
		}
		return head + fmt.Sprintf(" (%s does not exist)", e.Function)
	case ResourceConflict:
		switch {
		case e.State == Pending:
			return head + fmt.Sprintf(" (%s is Pending, %s)", e.Function, e.Reason)
		case e.Update == InProgress:
			return head + " (LastUpdateStatus InProgress)"
		case e.State == Failed:
			return head + fmt.Sprintf(" (%s is Failed, %s)", e.Function, e.Reason)
		}
	}
	return head
}

// describeCall tells a call that succeeded and what it did.
func describeCall(e Event) string {
	switch e.Kind {
	case CreateFunction:
		return attachText(e.Kind.String(), e)
	case UpdateFunctionConfiguration:
		return describeUpdateConfiguration(e)
	case UpdateFunctionCode:
		return fmt.Sprintf("%s %s: ok; new code, so new execution environments", e.Kind, e.Function)
	case PublishVersion:
		return fmt.Sprintf("%s %s -> version %d on %s", e.Kind, e.Function, e.Version, keysText(e.Config))
	case DeleteFunction:
		if e.Config != nil { // one version
			return fmt.Sprintf("%s %s:%d: version %d deleted; ENIs only it used will be deleted", e.Kind, e.Function, e.Version, e.Version)
		}
		return fmt.Sprintf("%s %s: ENIs it alone used will be deleted", e.Kind, e.Function)
	case UpdateRole:
		if e.Detail != "" {
			return fmt.Sprintf("%s %s: role no longer allows %s; invokes go on, the next ENI it needs will fail", e.Kind, e.Function, e.Detail)
		}
	}
	return fmt.Sprintf("%s %s: ok", e.Kind, e.Function)
}

// describeUpdateConfiguration tells an UpdateFunctionConfiguration that
// succeeded: on a Failed function it attaches anew like a creation; on an
// Active one it applies at once when the new keys have ready ENIs, else
// goes InProgress while the old configuration serves.
func describeUpdateConfiguration(e Event) string {
	call := e.Kind.String()
	switch {
	case e.Config == nil:
		return fmt.Sprintf("%s %s: ok; VPC configuration unchanged, new execution environments", call, e.Function)
	case e.From == Failed:
		return attachText(call, e)
	case e.From == Inactive:
		return fmt.Sprintf("%s %s: ok; Inactive, so %s serves once an invoke restores it", call, e.Function, keysText(e.Config))
	case e.Update == InProgress:
		return fmt.Sprintf("%s %s -> LastUpdateStatus InProgress: needs ENIs for %s; %s keeps serving", call, e.Function, keysText(e.Config), keysText(e.Serving))
	case e.Update == UpdateFailed:
		return fmt.Sprintf("%s %s: LastUpdateStatus Failed (%s); old configuration keeps serving", call, e.Function, e.UpdateReason)
	case e.Serving != e.Config:
		return fmt.Sprintf("%s %s: ok; VPC configuration unchanged", call, e.Function)
	case !e.Config.Attached():
		// A detach needs no ENI at all: say what happens to the ones it had.
		return fmt.Sprintf("%s %s -> LastUpdateStatus Successful, now on no VPC: detached, its ENIs are released (deleted once no other function uses them); new execution environments",
			call, e.Function)
	}
	return fmt.Sprintf("%s %s -> LastUpdateStatus Successful, now on %s: its keys had ready ENIs, so no new ENI was needed; new execution environments",
		call, e.Function, keysText(e.Config))
}

// attachText tells the state an attach (a creation, a restore) left.
func attachText(call string, e Event) string {
	switch e.State {
	case Failed:
		return fmt.Sprintf("%s %s -> Failed (%s)", call, e.Function, e.Reason)
	case Active:
		return fmt.Sprintf("%s %s -> Active: %s", call, e.Function, keysText(e.Config))
	}
	return fmt.Sprintf("%s %s -> %s (%s): needs ENIs for %s", call, e.Function, e.State, e.Reason, keysText(e.Config))
}

func describeState(e Event) string {
	switch {
	case !e.Exists:
		return e.Function + " deleted"
	case e.State == Inactive && e.Reason == Idle:
		return fmt.Sprintf("%s idle for %s: ENIs reclaimed -> Inactive (Idle)", e.Function, e.Idle)
	case e.Reason != NoReason:
		return fmt.Sprintf("%s -> %s (%s)", e.Function, e.State, e.Reason)
	}
	return fmt.Sprintf("%s -> %s", e.Function, e.State)
}

func describeUpdate(e Event) string {
	switch e.Update {
	case Successful:
		return fmt.Sprintf("%s: LastUpdateStatus Successful, now on %s", e.Function, keysText(e.Serving))
	case UpdateFailed:
		return fmt.Sprintf("%s: LastUpdateStatus Failed (%s)", e.Function, e.UpdateReason)
	}
	return fmt.Sprintf("%s: LastUpdateStatus %s", e.Function, e.Update)
}

func describeENI(e Event) string {
	name, sgs := ENIName(e.ENI), strings.Join(e.SGs, ",")
	switch e.Kind {
	case ENICreating:
		return fmt.Sprintf("ENI %s creating in %s for [%s]", name, e.Subnet, sgs)
	case ENIReady:
		return fmt.Sprintf("ENI %s ready in %s for [%s]", name, e.Subnet, sgs)
	case ENIDeleting:
		return fmt.Sprintf("ENI %s in %s for [%s] unused: deleting", name, e.Subnet, sgs)
	case ENIRevived:
		return fmt.Sprintf("ENI %s in %s for [%s] needed again: kept", name, e.Subnet, sgs)
	case ENIGivenBack:
		return fmt.Sprintf("ENI %s in %s for [%s] given back before it was ready: nothing needs it any more; deleting", name, e.Subnet, sgs)
	case ENIOrphaned:
		return fmt.Sprintf("ENI %s in %s for [%s] orphaned: the role of %s may not call ec2:DeleteNetworkInterface, so Lambda cannot delete it; it keeps its IP until deleted by hand", name, e.Subnet, sgs, e.Function)
	}
	return fmt.Sprintf("ENI %s deleted from %s", name, e.Subnet)
}

func keysText(c *Config) string {
	if !c.Attached() {
		return "no VPC"
	}
	return strings.Join(c.Keys(), ", ")
}
