package scenarios

import (
	"fmt"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/eni/iam"
	"github.com/enisim/enisim/scenarios/spec"
)

// policyRole is an execution role evaluated with the IAM evaluator: may
// Lambda call the ENI actions with it (calls made by Lambda carry no
// lambda:SourceFunctionArn, so the recommended Deny does not stop it)?
type policyRole struct {
	policies []*iam.Policy
}

// newRole returns the eni.Role of a scenario role; nil (the default) has
// AWSLambdaVPCAccessExecutionRole.
func newRole(r *spec.Role) (eni.Role, error) {
	if r == nil {
		return nil, nil
	}
	var inline [][]byte
	for _, p := range r.Policies {
		inline = append(inline, p.JSON)
	}
	ps, err := iam.RolePolicies(r.ManagedPolicies, r.Actions, inline)
	if err != nil {
		return nil, fmt.Errorf("%s: role: %w", r.Pos, err)
	}
	return &policyRole{ps}, nil
}

func (r *policyRole) AllowsENI() (bool, string) { return iam.RoleAllowsENI(r.policies) }

func (r *policyRole) MayDeleteENIs() bool { return iam.RoleMayDeleteENIs(r.policies) }
