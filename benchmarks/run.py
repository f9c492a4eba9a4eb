"""Runs every benchmark: ``python benchmarks/run.py`` (what ``make bench`` does).

Imports each ``benchmarks/bench_*.py`` by file path, calls its ``run() -> list[str]`` and prints
the lines. A line ends in ``[ok]`` when its target is met, ``[SLOW]`` or ``[FAIL]`` when not.
Exit status 1 when a benchmark crashed or missed a target.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
for folder in (REPO_ROOT, BENCH_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


REFERENCE_LOOP_ADDITIONS = 10_000_000


def machine_reference() -> str:
    """How fast this machine runs plain Python, so figures from different machines compare."""
    best_s = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(REFERENCE_LOOP_ADDITIONS):
            total += i
        best_s = min(best_s, time.perf_counter() - started)
    return (
        f"machine: {REFERENCE_LOOP_ADDITIONS:,} pure-Python additions in {best_s:.2f} s, best of 3 "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores)"
    )


def main(selected: list[str]) -> int:
    missed = False
    print(machine_reference(), flush=True)
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        if (
            selected
            and path.stem not in selected
            and path.stem.removeprefix("bench_") not in selected
        ):
            continue
        try:
            lines = load(path).run()
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            print(f"{path.stem}: crashed [FAIL]")
            missed = True
            continue
        for line in lines:
            print(line, flush=True)
            missed = missed or line.rstrip().endswith(("[SLOW]", "[FAIL]"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
