"""Fits the "same meaning" model of viewer/core/classify.py on the MSRP training split.

Usage: python tools/calibrate_classifier.py [--write] [path/to/msr_paraphrase_train.txt]

Reads the tab-separated corpus (default: <repo>/../shared/data/msrp/msr_paraphrase_train.txt),
reports the 10-fold cross-validated accuracy (stratified folds, fixed seed) of the model alone and
of the product's verdict (``classify_pair``: identical, edited or paraphrase = same meaning), then
fits on all pairs and prints the generated ``viewer/core/classify_model.py`` (the trees and the
linear weights), or with ``--write`` writes it together with the word-weight table and its
manifest (``viewer/core/fitted/word_weights.tsv`` and ``manifest.json``, read by
``viewer/core/classify_weights.py``).

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

from viewer.core import classify_weights  # noqa: E402
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
FITTED_DIR = REPO_ROOT / "viewer" / "core" / classify_weights.FITTED_DIR
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
        return [
            self.lexical[i] + word_weight_features(self.forms[i][0], self.forms[i][1], weights)
            for i in indices
        ]


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
        rows.update(zip(test, corpus.rows(test, weights), strict=True))
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
    return _sigmoid(intercept + math.fsum(w * x for w, x in zip(weights, row, strict=True)))


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
            for i, row in zip(test, rows, strict=True)
        )
        scores.append(hits / len(test))

        def model(features, baseline=baseline, exported=exported, linear=linear):
            return probability(baseline, exported, linear, features)

        for i in test:
            kind = classify_pair(*corpus.forms[i], model, weights)
            product_hits += (kind in SAME_MEANING_KINDS) == bool(corpus.labels[i])
    return scores, product_hits / len(corpus.labels)


def _tree_expression(tree: tuple, node: int) -> str:
    """One exported tree from ``node`` down, as a Python conditional expression over ``f``."""
    features_of, thresholds, lefts, rights, values = tree
    if features_of[node] < 0:
        return repr(values[node])
    return (
        f"({_tree_expression(tree, lefts[node])} if f[{features_of[node]}] <= "
        f"{thresholds[node]!r} else {_tree_expression(tree, rights[node])})"
    )


def module_text(baseline: float, trees: list[tuple], linear, summary: list[str]) -> str:
    """The generated module: the linear weights and the trees (the word weights are data)."""
    intercept, coefficients = linear
    lines = [
        '"""The fitted "same meaning" model of ``classify.py``: generated, do not edit.',
        "",
        "May import: the standard library. Must not import: Qt or any machine-learning library.",
        "Written by tools/calibrate_classifier.py --write from the MSRP training split:",
        *summary,
        "Its word weights are data: fitted/word_weights.tsv and fitted/manifest.json.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "",
        "# The logistic regression: log-odds = intercept + the weights times the features.",
        f"LINEAR_INTERCEPT = {intercept!r}",
        "LINEAR_WEIGHTS = (",
        *(f"    {w!r},  # {name}" for w, name in zip(coefficients, FEATURE_NAMES, strict=True)),
        ")",
        "",
        "",
        "def log_odds(f: list[float]) -> float:",
        '    """The trees\' verdict on a feature vector: log-odds of "same meaning"."""',
        f"    z = {baseline!r}",
    ]
    # Straight-line code runs several times faster than walking node tables in pure Python;
    # one conditional expression per tree keeps the module quick to compile.
    lines += [f"    z += {_tree_expression(tree, 0)}" for tree in trees]
    lines.append("    return z")
    lines.append("")
    return "\n".join(lines)


def fitted_description(
    labels: list[int], scores: list[float], product: float, training: float
) -> dict:
    """How and on what the shipped model was fitted, for its manifest."""
    import sklearn

    return {
        "by": "tools/calibrate_classifier.py --write",
        "corpus": "MSRP training split (msr_paraphrase_train.txt)",
        "pairs": len(labels),
        "majority_class": round(max(sum(labels), len(labels) - sum(labels)) / len(labels), 4),
        "scikit_learn": sklearn.__version__,
        "parameters": {
            "trees": TREES,
            "tree_depth": TREE_DEPTH,
            "learning_rate": LEARNING_RATE,
            "linear_c": LINEAR_C,
            "word_weight_smoothing": SMOOTHING,
            "inner_folds": INNER_FOLDS,
            "seed": SEED,
            "inner_seed": INNER_SEED,
        },
        "accuracy": {
            "cv_folds": FOLDS,
            "cv_model": round(sum(scores) / len(scores), 4),
            "cv_model_folds": [round(score, 4) for score in scores],
            "cv_product_verdict": round(product, 4),
            "training_pairs": round(training, 4),
        },
    }


def write_model(module: str, weights: WordWeights, fitted: dict) -> list[Path]:
    """Writes the generated module, the word-weight table and its manifest; returns their paths."""
    table = classify_weights.table_text(weights)
    manifest = classify_weights.manifest_text(FEATURE_NAMES, weights, table, fitted)
    FITTED_DIR.mkdir(exist_ok=True)
    written = [
        (MODEL_MODULE, module),
        (FITTED_DIR / classify_weights.TABLE_FILE, table),
        (FITTED_DIR / classify_weights.MANIFEST_FILE, manifest),
    ]
    for path, text in written:
        path.write_text(text, encoding="utf-8", newline="\n")
    return [path for path, _ in written]


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
        (probability(baseline, exported, linear, r) >= 0.5) == bool(y)
        for r, y in zip(rows, labels, strict=True)
    )
    majority = max(sum(labels), len(labels) - sum(labels)) / len(labels)
    summary = [
        f"{len(labels)} pairs, majority class {majority:.3f};",
        f"{FOLDS}-fold stratified CV accuracy of the model {mean:.4f} "
        f"(folds {min(scores):.3f}..{max(scores):.3f}),",
        f"of the product's verdict (classify_pair) {product:.4f}; "
        f"on the training pairs {training / len(labels):.4f}.",
    ]
    print("\n".join("# " + line for line in summary))
    text = module_text(baseline, exported, linear, summary)
    if "--write" in argv:
        fitted = fitted_description(labels, scores, product, training / len(labels))
        for written in write_model(text, weights, fitted):
            print(f"wrote {written}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
