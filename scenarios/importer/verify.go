package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// Summary is what a written scenario does when it is run as written: the
// import reports it, so that it never contradicts `enisim run`.
type Summary struct {
	Functions int `json:"functions"`
	// Keys are the (subnet, security-group set) pools that got an ENI, as
	// spec.ENIKey writes them, sorted.
	Keys []string `json:"keys"`
	// ENIs is the run's peak number of Hyperplane ENIs.
	ENIs    int64           `json:"enis"`
	Subnets []SubnetSummary `json:"subnets"`
	// Refused are the functions whose CreateFunction is refused, or that
	// end Failed: they get no ENI.
	Refused []Refusal `json:"refused,omitempty"`
	// Warnings are the scenario loader's, "file:line:col: msg".
	Warnings []string `json:"warnings,omitempty"`
}

// SubnetSummary is one subnet's addresses in the run.
type SubnetSummary struct {
	ID          string `json:"id"`
	CapacityIPs int    `json:"capacityIPs"`
	PeakIPsUsed int64  `json:"peakIPsUsed"`
}

// Refusal is a function the run leaves without its ENIs, and why.
type Refusal struct {
	Function string `json:"function"`
	Error    string `json:"error"`  // InvalidParameterValueException, or the Failed state's reason code
	Reason   string `json:"reason"` // the simulator's message
}

func (r Refusal) String() string {
	if r.Reason == "" {
		return r.Function + ": " + r.Error
	}
	return r.Function + ": " + r.Error + ": " + r.Reason
}

// Verify loads the scenario an import wrote (file names it in messages,
// dir resolves its relative paths), builds it and runs it to its end, and
// summarises the run. An error means the scenario does not load or build.
func Verify(file string, data []byte, dir string) (*Summary, error) {
	s, err := spec.Parse(file, data, dir, nil)
	if err != nil {
		return nil, err
	}
	ws, err := scenarios.AllWarnings(s)
	if err != nil {
		return nil, err
	}
	creates := map[string]string{} // function -> "Error: message" of its first refused create
	events := func(e eni.Event) {
		if e.Kind == eni.CreateFunction && e.Outcome != eni.OK && creates[e.Function] == "" {
			creates[e.Function] = e.Outcome.String() + ": " + e.Detail
		}
	}
	x, err := scenarios.Build(s, scenarios.Options{Events: events})
	if err != nil {
		return nil, err
	}
	if err := x.Run(); err != nil {
		return nil, err
	}
	sum := &Summary{Functions: len(s.Functions), Keys: []string{}}
	for _, w := range ws {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s: %s", w.Pos, w.Msg))
	}
	rep := x.Report()
	sum.ENIs = rep.ENIs.Peak
	for _, k := range rep.ENIs.ByKey {
		sum.Keys = append(sum.Keys, spec.ENIKey(k.Subnet, k.SecurityGroups))
	}
	slices.Sort(sum.Keys)
	for _, sn := range rep.Subnets {
		sum.Subnets = append(sum.Subnets, SubnetSummary{ID: sn.ID, CapacityIPs: sn.CapacityIPs, PeakIPsUsed: sn.PeakIPsUsed})
	}
	for _, f := range rep.Functions {
		if r, ok := refusal(f, creates[f.Name]); ok {
			sum.Refused = append(sum.Refused, r)
		}
	}
	return sum, nil
}

// refusal tells whether a function's create was refused or failed;
// narrated is "Error: message" of its first refused CreateFunction event.
func refusal(f scenarios.FunctionReport, narrated string) (Refusal, bool) {
	errName, msg, _ := strings.Cut(narrated, ": ")
	for outcome, n := range f.ControlPlane["CreateFunction"] {
		if outcome != "ok" && n > 0 && !f.Exists {
			if errName == "" {
				errName = outcome
			}
			return Refusal{Function: f.Name, Error: errName, Reason: msg}, true
		}
	}
	if f.State == "Failed" {
		return Refusal{Function: f.Name, Error: f.StateReasonCode,
			Reason: "CreateFunction is accepted but the function ends Failed, without its ENIs"}, true
	}
	return Refusal{}, false
}

// Line is the one-line summary the import prints.
func (s *Summary) Line() string {
	return fmt.Sprintf("%d functions, %d ENI keys, %d ENIs when run as written, %d refused", s.Functions, len(s.Keys), s.ENIs, len(s.Refused))
}
