"""Alignment quality on the sample articles, against the hand-made gold alignments.

For each gold pair: link precision/recall/F1, omission and addition F1, kind accuracy and
same-meaning (vs partial) accuracy over the gold links found, three-way (same meaning /
partial / unlinked) accuracy per sentence, page-furniture precision/recall of the loader, and
the compare time (best of a few runs), then one line per disagreement with the gold. With the
``semantic`` extra installed, each pair is measured again with matching by meaning
("quality+meaning" lines), so the two can be read side by side.
Target: link F1 >= 0.80 on the two machine-spun rewrites (000-001, 000-002); the other pairs
are independent reports of the same event and have no target, only a record. Each pair's line
also gives the tentative links, the verdict and how many of the engine's links join two
sentences that name different speakers (target 0 on the gold: wrong links of that sort).

Then the verdict on constructed pairs of known nature (``constructed.py``; the last two need the
MSRP corpus), seeds the calibration never saw: how many of each nature come out as each verdict.
Then the fact changes: of the real-edit cases in ``tests/core/data/fact_edits.tsv`` (sentences
of the sample articles with one fact changed by an editor), the share labelled partial
(target >= 85 %), and the pairs with a changed fact on each seed pair.
"""

from __future__ import annotations

import time
from pathlib import Path

from viewer.core import Kind, Options, compare, document_from_text, load_document, meaning
from viewer.core.confidence import is_tentative
from viewer.core.evaluation import evaluate, links, mistakes, read_gold
from viewer.core.speakers import speakers
from viewer.core.verdict import VERDICTS
from viewer.resources import seed_path

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "core" / "data"
GOLD_DIR = DATA_DIR / "gold"
FACT_EDITS = DATA_DIR / "fact_edits.tsv"
MIN_FACT_PARTIAL = 0.85
MIN_LINK_F1 = {"000-001": 0.80, "000-002": 0.80}
REPEATS = 5
CONSTRUCTED_PAIRS = 40  # of each nature
CONSTRUCTED_SEED = 3000  # the confidence was fitted on seeds 0-199


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}"


def run() -> list[str]:
    lines = []
    modes = [("quality", Options())]
    if meaning.available():
        modes.append(("quality+meaning", Options(semantic=True)))
    else:
        lines.append(f"quality+meaning: not measured ({meaning.unavailable_reason()})")
    for (label, options), path in (
        (mode, path) for path in sorted(GOLD_DIR.glob("*.json")) for mode in modes
    ):
        source, rewrite = path.stem.split("-")
        gold = read_gold(path)
        left, right = load_document(seed_path(source)), load_document(seed_path(rewrite))
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            comparison = compare(left, right, options)
            best = min(best, time.perf_counter() - started)
        result = evaluate(comparison.blocks, gold, left.boilerplate, right.boilerplate)
        target = MIN_LINK_F1.get(path.stem)
        verdict = "" if target is None else (" [ok]" if result.links.f1 >= target else " [FAIL]")
        lines.append(
            f"{label} {path.stem}: links P/R/F1 {_percent(result.links.precision)}/"
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
        tentative = [b for b in comparison.blocks if is_tentative(b)]
        wrong = links(comparison.blocks) - links(gold.blocks)
        texts = (left.sentence_texts(), right.sentence_texts())
        apart = [
            (i, j)
            for i, j in sorted(wrong)
            if speakers(texts[0][i])
            and speakers(texts[1][j])
            and not speakers(texts[0][i]) & speakers(texts[1][j])
        ]
        summary = comparison.summary
        lines.append(
            f"  {len(tentative)} tentative link(s); reused {summary.source_carried * 100:.0f}% "
            f"of the source, {summary.source_tentative * 100:.0f}% tentatively; "
            f"wrong links between different speakers: {len(apart)}"
            + (" [ok]" if not apart else " [FAIL]")
            + f"; {summary.verdict_reason}"
        )
        lines.extend(f"  {line}" for line in mistakes(comparison.blocks, gold, source, rewrite))
        with_facts = sum(1 for block in comparison.blocks if block.facts)
        lines.append(f"  pairs with a changed fact: {with_facts}")
    lines.extend(constructed_verdicts())
    return lines + fact_edits()


def constructed_verdicts() -> list[str]:
    """How each nature of constructed pair comes out, verdict by verdict."""
    import constructed
    from synthetic import document_parts

    try:
        pairs = constructed.constructed_pairs(CONSTRUCTED_PAIRS, seed=CONSTRUCTED_SEED)
    except FileNotFoundError:
        return ["quality verdict: skipped, the MSRP corpus is not in ../shared/data/msrp/"]
    found: dict[str, dict[str, int]] = {}
    for pair in pairs:
        sides = [
            document_from_text(document_parts(s)[0], n)
            for n, s in (("l", pair.left), ("r", pair.right))
        ]
        verdict = compare(*sides).summary.verdict
        counts = found.setdefault(pair.nature, dict.fromkeys(VERDICTS, 0))
        counts[verdict] += 1
    lines = []
    for nature, counts in found.items():
        lines.append(
            f"quality verdict on {sum(counts.values())} constructed '{nature}' pairs: "
            + ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        )
    return lines


def fact_edits() -> list[str]:
    """How often a real edit that changed a fact comes out partial."""
    cases = [
        line.split("\t")
        for line in FACT_EDITS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    partial = 0
    for source, rewrite, _kind in cases:
        comparison = compare(document_from_text(source, "a"), document_from_text(rewrite, "b"))
        linked = [b for b in comparison.blocks if b.source and b.rewrite]
        partial += bool(linked) and all(b.kind is Kind.PARTIAL for b in linked)
    share = partial / len(cases)
    mark = "[ok]" if share >= MIN_FACT_PARTIAL else "[FAIL]"
    return [
        f"quality facts: real edits with a changed fact labelled partial: {partial} of "
        f"{len(cases)} ({share * 100:.1f}%, target >= {MIN_FACT_PARTIAL * 100:.0f}%) {mark}"
    ]


if __name__ == "__main__":
    print("\n".join(run()))
