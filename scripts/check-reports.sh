#!/usr/bin/env bash
# Regenerates every experiment and its reports, then fails if anything differs from what is committed,
# apart from the one run line of each report (timestamp, experiment commit, durations).
# reports/*.results.json are not compared: they hold timings by design (see README, "Results JSON").
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/labbook
[ -x "$bin" ] || swift build -c release --product labbook
start=$(date +%s.%N)
"$bin" run --no-cache experiments/
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "all experiments: %.1f s\n", e - s }'
status=0
for f in experiments/*.md reports/*.md reports/*.html reports/*/*.svg; do
  if ! git cat-file -e "HEAD:$f" 2>/dev/null; then
    echo "not committed: $f (commit the regenerated reports)"; status=1; continue
  fi
  if ! diff <(git show "HEAD:$f" | grep -Ev 'Run [0-9]{4}-[0-9]{2}-[0-9]{2}T') \
            <(grep -Ev 'Run [0-9]{4}-[0-9]{2}-[0-9]{2}T' "$f") >/tmp/labbook-report-diff 2>&1; then
    echo "differs from the committed version: $f"; head -20 /tmp/labbook-report-diff; status=1
  fi
done
# A committed figure the run no longer draws was removed by the run: the committed reports are stale.
for f in $(git ls-files --deleted -- reports experiments); do
  echo "removed by the run: $f (commit the regenerated reports)"; status=1
done
[ $status -eq 0 ] && echo "reports match the committed ones (apart from the run line)"
exit $status
