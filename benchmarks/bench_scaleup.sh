#!/usr/bin/env bash
# Memory and time per row of the unchanged va-regression experiment on scale-ups of the Deezer data.
# For each ROWS: writes the scale-up (benchmarks/make_scaleup.py, under $SCALEUP_DIR, default /tmp) unless it
# exists, runs `labbook run --no-cache` on it under `nice -n 10` and `/usr/bin/time`, and prints one table row:
# rows, peak RSS (MB), CPU seconds (user + system), CPU microseconds per row, wall seconds.
# Usage: benchmarks/bench_scaleup.sh [ROWS...]   (default 18644 74576; LABBOOK_BIN=path: no build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- 18644 74576
if [ -z "${LABBOOK_BIN:-}" ]; then (cd "$repo" && swift build -c release --product labbook >/dev/null); fi
bin="${LABBOOK_BIN:-$repo/.build/release/labbook}"
root=${SCALEUP_DIR:-/tmp}
echo "| rows | peak RSS (MB) | CPU-s | CPU-µs per row | wall s |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for rows in "$@"; do
  out="$root/labbook-scaleup-$rows"
  [ -f "$out/labbook.yml" ] || python3 "$repo/benchmarks/make_scaleup.py" "$rows" --out "$out" >/dev/null
  # A fresh copy of the experiment each time (a run writes its outputs back into it).
  cp "$repo/experiments/va-regression.md" "$out/experiments/va-regression.md"
  log="$out/time.log"
  nice -n 10 /usr/bin/time -f '%M %U %S %e' -o "$log" "$bin" run --no-cache "$out/experiments/va-regression.md" \
    >"$out/run.log" 2>&1 || { echo "run failed on $rows rows: see $out/run.log" >&2; exit 1; }
  read -r kb user sys wall < "$log"
  awk -v n="$rows" -v kb="$kb" -v u="$user" -v s="$sys" -v w="$wall" \
    'BEGIN { printf "| %d | %.0f | %.1f | %.0f | %.1f |\n", n, kb / 1024, u + s, (u + s) / n * 1e6, w }'
done
