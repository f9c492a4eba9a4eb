"""Attribution: one article against several candidate sources, each sentence credited to one.

May import: the standard library and the pure ``viewer.core`` modules (``outlets``, ``model``).
Must not import: Qt.

Every candidate source is compared with the article (a star around the article, see
``viewer.core.outlets``). Each article sentence is credited to its best source: the closest
kind first (verbatim, lightly edited, paraphrased, partly reused), then the higher similarity.
Two sources are *near-tied* for a sentence when both renderings say the same thing (both of a
same-meaning kind, or both partly reused) and their similarities are within
``NEAR_TIE_SIMILARITY``: spun copies of one wire story share their wording with each other
more than with the wire, so similarity alone credits a sibling copy. A near-tie goes to the
pinned primary source (the wire, the press release), then to the earliest dated source. The
other sources that have the sentence are kept as "also in", best first. Sentences no source
has are unattributed: the outlet's own work. Page furniture is never credited.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Literal

from viewer.core.model import SAME_MEANING_KINDS, Document, Options, Progress
from viewer.core.outlets import (
    KIND_RANK,
    OutletSet,
    Reuse,
    date_key,
    spoke_key,
    star_steps,
)

# Similarity figures of two renderings of one sentence spread by about this much, so within it
# the figure does not say which source was used.
NEAR_TIE_SIMILARITY = 0.15

Reason = Literal["best", "primary", "earliest", "unattributed", "furniture"]


def _rank(reuse: Reuse) -> tuple[int, float, int]:
    return (KIND_RANK[reuse.cell.kind], -reuse.cell.similarity, reuse.outlet)


def _tier(reuse: Reuse) -> int:
    return 0 if reuse.cell.kind in SAME_MEANING_KINDS else 1


@dataclass(frozen=True)
class Credit:
    """Which source an article sentence is credited to, why, and who else has it."""

    sentence: int
    reuse: Reuse | None  # the credited source's rendering; None when unattributed
    reason: Reason
    also_in: tuple[Reuse, ...]  # the other sources that have it, best first

    @property
    def source(self) -> int | None:
        return self.reuse.outlet if self.reuse is not None else None


@dataclass(frozen=True)
class SourceCredit:
    """One candidate source's part in the article."""

    source: int
    sentences: int  # article sentences credited to it
    words: int  # their words
    share: float  # of the article's words (page furniture aside)
    also_matches: int  # article sentences it has too but that are credited elsewhere


@dataclass(frozen=True)
class Attribution:
    """The credits of every article sentence and the sources ordered by their share."""

    outlet_set: OutletSet  # hub: the article (right side of every pair); spokes: the sources
    primary: int | None  # the pinned source's index in the set, if any
    near_tie: float  # the similarity margin within which two sources were near-tied
    credits: tuple[Credit, ...]
    sources: tuple[SourceCredit, ...]  # largest share first
    unattributed_share: float

    @property
    def article(self) -> Document:
        return self.outlet_set.hub


def credit_sentences(
    outlet_set: OutletSet,
    primary: int | None = None,
    near_tie: float = NEAR_TIE_SIMILARITY,
) -> Attribution:
    """Credit each sentence of the set's hub (the article) to one of its spokes (the sources).

    ``primary`` is a spoke index; ``near_tie`` the similarity margin of a near-tie.
    Recomputable from the comparisons alone: the set's JSON stores the result and checks it
    on reading.
    """
    if outlet_set.hub_side != "right":
        raise ValueError("attribution needs the article as the right side of every pair")
    count = len(outlet_set.comparisons)
    if primary is not None and not 0 <= primary < count:
        raise ValueError(f"primary source {primary} is not in the set")
    dates = outlet_set.dates
    article = outlet_set.hub
    words = article.sentence_word_counts
    credits = []
    for row in outlet_set.sentences:
        if row.boilerplate:
            credits.append(Credit(row.sentence, None, "furniture", ()))
            continue
        if not row.reuses:
            credits.append(Credit(row.sentence, None, "unattributed", ()))
            continue
        ranked = sorted(row.reuses, key=_rank)
        best = ranked[0]
        tied = [
            r
            for r in ranked
            if _tier(r) == _tier(best) and best.cell.similarity - r.cell.similarity <= near_tie
        ]
        chosen, reason = best, "best"
        pinned = [r for r in tied if r.outlet == primary]
        if pinned:
            chosen, reason = pinned[0], "primary"
        elif any(dates[r.outlet] for r in tied):
            earliest = min(tied, key=lambda r: (date_key(dates[r.outlet]), _rank(r)))
            if earliest is not best:
                chosen, reason = earliest, "earliest"
        also = tuple(r for r in ranked if r is not chosen)
        credits.append(Credit(row.sentence, chosen, reason, also))  # type: ignore[arg-type]

    total = sum(w for i, w in enumerate(words) if i not in article.boilerplate)
    shares = []
    for k in range(count):
        mine = [c for c in credits if c.source == k]
        credited_words = sum(words[c.sentence] for c in mine)
        elsewhere = sum(
            1 for c in credits if c.source != k and any(r.outlet == k for r in c.also_in)
        )
        shares.append(
            SourceCredit(
                source=k,
                sentences=len(mine),
                words=credited_words,
                share=credited_words / total if total else 0.0,
                also_matches=elsewhere,
            )
        )
    shares.sort(key=lambda s: (-s.words, -s.also_matches, s.source))
    unattributed = sum(words[c.sentence] for c in credits if c.reason == "unattributed")
    return Attribution(
        outlet_set=outlet_set,
        primary=primary,
        near_tie=near_tie,
        credits=tuple(credits),
        sources=tuple(shares),
        unattributed_share=unattributed / total if total else 0.0,
    )


def attribute_steps(
    article: Document,
    sources: Sequence[Document],
    options: Options | None = None,
    cancel: Callable[[], bool] | None = None,
    primary: int | None = None,
    dates: Sequence[str | None] | None = None,
) -> Generator[Progress, None, Attribution]:
    """Compare every candidate source with the article, then credit its sentences.

    ``primary`` is an index into ``sources``; ``dates`` go with ``sources`` (ISO strings or
    None). Yields ``Progress("outlets", pairs done, pairs)``; raises ``Cancelled``.
    """
    if dates is None:
        dates = [None] * len(sources)
    if primary is not None and not 0 <= primary < len(sources):
        raise ValueError(f"primary source {primary} is not among the sources")
    outlet_set = yield from star_steps(article, sources, "right", options, cancel, dates)
    pinned = None
    if primary is not None:
        wanted = spoke_key(sources[primary], dates[primary])
        pinned = next(
            k
            for k in range(len(outlet_set.comparisons))
            if spoke_key(outlet_set.spoke(k), outlet_set.dates[k]) == wanted
        )
    return credit_sentences(outlet_set, pinned)


def attribute(
    article: Document,
    sources: Sequence[Document],
    options: Options | None = None,
    primary: int | None = None,
    dates: Sequence[str | None] | None = None,
) -> Attribution:
    """``attribute_steps`` run to the end."""
    steps = attribute_steps(article, sources, options, None, primary, dates)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


__all__ = [
    "NEAR_TIE_SIMILARITY",
    "Attribution",
    "Credit",
    "SourceCredit",
    "attribute",
    "attribute_steps",
    "credit_sentences",
]
