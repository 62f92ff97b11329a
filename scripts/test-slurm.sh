#!/usr/bin/env bash
# `make test-slurm`: a real single-node Slurm cluster (scripts/slurm-up.sh) runs a 6-cell sweep of a small
# synthetic experiment through `labbook run --executor slurm`; its sweep table must be identical to a
# `--executor local --jobs 2` run's and a sequential run's. Then one array task of a fresh Slurm run is
# killed midway: `labbook gather` must list that cell with its log, and rerunning the same command must
# resubmit only the missing cell. The daemons are stopped at the end, also on failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
labbook=${LABBOOK:-$repo/.build/debug/labbook}
[ -x "$labbook" ] || (cd "$repo" && swift build --product labbook)
started=$(date +%s)

state=$(mktemp -d /tmp/labbook-slurm.XXXXXX)
cleanup() {
    status=$?
    "$repo/scripts/slurm-down.sh" "$state"
    if [ "$status" = 0 ]; then rm -rf "$state"; else echo "test-slurm: FAILED (exit $status); files kept in $state" >&2; fi
}
trap cleanup EXIT
"$repo/scripts/slurm-up.sh" "$state"
export SLURM_CONF=$state/slurm.conf
export LABBOOK_SLURM_POLL=0.5

project=$state/project
"$repo/scripts/make-sweep-project.sh" "$project" 2000
cd "$project"
sweep=(experiments/synthetic.md --set train.models.knn.params.n_neighbors=3,10,30 --set train.models.knn.params.weights=uniform,distance)

# The three runs each start from an empty cache of their own, so each computes every cell.
keep() { cp reports/synthetic.sweep.md "$state/$1.md"; grep -vE '"(timestamp|seconds|totalSeconds|cached)"' reports/synthetic.sweep.json > "$state/$1.json"; }
echo "== sequential"
LABBOOK_CACHE=$state/cache-sequential "$labbook" run "${sweep[@]}" 2>/dev/null
keep sequential
echo "== --executor local --jobs 2"
LABBOOK_CACHE=$state/cache-local "$labbook" run "${sweep[@]}" --executor local --jobs 2
keep local
echo "== --executor slurm"
LABBOOK_CACHE=$state/cache-slurm "$labbook" run "${sweep[@]}" --executor slurm --cells-per-task 2 --max-parallel 2 --out "$state/sweep-slurm" | tee "$state/slurm.out"
keep slurm
slurm_cells=$(sed -n 's/^gathered [0-9]* cells: \([0-9]*\) run by workers.*/\1/p' "$state/slurm.out")

# A fresh Slurm run, one task killed while it runs.
echo "== --executor slurm --no-wait, then scancel of array task 3 while it runs"
export LABBOOK_CACHE=$state/cache-kill
"$labbook" run "${sweep[@]}" --executor slurm --max-parallel 2 --no-wait --out "$state/sweep-kill" | tee "$state/kill.out"
job=$(grep -E '^[0-9]+$' "$state/kill.out")
for _ in $(seq 600); do
    squeue -h -r -j "$job" -o '%i %T' | grep -q "^${job}_3 RUNNING" && break
    sleep 0.2
done
sleep 0.5
squeue -h -r -j "$job" -o '%i %T' | grep -q "^${job}_3 RUNNING" || { echo "task ${job}_3 never ran long enough to be killed" >&2; exit 1; }
scancel "${job}_3"
echo "scancel ${job}_3"
for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
    sleep 0.5
done
if "$labbook" gather "$state/sweep-kill" > "$state/gather.out" 2> "$state/gather.err"; then
    echo "gather succeeded although a task was killed" >&2; exit 1
fi
cat "$state/gather.out" "$state/gather.err"
grep -q "^cell 3 .*log: $state/sweep-kill/logs/slurm-${job}_3.out" "$state/gather.err" \
    || { echo "gather did not list cell 3 with its Slurm log" >&2; exit 1; }
echo "== rerun of the same command"
"$labbook" run "${sweep[@]}" --executor slurm --max-parallel 2 --out "$state/sweep-kill" | tee "$state/rerun.out"
grep -q "^6 cells, 5 already cached, 1 to run" "$state/rerun.out" || { echo "the rerun did not resubmit exactly the killed cell" >&2; exit 1; }
reused=$(sed -n 's/^gathered [0-9]* cells: [0-9]* run by workers, \([0-9]*\) reused from the cache.*/\1/p' "$state/rerun.out")
keep rerun

for run in local slurm rerun; do
    cmp "$state/sequential.md" "$state/$run.md" || { echo "sweep table of $run differs from the sequential run's:" >&2; diff "$state/sequential.md" "$state/$run.md" >&2; exit 1; }
    cmp "$state/sequential.json" "$state/$run.json" || { echo "sweep JSON of $run differs from the sequential run's (timings aside)" >&2; exit 1; }
done
cat "$state/slurm.md"
echo "test-slurm: cells run by Slurm: $slurm_cells of 6 (first run); after killing task ${job}_3, the rerun reused $reused cells from the cache and ran 1"
echo "test-slurm: the sweep tables (and sweep JSON apart from timings) of the sequential, --executor local --jobs 2 and --executor slurm runs are identical"
echo "test-slurm: passed in $(( $(date +%s) - started )) s"
