"""Comparisons the exporter tests share: the sample articles, hostile text, and a hand-made one."""

from __future__ import annotations

import pytest

from viewer.core import Block, Comparison, Kind, Summary, compare, document_from_text, load_document
from viewer.core.model import WordMarks, WordRun
from viewer.resources import seed_path

HOSTILE_LEFT = (
    'The mayor said "<script>alert(1)</script>" was found in the form. '
    "Profits & losses were listed as &amp; in the </td></tr></table> export. "
    "=SUM(A1:A9) was typed into the first cell.\n"
    "Her reply: 'no comment', she said.\n"
)
HOSTILE_RIGHT = (
    'The mayor said "<script>alert(1)</script>" turned up in the form. '
    "Profits & losses were listed as &amp; in the </td></tr></table> export. "
    "@everyone was typed into the first cell.\n"
    "-5 percent, said the report, with a line\nbreak.\n"
)


@pytest.fixture(scope="session")
def seed_comparison() -> Comparison:
    return compare(load_document(seed_path("000")), load_document(seed_path("001")))


@pytest.fixture(scope="session")
def hostile_comparison() -> Comparison:
    left = document_from_text(HOSTILE_LEFT, 'left <b>"&amp;".txt')
    right = document_from_text(HOSTILE_RIGHT, "right</title><script>x()</script>.txt")
    return compare(left, right)


# "Russia on Tuesday is set to launch a film crew." -> "Russia plans to launch a film crew."
HANDMADE_WORDS = WordMarks(
    source=(
        WordRun(0, 6, "kept"),
        WordRun(7, 24, "replaced", 1),
        WordRun(25, 46, "kept"),
    ),
    rewrite=(
        WordRun(0, 6, "kept"),
        WordRun(7, 12, "replaced", 1),
        WordRun(13, 34, "kept"),
    ),
    carried=12 / 17,  # 6 of 10 source words and 6 of 7 rewrite words carried over
)


@pytest.fixture()
def handmade_comparison() -> Comparison:
    """Three blocks with a known word diff, a move and page furniture, independent of the engine."""
    left = document_from_text(
        "Russia on Tuesday is set to launch a film crew. Buy now!\n", "src.txt"
    )
    right = document_from_text("Russia plans to launch a film crew. A new line here.\n", "out.txt")
    assert len(left.sentences) == 2 and len(right.sentences) == 2
    blocks = (
        Block(
            Kind.PARAPHRASE,
            (0,),
            (0,),
            0.712345,
            True,
            (
                (0, "Russia "),
                (-1, "on Tuesday is set"),
                (1, "plans"),
                (0, " to launch a film crew."),
            ),
            words=HANDMADE_WORDS,
        ),
        Block(Kind.OMITTED, (1,), (), 0.0, False, (), True),
        Block(Kind.ADDED, (), (1,)),
    )
    counts = {kind.value: 0 for kind in Kind}
    counts.update(paraphrase=1, omitted=1, added=1)
    summary = Summary(
        2,
        2,
        counts,
        rewrite_paraphrased=0.6,
        rewrite_new=0.4,
        source_carried=1.0,
        source_words=10,
        rewrite_words=12,
        source_boilerplate_sentences=1,
    )
    return Comparison(left, right, blocks, summary)


@pytest.fixture()
def tentative_comparison(handmade_comparison) -> Comparison:
    """The hand-made comparison with its link tentative, and a verdict."""
    from dataclasses import replace

    blocks = list(handmade_comparison.blocks)
    blocks[0] = replace(blocks[0], confidence=0.3217)
    summary = replace(
        handmade_comparison.summary,
        verdict="independent",
        verdict_reason="Independent: 0 of 2 sentences of the rewrite reuse the source's wording; "
        "1 is tentatively linked; 1 is its own.",
        tentative_links=1,
        rewrite_tentative=0.6,
        rewrite_paraphrased=0.0,
        source_tentative=1.0,
        source_carried=0.0,
    )
    return replace(handmade_comparison, blocks=tuple(blocks), summary=summary)
