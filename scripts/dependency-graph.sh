#!/usr/bin/env bash
# Prints labbook's target dependency graph (from the `import` lines of Sources/*, which is what the compiler
# sees) in the order data flows, and exits non-zero when an arrow runs backward: a target importing one that
# comes later in the flow, or one that its Package.swift entry does not declare.
#
#   scripts/dependency-graph.sh          the graph, one target a line: TARGET -> what it imports
#   scripts/dependency-graph.sh --dot    the same as Graphviz dot
#
# The flow, earliest first (a target may import only targets on earlier lines):
#   C interop      CCmark COpenBLAS
#   helpers        Support
#   libraries      Literate Linalg Frame Results   (parse; numbers; tables; the results schema)
#   ML             Learn, then Evaluate
#   configure      Config
#   plan and run   Runner
#   render         Report
#   the steps      Steps
#   built on them  Workflows, Preview, labbook
set -euo pipefail
cd "$(dirname "$0")/.."
format=text
case "${1:-}" in
    --dot) format=dot ;;
    "") ;;
    *) echo "usage: scripts/dependency-graph.sh [--dot]" >&2; exit 2 ;;
esac

layers=(
    "CCmark COpenBLAS"
    "Support"
    "Literate Linalg Frame Results"
    "Learn"
    "Evaluate"
    "Config"
    "Runner"
    "Report"
    "Steps"
    "Workflows"
    "Preview"
    "labbook"
)

declare -A rank
for i in "${!layers[@]}"; do
    for target in ${layers[$i]}; do rank[$target]=$i; done
done

# Every folder of Sources/ must have its place in the flow.
status=0
for dir in Sources/*/; do
    target=$(basename "$dir")
    if [[ -z "${rank[$target]+x}" ]]; then
        echo "error: Sources/$target is not in the flow: add it to the layers of scripts/dependency-graph.sh" >&2
        status=1
    fi
done

# Dependencies each target declares in Package.swift (text between `name: "T"` and the next target).
declared() {
    awk -v t="$1" '
        /\.(target|executableTarget|systemLibrary|testTarget)\(name: "/ {
            inside = ($0 ~ "name: \"" t "\"")
        }
        inside { print }
    ' Package.swift | grep -o '"[A-Za-z]*"' | tr -d '"' | sort -u
}

[[ $format == dot ]] && echo "digraph labbook {" && echo "    rankdir=LR;"
for i in "${!layers[@]}"; do
    for target in ${layers[$i]}; do
        [[ -d Sources/$target ]] || continue
        imports=$(grep -rhoE '^(@_exported |internal |public |@preconcurrency )?import [A-Za-z]+' "Sources/$target" --include='*.swift' 2>/dev/null \
            | awk '{print $NF}' | sort -u | while read -r m; do [[ -n "${rank[$m]+x}" && $m != "$target" ]] && echo "$m"; done || true)
        # C targets have no Swift sources: their edges are the system libraries they wrap.
        if [[ $format == dot ]]; then
            for m in $imports; do echo "    \"$target\" -> \"$m\";"; done
        else
            echo "$target -> ${imports//$'\n'/ }"
        fi
        decl=$(declared "$target")
        for m in $imports; do
            if (( rank[$m] >= rank[$target] )); then
                echo "error: $target imports $m, which comes at or after it in the flow (backward arrow)" >&2
                status=1
            fi
            if ! grep -qx "$m" <<< "$decl"; then
                echo "error: $target imports $m but Package.swift does not list it in $target's dependencies" >&2
                status=1
            fi
        done
    done
done
[[ $format == dot ]] && echo "}"
exit $status
