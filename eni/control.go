package eni

import "strings"

// The control-plane calls, named as the Lambda API names them. Each returns
// its Outcome, counts it in Calls and emits its event (emit.go).

// begin starts call k on f.
func (f *Function) begin(k Kind) {
	f.from = f.State
	f.m.begin(k)
}

// end finishes call k with outcome o: cfg is the configuration it
// concerns (the request's, a version's), detail a message for its event.
func (f *Function) end(k Kind, o Outcome, cfg *Config, detail string) Outcome {
	return f.endVersion(k, o, cfg, detail, len(f.versions))
}

// endVersion is end for a call about version n (the event's Version).
func (f *Function) endVersion(k Kind, o Outcome, cfg *Config, detail string, n int) Outcome {
	f.count(k, o)
	var e Event
	if f.m.listening() {
		e = f.event(k)
		e.From, e.Outcome, e.Config, e.Detail = f.from, o, cfg, detail
		e.Version = n
	}
	f.m.end(e)
	return o
}

// Create is CreateFunction.
func (f *Function) Create(subnetIDs, sgIDs []string, role Role) Outcome {
	const call = CreateFunction
	f.begin(call)
	if f.Exists {
		return f.end(call, ResourceConflict, nil, "")
	}
	cfg, refused, msg := f.check(call, subnetIDs, sgIDs, role)
	if refused != OK {
		return f.end(call, refused, cfg, msg)
	}
	f.Exists, f.role, f.Config, f.versions = true, role, cfg, nil
	f.LastUpdate, f.LastUpdateReason = NoUpdate, NoReason
	f.attachOrFail(cfg, attachCreate)
	return f.end(call, OK, cfg, "")
}

// check is what CreateFunction and UpdateFunctionConfiguration do before
// changing anything: resolve the VpcConfig, ask whether the caller may make
// the call with it (IAM is evaluated before the request is validated
// further), then check the execution role. msg is an
// InvalidParameterValueException's message.
func (f *Function) check(call Kind, subnetIDs, sgIDs []string, role Role) (cfg *Config, refused Outcome, msg string) {
	cfg, msg = f.m.Resolve(subnetIDs, sgIDs)
	if msg == "" && !f.authorized(call, cfg) {
		return cfg, AccessDenied, ""
	}
	if msg == "" && cfg.Attached() {
		msg = roleMessage(role)
	}
	if msg != "" {
		return cfg, InvalidParameterValue, msg
	}
	return cfg, OK, ""
}

// attachOrFail acquires cfg's pools for a create or restore: Active when
// they are ready, Pending while ENIs are created, Failed (Inactive on a
// restore) when one cannot be.
func (f *Function) attachOrFail(cfg *Config, kind attachKind) {
	pools := cfg.Pools
	// Every version holds its pools while the function holds any: a
	// restore takes them all again, and so does the attach that follows a
	// Failed create whose Publish made a version.
	if kind == attachRestore || kind == attachCreate {
		for _, v := range f.versions {
			if v != nil { // nil: a deleted version
				pools = append(pools[:len(pools):len(pools)], v.Pools...)
			}
		}
	}
	a := &attach{fn: f, kind: kind, cfg: cfg, pools: pools}
	if r := a.start(); r != NoReason {
		if kind == attachRestore {
			f.setState(Inactive, r)
			return
		}
		f.LastUpdate, f.LastUpdateReason = UpdateFailed, r
		f.setState(Failed, r)
		return
	}
	if a.outstanding == 0 {
		a.complete()
		return
	}
	f.att = a
	reason := Creating
	if kind == attachRestore {
		reason = Restoring
	}
	f.setState(Pending, reason)
}

