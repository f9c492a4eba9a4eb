"""Changed facts in the window: the tooltip, the details strip, View > Changed Facts, the count."""

from __future__ import annotations

import pytest

from viewer.core import compare, document_from_text
from viewer.core.model import Side
from viewer.gui.comparison_view import details_text, tooltip_text

from .conftest import WORKER_WAIT_MS

SOURCE = (
    "The crew will spend 12 days on the station, the agency said on Tuesday.\n"
    "Heavy rain flooded the streets of the capital overnight.\n"
)
REWRITE = (
    "The crew will spend 10 days on the station, the agency said on Wednesday.\n"
    "Heavy rain flooded the capital's streets overnight.\n"
)
REASONS = "figure 12 days → 10 days; date Tuesday → Wednesday"


@pytest.fixture
def fact_comparison():
    return compare(document_from_text(SOURCE, "wire.txt"), document_from_text(REWRITE, "story.txt"))


def test_tooltip_gives_kind_likeness_reasons_and_the_partner(fact_comparison):
    block = fact_comparison.blocks[0]
    text = tooltip_text(block, fact_comparison, Side.SOURCE, 0)
    lines = text.split("\n")
    assert lines[0] == f"Partly reused · {round(block.alike * 100)}% alike"
    assert lines[1] == REASONS
    assert lines[2] == "Rewrite: " + REWRITE.splitlines()[0]
    other = tooltip_text(block, fact_comparison, Side.REWRITE, 0)
    assert other.split("\n")[2] == "Source: " + SOURCE.splitlines()[0]


def test_tooltip_of_a_pair_that_kept_its_facts_says_why(fact_comparison):
    block = fact_comparison.blocks[1]
    assert not block.facts
    assert tooltip_text(block, fact_comparison, Side.SOURCE, 1).split("\n")[1] in (
        "small surface edits; facts kept",
        "reworded; facts kept",
    )


def test_details_strip_tells_the_selected_pair(comparison_view, fact_comparison):
    comparison_view.set_comparison(fact_comparison)
    assert comparison_view.details_text() == ""
    comparison_view.select_block(0)
    shown = comparison_view.details_text()
    assert shown == details_text(fact_comparison.blocks[0], fact_comparison)
    assert REASONS in shown and "source 1 → rewrite 1" in shown


def test_changed_facts_filter_keeps_only_pairs_with_a_changed_fact(
    comparison_view, fact_comparison
):
    comparison_view.set_comparison(fact_comparison)
    assert comparison_view.visible_blocks() == [0, 1]
    comparison_view.set_facts_only(True)
    assert comparison_view.visible_blocks() == [0]
    shown = comparison_view.pane(Side.REWRITE).toPlainText().split("\n")
    assert [line for line in shown if line.strip()] == [
        REWRITE.splitlines()[0],
        "⋯ 1 sentence without a changed fact ⋯",
    ]
    comparison_view.set_facts_only(False)
    assert comparison_view.visible_blocks() == [0, 1]


def test_window_counts_changed_facts_and_filters_them(qtbot, make_window, tmp_path):
    source, rewrite = tmp_path / "wire.txt", tmp_path / "story.txt"
    source.write_text(SOURCE, encoding="utf-8")
    rewrite.write_text(REWRITE, encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_files(str(source), str(rewrite))
    assert window.facts_label.text() == "⚑ 1 pair with changed facts"
    assert window.facts_only_action.isEnabled()
    window.facts_only_action.trigger()
    assert window.view.facts_only()
    assert window.view.visible_blocks() == [0]
    assert window.session.filters.facts_only
