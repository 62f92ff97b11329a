#!/usr/bin/env python3
"""Fixtures for the KMeans / silhouette tests (scikit-learn 1.9 as the reference).

Writes Tests/LearnTests/Fixtures/neural/silhouette.json: 150 rows of 4 overlapping Gaussian blobs in
5 dimensions, two labelings (scikit-learn KMeans k=4 and an arbitrary labeling with 3 clusters), their
silhouette_score, and scikit-learn's KMeans(k=4, n_init=10) inertia on the same rows.
Usage: python3 Tests/LearnTests/Fixtures/make_neural.py
"""
import json, os
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

here = os.path.dirname(os.path.abspath(__file__))
x, _ = make_blobs(n_samples=150, n_features=5, centers=4, cluster_std=2.5, random_state=3)
km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(x)
arbitrary = (np.arange(150) * 7 % 3).astype(int)
out = {
    "x": x.round(12).tolist(),
    "kmeans_labels": km.labels_.tolist(),
    "kmeans_silhouette": float(silhouette_score(x, km.labels_)),
    "kmeans_inertia": float(km.inertia_),
    "arbitrary_labels": arbitrary.tolist(),
    "arbitrary_silhouette": float(silhouette_score(x, arbitrary)),
}
os.makedirs(os.path.join(here, "neural"), exist_ok=True)
with open(os.path.join(here, "neural", "silhouette.json"), "w") as f:
    json.dump(out, f)
print({k: v for k, v in out.items() if not isinstance(v, list)})
