#!/usr/bin/env python3
"""Generate the wide benchmark matrices (synthetic, seeded) for the side-by-side tree benchmarks.

Three shapes, each written as /tmp/labbook-bench/SHAPE.csv with the columns make_matrix.py writes
(f0..fN, valence, arousal, fold = KFold(5, shuffle=True, random_state=0)), so bench_trees.py and
bench-trees read them unchanged:

  onehot    4,177 x 190: 45 dense numeric columns (a few median-imputed, so one value repeats) and a
            145-level categorical column one-hot encoded (Zipf-like level frequencies), the shape of
            a cross-corpus experiment with a categorical genre column.
  multihot  8,000 x 314: 14 dense numeric columns and 300 sparse binary tag columns (each row has a
            Poisson(3) number of tags drawn with Zipf-like popularity).
  dense500  3,000 x 500: 500 dense Gaussian columns, 20 of them informative.

The targets mix smooth effects of a few numeric columns, per-level / per-tag effects and noise, so trees
have real structure to find. Usage: python3 benchmarks/make_wide.py [--out-dir /tmp/labbook-bench] [SHAPE...]
"""
import argparse, os
import numpy as np
import pandas as pd
from sklearn.model_selection import KFold


def zipf_probabilities(k, a, rng):
    p = 1.0 / np.arange(1, k + 1) ** a
    rng.shuffle(p)
    return p / p.sum()


def targets(signal_v, signal_a, rng):
    n = len(signal_v)
    return signal_v + 0.5 * rng.standard_normal(n), signal_a + 0.5 * rng.standard_normal(n)


def onehot(rng):
    n, dense, levels = 4177, 45, 145
    num = rng.standard_normal((n, dense))
    for c in range(0, 10):  # median-imputed columns: a share of rows holds one repeated value
        gone = rng.random(n) < 0.3 + 0.04 * c
        num[gone, c] = np.median(num[~gone, c])
    level = rng.choice(levels, size=n, p=zipf_probabilities(levels, 1.1, rng))
    hot = np.zeros((n, levels))
    hot[np.arange(n), level] = 1
    effect_v, effect_a = rng.normal(0, 0.6, levels), rng.normal(0, 0.6, levels)
    v = np.tanh(num[:, 0]) + 0.5 * num[:, 1] * num[:, 2] + effect_v[level]
    a = 0.7 * num[:, 3] - np.abs(num[:, 4]) + effect_a[level]
    return np.hstack([num, hot]), *targets(v, a, rng)


def multihot(rng):
    n, dense, tags = 8000, 14, 300
    num = rng.standard_normal((n, dense))
    popularity = zipf_probabilities(tags, 0.9, rng)
    hot = np.zeros((n, tags))
    for r, k in enumerate(np.minimum(rng.poisson(3, n), tags)):
        hot[r, rng.choice(tags, size=k, replace=False, p=popularity)] = 1
    effect_v, effect_a = rng.normal(0, 0.3, tags), rng.normal(0, 0.3, tags)
    v = np.tanh(num[:, 0]) + hot @ effect_v
    a = 0.5 * num[:, 1] - 0.3 * num[:, 2] ** 2 + hot @ effect_a
    return np.hstack([num, hot]), *targets(v, a, rng)


def dense500(rng):
    n, d = 3000, 500
    x = rng.standard_normal((n, d))
    w_v, w_a = rng.normal(0, 0.3, 20), rng.normal(0, 0.3, 20)
    v = x[:, :20] @ w_v + np.tanh(x[:, 20] * x[:, 21])
    a = x[:, 10:30] @ w_a - 0.5 * np.abs(x[:, 30])
    return x, *targets(v, a, rng)


SHAPES = {"onehot": onehot, "multihot": multihot, "dense500": dense500}


def write(path, x, v, a):
    out = pd.DataFrame(x, columns=[f"f{i}" for i in range(x.shape[1])])
    out["valence"], out["arousal"] = v, a
    fold = np.zeros(len(out), dtype=int)
    for k, (_, test) in enumerate(KFold(5, shuffle=True, random_state=0).split(x)):
        fold[test] = k
    out["fold"] = fold
    out.to_csv(path, index=False, float_format="%.17g")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", default="/tmp/labbook-bench")
    ap.add_argument("shapes", nargs="*", default=list(SHAPES))
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for name in args.shapes:
        x, v, a = SHAPES[name](np.random.default_rng(1000 + list(SHAPES).index(name)))
        path = os.path.join(args.out_dir, f"{name}.csv")
        write(path, x, v, a)
        print(f"wrote {path}: {x.shape[0]} x {x.shape[1]}")


if __name__ == "__main__":
    main()
