#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for running enisim sweeps as
# array jobs (and for CI to test that they merge byte-identically):
# munged, slurmctld and slurmd on localhost, every file of theirs under
# one directory, so nothing in /etc is changed.
#
#   deploy/slurm/cluster.sh install  only install the packages (if needed)
#   deploy/slurm/cluster.sh up     install (Debian: slurm-wlm, munge) if needed,
#                                  write the configuration, start the daemons,
#                                  wait until the node is idle
#   deploy/slurm/cluster.sh env    print the export the Slurm commands need
#   deploy/slurm/cluster.sh down   stop the daemons this script started
#
# ENISIM_SLURM_DIR (default /tmp/enisim-slurm) holds the configuration,
# state, logs and the daemons' pid files; down stops exactly those pids.
set -euo pipefail

dir=${ENISIM_SLURM_DIR:-/tmp/enisim-slurm}
conf=$dir/slurm.conf
sock=$dir/munge/munge.socket

install() {
	command -v slurmctld >/dev/null && command -v munged >/dev/null && return
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
		echo "cluster.sh: slurmctld or munged missing: install Debian's slurmctld, slurmd, slurm-client and munge (or slurm-wlm)" >&2
		exit 1
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
}

write_conf() {
	local host cpus mem
	host=$(hostname -s)
	cpus=$(nproc)
	mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
	mkdir -p "$dir"/{munge,state,spool,log}
	chmod 700 "$dir/munge"
	if [ ! -s "$dir/munge/munge.key" ]; then
		head -c 1024 /dev/urandom >"$dir/munge/munge.key"
	fi
	chmod 400 "$dir/munge/munge.key"
	cat >"$conf" <<CONF
# Written by deploy/slurm/cluster.sh: one node, this machine.
ClusterName=enisim
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=30
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

# alive reports whether the daemon whose pid file is $1 runs.
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

up() {
	install
	write_conf
	export SLURM_CONF=$conf
	if ! alive "$dir/munged.pid"; then
		munged --force --socket="$sock" --key-file="$dir/munge/munge.key" \
			--pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" \
			--seed-file="$dir/munge/seed"
	fi
	alive "$dir/slurmctld.pid" || slurmctld -f "$conf"
	alive "$dir/slurmd.pid" || slurmd -f "$conf"
	for _ in $(seq 60); do
		state=$(sinfo -h -N -o %t 2>/dev/null | head -1 || true)
		case $state in
		idle | mix | alloc) echo "cluster.sh: slurm node $(hostname -s) is $state (SLURM_CONF=$conf)"; return ;;
		down* | drain*) scontrol update nodename="$(hostname -s)" state=resume 2>/dev/null || true ;;
		esac
		sleep 1
	done
	echo "cluster.sh: the node did not come up; logs in $dir/log:" >&2
	tail -n 20 "$dir"/log/*.log >&2 || true
	exit 1
}

# down stops the daemons in the order that lets each finish cleanly, and
# waits for each to exit (slurmctld writes its state as it goes).
down() {
	local pid
	for d in slurmd slurmctld munged; do
		alive "$dir/$d.pid" || continue
		pid=$(cat "$dir/$d.pid")
		kill "$pid"
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
	done
}

case ${1:-} in
install) install ;;
up) up ;;
down) down ;;
env) echo "export SLURM_CONF=$conf" ;;
*)
	echo "usage: $0 install|up|env|down" >&2
	exit 2
	;;
esac
