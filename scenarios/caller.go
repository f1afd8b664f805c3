package scenarios

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/eni/iam"
	"github.com/enisim/enisim/scenarios/spec"
)

// The caller (region.caller) is the identity that makes the control-plane
// calls of the scenario: CreateFunction and UpdateFunctionConfiguration are
// authorized against its policies with the request's lambda:VpcIds,
// lambda:SubnetIds and lambda:SecurityGroupIds, as AWS documents for VPC
// settings (configuration-vpc.html, "Using IAM condition keys for VPC
// settings"). A refused call fails with AccessDeniedException and changes
// nothing. A scenario without region.caller has a caller that may do
// everything; one with region.caller and no Allow for a call is refused it
// (an implicit deny), as on AWS.
//
// A request without VpcConfig carries none of the three keys: a
// CreateFunction of a function without vpcConfig, and an
// UpdateFunctionConfiguration that changes something else (a timeline
// entry without vpcConfig). So a "Null": {"lambda:VpcIds": "true"} Deny
// refuses the latter too, although the function stays in its VPC (the
// same holds on AWS; see iam.CallerRequest).

// callerPolicies parses the caller's policy documents: nil, nil when the
// scenario has no caller. A document that does not parse is an error at the
// place the scenario writes it (an inline document or a policyFiles entry).
// Policies are named "region.caller.policies[i]" or after their file, for
// decisions.
func callerPolicies(c *spec.Caller) ([]*iam.Policy, error) {
	if c == nil {
		return nil, nil
	}
	var out []*iam.Policy
	var errs spec.ErrorList
	inline, files := 0, 0
	for _, d := range c.Policies {
		name := fmt.Sprintf("region.caller.policies[%d]", inline)
		where := fmt.Sprintf("region.caller.policies.%d", inline)
		if d.File != "" {
			name = filepath.ToSlash(d.File)
			where = fmt.Sprintf("region.caller.policyFiles.%d: %s", files, name)
			files++
		} else {
			inline++
		}
		p, err := iam.Parse(d.JSON)
		if err != nil {
			errs = append(errs, &spec.Error{Pos: d.Pos, Msg: where + ": " + policyError(err, d.File == "")})
			continue
		}
		p.Name = name
		out = append(out, p)
	}
	if err := errs.Sorted(); err != nil {
		return nil, err
	}
	return out, nil
}

// policyError is a parse error's message. An inline document was converted
// from YAML to one line of JSON, so its line and column mean nothing to the
// reader and are left out; the error's position is the document's.
func policyError(err error, inline bool) string {
	var pe *iam.ParseError
	if inline && errors.As(err, &pe) {
		c := *pe
		c.Pos = iam.Pos{}
		return c.Error()
	}
	return err.Error()
}

// callerDecision evaluates a control-plane call ("CreateFunction",
// "UpdateFunctionConfiguration") on function fn with the resolved request
// cfg (nil or detached: no VpcConfig in the request).
func callerDecision(policies []*iam.Policy, call, fn string, cfg *eni.Config) iam.Decision {
	var vpc string
	var subnets, sgs []string
	if cfg.Attached() {
		vpc = cfg.VPC.ID
		for _, s := range cfg.Subnets {
			subnets = append(subnets, s.ID)
		}
		sgs = cfg.SGs
	}
	return iam.CallerAllows(policies, "lambda:"+call, fn, vpc, subnets, sgs)
}

// authorizeCaller parses the caller's policies once and makes the model ask
// them about every CreateFunction and UpdateFunctionConfiguration. With a
// listener, each refusal's CallerDenied event carries the request's
// condition keys and the statement that decided it.
func (x *Sim) authorizeCaller() error {
	c := x.Scenario.Region.Caller
	policies, err := callerPolicies(c)
	if err != nil || c == nil {
		return err
	}
	m := x.Model
	m.Hooks.Authorize = func(call eni.Kind, f *eni.Function, cfg *eni.Config) (bool, string) {
		d := callerDecision(policies, call.String(), f.Name, cfg)
		if d.Allowed() || m.Events == nil {
			return d.Allowed(), ""
		}
		return false, fmt.Sprintf("(%s): %s", requestText(cfg), d)
	}
	return nil
}

// requestText describes a request's VPC condition keys for events.
func requestText(cfg *eni.Config) string {
	if !cfg.Attached() {
		return "no VpcConfig"
	}
	var subnets []string
	for _, s := range cfg.Subnets {
		subnets = append(subnets, s.ID)
	}
	return fmt.Sprintf("%s=%s, %s=%s, %s=%s", iam.KeyVpcIds, cfg.VPC.ID,
		iam.KeySubnetIds, strings.Join(subnets, ","), iam.KeySecurityGroupIds, strings.Join(cfg.SGs, ","))
}

// CallerWarnings checks s. region.caller: its error is an ErrorList of the
// policy documents that do not parse (Build refuses the scenario for the
// same reason); the warnings name the EC2 Describe actions the caller may
// not call, which the console and the CLI need to configure VPC settings
// (configuration-vpc.html, "User permissions"). They are not part of
// Scenario.Warnings, which the loader fills; enisim validate prints both.
func CallerWarnings(s *spec.Scenario) ([]spec.Warning, error) {
	c := s.Region.Caller
	policies, err := callerPolicies(c)
	if err != nil || c == nil {
		return nil, err
	}
	denied := iam.CallerDescribeDenied(policies)
	if len(denied) == 0 {
		return nil, nil
	}
	return []spec.Warning{{Pos: c.Pos, Msg: fmt.Sprintf(
		"region.caller: may not call %s, which Lambda needs of the caller to verify the subnets and security groups of a VpcConfig; on AWS such a caller cannot configure VPC settings (this simulator only evaluates lambda:CreateFunction and lambda:UpdateFunctionConfiguration)",
		strings.Join(denied, ", "))}}, nil
}

// AllWarnings is s's Warnings and its CallerWarnings, sorted by
// position: what enisim validate prints. Its error is CallerWarnings'.
func AllWarnings(s *spec.Scenario) ([]spec.Warning, error) {
	cw, err := CallerWarnings(s)
	if err != nil {
		return nil, err
	}
	all := append(slices.Clip(s.Warnings), cw...)
	spec.SortWarnings(all)
	return all, nil
}
