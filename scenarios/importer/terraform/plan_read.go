package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// MaxPlanBytes bounds a plan or state JSON file: plans of large estates
// run to tens of MB; encoding/json bounds the nesting itself.
const MaxPlanBytes = 128 << 20

// planFile is the part of `terraform show -json` output (a plan, or the
// state when no plan is given) the importer reads.
type planFile struct {
	FormatVersion    string                         `json:"format_version"`
	TerraformVersion string                         `json:"terraform_version"`
	Variables        map[string]planVariable        `json:"variables"`
	PlannedValues    *stateValues                   `json:"planned_values"`
	Values           *stateValues                   `json:"values"` // state
	PriorState       *struct{ Values *stateValues } `json:"prior_state"`
	ResourceChanges  []resourceChange               `json:"resource_changes"`
	Configuration    *struct {
		RootModule     configModule                                    `json:"root_module"`
		ProviderConfig map[string]struct{ Expressions map[string]any } `json:"provider_config"`
	} `json:"configuration"`
}

type planVariable struct {
	Value any `json:"value"`
}

type stateValues struct {
	RootModule stateModule `json:"root_module"`
}

type stateModule struct {
	Address      string          `json:"address"`
	Resources    []stateResource `json:"resources"`
	ChildModules []stateModule   `json:"child_modules"`
}

type stateResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Name    string         `json:"name"`
	Values  map[string]any `json:"values"`
}

type resourceChange struct {
	Address string `json:"address"`
	Change  struct {
		Actions      []string       `json:"actions"`
		AfterUnknown map[string]any `json:"after_unknown"`
	} `json:"change"`
}

type configModule struct {
	Resources   []configResource      `json:"resources"`
	ModuleCalls map[string]moduleCall `json:"module_calls"`
}

type moduleCall struct {
	Expressions map[string]any `json:"expressions"`
	Module      configModule   `json:"module"`
}

type configResource struct {
	Address     string         `json:"address"`
	Expressions map[string]any `json:"expressions"`
}

// IsPlanJSON reports whether data looks like `terraform show -json`
// output: a JSON object with format_version and planned or state values.
func IsPlanJSON(data []byte) bool {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	var probe struct {
		FormatVersion *string         `json:"format_version"`
		Planned       json.RawMessage `json:"planned_values"`
		Values        json.RawMessage `json:"values"`
	}
	if json.Unmarshal(data, &probe) != nil {
		return false
	}
	return probe.FormatVersion != nil && (probe.Planned != nil || probe.Values != nil)
}

// readPlan decodes a plan or state file; a JSON error names file:line:col.
func readPlan(file string, data []byte) (*planFile, error) {
	var p planFile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, importer.JSONError(file, data, err)
	}
	if p.FormatVersion == "" || (p.PlannedValues == nil && p.Values == nil) {
		return nil, fmt.Errorf("%s: not terraform show -json output (no format_version with planned_values or values): make it with terraform plan -out plan.out, then terraform show -json plan.out > plan.json", file)
	}
	return &p, nil
}

// LooksLikePlan reports whether path is a file holding terraform show
// -json output (read only when it is a regular file of at most
// MaxPlanBytes that is not a .tf file).
func LooksLikePlan(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > MaxPlanBytes || strings.HasSuffix(path, ".tf") {
		return false
	}
	data, err := os.ReadFile(path)
	return err == nil && IsPlanJSON(data)
}
