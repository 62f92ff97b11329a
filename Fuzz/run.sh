#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift) and fuzzes each one.
#
#   Fuzz/run.sh               1,000,000 runs per target, release build (the figures in benchmarks/fuzz-results.md)
#   Fuzz/run.sh --runs N      N runs per target
#   Fuzz/run.sh --ci          CI: debug build, 20 s per target (about 1 minute once .build-fuzz is built)
#
# Targets: fuzz-writeback (Markdown parsing + write-back), fuzz-config (YAML step configs through the
# planner), fuzz-csv (CSV reader), fuzz-planner (whole experiment files through the planner: step order,
# markers, fences), fuzz-set (`--set` arguments parsed and planned over a fixed experiment). Seeds: Fuzz/corpus/TARGET (committed, includes every input that
# once failed); inputs found while fuzzing go to .build-fuzz/corpus/TARGET, failures to
# .build-fuzz/artifacts/. Exits non-zero when any target finds a crash, a hang or a broken invariant.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000000
config=release
limit=()
case "${1:-}" in
    --ci) config=debug; runs=-1; limit=(-max_total_time=20) ;;
    --runs) runs="${2:?--runs needs a number}" ;;
    "") ;;
    *) echo "usage: Fuzz/run.sh [--ci | --runs N]" >&2; exit 2 ;;
esac

scratch=.build-fuzz
# The main package is a dependency of Fuzz/Package.swift: SwiftPM keeps a dependency's file list until its
# manifest changes, so a file added to Sources/ would be missed by an existing .build-fuzz. Touching the
# manifest makes it look again (a few seconds, no full rebuild).
touch Fuzz/Package.swift
swift build --package-path Fuzz --scratch-path "$scratch" -c "$config" --sanitize=fuzzer
bin="$scratch/$config"
mkdir -p "$scratch/artifacts"

status=0
for target in writeback config csv planner set; do
    mkdir -p "$scratch/corpus/$target"
    log="$scratch/fuzz-$target.log"
    started=$(date +%s)
    if SWIFT_BACKTRACE=enable=no "$bin/fuzz-$target" -runs="$runs" "${limit[@]}" -max_len=4096 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$target-" \
        "$scratch/corpus/$target" "Fuzz/corpus/$target" > "$log" 2>&1; then
        result=ok
    else
        result="FAILED (see $log and $scratch/artifacts/)"
        status=1
    fi
    executed=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    echo "fuzz-$target: $executed runs in $(( $(date +%s) - started )) s, coverage $coverage edges: $result"
done
exit $status
