"""How sure a link is: a confidence (0-1) for every linked block, from the evidence for it.

May import: the standard library and ``viewer.core.model`` / ``normalize`` / ``classify``.
Must not import: Qt.

The evidence for a link, each a feature of a small logistic regression:
- shared wording: the aligner's IDF-weighted cosine (``Block.similarity``), the share of words
  kept in order, the share of content words found on the other side;
- shared facts: figures, days, months and names found on both sides that are rare in the two
  documents (``RARE_FACT_MAX`` sentences a side at most: the story's protagonist, named in
  every other sentence, says nothing of which sentence is which), and figures replaced by
  others;
- the meaning channel's cosine of the two sides' sentence embeddings, when it ran
  (``Block.meaning``): a second fit with it as a feature weighs such links; without it the
  lexical fit alone decides;
- the position in the reading order: a link in order between two links in order is better
  supported than one next to a single one, which is better than a lone one; a move is the
  weakest position.

The weights are fitted by ``tools/calibrate_confidence.py`` on constructed article pairs whose
true links are known (copies with edits, spun copies, two reports of one event written apart
and unrelated articles, the last two built from the MSRP corpus; never the sample articles):
the confidence is the fitted probability that a link the engine made is right.
``TENTATIVE_BELOW`` is the threshold under which a link is *tentative*: shown as such, and
counted apart from the reused shares.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from viewer.core.classify import kept_share
from viewer.core.model import Block, Kind
from viewer.core.normalize import SentenceForms, names, number_value

GAP_MAX = 3  # sentences between a link and its neighbour that still support each other
FACTS_CAP = 3  # shared facts beyond this many say nothing more
RARE_FACT_MAX = 2  # sentences of a side a fact may occur in and still identify a sentence

# Fitted by ``tools/calibrate_confidence.py 200``: 200 constructed pairs of each nature, 7,132
# links, 114 of them wrong; 0.994 of the held-out half's links on the right side of 0.5. Shared
# rare facts came out with no weight of their own: on these pairs they add nothing to the
# wording measures, which already weigh figures (the aligner's cosine boosts them) and names.
INTERCEPT = -9.3132
WEIGHTS: dict[str, float] = {
    "similarity": 3.733,
    "kept": 6.2702,
    "content": 8.8358,
    "facts": 0.0,
    "replaced": 0.6379,
    "supported": 2.1936,
    "moved": -0.4432,
    "joined": 0.6102,
}
# When the meaning channel ran, a second fit over the same features and the meaning's cosine
# decides (the lexical weights change once the meaning carries part of the evidence). Fitted
# by ``tools/calibrate_confidence.py 200`` with matching by meaning on (``Options.semantic``):
# 7,171 links of the same 800 constructed pairs, 145 of them wrong (the meaning stage adds
# links of its own). A link the channel did not measure (``meaning`` None) is weighed by the
# lexical fit above.
MEANING_INTERCEPT = -10.9244
MEANING_WEIGHTS: dict[str, float] = {
    "similarity": 2.6702,
    "kept": 4.3855,
    "content": 6.2995,
    "facts": 0.0732,
    "replaced": -0.0638,
    "supported": 2.0803,
    "moved": 0.1992,
    "joined": 0.4222,
    "meaning": 6.4767,
}
# A link below this is tentative: the fitted probability that it is right is under one half.
# On the held-out half of the constructed pairs, links below it were right 1 time in 37 and
# links above it wrong 19 times in 3,512 (at 0.4: 0 in 35 and 20 in 3,514; at 0.6: 3 in 41
# and 17 in 3,508; at 0.7: 15 in 53 and 17 in 3,496).
TENTATIVE_BELOW = 0.5


class LinkEvidence(NamedTuple):
    """The evidence for one linked block, as the confidence model reads it."""

    similarity: float  # the aligner's IDF-weighted cosine of the two sides
    kept: float  # words kept in order (Dice over the longest common subsequence)
    content: float  # share of the smaller side's content words found on the other side
    facts: float  # figures, dates and names on both sides (capped at FACTS_CAP)
    replaced: float  # 1 when figures were replaced by others, else 0
    supported: float  # neighbouring links in order (0, 1 or 2) that support it
    moved: float  # 1 when the link is out of the reading order, else 0
    joined: float  # 1 when a side holds several sentences, else 0
    meaning: float | None = None  # the meaning channel's cosine, when it ran


FEATURES: tuple[str, ...] = LinkEvidence._fields[:-1]
_WEIGHT_VECTOR = tuple(WEIGHTS.get(name, 0.0) for name in FEATURES)
_MEANING_VECTOR = tuple(MEANING_WEIGHTS.get(name, 0.0) for name in FEATURES)


def evidence(
    a: SentenceForms,
    b: SentenceForms,
    similarity: float,
    *,
    supported: int,
    moved: bool,
    joined: bool,
    meaning: float | None = None,
    facts: tuple[frozenset[str], frozenset[str]] | None = None,
    common_facts: frozenset[str] | set[str] = frozenset(),
    kept: float | None = None,
) -> LinkEvidence:
    """The evidence for a link whose two sides have the forms ``a`` and ``b``.

    ``facts`` are the two sides' facts when known (see ``facts_of``); ``common_facts`` are
    facts too frequent in the documents to count. ``kept`` is ``kept_share(a, b)`` when the
    caller has it already.
    """
    if facts is None:
        facts = (facts_of(a), facts_of(b))
    shared_facts = min(FACTS_CAP, len((facts[0] & facts[1]) - common_facts))
    if a.key == b.key:  # most links of a light edit: nothing to measure
        kept = content = 1.0
        replaced = False
    else:
        content_a, content_b = set(a.content), set(b.content)
        smaller = min(len(content_a), len(content_b))
        content = len(content_a & content_b) / smaller if smaller else 0.0
        if kept is None:
            kept = kept_share(a, b)
        replaced = bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)
    return LinkEvidence(
        similarity=similarity,
        kept=kept,
        content=content,
        facts=float(shared_facts),
        replaced=float(replaced),
        supported=float(supported),
        moved=float(moved),
        joined=float(joined),
        meaning=meaning,
    )


def facts_of(forms: SentenceForms) -> frozenset[str]:
    """The figures, dates and names a sentence mentions (a capitalised day or month counted
    once, as a date)."""
    return forms.numbers | {name for name in names(forms) if not number_value(name)}


def common_facts(*sides: Sequence[frozenset[str]]) -> set[str]:
    """Facts found in more than ``RARE_FACT_MAX`` sentences of a side (each side a list of its
    sentences' facts)."""
    common: set[str] = set()
    for side in sides:
        counts = Counter(fact for facts in side for fact in facts)
        common.update(fact for fact, count in counts.items() if count > RARE_FACT_MAX)
    return common


def confidence(found: LinkEvidence) -> float:
    """The probability (0-1) that a link with this evidence is right."""
    values = [x for x in found[: len(FEATURES)] if x is not None]  # the meaning: apart
    if found.meaning is not None and MEANING_WEIGHTS:
        z = MEANING_INTERCEPT + MEANING_WEIGHTS["meaning"] * found.meaning
        weights = _MEANING_VECTOR
    else:
        z, weights = INTERCEPT, _WEIGHT_VECTOR
    z += math.fsum([w * x for w, x in zip(weights, values, strict=True)])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def is_tentative(block: Block) -> bool:
    """A linked block whose confidence is known and below ``TENTATIVE_BELOW``."""
    return block.confidence is not None and block.confidence < TENTATIVE_BELOW


def supported_links(blocks: Sequence[Block]) -> list[int]:
    """For each block: how many of its neighbouring links in the reading order support it.

    ``blocks`` are in the rewrite's reading order. The link before and the link after a link
    in order (among the links in order) support it when they stand within ``GAP_MAX``
    sentences on both sides and keep the order (a run of links, as a rewrite that follows its
    source has). Moved links, omitted and added blocks have none.
    """
    in_order = [
        k for k, block in enumerate(blocks) if block.source and block.rewrite and not block.moved
    ]
    result = [0] * len(blocks)
    for position, k in enumerate(in_order):
        block = blocks[k]
        for other in (position - 1, position + 1):
            if not 0 <= other < len(in_order):
                continue
            neighbour = blocks[in_order[other]]
            if other < position:
                source_gap = block.source[0] - neighbour.source[-1]
                rewrite_gap = block.rewrite[0] - neighbour.rewrite[-1]
            else:
                source_gap = neighbour.source[0] - block.source[-1]
                rewrite_gap = neighbour.rewrite[0] - block.rewrite[-1]
            if 0 < source_gap <= GAP_MAX + 1 and 0 < rewrite_gap <= GAP_MAX + 1:
                result[k] += 1
    return result


def block_evidence(
    blocks: Sequence[Block],
    source_forms: Sequence[SentenceForms],
    rewrite_forms: Sequence[SentenceForms],
    joined_forms: Callable[[int, tuple[int, ...]], SentenceForms],
    with_facts: bool = bool(WEIGHTS["facts"]),
    kept_of: Callable[[Block], float | None] | None = None,
) -> list[LinkEvidence | None]:
    """The evidence for every linked block of ``blocks`` (in reading order); None for others.

    ``joined_forms(side, indices)`` gives the forms of several sentences of a side joined
    (side 0 the source, 1 the rewrite). A block's ``meaning`` is passed on when it has one.
    Facts (names above all) cost a pattern search per sentence: without ``with_facts`` (the
    default while their weight is 0) the feature is left at 0 and they are not looked for.
    ``kept_of(block)`` gives a block's ``kept_share`` when the caller has it already (None
    when not).
    """
    supported = supported_links(blocks)
    none: frozenset[str] = frozenset()
    if with_facts:
        sides = ([facts_of(f) for f in source_forms], [facts_of(f) for f in rewrite_forms])
        common = common_facts(*sides)
    out: list[LinkEvidence | None] = []
    for k, block in enumerate(blocks):
        if not (block.source and block.rewrite):
            out.append(None)
            continue
        joined = len(block.source) > 1 or len(block.rewrite) > 1
        if joined:
            a, b = joined_forms(0, block.source), joined_forms(1, block.rewrite)
        else:
            a, b = source_forms[block.source[0]], rewrite_forms[block.rewrite[0]]
        facts = (none, none)
        if with_facts:
            facts = (
                frozenset().union(*[sides[0][i] for i in block.source]),
                frozenset().union(*[sides[1][j] for j in block.rewrite]),
            )
        out.append(
            evidence(
                a,
                b,
                block.similarity,
                supported=supported[k],
                moved=block.moved,
                joined=joined,
                meaning=getattr(block, "meaning", None),
                facts=facts,
                common_facts=common if with_facts else none,
                kept=kept_of(block) if kept_of is not None else None,
            )
        )
    return out


def with_confidence(
    blocks: Sequence[Block],
    source_forms: Sequence[SentenceForms],
    rewrite_forms: Sequence[SentenceForms],
    joined_forms: Callable[[int, tuple[int, ...]], SentenceForms],
    kept_of: Callable[[Block], float | None] | None = None,
) -> list[Block]:
    """``blocks`` (in reading order), each linked one with its confidence (4 decimals);
    ``kept_of`` as for ``block_evidence``."""
    found = block_evidence(blocks, source_forms, rewrite_forms, joined_forms, kept_of=kept_of)
    # ``replace`` keeps every other field, whatever fields a block gains.
    return [
        block if evidence is None else replace(block, confidence=round(confidence(evidence), 4))
        for block, evidence in zip(blocks, found, strict=True)
    ]


def without_tentative(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks with every tentative link undone: its rewrite sentences added, its source
    sentences omitted, in its place (for views that hide tentative links)."""
    out: list[Block] = []
    for block in blocks:
        if not is_tentative(block):
            out.append(block)
            continue
        out.extend(Block(Kind.ADDED, (), (j,)) for j in block.rewrite)
        out.extend(Block(Kind.OMITTED, (i,), ()) for i in block.source)
    return tuple(out)
