#!/usr/bin/env python3
"""Side-by-side: scikit-learn Ridge / Lasso / KNeighborsRegressor vs labbook's bench-linear (release build).

Both sides use the same matrix (benchmarks/make_matrix.py) and the same folds (its `fold` column, or
`--folds group_fold`). Prints pooled out-of-fold Pearson r per target, seconds for fitting and predicting
all folds, and the time ratio labbook / scikit-learn (below 1: labbook is faster).
Usage: python3 benchmarks/bench_linear.py [--matrix /tmp/labbook-bench/matrix.csv] [--folds fold] [--repeat 3]
Build first: swift build -c release --product bench-linear
"""
import argparse, json, os, subprocess, sys, time
import numpy as np
import pandas as pd
from sklearn.linear_model import Lasso, Ridge
from sklearn.neighbors import KNeighborsRegressor

CASES = [  # name, sklearn estimator, bench-linear arguments
    ("ridge alpha=1", lambda: Ridge(alpha=1.0), ["ridge", "--alpha", "1"]),
    ("lasso alpha=0.01", lambda: Lasso(alpha=0.01), ["lasso", "--alpha", "0.01"]),
    ("knn k=5 uniform", lambda: KNeighborsRegressor(n_neighbors=5), ["knn", "--k", "5"]),
    ("knn k=25 distance", lambda: KNeighborsRegressor(n_neighbors=25, weights="distance"),
     ["knn", "--k", "25", "--weights", "distance"]),
]


def sklearn_run(make, x, y, fold):
    oof = np.full_like(y, np.nan)
    start = time.perf_counter()
    for f in range(fold.max() + 1):
        train, test = fold != f, fold == f
        oof[test] = make().fit(x[train], y[train]).predict(x[test])
    seconds = time.perf_counter() - start
    return seconds, [float(np.corrcoef(y[:, t], oof[:, t])[0, 1]) for t in range(y.shape[1])]


def labbook_run(binary, matrix, args, folds):
    out = subprocess.run([binary, matrix, *args, "--folds", folds], check=True, capture_output=True, text=True)
    res = json.loads(out.stdout)
    return res["seconds"], res["r"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--matrix", default="/tmp/labbook-bench/matrix.csv")
    ap.add_argument("--folds", default="fold")
    ap.add_argument("--repeat", type=int, default=3, help="best of N timings per side")
    ap.add_argument("--only", default="", help="run only cases whose name contains this text")
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "bench-linear"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `swift build -c release --product bench-linear` first")
    df = pd.read_csv(args.matrix)
    x = df[[f"f{i}" for i in range(46)]].to_numpy(float)
    y = df[["valence", "arousal"]].to_numpy(float)
    fold = df[args.folds].to_numpy(int)
    print(f"{len(df)} rows x {x.shape[1]} features, folds from `{args.folds}`, best of {args.repeat}")
    print(f"{'model':20} {'r sklearn (v, a)':>20} {'r labbook (v, a)':>20} {'s sklearn':>10} {'s labbook':>10} {'ratio':>7}")
    for name, make, cli in CASES:
        if args.only not in name:
            continue
        sk, lb = [], []
        for _ in range(args.repeat):  # interleaved, so both sides see the same machine load
            sk.append(sklearn_run(make, x, y, fold))
            lb.append(labbook_run(args.binary, args.matrix, cli, args.folds))
        sk_s, sk_r = min(s for s, _ in sk), sk[0][1]
        lb_s, lb_r = min(s for s, _ in lb), lb[0][1]
        print(f"{name:20} {sk_r[0]:9.4f} {sk_r[1]:9.4f}  {lb_r[0]:9.4f} {lb_r[1]:9.4f}  {sk_s:10.3f} {lb_s:10.3f} {lb_s / sk_s:7.2f}")


if __name__ == "__main__":
    main()
