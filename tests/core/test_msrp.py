"""The shipped "same meaning" model on MSRP: held-out accuracy, and constants that match a refit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from viewer.core import classify, classify_model
from viewer.core.normalize import sentence_forms

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"

# Measured with tools/calibrate_classifier.py (10-fold stratified CV, seed 0): the model 0.7834
# (folds 0.764..0.811); the shipped model on its own training pairs 0.864. The product's verdict
# (classify_pair, threshold 0.5) was 0.7819 with the old rules on changed dates and figures; it
# is 0.7652 now that a fact change makes a pair partial (0.7834 without the fact rules). What
# remains of the loss is mostly figures, weekdays and quotations replaced outright, which
# MSRP's annotators still call paraphrases (tools/measure_facts.py counts the pairs each kind of
# fact moves, and --list KIND prints them). This bound records that figure; it is not a target.
MIN_CV_ACCURACY = 0.779
MIN_PRODUCT_CV_ACCURACY = 0.762
MIN_TRAINING_ACCURACY = 0.85

pytestmark = [
    pytest.mark.msrp,
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_file(), reason=f"MSRP corpus not found at {CORPUS}"),
]


@pytest.fixture(scope="module")
def calibration():
    spec = importlib.util.spec_from_file_location(
        "calibrate_classifier", REPO_ROOT / "tools" / "calibrate_classifier.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("calibrate_classifier", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(calibration):
    return calibration.Corpus(calibration.read_corpus(CORPUS))


def test_shipped_model_on_the_training_pairs(corpus):
    # Needs no machine-learning library: the product's own inference on the corpus it learned.
    hits = 0
    for (a, b), label in zip(corpus.forms, corpus.labels, strict=True):
        probability = classify.same_meaning_probability(classify.pair_features(a, b))
        hits += (probability >= 0.5) == bool(label)
    assert hits / len(corpus.labels) >= MIN_TRAINING_ACCURACY


def test_cross_validated_accuracy(calibration, corpus):
    pytest.importorskip("sklearn", reason="the calibration script needs scikit-learn")
    scores, product = calibration.cross_validate(corpus)
    assert sum(scores) / len(scores) >= MIN_CV_ACCURACY
    assert product >= MIN_PRODUCT_CV_ACCURACY


def test_shipped_constants_are_the_fit_on_all_pairs(calibration, corpus):
    pytest.importorskip("sklearn", reason="the calibration script needs scikit-learn")
    weights, trees, linear = calibration.fit(corpus, list(range(len(corpus.labels))))
    assert weights == classify.shipped_word_weights()
    baseline, exported = calibration.export_trees(trees)
    intercept, coefficients = linear
    # The linear weights are exported to 10 significant digits; a refit on another machine's
    # floating point may differ in the last of them.
    assert pytest.approx(intercept, rel=1e-7, abs=1e-9) == classify_model.LINEAR_INTERCEPT
    assert pytest.approx(coefficients, rel=1e-7, abs=1e-9) == classify_model.LINEAR_WEIGHTS
    for row in corpus.rows(range(0, len(corpus.labels), 7), weights):
        refit = calibration.probability(baseline, exported, linear, row)
        assert classify.same_meaning_probability(row) == pytest.approx(refit, abs=1e-6)


def test_sentence_forms_of_the_corpus_are_stable():
    # The shipped weights are keyed by stems: a change of the stemmer silently voids them.
    one_sided, _, _, _ = classify.shipped_word_weights()
    stems = {t for t in sentence_forms("Shares of the company rose sharply on Tuesday.").tokens}
    assert stems <= one_sided.keys()
