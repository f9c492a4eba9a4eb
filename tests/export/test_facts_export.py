"""Fact changes in every output: JSON (written, read back, validated), CSV, HTML and the report."""

from __future__ import annotations

import copy
import csv
import io

import pytest

from viewer.cli import write_report
from viewer.core import Kind, compare, document_from_text
from viewer.core.export.csv_table import COLUMNS, comparison_to_csv
from viewer.core.export.html_page import render_html
from viewer.core.export.json_format import (
    FormatError,
    comparison_from_dict,
    comparison_to_dict,
)
from viewer.core.model import FactChange

SOURCE = (
    "The crew will spend 12 days on the station, the agency said on Tuesday.\n"
    "Heavy rain flooded the streets of the capital overnight.\n"
)
REWRITE = (
    "The crew will spend 10 days on the station, the agency said on Wednesday.\n"
    "Heavy rain flooded the capital's streets overnight.\n"
)


@pytest.fixture(scope="module")
def comparison():
    return compare(document_from_text(SOURCE, "wire.txt"), document_from_text(REWRITE, "story.txt"))


def test_blocks_carry_their_fact_changes(comparison):
    changed, kept = [b for b in comparison.blocks if b.source and b.rewrite]
    assert changed.kind is Kind.PARTIAL
    assert [
        (
            f.kind,
            comparison.source.text[slice(*f.source)],
            comparison.rewrite.text[slice(*f.rewrite)],
        )
        for f in changed.facts
    ] == [
        ("figure", "12 days", "10 days"),
        ("date", "Tuesday", "Wednesday"),
    ]
    assert kept.facts == ()


def test_json_writes_facts_on_linked_blocks_and_reads_them_back(comparison):
    data = comparison_to_dict(comparison)
    linked = [b for b in data["blocks"] if b["left"] and b["right"]]
    assert linked[0]["facts"][0] == {
        "kind": "figure",
        "left": list(comparison.blocks[0].facts[0].source),
        "right": list(comparison.blocks[0].facts[0].rewrite),
    }
    assert linked[1]["facts"] == []
    assert all("facts" not in b for b in data["blocks"] if not (b["left"] and b["right"]))
    assert comparison_from_dict(data).blocks == comparison.blocks


def test_files_without_facts_still_open(comparison):
    data = comparison_to_dict(comparison)
    for block in data["blocks"]:
        block.pop("facts", None)
    assert all(block.facts == () for block in comparison_from_dict(data).blocks)


def test_a_dropped_fact_has_no_right_range(comparison):
    data = copy.deepcopy(comparison_to_dict(comparison))
    data["blocks"][0]["facts"] = [{"kind": "name", "left": [4, 8], "right": None}]
    assert comparison_from_dict(data).blocks[0].facts == (FactChange("name", (4, 8), None),)


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        ({"kind": "rumour", "left": [0, 1], "right": None}, "is not one of"),
        ({"kind": "figure", "left": None, "right": None}, "neither a left nor a right"),
        ({"kind": "figure", "left": [0, 10_000], "right": None}, "inside the text"),
        ({"kind": "figure", "left": [0], "right": None}, "inside the text"),
        ({"left": [0, 1]}, "has no 'kind'"),
        ("figure", "must be an object"),
    ],
)
def test_invalid_facts_are_refused_with_a_reason(comparison, fact, message):
    data = copy.deepcopy(comparison_to_dict(comparison))
    data["blocks"][0]["facts"] = [fact]
    with pytest.raises(FormatError, match=message):
        comparison_from_dict(data)


def test_facts_on_an_unlinked_block_are_refused(comparison):
    data = copy.deepcopy(comparison_to_dict(comparison))
    data["blocks"].append(
        {
            "kind": "added",
            "left": [],
            "right": [],
            "facts": [{"kind": "figure", "left": [0, 1], "right": None}],
        }
    )
    with pytest.raises(FormatError, match="has fact changes"):
        comparison_from_dict(data)


def test_csv_has_a_reasons_column(comparison):
    rows = list(csv.reader(io.StringIO(comparison_to_csv(comparison))))
    # After the word columns; the confidence columns came later, at the end.
    assert rows[0] == list(COLUMNS) and COLUMNS[-3:] == ("reasons", "confidence", "tentative")
    reasons = COLUMNS.index("reasons")
    assert rows[1][reasons] == "figure 12 days → 10 days; date Tuesday → Wednesday"
    assert rows[2][reasons] in ("small surface edits; facts kept", "reworded; facts kept")


def test_html_says_what_happened_and_offers_the_filter(comparison):
    page = render_html(comparison)
    assert '<tr class="t fc" id="b1">' in page
    assert '<span class="why">figure 12 days → 10 days; date Tuesday → Wednesday</span>' in page
    assert "Show only pairs with changed facts (1)" in page


def test_report_gives_the_reasons(comparison):
    out = io.StringIO()
    write_report(comparison, out, colour=False)
    text = out.getvalue()
    assert "! figure 12 days → 10 days; date Tuesday → Wednesday" in text
    assert "1 with changed facts" in text
