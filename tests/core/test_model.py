"""The core's data types: the two sides of a comparison and how each type is read by side."""

from __future__ import annotations

import pytest

from viewer.core import SIDES, Block, Comparison, Kind, Side, Summary, document_from_text


def test_the_sides_are_the_source_then_the_rewrite():
    assert SIDES == (Side.SOURCE, Side.REWRITE)
    assert [side.label for side in SIDES] == ["source", "rewrite"]
    assert [str(side) for side in SIDES] == ["source", "rewrite"]
    assert Side.SOURCE.other is Side.REWRITE and Side.REWRITE.other is Side.SOURCE


def test_the_json_format_names_the_sides_left_and_right():
    assert [side.format_key for side in SIDES] == ["left", "right"]
    assert [Side.from_format_key(key) for key in ("left", "right")] == list(SIDES)
    with pytest.raises(ValueError, match="'source' is not a side"):
        Side.from_format_key("source")


def test_blocks_comparisons_and_summaries_are_read_by_side():
    source = document_from_text("One. Two.", "a.txt")
    rewrite = document_from_text("One. Three. Four.", "b.txt")
    block = Block(Kind.PARTIAL, (0, 1), (2,))
    summary = Summary(
        2,
        3,
        {},
        source_words=2,
        rewrite_words=3,
        source_boilerplate_sentences=1,
        rewrite_boilerplate_sentences=0,
    )
    comparison = Comparison(source, rewrite, (block,), summary)
    assert block.sentences(Side.SOURCE) == block.source == (0, 1)
    assert block.sentences(Side.REWRITE) == block.rewrite == (2,)
    assert comparison.document(Side.SOURCE) is comparison.source is source
    assert comparison.document(Side.REWRITE) is comparison.rewrite is rewrite
    assert [summary.sentence_count(side) for side in SIDES] == [2, 3]
    assert [summary.word_count(side) for side in SIDES] == [2, 3]
    assert [summary.boilerplate_sentences(side) for side in SIDES] == [1, 0]
