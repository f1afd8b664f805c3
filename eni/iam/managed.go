package iam

import (
	"embed"
	"strings"
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
	for _, n := range ManagedPolicyNames {
		if n != base {
			continue
		}
		doc, err := managedFS.ReadFile("managed/" + n + ".json")
		if err != nil {
			panic("iam: embedded managed policy missing: " + n)
		}
		p, err := Parse(doc)
		if err != nil {
			panic("iam: embedded managed policy " + n + ": " + err.Error())
		}
		p.Name = n
		return p, true
	}
	return nil, false
}

// ManagedJSON returns the embedded document of a managed policy, for the
// linter and for printing.
func ManagedJSON(name string) ([]byte, bool) {
	p, ok := Managed(name)
	if !ok {
		return nil, false
	}
	doc, _ := managedFS.ReadFile("managed/" + p.Name + ".json")
	return doc, true
}
