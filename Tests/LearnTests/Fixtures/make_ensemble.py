"""Generates the scikit-learn reference fixture for stacking and voting.

StackingRegressor (Ridge(alpha=10) and KNeighborsRegressor(7) base models, Ridge(alpha=1) final estimator,
cv=KFold(5) without shuffling) and VotingRegressor on seeded random data, one target at a time; plus the
meta-model alone on given base predictions. Computed by scikit-learn (1.9).
Run from the repository root:  python3 Tests/LearnTests/Fixtures/make_ensemble.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import StackingRegressor, VotingRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.neighbors import KNeighborsRegressor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ensemble")
os.makedirs(OUT, exist_ok=True)

rng = np.random.default_rng(1818)
n, n_test, d = 203, 41, 6
x = rng.normal(size=(n, d))
x_test = rng.normal(size=(n_test, d))
w = rng.normal(size=(d, 2))
y = np.column_stack([np.sin(x[:, 0]) * 2 + x @ w[:, 0], x[:, 1] ** 2 + x @ w[:, 1]]) + rng.normal(0, 0.3, size=(n, 2))


def bases():
    return [("ridge", Ridge(alpha=10.0)), ("knn", KNeighborsRegressor(n_neighbors=7))]


stacking, voting = [], []
for t in range(2):
    stack = StackingRegressor(estimators=bases(), final_estimator=Ridge(alpha=1.0), cv=KFold(5)).fit(x, y[:, t])
    stacking.append(stack.predict(x_test).tolist())
    vote = VotingRegressor(estimators=bases(), weights=[2.0, 1.0]).fit(x, y[:, t])
    voting.append(vote.predict(x_test).tolist())

# The meta-model alone, on given base predictions (out-of-fold for training, anything for the test rows).
base_oof = rng.normal(size=(n, 3)) + y[:, :1]
base_test = rng.normal(size=(n_test, 3))
meta = Ridge(alpha=1.0).fit(base_oof, y[:, 0]).predict(base_test)

with open(os.path.join(OUT, "stacking.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "x": x.tolist(), "y": y.tolist(), "x_test": x_test.tolist(),
               "stacking": stacking, "voting": voting, "base_oof": base_oof.tolist(), "base_test": base_test.tolist(),
               "meta": meta.tolist()}, f)
print("wrote", OUT)
