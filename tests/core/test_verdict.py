"""The verdict for a whole pair: the rule, its words, and the natures of constructed pairs."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core import Block, Kind, compare, document_from_text, load_document
from viewer.core.verdict import (
    INDEPENDENT,
    PARTIALLY,
    UNRELATED,
    WHOLLY,
    WORDING_MIN,
    SentenceTally,
    reason_of,
    tally,
    verdict_of,
)
from viewer.resources import seed_path

REPO_ROOT = Path(__file__).resolve().parents[2]
MSRP = REPO_ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"


@pytest.mark.parametrize(
    ("counted", "expected"),
    [
        (SentenceTally(18, 0, 0, 2), WHOLLY),  # 90 % reuse the wording
        (SentenceTally(16, 2, 0, 2), WHOLLY),  # exactly 80 %
        (SentenceTally(9, 2, 0, 7), PARTIALLY),
        (SentenceTally(3, 0, 0, 7), PARTIALLY),  # 30 %
        (SentenceTally(2, 3, 0, 15), INDEPENDENT),  # little wording, the same facts
        (SentenceTally(0, 1, 1, 18), INDEPENDENT),  # a weak link counts with a sure one
        (SentenceTally(0, 0, 2, 18), UNRELATED),  # weak links alone do not
        (SentenceTally(0, 1, 0, 30), UNRELATED),  # one shared fact is no shared story
        (SentenceTally(0, 0, 0, 12), UNRELATED),
        (SentenceTally(0, 0, 0, 0), UNRELATED),
    ],
)
def test_the_rule(counted, expected):
    assert verdict_of(counted) == expected


def test_the_reason_in_words():
    assert reason_of(PARTIALLY, SentenceTally(9, 2, 0, 7)) == (
        "Partially derived: 9 of 18 sentences of the rewrite reuse the source's wording; "
        "2 retell its facts in other words; 7 are its own."
    )
    assert reason_of(INDEPENDENT, SentenceTally(1, 1, 1, 1)) == (
        "Independent: 1 of 4 sentences of the rewrite reuses the source's wording; "
        "1 retells its facts in other words; 1 is tentatively linked; 1 is its own."
    )


def test_tally_counts_rewrite_sentences_page_furniture_aside():
    right = document_from_text("One. Two. Three. Four. Five. Six.\n", "r.txt")
    right = replace(right, boilerplate=frozenset({5}))
    blocks = [
        Block(Kind.EDITED, (0,), (0,), WORDING_MIN, confidence=0.9),
        Block(Kind.PARAPHRASE, (1,), (1, 2), WORDING_MIN - 0.01, confidence=0.9),
        Block(Kind.PARTIAL, (2,), (3,), 0.9, confidence=0.1),  # tentative
        Block(Kind.ADDED, (), (4,)),
        Block(Kind.ADDED, (), (5,), boilerplate=True),
        Block(Kind.OMITTED, (3,), ()),
    ]
    assert tally(right, blocks) == SentenceTally(reused=1, retold=2, tentative=1, own=1)


def test_seeds_come_out_as_their_nature_says():
    def verdict(source: str, rewrite: str) -> str:
        return compare(load_document(seed_path(source)), load_document(seed_path(rewrite))).summary

    assert verdict("000", "001").verdict in (WHOLLY, PARTIALLY)  # spun copies of 000
    assert verdict("000", "002").verdict in (WHOLLY, PARTIALLY)
    assert verdict("003", "004").verdict == INDEPENDENT  # two outlets' own reports
    # 003 draws on the AFP story 000 for a few facts and one nearly copied sentence, and tells
    # the rest in its own words: independent (partially derived would need 30 % reused).
    summary = verdict("000", "003")
    assert summary.verdict == INDEPENDENT
    assert summary.verdict_reason.startswith("Independent: 2 of 20 sentences")


def _constructed():
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    import constructed

    return constructed


def _verdict(pair) -> str:
    from synthetic import document_parts

    sides = [
        document_from_text(document_parts(s)[0], n)
        for n, s in (("l", pair.left), ("r", pair.right))
    ]
    return compare(*sides).summary.verdict


def test_copies_with_edits_are_wholly_derived_and_spun_copies_derived():
    constructed = _constructed()
    for seed in range(700, 710):
        assert _verdict(constructed.copy_pair(seed)) == WHOLLY
        assert _verdict(constructed.spun_pair(seed)) in (WHOLLY, PARTIALLY)


@pytest.mark.msrp
@pytest.mark.skipif(not MSRP.is_file(), reason=f"MSRP corpus not found at {MSRP}")
def test_reports_written_apart_are_independent_and_other_stories_unrelated():
    constructed = _constructed()
    stories = constructed.msrp_stories(constructed.read_msrp())
    apart = [_verdict(constructed.apart_pair(seed, stories)) for seed in range(700, 720)]
    unrelated = [_verdict(constructed.unrelated_pair(seed, stories)) for seed in range(700, 720)]
    assert apart.count(INDEPENDENT) >= 18
    assert unrelated.count(UNRELATED) == 20
