#!/usr/bin/env bash
# End-to-end check of sharded sweeps on a real scheduler: bring up the
# one-node Slurm cluster (cluster.sh), submit a sweep as an array job of N
# tasks (sweep.sbatch), merge the shards, and require the merged output to
# be byte-identical to the same sweep run in one process, in json and in
# table form. Stops the daemons it started. Run from anywhere:
#
#   bash deploy/slurm/check.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=4
work=$(mktemp -d)
export ENISIM_SLURM_DIR=$work/slurm
trap 'bash "$here/cluster.sh" down || true; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM # so that EXIT stops the daemons on a timeout too

bash "$here/cluster.sh" up
export SLURM_CONF=$ENISIM_SLURM_DIR/slurm.conf
(cd "$repo" && go build -o "$work/enisim" ./cmd/enisim)
export ENISIM=$work/enisim

sweep=(layouts --duration 10m --seed 42 -n 2
	--set functions.api.arrivals.rate=40/s,400/s
	--set hyperplane.creationDelay=40s,100s)
mkdir -p "$work/parts"
sbatch --wait --array=0-$((n - 1)) --output="$work/task-%a.log" \
	"$here/sweep.sbatch" "$n" "$work/parts" "${sweep[@]}" >/dev/null || {
	echo "slurm check: the array job failed:" >&2
	tail -n 5 "$work"/task-*.log >&2
	exit 1
}
for k in $(seq 0 $((n - 1))); do
	grep -q "is shard $k/$n (K from SLURM_ARRAY_TASK_ID)" "$work/task-$k.log" || {
		echo "slurm check: task $k did not say it took K from SLURM_ARRAY_TASK_ID:" >&2
		cat "$work/task-$k.log" >&2
		exit 1
	}
done
for f in json table; do
	"$ENISIM" sweep "${sweep[@]}" -f "$f" >"$work/single.$f"
	"$ENISIM" merge -f "$f" "$work"/parts/part-*.jsonl >"$work/merged.$f"
	if ! cmp -s "$work/single.$f" "$work/merged.$f"; then
		echo "slurm check: $n merged shards differ from the single-process sweep (-f $f):" >&2
		diff "$work/single.$f" "$work/merged.$f" | head -20 >&2
		exit 1
	fi
done
runs=$(grep -c '"type":"run"' "$work"/parts/part-*.jsonl | awk -F: '{s += $2} END {print s}')
echo "slurm check: ok: $n array tasks ran $runs runs; merged output is byte-identical to the single-process sweep (json, table)"
