"""Fits the "same meaning" model of viewer/core/classify.py on the MSRP training split.

Usage: python tools/calibrate_classifier.py [path/to/msr_paraphrase_train.txt]

Reads the tab-separated corpus (default: <repo>/../shared/data/msrp/msr_paraphrase_train.txt),
computes ``pair_features`` for every pair, reports the 10-fold cross-validated accuracy of an
L2-regularised logistic regression (Newton's method, pure Python, deterministic folds), alone and
as the product uses it (``classify_pair`` with its figures rules), then fits on all pairs and
prints the constants to paste into classify.py. Standard library only; about 15 s.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from viewer.core.classify import FEATURE_NAMES, classify_pair, pair_features  # noqa: E402
from viewer.core.model import SAME_MEANING_KINDS  # noqa: E402
from viewer.core.normalize import sentence_forms  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
FOLDS = 10
L2_PENALTY = 1.0  # on standardised features; the corpus is small and features overlap
NEWTON_STEPS = 12


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


def featurise(pairs: list[tuple[int, str, str]]) -> tuple[list[list[float]], list[int]]:
    rows = [pair_features(sentence_forms(a), sentence_forms(b)) for _, a, b in pairs]
    return rows, [label for label, _, _ in pairs]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems are tiny and well conditioned)."""
    size = len(vector)
    m = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, size):
            factor = m[r][col] / m[col][col]
            if factor:
                row, top = m[r], m[col]
                for c in range(col, size + 1):
                    row[c] -= factor * top[c]
    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        solution[r] = (m[r][size] - sum(m[r][c] * solution[c] for c in range(r + 1, size))) / m[r][r]
    return solution


def fit(rows: list[list[float]], labels: list[int]) -> tuple[float, list[float]]:
    """Bias and raw-feature weights of an L2 logistic regression fitted by Newton's method."""
    dims = len(rows[0])
    means = [sum(r[d] for r in rows) / len(rows) for d in range(dims)]
    stds = [math.sqrt(sum((r[d] - means[d]) ** 2 for r in rows) / len(rows)) or 1.0 for d in range(dims)]
    xs = [[1.0] + [(r[d] - means[d]) / stds[d] for d in range(dims)] for r in rows]
    theta = [0.0] * (dims + 1)
    for _ in range(NEWTON_STEPS):
        gradient = [0.0] * (dims + 1)
        hessian = [[0.0] * (dims + 1) for _ in range(dims + 1)]
        for x, y in zip(xs, labels):
            z = sum(t * v for t, v in zip(theta, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err, w = p - y, p * (1.0 - p)
            for i, xi in enumerate(x):
                gradient[i] += err * xi
                wxi = w * xi
                row = hessian[i]
                for j in range(i, dims + 1):
                    row[j] += wxi * x[j]
        for i in range(dims + 1):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
            if i:
                gradient[i] += L2_PENALTY * theta[i]
                hessian[i][i] += L2_PENALTY
        step = _solve(hessian, gradient)
        theta = [t - s for t, s in zip(theta, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    weights = [theta[d + 1] / stds[d] for d in range(dims)]
    bias = theta[0] - sum(theta[d + 1] * means[d] / stds[d] for d in range(dims))
    return bias, weights


def predict(bias: float, weights: list[float], row: list[float]) -> float:
    z = bias + sum(w * v for w, v in zip(weights, row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def accuracy(bias: float, weights: list[float], rows, labels, threshold: float = 0.5) -> float:
    hits = sum((predict(bias, weights, r) >= threshold) == bool(y) for r, y in zip(rows, labels))
    return hits / len(labels)


def fold_of(index: int) -> int:
    return index % FOLDS


def cross_validate(rows, labels) -> list[float]:
    """Accuracy of the model alone on each held-out fold."""
    return [accuracy(bias, weights, [rows[i] for i in test], [labels[i] for i in test])
            for test, bias, weights in fold_models(rows, labels)]


def fold_models(rows, labels) -> list[tuple[list[int], float, list[float]]]:
    """For each fold: its pair indices, and the bias and weights fitted on the other folds."""
    models = []
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if fold_of(i) != fold]
        test = [i for i in range(len(rows)) if fold_of(i) == fold]
        bias, weights = fit([rows[i] for i in train], [labels[i] for i in train])
        models.append((test, bias, weights))
    return models


def cross_validated_probabilities(rows, labels) -> list[list[tuple[int, float]]]:
    """For each fold, (pair index, probability) from the model fitted on the other folds."""
    return [[(i, predict(bias, weights, rows[i])) for i in test]
            for test, bias, weights in fold_models(rows, labels)]


def product_accuracy(pairs, labels, models) -> float:
    """Cross-validated accuracy of the product's verdict: ``classify_pair`` with each fold's
    model (figures rules and the edited shortcut included), "same meaning" being identical,
    edited or paraphrase."""
    hits = 0
    for test, bias, weights in models:
        def model(features, bias=bias, weights=weights):
            return predict(bias, weights, features)

        for i in test:
            kind = classify_pair(sentence_forms(pairs[i][1]), sentence_forms(pairs[i][2]), model)
            hits += (kind in SAME_MEANING_KINDS) == bool(labels[i])
    return hits / len(labels)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not path.is_file():
        print(f"MSRP training file not found: {path}", file=sys.stderr)
        return 1
    pairs = read_corpus(path)
    rows, labels = featurise(pairs)
    models = fold_models(rows, labels)
    scores = [accuracy(bias, weights, [rows[i] for i in test], [labels[i] for i in test])
              for test, bias, weights in models]
    mean = sum(scores) / len(scores)
    print(f"# {len(rows)} pairs, majority class {max(sum(labels), len(labels) - sum(labels)) / len(labels):.3f}")
    print(f"# {FOLDS}-fold CV accuracy {mean:.4f} (folds {min(scores):.3f}..{max(scores):.3f})")
    print(f"# {FOLDS}-fold CV accuracy of the product verdict (classify_pair, figures rules) "
          f"{product_accuracy(pairs, labels, models):.4f}")
    bias, weights = fit(rows, labels)
    print(f"# accuracy on all training pairs {accuracy(bias, weights, rows, labels):.4f}")
    print(f"MODEL_BIAS = {bias!r}")
    print("MODEL_WEIGHTS: tuple[float, ...] = (")
    for name, weight in zip(FEATURE_NAMES, weights):
        print(f"    {weight!r},  # {name}")
    print(")")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
