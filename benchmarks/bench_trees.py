#!/usr/bin/env python3
"""Side-by-side tree benchmark: labbook (bench-trees) vs scikit-learn HGB, LightGBM and scikit-learn RF.

Reads matrices in make_matrix.py's layout (f0..fN, valence, arousal, fold): the narrow Deezer matrix
(benchmarks/make_matrix.py) and the wide generated ones (benchmarks/make_wide.py: onehot, multihot,
dense500). Uses the file's `fold` column (KFold(5, shuffle, seed 0)) on both sides and times the whole
5-fold x 2-target fit + predict (file reading excluded). LightGBM runs in this Python process with
n_jobs = cores, labbook in its own process. Prints model, target, pooled out-of-fold Pearson r
(labbook / reference), wall times and the labbook/reference time ratio (below 1: labbook is faster).

References (--refs): lightgbm (HGB vs LGBMRegressor, n_jobs = cores), rf (forest vs scikit-learn's
RandomForestRegressor, n_jobs=-1), sklearn-hgb (vs HistGradientBoostingRegressor), lightgbm-1 (n_jobs=1).
Usage: python3 benchmarks/bench_trees.py [--matrix M.csv ...] [--refs lightgbm,rf] [--repeat N] [--skip-build]
       [--baseline OTHER-bench-trees]  (also times another build in the same run: before/after ratios)
       [--summary FILE]  (appends one tab-separated line per shape and reference: shape, model, reference,
                          labbook seconds, reference seconds, ratio; bench_all.sh tabulates them)
"""
import argparse, json, os, subprocess, sys, time
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor


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


REFS = {  # name: (labbook model, factory per fold, one fit for both targets)
    "lightgbm": ("hgb", lambda k: lgb.LGBMRegressor(
        n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20, max_bin=255,
        random_state=k, verbose=-1, n_jobs=os.cpu_count()), False),
    "lightgbm-1": ("hgb", lambda k: lgb.LGBMRegressor(
        n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20, max_bin=255,
        random_state=k, verbose=-1, n_jobs=1), False),
    "sklearn-hgb": ("hgb", lambda k: HistGradientBoostingRegressor(
        max_iter=100, max_leaf_nodes=31, learning_rate=0.1, min_samples_leaf=20, early_stopping=False,
        random_state=k), False),
    "rf": ("rf", lambda k: RandomForestRegressor(
        n_estimators=100, min_samples_leaf=5, max_features=0.33, n_jobs=-1, random_state=k), True),
}


def labbook_times(binary, matrix, models, repeat):
    """Best-of-`repeat` seconds and r per (model, target) from bench-trees."""
    best = {}
    for _ in range(repeat):
        out = subprocess.run([binary, matrix, ",".join(models)], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            rec = json.loads(line)
            key = rec["model"], rec["target"]
            if key not in best or rec["seconds"] < best[key][1]:
                best[key] = (rec["r"], rec["seconds"])
    return best


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--matrix", action="append", help="matrix CSV; repeat for several (default: the Deezer matrix)")
    ap.add_argument("--refs", default="sklearn-hgb,lightgbm,lightgbm-1,rf")
    ap.add_argument("--repeat", type=int, default=1, help="best of N timings per side")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--binary", help="the bench-trees to time (default: this checkout's release build)")
    ap.add_argument("--baseline", help="another bench-trees build (e.g. from an older commit), timed in the same run")
    ap.add_argument("--summary", help="append shape, model, reference, seconds and ratio to this file (tab-separated)")
    args = ap.parse_args()
    refs = args.refs.split(",")
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "bench-trees"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
    binary = args.binary or os.path.join(root, ".build", "release", "bench-trees")
    print(f"{'shape':<10}{'model':<26}{'target':<9}{'r labbook':>10}{'r ref':>9}{'t labbook':>11}{'t ref':>9}{'ratio':>8}")
    for matrix in args.matrix or ["/tmp/labbook-bench/matrix.csv"]:
        if not os.path.exists(matrix):
            sys.exit(f"{matrix} not found; run python3 benchmarks/make_matrix.py (or make_wide.py) first")
        df = pd.read_csv(matrix)
        feats = [c for c in df.columns if c.startswith("f") and c[1:].isdigit()]
        x = df[feats].to_numpy(float)
        y = df[["valence", "arousal"]].to_numpy(float)
        folds = df["fold"].to_numpy(int)
        shape = os.path.splitext(os.path.basename(matrix))[0]
        models = sorted({REFS[r][0] for r in refs})
        ours = labbook_times(binary, matrix, models, args.repeat)
        base = labbook_times(args.baseline, matrix, models, args.repeat) if args.baseline else None
        for ref in refs:
            model, make, multi = REFS[ref]
            rs, secs = min((cross_validate(make, x, y, folds, multi) for _ in range(args.repeat)),
                           key=lambda res: res[1])
            if args.summary:  # one line per shape and reference: the time covers both targets
                t_ours = ours[model, "valence"][1]
                with open(args.summary, "a") as f:
                    f.write(f"{shape}\t{model}\t{ref}\t{t_ours:.2f}\t{secs:.2f}\t{t_ours / secs:.2f}\n")
            for t, target in enumerate(["valence", "arousal"]):
                r_ours, t_ours = ours[model, target]
                print(f"{shape:<10}{model + ' vs ' + ref:<26}{target:<9}{r_ours:>10.4f}{rs[t]:>9.4f}"
                      f"{t_ours:>10.2f}s{secs:>8.2f}s{t_ours / secs:>8.2f}", flush=True)
                if base:
                    r_base, t_base = base[model, target]
                    print(f"{shape:<10}{model + ' (baseline) vs ' + ref:<26}{target:<9}{r_base:>10.4f}{rs[t]:>9.4f}"
                          f"{t_base:>10.2f}s{secs:>8.2f}s{t_base / secs:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
