package plan

import "github.com/enisim/enisim/sim"

// Seeds returns the seeds of replications 0 to n-1 of a plan whose base
// seed is base. Replication 0 uses base itself, so that one replication
// reproduces `enisim run --seed base`; replication r >= 1 uses the r-th
// value drawn from the stream sim.NewStream(base, "replications"). Every
// combination of a sweep and every layout of a comparison uses the same
// seed for replication r (common random numbers).
func Seeds(base uint64, n int) []uint64 {
	out := make([]uint64, 0, n)
	if n <= 0 {
		return out
	}
	out = append(out, base)
	st := sim.NewStream(base, "replications")
	for len(out) < n {
		out = append(out, st.Uint64())
	}
	return out
}
