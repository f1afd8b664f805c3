package eni

import "strings"

// The control-plane calls, named as the Lambda API names them. Each returns
// its outcome, "ok" or an error name, and counts it in Calls.

// OK is the outcome of a call that succeeded.
const OK = "ok"

// Create is CreateFunction.
func (f *Function) Create(subnetIDs, sgIDs []string, role Role) string {
	const call = "CreateFunction"
	if f.Exists {
		return f.call(call, ErrResourceConflict)
	}
	cfg, refused := f.check(call, subnetIDs, sgIDs, role)
	if refused != "" {
		return f.call(call, refused)
	}
	f.Exists, f.role, f.Config, f.versions = true, role, cfg, nil
	f.LastUpdate, f.LastUpdateReason = NoUpdate, NoReason
	f.attachOrFail(cfg, attachCreate, call)
	return f.call(call, OK)
}

// check is what CreateFunction and UpdateFunctionConfiguration do before
// changing anything: resolve the VpcConfig, ask whether the caller may make
// the call with it (IAM is evaluated before the request is validated
// further), then check the execution role. refused is the error name.
func (f *Function) check(call string, subnetIDs, sgIDs []string, role Role) (cfg *Config, refused string) {
	cfg, msg := f.m.Resolve(subnetIDs, sgIDs)
	if msg == "" && !f.authorized(call, cfg) {
		return nil, ErrAccessDenied
	}
	if msg == "" && cfg.Attached() {
		msg = roleMessage(role)
	}
	if msg != "" {
		f.m.trace("%s %s -> %s: %s", call, f.Name, ErrInvalidParameterValue, msg)
		return nil, ErrInvalidParameterValue
	}
	return cfg, ""
}

// attachOrFail acquires cfg's pools for a create or restore: Active when
// they are ready, Pending while ENIs are created, Failed (Inactive on a
// restore) when one cannot be.
func (f *Function) attachOrFail(cfg *Config, kind attachKind, call string) {
	pools := cfg.Pools
	if kind == attachRestore {
		for _, v := range f.versions {
			pools = append(pools[:len(pools):len(pools)], v.Pools...)
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
		f.m.trace("%s %s -> Failed (%s)", call, f.Name, r)
		return
	}
	if a.outstanding == 0 {
		a.complete()
		f.m.trace("%s %s -> Active: %s", call, f.Name, keysText(cfg))
		return
	}
	f.att = a
	reason := Creating
	if kind == attachRestore {
		reason = Restoring
	}
	f.setState(Pending, reason)
	f.m.trace("%s %s -> Pending (%s): needs ENIs for %s", call, f.Name, reason, keysText(cfg))
}

// UpdateConfiguration is UpdateFunctionConfiguration with a new VpcConfig.
func (f *Function) UpdateConfiguration(subnetIDs, sgIDs []string) string {
	const call = "UpdateFunctionConfiguration"
	if r := f.busy(); r != "" {
		return f.call(call, r)
	}
	cfg, refused := f.check(call, subnetIDs, sgIDs, f.role)
	if refused != "" {
		return f.call(call, refused)
	}
	switch f.State {
	case Failed:
		f.Config = cfg
		f.attachOrFail(cfg, attachCreate, call)
	case Inactive:
		f.Config = cfg
	default:
		f.applyUpdate(cfg)
	}
	return f.call(call, OK)
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
		f.m.trace("UpdateFunctionConfiguration %s: LastUpdateStatus Failed (%s); old configuration keeps serving", f.Name, r)
		return
	}
	if a.outstanding == 0 {
		a.complete()
		return
	}
	f.att, f.next = a, cfg
	f.setUpdate(InProgress, NoReason)
	f.m.trace("UpdateFunctionConfiguration %s -> LastUpdateStatus InProgress: needs ENIs for %s; %s keeps serving", f.Name, keysText(cfg), keysText(f.Config))
}

