"""One text against many: a set of ordinary pair comparisons around one hub document.

May import: the standard library and the pure ``viewer.core`` modules (``compare``,
``confidence``, ``model``).
Must not import: Qt.

A set is a star, not a multiple alignment: every other document (a *spoke*) is compared with
the one *hub* by ``compare``, so every pair stays a complete comparison and the cost is N pairs.
For "many outlets" the hub is the source (the left side of each pair) and the spokes are the
rewrites; for attribution (``viewer.core.attribution``) the hub is the article (the right side)
and the spokes are candidate sources. The spokes are put in a canonical order (name, then text,
then date) before anything is computed, so the result does not depend on the order of inputs.
A spoke's date is the one given (a dates file, typed in) or else the publication date the
article states about itself (``Document.published``), when it does.

From the pairs come, per hub sentence, which spokes reused it and how (``SentenceReuse``), the
*strip* of each spoke (one ``Cell`` per hub sentence, in hub order) and the grouping of spokes
whose strips are alike (copy chains show as neighbours). All of it is recomputed from the
comparisons alone, which is what the set's JSON relies on.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from viewer.core.compare import compare_steps
from viewer.core.confidence import is_tentative
from viewer.core.model import (
    LINKED_KINDS,
    Block,
    Cancelled,
    Comparison,
    Document,
    Kind,
    Options,
    Progress,
)

HubSide = Literal["left", "right"]
OUTLETS_PHASE = "outlets"  # the Progress phase of a set: done/total count whole pairs

# Kind order for ranking reuse: closest first. Omitted/added are "not reused".
KIND_RANK: dict[Kind, int] = {
    Kind.IDENTICAL: 0,
    Kind.EDITED: 1,
    Kind.PARAPHRASE: 2,
    Kind.PARTIAL: 3,
}
# One character per hub sentence in a text strip (lower case: moved; "!" a fact changed).
STRIP_LETTERS: dict[Kind, str] = {
    Kind.IDENTICAL: "V",
    Kind.EDITED: "E",
    Kind.PARAPHRASE: "P",
    Kind.PARTIAL: "R",
}
STRIP_ABSENT = "."  # not reused by this spoke
STRIP_FURNITURE = " "  # the hub sentence is page furniture
STRIP_FACT = "!"
# Strip similarity: a hub sentence both spokes reused counts 1 when reused the same way, this
# much when reused in different kinds; one reused by only one of them counts 0.
OTHER_KIND_CREDIT = 0.5
# Spokes whose strips are at least this alike (on average, between the two groups) are grouped.
GROUP_MIN_SIMILARITY = 0.7


def parse_date(text: str) -> str:
    """A date as written in a file or typed in, checked and normalised to ISO ``YYYY-MM-DD``
    (or a full ISO date and time); ``ValueError`` naming the text when it is not one."""
    cleaned = text.strip()
    try:
        if len(cleaned) <= 10:
            return _dt.date.fromisoformat(cleaned).isoformat()
        return _dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def date_key(date: str | None) -> tuple[int, str]:
    """Sorts known dates first, oldest first; an ISO date sorts before the same day's times."""
    return (0, date) if date else (1, "")


@dataclass(frozen=True)
class Cell:
    """What one spoke did with one hub sentence: the block that holds it there."""

    kind: Kind  # a linked kind, or OMITTED / ADDED when the spoke has no counterpart
    moved: bool = False
    similarity: float = 0.0
    partner: tuple[int, ...] = ()  # the spoke's sentence indices in that block
    block: int = -1  # the block's index in the pair comparison
    facts: tuple[str, ...] = ()  # kinds of the fact changes of that block, when known

    @property
    def reused(self) -> bool:
        return self.kind in LINKED_KINDS

    @property
    def letter(self) -> str:
        if not self.reused:
            return STRIP_ABSENT
        if self.facts:
            return STRIP_FACT
        letter = STRIP_LETTERS[self.kind]
        return letter.lower() if self.moved else letter


class Reuse(NamedTuple):
    """One spoke's use of one hub sentence (only linked kinds are listed)."""

    outlet: int  # index into the set's spokes
    cell: Cell


