"""Alignment quality on the sample articles, against the hand-made gold alignments.

For each gold pair: link precision/recall/F1, omission and addition F1, kind accuracy and
same-meaning (vs partial) accuracy over the gold links found, three-way (same meaning /
partial / unlinked) accuracy per sentence, page-furniture precision/recall of the loader, and
the compare time (best of a few runs), then one line per disagreement with the gold.
Target: link F1 >= 0.80 on the two machine-spun rewrites (000-001, 000-002); the other pairs
are independent reports of the same event and have no target, only a record.
"""

from __future__ import annotations

import time
from pathlib import Path

from viewer.core import compare, load_document
from viewer.core.evaluation import evaluate, mistakes, read_gold
from viewer.resources import seed_path

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "gold"
MIN_LINK_F1 = {"000-001": 0.80, "000-002": 0.80}
REPEATS = 5


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}"


def run() -> list[str]:
    lines = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        source, rewrite = path.stem.split("-")
        gold = read_gold(path)
        left, right = load_document(seed_path(source)), load_document(seed_path(rewrite))
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            comparison = compare(left, right)
            best = min(best, time.perf_counter() - started)
        result = evaluate(comparison.blocks, gold, left.boilerplate, right.boilerplate)
        target = MIN_LINK_F1.get(path.stem)
        verdict = "" if target is None else (" [ok]" if result.links.f1 >= target else " [FAIL]")
        lines.append(
            f"quality {path.stem}: links P/R/F1 {_percent(result.links.precision)}/"
            f"{_percent(result.links.recall)}/{_percent(result.links.f1)} "
            f"({result.links.true_positives} of {result.links.gold} gold, "
            f"{result.links.predicted} predicted), "
            f"omission F1 {_percent(result.omissions.f1)}, "
            f"addition F1 {_percent(result.additions.f1)}, "
            f"kind accuracy {_percent(result.kind_accuracy)}, same-meaning accuracy "
            f"{_percent(result.same_meaning_accuracy)} (of {result.kinds_compared} found links), "
            f"3-way accuracy {_percent(result.coarse_accuracy)} (of {result.sentences_compared}), "
            f"furniture P/R {_percent(result.boilerplate.precision)}/"
            f"{_percent(result.boilerplate.recall)}, "
            f"compare {best * 1000:.1f} ms{verdict}"
        )
        lines.extend(f"  {line}" for line in mistakes(comparison.blocks, gold, source, rewrite))
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
