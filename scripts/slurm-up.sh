#!/usr/bin/env bash
# Starts a single-node Slurm cluster for tests, without systemd: munged (as the munge user), slurmctld and
# slurmd in the background, configuration, state, spool and logs in STATE_DIR. Installs Debian's slurm-wlm
# and munge when they are missing. Stop it with scripts/slurm-down.sh STATE_DIR (it stops only what this
# script started, by pid). Clients need SLURM_CONF=STATE_DIR/slurm.conf.
# Usage: scripts/slurm-up.sh STATE_DIR
set -euo pipefail
state=$(cd "$1" && pwd)
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    echo "installing slurm-wlm and munge"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y slurm-wlm munge
fi

# munge: its key, its folders, and the daemon as the munge user (unless one already answers).
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    if [ ! -s /etc/munge/munge.key ]; then
        $sudo mkdir -p /etc/munge
        $sudo dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
    $sudo mkdir -p /run/munge /var/lib/munge /var/log/munge
    $sudo chown munge:munge /etc/munge /etc/munge/munge.key /run/munge /var/lib/munge /var/log/munge
    $sudo chmod 0700 /etc/munge /var/lib/munge /var/log/munge
    $sudo chmod 0755 /run/munge
    $sudo chmod 0400 /etc/munge/munge.key
    $sudo runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
    for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
    cp /run/munge/munged.pid "$state/munged.pid"
fi
munge -n | unmunge >/dev/null || { echo "munge does not work" >&2; exit 1; }

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$state/ctld" "$state/spool"
cat > "$state/slurm.conf" <<CONF
ClusterName=labbook-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-6817}
SlurmdPort=${SLURMD_PORT:-6818}
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$state/slurm.conf"

slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost
for _ in $(seq 120); do
    if [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ]; then
        echo "slurm: node localhost idle ($cpus CPUs), config $SLURM_CONF"
        exit 0
    fi
    sleep 0.5
done
echo "slurm: the node did not become idle within 60 s; sinfo says: $(sinfo 2>&1 | tr '\n' ' ')" >&2
tail -n 20 "$state/slurmctld.log" "$state/slurmd.log" >&2 || true
exit 1
