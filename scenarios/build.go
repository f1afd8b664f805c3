package scenarios

import (
	"fmt"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// Stream names. Each function and purpose draws from its own stream, so a
// change to one function never shifts another's draws.
func streamName(fn, purpose string) string { return "fn/" + fn + "/" + purpose }

// dist builds a workload distribution drawing from stream name.
func dist(d spec.Dist, seed uint64, name string) (workload.Dist, error) {
	return distFrom(d, seed, name, nil)
}

// distFrom is dist reading an empirical file through open.
func distFrom(d spec.Dist, seed uint64, name string, open workload.Opener) (workload.Dist, error) {
	r := sim.NewStream(seed, name)
	switch d.Kind {
	case "", "fixed":
		return workload.Fixed(d.Value), nil
	case "uniform":
		return workload.NewUniform(d.Min, d.Max, r), nil
	case "exponential":
		return workload.NewExponential(d.Mean, r), nil
	case "lognormal":
		return workload.NewLognormal(d.Mu, d.Sigma, r), nil
	case "percentiles":
		pts := make([]workload.Point, len(d.Points))
		for i, p := range d.Points {
			pts[i] = workload.Point{P: p.P, V: p.Value}
		}
		return workload.NewPercentiles(pts, r), nil
	case "empirical":
		if open == nil {
			return workload.NewEmpirical(d.File, r)
		}
		return workload.NewEmpiricalFrom(d.File, open, r)
	}
	return nil, fmt.Errorf("%s: unknown distribution %q", d.Pos, d.Kind)
}

// arrivals builds a function's (superposed) arrival processes.
func arrivals(list []spec.Arrivals, seed uint64, fn string, open workload.Opener) (workload.Arrivals, error) {
	var out []workload.Arrivals
	for i, a := range list {
		r := sim.NewStream(seed, streamName(fn, fmt.Sprintf("arrivals/%d", i)))
		var p workload.Arrivals
		switch a.Process {
		case "constant":
			p = workload.NewConstant(a.Rate)
		case "poisson":
			p = workload.NewPoisson(a.Rate, r)
		case "diurnal":
			p = workload.NewDiurnal(a.Mean, a.Peak, a.Period, a.Phase, r)
		case "burst":
			p = workload.NewBurst(a.Base, a.Burst, a.Every, a.For, r)
		case "trace":
			if a.Format == "per-minute" {
				p = workload.NewPerMinuteTraceFrom(a.Files, open, a.HashFunction, a.Row, a.Spread, a.Scale, r)
			} else {
				p = workload.NewTimestampTraceFrom(a.Files, open)
			}
		default:
			return nil, fmt.Errorf("%s: unknown arrival process %q", a.Pos, a.Process)
		}
		if a.Start > 0 {
			p = workload.Shift(p, a.Start)
		}
		out = append(out, p)
	}
	switch len(out) {
	case 0:
		return nil, nil
	case 1:
		return out[0], nil
	}
	return workload.Superpose(out...), nil
}

// vpcIDs returns a VpcConfig's ids; nil means detached.
func vpcIDs(c *spec.VPCConfig) (subnets, sgs []string) {
	if c == nil {
		return nil, nil
	}
	return c.SubnetIDs, c.SecurityGroupIDs
}

// buildNetwork builds the model's VPCs and subnets.
func buildNetwork(s *spec.Scenario, m *eni.Model) {
	for _, v := range s.VPCs {
		mv := m.AddVPC(v.ID, v.Tenancy == "dedicated", v.ENIQuota, v.SecurityGroups)
		for _, sn := range v.Subnets {
			mv.NewSubnet(sn.ID, sn.AZ, sn.CIDR, sn.UsedIPs)
		}
		m.Register(mv)
	}
}

// hyperplane builds the model parameters.
func hyperplane(s *spec.Scenario, seed uint64) (eni.Params, error) {
	h := s.Hyperplane
	for _, d := range []spec.Dist{h.CreationDelay, h.DeleteDelay} {
		if _, err := dist(d, seed, "check"); err != nil {
			return eni.Params{}, err
		}
	}
	delays := func(key string) (eni.Dist, eni.Dist) {
		c, _ := dist(h.CreationDelay, seed, "key/"+key+"/creation")
		d, _ := dist(h.DeleteDelay, seed, "key/"+key+"/deletion")
		return c, d
	}
	return eni.Params{
		PortsPerENI: h.PortsPerENI, ScaleOutAt: h.ScaleOutAt, Delays: delays,
		IdleReclaim: h.IdleReclaim, RegionENIQuota: s.Region.ENIQuota,
		ScaleOutRetry: h.ScaleOutRetry, Legacy: h.Model == "per-environment",
	}, nil
}
