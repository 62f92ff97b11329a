"""Side by side: labbook's load step vs pandas on the same files, in the same run.

1. load + join: the three Deezer CSVs concatenated with a split column, Spotify artists with genres parsed from
   list literals, artist names normalized (case, accents, ASCII punctuation, whitespace, leading "the"),
   right duplicates dropped, left merge.
2. a generated 1,000,000-row CSV (ints, 9-12 significant digit floats, text with quotes and commas) parsed.

Usage: swift build -c release --product bench-load && python3 benchmarks/bench_load.py [DATA_ROOT] [--baseline EXE]
Runs the two tools in alternating rounds and prints each one's best wall and CPU seconds and the ratio labbook / pandas (< 1 means labbook is faster).
--baseline EXE also runs another bench-load build (e.g. one built from an older commit) in the same rounds and
prints the ratios this build / baseline.
"""
import ast
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

import numpy as np
import pandas as pd

ARGS = sys.argv[1:]
BASELINE = None
if "--baseline" in ARGS:
    i = ARGS.index("--baseline")
    BASELINE = ARGS[i + 1]
    del ARGS[i:i + 2]
ROOT = ARGS[0] if ARGS else "/work/shared/data"
BIG = "/tmp/labbook_bench_load_1m.csv"
REPEATS = 2
ROUNDS = 3
PUNCT = re.compile(r"[!-/:-@\[-`{-~]")


def norm(x):
    x = x.lower()
    x = "".join(c for c in unicodedata.normalize("NFD", x) if not unicodedata.combining(c))
    x = " ".join(PUNCT.sub(" ", x).split())
    return x[4:] if x.startswith("the ") else x


def pandas_load():
    parts = []
    for split in ["train", "validation", "test"]:
        df = pd.read_csv(f"{ROOT}/deezer/{split}.csv", dtype={"dzr_sng_id": str})
        df["split"] = split
        parts.append(df)
    songs = pd.concat(parts, ignore_index=True)
    artists = pd.read_csv(f"{ROOT}/spotify/artists.csv")
    artists["genres"] = artists["genres"].map(ast.literal_eval)
    songs["_key"] = songs["artist_name"].map(norm)
    artists["_key"] = artists["artists"].map(norm)
    artists = artists.drop_duplicates("_key")
    merged = songs.merge(artists, on="_key", how="left", suffixes=("", "_spotify"), indicator=True)
    return int((merged["_merge"] == "both").sum())


def make_big(path, rows=1_000_000):
    if os.path.exists(path):
        return
    rng = np.random.default_rng(0)
    names = np.array(['plain name', 'with, comma', 'say "hi"', 'Beyoncé', 'tab\tinside'])
    df = pd.DataFrame({
        "id": np.arange(rows),
        "a": np.round(rng.normal(size=rows), 12),
        "b": np.round(rng.uniform(0, 1, size=rows), 9),
        "c": np.round(rng.normal(100, 30, size=rows), 6),
        "count": rng.integers(0, 1000, size=rows),
        "name": names[rng.integers(0, len(names), size=rows)],
        "d": np.round(rng.exponential(size=rows), 10),
    })
    df.to_csv(path, index=False)


def best(fn):
    """Best wall and best CPU (process) seconds over REPEATS runs, and the last value."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        t0, c0 = time.perf_counter(), time.process_time()
        value = fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return (wall, cpu), value


def main():
    make_big(BIG)
    exe = subprocess.run(["swift", "build", "-c", "release", "--product", "bench-load", "--show-bin-path"],
                         capture_output=True, text=True, check=True).stdout.strip() + "/bench-load"
    # Interleave the two tools round by round (the machine is shared), keeping each one's best times.
    # CPU seconds are reported too: on a loaded machine they are the steadier measure of work done.
    inf = (float("inf"), float("inf"))
    pd_load = pd_parse = lb_load = lb_parse = base_load = base_parse = inf

    def run_labbook(path):
        out = json.loads(subprocess.run([path, ROOT, BIG, str(REPEATS)], capture_output=True, text=True,
                                        check=True).stdout)
        return out, (out["load_join_s"], out["load_join_cpu_s"]), (out["big_parse_s"], out["big_parse_cpu_s"])

    for _ in range(ROUNDS):
        t, matched = best(pandas_load)
        pd_load = tuple(map(min, pd_load, t))
        t, frame = best(lambda: pd.read_csv(BIG))
        pd_parse = tuple(map(min, pd_parse, t))
        lb, load, parse = run_labbook(exe)
        lb_load, lb_parse = tuple(map(min, lb_load, load)), tuple(map(min, lb_parse, parse))
        if BASELINE:
            _, load, parse = run_labbook(BASELINE)
            base_load, base_parse = tuple(map(min, base_load, load)), tuple(map(min, base_parse, parse))
    for name, lab, pan, note in [("load+join", lb_load, pd_load, f"matched {lb['matched']} vs {matched}"),
                                 ("1M-row parse", lb_parse, pd_parse, f"rows {lb['big_rows']} vs {len(frame)}")]:
        print(f"{name}: labbook wall {lab[0]:.3f}s cpu {lab[1]:.3f}s | pandas wall {pan[0]:.3f}s cpu {pan[1]:.3f}s | "
              f"ratio wall {lab[0] / pan[0]:.2f} cpu {lab[1] / pan[1]:.2f} ({note})")
    if BASELINE:
        for name, lab, base in [("load+join", lb_load, base_load), ("1M-row parse", lb_parse, base_parse)]:
            print(f"{name} vs baseline: wall {base[0]:.3f}s -> {lab[0]:.3f}s ({lab[0] / base[0]:.2f}x) | "
                  f"cpu {base[1]:.3f}s -> {lab[1]:.3f}s ({lab[1] / base[1]:.2f}x)")

if __name__ == "__main__":
    main()
