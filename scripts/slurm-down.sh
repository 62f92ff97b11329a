#!/usr/bin/env bash
# Stops what scripts/slurm-up.sh STATE_DIR started (slurmd, slurmctld, and munged when it started it), by pid.
# Usage: scripts/slurm-down.sh STATE_DIR
set -uo pipefail
state=$1
for name in slurmd slurmctld munged; do
    file="$state/$name.pid"
    [ -s "$file" ] || continue
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$file"
done
exit 0
