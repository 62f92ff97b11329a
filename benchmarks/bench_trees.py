#!/usr/bin/env python3
"""Side-by-side tree benchmark: labbook (bench-trees) vs scikit-learn HGB, LightGBM and scikit-learn RF.

Reads the matrix written by benchmarks/make_matrix.py (run it first), uses its `fold` column
(KFold(5, shuffle, seed 0)) on both sides, and times the whole 5-fold x 2-target fit + predict
(file reading excluded). Prints model, target, pooled out-of-fold Pearson r (labbook / reference),
wall times and the labbook/reference time ratio.

Usage: python3 benchmarks/bench_trees.py [--matrix /tmp/labbook-bench/matrix.csv] [--skip-build]
"""
import argparse, json, os, subprocess, sys, time
import numpy as np
import pandas as pd


def pooled_r(pred, y):
    return float(np.corrcoef(pred, y)[0, 1])


def cross_validate(make, x, y, folds, multi_output):
    """Returns (pooled r per target, seconds) for a model factory; per-target fits unless multi_output."""
    oof = np.zeros_like(y)
    start = time.perf_counter()
    for k in range(folds.max() + 1):
        tr, te = folds != k, folds == k
        if multi_output:
            oof[te] = make(k).fit(x[tr], y[tr]).predict(x[te])
        else:
            for t in range(y.shape[1]):
                oof[te, t] = make(k).fit(x[tr], y[tr, t]).predict(x[te])
    seconds = time.perf_counter() - start
    return [pooled_r(oof[:, t], y[:, t]) for t in range(y.shape[1])], seconds


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--matrix", default="/tmp/labbook-bench/matrix.csv")
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.matrix):
        sys.exit(f"{args.matrix} not found; run python3 benchmarks/make_matrix.py first")

    df = pd.read_csv(args.matrix)
    feats = [c for c in df.columns if c.startswith("f") and c[1:].isdigit()]
    x = df[feats].to_numpy(float)
    y = df[["valence", "arousal"]].to_numpy(float)
    folds = df["fold"].to_numpy(int)

    from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
    import lightgbm as lgb

    refs = {}
    refs["hgb", "sklearn"] = cross_validate(lambda k: HistGradientBoostingRegressor(
        max_iter=100, max_leaf_nodes=31, learning_rate=0.1, min_samples_leaf=20, early_stopping=False,
        random_state=k), x, y, folds, multi_output=False)
    refs["hgb", "lightgbm"] = cross_validate(lambda k: lgb.LGBMRegressor(
        n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20, max_bin=255,
        random_state=k, verbose=-1), x, y, folds, multi_output=False)
    # Single-threaded LightGBM too: on a busy machine OpenMP's multi-threaded timings swing widely.
    refs["hgb", "lightgbm n_jobs=1"] = cross_validate(lambda k: lgb.LGBMRegressor(
        n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20, max_bin=255,
        random_state=k, verbose=-1, n_jobs=1), x, y, folds, multi_output=False)
    refs["rf", "sklearn"] = cross_validate(lambda k: RandomForestRegressor(
        n_estimators=100, min_samples_leaf=5, max_features=0.33, n_jobs=-1, random_state=k),
        x, y, folds, multi_output=True)

    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "bench-trees"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(root, ".build", "release", "bench-trees"), args.matrix, "hgb,rf"],
                         cwd=root, check=True, capture_output=True, text=True).stdout
    ours = {}
    for line in out.splitlines():
        rec = json.loads(line)
        ours[rec["model"], rec["target"]] = (rec["r"], rec["seconds"])

    print(f"{'model':<33}{'target':<9}{'r labbook':>10}{'r ref':>9}{'t labbook':>11}{'t ref':>9}{'ratio':>8}")
    for (model, ref), (rs, secs) in refs.items():
        for t, target in enumerate(["valence", "arousal"]):
            r_ours, t_ours = ours[model, target]
            print(f"{model + ' vs ' + ref:<33}{target:<9}{r_ours:>10.4f}{rs[t]:>9.4f}"
                  f"{t_ours:>10.2f}s{secs:>8.2f}s{t_ours / secs:>8.2f}")


if __name__ == "__main__":
    main()
