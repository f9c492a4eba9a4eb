"""Invariants of every comparison, whatever the two texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core import KINDS, Kind, compare, document_from_text

WORDS = [
    "Russia",
    "launched",
    "the",
    "film",
    "crew",
    "into",
    "space",
    "on",
    "Tuesday",
    "12",
    "ISS",
    "said",
    "Shipenko",
    "and",
    "a",
    "rocket",
    "\u00e9t\u00e9",
    "\u201cquote\u201d",
    "3,000",
    "--",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws) + "."
)
article = st.lists(sentence, max_size=12).map(" ".join)
texts = st.one_of(article, st.text(max_size=200))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts)
def test_every_sentence_in_exactly_one_block(left_text, right_text):
    left, right = document_from_text(left_text, "left"), document_from_text(right_text, "right")
    comparison = compare(left, right)
    lefts = [i for b in comparison.blocks for i in b.source]
    rights = [j for b in comparison.blocks for j in b.rewrite]
    assert sorted(lefts) == list(range(len(left.sentences)))
    assert sorted(rights) == list(range(len(right.sentences)))
    for block in comparison.blocks:
        assert block.kind in KINDS
        assert list(block.source) == sorted(set(block.source))
        assert list(block.rewrite) == sorted(set(block.rewrite))
        assert 0.0 <= block.similarity <= 1.0
        if block.kind is Kind.OMITTED:
            assert block.source and not block.rewrite and block.similarity == 0.0
        elif block.kind is Kind.ADDED:
            assert block.rewrite and not block.source and block.similarity == 0.0
        else:
            assert block.source and block.rewrite
            joined_left = " ".join(left.sentence_text(i).strip() for i in block.source)
            assert "".join(t for op, t in block.diff if op <= 0) == joined_left
    # The rewrite's reading order: right sides never go backwards.
    firsts = [b.rewrite[0] for b in comparison.blocks if b.rewrite]
    assert firsts == sorted(firsts)
    assert compare(left, right) == comparison  # deterministic


@settings(max_examples=60, deadline=None)
@given(article)
def test_a_text_against_itself_is_identical(text):
    doc = document_from_text(text, "same")
    comparison = compare(doc, doc)
    assert all(b.kind is Kind.IDENTICAL and b.source == b.rewrite for b in comparison.blocks)
    assert comparison.summary.counts["identical"] == len(comparison.blocks)
