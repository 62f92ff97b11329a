#!/usr/bin/env python3
"""CPU time of a labbook run by stage, from a sampled perf profile (see benchmarks/profile-experiments.md).

    perf record -F 299 -g -o run.data .build/release/labbook run --no-cache --quiet experiments/va-regression.md
    perf script -i run.data -F ip,sym | swift-demangle --simplified > run.txt
    python3 benchmarks/profile_buckets.py run.txt

A sample counts in every stage whose test its call stack passes (stages can overlap: "inside the stack" rows
are parts of the stacking row). CPU-s = samples / 299. OpenBLAS frames have no caller chain, so gemm time spent
for the MLP is not attributed to "MLP training" (see the top self-time functions instead).
"""
import collections
import sys

HZ = 299


def samples(path):
    stack = []
    for line in open(path, errors="replace"):
        s = line.strip()
        if not s:
            if stack:
                yield stack
            stack = []
        else:
            parts = s.split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
    if stack:
        yield stack


def has(stack, *words):
    return any(any(w in f for w in words) for f in stack)


STAGES = [
    ("stacking (evaluate)", lambda s: has(s, "StackingRegressor.fit") and not has(s, "ModelSaver")),
    ("  forest inside the stack", lambda s: has(s, "StackingRegressor.fit") and has(s, "RandomForestRegressor") and not has(s, "ModelSaver")),
    ("  hgb inside the stack", lambda s: has(s, "StackingRegressor.fit") and has(s, "HistGradientBoostingRegressor") and not has(s, "ModelSaver")),
    ("hgb / forest outside the stack", lambda s: has(s, "CrossValidation.run") and not has(s, "StackingRegressor") and has(s, "HistGradientBoosting", "RandomForest")),
    ("fold featurization (clean pipeline per fold)", lambda s: has(s, "FoldFeaturizer")),
    ("  text term counts", lambda s: has(s, "FoldFeaturizer") and has(s, "TfidfVectorizer.termCounts")),
    ("  tag target encoding", lambda s: has(s, "FoldFeaturizer") and has(s, "TagTargetEncoding", "TagCodes")),
    ("  truncated SVD fits", lambda s: has(s, "FoldFeaturizer") and has(s, "TruncatedSVD.fit")),
    ("ridge fits (grid and refits)", lambda s: has(s, "Ridge.", "RidgeSystem") and not has(s, "Stacking")),
    ("MLP training (without gemm)", lambda s: has(s, "MLPRegressor.fitMLP", "MLPTraining", "MinibatchStep")),
    ("bootstrap and metrics", lambda s: has(s, "ModelComparison.summarize")),
    ("model file: final refit and JSON", lambda s: has(s, "ModelSaver")),
    ("cluster step", lambda s: has(s, "ClusterStep")),
]

for path in sys.argv[1:]:
    total = 0
    stages = collections.Counter()
    own = collections.Counter()
    for stack in samples(path):
        total += 1
        own[stack[0]] += 1
        for name, test in STAGES:
            if test(stack):
                stages[name] += 1
    print(f"{path}: {total} samples = {total / HZ:.1f} CPU-s\n")
    print("| stage | CPU-s | share |\n| --- | ---: | ---: |")
    for name, _ in STAGES:
        print(f"| {name} | {stages[name] / HZ:.1f} | {100 * stages[name] / max(1, total):.1f}% |")
    print("\n| top self time | share |\n| --- | ---: |")
    for name, n in own.most_common(10):
        print(f"| `{name[:80]}` | {100 * n / max(1, total):.1f}% |")
    print()
