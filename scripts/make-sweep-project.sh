#!/usr/bin/env bash
# Writes a small self-contained labbook project for sweep tests and benchmarks:
#   DIR/labbook.yml, DIR/data/synthetic.csv (ROWS rows, generated here), DIR/experiments/synthetic.md (three
#   models, 5-fold CV) and DIR/experiments/serial.md (one MLP on the predefined train/test split)
# Usage: scripts/make-sweep-project.sh DIR [ROWS]
set -euo pipefail
dir=$1
rows=${2:-2000}
mkdir -p "$dir/data" "$dir/experiments"
printf 'data_root: data\nseed: 0\n' > "$dir/labbook.yml"
# Two targets driven by six features and a group offset, with noise (a fixed LCG: the same file everywhere),
# and a `part` column (train / test, every fifth row) for a predefined split.
awk -v rows="$rows" 'BEGIN {
    state = 12345
    print "x1,x2,x3,x4,x5,x6,grp,part,y1,y2"
    for (i = 0; i < rows; i++) {
        for (j = 1; j <= 7; j++) {
            state = (state * 1103515245 + 12345) % 2147483648
            u[j] = state / 2147483648
        }
        g = int(u[7] * 4)
        y1 = 0.8 * u[1] - 0.5 * u[2] + 0.3 * u[3] * u[4] + 0.1 * g + 0.2 * (u[5] - 0.5) * (u[6] - 0.5) * 4
        y2 = 0.4 * u[2] + 0.6 * u[5] * u[5] - 0.2 * u[6] + 0.05 * g
        noise1 = ((u[1] * 7919 + u[2] * 104729) % 1) - 0.5
        noise2 = ((u[3] * 7919 + u[4] * 104729) % 1) - 0.5
        printf "%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,g%d,%s,%.6f,%.6f\n", u[1], u[2], u[3], u[4], u[5], u[6], g, (i % 5 == 4 ? "test" : "train"), y1 + 0.3 * noise1, y2 + 0.3 * noise2
    }
}' > "$dir/data/synthetic.csv"
cat > "$dir/experiments/synthetic.md" <<'MD'
# Synthetic sweep

Two targets from six numeric features and a group; used to test and benchmark sweeps.

```yaml load
sources:
  rows:
    file: synthetic.csv
targets: [y1, y2]
```

```yaml clean
numeric:
  columns: [x1, x2, x3, x4, x5, x6]
  scale: standard
categorical: {columns: [grp]}
```

```yaml train
models:
  ridge: {kind: ridge, params: {alpha: 1}}
  knn: {kind: knn, params: {n_neighbors: 10}}
  forest: {kind: random_forest, params: {n_estimators: 20, max_depth: 6}}
```

```yaml evaluate
protocols:
  random: {kind: kfold, folds: 5}
bootstrap: 200
```
MD
# One network on one predefined split: each cell is serial work (benchmarks/bench_sweep.sh).
{
    printf '# One network per cell\n\n'
    sed -n '/^```yaml load/,/^```$/p; /^```yaml clean/,/^```$/p' "$dir/experiments/synthetic.md" | sed 's/^```$/```\n/'
    cat <<'MD'
```yaml train
models:
  mlp: {kind: mlp, params: {hidden_layer_sizes: [128, 64], max_iter: 150, batch_size: 32, early_stopping: false}}
```

```yaml evaluate
protocols:
  split: {kind: predefined, column: part, train: [train], test: [test]}
bootstrap: 200
```
MD
} > "$dir/experiments/serial.md"
