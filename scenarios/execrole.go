package scenarios

import (
	"errors"
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
	files := 0
	for i, p := range r.Policies {
		where := fmt.Sprintf("role.policies.%d", i-files)
		if p.File != "" {
			where = fmt.Sprintf("role.policyFiles.%d", files)
			files++
		}
		if _, err := iam.Parse(p.JSON); err != nil { // placed in its file, if it has one
			return nil, policyDocError(p, where, err)
		}
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

// rolePoliciesParse checks that every function's role policies parse, so
// that validate refuses what run would (run builds the roles).
func rolePoliciesParse(s *spec.Scenario) error {
	var errs spec.ErrorList
	for _, f := range s.Functions {
		if _, err := newRole(f.Role); err != nil {
			var se *spec.Error
			if !errors.As(err, &se) {
				se = &spec.Error{Pos: f.Role.Pos, Msg: err.Error()}
			}
			errs = append(errs, se)
		}
	}
	return errs.Sorted()
}
