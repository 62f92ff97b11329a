#!/usr/bin/env bash
# Validation scales linearly: times `labbook check` on an experiment whose `clean` block lists N numeric
# columns (default 100,000; also a list with one name repeated at the end, which must be reported).
# Usage: benchmarks/bench_check.sh [N] [debug|release]   (default 100000 release; LABBOOK_BIN=path: no build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
config=${2:-release}
# LABBOOK_BIN=path skips the build and times that binary.
if [ -z "${LABBOOK_BIN:-}" ]; then (cd "$repo" && swift build -c "$config" --product labbook >/dev/null); fi
bin="${LABBOOK_BIN:-$repo/.build/$config/labbook}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/experiments"
printf 'seed: 0\n' > "$work/labbook.yml"

write() {  # write FILE EXTRA: an experiment with N columns c0..c(N-1), then EXTRA names
    python3 - "$n" "$2" > "$1" <<'PY'
import sys
n, extra = int(sys.argv[1]), sys.argv[2]
names = ", ".join(f"c{i}" for i in range(n)) + (", " + extra if extra else "")
print("# Wide\n\n```yaml load\nsources:\n  t:\n    file: wide.csv\ntargets: [y]\n```\n")
print("```yaml clean\nnumeric:\n  columns: [" + names + "]\n  impute: median\n```\n")
print("```yaml train\nmodels:\n  ridge: {kind: ridge}\n```\n")
print("```yaml evaluate\nprotocols:\n  random: {kind: kfold, folds: 5}\n```")
PY
}

timed() {  # timed LABEL FILE: wall time of `labbook check FILE` and its first output line
    local start end status=0
    start=$(date +%s.%N)
    "$bin" check "$2" > "$work/out.txt" 2>&1 || status=$?
    end=$(date +%s.%N)
    printf '%-36s %6.3f s  exit %d  %s\n' "$1" "$(echo "$end - $start" | bc -l)" "$status" "$(head -c 120 "$work/out.txt" | head -1)"
}

write "$work/experiments/wide.md" ""
write "$work/experiments/dup.md" "c7"
printf 'labbook check, %d columns in clean.numeric (%s build, %s)\n' "$n" "$config" "$(nproc) cores"
timed "all distinct" "$work/experiments/wide.md"
timed "one repeated name" "$work/experiments/dup.md"