// UpdateConfiguration is UpdateFunctionConfiguration with a new VpcConfig.
func (f *Function) UpdateConfiguration(subnetIDs, sgIDs []string) Outcome {
	const call = UpdateFunctionConfiguration
	f.begin(call)
	if r := f.busy(); r != OK {
		return f.end(call, r, nil, "")
	}
	cfg, refused, msg := f.check(call, subnetIDs, sgIDs, f.role)
	if refused != OK {
		return f.end(call, refused, cfg, msg)
	}
	switch f.State {
	case Failed:
		f.Config = cfg
		f.attachOrFail(cfg, attachCreate)
	case Inactive:
		f.Config = cfg
	default:
		f.applyUpdate(cfg)
	}
	return f.end(call, OK, cfg, "")
}

// applyUpdate moves an Active function to cfg: at once when its keys have
// ready ENIs, else InProgress while the old configuration keeps serving.
func (f *Function) applyUpdate(cfg *Config) {
	if cfg.Same(f.Config) {
		f.setUpdate(Successful, NoReason)
		return
	}
	a := &attach{fn: f, kind: attachUpdate, cfg: cfg, pools: cfg.Pools}
	if r := a.start(); r != NoReason {
		f.setUpdate(UpdateFailed, r)
		return
	}
	if a.outstanding == 0 {
		a.complete()
		return
	}
	f.att, f.next = a, cfg
	f.setUpdate(InProgress, NoReason)
}

// UpdateOther is an UpdateFunctionConfiguration without VpcConfig (memory,
// environment, ...): the VPC configuration stays, the environments are
// replaced.
func (f *Function) UpdateOther() Outcome {
	const call = UpdateFunctionConfiguration
	f.begin(call)
	if r := f.busy(); r != OK {
		return f.end(call, r, nil, "")
	}
	if !f.authorized(call, nil) {
		return f.end(call, AccessDenied, nil, "")
	}
	f.configChanged()
	f.updated()
	return f.end(call, OK, nil, "")
}

// updated is what a change that needs no ENI (new code, a setting other
// than the VpcConfig) does to LastUpdateStatus: it succeeds at once, so a
// Failed status from an earlier VPC change becomes Successful. A function
// whose create failed stays as it is.
func (f *Function) updated() {
	if f.State != Failed && f.LastUpdate == UpdateFailed {
		f.setUpdate(Successful, NoReason)
	}
}

// authorized asks the Authorize hook about a call.
func (f *Function) authorized(call Kind, cfg *Config) bool {
	if f.m.Hooks.Authorize == nil {
		return true
	}
	ok, why := f.m.Hooks.Authorize(call, f, cfg)
	if !ok && why != "" && f.m.listening() {
		e := f.event(CallerDenied)
		e.Call, e.Config, e.Detail = call, cfg, why
		f.m.emit(e)
	}
	return ok
}

// busy is the refusal of a call that changes the function: it does not
// exist, or it is Pending, or an update is in progress.
func (f *Function) busy() Outcome {
	switch {
	case !f.Exists:
		return ResourceNotFound
	case f.State == Pending, f.InProgress():
		return ResourceConflict
	}
	return OK
}

// UpdateCode is UpdateFunctionCode: new code means new execution
// environments.
func (f *Function) UpdateCode() Outcome {
	const call = UpdateFunctionCode
	f.begin(call)
	if r := f.busy(); r != OK {
		return f.end(call, r, nil, "")
	}
	f.configChanged()
	f.updated()
	return f.end(call, OK, nil, "")
}

// PublishVersion publishes a version, which keeps the configuration's keys
// in use until the function is deleted.
func (f *Function) PublishVersion() Outcome {
	const call = PublishVersion
	f.begin(call)
	if r := f.busy(); r != OK {
		return f.end(call, r, nil, "")
	}
	if f.State == Failed {
		return f.end(call, ResourceConflict, nil, "")
	}
	v := f.Config
	f.versions = append(f.versions, v)
	if f.State == Active && v.Attached() {
		a := &attach{fn: f, kind: attachUpdate, pools: v.Pools}
		a.start() // the pools are ready: the function is Active on them
	}
	return f.end(call, OK, v, "")
}

