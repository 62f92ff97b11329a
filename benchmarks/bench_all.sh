#!/usr/bin/env bash
# Every side-by-side benchmark in one command (`make bench`), closing with one summary of issue 19's goals:
#   - trees: HGB vs LightGBM (n_jobs = cores) and the forest vs scikit-learn on the Deezer matrix and the
#     generated one-hot, multi-hot and dense 500-column matrices (ratio = labbook time / reference time);
#   - memory: peak RSS and CPU time per row of va-regression (benchmarks/bench_scaleup.sh);
#   - end to end: CPU seconds of each experiment of experiments/ run cold (`run --no-cache`) on a copy.
# The benchmark matrices, the scale-ups and the experiment copies are written under $BENCH_DIR
# (default /tmp/labbook-bench), never into the repository. The machine's load is printed at the start and
# the end: ratios on a busy machine swing (LightGBM's threads wait for each other under load).
#
# Usage: benchmarks/bench_all.sh [--quick]     (or BENCH_QUICK=1)
#   --quick: only the summary's goals, on the Deezer and one-hot matrices, the memory line from the
#            18,644-row experiment run; skips the other model families and the scale-up.
# Environment: LABBOOK_DATA (the data folder; default: labbook.yml's data_root), BENCH_DIR,
#   BENCH_SCALEUP_ROWS (scale-up sizes, default 74576; 1000000 for the issue's million-row goal: long).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
quick=${BENCH_QUICK:-0}
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench_all.sh: unknown argument $arg (use --quick)" >&2; exit 2 ;;
  esac
done
out=${BENCH_DIR:-/tmp/labbook-bench}
case "$out/" in "$repo"/*) echo "bench_all.sh: BENCH_DIR must be outside the repository" >&2; exit 2 ;; esac
data=${LABBOOK_DATA:-$repo/$(sed -n 's/^data_root:[[:space:]]*//p' labbook.yml)}
[ -d "$data" ] || { echo "bench_all.sh: data folder $data not found; set LABBOOK_DATA" >&2; exit 2; }
data=$(cd "$data" && pwd)
mkdir -p "$out"
summary="$out/summary.tsv"
: > "$summary"
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"; }
start_load=$(load)
echo "$start_load"

products="bench-trees labbook"
[ "$quick" = 1 ] || products="$products bench-linear bench-neural bench-encoding bench-load"
for p in $products; do swift build -c release --product "$p" >/dev/null; done
bin=$repo/.build/release

shapes="matrix onehot"
[ "$quick" = 1 ] || shapes="$shapes multihot dense500"
[ -f "$out/matrix.csv" ] || python3 benchmarks/make_matrix.py --data "$data" --out "$out/matrix.csv"
matrices=()
for shape in $shapes; do
  [ "$shape" = matrix ] || [ -f "$out/$shape.csv" ] || python3 benchmarks/make_wide.py --out-dir "$out" "$shape"
  matrices+=(--matrix "$out/$shape.csv")
done
echo "== trees: HGB vs LightGBM (n_jobs = cores), forest vs scikit-learn"
python3 benchmarks/bench_trees.py --skip-build --refs lightgbm,rf --summary "$summary" "${matrices[@]}"

if [ "$quick" != 1 ]; then
  echo "== linear models and kNN vs scikit-learn"
  python3 benchmarks/bench_linear.py --matrix "$out/matrix.csv" --repeat 1
  echo "== KMeans and MLP vs scikit-learn"
  python3 benchmarks/bench_neural.py --matrix "$out/matrix.csv"
  echo "== target encoding, TF-IDF, stacking vs scikit-learn"
  python3 benchmarks/bench_encoding.py --matrix "$out/matrix.csv" --repeat 1
  echo "== load vs pandas"
  python3 benchmarks/bench_load.py
fi

# Each experiment cold on a copy of the project (its outputs are written back into the copy).
echo "== end to end: each experiment, run --no-cache"
e2e="$out/experiments-run"
rm -rf "$e2e" && mkdir -p "$e2e"
cp -R experiments "$e2e/experiments"
sed "s|^data_root:.*|data_root: $data|" labbook.yml > "$e2e/labbook.yml"
e2e_lines=()
total=0
# An experiment that compares with another one's results runs after the others.
ordered=$(grep -L 'compare_with:' "$e2e"/experiments/*.md; grep -l 'compare_with:' "$e2e"/experiments/*.md || true)
for exp in $ordered; do
  name=$(basename "$exp" .md)
  /usr/bin/time -f '%M %U %S %e' -o "$e2e/$name.time" "$bin/labbook" run --no-cache "$exp" >"$e2e/$name.log" 2>&1 \
    || { echo "$name failed: see $e2e/$name.log" >&2; exit 1; }
  read -r kb user sys wall < "$e2e/$name.time"
  line=$(awk -v n="$name" -v kb="$kb" -v u="$user" -v s="$sys" -v w="$wall" \
    'BEGIN { printf "| %s | %.1f | %.0f | %.1f |", n, u + s, kb / 1024, w }')
  echo "$line"
  e2e_lines+=("$line")
  total=$(awk -v t="$total" -v u="$user" -v s="$sys" 'BEGIN { print t + u + s }')
done

# The 18,644-row memory line is the va-regression run above (same data); --quick stops there.
memory=$(printf '%s\n' "${e2e_lines[@]}" |
  awk -F'|' '$2 ~ /va-regression/ { printf "| 18644 | %d | %.1f | %.0f | %.1f |", $4, $3, $3 / 18644 * 1e6, $5 }')
if [ "$quick" != 1 ]; then
  echo "== memory: va-regression on scale-ups (benchmarks/bench_scaleup.sh)"
  # shellcheck disable=SC2086
  more=$(SCALEUP_DIR="$out" LABBOOK_BIN="$bin/labbook" benchmarks/bench_scaleup.sh ${BENCH_SCALEUP_ROWS:-74576} | tail -n +3)
  echo "$more"
  memory="$memory
$more"
fi

echo
echo "== summary (issue 19; ratio = labbook time / reference time, below 1: labbook is faster)"
echo "$start_load (start)"
load
echo
echo "| shape | HGB s | LightGBM s | HGB / LightGBM (goal <= 0.5) | forest s | scikit-learn RF s | forest / scikit-learn (goal <= 0.3) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for shape in $shapes; do
  awk -F'\t' -v s="$shape" '
    BEGIN { h = f = "— | — | —" }
    $1 == s && $3 == "lightgbm" { h = sprintf("%s | %s | %s %s", $4, $5, $6, ($6 <= 0.5 ? "ok" : "MISSED")) }
    $1 == s && $3 == "rf" { f = sprintf("%s | %s | %s %s", $4, $5, $6, ($6 <= 0.3 ? "ok" : "MISSED")) }
    END { printf "| %s | %s | %s |\n", s, h, f }' "$summary"
done
echo
echo "memory (va-regression; goal at 1,000,000 rows: peak RSS <= 4 GB, CPU per row within 1.2x of 18,644 rows):"
echo "| rows | peak RSS (MB) | CPU-s | CPU-µs per row | wall s |"
echo "$memory"
echo
echo "end to end, cold (goal: all experiments <= 25 CPU-s together):"
echo "| experiment | CPU-s | peak RSS (MB) | wall s |"
printf '%s\n' "${e2e_lines[@]}"
awk -v t="$total" 'BEGIN { printf "| all | %.1f | | |\n", t }'
