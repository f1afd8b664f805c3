package serve

import (
	"slices"
	"strings"
)

// runtimes is the Lambda API's Runtime enum, as botocore's model has it
// (botocore/data/lambda/2015-03-31/service-2.json, shape Runtime, at
// botocore 0e6e2404b). Lambda refuses a value outside it before anything
// else; whether a runtime is past its deprecation date is not modelled.
var runtimes = []string{"nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
	"nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "java8", "java8.al2",
	"java11", "java17", "java21", "java25", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
	"python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "dotnetcore1.0", "dotnetcore2.0",
	"dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10", "nodejs4.3-edge", "go1.x", "ruby2.5",
	"ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0", "provided", "provided.al2", "provided.al2023",
	"nodejs26.x", "python3.15", "java8.al2023", "java11.al2023", "java17.al2023"}

// runtimeOf checks a request's Runtime ("" or nil: not given).
func runtimeOf(r string) *apiError {
	if r == "" || slices.Contains(runtimes, r) {
		return nil
	}
	return validation("1 validation error detected: Value '%s' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [%s] or be a valid ARN", r, strings.Join(runtimes, ", "))
}
