package serve

import (
	"fmt"
	"regexp"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// function is what the API shows of a function beyond the model's state:
// the settings a client sent, kept as sent (the model uses none of them
// but the VpcConfig, the role and, in the legacy model, the memory).
type function struct {
	ef  *eni.Function
	idx int // in Sim.Funcs and Sim.Stats
	settings
	versions  []version // in order of number; a deleted one is gone
	published int       // the last version number handed out
	tags      map[string]string
}

// settings are a function's configuration and code as GetFunction shows
// them: $LATEST's, or a published version's snapshot of them.
type settings struct {
	Runtime      string
	Handler      string
	Role         string
	Description  string
	MemorySize   int
	Timeout      int
	Env          map[string]string // replaced, never changed in place
	LastModified sim.Time
	revision     int
	codeSha      string // base64 of the package's SHA-256, as AWS writes CodeSha256
	codeSize     int64
	vpc          *vpcIDs // the VpcConfig last set (nil: never attached)
	extras
}

// version is a published version: its number and the settings it was
// published with, which no later change of the function touches.
type version struct {
	number int
	settings
}

// declare adds the API's view of a model function.
func (ss *Session) declare(ef *eni.Function, idx, memory int) *function {
	fn := &function{ef: ef, idx: idx, settings: settings{Runtime: "python3.12", Handler: "index.handler",
		Role: ss.roleARN("lambda-vpc-role"), MemorySize: memory, Timeout: 3, codeSha: codeSha256(nil, ef.Name), extras: defaultExtras(ef.Name)}}
	for len(ss.fns) <= ef.ID {
		ss.fns = append(ss.fns, nil)
	}
	ss.fns[ef.ID] = fn
	ss.byName[ef.Name] = fn
	return fn
}

// arnName takes a function's name out of a name, a full ARN
// (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]) or a partial
// one (ACCOUNT:function:NAME); qualifier is what follows the name.
var arnName = regexp.MustCompile(`^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]{1,128}))?$`)

// arnScope is the Region and account of a full ARN, the account of a
// partial one ("" where the name does not say).
var arnScope = regexp.MustCompile(`^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:|(\d{12}):function:)`)

// foreign refuses a name whose ARN is of another Region or account, as
// Lambda does: "Functions from 'us-east-1' are not reachable in this
// region ('us-east-2')" (ResourceNotFoundException); another account's
// function needs a permission the session has no way to grant.
func (ss *Session) foreign(s string) *apiError {
	m := arnScope.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	region, account := m[1], m[2]+m[3]
	switch {
	case region != "" && region != ss.opts.Region:
		return errorf(eni.ErrResourceNotFound, fmt.Sprintf("Functions from '%s' are not reachable in this region ('%s')", region, ss.opts.Region))
	case account != ss.opts.Account:
		return errorf(eni.ErrAccessDenied, fmt.Sprintf("User: arn:aws:iam::%s:user/enisim is not authorized to perform this action on resource: %s (enisim serves account %s only)", ss.opts.Account, s, ss.opts.Account))
	}
	return nil
}

func functionName(s string) (name, qualifier string, ok bool) {
	m := arnName.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

func (ss *Session) functionARN(name string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", ss.opts.Region, ss.opts.Account, name)
}

func (ss *Session) roleARN(name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:role/%s", ss.opts.Account, name)
}

// rolePattern is an IAM role ARN.
var rolePattern = regexp.MustCompile(`^arn:aws[a-zA-Z-]*:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-/]{1,512}$`)

// role resolves a role ARN: one the scenario defines (the role of scenario
// function F is arn:aws:iam::ACCOUNT:role/F-role) is that role; any other
// is a role the simulator cannot see, which it takes to have
// AWSLambdaVPCAccessExecutionRole (nil).
func (ss *Session) role(arn string) *spec.Role { return ss.roles[arn] }

// newAPIFunction declares a function an API CreateFunction names for the
// first time, as a scenario would declare it: created by a call, no
// arrivals of its own.
func (ss *Session) newAPIFunction(name string, memory int) (*function, error) {
	if ss.added >= maxAPIFunctions {
		return nil, fmt.Errorf("this session already has %d functions made through the API, its limit", maxAPIFunctions)
	}
	f := spec.NewFunction(name)
	f.Never = true
	f.Memory = memory
	ef, err := ss.x.AddFunction(f)
	if err != nil {
		return nil, err
	}
	ss.added++
	return ss.declare(ef, len(ss.x.Funcs)-1, memory), nil
}
