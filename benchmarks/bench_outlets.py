"""Speed of a set: one source article against many outlets, and of attribution.

Target: 50 article-length outlets (30-sentence source, each outlet a different synthetic
rewrite of it) compared with the source, aggregated (per-sentence reuse, strips, grouping) and
written as "source-compare-set/1" JSON within 2 s on a 2-core machine, in-process. Also reports
the time per outlet pair and an attribution of one article among 10 candidate sources. Inputs
are built deterministically by ``synthetic.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
for folder in (REPO_ROOT, BENCH_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import synthetic  # noqa: E402

OUTLETS = 50
SOURCE_SENTENCES = 30
SET_MAX_S = 2.0
ATTRIBUTION_SOURCES = 10
SEED = 2718
REPEATS = 3  # the best of a few runs: the machine may be busy with other work


def _mark(ok: bool) -> str:
    return "[ok]" if ok else "[SLOW]"


def _inputs():
    from viewer.core import document_from_text

    article, rewrites = synthetic.outlets(SEED, SOURCE_SENTENCES, OUTLETS)
    source = document_from_text(synthetic.as_text(article), "source.txt")
    outlets = [
        document_from_text(synthetic.as_text(sentences), f"outlet-{k:02d}.txt")
        for k, sentences in enumerate(rewrites)
    ]
    return source, outlets


def outlet_set() -> list[str]:
    from viewer.core.export.set_json import set_to_json
    from viewer.core.outlets import compare_set, group_outlets

    source, outlets = _inputs()
    words = sum(d.word_count for d in outlets) / len(outlets)
    best = float("inf")
    best_compare = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = compare_set(source, outlets)
        compared = time.perf_counter()
        group_outlets(result)
        set_to_json(result)
        done = time.perf_counter()
        best = min(best, done - started)
        best_compare = min(best_compare, compared - started)
    per_pair_ms = best_compare / OUTLETS * 1000
    return [
        f"set: {OUTLETS} outlets ({len(source.sentences)}-sentence source, outlets "
        f"{words:.0f} words on average): compared in {best_compare:.2f} s "
        f"({per_pair_ms:.1f} ms a pair), with aggregates and JSON {best:.2f} s, best of "
        f"{REPEATS} (target <= {SET_MAX_S:.1f} s) {_mark(best <= SET_MAX_S)}"
    ]


def attribution() -> list[str]:
    from viewer.core.attribution import attribute

    source, outlets = _inputs()
    article, candidates = outlets[0], [source, *outlets[1:ATTRIBUTION_SOURCES]]
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        attribute(article, candidates, primary=0)
        best = min(best, time.perf_counter() - started)
    return [
        f"attribution: one article among {len(candidates)} sources in {best * 1000:.0f} ms, "
        f"best of {REPEATS}"
    ]


def run() -> list[str]:
    return outlet_set() + attribution()


if __name__ == "__main__":
    for line in run():
        print(line)
