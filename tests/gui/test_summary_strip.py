"""SummaryStrip: share bars and the legend follow the comparison's summary."""

from __future__ import annotations

import pytest

from viewer.core.kinds import KIND_STYLES
from viewer.core.model import Kind
from viewer.gui import colors
from viewer.gui.summary_strip import SummaryStrip


@pytest.fixture
def strip(qtbot):
    widget = SummaryStrip()
    qtbot.addWidget(widget)
    widget.resize(1200, 60)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_legend_counts_follow_the_summary(strip, small_comparison):
    strip.set_summary(small_comparison)
    # Two omitted blocks, one of them page furniture: the legend counts the article only.
    assert [b.boilerplate for b in small_comparison.blocks if b.kind is Kind.OMITTED] == [
        False,
        True,
    ]
    assert small_comparison.summary.counts["omitted"] == 2
    assert strip.legend["omitted"].count == 1
    assert strip.legend["added"].count == 1
    assert strip.legend["edited"].accessibleName() == f"{KIND_STYLES[Kind.EDITED].label}: 1"
    assert strip.legend["boilerplate"].count == 1
    assert KIND_STYLES[Kind.OMITTED].description in strip.legend["omitted"].toolTip()


def test_rewrite_bar_splits_by_share_in_kind_colours(strip, small_comparison):
    strip.set_summary(small_comparison)
    segments = strip.rewrite_bar.segments()
    assert [round(share, 2) for share, _c, _d in segments] == [0.5, 0.3, 0.2]
    assert [c for _s, c, _d in segments] == [
        colors.strong(Kind.IDENTICAL),
        colors.strong(Kind.EDITED),
        colors.strong(Kind.ADDED),
    ]
    assert "50% of the rewrite's words are verbatim" in strip.rewrite_bar.accessibleName()
    assert "40% of the source's words are omitted" in strip.source_bar.accessibleName()
    words = small_comparison.summary.rewrite_words
    assert strip.headline.text() == f"80% of the rewrite's {words} words come from the source"


def test_clearing_empties_the_strip(strip, small_comparison):
    strip.set_summary(small_comparison)
    strip.set_summary(None)
    assert strip.rewrite_bar.segments() == []
    assert strip.legend["omitted"].count == 0
    assert not strip.isEnabled()


def test_strip_is_compact(strip, small_comparison):
    strip.set_summary(small_comparison)
    assert strip.sizeHint().height() <= 64


def test_verdict_line_and_tentative_share(strip, tentative_comparison, small_comparison):
    strip.set_summary(tentative_comparison)
    assert strip.verdict.isVisible()
    assert strip.verdict.text().startswith("<b>Partially derived</b>: 2 of 4 sentences")
    assert strip.legend["tentative"].count == 1 and strip.legend["tentative"].isVisible()
    descriptions = [d for _s, _c, d in strip.rewrite_bar.segments()]
    assert descriptions[1:] == [
        "30% of the rewrite's words are tentatively linked",
        descriptions[-1],
    ]
    assert descriptions[0].startswith("50%") and descriptions[-1].startswith("20%")
    assert "20% of the source's words are tentatively linked" in strip.source_bar.toolTip()
    assert strip.accessibleDescription().startswith("50%")  # the headline: sure reuse only
    strip.set_summary(small_comparison)  # a comparison without a verdict (an old file)
    assert not strip.verdict.isVisible() and not strip.legend["tentative"].isVisible()
