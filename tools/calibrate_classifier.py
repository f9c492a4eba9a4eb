"""Fits the "same meaning" model of viewer/core/classify.py on the MSRP training split.

Usage: python tools/calibrate_classifier.py [--write] [path/to/msr_paraphrase_train.txt]

Reads the tab-separated corpus (default: <repo>/../shared/data/msrp/msr_paraphrase_train.txt),
reports the 10-fold cross-validated accuracy (stratified folds, fixed seed) of the model alone and
of the product's verdict (``classify_pair``: identical, edited or paraphrase = same meaning), then
fits on all pairs and prints ``viewer/core/classify_model.py`` (or writes it with ``--write``).

The model: word weights (the smoothed log-odds that a pair is a paraphrase given that a word is
found on one side only, or on both; Ji & Eisenstein's TF-KLD idea, without the factorisation)
and the words' IDF over the corpus's sentences feed fifteen features next to the lexical ones;
gradient-boosted depth-3 trees and a logistic
regression on the same features each give a probability, and their mean decides (the two err
on different pairs: the mean scores about half a point above either alone). Word weights are
learned inside each fold, and the rows a fold's models train on get weights learned without
them (inner 5-fold), so no pair ever sees weights learned from its own label.

Needs scikit-learn and numpy, for this script only (``pip install scikit-learn``): the product
runs the shipped trees in pure Python. About 15 s.
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter
from pathlib import Path

# One thread: multi-threaded histogram sums may differ in the last bits from run to run, and
# the shipped trees must be reproducible.
os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from viewer.core.classify import (  # noqa: E402
    FEATURE_NAMES,
    WORD_WEIGHT_FEATURES,
    WordWeights,
    classify_pair,
    lexical_features,
    word_weight_features,
)
from viewer.core.model import SAME_MEANING_KINDS  # noqa: E402
from viewer.core.normalize import SentenceForms, sentence_forms  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
MODEL_MODULE = REPO_ROOT / "viewer" / "core" / "classify_model.py"
FOLDS = 10
INNER_FOLDS = 5
SEED = 0
INNER_SEED = 1
SMOOTHING = 3.0  # pseudo-pairs per word, spread by class share: rare words weigh little
TREES = 150
TREE_DEPTH = 3
LEARNING_RATE = 0.05
WEIGHT_DIGITS = 4
LINEAR_C = 1.0  # inverse L2 strength of the logistic regression, on standardised features
LINEAR_DIGITS = 10  # significant digits of the exported linear weights


def read_corpus(path: Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) for every pair of an MSRP file."""
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 5 and parts[0] in ("0", "1"):
                pairs.append((int(parts[0]), parts[3], parts[4]))
    return pairs


class Corpus:
    """The pairs' forms, labels, lexical features and word sets, computed once."""

    def __init__(self, pairs: list[tuple[int, str, str]]):
        self.pairs = pairs
        self.labels = [label for label, _, _ in pairs]
        self.forms: list[tuple[SentenceForms, SentenceForms]] = [
            (sentence_forms(a), sentence_forms(b)) for _, a, b in pairs
        ]
        self.lexical = [lexical_features(a, b) for a, b in self.forms]
        self.one_sided = [sorted(set(a.tokens) ^ set(b.tokens)) for a, b in self.forms]
        self.both_sides = [sorted(set(a.tokens) & set(b.tokens)) for a, b in self.forms]

    def rows(self, indices, weights: WordWeights) -> list[list[float]]:
        return [self.lexical[i] + word_weight_features(*self.forms[i], weights) for i in indices]


def _log_odds(sets: list[list[str]], labels: list[int], indices) -> dict[str, float]:
    positive: Counter = Counter()
    negative: Counter = Counter()
    for i in indices:
        (positive if labels[i] else negative).update(sets[i])
    count = len(indices)
    pos_total = sum(labels[i] for i in indices)
    neg_total = count - pos_total
    pos_prior, neg_prior = SMOOTHING * pos_total / count, SMOOTHING * neg_total / count
    return {
        word: round(
            math.log((positive[word] + pos_prior) / pos_total)
            - math.log((negative[word] + neg_prior) / neg_total),
            WEIGHT_DIGITS,
        )
        for word in sorted(positive.keys() | negative.keys())
    }


def _inverse_document_frequency(corpus: Corpus, indices) -> tuple[dict[str, float], float]:
    """IDF of every word over the sentences of ``indices`` (each pair has two), and the IDF of a
    word they never use."""
    counts: Counter = Counter()
    for i in indices:
        a, b = corpus.forms[i]
        counts.update(set(a.tokens))
        counts.update(set(b.tokens))
    sentences = 2 * len(indices)
    idf = {
        word: round(math.log((sentences + 1) / (count + 1)), WEIGHT_DIGITS)
        for word, count in sorted(counts.items())
    }
    return idf, round(math.log(sentences + 1), WEIGHT_DIGITS)


