"""Who speaks in a sentence, and the rule that keeps two people's different statements apart."""

from __future__ import annotations

import pytest

from viewer.core import compare, document_from_text
from viewer.core.normalize import sentence_forms
from viewer.core.speakers import different_speakers, speakers, statements_apart


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capitalised title stays with the name: a sentence that mentions the mayor is about him.
        ("Mayor Ortiz said the bridge would reopen in May.", {"mayor", "ortiz"}),
        ('"We are ready," said Anna Petrova, the project\'s head.', {"anna", "petrova"}),
        ("The plan is sound, said director Klaus Weber on Monday.", {"klaus", "weber"}),
        ("Speaking on Monday, Brennan acknowledged that the ruling was hard.", {"brennan"}),
        ("According to Roscosmos, the launch went to plan.", {"roscosmos"}),
        ("Clad in a suit, director Weber called the film an experiment.", {"weber"}),
        ("He said the plan would fail.", set()),  # a pronoun names nobody
        ("The minister said the plan would fail.", set()),  # nor does a title alone
        ("Ortiz and Weber are expected to return on Friday.", set()),  # no verb of saying
        ("Speaking on Monday, Peresild acknowledged that it was hard.", {"peresild"}),
        ('"It is normal," he said.', set()),
    ],
)
def test_speakers(text, expected):
    assert speakers(text) == frozenset(expected)


def _apart(a: str, b: str) -> bool:
    return different_speakers(sentence_forms(a), sentence_forms(b))


# Two statements made at one news conference by two people, as two outlets report them.
MAYOR = (
    "Speaking at a news conference, Mayor Ortiz called the bridge plan a costly gamble that the "
    "city could not afford."
)
JUDGE = (
    "Speaking at the same news conference, Brennan admitted that the ruling had been hard for "
    "her to accept after months of hearings."
)


def test_two_peoples_different_statements_are_apart():
    assert _apart(MAYOR, JUDGE)
    assert statements_apart(sentence_forms(MAYOR), sentence_forms(JUDGE))


@pytest.mark.parametrize(
    "other",
    [
        # The same statement given to someone else keeps most of its content: a link.
        "Speaking at a news conference, Judge Brennan called the bridge plan a costly gamble.",
        # One speaker names the other: the sentences are about each other.
        "Speaking after Ortiz, Brennan admitted the ruling had been hard for her to accept.",
        # A speaker the reader cannot name: nothing is claimed.
        "Speaking at the same news conference, she admitted the ruling had been hard to accept.",
        # The same speaker.
        "At the news conference, Ortiz said the ruling had been hard for him to accept.",
    ],
)
def test_other_pairs_are_not_apart(other):
    assert not _apart(MAYOR, other)


def test_compare_does_not_link_two_peoples_statements():
    # The statements face each other between two kept sentences, where the aligner links
    # sentences with few shared words; the same place holds a retold statement in the control.
    before = "The city council voted on Monday to close the old bridge over the river for repairs."
    after = "Repairs are expected to cost 40 million euros and to take two years to complete."
    left = document_from_text(f"{before} {MAYOR} {after}\n", "left.txt")
    right = document_from_text(f"{before} {JUDGE} {after}\n", "right.txt")
    comparison = compare(left, right)
    links = {
        (i, j)
        for b in comparison.blocks
        if b.source and b.rewrite
        for i in b.source
        for j in b.rewrite
    }
    assert links == {(0, 0), (2, 2)}

    retold = (
        "At a news conference, Mayor Ortiz described the plan for the bridge as a gamble the "
        "city could hardly pay for."
    )
    control = compare(left, document_from_text(f"{before} {retold} {after}\n", "control.txt"))
    links = {
        (i, j)
        for b in control.blocks
        if b.source and b.rewrite
        for i in b.source
        for j in b.rewrite
    }
    assert (1, 1) in links
