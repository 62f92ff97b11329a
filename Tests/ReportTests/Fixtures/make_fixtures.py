"""Writes the synthetic RunResults fixtures used by ReportTests.

These are fixtures, not results: every value is drawn from a seeded generator so that the report
renderer has realistic shapes to draw (5 models, 2 targets, 3 protocols, k = 2..10, 2 reductions,
MLP curves, ~300 scatter points). Run from this folder:  python3 make_fixtures.py
"""
import hashlib
import json
import math

import numpy as np

rng = np.random.default_rng(20261125)
TARGETS = ["valence", "arousal"]


def r4(x):
    return float(round(float(x), 4))


def protocols(names):
    all_protocols = {
        "random_kfold": dict(name="random_kfold", kind="kfold", folds=5, column=None,
                             description="5-fold cross-validation, rows shuffled at random"),
        "artist_kfold": dict(name="artist_kfold", kind="group_kfold", folds=5, column="artist_name",
                             description="5-fold cross-validation grouped by artist: no artist on both sides"),
        "official": dict(name="official", kind="predefined", folds=1, column="split",
                         description="the authors' split: train + validation to fit, test to score"),
    }
    return [all_protocols[n] for n in names]


def metrics(n, r):
    r2 = r * r - rng.uniform(0.005, 0.02)
    return dict(n=int(n), pearson=r4(r), spearman=r4(r - rng.uniform(0.0, 0.02)), r2=r4(r2),
                rmse=r4(math.sqrt(max(1e-6, 1 - r2))), mae=r4(0.8 * math.sqrt(max(1e-6, 1 - r2))))


