#!/usr/bin/env bash
# Sweep executor benchmark on generated data (scripts/make-sweep-project.sh), each run from an empty cache of
# its own, sequentially and with --executor local --jobs 2. Prints the wall times, the speed-up, the machine
# load (uptime) before each run, and checks that both runs wrote the same sweep table and the same sweep JSON
# apart from timings.
#   1. `serial`: 12 cells (learning rate x alpha x batch size) of one MLP on one predefined split: each cell
#      is serial work, which is what running cells in parallel speeds up.
#   2. `synthetic`: 12 cells (kNN neighbours x weights) of three models under 5-fold CV: labbook already runs
#      the folds and models of each cell on all cores, so on 2 cores --jobs 2 has little left to gain.
# Usage: [ROUNDS=2] benchmarks/bench_sweep.sh [ROWS]   (default 16000 rows; best of ROUNDS alternating rounds)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-16000}
rounds=${ROUNDS:-2}
(cd "$repo" && swift build -c release --product labbook >/dev/null)
bin="$repo/.build/release/labbook"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$repo/scripts/make-sweep-project.sh" "$work" "$rows"
cd "$work"

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

bench() {  # bench NAME SWEEP...: ROUNDS alternating rounds, each run from an empty cache; the best of each
    local name=$1; shift
    echo "== $name"
    local best_sequential=999999 best_local=999999
    for round in $(seq "$rounds"); do
        timed "sequential (12 cells), round $round" "cache-$name-sequential-$round" "$bin" run "$@"
        best_sequential=$(echo "if ($seconds < $best_sequential) $seconds else $best_sequential" | bc -l)
        cp "reports/$name.sweep.md" "$name.sequential.md"
        untimed "reports/$name.sweep.json" > "$name.sequential.json"
        timed "--executor local --jobs 2, round $round" "cache-$name-local-$round" "$bin" run "$@" --executor local --jobs 2
        best_local=$(echo "if ($seconds < $best_local) $seconds else $best_local" | bc -l)
        cmp "$name.sequential.md" "reports/$name.sweep.md" && echo "sweep tables identical"
        untimed "reports/$name.sweep.json" | cmp "$name.sequential.json" - && echo "sweep JSON identical apart from timings"
    done
    printf '%s: best sequential %.2f s, best --jobs 2 %.2f s: speed-up %.2fx (%d cores)\n' "$name" "$best_sequential" \
        "$best_local" "$(echo "$best_sequential / $best_local" | bc -l)" "$(nproc)"
    cat "reports/$name.sweep.md"
}
bench serial experiments/serial.md --set train.models.mlp.params.learning_rate_init=0.001,0.003,0.01 \
    --set train.models.mlp.params.alpha=0.0001,0.001 --set train.models.mlp.params.batch_size=32,64
bench synthetic experiments/synthetic.md --set train.models.knn.params.n_neighbors=3,5,10,20,30,50 \
    --set train.models.knn.params.weights=uniform,distance
