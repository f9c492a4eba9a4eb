"""Constructed article pairs of known nature, for calibrating link confidence and the verdict.

May import: the standard library and ``synthetic`` (this folder). Used by
``tools/calibrate_confidence.py``, ``bench_quality.py`` and the engine tests; never by the app.

Four natures, in the spirit of the METER corpus's classes for journalism:
- ``copy``: a copy with edits (``synthetic.story``: kept, lightly edited, a few paraphrased,
  split, merged, moved, dropped and added sentences) — wholly derived;
- ``spun``: a spun copy: every sentence reworded (synonyms, clause swaps, reported speech) and
  a share of new sentences — wholly or partially derived;
- ``apart``: two reports of one event written apart, built from the MSRP corpus: stories are
  MSRP pairs that share a name (a company, a person, a place), so every sentence is on the
  topic; a few pairs whose two sentences share little wording are carried over (the same
  facts in other words), the rest of each side is its own (the other side does not have it);
- ``unrelated``: two articles of different stories (MSRP stories with different names).

The same ``seed`` always gives the same pairs. MSRP is read from ``../shared/data/msrp/``
(research data under Microsoft's licence: read, never copied into the project).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import synthetic

MSRP_PATH = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "msrp"
) / "msr_paraphrase_train.txt"
NATURES = ("copy", "spun", "apart", "unrelated")
RETOLD = 0.7  # ... and below which a paraphrase pair is a fact retold, not copied
DECOYS = 3  # sentences of each side that face a sentence about something else
SHARED_MIN = 3  # facts two reports written apart have in common, at least
NEAR_COPY = 0.5  # share of words two sentences of different pairs of a story may share

_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{3,})\b")
_GENERIC = (
    "The This That They There Their These Those When While With What Where Which After "
    "Before Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April June July August September October November December Reuters Associated Press "
    "American Americans United States Street Wall York News Inc Corp Group Company Mr Mrs "
    "President Friday's Government National International Internet Department Federal House "
    "Senate Court"
)
_GENERIC_NAMES = frozenset(_GENERIC.split())


@dataclass
class ConstructedPair:
    """A source and a rewrite as sentence lists, the true links, and what the pair is."""

    nature: str
    left: list[str]
    right: list[str]
    links: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class MsrpPair:
    quality: int
    first: str
    second: str


def read_msrp(path: Path = MSRP_PATH) -> list[MsrpPair]:
    """The corpus's pairs; raises FileNotFoundError when it is absent."""
    pairs = []
    with open(path, encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            quality, _, _, first, second = line.rstrip("\n").split("\t")
            pairs.append(MsrpPair(int(quality), first.strip(), second.strip()))
    return pairs


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def wording_overlap(pair: MsrpPair) -> float:
    """Share of the smaller side's longer words found on the other side (a rough measure)."""
    a, b = _words(pair.first), _words(pair.second)
    return len(a & b) / max(1, min(len(a), len(b)))


def msrp_stories(pairs: list[MsrpPair], min_size: int = 10) -> list[list[MsrpPair]]:
    """MSRP pairs grouped by a name both sentences mention; each pair in one story at most."""
    by_name: dict[str, list[int]] = {}
    for number, pair in enumerate(pairs):
        shared = set(_NAME_RE.findall(pair.first)) & set(_NAME_RE.findall(pair.second))
        for name in sorted(shared - _GENERIC_NAMES):
            by_name.setdefault(name, []).append(number)
    used: set[int] = set()
    stories = []
    for name in sorted(by_name, key=lambda n: (-len(by_name[n]), n)):
        members: list[int] = []
        kept_words: list[set[str]] = []
        for n in by_name[name]:
            if n in used:
                continue
            # MSRP pairs the same sentence with several others, and a story's sentences may be
            # near copies: such a pair would make a "true" link look wrong. One of each.
            own = [_words(pairs[n].first), _words(pairs[n].second)]
            if any(
                len(a & b) > NEAR_COPY * max(1, min(len(a), len(b)))
                for a in own
                for b in kept_words
            ):
                continue
            members.append(n)
            kept_words.extend(own)
        if len(members) >= min_size:
            used.update(members)
            stories.append([pairs[n] for n in members])
    return stories


def _lightly_shuffled(rng: random.Random, items: list, swaps: int) -> list:
    items = list(items)
    for _ in range(swaps):
        if len(items) > 1:
            k = rng.randrange(len(items) - 1)
            items[k], items[k + 1] = items[k + 1], items[k]
    return items


def copy_pair(seed: int) -> ConstructedPair:
    """A copy with edits: one synthetic article and its rewrite."""
    story = synthetic.story(seed, 12)
    return ConstructedPair("copy", story.left, story.right, set(story.links))


def spun_pair(seed: int) -> ConstructedPair:
    """Every sentence reworded (as a spinner does), a few dropped, a few new ones added."""
    rng = random.Random(seed)
    story = synthetic.story(seed + 10_000, 12)
    extra = synthetic.story(seed + 20_000, 6).left  # the rewrite's own sentences
    right: list[str] = []
    links: set[tuple[int, int]] = set()
    for i, text in enumerate(story.left):
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped
        if roll < 0.25 and extra:
            right.append(extra.pop())
        spun = synthetic._paraphrase(rng, synthetic._swap_synonyms(rng, text, 4))
        links.add((i, len(right)))
        right.append(spun[0].upper() + spun[1:])
    return ConstructedPair("spun", story.left, right, links)


def apart_pair(seed: int, stories: list[list[MsrpPair]]) -> ConstructedPair:
    """Two reports of one story written apart: a few facts in common, told in other words.

    Besides the shared facts (MSRP paraphrases with little common wording: true links), each
    side tells some of the story on its own, and some sentences face a sentence of the other
    side at the same place that is about the same story but says something else, as two reports
    of one press
    conference quote different statements (a sentence of one MSRP pair facing a sentence of
    another pair of the story: no link).
    """
    rng = random.Random(seed)
    retold = [
        [p for p in story if p.quality == 1 and wording_overlap(p) < RETOLD] for story in stories
    ]
    usable = [k for k, found in enumerate(retold) if len(found) >= SHARED_MIN]
    story = stories[usable[seed % len(usable)]]
    shared = rng.sample(retold[usable[seed % len(usable)]], SHARED_MIN)
    others = [p for p in story if p not in shared]
    rng.shuffle(others)
    # Decoys: a sentence of one pair facing a sentence of another pair of the story, at the
    # same place: about the same story, saying something else.
    crossed = others[: 2 * DECOYS]
    rest = others[2 * DECOYS :][:10]
    half = len(rest) // 2
    left_only, right_only = rest[:half], rest[half:]
    facing = [(p.first, p.second, p) for p in shared] + [
        (x.first, y.second, x) for x, y in zip(crossed[::2], crossed[1::2], strict=False)
    ]
    left_items = [(first, p) for first, _, p in facing] + [(p.first, None) for p in left_only]
    right_items = [(second, p) for _, second, p in facing] + [(p.second, None) for p in right_only]
    rng.shuffle(left_items)
    order = {id(p): k for k, (_, p) in enumerate(left_items) if p is not None}
    right_items.sort(key=lambda item: order.get(id(item[1]), rng.randrange(len(left_items))))
    right_items = _lightly_shuffled(rng, right_items, 2)
    true_pairs = {id(p) for p in shared}
    links = set()
    for j, (_, p) in enumerate(right_items):
        if p is not None and id(p) in true_pairs:
            links.add((order[id(p)], j))
    return ConstructedPair("apart", [t for t, _ in left_items], [t for t, _ in right_items], links)


def unrelated_pair(seed: int, stories: list[list[MsrpPair]]) -> ConstructedPair:
    """Two articles of two different stories."""
    rng = random.Random(seed)
    first, second = rng.sample(range(len(stories)), 2)
    left = [p.first for p in rng.sample(stories[first], min(12, len(stories[first])))]
    right = [p.second for p in rng.sample(stories[second], min(12, len(stories[second])))]
    return ConstructedPair("unrelated", left, right, set())


def constructed_pairs(count: int, seed: int = 0) -> list[ConstructedPair]:
    """``count`` pairs of each nature (``apart`` and ``unrelated`` need the MSRP corpus)."""
    stories = msrp_stories(read_msrp())
    out = []
    for k in range(count):
        out.append(copy_pair(seed + k))
        out.append(spun_pair(seed + k))
        out.append(apart_pair(seed + k, stories))
        out.append(unrelated_pair(seed + k, stories))
    return out
