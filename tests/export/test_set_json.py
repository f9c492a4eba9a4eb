"""The "source-compare-set/1" container: whole pair comparisons, recomputable figures."""

from __future__ import annotations

import io
import json
import random

import pytest

from viewer.core import load_document
from viewer.core.attribution import attribute
from viewer.core.export import FormatError, comparison_from_dict, comparison_to_dict
from viewer.core.export.set_csv import attribution_to_csv, matrix_to_csv, write_set_csv
from viewer.core.export.set_json import (
    SET_FORMAT_ID,
    ExcludedOutlet,
    SetFile,
    read_set_json,
    set_from_dict,
    set_to_dict,
    set_to_json,
    write_set_json,
)
from viewer.core.outlets import compare_set
from viewer.resources import seed_path


@pytest.fixture(scope="module")
def seed_docs():
    return [load_document(seed_path(n)) for n in ("000", "001", "002", "003", "004")]


@pytest.fixture(scope="module")
def seed_set(seed_docs):
    return compare_set(seed_docs[0], seed_docs[1:])


@pytest.fixture(scope="module")
def seed_attribution(seed_docs):
    return attribute(seed_docs[2], [seed_docs[k] for k in (0, 1, 3, 4)], primary=0)


def test_comparisons_are_whole_pair_comparisons(seed_set):
    data = json.loads(set_to_json(seed_set))
    assert data == set_to_dict(seed_set)
    assert data["format"] == SET_FORMAT_ID
    assert data["role"] == "outlets"
    assert [o["name"][:3] for o in data["outlets"]] == ["001", "002", "003", "004"]
    for stored, comparison in zip(data["comparisons"], seed_set.comparisons, strict=True):
        assert stored == comparison_to_dict(comparison)
        assert comparison_from_dict(stored).blocks == comparison.blocks
    first = data["sentences"][0]
    assert (first["reused_by"], first["of"]) == (4, 4)
    assert first["kinds"]["paraphrase"] == 4
    assert data["matrix"]["strips"][0] == seed_set.strip_text(0)
    assert data["attribution"] is None


def test_round_trip(seed_set, seed_attribution, tmp_path):
    for item in (seed_set, seed_attribution):
        path = tmp_path / "set.json"
        write_set_json(item, path)
        again = read_set_json(path)
        assert set_to_json(again) == set_to_json(item)
    assert read_set_json(tmp_path / "set.json").attribution.primary is not None


def test_shuffled_inputs_give_the_same_bytes(seed_docs):
    source, rewrites = seed_docs[0], seed_docs[1:]
    reference = set_to_json(compare_set(source, rewrites))
    generator = random.Random(3)
    for _ in range(3):
        shuffled = rewrites[:]
        generator.shuffle(shuffled)
        assert set_to_json(compare_set(source, shuffled)) == reference
    article, sources = seed_docs[2], [seed_docs[k] for k in (0, 1, 3, 4)]
    dates = ["2021-10-05", "2021-10-06", "2021-10-06", "2021-10-07"]
    reference = set_to_json(attribute(article, sources, primary=0, dates=dates))
    order = [3, 1, 0, 2]
    shuffled_json = set_to_json(
        attribute(
            article,
            [sources[k] for k in order],
            primary=order.index(0),
            dates=[dates[k] for k in order],
        )
    )
    assert shuffled_json == reference


def test_attribution_section(seed_attribution):
    data = set_to_dict(seed_attribution)
    assert data["role"] == "attribution" and data["hub"]["side"] == "right"
    section = data["attribution"]
    assert data["outlets"][section["primary"]]["name"].startswith("000")
    assert len(section["credits"]) == len(seed_attribution.article.sentences)
    assert section["sources"][0]["source"] == section["primary"]
    shares = sum(s["share"] for s in section["sources"]) + section["unattributed_share"]
    assert shares == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="source-compare/1"), "not a source-compare-set/1"),
        (lambda d: d.update(comparisons=[]), "non-empty"),
        (lambda d: d["hub"].update(side="middle"), "hub.side"),
        (lambda d: d["outlets"].pop(), "one entry per comparison"),
        (lambda d: d["outlets"][0].update(date="yesterday"), "not a date"),
        (lambda d: d["sentences"][0].update(reused_by=3), "sentences does not match"),
        (lambda d: d["matrix"]["strips"].reverse(), "matrix does not match"),
        (lambda d: d["comparisons"].reverse(), "order"),
        (lambda d: d["comparisons"][1]["blocks"].pop(), r"comparisons\[1\]: .*exactly one"),
        (
            lambda d: d["comparisons"][1]["left"].update(
                text="X" + d["comparisons"][1]["left"]["text"][1:]  # still a valid pair
            ),
            "another text",
        ),
        (lambda d: d.update(attribution={"primary": 0}), "only for a set around an article"),
    ],
)
def test_invalid_sets_are_refused(seed_set, change, message):
    data = json.loads(set_to_json(seed_set))
    change(data)
    with pytest.raises(FormatError, match=message):
        set_from_dict(data)


