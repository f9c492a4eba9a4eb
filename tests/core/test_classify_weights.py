"""The "same meaning" model's data: its manifest matches the code, and its table reads back."""

from __future__ import annotations

import inspect
import re
from importlib import resources

import pytest

from viewer.core import classify, classify_model, classify_weights
from viewer.core.classify_weights import ModelDataError


def shipped_text(name: str) -> str:
    return (
        resources.files("viewer.core")
        .joinpath(classify_weights.FITTED_DIR, name)
        .read_text(encoding="utf-8")
    )


def test_the_manifest_names_the_features_the_code_computes():
    assert tuple(classify_weights.manifest()["feature_names"]) == classify.FEATURE_NAMES


def test_the_generated_trees_and_linear_weights_fit_the_features():
    names = classify.FEATURE_NAMES
    assert len(classify_model.LINEAR_WEIGHTS) == len(names)
    used = {int(i) for i in re.findall(r"f\[(\d+)\]", inspect.getsource(classify_model.log_odds))}
    assert used and max(used) < len(names)
    # The generated module labels each linear weight with its feature's name.
    labels = re.findall(r"^    \S+,  # (\w+)$", inspect.getsource(classify_model), re.MULTILINE)
    assert tuple(labels) == names


def test_the_shipped_table_is_the_one_the_manifest_describes():
    described = classify_weights.manifest()["word_weights"]
    table = shipped_text(described["file"])
    assert classify_weights.table_digest(table) == described["sha256"]
    assert len(table.splitlines()) - 1 == described["words"]
    one_sided, both_sides, idf, unseen = classify.shipped_word_weights()
    assert len(idf) == described["words"]
    assert one_sided.keys() | both_sides.keys() <= idf.keys()
    assert unseen == described["idf_unseen"] > max(idf.values())


def test_the_shipped_table_reads_back_to_the_same_text():
    weights = classify_weights.word_weights()
    assert classify_weights.table_text(weights) == shipped_text(classify_weights.TABLE_FILE)


def test_a_table_round_trips_words_seen_on_one_side_only_or_on_both():
    weights = (
        {"also": 0.25, "not": -1.5},
        {"not": 0.5, "x-ray": 1e-05},
        {"also": 2.0, "not": 1.0, "x-ray": 7.25},
        9.5,
    )
    text = classify_weights.table_text(weights)
    assert text.splitlines()[1:] == [
        "also\t0.25\t\t2.0",
        "not\t-1.5\t0.5\t1.0",
        "x-ray\t\t1e-05\t7.25",
    ]
    assert classify_weights.parse_table(text, 9.5) == weights


def test_a_manifest_round_trips_and_records_its_table():
    weights = ({"a": 1.0}, {}, {"a": 2.0}, 3.0)
    table = classify_weights.table_text(weights)
    text = classify_weights.manifest_text(("f1", "f2"), weights, table, {"corpus": "constructed"})
    manifest = classify_weights.parse_manifest(text)
    assert manifest["feature_names"] == ["f1", "f2"]
    assert manifest["word_weights"]["words"] == 1
    assert manifest["word_weights"]["idf_unseen"] == 3.0
    assert manifest["fitted"] == {"corpus": "constructed"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format_version": 2}', "format version 2"),
        ("[1, 2]", "format version None"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_manifest_of_another_format_is_refused_clearly(text: str, message: str):
    with pytest.raises(ModelDataError, match=message):
        classify_weights.parse_manifest(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "header"),
        ("word\tweight\n", "header"),
        ("word\tone_sided\tboth_sides\tidf\nalso\t0.1\t2.0\n", "line 2 .* 3 fields"),
    ],
)
def test_a_damaged_table_is_refused_clearly(text: str, message: str):
    with pytest.raises(ModelDataError, match=message):
        classify_weights.parse_table(text, 9.0)


def test_a_word_with_a_tab_cannot_be_written():
    with pytest.raises(ModelDataError, match="tab or line break"):
        classify_weights.table_text(({"a\tb": 1.0}, {}, {"a\tb": 1.0}, 2.0))