def learn_weights(corpus: Corpus, indices) -> WordWeights:
    idf, unseen = _inverse_document_frequency(corpus, indices)
    return (
        _log_odds(corpus.one_sided, corpus.labels, indices),
        _log_odds(corpus.both_sides, corpus.labels, indices),
        idf,
        unseen,
    )


def _folds(
    labels: list[int], indices: list[int], folds: int, seed: int
) -> list[tuple[list[int], list[int]]]:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    split = StratifiedKFold(folds, shuffle=True, random_state=seed)
    chosen = np.array(indices)
    return [
        (chosen[train].tolist(), chosen[test].tolist())
        for train, test in split.split(chosen, [labels[i] for i in indices])
    ]


def fit(corpus: Corpus, indices: list[int]):
    """Word weights learned on ``indices``, and trees and a linear model trained on rows whose
    word-weight features come from weights learned without them.

    Returns (weights, trees, linear): ``linear`` is (intercept, weights) on the raw features.
    """
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    rows: dict[int, list[float]] = {}
    for train, test in _folds(corpus.labels, indices, INNER_FOLDS, INNER_SEED):
        weights = learn_weights(corpus, train)
        rows.update(zip(test, corpus.rows(test, weights)))
    trees = HistGradientBoostingClassifier(
        max_depth=TREE_DEPTH,
        max_iter=TREES,
        learning_rate=LEARNING_RATE,
        early_stopping=False,
        random_state=SEED,
    )
    features = np.array([rows[i] for i in indices])
    labels = [corpus.labels[i] for i in indices]
    trees.fit(features, labels)
    # Standardised for the fit, then folded back into weights on the raw features.
    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=LINEAR_C, max_iter=10000)
    regression.fit((features - mean) / scale, labels)
    coefficients = regression.coef_.ravel() / scale
    intercept = float(regression.intercept_[0] - (coefficients * mean).sum())
    linear = (
        float(f"{intercept:.{LINEAR_DIGITS}g}"),
        tuple(float(f"{w:.{LINEAR_DIGITS}g}") for w in coefficients),
    )
    return learn_weights(corpus, indices), trees, linear


def export_trees(trees) -> tuple[float, list[tuple]]:
    """Baseline log-odds and, per tree, (feature or -1 for a leaf, threshold, left, right, value)
    columns: a sample goes left when its feature is <= the threshold."""
    baseline = float(trees._baseline_prediction.ravel()[0])
    exported = []
    for (predictor,) in trees._predictors:
        nodes = predictor.nodes
        exported.append(
            (
                tuple(-1 if node["is_leaf"] else int(node["feature_idx"]) for node in nodes),
                tuple(float(node["num_threshold"]) for node in nodes),
                tuple(int(node["left"]) for node in nodes),
                tuple(int(node["right"]) for node in nodes),
                tuple(float(node["value"]) if node["is_leaf"] else 0.0 for node in nodes),
            )
        )
    return baseline, exported


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def tree_probability(baseline: float, trees: list[tuple], row: list[float]) -> float:
    z = baseline
    for features_of, thresholds, lefts, rights, values in trees:
        node = 0
        while features_of[node] >= 0:
            node = lefts[node] if row[features_of[node]] <= thresholds[node] else rights[node]
        z += values[node]
    return _sigmoid(z)


def linear_probability(linear: tuple[float, tuple[float, ...]], row: list[float]) -> float:
    intercept, weights = linear
    return _sigmoid(intercept + math.fsum(w * x for w, x in zip(weights, row)))


def probability(baseline: float, trees: list[tuple], linear, row: list[float]) -> float:
    """The mean of the trees' and the linear model's probabilities, as ``classify.py`` has it."""
    return (tree_probability(baseline, trees, row) + linear_probability(linear, row)) / 2


def cross_validate(corpus: Corpus) -> tuple[list[float], float]:
    """Per-fold accuracy of the model alone, and the accuracy of the product's verdict."""
    scores, product_hits = [], 0
    everything = list(range(len(corpus.labels)))
    for train, test in _folds(corpus.labels, everything, FOLDS, SEED):
        weights, trees, linear = fit(corpus, train)
        baseline, exported = export_trees(trees)
        rows = corpus.rows(test, weights)
        hits = sum(
            (probability(baseline, exported, linear, row) >= 0.5) == bool(corpus.labels[i])
            for i, row in zip(test, rows)
        )
        scores.append(hits / len(test))

        def model(features, baseline=baseline, exported=exported, linear=linear):
            return probability(baseline, exported, linear, features)

        for i in test:
            kind = classify_pair(*corpus.forms[i], model, weights)
            product_hits += (kind in SAME_MEANING_KINDS) == bool(corpus.labels[i])
    return scores, product_hits / len(corpus.labels)


