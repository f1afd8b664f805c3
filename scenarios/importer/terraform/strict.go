package terraform

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// errInvalid marks a configuration terraform validate (or plan) rejects:
// an unknown function, a function failing on known arguments, a count
// that is negative or not a number, a for_each that is not a map or set.
var errInvalid = errors.New("invalid configuration")

// fail stops the import with err at r (the first failure wins); the
// error names file:line:col unless err already does.
func (im *imp) fail(r hcl.Range, err error) {
	if im.b.fatal != nil {
		return
	}
	pos := posString(r)
	if strings.HasPrefix(err.Error(), r.Filename+":") {
		im.b.fatal = err
		return
	}
	im.b.fatal = fmt.Errorf("%s: %w", pos, err)
}

// strictError is the error among diags that Terraform would report too;
// nil when they only say that enisim cannot evaluate something (an
// unmodelled function, a value only AWS knows).
func strictError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		where := ""
		if d.Subject != nil {
			where = posString(*d.Subject) + ": "
		}
		if d.Summary == "Call to unknown function" {
			if fc, ok := d.Expression.(*hclsyntax.FunctionCallExpr); ok && strings.Contains(fc.Name, "::") {
				continue // a provider-defined function: valid, not modelled
			}
			return fmt.Errorf("%s%s: %s: %w", where, d.Summary, d.Detail, errInvalid)
		}
		ex, ok := d.Extra.(hclsyntax.FunctionCallDiagExtra)
		if !ok || ex.CalledFunctionName() == "" {
			continue
		}
		ferr := ex.FunctionCallError()
		switch {
		case errors.Is(ferr, errBudget):
			return fmt.Errorf("%s%w", where, ferr)
		case errors.Is(ferr, errUnmodelled):
			continue
		}
		return fmt.Errorf("%s%s: %s: %w", where, d.Summary, d.Detail, errInvalid)
	}
	return nil
}