@dataclass(frozen=True)
class SentenceReuse:
    """Per hub sentence: which spokes reused it, and how."""

    sentence: int
    boilerplate: bool
    reuses: tuple[Reuse, ...]  # in spoke order
    spokes: int  # how many spokes the set has (the badge's denominator)

    @property
    def count(self) -> int:
        return len(self.reuses)

    def counts_by_kind(self) -> dict[Kind, int]:
        counts = dict.fromkeys(LINKED_KINDS, 0)
        for reuse in self.reuses:
            counts[reuse.cell.kind] += 1
        return counts

    @property
    def moved(self) -> int:
        return sum(1 for r in self.reuses if r.cell.moved)

    @property
    def fact_changes(self) -> int:
        return sum(1 for r in self.reuses if r.cell.facts)

    @property
    def badge(self) -> str:
        return f"{self.count}/{self.spokes}"


@dataclass(frozen=True)
class OutletSet:
    """A hub document, the pair comparison of every spoke with it, and what they add up to.

    ``comparisons`` are in canonical spoke order; ``dates`` (ISO strings or None) go with them.
    ``matrix[k][i]`` is spoke ``k``'s cell for hub sentence ``i``.
    """

    hub_side: HubSide
    comparisons: tuple[Comparison, ...]
    dates: tuple[str | None, ...]
    matrix: tuple[tuple[Cell, ...], ...] = field(repr=False)
    sentences: tuple[SentenceReuse, ...] = field(repr=False)

    @property
    def hub(self) -> Document:
        first = self.comparisons[0]
        return first.source if self.hub_side == "left" else first.rewrite

    def spoke(self, index: int) -> Document:
        pair = self.comparisons[index]
        return pair.rewrite if self.hub_side == "left" else pair.source

    @property
    def spokes(self) -> tuple[Document, ...]:
        return tuple(self.spoke(k) for k in range(len(self.comparisons)))

    def strip_text(self, index: int) -> str:
        hub = self.hub
        return "".join(
            STRIP_FURNITURE if i in hub.boilerplate else cell.letter
            for i, cell in enumerate(self.matrix[index])
        )

    def reused_share(self, index: int) -> float:
        """The share of the hub's words (page furniture aside) this spoke reused, tentative
        links left out as the pair's ``source_carried`` leaves them."""
        hub = self.hub
        words = hub.sentence_word_counts
        total = sum(w for i, w in enumerate(words) if i not in hub.boilerplate)
        if not total:
            return 0.0
        blocks = self.comparisons[index].blocks
        reused = sum(
            words[i]
            for i, cell in enumerate(self.matrix[index])
            if cell.reused
            and i not in hub.boilerplate
            and not (0 <= cell.block < len(blocks) and is_tentative(blocks[cell.block]))
        )
        return reused / total


def spoke_key(document: Document, date: str | None) -> tuple[str, str, str]:
    """The canonical order of spokes: by name, then text, then date."""
    return (document.name, document.text, date or "")


def _stated_date(document: Document) -> str | None:
    stated = document.published
    if not stated:
        return None
    try:
        return parse_date(stated)
    except ValueError:
        return None


def _facts_of(block: Block) -> tuple[str, ...]:
    # Blocks carry their fact changes once the engine names them; until then there are none.
    facts = getattr(block, "facts", ())
    return tuple(str(getattr(fact, "kind", fact)) for fact in facts)


def _cells(comparison: Comparison, hub_side: HubSide) -> tuple[Cell, ...]:
    hub = comparison.source if hub_side == "left" else comparison.rewrite
    cells: list[Cell | None] = [None] * len(hub.sentences)
    for number, block in enumerate(comparison.blocks):
        hub_ids = block.source if hub_side == "left" else block.rewrite
        partner = block.rewrite if hub_side == "left" else block.source
        cell = Cell(
            kind=block.kind,
            moved=block.moved,
            similarity=block.similarity,
            partner=partner,
            block=number,
            facts=_facts_of(block) if block.kind in LINKED_KINDS else (),
        )
        for i in hub_ids:
            cells[i] = cell
    missing = [i for i, c in enumerate(cells) if c is None]
    if missing:
        spoke = comparison.rewrite if hub_side == "left" else comparison.source
        raise ValueError(f"hub sentence {missing[0]} is in no block of the pair with {spoke.name}")
    return tuple(c for c in cells if c is not None)


