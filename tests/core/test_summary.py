"""The figures: tentative links counted apart from the reused shares."""

from __future__ import annotations

import pytest

from viewer.core import Block, Kind, document_from_text
from viewer.core.summary import summarise

LEFT = document_from_text("One two three. Four five six seven. Eight nine.\n", "l.txt")
RIGHT = document_from_text("One two three. Four five six. Ten eleven twelve thirteen.\n", "r.txt")


def test_tentative_links_are_counted_apart():
    blocks = [
        Block(Kind.IDENTICAL, (0,), (0,), 1.0, confidence=1.0),
        Block(Kind.PARTIAL, (1,), (1,), 0.2, confidence=0.1),  # tentative
        Block(Kind.ADDED, (), (2,)),
        Block(Kind.OMITTED, (2,), ()),
    ]
    summary = summarise(LEFT, RIGHT, blocks)
    assert summary.tentative_links == 1
    assert summary.counts["partial"] == 1  # still counted by its kind
    assert summary.rewrite_partial == 0.0  # but never as reused
    assert summary.rewrite_tentative == pytest.approx(3 / 10)
    assert summary.rewrite_verbatim == pytest.approx(3 / 10)
    assert summary.source_tentative == pytest.approx(4 / 9)
    assert summary.source_carried == pytest.approx(3 / 9)
    rewrite = (
        summary.rewrite_verbatim
        + summary.rewrite_edited
        + summary.rewrite_paraphrased
        + summary.rewrite_partial
        + summary.rewrite_tentative
        + summary.rewrite_new
    )
    assert rewrite == pytest.approx(1.0)
    source = summary.source_carried + summary.source_tentative + summary.source_omitted
    assert source == pytest.approx(1.0)
    assert summary.verdict
    assert summary.verdict_reason.endswith("1 is tentatively linked; 1 is its own.")


def test_links_without_a_confidence_are_not_tentative():
    blocks = [
        Block(Kind.IDENTICAL, (0,), (0,), 1.0),
        Block(Kind.PARTIAL, (1,), (1,), 0.2),
        Block(Kind.ADDED, (), (2,)),
        Block(Kind.OMITTED, (2,), ()),
    ]
    summary = summarise(LEFT, RIGHT, blocks)
    assert summary.tentative_links == 0
    assert summary.rewrite_partial == pytest.approx(3 / 10)
    assert summary.source_carried == pytest.approx(7 / 9)


def test_article_words_leave_page_furniture_out():
    from dataclasses import replace

    from viewer.core import document_from_text
    from viewer.core.summary import article_words

    doc = document_from_text("One two three. Four five. Six seven eight nine. Ten.\n", "d.txt")
    assert doc.sentence_word_counts == (3, 2, 4, 1)
    assert article_words(doc) == 10
    assert article_words(replace(doc, boilerplate=frozenset({1, 3}))) == 7
