package spec

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parameter is one model parameter a scenario may set, with its default
// and the section of docs/aws-behaviour.md its default comes from: the
// table `enisim run --help` prints.
type Parameter struct {
	Path    string // as --set addresses it; NAME stands for a function
	Default string
	Source  string // anchor in docs/aws-behaviour.md
}

// Parameters lists the model parameters, their defaults written from the
// named constants.
func Parameters() []Parameter {
	d := DefaultParams()
	h, f := d.Hyperplane, d.Function
	return []Parameter{
		{"region.eniQuota", strconv.Itoa(d.Region.ENIQuota), "eni-quotas"},
		{"region.concurrency", strconv.Itoa(d.Region.Concurrency), "concurrency-and-scaling-rate"},
		{"region.scalingRate", fmt.Sprintf("%d/%s", DefaultScalingBurst, Format(DefaultScalingPeriod)), "concurrency-and-scaling-rate"},
		{"vpcs.ID.eniQuota", fmt.Sprintf("%d (older accounts: 250)", d.VPCENIQuota), "eni-quotas"},
		{"hyperplane.portsPerEni", strconv.Itoa(h.PortsPerENI), "ports-per-eni"},
		{"hyperplane.creationDelay", h.CreationDelay.String(), "eni-creation"},
		{"hyperplane.scaleOutAt", strconv.FormatFloat(h.ScaleOutAt, 'g', -1, 64), "scale-out"},
		{"hyperplane.idleReclaim", Format(h.IdleReclaim), "idle-reclaim"},
		{"hyperplane.deleteDelay", fmt.Sprintf("lognormal, median %s, p99 %s", Format(DefaultDeleteMedian), Format(DefaultDeleteP99)), "eni-deletion"},
		{"hyperplane.reaperSlack", h.ReaperSlack.String(), "keep-alive"},
		{"hyperplane.legacyEniDelay", fmt.Sprintf("lognormal, median %s, p99 %s", Format(DefaultLegacyENIMedian), Format(DefaultLegacyENIP99)), "legacy-model"},
		{"hyperplane.scaleOutRetry", Format(h.ScaleOutRetry), "scale-out-failure"},
		{"functions.NAME.keepAlive", Format(f.KeepAlive), "keep-alive"},
		{"functions.NAME.surplusKeepAlive", f.SurplusKeepAlive.String(), "surplus-environments"},
		{"functions.NAME.maxLifetime", f.MaxLifetime.String(), "maximum-lifetime"},
		{"functions.NAME.replacementInit", f.ReplacementInit.String(), "maximum-lifetime"},
	}
}

// String writes a distribution briefly: "100ms", "uniform 15m-26m",
// "lognormal mu 6.4 sigma 0.54", "never" when unset.
func (d Dist) String() string {
	switch d.Kind {
	case "":
		return "never"
	case "fixed":
		return Format(d.Value)
	case "uniform":
		return "uniform " + Format(d.Min) + "-" + Format(d.Max)
	case "exponential":
		return "exponential, mean " + Format(d.Mean)
	case "lognormal":
		return fmt.Sprintf("lognormal, mu %.3g sigma %.3g (log-seconds)", d.Mu, d.Sigma)
	}
	return d.Kind
}

// Format writes a duration the way a scenario would: 10m, 1h50m, 100ms,
// 14d.
func Format(t time.Duration) string {
	if t == 0 {
		return "0s"
	}
	if t < time.Second {
		return t.String()
	}
	var b strings.Builder
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := t / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			t -= n * u.d
		}
	}
	if t > 0 {
		b.WriteString(t.String())
	}
	return b.String()
}

// ParameterHelp is the parameter table as text, for --help.
func ParameterHelp() string {
	var b strings.Builder
	b.WriteString("Model parameters (set them in the scenario or with --set PATH=VALUE; the\ndefaults follow measured AWS, each explained in docs/aws-behaviour.md#SECTION):\n")
	for _, p := range Parameters() {
		fmt.Fprintf(&b, "  %-33s %-34s #%s\n", p.Path, p.Default, p.Source)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