def test_edited_credits_are_refused(seed_attribution):
    data = json.loads(set_to_json(seed_attribution))
    credit = next(c for c in data["attribution"]["credits"] if c["source"] is not None)
    credit["source"] = (credit["source"] + 1) % len(data["outlets"])
    with pytest.raises(FormatError, match="attribution does not match"):
        set_from_dict(data)


def test_not_json():
    with pytest.raises(FormatError, match="not valid JSON"):
        read_set_json(io.StringIO("{"))


def test_matrix_csv(seed_set, seed_attribution, tmp_path):
    text = matrix_to_csv(seed_set)
    rows = text.split("\r\n")
    assert rows[0].startswith("outlet,date,reused_share,strip,s1,s2")
    assert "s11 (furniture)" in rows[0]
    assert rows[1].startswith("001_cf35396d2893b0f5.txt,,1.0000,")
    assert ",paraphrase," in rows[1]
    credits = attribution_to_csv(seed_attribution).split("\r\n")
    assert credits[0] == "sentence,text,source,kind,similarity,reason,also_in"
    assert len([r for r in credits[1:] if r]) >= len(seed_attribution.article.sentences)
    path = tmp_path / "m.csv"
    write_set_csv(seed_set, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfoutlet,")


# Outlets left out -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def set_with_exclusions(seed_docs):
    """000 against 001 and 002, with 004 and 003 left out (given out of order)."""
    outlet_set = compare_set(seed_docs[0], seed_docs[1:3])
    excluded = (ExcludedOutlet(seed_docs[4], "2021-10-06"), ExcludedOutlet(seed_docs[3]))
    return SetFile(outlet_set, None, excluded)


def test_left_out_outlets_are_kept_whole_and_read_back(set_with_exclusions, seed_docs, tmp_path):
    path = tmp_path / "set.json"
    write_set_json(set_with_exclusions, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == set_to_dict(set_with_exclusions)
    assert [e["name"][:3] for e in data["excluded"]] == ["003", "004"]  # canonical order
    assert [e["date"] for e in data["excluded"]] == [None, "2021-10-06"]
    again = read_set_json(path)
    assert [(e.document.name, e.document.text, e.date) for e in again.excluded] == [
        (seed_docs[3].name, seed_docs[3].text, None),
        (seed_docs[4].name, seed_docs[4].text, "2021-10-06"),
    ]
    assert again.excluded[0].document.sentences == seed_docs[3].sentences
    assert set_to_json(again) == path.read_text(encoding="utf-8")
    # the set itself is what it was: two outlets compared
    assert len(again.outlet_set.comparisons) == 2


def test_a_set_without_exclusions_is_written_as_before(seed_set):
    data = set_to_dict(seed_set)
    assert "excluded" not in data
    assert read_set_json(io.StringIO(set_to_json(seed_set))).excluded == ()


def test_a_file_from_before_exclusions_still_opens(seed_set):
    data = json.loads(set_to_json(seed_set))
    data.pop("excluded", None)
    assert set_from_dict(data).excluded == ()
    data["excluded"] = []
    assert set_from_dict(data).excluded == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(excluded={"name": "x"}), "excluded must be a list"),
        (lambda d: d["excluded"].append("003.txt"), r"excluded\[2\] must be an object"),
        (lambda d: d["excluded"][0].pop("document"), r"excluded\[0\]\.document must be"),
        (
            lambda d: d["excluded"][0]["document"].update(sentences=[[0, 10**9]]),
            r"excluded\[0\]\.document\.sentences",
        ),
        (lambda d: d["excluded"][1].update(date="soon"), r"excluded\[1\]\.date"),
        (lambda d: d["excluded"][0].update(name="other.txt"), "not the name"),
        (
            lambda d: d["excluded"].append(dict(d["excluded"][0])),
            r"excluded\[2\] .* is also in the set",
        ),
        (  # a compared outlet (001, the right side of the first comparison) also left out
            lambda d: d["excluded"][0].update(
                name=d["comparisons"][0]["right"]["name"], document=d["comparisons"][0]["right"]
            ),
            r"excluded\[0\] \(001.* is also in the set",
        ),
        (  # the source itself
            lambda d: d["excluded"][0].update(
                name=d["comparisons"][0]["left"]["name"], document=d["comparisons"][0]["left"]
            ),
            r"excluded\[0\] \(000.* is also in the set",
        ),
    ],
)
def test_invalid_exclusions_are_refused(set_with_exclusions, change, message):
    data = json.loads(set_to_json(set_with_exclusions))
    change(data)
    with pytest.raises(FormatError, match=message):
        set_from_dict(data)
