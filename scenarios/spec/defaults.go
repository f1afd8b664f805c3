package spec

import "time"

// The defaults of every optional setting, each named and each citing the
// behaviour it follows: the section of docs/aws-behaviour.md (in this
// repository) that states it in our words, and the public source behind
// it. The decoder starts from DefaultParams and overwrites only what the
// file gives; nothing else in the module invents a default.

// Region quotas.
const (
	// DefaultRegionENIQuota is the VPC quota "network interfaces per
	// Region" (L-DF5E4CA3). docs/aws-behaviour.md#eni-quotas;
	// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
	DefaultRegionENIQuota = 5000
	// DefaultConcurrency is the Lambda concurrent executions of a Region.
	// docs/aws-behaviour.md#concurrency-and-scaling-rate;
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
	DefaultConcurrency = 1000
	// DefaultScalingBurst new execution environments per
	// DefaultScalingPeriod, per function (since November 2023).
	// docs/aws-behaviour.md#concurrency-and-scaling-rate;
	// https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html
	DefaultScalingBurst  = 1000
	DefaultScalingPeriod = 10 * time.Second
)

// VPC quota.
const (
	// DefaultVPCENIQuota is the Lambda quota "elastic network interfaces
	// per VPC": 500 on the 2026 quota page (older accounts: 250).
	// docs/aws-behaviour.md#eni-quotas;
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
	DefaultVPCENIQuota = 500
	// DefaultTenancy is a VPC's instance tenancy when none is given (EC2's
	// own default). docs/aws-behaviour.md#vpc-configuration-limits;
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
	DefaultTenancy = "default"
)

// Hyperplane ENIs.
const (
	// DefaultPortsPerENI is the connections one Hyperplane ENI carries.
	// docs/aws-behaviour.md#ports-per-eni;
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
	DefaultPortsPerENI = 65000
	// DefaultCreationMin and DefaultCreationMax bound the creation of an
	// ENI for a new key ("60-90 seconds").
	// docs/aws-behaviour.md#eni-creation;
	// https://aws.amazon.com/blogs/compute/coming-soon-updated-lambda-states-lifecycle-for-vpc-networking/
	DefaultCreationMin = 60 * time.Second
	DefaultCreationMax = 90 * time.Second
	// DefaultScaleOutAt is a design choice (AWS documents no threshold):
	// a key adds an ENI at 80% of its ports. docs/aws-behaviour.md#scale-out
	DefaultScaleOutAt = 0.8
	// DefaultIdleReclaim is how long a function goes uninvoked before its
	// ENIs are reclaimed and it goes Inactive.
	// docs/aws-behaviour.md#idle-reclaim;
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
	DefaultIdleReclaim = 14 * 24 * time.Hour
	// DefaultDeleteMedian and DefaultDeleteP99 shape the deletion of an
	// unused ENI: median about 10 min, P99 about 35 min (the Lambda team,
	// quoted by the Terraform AWS provider; the docs say "up to 20
	// minutes"). docs/aws-behaviour.md#eni-deletion;
	// https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_network_interface.go
	DefaultDeleteMedian = 10 * time.Minute
	DefaultDeleteP99    = 35 * time.Minute
	// DefaultReaperSlackMax is how late, at most, the idle reaper runs
	// after keepAlive: P(cold) after an idle gap rises from 0.01-0.06 at
	// 5-9 min to >= 0.997 after 11 min. docs/aws-behaviour.md#keep-alive;
	// https://mikhail.io/serverless/coldstarts/aws/intervals/
	DefaultReaperSlackMax = time.Minute
	// DefaultLegacyENIMedian and DefaultLegacyENIP99 shape the ENI set-up
	// of a pre-2019 cold start that needs a new ENI (2019 VPC cold starts:
	// median 5.9-8.3 s, p97.5 16-19 s, against 0.2-0.3 s without a VPC).
	// docs/aws-behaviour.md#legacy-model;
	// https://mikhail.io/serverless/coldstarts/aws/
	DefaultLegacyENIMedian = 7 * time.Second
	DefaultLegacyENIP99    = 18 * time.Second
	// DefaultScaleOutRetry is how long a key that could not add an ENI
	// waits before trying again (the 2020 docs: at least 5 minutes after
	// SubnetOutOfIPAddresses). docs/aws-behaviour.md#scale-out-failure;
	// https://github.com/awsdocs/aws-lambda-developer-guide/blob/ed29db606a6a8a42c6fef5ffaa01db59cd4837c0/doc_source/functions-states.md
	DefaultScaleOutRetry = 5 * time.Minute
)

