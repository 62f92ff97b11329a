"""Generates the scikit-learn reference fixtures for the preprocess tests.

Inputs are seeded random data; every expected value is computed by scikit-learn 1.9.
Run from the repository root:  python3 Tests/LearnTests/Fixtures/make_preprocess.py
"""
import json
import os

import numpy as np
import sklearn
from scipy import sparse
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "preprocess")
os.makedirs(OUT, exist_ok=True)


def nan_to_none(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(a, dtype=float)]


def dump(name, payload):
    payload["sklearn_version"] = sklearn.__version__
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))


rng = np.random.default_rng(20240601)

# Imputers and scalers: 40 x 5 with ~20% missing; column 2 integer-valued (ties for most_frequent),
# column 4 constant (zero-variance scaling).
x = rng.normal(size=(40, 5)) * [1, 10, 1, 1000, 1] + [0, 5, 0, -300, 0]
x[:, 2] = rng.integers(0, 4, size=40)
x[:, 4] = 3.25
x[rng.random((40, 5)) < 0.2] = np.nan
imputers = {}
for strategy, kw in [("mean", {}), ("median", {}), ("most_frequent", {}), ("constant", {"fill_value": 7.5})]:
    imp = SimpleImputer(strategy=strategy, keep_empty_features=True, **kw).fit(x)
    imputers[strategy] = {"statistics": imp.statistics_.tolist(), "transformed": imp.transform(x).tolist()}
filled = SimpleImputer(strategy="median").fit_transform(x)
std = StandardScaler().fit(filled)
mm = MinMaxScaler().fit(filled)
std_nan = StandardScaler().fit(x)
dump("impute_scale.json", {
    "x": nan_to_none(x),
    "imputers": imputers,
    "standard": {"mean": std.mean_.tolist(), "scale": std.scale_.tolist(), "transformed": std.transform(filled).tolist()},
    "minmax": {"transformed": mm.transform(filled).tolist()},
    "standard_with_nan": {"mean": std_nan.mean_.tolist(), "scale": std_nan.scale_.tolist(),
                          "transformed": nan_to_none(std_nan.transform(x))},
})

# PCA: 300 x 8 correlated Gaussian.
mix = rng.normal(size=(8, 8)) * np.array([5, 3, 2, 1.5, 1, 0.5, 0.2, 0.1])[:, None]
xp = rng.normal(size=(300, 8)) @ mix + rng.normal(size=8) * 10
full = PCA(n_components=8, svd_solver="covariance_eigh").fit(xp)
frac = PCA(n_components=0.9, svd_solver="covariance_eigh").fit(xp)
dump("pca.json", {
    "x": xp.tolist(),
    "explained_variance_ratio": full.explained_variance_ratio_.tolist(),
    "explained_variance": full.explained_variance_.tolist(),
    "components": full.components_.tolist(),
    "mean": full.mean_.tolist(),
    "transformed_head": full.transform(xp[:10]).tolist(),
    "fraction": 0.9,
    "fraction_n_components": int(frac.n_components_),
})

# TruncatedSVD: 500 x 60 sparse binary "tag" matrix with latent topics (Zipf-ish popularity).
n, d, topics = 500, 60, 6
popularity = 1.0 / np.arange(1, d + 1) ** 0.7
topic_tags = [rng.choice(d, size=12, replace=False, p=popularity / popularity.sum()) for _ in range(topics)]
rows = np.zeros((n, d))
for i in range(n):
    t = rng.integers(0, topics)
    rows[i, rng.choice(topic_tags[t], size=rng.integers(1, 5), replace=False)] = 1
    if rng.random() < 0.3:
        rows[i, rng.integers(0, d)] = 1
    if rng.random() < 0.1:
        rows[i] = 0  # unmatched artist: no tags
a = sparse.csr_matrix(rows)
arpack = TruncatedSVD(n_components=8, algorithm="arpack", random_state=0).fit(a)
randomized = TruncatedSVD(n_components=8, algorithm="randomized", random_state=0).fit(a)
dump("tsvd.json", {
    "x": rows.astype(int).tolist(),
    "n_components": 8,
    "singular_values": arpack.singular_values_.tolist(),
    "explained_variance_ratio": arpack.explained_variance_ratio_.tolist(),
    "components": arpack.components_.tolist(),
    "randomized_singular_values": randomized.singular_values_.tolist(),
})

# TF-IDF of a multi-hot matrix (smooth idf, l2 rows), including an all-zero row.
counts = (rng.random((12, 7)) < 0.35).astype(float)
counts[3] = 0
tfidf = TfidfTransformer().fit(counts)
dump("tfidf.json", {
    "x": counts.astype(int).tolist(),
    "idf": tfidf.idf_.tolist(),
    "transformed": tfidf.transform(counts).toarray().tolist(),
})
# Numeric block as a pipeline: log1p on column 1, median imputation with missing indicators, standard scaling;
# fitted on the training rows only, applied to the held-out rows.
from sklearn.impute import MissingIndicator

xn = rng.normal(size=(50, 3)) * [2, 1, 5] + [1, 0, -3]
xn[:, 1] = rng.lognormal(mean=3, sigma=1, size=50)
xn[rng.random((50, 3)) < 0.15] = np.nan
xn[0, 2] = np.nan  # make sure column 2 has a missing training cell
train = rng.permutation(50)[:35]
test = np.setdiff1d(np.arange(50), train)
logged = xn.copy()
logged[:, 1] = np.log1p(logged[:, 1])
imp = SimpleImputer(strategy="median").fit(logged[train])
ind = MissingIndicator(features="missing-only").fit(logged[train])
outputs = {}
for name, scaler in [("standard", StandardScaler()), ("minmax", MinMaxScaler())]:
    scaler.fit(imp.transform(logged[train]))
    outputs[name] = np.hstack([scaler.transform(imp.transform(logged[test])), ind.transform(logged[test])]).tolist()
dump("numeric_pipeline.json", {
    "x": nan_to_none(xn),
    "train": train.tolist(),
    "test": test.tolist(),
    "indicator_features": ind.features_.tolist(),
    "outputs": outputs,
})
print("wrote", sorted(os.listdir(OUT)))