def module_text(
    baseline: float, trees: list[tuple], linear, weights: WordWeights, summary: list[str]
) -> str:
    one_sided, both_sides, idf, unseen = weights
    intercept, coefficients = linear
    lines = [
        '"""The fitted "same meaning" model of ``classify.py``: generated, do not edit.',
        "",
        "May import: the standard library. Must not import: Qt or any machine-learning library.",
        "Written by tools/calibrate_classifier.py --write from the MSRP training split:",
        *summary,
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from functools import cache",
        "",
        "",
        "# The logistic regression: log-odds = intercept + the weights times the features.",
        f"LINEAR_INTERCEPT = {intercept!r}",
        "LINEAR_WEIGHTS = (",
        *(f"    {w!r},  # {name}" for w, name in zip(coefficients, FEATURE_NAMES)),
        ")",
        "",
        "",
        "def log_odds(f: list[float]) -> float:",
        '    """The trees\' verdict on a feature vector: log-odds of "same meaning"."""',
        f"    z = {baseline!r}",
    ]
    # Straight-line code runs several times faster than walking node tables in pure Python;
    # one conditional expression per tree keeps the module quick to compile.
    for features_of, thresholds, lefts, rights, values in trees:

        def expression(node: int) -> str:
            if features_of[node] < 0:
                return repr(values[node])
            return (
                f"({expression(lefts[node])} if f[{features_of[node]}] <= {thresholds[node]!r} "
                f"else {expression(rights[node])})"
            )

        lines.append(f"    z += {expression(0)}")
    lines.append("    return z")
    lines.append("")
    lines.append("")
    lines.append(
        "# word<TAB>weight when on one side only<TAB>weight when on both ('' when never seen so)"
    )
    lines.append("# <TAB>inverse document frequency.")
    lines.append(f"IDF_UNSEEN = {unseen!r}")
    lines.append('_WORD_WEIGHTS = """\\')
    for word in sorted(one_sided.keys() | both_sides.keys() | idf.keys()):
        one = one_sided.get(word)
        both = both_sides.get(word)
        lines.append(
            f"{word}\t{'' if one is None else repr(one)}\t{'' if both is None else repr(both)}"
            f"\t{idf[word]!r}"
        )
    lines.append('"""')
    lines += [
        "",
        "",
        "@cache",
        "def word_weights() -> tuple[dict[str, float], dict[str, float], dict[str, float], float]:",
        '    """(weights of words found on one side only, of words found on both sides, words\' IDF,',
        '    the IDF of a word never seen)."""',
        "    one_sided: dict[str, float] = {}",
        "    both_sides: dict[str, float] = {}",
        "    idf: dict[str, float] = {}",
        "    for line in _WORD_WEIGHTS.splitlines():",
        '        word, one, both, rarity = line.split("\\t")',
        "        if one:",
        "            one_sided[word] = float(one)",
        "        if both:",
        "            both_sides[word] = float(both)",
        "        idf[word] = float(rarity)",
        "    return one_sided, both_sides, idf, IDF_UNSEEN",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--write"]
    path = Path(args[0]) if args else DEFAULT_CORPUS
    if not path.is_file():
        print(f"MSRP training file not found: {path}", file=sys.stderr)
        return 1
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("this script needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 1
    corpus = Corpus(read_corpus(path))
    labels = corpus.labels
    assert len(FEATURE_NAMES) == len(corpus.lexical[0]) + WORD_WEIGHT_FEATURES
    scores, product = cross_validate(corpus)
    mean = sum(scores) / len(scores)
    weights, trees, linear = fit(corpus, list(range(len(labels))))
    baseline, exported = export_trees(trees)
    rows = corpus.rows(range(len(labels)), weights)
    training = sum(
        (probability(baseline, exported, linear, r) >= 0.5) == bool(y) for r, y in zip(rows, labels)
    )
    summary = [
        f"{len(labels)} pairs, majority class {max(sum(labels), len(labels) - sum(labels)) / len(labels):.3f};",
        f"{FOLDS}-fold stratified CV accuracy of the model {mean:.4f} (folds {min(scores):.3f}..{max(scores):.3f}),",
        f"of the product's verdict (classify_pair) {product:.4f}; on the training pairs {training / len(labels):.4f}.",
    ]
    print("\n".join("# " + line for line in summary))
    text = module_text(baseline, exported, linear, weights, summary)
    if "--write" in argv:
        MODEL_MODULE.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_MODULE}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
