"""Word-level diffs of aligned blocks: whole words change, and the diff rebuilds both texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core import worddiff
from viewer.core.worddiff import word_diff


def sides(diff) -> tuple[str, str]:
    left = "".join(text for op, text in diff if op <= 0)
    right = "".join(text for op, text in diff if op >= 0)
    return left, right


@pytest.fixture(params=[True, False], ids=["fast-engine", "pure-engine"])
def engine(request, monkeypatch):
    if request.param and worddiff._fast is None:
        pytest.skip("fast_diff_match_patch is not installed")
    monkeypatch.setattr(worddiff, "USE_FAST", request.param)
    return request.param


def test_synonym_swap_is_one_whole_word(engine):
    left = "They are expected to take off from Baikonur at 0855 GMT."
    right = "They are expected to take out from Baikonur at 0855 GMT."
    diff = word_diff(left, right)
    assert (-1, "off") in diff and (1, "out") in diff
    assert [op for op, _ in diff].count(0) == 2
    assert sides(diff) == (left, right)


def test_changes_never_cut_a_word_in_two(engine):
    diff = word_diff("The launch was postponed again.", "The launch was posted again.")
    changed = [text for op, text in diff if op]
    assert changed == ["postponed", "posted"]


def test_dropped_title_is_a_deletion_only(engine):
    diff = word_diff("Actress Yulia Peresild smiled.", "Yulia Peresild smiled.")
    assert diff == ((-1, "Actress "), (0, "Yulia Peresild smiled."))


def test_identical_and_empty_inputs():
    assert word_diff("Same words.", "Same words.") == ((0, "Same words."),)
    assert word_diff("", "") == ()
    assert sides(word_diff("", "New text.")) == ("", "New text.")
    assert sides(word_diff("Old text.", "")) == ("Old text.", "")


def test_both_engines_agree_on_news_sentences(monkeypatch):
    if worddiff._fast is None:
        pytest.skip("fast_diff_match_patch is not installed")
    pairs = [
        (
            "If successful, the Russian crew will beat a Hollywood project.",
            "The Russian team will defeat a Hollywood initiative if they succeed.",
        ),
        (
            "Shipenko and Peresild are expected to return to Earth on October 17.",
            "On October 17, Shipenko and Peresild will return to Earth.",
        ),
    ]
    for left, right in pairs:
        monkeypatch.setattr(worddiff, "USE_FAST", True)
        fast = word_diff(left, right)
        monkeypatch.setattr(worddiff, "USE_FAST", False)
        pure = word_diff(left, right)
        assert sides(fast) == sides(pure) == (left, right)
        assert sum(len(t) for op, t in fast if op) == sum(len(t) for op, t in pure if op)


def test_more_distinct_tokens_than_code_points_still_diffs():
    left = " ".join(f"w{i}" for i in range(60_000))
    right = left.replace("w5 ", "x5 ", 1)
    diff = word_diff(left, right)
    assert sides(diff) == (left, right)


words = st.lists(
    st.sampled_from(["the", "cat", "sat", ",", "on", "mat", "Ω", "ünï", "  ", "\n", "."]),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_diff_rebuilds_both_sides(left, right):
    diff = word_diff(left, right)
    assert sides(diff) == (left, right)
    assert all(op in (-1, 0, 1) and text for op, text in diff)
