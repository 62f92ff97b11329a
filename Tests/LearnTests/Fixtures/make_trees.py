#!/usr/bin/env python3
"""Reference values from scikit-learn for the tree tests (Tests/LearnTests/Trees, Tests/LearnTests/Boosting).

Writes Fixtures/trees/trees.json: seeded synthetic data (NaN written as null), predictions of
DecisionTreeRegressor (exact, compared tightly), RandomForestRegressor and HistGradientBoostingRegressor
(compared by test MSE within a tolerance), and the HGB binner's thresholds.
Usage: python3 Tests/LearnTests/Fixtures/make_trees.py
"""
import json, os
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.tree import DecisionTreeRegressor

rng = np.random.default_rng(0)
n_train, n_test, d = 600, 200, 6
x = rng.uniform(-1, 1, size=(n_train + n_test, d))
y = np.column_stack([
    np.sin(3 * x[:, 0]) + x[:, 1] ** 2 + 0.3 * x[:, 2] * x[:, 3] + 0.1 * rng.normal(size=len(x)),
    np.where(x[:, 4] > 0.2, 1.0, -0.5) + 0.5 * x[:, 0] + 0.1 * rng.normal(size=len(x)),
])
xtr, xte, ytr, yte = x[:n_train], x[n_train:], y[:n_train], y[n_train:]

# A copy with missing values in feature 0 (25% of rows), where missingness itself carries signal.
xm = x.copy()
miss = rng.uniform(size=len(x)) < 0.25
xm[miss, 0] = np.nan
ym = np.where(miss, 2.0, np.sin(3 * x[:, 0])) + x[:, 1] + 0.1 * rng.normal(size=len(x))
xmtr, xmte, ymtr, ymte = xm[:n_train], xm[n_train:], ym[:n_train], ym[n_train:]


def mse(p, t):
    return float(np.mean((p - t) ** 2))


def lst(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in np.atleast_2d(a)]


out = {"x_train": lst(xtr), "y_train": lst(ytr), "x_test": lst(xte), "y_test": lst(yte),
       "xm_train": lst(xmtr), "ym_train": ymtr.tolist(), "xm_test": lst(xmte), "ym_test": ymte.tolist()}

dt = DecisionTreeRegressor(max_depth=3, random_state=0).fit(xtr, ytr)
out["dt_depth3_pred"] = lst(dt.predict(xte))
dt = DecisionTreeRegressor(min_samples_leaf=5, min_samples_split=12, random_state=0).fit(xtr, ytr)
out["dt_leaf5_pred"] = lst(dt.predict(xte))

rf = RandomForestRegressor(n_estimators=100, min_samples_leaf=3, max_features=0.5, random_state=0).fit(xtr, ytr)
out["rf_test_mse"] = [mse(rf.predict(xte)[:, t], yte[:, t]) for t in range(2)]

hgb_params = dict(max_iter=50, max_leaf_nodes=15, learning_rate=0.1, min_samples_leaf=10, early_stopping=False)
preds, mses = [], []
for t in range(2):
    m = HistGradientBoostingRegressor(**hgb_params).fit(xtr, ytr[:, t])
    p = m.predict(xte)
    preds.append(p.tolist())
    mses.append(mse(p, yte[:, t]))
out["hgb_params"] = hgb_params
out["hgb_pred"] = preds
out["hgb_test_mse"] = mses
out["hgb_thresholds"] = [t.tolist() for t in m._bin_mapper.bin_thresholds_]

m = HistGradientBoostingRegressor(**hgb_params).fit(xmtr, ymtr)
out["hgb_missing_pred"] = m.predict(xmte).tolist()
out["hgb_missing_test_mse"] = mse(m.predict(xmte), ymte)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trees", "trees.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, {k: v for k, v in out.items() if k.endswith("mse")})
