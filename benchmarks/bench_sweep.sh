#!/usr/bin/env bash
# Sweep executor benchmark: a 12-cell sweep (kNN neighbours x weights) of a generated synthetic experiment
# (scripts/make-sweep-project.sh), run sequentially and with --executor local --jobs 2, each from an
# empty cache of its own. Prints both wall times, the speed-up, the machine load (uptime) before each
# run, and checks that both runs wrote the same sweep table and the same sweep JSON apart from timings.
# Usage: benchmarks/bench_sweep.sh [ROWS]   (default 4000)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-4000}
(cd "$repo" && swift build -c release --product labbook >/dev/null)
bin="$repo/.build/release/labbook"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$repo/scripts/make-sweep-project.sh" "$work" "$rows"
cd "$work"
sweep=(experiments/synthetic.md --set train.models.knn.params.n_neighbors=3,5,10,20,30,50
       --set train.models.knn.params.weights=uniform,distance)

timed() {  # timed LABEL CACHE COMMAND...: prints the load, runs, prints the wall time; seconds in $seconds
    local label=$1 cache=$2; shift 2
    echo "$label: load before: $(uptime | sed 's/.*load average: //')"
    local start end
    start=$(date +%s.%N)
    LABBOOK_CACHE="$work/$cache" "$@" > "$work/out.txt" 2> "$work/err.txt"
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc -l)
    printf '%-34s %8.2f s   %s\n' "$label" "$seconds" "$(tail -n 1 "$work/out.txt")"
}
untimed() { grep -vE '"(timestamp|seconds|totalSeconds|cached)"' "$1"; }

timed "sequential (12 cells)" cache-sequential "$bin" run "${sweep[@]}"
sequential=$seconds
cp reports/synthetic.sweep.md sequential.md
untimed reports/synthetic.sweep.json > sequential.json
timed "--executor local --jobs 2" cache-local "$bin" run "${sweep[@]}" --executor local --jobs 2
local_seconds=$seconds
cmp sequential.md reports/synthetic.sweep.md && echo "sweep tables identical"
untimed reports/synthetic.sweep.json | cmp sequential.json - && echo "sweep JSON identical apart from timings"
printf 'speed-up --jobs 2 vs sequential: %.2fx (%d cores)\n' "$(echo "$sequential / $local_seconds" | bc -l)" "$(nproc)"
cat reports/synthetic.sweep.md
