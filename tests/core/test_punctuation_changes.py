"""Punctuation, quote style, dash and case changes inside a linked block: exact ranges."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core import compare, document_from_text
from viewer.core.punctuation_changes import (
    PUNCTUATION_KINDS,
    block_punctuation_changes,
    block_punctuation_text,
    punctuation_changes,
)
from viewer.core.word_marks import word_marks


def spans_of(text: str) -> list[tuple[int, int]]:
    """Sentences separated by " | " in a test string (as in ``test_word_marks``)."""
    spans, at = [], 0
    for part in text.split(" | "):
        spans.append((at, at + len(part)))
        at += len(part) + 3
    return spans


def changes(left: str, right: str) -> list[tuple[str, str | None, str | None]]:
    """(kind, source text, rewrite text) of each change, after checking its ranges."""
    left_spans, right_spans = spans_of(left), spans_of(right)
    marks = word_marks(left, left_spans, right, right_spans)
    found = punctuation_changes(left, left_spans, marks.source, right, right_spans, marks.rewrite)
    shown = []
    for kind, source, rewrite in found:
        assert kind in PUNCTUATION_KINDS
        assert source is not None or rewrite is not None
        shown.append(
            (
                kind,
                None if source is None else f"{source[0]}:{left[source[0] : source[1]]}",
                None if rewrite is None else f"{rewrite[0]}:{right[rewrite[0] : rewrite[1]]}",
            )
        )
    return shown


CASES = [
    (
        "no difference",
        "Russia launched the rocket on Tuesday.",
        "Russia launched the rocket on Tuesday.",
        [],
    ),
    (
        "different words only: the word marks draw them, nothing here",
        "Russia launched the rocket on Tuesday.",
        "Russia fired the rocket on Wednesday.",
        [],
    ),
    (
        "quote style only",
        "Elon Musk\u00b4s SpaceX flew.",
        "Elon Musk\u2019s SpaceX flew.",
        [("quote style", "9:\u00b4", "9:\u2019")],
    ),
    (
        "opening and closing quotation marks",
        "He called it \u201cthe end\u201d today.",
        'He called it "the end" today.',
        [("quote style", "13:\u201c", '13:"'), ("quote style", "21:\u201d", '21:"')],
    ),
    (
        "dash style",
        "A Soviet era -- when Moscow led.",
        "A Soviet era \u2014 when Moscow led.",
        [("dash", "13:--", "13:\u2014")],
    ),
    (
        "comma added",
        "NASA and Elon Musk watched.",
        "NASA, and Elon Musk watched.",
        [("punctuation", None, "4:,")],
    ),
    (
        "comma dropped",
        "After the launch, the crew slept.",
        "After the launch the crew slept.",
        [("punctuation", "16:,", None)],
    ),
    (
        "one mark replaced by another",
        "The Soviet era -- when Moscow led.",
        "The Soviet era, when Moscow led.",
        [("punctuation", "15:--", "14:,")],
    ),
    (
        "case only",
        "The crew met on Tuesday.",
        "The crew met on TUESDAY.",
        [("case", "17:uesday", "17:UESDAY")],
    ),
    (
        "a sentence's end",
        "The crew is ready.",
        "The crew is ready!",
        [("punctuation", "17:.", "17:!")],
    ),
    (
        "dots of an abbreviation",
        "The U.S. team flew.",
        "The US team flew.",
        [("punctuation", "5:.", None), ("punctuation", "7:.", None)],
    ),
    (
        "thousands separator",
        "About 30,000 people marched.",
        "About 30000 people marched.",
        [("punctuation", "8:,", None)],
    ),
    (
        "a capital that only opens a sentence is no change",
        "On Tuesday the council approved the budget.",
        "The council approved the budget on Tuesday.",
        [],
    ),
    (
        "a split sentence: the full stop, not the capital",
        "The storm hit the coast, thousands lost power.",
        "The storm hit the coast. | Thousands lost power.",
        [("punctuation", "23:,", "23:.")],
    ),
    (
        "punctuation next to a changed word belongs to that change",
        "Moscow: Russia will launch, he said.",
        "Russia will launch he said.",
        [("punctuation", "26:,", None)],
    ),
    (
        "inside a moved phrase",
        "On Musk\u00b4s orders the rocket flew.",
        "The rocket flew on Musk\u2019s orders.",
        [("quote style", "7:\u00b4", "23:\u2019")],
    ),
    (
        "whitespace never counts",
        "The  crew ,  slept.",
        "The crew, slept.",
        [],
    ),
]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_exact_changes(
    left: str, right: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert changes(left, right) == expected


def test_a_compared_block_gives_its_changes_and_unlinked_blocks_none() -> None:
    source = document_from_text(
        "Elon Musk\u00b4s SpaceX flew -- again. Nothing else matches this one at all.", "a"
    )
    rewrite = document_from_text("Elon Musk\u2019s SpaceX flew \u2014 again.", "b")
    comparison = compare(source, rewrite)
    found = {
        (kind, source.text[s[0] : s[1]] if s else None, rewrite.text[r[0] : r[1]] if r else None)
        for block in comparison.blocks
        for kind, s, r in block_punctuation_changes(comparison, block)
    }
    assert found == {("quote style", "\u00b4", "\u2019"), ("dash", "--", "\u2014")}
    omitted = [b for b in comparison.blocks if not b.rewrite]
    assert omitted and all(block_punctuation_changes(comparison, b) == () for b in omitted)


words = st.sampled_from(["Musk", "musk", "rocket", "the", "flew", "U", "S", "US", "30", "000"])
marks = st.sampled_from([" ", ", ", " -- ", " \u2014 ", "\u00b4", "\u2019", ". ", '"', " | "])
side = st.lists(st.tuples(words, marks), min_size=1, max_size=10).map(
    lambda pairs: "".join(w + m for w, m in pairs).strip(" |") or "x"
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side, side)
def test_changes_lie_in_the_sentences_and_hold_no_word(left: str, right: str) -> None:
    left_spans, right_spans = spans_of(left), spans_of(right)
    marks_ = word_marks(left, left_spans, right, right_spans)
    for kind, source, rewrite in punctuation_changes(
        left, left_spans, marks_.source, right, right_spans, marks_.rewrite
    ):
        for text, spans, where in ((left, left_spans, source), (right, right_spans, rewrite)):
            if where is None:
                continue
            start, end = where
            assert start < end
            assert any(s <= start and end <= e for s, e in spans)
            piece = text[start:end]
            if kind == "case":
                assert piece.isalnum()
            else:
                assert not any(ch.isalnum() for ch in piece)
                assert piece.strip() == piece


def test_a_block_compared_with_itself_has_no_changes() -> None:
    text = "Elon Musk\u00b4s SpaceX flew -- again, on Tuesday. Then it landed."
    doc = document_from_text(text, "a")
    comparison = compare(doc, document_from_text(text, "b"))
    assert all(block_punctuation_changes(comparison, b) == () for b in comparison.blocks)


def test_changes_in_words_for_tooltips() -> None:
    source = document_from_text("Musk\u00b4s rocket flew, then landed.", "a")
    rewrite = document_from_text("Musk\u2019s rocket flew then landed!", "b")
    comparison = compare(source, rewrite)
    (block,) = comparison.blocks
    assert block_punctuation_text(comparison, block) == (
        "quote style \u00b4 \u2192 \u2019; punctuation \u201c,\u201d dropped; "
        "punctuation . \u2192 !"
    )