// UpdateOther is an UpdateFunctionConfiguration without VpcConfig (memory,
// environment, ...): the VPC configuration stays, the environments are
// replaced.
func (f *Function) UpdateOther() string {
	const call = "UpdateFunctionConfiguration"
	if r := f.busy(); r != "" {
		return f.call(call, r)
	}
	if !f.authorized(call, nil) {
		return f.call(call, ErrAccessDenied)
	}
	f.configChanged()
	return f.call(call, OK)
}

// authorized asks the Authorize hook about a call.
func (f *Function) authorized(call string, cfg *Config) bool {
	if f.m.Hooks.Authorize == nil || f.m.Hooks.Authorize(call, f, cfg) {
		return true
	}
	f.m.trace("%s %s -> %s: the caller's policies do not allow it", call, f.Name, ErrAccessDenied)
	return false
}

// busy is the refusal of a call that changes the function: it does not
// exist, or it is Pending, or an update is in progress.
func (f *Function) busy() string {
	switch {
	case !f.Exists:
		return ErrResourceNotFound
	case f.State == Pending, f.InProgress():
		return ErrResourceConflict
	}
	return ""
}

// UpdateCode is UpdateFunctionCode: new code means new execution
// environments.
func (f *Function) UpdateCode() string {
	if r := f.busy(); r != "" {
		return f.call("UpdateFunctionCode", r)
	}
	f.configChanged()
	return f.call("UpdateFunctionCode", OK)
}

// PublishVersion publishes a version, which keeps the configuration's keys
// in use until the function is deleted.
func (f *Function) PublishVersion() string {
	const call = "PublishVersion"
	if r := f.busy(); r != "" {
		return f.call(call, r)
	}
	if f.State == Failed {
		return f.call(call, ErrResourceConflict)
	}
	v := f.Config
	f.versions = append(f.versions, v)
	if f.State == Active && v.Attached() {
		a := &attach{fn: f, kind: attachUpdate, pools: v.Pools}
		a.start() // the pools are ready: the function is Active on them
	}
	f.m.trace("PublishVersion %s -> version %d on %s", f.Name, len(f.versions), keysText(v))
	return f.call(call, OK)
}

// Delete is DeleteFunction: every pool it holds is released, and ENIs no
// one else uses are deleted after deleteDelay.
func (f *Function) Delete() string {
	if !f.Exists {
		return f.call("DeleteFunction", ErrResourceNotFound)
	}
	f.releaseAll(false)
	f.m.Eng.Cancel(&f.idle)
	f.Exists = false
	f.Config, f.next, f.versions = nil, nil, nil
	f.setState(f.State, f.Reason)
	f.m.trace("DeleteFunction %s: ENIs it alone used will be deleted", f.Name)
	f.gone()
	return f.call("DeleteFunction", OK)
}

// UpdateRole replaces the execution role. Running environments keep
// working; the role is checked the next time an ENI is needed.
func (f *Function) UpdateRole(role Role) string {
	f.role = role
	if ok, missing := allows(role); !ok {
		f.m.trace("UpdateRole %s: role no longer allows %s; invokes go on, the next ENI it needs will fail", f.Name, missing)
	}
	return f.call("UpdateRole", OK)
}

// Gate is the check of an invoke: "" when the function can run it, else
// the error the caller gets. An invoke of an Inactive function starts the
// restore.
func (f *Function) Gate() string {
	if !f.Exists {
		return ErrResourceNotFound
	}
	switch f.State {
	case Active:
		return ""
	case Pending:
		return ErrResourceConflict
	case Inactive:
		f.m.trace("Invoke %s: %s; restoring", f.Name, ErrResourceNotReady)
		f.attachOrFail(f.Config, attachRestore, "Invoke")
		return ErrResourceNotReady
	}
	return InvokeError(f.Reason)
}

// Fail puts an Active function in Failed because an ENI it needs cannot be
// created (its pool cannot grow).
func (f *Function) Fail(r Reason) {
	if f.State == Failed {
		return
	}
	f.LastUpdate, f.LastUpdateReason = UpdateFailed, r
	f.setState(Failed, r)
	f.m.trace("%s -> Failed (%s)", f.Name, r)
}

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
