"""Measures what the fact rules of viewer/core/facts.py do to the "same meaning" verdict on MSRP.

Usage: python tools/measure_facts.py [--list KIND] [path/to/msr_paraphrase_train.txt]

Runs the 10-fold cross-validation of tools/calibrate_classifier.py (same folds, same fits) and
scores ``classify_pair`` three ways: without fact rules, with all of them, and with each fact
kind alone. For each kind it reports how many pairs the rule moved from "same meaning" to
partial, and how many of those the annotators had called paraphrases (moved wrongly). With
``--list KIND`` (a fact kind, or "all") it also prints those pairs with their reasons in words,
to read what the rule and the annotators disagree on. Needs scikit-learn and numpy, like the
calibration script. About 30 s.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO_ROOT = Path(__file__).resolve().parent.parent
for folder in (REPO_ROOT, REPO_ROOT / "tools"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from calibrate_classifier import (  # noqa: E402
    DEFAULT_CORPUS,
    FOLDS,
    SEED,
    Corpus,
    _folds,
    export_trees,
    fit,
    probability,
    read_corpus,
)

from viewer.core.classify import classify_pair  # noqa: E402
from viewer.core.facts import fact_changes, fact_reasons  # noqa: E402
from viewer.core.model import FACT_KINDS, SAME_MEANING_KINDS  # noqa: E402


def main(argv: list[str]) -> int:
    args = argv[1:]
    listed = None
    if args[:1] == ["--list"]:
        if len(args) < 2 or args[1] not in (*FACT_KINDS, "all"):
            print(f"--list takes one of: {', '.join(FACT_KINDS)}, all", file=sys.stderr)
            return 2
        listed, args = args[1], args[2:]
    path = Path(args[0]) if args else DEFAULT_CORPUS
    if not path.is_file():
        print(f"MSRP training file not found: {path}", file=sys.stderr)
        return 1
    pairs = read_corpus(path)
    corpus = Corpus(pairs)
    labels = corpus.labels
    facts = [fact_changes(a, b) for _, a, b in pairs]
    kinds_of = [{change.kind for change in found} for found in facts]
    without: dict[int, bool] = {}  # pair -> same meaning, fact rules off
    everything = list(range(len(labels)))
    for train, test in _folds(labels, everything, FOLDS, SEED):
        weights, trees, linear = fit(corpus, train)
        baseline, exported = export_trees(trees)

        def model(features, baseline=baseline, exported=exported, linear=linear):
            return probability(baseline, exported, linear, features)

        for i in test:
            kind = classify_pair(*corpus.forms[i], model, weights, facts=())
            without[i] = kind in SAME_MEANING_KINDS

    def accuracy(rule_kinds: set[str]) -> float:
        hits = 0
        for i, label in enumerate(labels):
            same = without[i] and not (kinds_of[i] & rule_kinds)
            hits += same == bool(label)
        return hits / len(labels)

    print(f"{len(labels)} MSRP training pairs, {FOLDS}-fold cross-validated verdicts")
    print(f"same-meaning accuracy without fact rules: {accuracy(set()):.4f}")
    print(f"same-meaning accuracy with all fact rules: {accuracy(set(FACT_KINDS)):.4f}")
    found = Counter(kind for kinds in kinds_of for kind in kinds)
    for kind in FACT_KINDS:
        moved = [i for i in everything if without[i] and kind in kinds_of[i]]
        wrong = sum(labels[i] for i in moved)
        print(
            f"  {kind:<12} in {found[kind]:>4} pairs; moved {len(moved):>4} to partial "
            f"({len(moved) - wrong} rightly, {wrong} against the annotators); "
            f"accuracy with this rule alone {accuracy({kind}):.4f}"
        )
    moved_any = [i for i in everything if without[i] and kinds_of[i]]
    wrong_any = sum(labels[i] for i in moved_any)
    print(
        f"  all rules moved {len(moved_any)} pairs ({len(moved_any) - wrong_any} rightly, "
        f"{wrong_any} against the annotators)"
    )
    if listed is not None:
        print(f"\npairs moved against the annotators ({listed}):")
        for i in moved_any:
            if not labels[i] or (listed != "all" and listed not in kinds_of[i]):
                continue
            _, a, b = pairs[i]
            print(f"\n#{i}: {fact_reasons(facts[i], a, b)}\n  A: {a}\n  B: {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
