package spec

import (
	"net/netip"
	"time"
)

// Pos is a place in a scenario file, for messages of the form file:line:col.
type Pos struct {
	File      string
	Line, Col int
}

// Scenario is one decoded, checked v1 scenario file. Every duration is a
// time.Duration of simulated time; every rate is in events per second.
type Scenario struct {
	File        string // path it was read from ("builtin:NAME" for built-ins)
	Name        string
	Description string
	Seed        uint64 // default 1
	Duration    time.Duration
	Region      Region
	VPCs        []VPC
	Functions   []Function
	Timeline    []Action
	Hyperplane  Hyperplane
	Variants    []Variant
	Observed    []ObservedKey // the account's ENIs when imported (enisim check)
	// Warnings are things a user may have written on purpose (a dedicated
	// VPC, 17 subnets) that AWS would refuse; validate prints them.
	Warnings []Warning

	// Source is the file's bytes, BaseDir the directory its relative paths
	// were resolved against and Overrides the --set values applied, so that
	// Reparse can decode it again with a variant's overrides added.
	Source    []byte
	BaseDir   string
	Overrides []Override
	files     fileSystem
}

// Warning is a non-fatal remark about a scenario.
type Warning struct {
	Pos Pos
	Msg string
}

// Region is the account's quotas in one Region.
type Region struct {
	ENIQuota    int     // DefaultRegionENIQuota
	Concurrency int     // DefaultConcurrency
	ScalingRate float64 // new environments per second per function, default 100 (1000/10s)
	// ScalingBurst is the token-bucket size: the numerator of scalingRate
	// as written (1000 for 1000/10s).
	ScalingBurst float64
	Caller       *Caller // nil: the caller may do everything
}

// Caller is the identity making control-plane calls (region.caller).
type Caller struct {
	Policies []PolicyDoc
	Pos      Pos
}

// PolicyDoc is an IAM policy document as JSON (converted from YAML when it
// was written inline), or a file it came from.
type PolicyDoc struct {
	JSON []byte
	File string // "" when inline
	Pos  Pos
}

// VPC is one VPC with its subnets and security groups.
type VPC struct {
	ID         string
	Tenancy    string // "default" | "dedicated"
	ENIQuota   int    // DefaultVPCENIQuota (500; older accounts 250)
	NATGateway bool
	// Default marks the account's default VPC (an extension: what EC2
	// shows as IsDefault, for enisim serve); at most one VPC is.
	Default bool
	// DefaultSecurityGroup is the one of SecurityGroups that is the VPC's
	// own default group, which EC2 names "default" (an extension, for
	// enisim serve); "" when not said.
	DefaultSecurityGroup string
	Subnets              []Subnet
	SecurityGroups       []string
	Pos                  Pos
}

// Subnet is one subnet of a VPC.
type Subnet struct {
	ID      string
	AZ      string
	CIDR    netip.Prefix // canonical (masked) form
	UsedIPs int
	Pos     Pos
}

// VPCConfig is a function's VpcConfig. Detached (no VPC) is represented by
// a nil *VPCConfig or by empty id lists.
type VPCConfig struct {
	SubnetIDs        []string
	SecurityGroupIDs []string
	IPv6DualStack    bool
	Pos              Pos
}

// Role is a function's execution role.
type Role struct {
	ManagedPolicies []string
	Actions         []string    // shorthand: Allow these on "*"
	Policies        []PolicyDoc // inline documents and policy files
	Pos             Pos
}

// Connections are the ports a function holds on its ENI.
type Connections struct {
	PerEnvironment int // held while the environment lives, default 1
	PerInvocation  int // held while one invocation runs, default 1
}

// Retry is a client that retries failed invokes: Attempts in all (the first
// included), waiting Backoff, then doubling, between attempts.
type Retry struct {
	Attempts int
	Backoff  time.Duration
}

