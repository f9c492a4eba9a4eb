"""Export speed and size: HTML, JSON and CSV for two ~7,000-sentence documents.

Targets: the HTML page of such a comparison is rendered in 2 s or less and is under 4 times the
size of the two texts together (compact per-sentence markup). JSON and CSV times are reported.
The inputs come from the deterministic generator in ``synthetic.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from viewer.core import compare, document_from_text
from viewer.core.export.csv_table import comparison_to_csv
from viewer.core.export.html_page import render_html
from viewer.core.export.json_format import comparison_to_json

SENTENCES = 7000
STORY_SEED = 20240611
MAX_HTML_S = 2.0
MAX_SIZE_RATIO = 4.0
REPEATS = 3


def _comparison():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic  # the engine benchmarks' deterministic news generator

    made = synthetic.story(STORY_SEED, SENTENCES)
    left = document_from_text(synthetic.as_text(made.left), "source.txt")
    right = document_from_text(synthetic.as_text(made.right), "rewrite.txt")
    return compare(left, right)


def _best(work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def _verdict(ok: bool) -> str:
    return "ok" if ok else "SLOW"


def run() -> list[str]:
    comparison = _comparison()
    text_bytes = len(comparison.source.text.encode("utf-8")) + len(
        comparison.rewrite.text.encode("utf-8")
    )
    sentences = (
        f"{len(comparison.source.sentences)} x {len(comparison.rewrite.sentences)} sentences"
    )
    lines = []

    seconds, page = _best(lambda: render_html(comparison))
    ratio = len(page.encode("utf-8")) / text_bytes
    lines.append(
        f"export HTML ({sentences}, {len(comparison.blocks)} blocks): {seconds * 1000:.0f} ms "
        f"[{_verdict(seconds <= MAX_HTML_S)}]; size {ratio:.2f}x the texts "
        f"[{'ok' if ratio < MAX_SIZE_RATIO else 'TOO BIG'}]"
    )

    seconds, text = _best(lambda: comparison_to_json(comparison))
    lines.append(
        f"export JSON: {seconds * 1000:.0f} ms; "
        f"size {len(text.encode('utf-8')) / text_bytes:.2f}x the texts"
    )

    seconds, text = _best(lambda: comparison_to_csv(comparison))
    lines.append(
        f"export CSV: {seconds * 1000:.0f} ms; "
        f"size {len(text.encode('utf-8')) / text_bytes:.2f}x the texts"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
