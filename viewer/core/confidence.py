"""How sure a link is: a confidence (0-1) for every linked block, from the evidence for it.

May import: the standard library and ``viewer.core.model`` / ``normalize`` / ``classify``.
Must not import: Qt.

The evidence for a link, each a feature of a small logistic regression:
- shared wording: the aligner's IDF-weighted cosine (``Block.similarity``), the share of words
  kept in order, the share of content words found on the other side;
- shared facts: figures, days, months and names found on both sides (each is strong evidence
  that the two sentences report the same thing), and figures replaced by others (evidence
  against);
- the meaning channel's cosine of the two sides' sentence embeddings, when it ran
  (``Block.meaning``; without it the lexical weights alone decide);
- the position in the reading order: a link in order next to another link in order is better
  supported than a lone one, and a move is the weakest position.

The weights are fitted by ``tools/calibrate_confidence.py`` on constructed article pairs whose
true links are known (copies with edits, spun copies, two reports of one event written apart
and unrelated articles, the last two built from the MSRP corpus; never the sample articles):
the confidence is the fitted probability that a link the engine made is right.
``TENTATIVE_BELOW`` is the threshold under which a link is *tentative*: shown as such, and
counted apart from the reused shares.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from viewer.core.classify import kept_share
from viewer.core.model import Block
from viewer.core.normalize import SentenceForms, names

GAP_MAX = 3  # sentences between a link and its neighbour that still support each other
FACTS_CAP = 3  # shared facts beyond this many say nothing more

# Fitted by tools/calibrate_confidence.py on 80 constructed pairs of each nature (2,814 links,
# 70 of them wrong); see its report.
INTERCEPT = -7.5591
WEIGHTS: dict[str, float] = {
    "similarity": 3.111,
    "kept": 5.302,
    "content": 6.7659,
    "facts": 0.0008,
    "replaced": -0.13,
    "supported": 1.6981,
    "moved": -0.8783,
    "joined": -0.5394,
}
# The meaning channel's cosine enters the log-odds as MEANING_WEIGHT * (cosine - MEANING_CENTRE).
# Its weight is fitted with the others once blocks carry a meaning; until then it is 0 and the
# lexical evidence alone decides, with or without the channel.
MEANING_WEIGHT = 0.0
MEANING_CENTRE = 0.5
# A link below this is tentative: the fitted probability that it is right is under one half.
# On the held-out half of the constructed pairs, links below it were right 6 times in 19 and
# links above it wrong 12 times in 1,360 (0.4: 3 in 13 and 15; 0.6: 8 in 24 and 9).
TENTATIVE_BELOW = 0.5


class LinkEvidence(NamedTuple):
    """The evidence for one linked block, as the confidence model reads it."""

    similarity: float  # the aligner's IDF-weighted cosine of the two sides
    kept: float  # words kept in order (Dice over the longest common subsequence)
    content: float  # share of the smaller side's content words found on the other side
    facts: float  # figures, dates and names on both sides (capped at FACTS_CAP)
    replaced: float  # 1 when figures were replaced by others, else 0
    supported: float  # 1 when a neighbouring link in order supports it, else 0
    moved: float  # 1 when the link is out of the reading order, else 0
    joined: float  # 1 when a side holds several sentences, else 0
    meaning: float | None = None  # the meaning channel's cosine, when it ran


FEATURES: tuple[str, ...] = LinkEvidence._fields[:-1]


def evidence(
    a: SentenceForms,
    b: SentenceForms,
    similarity: float,
    *,
    supported: bool,
    moved: bool,
    joined: bool,
    meaning: float | None = None,
) -> LinkEvidence:
    """The evidence for a link whose two sides have the forms ``a`` and ``b``."""
    content_a, content_b = set(a.content), set(b.content)
    smaller = min(len(content_a), len(content_b))
    content = len(content_a & content_b) / smaller if smaller else float(a.key == b.key)
    shared_names = names(a) & names(b)
    facts = min(FACTS_CAP, len(a.numbers & b.numbers) + len(shared_names))
    replaced = bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)
    return LinkEvidence(
        similarity=similarity,
        kept=kept_share(a, b),
        content=content,
        facts=float(facts),
        replaced=float(replaced),
        supported=float(supported),
        moved=float(moved),
        joined=float(joined),
        meaning=meaning,
    )


def confidence(found: LinkEvidence) -> float:
    """The probability (0-1) that a link with this evidence is right."""
    z = INTERCEPT + math.fsum(WEIGHTS.get(name, 0.0) * found[k] for k, name in enumerate(FEATURES))
    if found.meaning is not None:
        z += MEANING_WEIGHT * (found.meaning - MEANING_CENTRE)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def is_tentative(block: Block) -> bool:
    """A linked block whose confidence is known and below ``TENTATIVE_BELOW``."""
    return block.confidence is not None and block.confidence < TENTATIVE_BELOW


def supported_links(blocks: Sequence[Block]) -> list[bool]:
    """For each block: is it a link in the reading order with a neighbouring link in order?

    ``blocks`` are in the rewrite's reading order. A link is supported when the link before or
    after it among the in-order links stands within ``GAP_MAX`` sentences on both sides and
    keeps the order (a run of links, as a rewrite that follows its source has).
    """
    in_order = [
        k for k, block in enumerate(blocks) if block.left and block.right and not block.moved
    ]
    result = [False] * len(blocks)
    for position, k in enumerate(in_order):
        block = blocks[k]
        for other in (position - 1, position + 1):
            if not 0 <= other < len(in_order):
                continue
            neighbour = blocks[in_order[other]]
            if other < position:
                left_gap = block.left[0] - neighbour.left[-1]
                right_gap = block.right[0] - neighbour.right[-1]
            else:
                left_gap = neighbour.left[0] - block.left[-1]
                right_gap = neighbour.right[0] - block.right[-1]
            if 0 < left_gap <= GAP_MAX + 1 and 0 < right_gap <= GAP_MAX + 1:
                result[k] = True
                break
    return result


def block_evidence(
    blocks: Sequence[Block],
    left_forms: Sequence[SentenceForms],
    right_forms: Sequence[SentenceForms],
    joined_forms: Callable[[int, tuple[int, ...]], SentenceForms],
) -> list[LinkEvidence | None]:
    """The evidence for every linked block of ``blocks`` (in reading order); None for others.

    ``joined_forms(side, indices)`` gives the forms of several sentences of a side joined
    (side 0 the source, 1 the rewrite). A block's ``meaning`` is passed on when it has one.
    """
    supported = supported_links(blocks)
    out: list[LinkEvidence | None] = []
    for k, block in enumerate(blocks):
        if not (block.left and block.right):
            out.append(None)
            continue
        joined = len(block.left) > 1 or len(block.right) > 1
        if joined:
            a, b = joined_forms(0, block.left), joined_forms(1, block.right)
        else:
            a, b = left_forms[block.left[0]], right_forms[block.right[0]]
        out.append(
            evidence(
                a,
                b,
                block.similarity,
                supported=supported[k],
                moved=block.moved,
                joined=joined,
                meaning=getattr(block, "meaning", None),
            )
        )
    return out
