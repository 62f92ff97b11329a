#!/usr/bin/env python3
"""Side-by-side: scikit-learn KMeans / MLPRegressor vs labbook's (bench-neural) on the same matrix and folds.

Needs /tmp/labbook-bench/matrix.csv from benchmarks/make_matrix.py and a release build:
    swift build -c release --product bench-neural
    python3 benchmarks/bench_neural.py [--matrix /tmp/labbook-bench/matrix.csv] [--only kmeans|mlp]

KMeans: k = 8, n_init = 10, on all 18,644 rows of the 46 standardized features.
MLP: (128, 64), ReLU, Adam lr 1e-3, batch 64, 30 epochs (no early stopping), pooled out-of-fold
predictions over the KFold(5, shuffle, seed 0) folds in the matrix. scikit-learn fits the raw targets
(already roughly standardized); labbook standardizes them itself.
"""
import argparse, json, os, subprocess, sys, time, warnings
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor


def sklearn_kmeans(x):
    t0 = time.perf_counter()
    km = KMeans(n_clusters=8, n_init=10, random_state=0).fit(x)
    return {"kmeans_seconds": time.perf_counter() - t0, "kmeans_inertia": float(km.inertia_),
            "kmeans_iterations": int(km.n_iter_)}


def sklearn_mlp(x, y, folds):
    pooled = np.zeros_like(y)
    t0 = time.perf_counter()
    for k in range(5):
        train, test = folds != k, folds == k
        m = MLPRegressor(hidden_layer_sizes=(128, 64), activation="relu", solver="adam", learning_rate_init=1e-3,
                         batch_size=64, max_iter=30, random_state=k)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            m.fit(x[train], y[train])
        pooled[test] = m.predict(x[test])
    seconds = time.perf_counter() - t0
    return {"mlp_seconds": seconds, "mlp_r_valence": float(np.corrcoef(pooled[:, 0], y[:, 0])[0, 1]),
            "mlp_r_arousal": float(np.corrcoef(pooled[:, 1], y[:, 1])[0, 1])}


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--matrix", default="/tmp/labbook-bench/matrix.csv")
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "bench-neural"))
    ap.add_argument("--only", choices=["kmeans", "mlp"], default=None)
    ap.add_argument("--blas-threads", type=int, default=None,
                    help="cap numpy's BLAS/OpenMP threads (threadpoolctl); on a loaded machine the default "
                         "spinning BLAS threads can make scikit-learn's MLP many times slower")
    args = ap.parse_args()
    if args.blas_threads:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.blas_threads)
    if not os.path.exists(args.matrix):
        sys.exit(f"{args.matrix} not found: run benchmarks/make_matrix.py first")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: swift build -c release --product bench-neural")
    df = pd.read_csv(args.matrix)
    x = df[[c for c in df.columns if c.startswith("f") and c[1:].isdigit()]].to_numpy()
    y = df[["valence", "arousal"]].to_numpy()
    folds = df["fold"].to_numpy()
    mode = args.only or "all"
    ref = {}
    if mode in ("all", "kmeans"):
        ref.update(sklearn_kmeans(x))
    if mode in ("all", "mlp"):
        ref.update(sklearn_mlp(x, y, folds))
    out = subprocess.run([args.binary, args.matrix, mode], capture_output=True, text=True, check=True)
    ours = json.loads(out.stdout)
    print(f"rows {x.shape[0]}, features {x.shape[1]}, labbook workers {int(ours['workers'])}, "
          f"scikit-learn BLAS threads {args.blas_threads or 'default'}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'metric':<22}{'scikit-learn':>14}{'labbook':>14}{'ratio/diff':>14}")
    for key in sorted(ref):
        a, b = ref[key], ours.get(key, float("nan"))
        if key.endswith("seconds"):
            extra = f"{b / a:.3f}x"
        elif key.startswith("mlp_r"):
            extra = f"{b - a:+.4f}"
        elif key == "kmeans_inertia":
            extra = f"{(b - a) / a:+.3%}"
        else:
            extra = ""
        print(f"{key:<22}{a:>14.4f}{b:>14.4f}{extra:>14}")
    if "mlp_mean_epochs" in ours:
        print(f"labbook mean epochs per fold: {ours['mlp_mean_epochs']:.1f}")


if __name__ == "__main__":
    main()
