package serve

import (
	_ "embed"

	"github.com/enisim/enisim/scenarios/spec"
)

// DefaultName is the scenario serve runs when none is given.
const DefaultName = "empty-account"

// defaultYAML is an empty account with a default network, the way a new
// AWS account's default VPC looks (three /20 subnets of 172.31.0.0/16, one
// per Availability Zone), plus a second security group so that a lesson can
// show a second ENI key. It has no functions: the API creates them.
//
//go:embed empty-account.yaml
var defaultYAML []byte

// Default returns the empty-account scenario.
func Default() (*spec.Scenario, error) {
	return spec.Parse("builtin:"+DefaultName, defaultYAML, ".", nil)
}

// Open loads a scenario argument as `enisim run` does; "" (or
// "empty-account") is the empty account.
func Open(arg string) (*spec.Scenario, error) {
	if arg == "" || arg == DefaultName {
		return Default()
	}
	return spec.Open(arg, nil)
}