def model_result(model, kind, proto, target, r, n, benchmark, params=None, curves=None):
    folds = proto["folds"]
    fold_rs = [r + rng.normal(0, 0.015) for _ in range(folds)]
    fold_metrics = [metrics(n // folds, fr) for fr in fold_rs]
    half = 1.96 * math.sqrt((1 - r * r) ** 2 / n) + 0.004
    return dict(
        model=model, kind=kind, protocolName=proto["name"], target=target,
        pooled=metrics(n, r), pearsonCI=[r4(r - half), r4(r + half)], folds=fold_metrics,
        foldPearsonMean=r4(np.mean(fold_rs)), foldPearsonSD=r4(np.std(fold_rs, ddof=1) if folds > 1 else 0.0),
        bestParams=[params or {} for _ in range(folds)] if params else [],
        passesBenchmark=bool(r >= benchmark), seconds=r4(rng.uniform(2, 60)), curves=curves or {})


def loss_curves(epochs, start, end):
    t = np.arange(epochs)
    train = end + (start - end) * np.exp(-t / (epochs / 5)) + rng.normal(0, 0.004, epochs)
    val = train + 0.02 + 0.0006 * t + rng.normal(0, 0.006, epochs)
    return {"train_loss": [r4(v) for v in train], "validation_loss": [r4(v) for v in val]}


def evaluation(model_specs, proto_names, n, benchmark=0.4, points=300):
    protos = protocols(proto_names)
    models, comparisons, best = [], [], []
    for proto in protos:
        for ti, target in enumerate(TARGETS):
            rs = {}
            for (model, kind, base, shift, params, curves) in model_specs:
                r = base[ti] - shift[proto["name"]] + rng.normal(0, 0.003)
                rs[model] = r
                models.append(model_result(model, kind, proto, target, r, n, benchmark, params, curves))
            winner = max(rs, key=rs.get)
            for other in rs:
                if other == winner:
                    continue
                d = rs[winner] - rs[other]
                width = 0.012 + 0.01 * rng.uniform()
                p = math.erfc(abs(d) / width * 1.96 / math.sqrt(2))  # two-sided: p < 0.05 exactly when the interval excludes 0
                comparisons.append(dict(protocolName=proto["name"], target=target, best=winner, other=other,
                                        difference=r4(d), ci=[r4(d - width), r4(d + width)], pValue=r4(p)))
            actual = rng.normal(0, 1, points)
            r = rs[winner]
            predicted = r * 0.6 * actual + math.sqrt(1 - r * r) * 0.6 * rng.normal(0, 1, points)
            best.append(dict(protocolName=proto["name"], target=target, model=winner,
                             actual=[r4(v) for v in actual], predicted=[r4(v) for v in predicted]))
    cov = [[1.0, 0.22], [0.22, 1.0]]
    values = rng.multivariate_normal([0, 0], cov, 600)
    return dict(targets=TARGETS, benchmark=benchmark, protocols=protos, models=models, comparisons=comparisons,
                bestPredictions=best, targetValues=[[r4(v) for v in values[:, 0]], [r4(v) for v in values[:, 1]]])


def data_file(path, size):
    return dict(path=path, sha256=hashlib.sha256(path.encode()).hexdigest(), bytes=size)


def provenance(seed, steps, configs, overrides, commit):
    return dict(labbookVersion="0.1.0", seed=seed, gitCommit=commit,
                dataFiles=[data_file("deezer/train.csv", 1303522), data_file("deezer/validation.csv", 447310),
                           data_file("deezer/test.csv", 406871), data_file("spotify/artists.csv", 4129877)],
                overrides=overrides,
                stepDurations=[dict(step=s, seconds=r4(sec), cached=c) for (s, sec, c) in steps],
                cores=2, totalSeconds=r4(sum(sec for (_, sec, _) in steps) + 0.41),
                timestamp="2026-11-25T00:30:00Z", configs=configs)


LOAD = dict(
    sources=[dict(name="deezer", files=[dict(name="deezer/train.csv", count=11267),
                                        dict(name="deezer/validation.csv", count=3863),
                                        dict(name="deezer/test.csv", count=3514)], rows=18644, skippedRows=0),
             dict(name="spotify", files=[dict(name="spotify/artists.csv", count=22727)], rows=22727, skippedRows=3)],
    splits=[dict(name="train", count=11267), dict(name="validation", count=3863), dict(name="test", count=3514)],
    rows=18644, columns=27,
    join=dict(left="deezer", right="spotify", how="left", normalize=["case", "accents", "punctuation", "leading_the"],
              leftRows=18644, matchedRows=13844, matchRate=13844 / 18644, rightDuplicateKeysDropped=41),
    missing=[dict(name=c, count=4800) for c in ["acousticness", "danceability", "energy", "genres", "loudness", "tempo"]],
    targets=[dict(name="valence", mean=0.0012, sd=1.0007, min=-2.4571, max=2.7113),
             dict(name="arousal", mean=-0.0031, sd=0.9989, min=-2.8316, max=3.1047)],
    renamed=[dict(**{"from": "valence", "to": "valence_spotify"})])

CLEAN = dict(
    featuresBefore=1021, featuresAfter=45,
    transforms=["median imputation of 13 numeric columns", "standard scaling of 13 numeric columns",
                "PCA of the audio features: 13 → 8 components",
                "multi-hot genre tags (1,000 most frequent) → truncated SVD: 32 components"],
    imputed=[dict(name=c, count=3577) for c in ["acousticness", "danceability", "energy", "loudness", "tempo"]],
    tagsKept=1000,
    reductions=[
        dict(name="audio", method="pca", inputs=13, components=8,
             explainedVarianceRatio=[r4(v) for v in [0.2914, 0.1622, 0.1103, 0.0871, 0.0752, 0.0633, 0.0551, 0.0432]]),
        dict(name="tags", method="truncated_svd", inputs=1000, components=32,
             explainedVarianceRatio=[r4(0.09 * math.exp(-i / 9) + 0.004) for i in range(32)])])

inertia = [r4(41000 * k ** -0.62 + 900 * rng.uniform()) for k in range(2, 11)]
silhouette = [0.211, 0.238, 0.263, 0.241, 0.219, 0.204, 0.196, 0.188, 0.181]
CLUSTER = dict(candidates=[dict(k=k, inertia=inertia[i], silhouette=silhouette[i]) for i, k in enumerate(range(2, 11))],
               rule="silhouette", chosenK=4, features=["audio_pc1", "audio_pc2", "audio_pc3", "audio_pc4"],
               sizes=[5120, 3981, 2799, 1944], targetMeans=[[0.312, -0.204, 0.087, -0.341], [0.421, -0.377, 0.052, 0.118]])

RANDOM_SHIFTS = {"random_kfold": 0.0, "artist_kfold": 0.079, "official": 0.041}
MLP_CURVES = loss_curves(60, 1.05, 0.86)
REGRESSION_MODELS = [
    ("ridge", "ridge", (0.291, 0.274), RANDOM_SHIFTS, {"alpha": "10"}, None),
    ("knn", "k_neighbors", (0.302, 0.288), RANDOM_SHIFTS, {"n_neighbors": "25"}, None),
    ("random_forest", "random_forest", (0.356, 0.338), RANDOM_SHIFTS, {"max_depth": "12", "n_estimators": "300"}, None),
    ("hist_gradient_boosting", "hist_gradient_boosting", (0.371, 0.352), RANDOM_SHIFTS,
     {"learning_rate": "0.05", "max_leaf_nodes": "31"}, None),
    ("mlp", "mlp", (0.338, 0.331), RANDOM_SHIFTS, {"alpha": "0.001", "hidden_layer_sizes": "64,32"}, MLP_CURVES),
]
CONFIGS = {"load": "sources:\n  deezer: deezer/*.csv\n  spotify: spotify/artists.csv\njoin: {on: artist, how: left}\n",
           "clean": "impute: median\nscale: standard\npca: {audio: 8}\ntags: {keep: 1000, svd: 32}\n",
           "cluster": "k: 2..10\nrule: silhouette\n",
           "train": "models: [ridge, knn, random_forest, hist_gradient_boosting, mlp]\n",
           "evaluate": "protocols: [random_kfold, artist_kfold, official]\nbootstrap: 1000\n"}
regression = dict(
    experiment="regression", title="Valence and arousal from Spotify artist features",
    provenance=provenance(42, [("load", 3.82, False), ("clean", 5.17, False), ("cluster", 11.43, False),
                               ("train", 152.66, False), ("evaluate", 9.05, False)],
                          CONFIGS, ["evaluate.bootstrap=1000"], "9c1e4b7a2d5f8e0c3b6a9d2f5e8c1b4a7d0e3f6a"),
    load=LOAD, clean=CLEAN, cluster=CLUSTER, entity="songs", affectPlane=dict(valence="valence", arousal="arousal", center=[0, 0]),
    evaluation=evaluation(REGRESSION_MODELS, ["random_kfold", "artist_kfold", "official"], 18644))

DEEP_SHIFTS = {"random_kfold": 0.0, "artist_kfold": 0.074}
DEEP_MODELS = [
    ("mlp_small", "mlp", (0.331, 0.322), DEEP_SHIFTS, {"hidden_layer_sizes": "32"}, loss_curves(40, 1.02, 0.88)),
    ("mlp_wide", "mlp", (0.352, 0.339), DEEP_SHIFTS, {"hidden_layer_sizes": "256"}, loss_curves(40, 1.04, 0.85)),
    ("mlp_deep", "mlp", (0.364, 0.342), DEEP_SHIFTS, {"hidden_layer_sizes": "128,64,32"}, loss_curves(40, 1.08, 0.84)),
]
deep = dict(
    experiment="deep", title="Deep learning: neural networks on the same features",
    provenance=provenance(7, [("load", 3.79, True), ("clean", 5.02, True), ("train", 88.31, False), ("evaluate", 4.4, False)],
                          {"train": "models: [mlp_small, mlp_wide, mlp_deep]\n",
                           "evaluate": "protocols: [random_kfold, artist_kfold]\n"}, [], None),
    load=LOAD, clean=CLEAN, entity="songs",
    evaluation=evaluation(DEEP_MODELS, ["random_kfold", "artist_kfold"], 18644, points=200))

for name, value in [("regression.results.json", regression), ("deep.results.json", deep)]:
    with open(name, "w") as f:
        json.dump(value, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