// Execution environments.
const (
	// DefaultKeepAlive: once the whole function is idle this long (plus
	// the reaper's slack), its environments go.
	// docs/aws-behaviour.md#keep-alive;
	// https://mikhail.io/serverless/coldstarts/aws/intervals/
	DefaultKeepAlive = 10 * time.Minute
	// DefaultSurplusMin and DefaultSurplusMax bound how long a surplus idle
	// environment lives while others of its function still serve (2020
	// traces: alive 75-94% at 11-21 min, 46% at 21-26 min, never after
	// 26 min). docs/aws-behaviour.md#surplus-environments;
	// https://github.com/pacslab/serverless-performance-modeling
	DefaultSurplusMin = 15 * time.Minute
	DefaultSurplusMax = 26 * time.Minute
	// DefaultLifetimeMin and DefaultLifetimeMax bound an environment's
	// life even when busy ("every few hours"; no environment of the 2020
	// traces served more than 2.05 h after its first request; Xebia saw
	// two hours). docs/aws-behaviour.md#maximum-lifetime;
	// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
	DefaultLifetimeMin = 110 * time.Minute
	DefaultLifetimeMax = 125 * time.Minute
	// DefaultReplacementInit is what the first request on a replacement
	// started ahead of time waits (+0.10 s in the 2020 traces, against
	// +0.43-0.58 s for a real cold start).
	// docs/aws-behaviour.md#maximum-lifetime;
	// https://github.com/pacslab/serverless-performance-modeling
	DefaultReplacementInit = 100 * time.Millisecond
	// DefaultInit and DefaultDuration are design choices for a small
	// function (a true cold start cost 0.43-0.58 s in the 2020 traces,
	// docs/aws-behaviour.md#maximum-lifetime).
	DefaultInit     = 300 * time.Millisecond
	DefaultDuration = 100 * time.Millisecond
	// DefaultMemory is Lambda's smallest memory size, in MB (what the
	// per-environment model sizes legacy ENIs by).
	// docs/aws-behaviour.md#legacy-model;
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
	DefaultMemory = minMemory
	// DefaultConnections is the ports an environment holds while it lives,
	// and those an invocation holds while it runs (a design choice: one
	// connection each, against the 65,000 of an ENI,
	// docs/aws-behaviour.md#ports-per-eni).
	DefaultConnections = 1
)

// Params are the defaults of a scenario's optional settings, as values of
// the types they fill.
type Params struct {
	Region      Region
	VPCENIQuota int
	Tenancy     string
	Hyperplane  Hyperplane
	Function    Function // Name empty
}

// DefaultParams returns the defaults, built from the named constants above.
func DefaultParams() Params {
	return Params{
		Region: Region{
			ENIQuota: DefaultRegionENIQuota, Concurrency: DefaultConcurrency,
			ScalingRate:  DefaultScalingBurst / DefaultScalingPeriod.Seconds(),
			ScalingBurst: DefaultScalingBurst,
		},
		VPCENIQuota: DefaultVPCENIQuota,
		Tenancy:     DefaultTenancy,
		Hyperplane: Hyperplane{
			Model:          "hyperplane",
			PortsPerENI:    DefaultPortsPerENI,
			CreationDelay:  Dist{Kind: "uniform", Min: DefaultCreationMin, Max: DefaultCreationMax},
			ScaleOutAt:     DefaultScaleOutAt,
			IdleReclaim:    DefaultIdleReclaim,
			DeleteDelay:    lognormalDist(DefaultDeleteMedian, DefaultDeleteP99),
			ReaperSlack:    Dist{Kind: "uniform", Min: 0, Max: DefaultReaperSlackMax},
			LegacyENIDelay: lognormalDist(DefaultLegacyENIMedian, DefaultLegacyENIP99),
			ScaleOutRetry:  DefaultScaleOutRetry,
		},
		Function: Function{
			Memory:              DefaultMemory,
			ReservedConcurrency: -1,
			KeepAlive:           DefaultKeepAlive,
			SurplusKeepAlive:    Dist{Kind: "uniform", Min: DefaultSurplusMin, Max: DefaultSurplusMax},
			MaxLifetime:         Dist{Kind: "uniform", Min: DefaultLifetimeMin, Max: DefaultLifetimeMax},
			ReplacementInit:     fixedDist(DefaultReplacementInit),
			Init:                fixedDist(DefaultInit),
			Duration:            fixedDist(DefaultDuration),
			Connections:         Connections{PerEnvironment: DefaultConnections, PerInvocation: DefaultConnections},
		},
	}
}

// DefaultHyperplane is the model parameters of a scenario without a
// hyperplane section.
func DefaultHyperplane() Hyperplane { return DefaultParams().Hyperplane }

// NewFunction is a function with every optional setting at its default.
func NewFunction(name string) Function {
	f := DefaultParams().Function
	f.Name = name
	return f
}
