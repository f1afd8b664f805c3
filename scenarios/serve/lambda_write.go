package serve

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Lambda's memory limits, in MB.
const (
	minMemory = 128
	maxMemory = 10240
)

// call applies one recorded call (see Session.apply) and turns the
// model's outcome into the error the client gets (nil: OK).
func (ss *Session) call(c Call, fn *function, f func() eni.Outcome) *apiError {
	var outcome eni.Outcome
	lines, err := ss.apply(c, func() { outcome = f() })
	if err != nil {
		return errorf("ServiceException", err.Error())
	}
	return ss.refusal(outcome, fn, lines)
}

func invalid(format string, args ...any) *apiError {
	return errorf(eni.ErrInvalidParameterValue, fmt.Sprintf(format, args...))
}

// descriptionOf checks a Description (at most 256 characters, the
// model's constraint).
func descriptionOf(d string) *apiError {
	if utf8.RuneCountInString(d) > 256 {
		return validation("1 validation error detected: Value '%s' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256", d)
	}
	return nil
}

// validation is the error of a request that breaks a constraint of the
// API's model (a pattern, a range, an enum): Lambda's request validation
// answers ValidationException (400), before the service's own checks,
// whose InvalidParameterValueException is invalid's.
func validation(format string, args ...any) *apiError {
	return errorf("ValidationException", fmt.Sprintf(format, args...))
}

// vpcRequest checks a request's VpcConfig against the network before the
// model sees it: ids the account does not have are refused as EC2 refuses
// them (a scenario cannot name them, so they could not be replayed). nil
// means the request has no VpcConfig; empty lists detach.
func (ss *Session) vpcRequest(v *vpcConfigRequest) (*vpcIDs, *apiError) {
	if v == nil {
		return nil, nil
	}
	ids := &vpcIDs{subnets: []string{}, sgs: []string{}}
	if v.SubnetIds != nil {
		ids.subnets = append(ids.subnets, *v.SubnetIds...)
	}
	if v.SecurityGroupIds != nil {
		ids.sgs = append(ids.sgs, *v.SecurityGroupIds...)
	}
	// The API's own limits (botocore: SubnetIds max 16, SecurityGroupIds
	// max 5), and no id twice: the scenario format refuses a repeated id,
	// so a session that took one could not be replayed from its record.
	for _, l := range []struct {
		what string
		ids  []string
		max  int
	}{{"subnetIds", ids.subnets, eni.MaxSubnets}, {"securityGroupIds", ids.sgs, eni.MaxSGs}} {
		if len(l.ids) > l.max {
			return nil, validation("1 validation error detected: Value '[%s]' at 'vpcConfig.%s' failed to satisfy constraint: Member must have length less than or equal to %d", strings.Join(l.ids, ", "), l.what, l.max)
		}
		seen := map[string]bool{}
		for _, id := range l.ids {
			if seen[id] {
				return nil, invalid("vpcConfig.%s: %s is listed twice", l.what, id)
			}
			seen[id] = true
		}
	}
	for _, id := range ids.subnets {
		if ss.subnets[id] == nil {
			return nil, invalid("Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound. EC2 Error Message: The subnet ID '%s' does not exist", id)
		}
	}
	for _, id := range ids.sgs {
		if !ss.knownSG(id) {
			return nil, invalid("Error occurred while DescribeSecurityGroups. EC2 Error Code: InvalidGroup.NotFound. EC2 Error Message: The security group '%s' does not exist", id)
		}
	}
	return ids, nil
}

func (ss *Session) knownSG(id string) bool {
	for _, v := range ss.x.Model.VPCs {
		if v.SGs[id] {
			return true
		}
	}
	return false
}

// timeoutOf checks a Timeout: 1 to 900 seconds (botocore's Timeout shape).
func timeoutOf(p *int) *apiError {
	switch {
	case p == nil:
	case *p < 1:
		return validation("1 validation error detected: Value '%d' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1", *p)
	case *p > 900:
		return validation("1 validation error detected: Value '%d' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900", *p)
	}
	return nil
}

