// Package plan is capacity planning on top of package scenarios: it runs a
// scenario many times and summarises the runs.
//
//   - Compare runs layouts (a scenario's base and its variants, or several
//     files) on the same seeds, so that the differences between them come
//     from the layouts and not from the random numbers (common random
//     numbers: every function and purpose draws from its own named stream,
//     see sim.NewStream).
//   - A Sweep runs the grid of every combination of --set values, each
//     replicated; replication r uses the same seed (Seed) in every
//     combination. Runs are independent engines, so workers run them in
//     parallel and the output does not depend on how many there are; a
//     sweep can also be cut into shards (Shard) whose JSON-lines output
//     Merge puts back together into exactly the unsharded result.
//   - Headroom finds, by bracketing and bisection, the largest factor by
//     which some scenario values (rates, usually) can be multiplied while a
//     Criterion still holds, and the constraint that binds first.
//
// Statistics (Summarize) are the sample mean, the sample standard
// deviation and a 95% Student-t confidence interval for the mean.
//
// plan may import scenarios, spec and the model packages (workload, eni,
// sim); never cmd/enisim.
package plan
