package iam

import (
	"embed"
	"strings"
	"sync"
)

// managedFS holds the AWS managed policies a Lambda user attaches to an
// execution role, copied from the AWS Managed Policy Reference (see
// managed/README.md for versions and sources).
//
//go:embed managed/*.json
var managedFS embed.FS

// ManagedPolicyNames lists the embedded managed policies, sorted.
var ManagedPolicyNames = []string{
	"AWSLambdaBasicExecutionRole",
	"AWSLambdaENIManagementAccess",
	"AWSLambdaVPCAccessExecutionRole",
}

// Managed returns the AWS managed policy called name, with its Name set.
// name may be the bare name or its ARN, with or without the service-role/
// path: "AWSLambdaVPCAccessExecutionRole",
// "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole".
// It returns false for a policy enisim does not embed; the caller decides
// whether that is an error or an unknown it ignores.
func Managed(name string) (*Policy, bool) {
	base := strings.TrimPrefix(name, "arn:aws:iam::aws:policy/")
	base = strings.TrimPrefix(base, "service-role/")
	p, ok := managedPolicies()[base]
	if !ok {
		return nil, false
	}
	cp := *p // callers may rename their copy; the statements are shared and read-only
	return &cp, true
}

// managedPolicies parses the embedded documents once: a role check runs
// for every CreateFunction of a simulation.
var managedPolicies = sync.OnceValue(func() map[string]*Policy {
	m := map[string]*Policy{}
	for _, n := range ManagedPolicyNames {
		doc, err := managedFS.ReadFile("managed/" + n + ".json")
		if err != nil {
			panic("iam: embedded managed policy missing: " + n)
		}
		p, err := Parse(doc)
		if err != nil {
			panic("iam: embedded managed policy " + n + ": " + err.Error())
		}
		p.Name = n
		m[n] = p
	}
	return m
})
