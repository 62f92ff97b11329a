"""Writes linear/*.json: scikit-learn reference fits for the LinearRegression, Ridge, Lasso and kNN tests.

Run from this folder: python3 make_linear.py
"""
import json
import numpy as np
from sklearn.linear_model import LinearRegression, Ridge, Lasso
from sklearn.neighbors import KNeighborsRegressor

rng = np.random.default_rng(7)
n, d, t = 60, 6, 2
X = rng.normal(size=(n, d)) * np.array([1.0, 2.0, 0.5, 3.0, 1.0, 0.1]) + np.array([0, 1, -2, 5, 0, 3])
W = rng.normal(size=(d, t))
Y = X @ W + np.array([1.5, -0.5]) + rng.normal(scale=0.8, size=(n, t))
Xq = rng.normal(size=(15, d)) * 1.5 + np.array([0, 1, -2, 5, 0, 3])


def linear(model):
    model.fit(X, Y)
    return {"coef": np.asarray(model.coef_).T.tolist(), "intercept": np.atleast_1d(model.intercept_).tolist(),
            "predict": model.predict(Xq).tolist()}


out = {"x": X.tolist(), "y": Y.tolist(), "query": Xq.tolist(),
       "linear_regression": linear(LinearRegression()),
       "ridge_1": linear(Ridge(alpha=1.0)),
       "ridge_25": linear(Ridge(alpha=25.0)),
       "lasso_0.1_tight": linear(Lasso(alpha=0.1, tol=1e-12, max_iter=100000)),
       "lasso_0.5_tight": linear(Lasso(alpha=0.5, tol=1e-12, max_iter=100000)),
       "lasso_0.1_default": linear(Lasso(alpha=0.1)),
       }
for k, w in [(1, "uniform"), (3, "uniform"), (5, "distance"), (60, "uniform")]:
    m = KNeighborsRegressor(n_neighbors=k, weights=w).fit(X, Y)
    out[f"knn_{k}_{w}"] = {"predict": m.predict(Xq).tolist(),
                           "neighbors": m.kneighbors(Xq, return_distance=False).tolist()}
with open("linear/reference.json", "w") as f:
    json.dump(out, f, indent=1)
