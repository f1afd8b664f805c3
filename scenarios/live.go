package scenarios

import (
	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
)

// AddFunction declares f on a built run, as Build declares the scenario's
// functions, and returns its model function. enisim serve calls it when an
// API call creates a function the scenario does not declare; f should have
// no arrivals (its invokes come from the API) and Never set (a call creates
// it). A scenario that declares f the same way replays the session.
func (x *Sim) AddFunction(f spec.Function) (*eni.Function, error) {
	if err := x.addFunction(&f); err != nil {
		return nil, err
	}
	x.Scenario.Functions = append(x.Scenario.Functions, f)
	return x.Funcs[len(x.Funcs)-1], nil
}

// Role returns the model's view of a scenario role (nil: the default role,
// which has AWSLambdaVPCAccessExecutionRole), evaluated as a run evaluates
// it.
func Role(r *spec.Role) (eni.Role, error) { return newRole(r) }