// PublishAtCreate is CreateFunction's Publish, right after a create that
// succeeded: version 1, published whatever the state, Pending included,
// as Lambda publishes it with the create. The version acquires the same
// pools as the create (and so keeps them when the configuration changes);
// a Failed create's version holds none, as the create does not.
func (f *Function) PublishAtCreate() Outcome {
	const call = PublishVersion
	f.begin(call)
	if !f.Exists || len(f.versions) > 0 {
		return f.end(call, ResourceConflict, nil, "")
	}
	v := f.Config
	f.versions = append(f.versions, v)
	if f.State != Failed && v.Attached() {
		a := &attach{fn: f, kind: attachVersion, pools: v.Pools}
		a.start() // cannot fail: the create holds these pools already
	}
	return f.end(call, OK, v, "")
}

// DeleteVersion is DeleteFunction with a version number as its qualifier:
// the version's hold on its pools goes (ENIs no one else uses are deleted
// after deleteDelay) and its number is not used again.
func (f *Function) DeleteVersion(n int) Outcome {
	const call = DeleteFunction
	f.begin(call)
	if !f.Exists || n < 1 || n > len(f.versions) || f.versions[n-1] == nil {
		return f.endVersion(call, ResourceNotFound, nil, "", n)
	}
	v := f.versions[n-1]
	f.versions[n-1] = nil
	if len(f.holds) > 0 { // a Failed or Inactive function holds none
		f.releasePools(v)
	}
	return f.endVersion(call, OK, v, "", n)
}

// Delete is DeleteFunction: every pool it holds is released, and ENIs no
// one else uses are deleted after deleteDelay.
func (f *Function) Delete() Outcome {
	const call = DeleteFunction
	f.begin(call)
	if !f.Exists {
		return f.end(call, ResourceNotFound, nil, "")
	}
	f.releaseAll(false)
	f.m.Eng.Cancel(&f.idle)
	f.Exists = false
	f.Config, f.next, f.versions = nil, nil, nil
	f.setState(f.State, f.Reason)
	f.gone()
	return f.end(call, OK, nil, "")
}

// UpdateRole replaces the execution role. Running environments keep
// working; the role is checked the next time an ENI is needed. The event
// names the first ENI action the new role lacks, if any.
func (f *Function) UpdateRole(role Role) Outcome {
	f.begin(UpdateRole)
	f.role = role
	_, missing := allows(role)
	return f.end(UpdateRole, OK, nil, missing)
}

// Admit is the check of an invoke: OK when the function can run it, else
// the error the caller gets. An invoke of an Inactive function starts the
// restore.
func (f *Function) Admit() Outcome {
	if !f.Exists {
		return ResourceNotFound
	}
	switch f.State {
	case Active:
		return OK
	case Pending:
		return ResourceConflict
	case Inactive:
		f.restore()
		return ResourceNotReady
	}
	return InvokeOutcome(f.Reason)
}

// restore is what an invoke of an Inactive function starts: its event,
// InvokeInactive, then the Restore with the state it leaves.
func (f *Function) restore() {
	if f.m.listening() {
		e := f.event(InvokeInactive)
		e.Outcome = ResourceNotReady
		f.m.emit(e)
	}
	f.begin(Restore)
	f.attachOrFail(f.Config, attachRestore)
	var e Event
	if f.m.listening() {
		e = f.event(Restore)
		e.From, e.Outcome, e.Config = f.from, ResourceNotReady, f.Config
	}
	f.m.end(e)
}

func mayDelete(r Role) bool { return r == nil || r.MayDeleteENIs() }

func allows(r Role) (bool, string) {
	if r == nil {
		return true, ""
	}
	return r.AllowsENI()
}

func roleMessage(r Role) string {
	if ok, missing := allows(r); !ok {
		return "The provided execution role does not have permissions to call " + strings.TrimPrefix(missing, "ec2:") + " on EC2"
	}
	return ""
}
