#!/usr/bin/env python3
"""Write an N-row scale-up of the Deezer study, outside the repository, that the unchanged experiments run on.

Rows of Deezer's train/validation/test files are resampled (with replacement, each split keeping its share of
rows) and perturbed: valence and arousal get Gaussian noise (sd 0.1), every row gets a fresh song id. Artist and
track names are kept, so the Spotify join, the artist groups and the title features behave as on the real data
(about 74% of rows find their artist; ~4,200 artist groups, each N / 18,644 times larger). The Spotify table is
copied unchanged. The first 18,644 rows are the original rows in order, so N = 18,644 reproduces the real files.

Layout written under OUT (default /tmp/labbook-scaleup-N):
    OUT/labbook.yml                          data_root: data, seed 0, entity songs (as the repo's)
    OUT/data/deezer/{train,validation,test}.csv
    OUT/data/spotify/artists.csv
    OUT/experiments/va-regression.md         copied from the repo, unchanged (with --experiment, another one)

Run it with:  labbook run OUT/experiments/va-regression.md   (benchmarks/bench_scaleup.sh does, and measures it)
Usage: python3 benchmarks/make_scaleup.py ROWS [--out DIR] [--data ../shared/data] [--seed 0]
"""
import argparse, csv, os, random, shutil, sys

SPLITS = ["train", "validation", "test"]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rows", type=int, help="total rows over the three split files (at least 18,644 keeps all originals)")
    ap.add_argument("--out", help="output folder (default /tmp/labbook-scaleup-ROWS); must not be inside the repository")
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--experiment", default="va-regression", help="experiment of experiments/ to copy (default va-regression)")
    args = ap.parse_args()
    out = os.path.abspath(args.out or f"/tmp/labbook-scaleup-{args.rows}")
    if out == os.path.abspath(repo) or out.startswith(os.path.abspath(repo) + os.sep):
        sys.exit(f"{out}: error: write the scale-up outside the repository (it is generated data)")
    if args.rows < 3:
        sys.exit("error: ROWS must be at least 3")

    tables = {}
    for split in SPLITS:
        path = os.path.join(args.data, "deezer", f"{split}.csv")
        if not os.path.exists(path):
            sys.exit(f"data file not found: {os.path.abspath(path)}")
        tables[split] = read_rows(path)
    total = sum(len(rows) for _, rows in tables.values())
    rng = random.Random(args.seed)

    os.makedirs(os.path.join(out, "data", "deezer"), exist_ok=True)
    os.makedirs(os.path.join(out, "data", "spotify"), exist_ok=True)
    os.makedirs(os.path.join(out, "experiments"), exist_ok=True)

    next_id = 10**9  # fresh ids, far above Deezer's
    written = 0
    for k, split in enumerate(SPLITS):
        header, rows = tables[split]
        # Each split keeps its share; the last takes the remainder so the total is exact.
        count = args.rows - written if k == len(SPLITS) - 1 else round(args.rows * len(rows) / total)
        written += count
        col = {name: i for i, name in enumerate(header)}
        with open(os.path.join(out, "data", "deezer", f"{split}.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for i in range(count):
                if i < len(rows):
                    w.writerow(rows[i])  # the originals first, unchanged
                    continue
                row = list(rng.choice(rows))
                for target in ("valence", "arousal"):
                    row[col[target]] = repr(float(row[col[target]]) + rng.gauss(0.0, 0.1))
                row[col["dzr_sng_id"]] = str(next_id)
                next_id += 1
                w.writerow(row)
    shutil.copyfile(os.path.join(args.data, "spotify", "artists.csv"), os.path.join(out, "data", "spotify", "artists.csv"))
    shutil.copyfile(os.path.join(repo, "experiments", f"{args.experiment}.md"),
                    os.path.join(out, "experiments", f"{args.experiment}.md"))
    with open(os.path.join(out, "labbook.yml"), "w", encoding="utf-8") as f:
        f.write("# A generated scale-up of the Deezer study (benchmarks/make_scaleup.py).\n"
                "data_root: data\nseed: 0\nentity: songs\n")
    print(f"{out}: {args.rows} rows ({', '.join(SPLITS)} in Deezer's proportions), experiment {args.experiment}")


if __name__ == "__main__":
    main()
