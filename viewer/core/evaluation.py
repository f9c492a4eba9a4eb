"""Scores a comparison against a hand-made gold alignment: links, omissions, additions, kinds.

May import: the standard library and ``viewer.core.model``. Must not import: Qt, or the
engine modules (``compare``, ``align``, ``classify``...): the yardstick stays independent of
what it measures.

A *link* is a (source sentence, rewrite sentence) pair implied by a linked block: every pair of
its left x right indices. Sentences that the gold marks as page furniture are left out of every
figure; how well ``Document.boilerplate`` finds them is scored on its own. A precision or
recall with nothing to count (no predicted links, say) is 1.0: nothing was claimed, so nothing
was wrong; an accuracy over found links is None when no link was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.core.model import LINKED_KINDS, SAME_MEANING_KINDS, Block, Kind, Side

Link = tuple[int, int]

SAME_MEANING = "same meaning"
PARTIAL = "partial"
UNLINKED = "unlinked"


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one predicted set against one gold set."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    gold: int


@dataclass(frozen=True)
class Evaluation:
    """Every figure of one predicted alignment against its gold alignment.

    ``kind_accuracy`` and ``same_meaning_accuracy`` (same meaning vs partial) are over the gold
    links that were found (``kinds_compared`` of them) and are None when none were.
    ``coarse_accuracy`` is over every non-furniture sentence of both sides: does its fate
    (same meaning / partial / unlinked) agree with the gold?
    """

    links: Scores
    omissions: Scores
    additions: Scores
    kind_accuracy: float | None
    same_meaning_accuracy: float | None
    kinds_compared: int
    coarse_accuracy: float
    sentences_compared: int
    boilerplate: Scores


@dataclass(frozen=True)
class GoldAlignment:
    """A hand-made alignment of one pair of documents, as read from a gold file."""

    source: str
    rewrite: str
    left_count: int
    right_count: int
    blocks: tuple[Block, ...]
    left_texts: dict[int, str]
    right_texts: dict[int, str]

    @property
    def left_boilerplate(self) -> frozenset[int]:
        return frozenset(i for b in self.blocks if b.boilerplate for i in b.source)

    @property
    def right_boilerplate(self) -> frozenset[int]:
        return frozenset(j for b in self.blocks if b.boilerplate for j in b.rewrite)


def scores(predicted: Iterable, gold: Iterable) -> Scores:
    """Precision, recall and F1 of ``predicted`` against ``gold`` (any hashable items)."""
    predicted, gold = set(predicted), set(gold)
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, hits, len(predicted), len(gold))


def links(
    blocks: Iterable[Block],
    left_excluded: frozenset[int] = frozenset(),
    right_excluded: frozenset[int] = frozenset(),
) -> set[Link]:
    """Every (left, right) pair of the linked blocks, without pairs touching excluded sentences."""
    return {
        (i, j)
        for b in blocks
        if b.source and b.rewrite
        for i in b.source
        for j in b.rewrite
        if i not in left_excluded and j not in right_excluded
    }


def omitted(blocks: Iterable[Block], excluded: frozenset[int] = frozenset()) -> set[int]:
    """Source sentences in blocks with no rewrite side, excluded ones left out."""
    return {i for b in blocks if not b.rewrite for i in b.source if i not in excluded}


def added(blocks: Iterable[Block], excluded: frozenset[int] = frozenset()) -> set[int]:
    """Rewrite sentences in blocks with no source side, excluded ones left out."""
    return {j for b in blocks if not b.source for j in b.rewrite if j not in excluded}


def coarse_class(kind: Kind) -> str:
    """The three-way reading of a kind: same meaning, partial, or unlinked."""
    if kind in SAME_MEANING_KINDS:
        return SAME_MEANING
    if kind is Kind.PARTIAL:
        return PARTIAL
    return UNLINKED


def _kind_of_link(blocks: Iterable[Block]) -> dict[Link, Kind]:
    return {
        (i, j): b.kind
        for b in blocks
        if b.source and b.rewrite
        for i in b.source
        for j in b.rewrite
    }


def _class_of_sentence(blocks: Iterable[Block]) -> tuple[dict[int, str], dict[int, str]]:
    left: dict[int, str] = {}
    right: dict[int, str] = {}
    for b in blocks:
        # A linked block whose kind is not a linked kind is malformed; reading it as unlinked
        # keeps one bad block from hiding the rest of the figures.
        fate = (
            coarse_class(b.kind)
            if (b.source and b.rewrite and b.kind in LINKED_KINDS)
            else UNLINKED
        )
        left.update((i, fate) for i in b.source)
        right.update((j, fate) for j in b.rewrite)
    return left, right


def evaluate(
    predicted: Sequence[Block],
    gold: GoldAlignment,
    predicted_left_boilerplate: Iterable[int] = (),
    predicted_right_boilerplate: Iterable[int] = (),
) -> Evaluation:
    """Scores ``predicted`` blocks (and the documents' furniture marks) against ``gold``."""
    left_out, right_out = gold.left_boilerplate, gold.right_boilerplate
    gold_links = links(gold.blocks, left_out, right_out)
    found_links = links(predicted, left_out, right_out)

    predicted_kinds = _kind_of_link(predicted)
    gold_kinds = _kind_of_link(gold.blocks)
    found_gold = sorted(gold_links & found_links)
    kind_hits = sum(predicted_kinds[link] is gold_kinds[link] for link in found_gold)
    meaning_hits = sum(
        coarse_class(predicted_kinds[link]) == coarse_class(gold_kinds[link]) for link in found_gold
    )

    gold_left, gold_right = _class_of_sentence(gold.blocks)
    found_left, found_right = _class_of_sentence(predicted)
    agreements = compared = 0
    for gold_side, found_side, out in (
        (gold_left, found_left, left_out),
        (gold_right, found_right, right_out),
    ):
        for index, fate in gold_side.items():
            if index in out:
                continue
            compared += 1
            agreements += found_side.get(index, UNLINKED) == fate

    furniture_found = {("L", i) for i in predicted_left_boilerplate} | {
        ("R", j) for j in predicted_right_boilerplate
    }
    furniture_gold = {("L", i) for i in left_out} | {("R", j) for j in right_out}

    return Evaluation(
        links=scores(found_links, gold_links),
        omissions=scores(omitted(predicted, left_out), omitted(gold.blocks, left_out)),
        additions=scores(added(predicted, right_out), added(gold.blocks, right_out)),
        kind_accuracy=kind_hits / len(found_gold) if found_gold else None,
        same_meaning_accuracy=meaning_hits / len(found_gold) if found_gold else None,
        kinds_compared=len(found_gold),
        coarse_accuracy=agreements / compared if compared else 1.0,
        sentences_compared=compared,
        boilerplate=scores(furniture_found, furniture_gold),
    )


def mistakes(
    predicted: Sequence[Block], gold: GoldAlignment, left_name: str = "L", right_name: str = "R"
) -> list[str]:
    """One line per disagreement with the gold, furniture aside, e.g. ``000#3 -> 001#4: ...``."""
    left_out, right_out = gold.left_boilerplate, gold.right_boilerplate
    gold_links = links(gold.blocks, left_out, right_out)
    found_links = links(predicted, left_out, right_out)
    predicted_kinds = _kind_of_link(predicted)
    gold_kinds = _kind_of_link(gold.blocks)
    found_left, found_right = _class_of_sentence(predicted)

    def pair(link: Link) -> str:
        return f"{left_name}#{link[0]} -> {right_name}#{link[1]}"

    lines = []
    for link in sorted(gold_links - found_links):
        i, j = link
        fates = []
        if found_left.get(i) == UNLINKED:
            fates.append(f"{left_name}#{i} predicted omitted")
        if found_right.get(j) == UNLINKED:
            fates.append(f"{right_name}#{j} predicted added")
        why = "; ".join(fates) or "both linked elsewhere"
        lines.append(f"missed link {pair(link)} (gold {gold_kinds[link].value}): {why}")
    for link in sorted(found_links - gold_links):
        lines.append(f"wrong link {pair(link)} (predicted {predicted_kinds[link].value})")
    for link in sorted(found_links & gold_links):
        if predicted_kinds[link] is not gold_kinds[link]:
            lines.append(
                f"kind {pair(link)}: gold {gold_kinds[link].value}, "
                f"predicted {predicted_kinds[link].value}"
            )
    return lines


def partition_problems(blocks: Sequence[Block], left_count: int, right_count: int) -> list[str]:
    """What keeps ``blocks`` from covering every sentence of each side exactly once."""
    problems = []
    for side, count, indices in (
        (Side.SOURCE, left_count, [i for b in blocks for i in b.source]),
        (Side.REWRITE, right_count, [j for b in blocks for j in b.rewrite]),
    ):
        seen: set[int] = set()
        for index in indices:
            if not 0 <= index < count:
                problems.append(f"{side} sentence {index} is out of range (0..{count - 1})")
            elif index in seen:
                problems.append(f"{side} sentence {index} is in more than one block")
            seen.add(index)
        missing = sorted(set(range(count)) - seen)
        if missing:
            problems.append(f"{side} sentences {missing} are in no block")
    for number, block in enumerate(blocks):
        if not block.source and not block.rewrite:
            problems.append(f"block {number} is empty")
        elif block.kind is Kind.OMITTED and block.rewrite:
            problems.append(f"block {number} is omitted but has rewrite sentences")
        elif block.kind is Kind.ADDED and block.source:
            problems.append(f"block {number} is added but has source sentences")
        elif block.kind in LINKED_KINDS and not (block.source and block.rewrite):
            problems.append(f"block {number} is {block.kind.value} but has an empty side")
        if list(block.source) != sorted(set(block.source)) or list(block.rewrite) != sorted(
            set(block.rewrite)
        ):
            problems.append(f"block {number} has indices that are not ascending")
    return problems


def gold_from_json(data: dict) -> GoldAlignment:
    """A ``GoldAlignment`` from a parsed gold file; raises ValueError naming what is wrong."""
    try:
        blocks = []
        left_texts: dict[int, str] = {}
        right_texts: dict[int, str] = {}
        for number, entry in enumerate(data["blocks"]):
            left, right = tuple(entry["left"]), tuple(entry["right"])
            if len(entry["left_text"]) != len(left) or len(entry["right_text"]) != len(right):
                raise ValueError(f"block {number}: one text per index is needed")
            left_texts.update(zip(left, entry["left_text"], strict=True))
            right_texts.update(zip(right, entry["right_text"], strict=True))
            blocks.append(
                Block(
                    Kind(entry["kind"]),
                    left,
                    right,
                    boilerplate=bool(entry.get("boilerplate", False)),
                )
            )
        return GoldAlignment(
            str(data["source"]),
            str(data["rewrite"]),
            int(data["left_sentences"]),
            int(data["right_sentences"]),
            tuple(blocks),
            left_texts,
            right_texts,
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed gold alignment: {error!r}") from error


def read_gold(path: str | Path) -> GoldAlignment:
    """The gold alignment stored in the JSON file at ``path``."""
    return gold_from_json(json.loads(Path(path).read_text(encoding="utf-8")))
