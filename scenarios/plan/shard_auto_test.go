package plan

import (
	"strings"
	"testing"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestResolveShardAuto(t *testing.T) {
	cases := []struct {
		env  []string
		want Shard
		from string
	}{
		{[]string{"SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4"}, Shard{2, 4}, "SLURM_ARRAY_TASK_ID"},
		{[]string{"JOB_COMPLETION_INDEX", "3"}, Shard{3, 4}, "JOB_COMPLETION_INDEX"},
		{[]string{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}, Shard{0, 4}, "AWS_BATCH_JOB_ARRAY_INDEX"},
		{[]string{"JOB_COMPLETION_INDEX", "1", "AWS_BATCH_JOB_ARRAY_INDEX", "1"}, Shard{1, 4}, "JOB_COMPLETION_INDEX"},
	}
	for _, c := range cases {
		got, from, err := ResolveShard("auto/4", env(c.env...))
		if err != nil || got != c.want || from != c.from {
			t.Errorf("%v: %v from %q, %v; want %v from %s", c.env, got, from, err, c.want, c.from)
		}
	}
	if got, from, err := ResolveShard("1/3", env("SLURM_ARRAY_TASK_ID", "2")); err != nil || got != (Shard{1, 3}) || from != "" {
		t.Errorf("1/3 = %v from %q, %v: an explicit K must win over the environment", got, from, err)
	}
}

func TestResolveShardAutoRefuses(t *testing.T) {
	cases := []struct {
		env  []string
		want string
	}{
		{nil, "none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set"},
		{[]string{"JOB_COMPLETION_INDEX", "4"}, "K is JOB_COMPLETION_INDEX=4"},
		{[]string{"JOB_COMPLETION_INDEX", "x"}, "want K/N"},
		{[]string{"SLURM_ARRAY_TASK_ID", "1", "JOB_COMPLETION_INDEX", "2"}, "which is this task's index"},
		{[]string{"SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1"}, "sbatch --array=0-3"},
		{[]string{"SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "8"}, "has 8 tasks, not 4"},
	}
	for _, c := range cases {
		_, _, err := ResolveShard("auto/4", env(c.env...))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one saying %q", c.env, err, c.want)
		}
	}
}
