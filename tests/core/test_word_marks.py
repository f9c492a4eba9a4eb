"""Order-free word marks of a linked block: exact marks for small cases, and invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core import compare, document_from_text
from viewer.core.model import WORD_MARKS, WordRun
from viewer.core.normalize import STOP_WORDS
from viewer.core.word_marks import run_problem, word_marks, words_of

SHORT = {"kept": "=", "moved": "~", "replaced": "*", "deleted": "-", "inserted": "+"}


def spans_of(text: str) -> list[tuple[int, int]]:
    """Sentences separated by " | " in a test string."""
    spans, at = [], 0
    for part in text.split(" | "):
        spans.append((at, at + len(part)))
        at += len(part) + 3
    return spans


def drawn(text: str, runs: tuple[WordRun, ...]) -> str:
    """Runs as "=kept ~1:moved *2:replaced -deleted +inserted", joined by " / "."""
    return " / ".join(
        f"{SHORT[mark]}{'' if group is None else f'{group}:'}{text[start:end]}"
        for start, end, mark, group in runs
    )


def marks(left: str, right: str) -> tuple[str, str]:
    evidence = word_marks(left, spans_of(left), right, spans_of(right))
    return drawn(left, evidence.source), drawn(right, evidence.rewrite)


CASES = [
    (
        "clause moved inside a sentence",
        "On Tuesday the council approved the new budget.",
        "The council approved the new budget on Tuesday.",
        "~1:On Tuesday / =the council approved the new budget",
        "=The council approved the new budget / ~1:on Tuesday",
    ),
    (
        "two clauses swapped: the longer stays, the shorter moves",
        "The minister resigned after the vote, officials said on Friday.",
        "Officials said on Friday the minister resigned after the vote.",
        "=The minister resigned after the vote / ~1:officials said on Friday",
        "~1:Officials said on Friday / =the minister resigned after the vote",
    ),
    (
        "phrase moved across a merged pair",
        "The storm hit the coast. | Thousands lost power overnight.",
        "Thousands lost power overnight when the storm hit the coast.",
        "=The storm hit the coast / ~1:Thousands lost power overnight",
        "~1:Thousands lost power overnight / +when / =the storm hit the coast",
    ),
    (
        "repeated words pair up with the phrases they belong to",
        "The police said two men were arrested by police.",
        "Two men were arrested by police, the police said.",
        "~1:The police said / =two men were arrested by police",
        "=Two men were arrested by police / ~1:the police said",
    ),
    (
        "a word both kept and added",
        "Prices rose in March.",
        "Prices rose and rose in March.",
        "=Prices rose in March",
        "=Prices / +rose and / =rose in March",
    ),
    (
        "a replaced figure",
        "A 12-day mission to the station.",
        "A 10-day mission to the station.",
        "=A / *1:12 / =day mission to the station",
        "=A / *1:10 / =day mission to the station",
    ),
    (
        "a replaced particle: the verb is kept",
        "They will take off the roof.",
        "They will take out the roof.",
        "=They will take / *1:off / =the roof",
        "=They will take / *1:out / =the roof",
    ),
    (
        "quote style, case and punctuation only: nothing changed",
        "Musk\u00b4s \u201cMission\u201d plans -- for now.",
        'musk\u2019s "mission" plans, for now',
        "=Musk\u00b4s \u201cMission\u201d plans -- for now",
        '=musk\u2019s "mission" plans, for now',
    ),
    (
        "stop words alone never move",
        "They said that it was over.",
        "It was over, they said that.",
        "-They said that / =it was over",
        "=It was over / +they said that",
    ),
    (
        "a re-spelling is kept: dots split an abbreviation into words",
        "The U.S. team and the e-mail arrived.",
        "The US team and the email arrived.",
        "=The U.S. team and the e-mail arrived",
        "=The US team and the email arrived",
    ),
    (
        "a re-spelling among other changes is replaced",
        "The U.S. officials said so.",
        "The US authorities said so.",
        "=The / *1:U.S. officials / =said so",
        "=The / *1:US authorities / =said so",
    ),
    (
        "thousands separators do not break a figure",
        "About 30,000 people marched.",
        "About 30000 people marched.",
        "=About 30,000 people marched",
        "=About 30000 people marched",
    ),
]


@pytest.mark.parametrize(
    ("left", "right", "left_marks", "right_marks"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_exact_marks(left: str, right: str, left_marks: str, right_marks: str) -> None:
    assert marks(left, right) == (left_marks, right_marks)


def test_carried_share_counts_kept_and_moved_words() -> None:
    left = "On Tuesday the council approved the new budget."
    right = "The council approved the new budget on Tuesday, officials said."
    evidence = word_marks(left, spans_of(left), right, spans_of(right))
    assert evidence.carried == round(16 / 18, 4)


def test_run_problem_names_what_is_wrong() -> None:
    text = "Russia launched a crew."
    spans = [(0, len(text))]
    assert run_problem(text, spans, (WordRun(0, 22, "kept"),)) is None
    assert "not every word" in run_problem(text, spans, (WordRun(0, 15, "kept"),))
    assert "group" in run_problem(text, spans, (WordRun(0, 22, "moved"),))
    assert "unknown mark" in run_problem(text, spans, (WordRun(0, 22, "gone"),))
    assert "start at a word" in run_problem(text, spans, (WordRun(1, 22, "kept"),))
    assert "inside" in run_problem(text, [(0, 6)], (WordRun(0, 15, "kept"),))


def test_compare_gives_every_linked_block_its_marks() -> None:
    left = document_from_text(
        "On Tuesday the council approved the new budget. The mayor was away.", "source"
    )
    right = document_from_text(
        "The council approved the new budget on Tuesday. A new park opens.", "rewrite"
    )
    comparison = compare(left, right)
    linked = [b for b in comparison.blocks if b.source and b.rewrite]
    assert len(linked) == 1
    block = linked[0]
    assert drawn(left.text, block.words.source) == (
        "~1:On Tuesday / =the council approved the new budget"
    )
    assert block.alike == 1.0  # every word carried over, in another order
    assert block.similarity < 1.0  # the aligner's link score, as before
    assert all(b.words is None for b in comparison.blocks if not (b.source and b.rewrite))


# Invariants ---------------------------------------------------------------------------------

VOCABULARY = [
    "Russia",
    "russia",
    "launched",
    "the",
    "The",
    "film",
    "crew",
    "of",
    "space",
    "on",
    "Tuesday",
    "12-day",
    "10-day",
    "3,000",
    "ISS",
    "said",
    "Musk\u00b4s",
    "Musk\u2019s",
    "\u201cquote\u201d",
    '"quote"',
    "--",
    "a",
    "\u00e9t\u00e9",
    "U.S.",
    "US",
]
sentence = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14).map(
    lambda words: " ".join(words) + "."
)
block_side = st.lists(sentence, min_size=1, max_size=3).map(" | ".join)


def _keys(text: str, runs: tuple[WordRun, ...], wanted: set[str], group: int | None = None):
    """Normalised words of the runs with a mark in ``wanted`` (and the group, if given)."""
    keys = []
    for start, end, mark, run_group in runs:
        if mark in wanted and (group is None or run_group == group):
            keys += [key for _, _, key in words_of(text, [(start, end)])]
    return keys


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block_side, block_side)
def test_marks_invariants(left: str, right: str) -> None:
    left_spans, right_spans = spans_of(left), spans_of(right)
    evidence = word_marks(left, left_spans, right, right_spans)
    runs_left, runs_right = evidence.source, evidence.rewrite
    # Every word in exactly one run, runs inside the block's sentences, marks and groups valid.
    assert run_problem(left, left_spans, runs_left) is None
    assert run_problem(right, right_spans, runs_right) is None
    # Kept words spell the same words in the same order on both sides (a re-spelling such as
    # "U.S." for "US" counts two words on one side and one on the other).
    assert "".join(_keys(left, runs_left, {"kept"})) == "".join(_keys(right, runs_right, {"kept"}))
    # A moved run and its partner hold the same words, and hold a content word.
    groups = {run.group for run in runs_left if run.mark == "moved"}
    assert groups == {run.group for run in runs_right if run.mark == "moved"}
    for group in groups:
        moved = _keys(left, runs_left, {"moved"}, group)
        assert moved == _keys(right, runs_right, {"moved"}, group)
        assert any(key not in STOP_WORDS for key in moved)
    # Nothing shared is drawn as deleted while its twin on the other side is inserted.
    deleted = set(_keys(left, runs_left, {"deleted", "replaced"}))
    inserted = set(_keys(right, runs_right, {"inserted", "replaced"}))
    assert not {key for key in deleted & inserted if key not in STOP_WORDS}
    # The share carried over counts kept and moved words.
    carried = len(_keys(left, runs_left, {"kept", "moved"})) + len(
        _keys(right, runs_right, {"kept", "moved"})
    )
    total = len(words_of(left, left_spans)) + len(words_of(right, right_spans))
    assert evidence.carried == round(carried / total, 4) if total else evidence.carried == 1.0
    assert {run.mark for run in runs_left + runs_right} <= set(WORD_MARKS)


@settings(max_examples=100, deadline=None)
@given(block_side)
def test_a_side_compared_with_itself_is_all_kept(text: str) -> None:
    spans = spans_of(text)
    # The same sentences at other offsets, with other spacing around them.
    other = "  " + "\n".join(f" {text[s:e]}  " for s, e in spans)
    other_spans = []
    at = 0
    for s, e in spans:
        at = other.index(text[s:e], at)
        other_spans.append((at, at + e - s))
        at += e - s
    evidence = word_marks(text, spans, other, other_spans)
    assert evidence.carried == 1.0
    assert run_problem(text, spans, evidence.source) is None
    assert run_problem(other, other_spans, evidence.rewrite) is None
    assert {run.mark for run in evidence.source + evidence.rewrite} <= {"kept"}


def test_words_split_at_apostrophes_and_dashes() -> None:
    text = "Musk\u00b4s 12-day, 3,000-strong re-entry"
    assert [key for _, _, key in words_of(text, [(0, len(text))])] == [
        "musk",
        "s",
        "12",
        "day",
        "3000",
        "strong",
        "re",
        "entry",
    ]


def test_without_word_changes_there_are_no_marks_and_alike_is_the_link_score() -> None:
    from viewer.core import Options

    left = document_from_text("On Tuesday the council approved the new budget.", "source")
    right = document_from_text("The council approved the new budget on Tuesday.", "rewrite")
    with_marks = compare(left, right)
    without = compare(left, right, Options(word_diff=False))
    (block,) = without.blocks
    assert block.words is None and block.alike == block.similarity
    assert block.similarity == with_marks.blocks[0].similarity  # the options never change it