// Function is one Lambda function.
type Function struct {
	Name      string
	VPCConfig *VPCConfig // nil: not attached
	// CreateAt is when CreateFunction is called; Never means only a timeline
	// CreateFunction creates it.
	CreateAt            time.Duration
	Never               bool
	Role                *Role // nil: has AWSLambdaVPCAccessExecutionRole
	Memory              int   // MB, default 128
	ReservedConcurrency int   // -1 when not set
	// KeepAlive counts from the moment the whole function went idle (plus
	// Hyperplane.ReaperSlack); SurplusKeepAlive is how long one idle
	// environment lives while others still serve; MaxLifetime retires an
	// environment even when busy, its replacement started ahead so that the
	// next request waits ReplacementInit. A zero Dist (Kind "") of
	// SurplusKeepAlive or MaxLifetime turns that mechanism off ("never").
	KeepAlive        time.Duration
	SurplusKeepAlive Dist
	MaxLifetime      Dist
	ReplacementInit  Dist
	Init             Dist
	Duration         Dist
	Connections      Connections
	Arrivals         []Arrivals // superposed; empty: never invoked
	Retry            *Retry
	Pos              Pos
}

// Dist is a distribution of durations.
type Dist struct {
	Kind     string // fixed | uniform | exponential | lognormal | percentiles | empirical; "" is unset
	Value    time.Duration
	Min, Max time.Duration
	Mean     time.Duration
	// Lognormal: Mu and Sigma in log-seconds (computed from median and p99
	// when those were given).
	Mu, Sigma float64
	// Percentiles: points (p in [0,100], value) in increasing p.
	Points []Percentile
	File   string // empirical: resolved path of observed durations
	Pos    Pos
}

// Percentile is one point of a measured distribution.
type Percentile struct {
	P     float64
	Value time.Duration
}

// Arrivals is one arrival process.
type Arrivals struct {
	Process string  // constant | poisson | diurnal | burst | trace
	Rate    float64 // constant, poisson
	// diurnal
	Mean, Peak    float64
	Period, Phase time.Duration
	// burst
	Base, Burst float64
	Every, For  time.Duration
	// trace
	Files        []string // resolved paths, replayed in order
	Format       string   // timestamps | per-minute
	HashFunction string   // per-minute: row selector
	Row          int      // per-minute: 1-based data row when HashFunction is ""
	Spread       string   // per-minute: even | poisson
	Scale        float64  // per-minute: multiply counts, default 1
	// Start delays the whole process (an extension of the format): its
	// arrivals are those of the process shifted by Start.
	Start time.Duration
	Pos   Pos
}

// Action is one control-plane call of the timeline.
type Action struct {
	At        time.Duration
	Action    string // CreateFunction | UpdateFunctionConfiguration | UpdateFunctionCode | PublishVersion | DeleteFunction | UpdateRole
	Function  string
	VPCConfig *VPCConfig // UpdateFunctionConfiguration; nil when not given
	Role      *Role      // UpdateRole
	// Publish (CreateFunction, UpdateFunctionCode) publishes a version
	// with the call, as the API's Publish parameter does.
	Publish bool
	// Version (DeleteFunction) deletes that version alone, as the API's
	// Qualifier does; 0 deletes the function.
	Version int
	Pos     Pos
}

// Hyperplane holds the model parameters.
type Hyperplane struct {
	Model         string // hyperplane | per-environment
	PortsPerENI   int
	CreationDelay Dist
	ScaleOutAt    float64
	IdleReclaim   time.Duration
	DeleteDelay   Dist
	// ReaperSlack is how late the idle reaper runs after keepAlive.
	ReaperSlack Dist
	// LegacyENIDelay is the per-environment model's ENI set-up, paid by a
	// cold start that needs a new legacy ENI.
	LegacyENIDelay Dist
	// ScaleOutRetry is how long a key that could not add an ENI waits
	// before it tries again.
	ScaleOutRetry time.Duration
}

// Variant is a named set of overrides (compare).
type Variant struct {
	Name   string
	Set    []Override
	Pos    Pos
	setPos []Pos // where each of Set was written
}

// Override is one PATH=VALUE setting.
type Override struct {
	Path, Value string
}
