package serve

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// stateReasons are the StateReason texts AWS writes with each code.
var stateReasons = map[eni.Reason]string{
	eni.Creating:                    "The function is being created.",
	eni.Restoring:                   "The function is being restored.",
	eni.Idle:                        "The function is inactive because it has been idle: Lambda reclaimed its Hyperplane ENIs.",
	eni.SubnetOutOfIPAddresses:      "The subnet does not have enough free IP addresses to create a network interface.",
	eni.EniLimitExceeded:            "You have exceeded the maximum limit for HyperPlane ENIs for your account.",
	eni.InsufficientRolePermissions: "The function's execution role does not have permissions to call CreateNetworkInterface on EC2.",
}

func reasonText(r eni.Reason) string {
	if t, ok := stateReasons[r]; ok {
		return t
	}
	return string(r)
}

// config is FunctionConfiguration for $LATEST (v nil) or a published version.
func (ss *Session) config(fn *function, v *version) functionConfiguration {
	ef := fn.ef
	c := functionConfiguration{
		FunctionName: ef.Name, FunctionArn: ss.functionARN(ef.Name), Runtime: fn.Runtime, Role: fn.Role,
		Handler: fn.Handler, CodeSize: fn.codeSize, Description: fn.Description, Timeout: fn.Timeout,
		MemorySize: fn.MemorySize, LastModified: ss.date(fn.LastModified), CodeSha256: codeSha256(ef.Name, fn.code),
		Version: "$LATEST", RevisionId: revisionID(ef.Name, fn.revision), PackageType: "Zip",
		TracingConfig: map[string]string{"Mode": "PassThrough"}, Architectures: []string{"x86_64"},
		EphemeralStorage: map[string]int{"Size": 512},
		SnapStart:        map[string]string{"ApplyOn": "None", "OptimizationStatus": "Off"},
		LoggingConfig:    map[string]string{"LogFormat": "Text", "LogGroup": "/aws/lambda/" + ef.Name},
		VpcConfig:        ss.vpcResponse(fn.vpc),
	}
	if len(fn.Env) > 0 {
		c.Environment = &environment{Variables: fn.Env}
	}
	if v != nil {
		c.FunctionArn += ":" + strconv.Itoa(v.number)
		c.Version = strconv.Itoa(v.number)
		c.MemorySize, c.Description, c.VpcConfig = v.memory, v.description, ss.vpcResponse(v.vpc)
		c.CodeSha256, c.RevisionId, c.LastModified = codeSha256(ef.Name, v.code), revisionID(ef.Name, v.revision), ss.date(v.at)
	}
	c.State = ef.State.String()
	if ef.Reason != eni.NoReason {
		c.StateReasonCode, c.StateReason = string(ef.Reason), reasonText(ef.Reason)
	}
	if v != nil {
		c.LastUpdateStatus = eni.Successful.String()
		return c
	}
	c.LastUpdateStatus = ef.LastUpdate.String()
	switch {
	case ef.LastUpdate == eni.InProgress:
		c.LastUpdateStatusReason = "The function is being updated."
	case ef.LastUpdate == eni.UpdateFailed && ef.LastUpdateReason != eni.NoReason:
		c.LastUpdateStatusReasonCode, c.LastUpdateStatusReason = string(ef.LastUpdateReason), reasonText(ef.LastUpdateReason)
	}
	return c
}

// vpcResponse is VpcConfig as the API answers it: the ids sent, and the VPC
// Lambda derives from the subnets; a function never attached has none, a
// detached one has empty lists.
func (ss *Session) vpcResponse(v *vpcIDs) *vpcConfigResponse {
	if v == nil {
		return nil
	}
	r := &vpcConfigResponse{SubnetIds: append([]string{}, v.subnets...), SecurityGroupIds: append([]string{}, v.sgs...)}
	if len(v.subnets) > 0 {
		if s := ss.subnets[v.subnets[0]]; s != nil {
			r.VpcId = s.VPC.ID
		}
	}
	return r
}

// date is a virtual time as the Lambda API writes LastModified, counting
// from the wall time the session started.
func (ss *Session) date(t sim.Time) string {
	return ss.start.Add(t).UTC().Format("2006-01-02T15:04:05.000+0000")
}

// codeSha256 is a stable stand-in for the hash of the function's code:
// base64 of a SHA-256, as AWS writes it.
func codeSha256(name string, code int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s/code/%d", name, code)))
	return base64.StdEncoding.EncodeToString(h[:])
}

// revisionID is RevisionId: it changes with every change of the function.
func revisionID(name string, rev int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s/revision/%d", name, rev)))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
