"""Generates the scikit-learn reference fixtures for target encoding and TF-IDF text features.

Every expected value is computed by scikit-learn (1.9): TargetEncoder (smooth="auto" and a fixed smooth) with
a fixed fold scheme passed as `cv`, and TfidfVectorizer with word, char and char_wb analyzers.
Run from the repository root:  python3 Tests/LearnTests/Fixtures/make_encoding_text.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import TargetEncoder

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "text")
os.makedirs(OUT, exist_ok=True)


def target_encoder():
    rng = np.random.default_rng(18)
    n, n_test = 240, 60
    names = [f"artist {i}" for i in range(40)] + ["Ørjan", "émile"]
    offsets = {name: rng.normal(0, 1.5) for name in names}

    def draw(count):
        out = []
        for _ in range(count):
            u = rng.random()
            out.append(None if u < 0.06 else names[int(rng.integers(0, len(names)))])
        return out

    train, test = draw(n), draw(n_test) + ["never seen", None]
    y = np.array([[offsets.get(c, 0.3) + rng.normal(0, 1), 2 * offsets.get(c, -0.2) - rng.normal(0, 0.5)]
                  for c in train])
    fold = rng.integers(0, 5, size=n)
    fold[:5] = np.arange(5)  # every fold is used
    cv = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(5)]
    x_train = np.array(train, dtype=object).reshape(-1, 1)
    x_test = np.array(test, dtype=object).reshape(-1, 1)
    cases = []
    for smooth in ["auto", 5.0]:
        oof, full = [], []
        for t in range(y.shape[1]):
            enc = TargetEncoder(smooth=smooth, target_type="continuous", cv=cv)
            oof.append(enc.fit_transform(x_train, y[:, t])[:, 0].tolist())
            full.append(enc.transform(x_test)[:, 0].tolist())
        cases.append({"smooth": smooth, "train_encoded": oof, "test_encoded": full})
    return {"train": train, "test": test, "y": y.tolist(), "fold": fold.tolist(), "cases": cases}


def tfidf():
    texts = [
        "Love Me Do", "love, love, LOVE (Live)", "Insanity's Crescendo", "Stabat mater dolorosa",
        "Remix: Love me   tender", "Live at the Apollo - 1962", "Émile & Ørjan’s café", "Tiny  \t dancer",
        "x", "", "the the the", "Blue (Da Ba Dee) [Radio Edit]", "Ça plane pour moi", "Live Forever - Remastered",
        "Don't Stop Me Now", "Under Pressure - Live", "naïve", "Love Will Tear Us Apart", "Tender love", "1999",
    ]
    held = ["love live remix", "Totally unseen words", "", "Café tender dancer 1999", "ÇA"]
    configs = [
        {"analyzer": "word", "ngram_range": [1, 1], "min_df": 1, "sublinear_tf": False},
        {"analyzer": "word", "ngram_range": [1, 2], "min_df": 2, "sublinear_tf": True},
        {"analyzer": "char", "ngram_range": [2, 4], "min_df": 2, "sublinear_tf": False},
        {"analyzer": "char_wb", "ngram_range": [1, 3], "min_df": 3, "sublinear_tf": True},
        {"analyzer": "char_wb", "ngram_range": [3, 5], "min_df": 0.1, "sublinear_tf": False, "max_features": 40},
    ]
    cases = []
    for cfg in configs:
        if cfg.get("max_features"):
            # scikit-learn breaks ties in term frequency by an unstable sort: choose a cut with no tie at it.
            counts = CountVectorizer(analyzer=cfg["analyzer"], ngram_range=tuple(cfg["ngram_range"]),
                                     min_df=cfg["min_df"]).fit_transform(texts).sum(axis=0)
            counts = np.sort(np.asarray(counts).ravel())[::-1]
            cfg["max_features"] = next(k for k in range(5, len(counts)) if counts[k - 1] > counts[k])
        vec = TfidfVectorizer(analyzer=cfg["analyzer"], ngram_range=tuple(cfg["ngram_range"]), min_df=cfg["min_df"],
                              sublinear_tf=cfg["sublinear_tf"], max_features=cfg.get("max_features"))
        train = vec.fit_transform(texts).toarray()
        test = vec.transform(held).toarray()
        cases.append({**cfg, "vocabulary": vec.get_feature_names_out().tolist(), "idf": vec.idf_.tolist(),
                      "train": train.tolist(), "test": test.tolist()})
    return {"texts": texts, "held": held, "cases": cases}


with open(os.path.join(OUT, "target_encoder.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, **target_encoder()}, f)
with open(os.path.join(OUT, "tfidf.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, **tfidf()}, f)
print("wrote", OUT)
