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
	ef, st, arn, number := fn.ef, &fn.settings, ss.functionARN(fn.ef.Name), "$LATEST"
	if v != nil {
		st, arn, number = &v.settings, arn+":"+strconv.Itoa(v.number), strconv.Itoa(v.number)
	}
	c := functionConfiguration{
		FunctionName: ef.Name, FunctionArn: arn, Runtime: st.Runtime, Role: st.Role,
		Handler: st.Handler, CodeSize: st.codeSize, Description: st.Description, Timeout: st.Timeout,
		MemorySize: st.MemorySize, LastModified: ss.date(st.LastModified), CodeSha256: st.codeSha,
		Version: number, RevisionId: revisionID(ef.Name, st.revision),
		SnapStart: map[string]string{"ApplyOn": "None", "OptimizationStatus": "Off"},
		VpcConfig: ss.vpcResponse(st.vpc),
	}
	st.extras.show(&c)
	if len(st.Env) > 0 {
		c.Environment = &environment{Variables: st.Env}
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

// codeSha256 is CodeSha256: base64 of the SHA-256 of the zip, as AWS
// writes it; for code named in S3 or ECR, whose bytes enisim never sees,
// a stable stand-in derived from where it is (source), or from the
// function's name for the code a scenario's function starts with.
func codeSha256(zip []byte, source string) string {
	if len(zip) == 0 {
		zip = []byte("enisim/code/" + source)
	}
	h := sha256.Sum256(zip)
	return base64.StdEncoding.EncodeToString(h[:])
}

// revisionID is RevisionId: it changes with every change of the function.
func revisionID(name string, rev int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s/revision/%d", name, rev)))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