def set_from_comparisons(
    comparisons: Sequence[Comparison],
    hub_side: HubSide = "left",
    dates: Sequence[str | None] | None = None,
) -> OutletSet:
    """The set made of finished pair comparisons (all against the same hub text).

    ``ValueError`` when there are none or their hub texts differ. The comparisons are put in
    canonical order, so any order of the same pairs gives the same set.
    """
    if not comparisons:
        raise ValueError("a set needs at least one comparison")
    if dates is None:
        dates = [None] * len(comparisons)
    if len(dates) != len(comparisons):
        raise ValueError("one date (or None) is needed per comparison")

    def hub_of(c: Comparison) -> Document:
        return c.source if hub_side == "left" else c.rewrite

    def spoke_of(c: Comparison) -> Document:
        return c.rewrite if hub_side == "left" else c.source

    first = hub_of(comparisons[0])
    for comparison in comparisons[1:]:
        other = hub_of(comparison)
        if other.text != first.text or other.sentences != first.sentences:
            raise ValueError(
                f"{spoke_of(comparison).name} was compared with another text than "
                f"{first.name}; a set has one {'source' if hub_side == 'left' else 'article'}"
            )
    # A date given wins; otherwise the one the article states about itself, when it does.
    dates = [
        given if given is not None else _stated_date(spoke_of(c))
        for c, given in zip(comparisons, dates, strict=True)
    ]
    order = sorted(
        range(len(comparisons)),
        key=lambda k: spoke_key(spoke_of(comparisons[k]), dates[k]),
    )
    ordered = tuple(comparisons[k] for k in order)
    ordered_dates = tuple(dates[k] for k in order)
    matrix = tuple(_cells(c, hub_side) for c in ordered)
    hub = hub_of(ordered[0])
    sentences = tuple(
        SentenceReuse(
            sentence=i,
            boilerplate=i in hub.boilerplate,
            reuses=tuple(
                Reuse(k, row[i]) for k, row in enumerate(matrix) if row[i].kind in LINKED_KINDS
            ),
            spokes=len(ordered),
        )
        for i in range(len(hub.sentences))
    )
    return OutletSet(hub_side, ordered, ordered_dates, matrix, sentences)


def star_steps(
    hub: Document,
    spokes: Sequence[Document],
    hub_side: HubSide = "left",
    options: Options | None = None,
    cancel: Callable[[], bool] | None = None,
    dates: Sequence[str | None] | None = None,
) -> Generator[Progress, None, OutletSet]:
    """Compare every spoke with the hub; yields ``Progress("outlets", pairs done, pairs)``.

    Each pair runs through ``compare_steps`` (which checks ``cancel`` every few milliseconds
    and raises ``Cancelled``); progress is reported while a pair runs too, so a long outlet
    never stalls a progress bar.
    """
    if not spokes:
        raise ValueError("a set needs at least one document to compare with")
    if dates is None:
        dates = [None] * len(spokes)
    if len(dates) != len(spokes):
        raise ValueError("one date (or None) is needed per document")
    options = options or Options()
    given = dates
    dates = [d if d is not None else _stated_date(spokes[k]) for k, d in enumerate(given)]
    order = sorted(range(len(spokes)), key=lambda k: spoke_key(spokes[k], dates[k]))
    total = len(order)
    comparisons: list[Comparison] = []
    yield Progress(OUTLETS_PHASE, 0, total)
    for done, k in enumerate(order):
        if cancel is not None and cancel():
            raise Cancelled()
        left, right = (hub, spokes[k]) if hub_side == "left" else (spokes[k], hub)
        steps = compare_steps(left, right, options, cancel)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                comparisons.append(stop.value)
                break
            yield Progress(OUTLETS_PHASE, done, total)
        yield Progress(OUTLETS_PHASE, done + 1, total)
    return set_from_comparisons(comparisons, hub_side, [dates[k] for k in order])


def compare_set_steps(
    source: Document,
    rewrites: Sequence[Document],
    options: Options | None = None,
    cancel: Callable[[], bool] | None = None,
    dates: Sequence[str | None] | None = None,
) -> Generator[Progress, None, OutletSet]:
    """Many outlets: every rewrite compared with the one source (see ``star_steps``)."""
    return (yield from star_steps(source, rewrites, "left", options, cancel, dates))


