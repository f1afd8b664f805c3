package scenarios

import (
	"cmp"
	"math"
	"slices"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// Report is the result of a run, in the form of the JSON report's contract
// (enisim run --format json; field names stay stable). Times are seconds of
// simulated time.
type Report struct {
	Scenario         string           `json:"scenario"`
	Seed             uint64           `json:"seed"`
	SimulatedSeconds float64          `json:"simulatedSeconds"`
	ENIs             ENIReport        `json:"enis"`
	Subnets          []SubnetReport   `json:"subnets"`
	Functions        []FunctionReport `json:"functions"`
	Engine           EngineReport     `json:"engine"`
}

// ENIReport counts the run's ENIs.
type ENIReport struct {
	Peak    int64 `json:"peak"`
	Final   int64 `json:"final"`
	Created int   `json:"created"`
	Deleted int   `json:"deleted"`
	// Orphaned ENIs could not be deleted: the role of the function that
	// last used them lost ec2:DeleteNetworkInterface. They keep their IPs
	// until deleted by hand.
	Orphaned int         `json:"orphaned"`
	ByKey    []KeyReport `json:"byKey"`
}

// KeyReport is one (subnet, security-group set) pool.
type KeyReport struct {
	Subnet         string   `json:"subnet"`
	SecurityGroups []string `json:"securityGroups"`
	Peak           int64    `json:"peak"`
	Mean           float64  `json:"mean"`
	Final          int64    `json:"final"`
	PeakPorts      int      `json:"peakPorts"`
	Blocked        string   `json:"blocked,omitempty"`
	// Refused counts the invocations that found no room on the key's ENIs
	// while it could not add one (blocked); Orphaned its orphaned ENIs.
	Refused  int `json:"refused,omitempty"`
	Orphaned int `json:"orphaned,omitempty"`
}

// SubnetReport is one subnet's addresses.
type SubnetReport struct {
	ID          string  `json:"id"`
	VPC         string  `json:"vpc"`
	AZ          string  `json:"az"`
	CIDR        string  `json:"cidr"`
	CapacityIPs int     `json:"capacityIPs"`
	PeakIPsUsed int64   `json:"peakIPsUsed"`
	MeanIPsUsed float64 `json:"meanIPsUsed"`
	PeakShare   float64 `json:"peakShare"` // peakIPsUsed / capacityIPs
}

// FunctionReport is one function's outcome.
type FunctionReport struct {
	Name             string                    `json:"name"`
	State            string                    `json:"state"`
	StateReasonCode  string                    `json:"stateReasonCode"`
	LastUpdateStatus string                    `json:"lastUpdateStatus"`
	Exists           bool                      `json:"exists"`
	Invocations      int64                     `json:"invocations"`
	Succeeded        int64                     `json:"succeeded"`
	Throttled        int64                     `json:"throttled"`
	InFlight         int64                     `json:"inFlight"`
	Errors           map[string]int64          `json:"errors"`
	Retries          int64                     `json:"retries"`
	RetriesByError   map[string]int64          `json:"retriesByError"`
	Concurrency      MeanPeak                  `json:"concurrency"`
	Environments     MeanPeak                  `json:"environments"`
	ColdStarts       int64                     `json:"coldStarts"`
	ColdStartsBy     ColdStartCauses           `json:"coldStartsByCause"`
	Replacements     int64                     `json:"replacements"`
	ColdStartDelay   Quantiles                 `json:"coldStartDelay"`
	ENIWait          Quantiles                 `json:"eniWait"`
	PendingSeconds   float64                   `json:"pendingSeconds"`
	Keys             []string                  `json:"keys"`
	ControlPlane     map[string]map[string]int `json:"controlPlane"`
}

// ColdStartCauses split coldStarts by why no warm environment was there:
// the first environments or scale-out, keep-alive expiry, a lifetime
// replacement, a restore after Inactive, a code or configuration change.
// They sum to coldStarts.
type ColdStartCauses struct {
	New      int64 `json:"new"`
	Expired  int64 `json:"expired"`
	Replaced int64 `json:"replaced"`
	Restore  int64 `json:"restore"`
	Config   int64 `json:"config"`
}

func coldStartCauses(c *[workload.NumCauses]int64) ColdStartCauses {
	return ColdStartCauses{
		New: c[workload.CauseNew], Expired: c[workload.CauseExpired], Replaced: c[workload.CauseReplaced],
		Restore: c[workload.CauseRestore], Config: c[workload.CauseConfig],
	}
}

// MeanPeak is a time-weighted mean and a peak.
type MeanPeak struct {
	Mean float64 `json:"mean"`
	Peak int64   `json:"peak"`
}

// Quantiles summarise a distribution of delays, in seconds.
type Quantiles struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// EngineReport describes the run itself. WallSeconds and the heap are only
// filled when asked for (--stats), since they change from run to run and
// the report must otherwise be byte-identical for a seed.
type EngineReport struct {
	Events      uint64  `json:"events"`
	WallSeconds float64 `json:"wallSeconds"`
	PeakHeapMB  float64 `json:"peakHeapMB,omitempty"`
}

// Report summarises the run.
func (x *Sim) Report() *Report {
	end := x.Eng.Now()
	m := x.Model
	r := &Report{
		Scenario: x.Scenario.Name, Seed: x.Seed, SimulatedSeconds: end.Seconds(),
		ENIs: ENIReport{Peak: m.ENIs.Peak(), Final: m.ENIs.Value(), Created: m.Created, Deleted: m.Deleted,
			Orphaned: m.Orphaned, ByKey: []KeyReport{}},
		Engine: EngineReport{Events: x.Eng.Events()},
		// Lists are [] in JSON when empty, never null: a reader's
		// .functions[] or .length works on any report.
		Subnets: []SubnetReport{}, Functions: []FunctionReport{},
	}
	for _, p := range m.Pools {
		if p.Count.Peak() == 0 {
			continue
		}
		r.ENIs.ByKey = append(r.ENIs.ByKey, KeyReport{
			Subnet: p.Subnet.ID, SecurityGroups: p.SGs, Peak: p.Count.Peak(),
			Mean: round(p.Count.Mean(end)), Final: p.Count.Value(), PeakPorts: p.PeakPorts,
			Blocked: string(p.Blocked), Refused: p.Refused, Orphaned: p.Orphaned,
		})
	}
	slices.SortStableFunc(r.ENIs.ByKey, func(a, b KeyReport) int {
		return cmp.Or(cmp.Compare(a.Subnet, b.Subnet), slices.Compare(a.SecurityGroups, b.SecurityGroups))
	})
	for _, s := range m.Subnets() {
		r.Subnets = append(r.Subnets, SubnetReport{
			ID: s.ID, VPC: s.VPC.ID, AZ: s.AZ, CIDR: s.CIDR.String(), CapacityIPs: s.Capacity,
			PeakIPsUsed: s.IPs.Peak(), MeanIPsUsed: round(s.IPs.Mean(end)),
			PeakShare: round(float64(s.IPs.Peak()) / float64(max(s.Capacity, 1))),
		})
	}
	for i, f := range x.Funcs {
		r.Functions = append(r.Functions, functionReport(f, x.Stats[i], end))
	}
	return r
}

func functionReport(f *eni.Function, st *workload.Stats, end sim.Time) FunctionReport {
	state := f.State.String()
	if !f.Exists {
		state = ""
	}
	return FunctionReport{
		Name: f.Name, State: state, StateReasonCode: string(f.Reason),
		LastUpdateStatus: f.LastUpdate.String(), Exists: f.Exists,
		Invocations: st.Invocations, Succeeded: st.Succeeded, Throttled: st.Throttled,
		InFlight: st.InFlight, Errors: st.Errors, Retries: st.Retries, RetriesByError: st.RetriesByError,
		Concurrency:  MeanPeak{round(st.Concurrency.Mean(end)), st.Concurrency.Peak()},
		Environments: MeanPeak{round(st.Environments.Mean(end)), st.Environments.Peak()},
		ColdStarts:   st.ColdStarts, ColdStartsBy: coldStartCauses(&st.ColdStartsByCause),
		Replacements:   st.Replacements,
		ColdStartDelay: quantiles(&st.ColdStartDelay), ENIWait: quantiles(&st.ENIWait),
		PendingSeconds: round(f.PendingSeconds()), Keys: f.Config.Keys(),
		ControlPlane: f.Calls,
	}
}

func quantiles(s *workload.Sketch) Quantiles {
	return Quantiles{
		P50: round(s.Quantile(0.50)), P95: round(s.Quantile(0.95)),
		P99: round(s.Quantile(0.99)), Max: round(s.Max()),
	}
}

// round keeps reports readable and stable: microsecond resolution.
func round(v float64) float64 { return math.Round(v*1e6) / 1e6 }
