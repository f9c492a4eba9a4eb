"""Fits the link-confidence model of viewer/core/confidence.py on constructed article pairs.

Usage: python tools/calibrate_confidence.py [PAIRS_PER_NATURE]

Builds PAIRS_PER_NATURE (default 200, what the shipped constants were fitted on) pairs of each
nature of ``benchmarks/constructed.py`` (copies with edits, spun copies, two reports of one
event written apart, unrelated articles; the last two from the MSRP training split), compares
each with the engine, and labels every linked block right (at least half of its sentence pairs
are true links) or wrong. A logistic regression on ``confidence.FEATURES`` (each nature
weighing the same) is fitted on the pairs of even seeds and checked on those of odd seeds, then
fitted on all; the script prints the constants to paste into ``confidence.py`` and, for
thresholds from 0.3 to 0.7, how many links of each nature fall below (tentative) and how many
of those are right. When the meaning channel runs, a second fit with the meaning is printed.
Needs scikit-learn and numpy (test extras).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
for folder in (REPO_ROOT, REPO_ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import numpy as np  # noqa: E402
from constructed import ConstructedPair, constructed_pairs  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from synthetic import document_parts  # noqa: E402

from viewer.core import compare  # noqa: E402
from viewer.core.confidence import FEATURES  # noqa: E402
from viewer.core.model import Block, Document, Options  # noqa: E402


def document(name: str, sentences: list[str]) -> Document:
    text, spans = document_parts(sentences)
    return Document(name=name, text=text, sentences=spans)


def right_link(block: Block, truth: set[tuple[int, int]]) -> bool:
    pairs = [(i, j) for i in block.source for j in block.rewrite]
    return 2 * sum(p in truth for p in pairs) >= len(pairs)


# With the meaning channel when it is installed (Options.semantic, on main once the channel is
# there): links then carry a meaning, and the second fit (MEANING_*) is made too.
OPTIONS = Options(word_diff=False)


def rows(pairs: list[ConstructedPair]):
    """(features, label, nature, seed) of every link the engine makes on ``pairs``."""
    from viewer.core.compare import _forms_of  # the engine's own joining of sentences
    from viewer.core.confidence import block_evidence
    from viewer.core.normalize import sentence_forms

    for number, pair in enumerate(pairs):
        left, right = document("left", pair.left), document("right", pair.right)
        comparison = compare(left, right, OPTIONS)
        texts = (left.sentence_texts(), right.sentence_texts())
        forms = ([sentence_forms(t) for t in texts[0]], [sentence_forms(t) for t in texts[1]])
        found = block_evidence(
            comparison.blocks,
            forms[0],
            forms[1],
            lambda side, indices, texts=texts, forms=forms: _forms_of(
                texts[side], indices, forms[side]
            ),
            with_facts=True,
        )
        for block, evidence in zip(comparison.blocks, found, strict=True):
            if evidence is not None:
                yield (
                    list(evidence[: len(FEATURES)]),
                    right_link(block, pair.links),
                    pair.nature,
                    number // 4,
                    evidence.meaning,
                )


# Evidence for a link never counts against it: a feature of these whose fitted weight comes out
# negative (an artefact of the constructed data, as the names every sentence of an MSRP story
# shares) is left out and the model fitted again without it.
EVIDENCE_FOR = ("similarity", "kept", "content", "facts", "supported", "meaning")


def fitted_features(x, y, weight, names: tuple[str, ...] = FEATURES) -> list[int]:
    """Indices of the features the model keeps (see ``EVIDENCE_FOR``)."""
    used = list(range(len(names)))
    while True:
        model = LogisticRegression(C=1.0, max_iter=2000)
        model.fit(x[:, used], y, sample_weight=weight)
        negative = [
            k
            for k, w in zip(used, model.coef_[0], strict=True)
            if names[k] in EVIDENCE_FOR and w < 0
        ]
        if not negative:
            return used
        used = [k for k in used if k not in negative]


def fit_all(x, y, weight, names: tuple[str, ...] = FEATURES) -> tuple[float, dict[str, float]]:
    """The intercept and the weight of every feature (0 for those left out), fitted on all."""
    used = fitted_features(x, y, weight, names)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x[:, used], y, sample_weight=weight)
    fitted = dict(zip([names[k] for k in used], model.coef_[0], strict=True))
    weights = {name: round(float(fitted.get(name, 0.0)), 4) for name in names}
    return round(float(model.intercept_[0]), 4), weights


def nature_weights(natures: list[str]):
    """Sample weights under which each nature weighs the same."""
    per_nature = {n: natures.count(n) for n in set(natures)}
    return np.array([len(natures) / (len(per_nature) * per_nature[n]) for n in natures])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    pairs = constructed_pairs(count)
    data = list(rows(pairs))
    x = np.array([r[0] for r in data])
    y = np.array([r[1] for r in data], dtype=int)
    natures = [r[2] for r in data]
    # Pairs of even seeds train, odd ones test: the links of one pair stay on one side.
    pair_of_row = np.array([r[3] for r in data])
    train, test = pair_of_row % 2 == 0, pair_of_row % 2 == 1
    # Each nature weighs the same: copies hold most links, and nearly all are easy.
    weight = nature_weights(natures)
    used = fitted_features(x[train], y[train], weight[train])
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x[train][:, used], y[train], sample_weight=weight[train])
    held_out = model.predict_proba(x[test][:, used])[:, 1]
    print(f"links: {len(y)} ({y.sum()} right, {len(y) - y.sum()} wrong)")
    for nature in ("copy", "spun", "apart", "unrelated"):
        mask = np.array([n == nature for n in natures])
        print(f"  {nature}: {mask.sum()} links, {y[mask].sum()} right")
    accuracy = ((held_out >= 0.5) == y[test]).mean()
    print(f"held-out accuracy at 0.5: {accuracy:.3f} on {test.sum()} links")
    intercept, weights = fit_all(x, y, weight)
    print("\nINTERCEPT =", intercept)
    print("WEIGHTS = {")
    for name, value in weights.items():
        print(f'    "{name}": {value},')
    print("}")
    meanings = [r[4] for r in data]
    if all(m is not None for m in meanings):
        with_meaning = np.column_stack([x, np.array(meanings, dtype=float)])
        intercept, weights = fit_all(with_meaning, y, weight, (*FEATURES, "meaning"))
        print("\nMEANING_INTERCEPT =", intercept)
        print("MEANING_WEIGHTS = {")
        for name, value in weights.items():
            print(f'    "{name}": {value},')
        print("}")
    print("\nthreshold: below (tentative) / of them right / above / of them wrong [held-out half]")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        below = held_out < threshold
        print(
            f"  {threshold:.1f}: {below.sum():4d} / {y[test][below].sum():4d} / "
            f"{(~below).sum():4d} / {(~below).sum() - y[test][~below].sum():4d}"
        )
        for nature in ("copy", "spun", "apart", "unrelated"):
            mask = np.array([n == nature for n in natures])[test]
            b = below & mask
            a = ~below & mask
            print(
                f"      {nature:9}: tentative {b.sum():3d} ({y[test][b].sum()} right), "
                f"kept {a.sum():3d} ({a.sum() - y[test][a].sum()} wrong)"
            )


if __name__ == "__main__":
    main()
