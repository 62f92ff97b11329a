#!/usr/bin/env python3
"""Build the reference 18,644 x 46 feature matrix with pandas + scikit-learn, for side-by-side benchmarks.

Deezer labels (train/validation/test) joined with Spotify artists on a normalized artist name
(case fold, accents stripped, punctuation to spaces, leading "the" dropped, whitespace collapsed),
14 Spotify numerics median-imputed, genre tags multi-hot (min count 5) reduced by TruncatedSVD to 32
components, everything standardized. Fitted on all rows: this matrix is for timing and parity of
*models* on identical inputs, not for leakage-free evaluation (labbook's own runs refit inside folds).

Writes /tmp/labbook-bench/matrix.csv (or --out) with columns f0..f45, valence, arousal, artist,
split, fold (KFold(5, shuffle=True, random_state=0)), group_fold (GroupKFold(5) by artist).
Usage: python3 benchmarks/make_matrix.py [--data ../shared/data] [--out /tmp/labbook-bench/matrix.csv]
"""
import argparse, ast, os, re, sys, unicodedata
import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD
from sklearn.model_selection import GroupKFold, KFold
from sklearn.preprocessing import MultiLabelBinarizer, StandardScaler

NUMERIC = ["acousticness", "danceability", "duration_ms", "energy", "instrumentalness", "liveness",
           "loudness", "speechiness", "tempo", "valence_spotify", "popularity", "key", "mode", "count"]


def normalize(name: str) -> str:
    s = unicodedata.normalize("NFKD", str(name).casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s]|_", " ", s)
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    return s


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default="/tmp/labbook-bench/matrix.csv")
    args = ap.parse_args()
    for f in ["deezer/train.csv", "deezer/validation.csv", "deezer/test.csv", "spotify/artists.csv"]:
        p = os.path.join(args.data, f)
        if not os.path.exists(p):
            sys.exit(f"data file not found: {os.path.abspath(p)}")
    parts = []
    for split in ["train", "validation", "test"]:
        d = pd.read_csv(os.path.join(args.data, "deezer", f"{split}.csv"))
        d["split"] = split
        parts.append(d)
    songs = pd.concat(parts, ignore_index=True)
    artists = pd.read_csv(os.path.join(args.data, "spotify", "artists.csv"))
    artists = artists.rename(columns={"valence": "valence_spotify"})
    artists["key_norm"] = artists["artists"].map(normalize)
    artists = artists.drop_duplicates("key_norm", keep="first")
    songs["key_norm"] = songs["artist_name"].map(normalize)
    df = songs.merge(artists, on="key_norm", how="left")
    matched = int(df["artists"].notna().sum())
    print(f"rows {len(df)}, matched {matched} ({matched / len(df):.1%})", file=sys.stderr)

    num = df[NUMERIC].astype(float)
    num = num.fillna(num.median())
    tags = df["genres"].map(lambda g: ast.literal_eval(g) if isinstance(g, str) else [])
    mlb = MultiLabelBinarizer(sparse_output=True)
    hot = mlb.fit_transform(tags)
    keep = np.asarray(hot.sum(axis=0)).ravel() >= 5
    hot = hot[:, keep].astype(float)
    svd = TruncatedSVD(n_components=32, random_state=0).fit_transform(hot)
    x = StandardScaler().fit_transform(np.hstack([num.values, svd]))

    out = pd.DataFrame(x, columns=[f"f{i}" for i in range(x.shape[1])])
    out["valence"] = df["valence"].values
    out["arousal"] = df["arousal"].values
    out["artist"] = df["artist_name"].values
    out["split"] = df["split"].values
    fold = np.zeros(len(df), dtype=int)
    for k, (_, test) in enumerate(KFold(5, shuffle=True, random_state=0).split(x)):
        fold[test] = k
    out["fold"] = fold
    gfold = np.zeros(len(df), dtype=int)
    for k, (_, test) in enumerate(GroupKFold(5).split(x, groups=df["artist_name"].values)):
        gfold[test] = k
    out["group_fold"] = gfold
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    out.to_csv(args.out, index=False, float_format="%.17g")
    print(f"wrote {args.out}: {x.shape[0]} x {x.shape[1]}, {int(keep.sum())} tags", file=sys.stderr)


if __name__ == "__main__":
    main()
