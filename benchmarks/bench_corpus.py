"""Corpus mode: candidate search speed, alignment throughput, and Dask's overhead.

Targets: at least 100 aligned article pairs per second per core, and Dask's overhead at most
10 % against the same work done serially in one process, with one core per worker (the run with
one worker process is compared with the serial run on the same shards). Inputs are built
deterministically by ``synthetic_corpus.py``: 200 sources and 4,000 articles in 8 shards.
Skipped, with the reason, when the ``[corpus]`` extra is not installed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

import synthetic_corpus  # noqa: E402

SOURCES, ARTICLES, PER_SHARD = 200, 4000, 500
PAIRS_PER_SECOND_PER_CORE_MIN = 100.0
OVERHEAD_MAX = 0.10


def _mark(ok: bool, bad: str = "SLOW") -> str:
    return "[ok]" if ok else f"[{bad}]"


def run() -> list[str]:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as missing:
        return [f"corpus: skipped, the [corpus] extra is not installed ({missing.name})"]
    from viewer.corpus.candidates import NgramIndex
    from viewer.corpus.pipeline import CorpusRun, run_corpus

    corpus = synthetic_corpus.make_corpus(2024, sources=SOURCES, articles=ARTICLES)
    folder = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    try:
        sources = synthetic_corpus.write_jsonl(corpus.sources, folder / "sources.jsonl")
        synthetic_corpus.write_shards(corpus.articles, folder / "articles", PER_SHARD)

        started = time.perf_counter()
        index = NgramIndex.build([s["text"] for s in corpus.sources])
        built = time.perf_counter() - started
        started = time.perf_counter()
        candidates = sum(len(index.candidates(a["text"], 8)) for a in corpus.articles)
        scan = time.perf_counter() - started
        lines = [
            f"corpus: candidates for {ARTICLES:,} articles against {SOURCES} sources: index "
            f"{built:.2f} s, scan {ARTICLES / scan:,.0f} articles/s ({candidates:,} pairs)"
        ]

        timings = {}
        for label, scheduler, workers in (
            ("serial", "synchronous", None),
            ("dask, 1 worker", "local", 1),
            ("dask, 2 workers", "local", 2),
        ):
            out = folder / label.replace(" ", "").replace(",", "-")
            started = time.perf_counter()
            outcome = run_corpus(
                CorpusRun(
                    str(sources),
                    str(folder / "articles"),
                    str(out),
                    scheduler=scheduler,
                    workers=workers,
                ),
                quiet=True,
            )
            timings[label] = (time.perf_counter() - started, outcome.pairs)
        serial_s, pairs = timings["serial"]
        one_s, _ = timings["dask, 1 worker"]
        two_s, _ = timings["dask, 2 workers"]
        per_core = pairs / serial_s
        overhead = one_s / serial_s - 1
        lines += [
            f"corpus: whole run ({pairs:,} pairs aligned), serial {serial_s:.1f} s = "
            f"{per_core:.0f} pairs/s on one core (target >= {PAIRS_PER_SECOND_PER_CORE_MIN:.0f}) "
            f"{_mark(per_core >= PAIRS_PER_SECOND_PER_CORE_MIN)}",
            f"corpus: Dask with 1 worker process {one_s:.1f} s, overhead against serial "
            f"{overhead * 100:+.0f} % (target <= {OVERHEAD_MAX * 100:.0f} %) "
            f"{_mark(overhead <= OVERHEAD_MAX)}",
            f"corpus: Dask with 2 worker processes {two_s:.1f} s, {pairs / two_s:.0f} pairs/s, "
            f"x{serial_s / two_s:.2f} the serial speed on {os.cpu_count()} cores",
        ]
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print("\n".join(run()))
