package plan

import (
	"fmt"
	"strconv"
	"strings"
)

// IndexVars are the environment variables that carry an array job's task
// index, in the order ResolveShard reads them: Slurm (sbatch --array),
// Kubernetes (Indexed Job), AWS Batch (array job).
var IndexVars = []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"}

// ResolveShard parses K/N like ParseShard, and also auto/N, where K is the
// task index of the array job running the sweep, read from the first of
// IndexVars that is set. It returns the shard and, for auto, which variable
// gave K. It is an error when none is set, when two are set and disagree,
// and when Slurm says its array does not count 0 to N-1.
func ResolveShard(s string, lookup func(string) (string, bool)) (Shard, string, error) {
	k, n, ok := strings.Cut(s, "/")
	if !ok || strings.TrimSpace(k) != "auto" {
		sh, err := ParseShard(s)
		return sh, "", err
	}
	name, val, err := taskIndex(s, lookup)
	if err != nil {
		return Shard{}, "", err
	}
	sh, err := ParseShard(val + "/" + n)
	if err != nil {
		return Shard{}, "", fmt.Errorf("%w (K is %s=%s)", err, name, val)
	}
	if err := checkSlurmArray(s, sh, lookup); err != nil {
		return Shard{}, "", err
	}
	return sh, name, nil
}

// taskIndex is the first of IndexVars that is set, checked against the
// others that are.
func taskIndex(s string, lookup func(string) (string, bool)) (name, val string, err error) {
	for _, v := range IndexVars {
		x, ok := lookup(v)
		if !ok || strings.TrimSpace(x) == "" {
			continue
		}
		x = strings.TrimSpace(x)
		if name == "" {
			name, val = v, x
		} else if x != val {
			return "", "", fmt.Errorf("--shard %q: %s=%s but %s=%s: which is this task's index?", s, name, val, v, x)
		}
	}
	if name == "" {
		return "", "", fmt.Errorf("--shard %q: none of %s is set: run it as an array job's task, or give K/N", s, strings.Join(IndexVars, ", "))
	}
	return name, val, nil
}

// checkSlurmArray refuses a Slurm array other than 0-(N-1): with
// --array=1-N one index is past the end and shard 0 never runs.
func checkSlurmArray(s string, sh Shard, lookup func(string) (string, bool)) error {
	if lo, ok := lookup("SLURM_ARRAY_TASK_MIN"); ok && strings.TrimSpace(lo) != "0" {
		return fmt.Errorf("--shard %q: the Slurm array starts at %s: submit it as sbatch --array=0-%d", s, lo, sh.N-1)
	}
	if c, ok := lookup("SLURM_ARRAY_TASK_COUNT"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(c)); err == nil && n != sh.N {
			return fmt.Errorf("--shard %q: the Slurm array has %d tasks, not %d: submit it as sbatch --array=0-%d", s, n, sh.N, sh.N-1)
		}
	}
	return nil
}
