#!/usr/bin/env bash
# Regenerates docs/report.png, the README's screenshot: the committed reports/va-regression.html in headless
# Chromium (Debian's `chromium`, as the report rendering tests use it), from the evaluate step's output: a
# copy of the page (the report itself has no script) drops the workspace blocks before the one holding
# the element given (default: the first comparison figure).
#
#   scripts/screenshot-report.sh [REPORT.html] [ELEMENT-ID] [WIDTHxHEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
page="${1:-reports/va-regression.html}"
element="${2:-figure-evaluate-comparison-random}"
size="${3:-1280x1000}"
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome) \
    || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
copy="$(dirname "$page")/.screenshot-$$.html"   # next to the page: figures and links resolve the same
trap 'rm -rf "$profile" "$copy"' EXIT
script="<script>addEventListener('DOMContentLoaded', () => { let n = document.getElementById('$element');
  while (n.parentElement && n.parentElement.id !== 'workspace') n = n.parentElement;
  while (n.previousElementSibling) n.previousElementSibling.remove(); });</script>"
awk -v s="$script" '{ print } /<head>/ { print s }' "$page" > "$copy"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile" \
    --virtual-time-budget=5000 --window-size="${size/x/,}" --screenshot="$PWD/docs/report.png" "file://$PWD/$copy" 2>/dev/null
echo "docs/report.png: $page from #$element at $size"
