#!/usr/bin/env bash
# Step cache benchmark: times a cold run of the real experiments (empty cache), a warm run (nothing
# changed: every step reused), a run after changing one cluster key, and `labbook render`.
# Works on a copy of experiments/ in a temporary folder, so the repository is not touched.
# Usage: benchmarks/bench_cache.sh [DATA_ROOT]   (default /work/shared/data)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-/work/shared/data}
(cd "$repo" && swift build -c release --product labbook >/dev/null)
bin="$repo/.build/release/labbook"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$repo/experiments" "$work/"
printf 'data_root: %s\nseed: 0\n' "$data" > "$work/labbook.yml"
cd "$work"

timed() {  # timed LABEL COMMAND...: runs the command, prints its wall time, returns seconds in $seconds
    local label=$1; shift
    local start end
    start=$(date +%s.%N)
    "$@" > "$work/out.txt"
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc -l)
    printf '%-28s %8.2f s   %s\n' "$label" "$seconds" "$(tr '\n' ' ' < "$work/out.txt")"
}

timed "cold (empty cache)" "$bin" run --quiet experiments/
cold=$seconds
cp -r reports reports.cold
timed "warm (nothing changed)" "$bin" run --quiet --explain experiments/
warm=$seconds
# Reports from reused steps must equal the fresh ones except the run line (timestamp and durations).
for f in reports.cold/*.md reports.cold/*.html; do
    if diff <(grep -v 'Run 20' "$f") <(grep -v 'Run 20' "reports/$(basename "$f")") > /dev/null; then
        echo "identical apart from the run line: $(basename "$f")"
    else
        echo "DIFFERENT: $(basename "$f")"
    fi
done
printf 'speed-up warm vs cold: %.1fx\n' "$(echo "$cold / $warm" | bc -l)"
perl -pi -e 's/^n_init: (\d+)$/"n_init: ".($1 == 2 ? 3 : 2)/e' experiments/va-deeplearning.md
timed "cluster.n_init changed" "$bin" run --quiet --explain experiments/va-deeplearning.md
timed "render (cache only)" "$bin" render experiments/
du -sh .labbook/cache | sed 's/^/cache size: /'
