#!/usr/bin/env python3
"""Side-by-side: scikit-learn TargetEncoder / TfidfVectorizer / StackingRegressor vs labbook's bench-encoding.

Both sides use the same rows and folds: the Deezer songs in the order of benchmarks/make_matrix.py with its `fold`
column (KFold(5, shuffle=True, random_state=0)). Target encoding: artist_name, smooth="auto", cv=5 cross-fitting of
each training fold plus the full-fit encoding of its test rows, both targets. TF-IDF: track_name, fit on each training
fold, transform training and test rows. Stacking: ridge (alpha 1) + kNN (25, distance) with a Ridge(alpha=1) final
estimator, cv=KFold(5), one target at a time, on the 46-feature matrix. Prints a check per side (pooled r, or the
vocabulary size and the sum of the TF-IDF values), seconds, and the ratio labbook / scikit-learn (below 1: faster).
Usage: python3 benchmarks/bench_encoding.py [--matrix /tmp/labbook-bench/matrix.csv] [--repeat 3] [--only NAME]
Build first: swift build -c release --product bench-encoding (and run make_matrix.py once).
"""
import argparse, json, os, subprocess, sys, time
import numpy as np
import pandas as pd
from sklearn.ensemble import StackingRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.neighbors import KNeighborsRegressor
from sklearn.preprocessing import TargetEncoder


def text_table(data, matrix, out):
    """artist, track_name, targets and the matrix's folds, rows in the matrix's order (deezer train, validation, test)."""
    songs = pd.concat([pd.read_csv(os.path.join(data, "deezer", f"{s}.csv")) for s in ["train", "validation", "test"]],
                      ignore_index=True)
    m = pd.read_csv(matrix, usecols=["valence", "arousal", "fold"])
    assert len(songs) == len(m) and np.allclose(songs["valence"], m["valence"]), "matrix rows are not the songs' order"
    t = pd.DataFrame({"artist": songs["artist_name"], "track_name": songs["track_name"],
                      "valence": songs["valence"], "arousal": songs["arousal"], "fold": m["fold"]})
    t.to_csv(out, index=False)
    return t


def folds(fold):
    return [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(fold.max() + 1)]


def sk_target_encoding(t):
    x = t[["artist"]].to_numpy(object)
    y = t[["valence", "arousal"]].to_numpy(float)
    pooled = np.zeros_like(y)
    start = time.perf_counter()
    for f, (train, test) in enumerate(folds(t["fold"].to_numpy(int))):
        for k in range(2):
            enc = TargetEncoder(smooth="auto", target_type="continuous", cv=KFold(5, shuffle=True, random_state=f))
            enc.fit_transform(x[train], y[train, k])
            pooled[test, k] = enc.transform(x[test])[:, 0]
    seconds = time.perf_counter() - start
    return seconds, [float(np.corrcoef(y[:, k], pooled[:, k])[0, 1]) for k in range(2)]


def sk_tfidf(t, analyzer, lo, hi, min_df):
    titles = t["track_name"].fillna("").to_numpy(object)
    vocabulary, total = 0, 0.0
    start = time.perf_counter()
    for f, (train, test) in enumerate(folds(t["fold"].to_numpy(int))):
        vec = TfidfVectorizer(analyzer=analyzer, ngram_range=(lo, hi), min_df=min_df, sublinear_tf=True)
        a = vec.fit_transform(titles[train])
        b = vec.transform(titles[test])
        if f == 0:
            vocabulary = len(vec.vocabulary_)
        total += a.sum() + b.sum()
    return time.perf_counter() - start, [vocabulary, float(total)]


def sk_stacking(matrix):
    df = pd.read_csv(matrix)
    x = df[[c for c in df.columns if c[0] == "f" and c[1:].isdigit()]].to_numpy(float)
    y = df[["valence", "arousal"]].to_numpy(float)
    pooled = np.zeros_like(y)
    start = time.perf_counter()
    for train, test in folds(df["fold"].to_numpy(int)):
        for k in range(2):
            model = StackingRegressor([("ridge", Ridge(alpha=1.0)), ("knn", KNeighborsRegressor(25, weights="distance"))],
                                      final_estimator=Ridge(alpha=1.0), cv=KFold(5))
            pooled[test, k] = model.fit(x[train], y[train, k]).predict(x[test])
    seconds = time.perf_counter() - start
    return seconds, [float(np.corrcoef(y[:, k], pooled[:, k])[0, 1]) for k in range(2)]


def labbook(binary, args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True)
    res = json.loads(out.stdout)
    return res["seconds"], res["check"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--matrix", default="/tmp/labbook-bench/matrix.csv")
    ap.add_argument("--text", default="/tmp/labbook-bench/text.csv")
    ap.add_argument("--repeat", type=int, default=3, help="best of N timings per side")
    ap.add_argument("--only", default="", help="run only cases whose name contains this text")
    ap.add_argument("--binary", default=os.path.join(here, "..", ".build", "release", "bench-encoding"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `swift build -c release --product bench-encoding` first")
    if not os.path.exists(args.matrix):
        sys.exit(f"{args.matrix} not found: run `python3 benchmarks/make_matrix.py` first")
    t = text_table(args.data, args.matrix, args.text)
    cases = [
        ("target encoding", lambda: sk_target_encoding(t), ["target_encoding", args.text]),
        ("tfidf word 1-2", lambda: sk_tfidf(t, "word", 1, 2, 2), ["tfidf", args.text, "word", "1", "2", "2"]),
        ("tfidf char_wb 2-4", lambda: sk_tfidf(t, "char_wb", 2, 4, 5), ["tfidf", args.text, "char_wb", "2", "4", "5"]),
        ("stacking ridge+knn", lambda: sk_stacking(args.matrix), ["stacking", args.matrix]),
    ]
    print(f"{len(t)} rows, folds from `fold`, best of {args.repeat}")
    print(f"{'case':20} {'check sklearn':>24} {'check labbook':>24} {'s sklearn':>10} {'s labbook':>10} {'ratio':>7}")
    for name, sk_run, cli in cases:
        if args.only not in name:
            continue
        sk, lb = [], []
        for _ in range(args.repeat):  # interleaved, so both sides see the same machine load
            sk.append(sk_run())
            lb.append(labbook(args.binary, cli))
        sk_s, sk_c = min(s for s, _ in sk), sk[0][1]
        lb_s, lb_c = min(s for s, _ in lb), lb[0][1]
        fmt = lambda c: " ".join(f"{v:11.4f}" if abs(v) < 1e4 else f"{v:11.0f}" for v in c)
        print(f"{name:20} {fmt(sk_c):>24} {fmt(lb_c):>24} {sk_s:10.3f} {lb_s:10.3f} {lb_s / sk_s:7.2f}")


if __name__ == "__main__":
    main()
