#!/usr/bin/env bash
# CI: a sweep sharded over a real Slurm array job (one-node cluster on this
# machine, installed from Debian's packages when missing) must merge into
# exactly the single-process sweep. See deploy/slurm/check.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# The packages are installed first, outside the budget: a fresh machine's
# download time says nothing about the check.
bash deploy/slurm/cluster.sh install
timeout 170 bash deploy/slurm/check.sh || {
	rc=$?
	[ "$rc" = 124 ] && echo "slurm check: over its 170 s budget" >&2
	exit "$rc"
}