func memoryOf(p *int, def int) (int, *apiError) {
	if p == nil {
		return def, nil
	}
	// Lambda's own words for it, as clients have quoted them.
	if *p < minMemory {
		return 0, validation("'MemorySize' value failed to satisfy constraint: Member must have value greater than or equal to %d", minMemory)
	}
	if *p > maxMemory {
		return 0, validation("'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to %d", maxMemory)
	}
	return *p, nil
}

// modelRole is the eni.Role of a role ARN (see Session.role).
func (ss *Session) modelRole(arn string) (*spec.Role, eni.Role, *apiError) {
	r := ss.role(arn)
	mr, err := scenarios.Role(r)
	if err != nil {
		return nil, nil, errorf("ServiceException", err.Error())
	}
	return r, mr, nil
}

func (ss *Session) createFunction(_ *http.Request, body []byte) (reply, *apiError) {
	var req createFunctionRequest
	if ae := decodeBody(body, &req); ae != nil {
		return reply{}, ae
	}
	if ae := ss.foreign(req.FunctionName); ae != nil {
		return reply{}, ae
	}
	name, qual, ok := functionName(req.FunctionName)
	switch {
	case !ok || qual != "":
		return reply{}, validation("1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+", req.FunctionName)
	case !rolePattern.MatchString(req.Role):
		return reply{}, validation("1 validation error detected: Value '%s' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+", req.Role)
	case req.Code == nil:
		return reply{}, validation("1 validation error detected: Value null at 'code' failed to satisfy constraint: Member must not be null")
	case len(req.Code.ZipFile) == 0 && (req.Code.S3Bucket == "" || req.Code.S3Key == "") && req.Code.ImageUri == "":
		return reply{}, invalid("Please provide a source for function code.")
	}
	mem, ae := memoryOf(req.MemorySize, minMemory)
	if ae != nil {
		return reply{}, ae
	}
	if ae := runtimeOf(req.Runtime); ae != nil {
		return reply{}, ae
	}
	if ae := descriptionOf(req.Description); ae != nil {
		return reply{}, ae
	}
	ext := defaultExtras(name)
	if ae := ext.apply(&req.extrasRequest); ae != nil {
		return reply{}, ae
	}
	if ae := envOf(req.Environment); ae != nil {
		return reply{}, ae
	}
	switch req.PackageType {
	case "", "Zip":
	case "Image":
		ext.packageType, ext.imageURI = "Image", req.Code.ImageUri
	default:
		return reply{}, validation("1 validation error detected: Value '%s' at 'packageType' failed to satisfy constraint: Member must satisfy enum value set: [Zip, Image]", req.PackageType)
	}
	if ae := timeoutOf(req.Timeout); ae != nil {
		return reply{}, ae
	}
	ids, ae := ss.vpcRequest(req.VpcConfig)
	if ae != nil {
		return reply{}, ae
	}
	if ext.packageType == "Zip" && (req.Runtime == "" || req.Handler == "") {
		return reply{}, invalid("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
	}
	if ids == nil {
		ids = &vpcIDs{}
	}
	specRole, role, ae := ss.modelRole(req.Role)
	if ae != nil {
		return reply{}, ae
	}
	fn := ss.byName[name]
	if fn == nil {
		var err error
		if fn, err = ss.newAPIFunction(name, mem); err != nil {
			return reply{}, errorf(eni.ErrTooManyRequests, err.Error())
		}
	}
	c := Call{Action: "CreateFunction", Function: name, VPC: ids, Role: specRole, Publish: req.Publish}
	if ae := ss.call(c, fn, func() eni.Outcome {
		o := fn.ef.Create(ids.subnets, ids.sgs, role)
		if o == eni.OK && req.Publish {
			fn.ef.PublishAtCreate() // version 1, even while Pending
		}
		return o
	}); ae != nil {
		return reply{}, ae
	}
	fn.Runtime, fn.Handler, fn.Role, fn.Description = req.Runtime, req.Handler, req.Role, req.Description
	fn.MemorySize, fn.Timeout, fn.Env, fn.versions, fn.published = mem, 3, nil, nil, 0
	fn.extras, fn.tags = ext, maps.Clone(req.Tags)
	if req.Timeout != nil {
		fn.Timeout = *req.Timeout
	}
	if req.Environment != nil {
		fn.Env = req.Environment.Variables
	}
	fn.vpc = nil
	if len(ids.subnets) > 0 {
		fn.vpc = ids
	}
	fn.touch(ss.now())
	fn.codeSha = codeSha256(req.Code.ZipFile, req.Code.S3Bucket+"/"+req.Code.S3Key+"?"+req.Code.S3ObjectVersion+req.Code.ImageUri)
	fn.codeSize = int64(len(req.Code.ZipFile))
	if req.Publish {
		return reply{status: http.StatusCreated, body: ss.config(fn, ss.published(fn, req.Description))}, nil
	}
	return reply{status: http.StatusCreated, body: ss.config(fn, nil)}, nil
}

// published records the version the model just published of fn: a
// snapshot of its settings now, with description in place of the
// function's when one is given.
func (ss *Session) published(fn *function, description string) *version {
	fn.published++
	v := version{number: fn.published, settings: fn.settings}
	v.Env = maps.Clone(fn.Env)
	v.LastModified = ss.now()
	if description != "" {
		v.Description = description
	}
	fn.versions = append(fn.versions, v)
	return &fn.versions[len(fn.versions)-1]
}

// touch notes a change of the function: LastModified and RevisionId move.
func (fn *function) touch(now sim.Time) {
	fn.LastModified = now
	fn.revision++
}

// existing finds a function a mutating call names: a function the session
// has never heard of is refused here (the model has no function to count
// the call on); a known one that does not exist now goes to the model,
// which counts the refusal as a run would.
func (ss *Session) existing(r *http.Request) (*function, *apiError) {
	fn, ae := ss.existingName(r)
	if ae != nil {
		return nil, ae
	}
	if _, qual, _ := functionName(r.PathValue("name")); qual != "" {
		// NAME:1 is not the function: updating or deleting through a
		// qualified name used to act on $LATEST, or delete everything.
		return nil, invalid("%s names a version or alias (%s); this operation takes the function's name, or a ?Qualifier where it has one", r.PathValue("name"), qual)
	}
	return fn, nil
}

// qualified is existing for the operations that take a qualifier, in the
// name (NAME:1) or as ?Qualifier (which must agree): the function, and
// its version (nil: $LATEST), which must exist.
func (ss *Session) qualified(r *http.Request) (*function, *version, *apiError) {
	if _, ae := ss.existingName(r); ae != nil {
		return nil, nil, ae
	}
	return ss.lookup(r)
}

// precondition is the RevisionId check of the calls that take one: a
// client that read the function at one revision may only change that
// revision.
func (ss *Session) precondition(fn *function, id string) *apiError {
	if id == "" || id == revisionID(fn.ef.Name, fn.revision) {
		return nil
	}
	return errorf("PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
}

// existingName is existing without the refusal of a qualifier.
func (ss *Session) existingName(r *http.Request) (*function, *apiError) {
	if ae := ss.foreign(r.PathValue("name")); ae != nil {
		return nil, ae
	}
	name, _, ok := functionName(r.PathValue("name"))
	if !ok || ss.byName[name] == nil {
		return nil, errorf(eni.ErrResourceNotFound, "Function not found: "+ss.functionARN(name))
	}
	return ss.byName[name], nil
}

func (ss *Session) updateConfiguration(r *http.Request, body []byte) (reply, *apiError) {
	fn, ae := ss.existing(r)
	if ae != nil {
		return reply{}, ae
	}
	var req updateConfigurationRequest
	if ae := decodeBody(body, &req); ae != nil {
		return reply{}, ae
	}
	if ae := ss.precondition(fn, req.RevisionId); ae != nil {
		return reply{}, ae
	}
	mem, ae := memoryOf(req.MemorySize, fn.MemorySize)
	if ae != nil {
		return reply{}, ae
	}
	if req.Runtime != nil {
		if ae := runtimeOf(*req.Runtime); ae != nil {
			return reply{}, ae
		}
	}
	if req.Description != nil {
		if ae := descriptionOf(*req.Description); ae != nil {
			return reply{}, ae
		}
	}
	ext := fn.extras
	if ae := ext.apply(&req.extrasRequest); ae != nil {
		return reply{}, ae
	}
	if ae := envOf(req.Environment); ae != nil {
		return reply{}, ae
	}
	if ae := timeoutOf(req.Timeout); ae != nil {
		return reply{}, ae
	}
	ids, ae := ss.vpcRequest(req.VpcConfig)
	if ae != nil {
		return reply{}, ae
	}
	if req.Role != nil && !rolePattern.MatchString(*req.Role) {
		return reply{}, validation("1 validation error detected: Value '%s' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+", *req.Role)
	}
	if req.Role != nil && *req.Role != fn.Role && fn.ef.Exists && busy(fn.ef) == eni.OK {
		// A new role is UpdateRole in the model, applied first so the new
		// VpcConfig is checked with it.
		specRole, role, ae := ss.modelRole(*req.Role)
		if ae != nil {
			return reply{}, ae
		}
		if _, err := ss.apply(Call{Action: "UpdateRole", Function: fn.ef.Name, Role: specRole}, func() { fn.ef.UpdateRole(role) }); err != nil {
			return reply{}, errorf("ServiceException", err.Error())
		}
		fn.Role = *req.Role
	}
	c := Call{Action: "UpdateFunctionConfiguration", Function: fn.ef.Name, VPC: ids}
	if ae := ss.call(c, fn, func() eni.Outcome {
		if ids == nil {
			return fn.ef.UpdateOther()
		}
		return fn.ef.UpdateConfiguration(ids.subnets, ids.sgs)
	}); ae != nil {
		return reply{}, ae
	}
	fn.MemorySize, fn.extras = mem, ext
	setIf(&fn.Handler, req.Handler)
	setIf(&fn.Description, req.Description)
	setIf(&fn.Runtime, req.Runtime)
	if req.Timeout != nil {
		fn.Timeout = *req.Timeout
	}
	if req.Environment != nil {
		fn.Env = req.Environment.Variables
	}
	if ids != nil {
		fn.vpc = ids // detached: empty lists, as AWS shows a detached function
	}
	fn.touch(ss.now())
	return reply{status: http.StatusOK, body: ss.config(fn, nil)}, nil
}

func setIf(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// busy predicts the model's refusal of a change without making it.
func busy(ef *eni.Function) eni.Outcome {
	switch {
	case !ef.Exists:
		return eni.ResourceNotFound
	case ef.State == eni.Pending, ef.InProgress():
		return eni.ResourceConflict
	}
	return eni.OK
}

func (ss *Session) updateCode(r *http.Request, body []byte) (reply, *apiError) {
	fn, ae := ss.existing(r)
	if ae != nil {
		return reply{}, ae
	}
	var req updateCodeRequest
	if ae := decodeBody(body, &req); ae != nil {
		return reply{}, ae
	}
	if ae := ss.precondition(fn, req.RevisionId); ae != nil {
		return reply{}, ae
	}
	ext := fn.extras
	if ae := ext.apply(&extrasRequest{Architectures: req.Architectures}); ae != nil {
		return reply{}, ae
	}
	if req.ImageUri != "" {
		ext.imageURI = req.ImageUri
	}
	switch {
	case len(req.ZipFile) == 0 && (req.S3Bucket == "" || req.S3Key == "") && req.ImageUri == "":
		return reply{}, invalid("Please provide a source for function code.")
	case req.Publish && fn.ef.State == eni.Failed:
		return reply{}, ss.refusal(eni.ResourceConflict, fn, nil) // as PublishVersion would be
	case req.DryRun:
		if b := busy(fn.ef); b != eni.OK {
			return reply{}, ss.refusal(b, fn, nil)
		}
		return reply{status: http.StatusOK, body: ss.config(fn, nil)}, nil
	}
	c := Call{Action: "UpdateFunctionCode", Function: fn.ef.Name, Publish: req.Publish}
	if ae := ss.call(c, fn, func() eni.Outcome {
		o := fn.ef.UpdateCode()
		if o == eni.OK && req.Publish {
			o = fn.ef.PublishVersion() // cannot be refused: the update was not
		}
		return o
	}); ae != nil {
		return reply{}, ae
	}
	fn.codeSha = codeSha256(req.ZipFile, req.S3Bucket+"/"+req.S3Key+"?"+req.S3ObjectVersion+req.ImageUri)
	fn.codeSize, fn.extras = int64(len(req.ZipFile)), ext
	fn.touch(ss.now())
	if req.Publish {
		return reply{status: http.StatusOK, body: ss.config(fn, ss.published(fn, ""))}, nil
	}
	return reply{status: http.StatusOK, body: ss.config(fn, nil)}, nil
}

func (ss *Session) publishVersion(r *http.Request, body []byte) (reply, *apiError) {
	fn, ae := ss.existing(r)
	if ae != nil {
		return reply{}, ae
	}
	var req publishVersionRequest
	if ae := decodeBody(body, &req); ae != nil {
		return reply{}, ae
	}
	if ae := ss.precondition(fn, req.RevisionId); ae != nil {
		return reply{}, ae
	}
	if ae := descriptionOf(req.Description); ae != nil {
		return reply{}, ae
	}
	if req.CodeSha256 != "" && req.CodeSha256 != fn.codeSha {
		return reply{}, invalid("CodeSHA256 (%s) is different from current CodeSHA256 in $LATEST (%s). Please try again.", req.CodeSha256, fn.codeSha)
	}
	if n := len(fn.versions); n > 0 && fn.versions[n-1].revision == fn.revision && busy(fn.ef) == eni.OK {
		// Nothing changed since the last version: Lambda publishes none
		// and answers with that one.
		return reply{status: http.StatusCreated, body: ss.config(fn, &fn.versions[n-1])}, nil
	}
	if ae := ss.call(Call{Action: "PublishVersion", Function: fn.ef.Name}, fn, func() eni.Outcome { return fn.ef.PublishVersion() }); ae != nil {
		return reply{}, ae
	}
	return reply{status: http.StatusCreated, body: ss.config(fn, ss.published(fn, req.Description))}, nil
}

func (ss *Session) deleteFunction(r *http.Request, _ []byte) (reply, *apiError) {
	fn, v, ae := ss.qualified(r)
	if ae != nil {
		return reply{}, ae
	}
	if v != nil {
		n := v.number
		if ae := ss.call(Call{Action: "DeleteFunction", Function: fn.ef.Name, Version: n}, fn, func() eni.Outcome { return fn.ef.DeleteVersion(n) }); ae != nil {
			return reply{}, ae
		}
		fn.versions = slices.DeleteFunc(fn.versions, func(x version) bool { return x.number == n })
		return reply{status: http.StatusNoContent}, nil
	}
	if _, q, _ := functionName(r.PathValue("name")); q != "" || r.URL.Query().Get("Qualifier") != "" {
		return reply{}, invalid("$LATEST cannot be deleted on its own: delete the function, without a qualifier")
	}
	if ae := ss.call(Call{Action: "DeleteFunction", Function: fn.ef.Name}, fn, func() eni.Outcome { return fn.ef.Delete() }); ae != nil {
		return reply{}, ae
	}
	fn.versions, fn.published = nil, 0
	return reply{status: http.StatusNoContent}, nil
}
