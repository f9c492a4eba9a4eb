"""The engine on hostile shapes of input: a long source against a short rewrite, and one huge
block (a text without sentence punctuation). Work must stay linear or bounded, and progress and
cancel must reach every step that can take long."""

from __future__ import annotations

import importlib

import pytest

from viewer.core import Cancelled, Kind, compare, compare_steps, document_from_text
from viewer.core.model import Block

# ``viewer.core.compare`` is also the name of the function the package exports.
compare_module = importlib.import_module("viewer.core.compare")

REWRITE = (
    "Russia launched a film crew into space on Tuesday. The crew will spend twelve days on "
    "the station. Officials said the mission cost more than planned."
)


def long_source(count: int) -> str:
    lines = [f"Sentence number {i} tells of the launch of rocket {i * 7}." for i in range(count)]
    lines.insert(count // 2, "Russia launched a film crew into space on Tuesday.")
    return "\n".join(lines)


class CountingDict(dict):
    """A dict that counts membership tests and lookups, to measure work without a clock."""

    lookups = 0

    def __contains__(self, key: object) -> bool:
        CountingDict.lookups += 1
        return super().__contains__(key)

    def get(self, key, default=None):
        CountingDict.lookups += 1
        return super().get(key, default)

    def __getitem__(self, key):
        CountingDict.lookups += 1
        return super().__getitem__(key)


def drain(steps):
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


@pytest.mark.parametrize("count", [1_000, 4_000])
def test_ordering_omitted_sentences_is_linear(count):
    linked = [Block(Kind.IDENTICAL, (count - 1,), (0,), 1.0, False, (), False)]
    omitted = CountingDict(
        {i: Block(Kind.OMITTED, (i,), (), 0.0, False, (), False) for i in range(count - 1)}
    )
    CountingDict.lookups = 0
    blocks = drain(compare_module._order_blocks(linked, count, omitted))
    assert [b.source[0] for b in blocks] == list(range(count))
    assert CountingDict.lookups <= 3 * count


def test_omitted_sentences_stay_after_their_predecessor():
    linked = [
        Block(Kind.IDENTICAL, (2,), (0,), 1.0, False, (), False),
        Block(Kind.IDENTICAL, (0,), (1,), 1.0, True, (), False),
    ]
    omitted = {i: Block(Kind.OMITTED, (i,), (), 0.0, False, (), False) for i in (1, 3, 4)}
    blocks = drain(compare_module._order_blocks(linked, 5, omitted))
    assert [(b.source, b.rewrite) for b in blocks] == [
        ((2,), (0,)),
        ((3,), ()),
        ((4,), ()),
        ((0,), (1,)),
        ((1,), ()),
    ]


def test_ordering_reports_progress_and_can_be_cancelled(monkeypatch):
    monkeypatch.setattr(compare_module, "PROGRESS_INTERVAL_S", 0.0)
    left = document_from_text(long_source(3_000), "source")
    right = document_from_text(REWRITE, "rewrite")
    phases: list[str] = []
    steps = compare_steps(left, right, cancel=lambda: "ordering" in phases)
    with pytest.raises(Cancelled):
        for progress in steps:
            phases.append(progress.phase)
    assert phases[-1] == "ordering"


def test_a_long_source_against_a_short_rewrite_keeps_every_sentence_once():
    left = document_from_text(long_source(3_000), "source")
    right = document_from_text(REWRITE, "rewrite")
    comparison = compare(left, right)
    lefts = [i for block in comparison.blocks for i in block.source]
    assert sorted(lefts) == list(range(len(left.sentences)))
    assert sum(1 for b in comparison.blocks if b.kind is Kind.OMITTED) >= 2_990


class CountedToken(str):
    """A token that counts how often it is hashed: each step of the LCS hashes one token."""

    hashes = 0

    def __hash__(self) -> int:
        CountedToken.hashes += 1
        return str.__hash__(self)


def test_lcs_of_huge_sequences_looks_at_a_bounded_part():
    from viewer.core.classify import lcs_length

    words = [CountedToken(f"w{i % 5000}") for i in range(200_000)]
    edited = list(words)
    edited[500::1000] = [CountedToken("changed")] * len(edited[500::1000])
    CountedToken.hashes = 0
    kept = lcs_length(words, edited)
    assert CountedToken.hashes < 100_000  # not one step per token of a 200,000-token block
    assert 0.98 * 199_800 <= kept <= 200_000


def test_lcs_estimate_is_exact_for_identical_and_disjoint_sequences(monkeypatch):
    from viewer.core import classify

    monkeypatch.setattr(classify, "LCS_MAX_CELLS", 10_000)
    words = [f"w{i}" for i in range(3_000)]
    assert classify.lcs_length(words, words) == 3_000
    assert classify.lcs_length(words, [f"x{i}" for i in range(2_000)]) == 0
    shifted = ["new"] * 30 + words[:-30]  # a few words inserted at the start
    assert classify.lcs_length(words, shifted) >= 0.95 * 2_970


def test_one_huge_block_is_classified_and_can_be_cancelled(monkeypatch):
    monkeypatch.setattr(compare_module, "PROGRESS_INTERVAL_S", 0.0)
    words = [f"word{i % 3000}" for i in range(60_000)]
    left = document_from_text(" ".join(words), "left")  # no sentence punctuation: one block
    changed = list(words)
    changed[100::700] = ["other"] * len(changed[100::700])
    right = document_from_text(" ".join(changed), "right")
    assert len(left.sentences) == len(right.sentences) == 1
    comparison = compare(left, right)
    assert [b.kind for b in comparison.blocks] == [Kind.EDITED]
    phases: list[str] = []
    with pytest.raises(Cancelled):
        for progress in compare_steps(left, right, cancel=lambda: "classifying" in phases):
            phases.append(progress.phase)