def compare_set(
    source: Document,
    rewrites: Sequence[Document],
    options: Options | None = None,
    dates: Sequence[str | None] | None = None,
) -> OutletSet:
    """``compare_set_steps`` run to the end."""
    steps = compare_set_steps(source, rewrites, options, None, dates)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


# Alike strips ---------------------------------------------------------------------------------


def strip_similarity(a: Sequence[Cell], b: Sequence[Cell], skip: frozenset[int]) -> float:
    """How alike two strips are (0..1): over the hub sentences either spoke reused, 1 for the
    same kind, ``OTHER_KIND_CREDIT`` for another kind, 0 when only one reused it. Two strips
    that reused nothing are alike (1.0). ``skip`` are hub sentences left out (page furniture).
    """
    union = 0
    score = 0.0
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if i in skip:
            continue
        if x.reused or y.reused:
            union += 1
            if x.reused and y.reused:
                score += 1.0 if x.kind is y.kind else OTHER_KIND_CREDIT
    return score / union if union else 1.0


class Grouping(NamedTuple):
    """Spokes ordered so that alike strips are neighbours, and the groups they form."""

    order: tuple[int, ...]  # spoke indices, group after group
    groups: tuple[tuple[int, ...], ...]  # each in display order; singletons included


def group_outlets(outlet_set: OutletSet, min_similarity: float = GROUP_MIN_SIMILARITY) -> Grouping:
    """Average-linkage grouping of the spokes by strip similarity, cut at ``min_similarity``.

    Groups come largest first (then by their first spoke); inside a group the spoke that
    reused most comes first and each next one is the most alike to the one before, so a copy
    chain reads down the table. Deterministic: ties go to the lower spoke index.
    """
    count = len(outlet_set.comparisons)
    skip = frozenset(outlet_set.hub.boilerplate)
    matrix = outlet_set.matrix
    sim = [[1.0] * count for _ in range(count)]
    for x in range(count):
        for y in range(x + 1, count):
            sim[x][y] = sim[y][x] = strip_similarity(matrix[x], matrix[y], skip)
    # Average linkage with the Lance-Williams update: merging p and q, the new cluster's mean
    # similarity to r is the size-weighted mean of p's and q's; no mean is recomputed from
    # members, so a merge costs one pass over the clusters.
    members: dict[int, list[int]] = {k: [k] for k in range(count)}
    linkage: dict[int, dict[int, float]] = {
        x: {y: sim[x][y] for y in range(count) if y != x} for x in range(count)
    }
    while len(members) > 1:
        best_value, best_p, best_q = -1.0, -1, -1
        for p, row in linkage.items():
            for q, value in row.items():
                if q > p and (
                    value > best_value or (value == best_value and (p, q) < (best_p, best_q))
                ):
                    best_value, best_p, best_q = value, p, q
        if best_value < min_similarity:
            break
        p, q = best_p, best_q
        size_p, size_q = len(members[p]), len(members[q])
        for r in linkage:
            if r in (p, q):
                continue
            merged = (size_p * linkage[p][r] + size_q * linkage[q][r]) / (size_p + size_q)
            linkage[p][r] = linkage[r][p] = merged
            del linkage[r][q]
        del linkage[p][q]
        del linkage[q]
        members[p] = sorted(members[p] + members.pop(q))
    clusters = list(members.values())
    reused = [sum(1 for c in row if c.reused) for row in matrix]
    groups = []
    for cluster in clusters:
        rest = sorted(cluster, key=lambda k: (-reused[k], k))
        chain = [rest.pop(0)]
        while rest:
            last = chain[-1]
            nearest = max(rest, key=lambda k: (sim[last][k], -k))
            rest.remove(nearest)
            chain.append(nearest)
        groups.append(tuple(chain))
    groups.sort(key=lambda g: (-len(g), min(g)))
    return Grouping(tuple(k for g in groups for k in g), tuple(groups))


__all__ = [
    "GROUP_MIN_SIMILARITY",
    "KIND_RANK",
    "OUTLETS_PHASE",
    "Cell",
    "Grouping",
    "OutletSet",
    "Reuse",
    "SentenceReuse",
    "compare_set",
    "compare_set_steps",
    "date_key",
    "group_outlets",
    "parse_date",
    "set_from_comparisons",
    "spoke_key",
    "star_steps",
    "strip_similarity",
]
