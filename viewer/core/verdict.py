"""What the two texts are to each other: a verdict for the whole pair, with its reason in words.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.confidence``.
Must not import: Qt.

In the spirit of the METER corpus's classes for journalism (wholly, partially and non-derived),
every sentence of the rewrite (page furniture aside) is counted once:
- it *reuses the source's wording* when it is in a link that is not tentative and whose two
  sides are at least ``WORDING_MIN`` alike (the aligner's IDF-weighted cosine; what a copy
  with edits or a spun copy keeps);
- it *retells* the source when its link is not tentative but less alike: the same facts in its
  own words;
- it is *tentatively linked* when its link is tentative;
- it is *its own* when it is in no link (added).

The verdict, from the share of the rewrite's sentences that reuse the wording:
- ``wholly-derived``: at least ``WHOLLY_MIN`` of them;
- ``partially-derived``: at least ``PARTIALLY_MIN`` of them, and at least ``PARTIALLY_COUNT``;
- ``independent``: less, but at least ``SAME_STORY_MIN`` of the rewrite's sentences (and
  ``SAME_STORY_COUNT``) are linked, one of them at least by a link that is not tentative: the
  same event in the rewrite's own words (a tentative link alone is weak evidence, but two
  reports of one event written apart hold several weak links, and unrelated articles rarely
  hold even one);
- ``unrelated``: less still.
The thresholds were set on constructed pairs (``benchmarks/constructed.py``: copies with edits,
spun copies, two reports of one event written apart, unrelated articles); ``bench_quality.py``
prints how each nature comes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from viewer.core.confidence import is_tentative
from viewer.core.model import Block, Document

WHOLLY = "wholly-derived"
PARTIALLY = "partially-derived"
INDEPENDENT = "independent"
UNRELATED = "unrelated"
VERDICTS = (WHOLLY, PARTIALLY, INDEPENDENT, UNRELATED)
VERDICT_LABELS = {
    WHOLLY: "Wholly derived",
    PARTIALLY: "Partially derived",
    INDEPENDENT: "Independent",
    UNRELATED: "Unrelated",
}

# On sure, right links of constructed pairs (benchmarks/constructed.py, 30 of each): copies
# with edits and spun copies are at least this alike 100 % and 99 % of the time (medians 1.00
# and 0.96); facts of reports written apart, retold, 30 % of the time (median 0.40). The
# sample spun rewrites' links run from 0.38 to 0.88.
WORDING_MIN = 0.45
WHOLLY_MIN = 0.8
PARTIALLY_MIN = 0.3
PARTIALLY_COUNT = 2
SAME_STORY_MIN = 0.1
SAME_STORY_COUNT = 2


class SentenceTally(NamedTuple):
    """How many of the rewrite's sentences (page furniture aside) fall in each class."""

    reused: int
    retold: int
    tentative: int
    own: int

    @property
    def total(self) -> int:
        return self.reused + self.retold + self.tentative + self.own


def tally(rewrite: Document, blocks: Sequence[Block]) -> SentenceTally:
    """The rewrite's sentences counted by what became of them (see the module docstring)."""
    reused = retold = tentative = own = 0
    for block in blocks:
        sentences = sum(1 for j in block.rewrite if j not in rewrite.boilerplate)
        if not sentences:
            continue
        if not block.source:
            own += sentences
        elif is_tentative(block):
            tentative += sentences
        elif block.similarity >= WORDING_MIN:
            reused += sentences
        else:
            retold += sentences
    return SentenceTally(reused, retold, tentative, own)


def verdict_of(counted: SentenceTally) -> str:
    """The verdict for a tally (one of ``VERDICTS``)."""
    total = counted.total
    if not total:
        return UNRELATED
    if counted.reused >= WHOLLY_MIN * total:
        return WHOLLY
    if counted.reused >= max(PARTIALLY_COUNT, PARTIALLY_MIN * total):
        return PARTIALLY
    confident = counted.reused + counted.retold
    linked = confident + counted.tentative
    if confident and linked >= max(SAME_STORY_COUNT, SAME_STORY_MIN * total):
        return INDEPENDENT
    return UNRELATED


def _sentences(number: int) -> str:
    return f"{number} sentence" + ("" if number == 1 else "s")


def reason_of(verdict: str, counted: SentenceTally) -> str:
    """The verdict and its reason in one line of words."""
    total = counted.total
    if not total:
        return f"{VERDICT_LABELS[verdict]}: the rewrite has no sentences to compare."
    parts = [
        f"{counted.reused} of {_sentences(total)} of the rewrite reuse the source's wording"
        if counted.reused != 1
        else f"1 of {_sentences(total)} of the rewrite reuses the source's wording"
    ]
    if counted.retold:
        parts.append(
            f"{counted.retold} retell{'s' if counted.retold == 1 else ''} its facts in other words"
        )
    if counted.tentative:
        parts.append(
            f"{counted.tentative} {'is' if counted.tentative == 1 else 'are'} tentatively linked"
        )
    parts.append(f"{counted.own} {'is' if counted.own == 1 else 'are'} its own")
    return f"{VERDICT_LABELS[verdict]}: " + "; ".join(parts) + "."
