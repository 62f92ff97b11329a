#!/usr/bin/env bash
# Every side-by-side benchmark in one command (`make bench`): builds the release bench products, writes the
# benchmark matrices to /tmp/labbook-bench when missing (make_matrix.py from the shared data, make_wide.py
# generated), then runs each bench_*.py; every line it prints ends with a labbook / reference time ratio
# (below 1: labbook is faster). The machine's load at the start is printed: ratios on a busy machine swing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=/tmp/labbook-bench
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for p in bench-trees bench-linear bench-neural bench-encoding bench-load; do
  swift build -c release --product "$p" >/dev/null
done
[ -f "$out/matrix.csv" ] || python3 benchmarks/make_matrix.py --out "$out/matrix.csv"
for shape in onehot multihot dense500; do
  [ -f "$out/$shape.csv" ] || python3 benchmarks/make_wide.py --out-dir "$out" "$shape"
done
echo "== trees: HGB vs LightGBM (n_jobs = cores), forest vs scikit-learn, narrow and wide matrices"
python3 benchmarks/bench_trees.py --skip-build --refs lightgbm,rf \
  --matrix "$out/matrix.csv" --matrix "$out/onehot.csv" --matrix "$out/multihot.csv" --matrix "$out/dense500.csv"
echo "== linear models and kNN vs scikit-learn"
python3 benchmarks/bench_linear.py --matrix "$out/matrix.csv" --repeat 1
echo "== KMeans and MLP vs scikit-learn"
python3 benchmarks/bench_neural.py --matrix "$out/matrix.csv"
echo "== target encoding, TF-IDF, stacking vs scikit-learn"
python3 benchmarks/bench_encoding.py --matrix "$out/matrix.csv" --repeat 1
echo "== load vs pandas"
python3 benchmarks/bench_load.py
