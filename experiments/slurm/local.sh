#!/bin/sh
# local.sh stands up a single-node Slurm cluster on this machine (one node:
# this host, its cores and memory) from Debian's packages, for trying and
# testing studies run with `pinn compare -executor slurm`. No systemd is
# needed: the daemons are started directly and keep their state, logs and
# spool under $SLURM_LOCAL_DIR (default /tmp/slurm-local). Run it as root.
#
#   local.sh install   apt-get install slurm-wlm and munge
#   local.sh up        install if needed, write /etc/slurm/slurm.conf, start munged, slurmctld, slurmd
#   local.sh status    the daemons, sinfo and squeue
#   local.sh down      stop the daemons (the packages and the config stay)
set -eu

dir=${SLURM_LOCAL_DIR:-/tmp/slurm-local}
conf=/etc/slurm/slurm.conf
host=$(hostname -s)

install() {
	if command -v slurmctld >/dev/null && command -v munged >/dev/null; then
		return
	fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge
}

write_conf() {
	cpus=$(nproc)
	# slurmd refuses a node whose RealMemory exceeds what it finds; leave slack.
	mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
	mkdir -p /etc/slurm "$dir/state" "$dir/spool"
	cat >"$conf" <<CONF
# Written by experiments/slurm/local.sh: one node, this machine.
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
# Jobs that ask for no memory get some per CPU, not the whole node.
DefMemPerCPU=1024
# No slurmdbd: sacct has no accounting to read; squeue and scontrol follow jobs.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
	if pgrep -x munged >/dev/null; then
		return
	fi
	if [ ! -s /etc/munge/munge.key ]; then
		mkdir -p /etc/munge
		dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
	fi
	mkdir -p /run/munge /var/log/munge /var/lib/munge
	chown munge:munge /etc/munge/munge.key /run/munge /var/log/munge /var/lib/munge
	chmod 0400 /etc/munge/munge.key
	runuser -u munge -- munged
}

up() {
	install
	write_conf
	start_munge
	pgrep -x slurmctld >/dev/null || slurmctld
	pgrep -x slurmd >/dev/null || slurmd
	# Wait for the node to register and become idle.
	i=0
	while ! sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; do
		i=$((i + 1))
		if [ $i -gt 30 ]; then
			echo "local.sh: the node did not come up; see $dir/slurmctld.log and $dir/slurmd.log" >&2
			exit 1
		fi
		scontrol update nodename="$host" state=resume 2>/dev/null || true
		sleep 1
	done
	sinfo
}

down() {
	for name in slurmd slurmctld; do
		if [ -s "$dir/$name.pid" ]; then
			kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
		fi
	done
	if [ -s /run/munge/munged.pid ]; then
		kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
	fi
}

status() {
	for name in munged slurmctld slurmd; do
		if pgrep -x $name >/dev/null; then echo "$name: running"; else echo "$name: stopped"; fi
	done
	sinfo && squeue
}

case ${1:-} in
install) install ;;
up) up ;;
down) down ;;
status) status ;;
*)
	echo "usage: local.sh install|up|down|status" >&2
	exit 2
	;;
esac
