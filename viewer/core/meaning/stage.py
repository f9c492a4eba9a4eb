"""The last alignment stage: links by meaning among the sentences the lexical stages left.

May import: the standard library, ``viewer.core.model``, ``viewer.core.normalize``,
``viewer.core.classify`` (its date rule), ``viewer.core.speakers`` (who speaks) and ``numpy``
(inside the stage, which runs only with the ``semantic`` extra). Must not import: Qt, or the
lexical aligner (it works on its output).

Three moves, each on sentences no block holds yet (page furniture never takes part):
1. **gaps**: between two consecutive links of the reading order, the unplaced sentences of the
   two sides face each other; the heaviest in-order chain of pairs whose cosine reaches
   ``GAP_MIN`` is linked (context makes a modest similarity telling);
2. **splits and merges**: an unplaced sentence next to a linked block joins it when it means
   much the same as the block's other side (``ATTACH_MIN``) and nothing unplaced on the other
   side suits it better;
3. **elsewhere**: the remaining pairs that reach ``ELSEWHERE_MIN`` (near-certain paraphrases)
   are linked strongest first, as moves when they cross the reading order.
A pair whose figures or names disagree is never linked by meaning: an embedding sees "3 killed"
and "5 killed", or two speakers, as the same sentence. Thresholds were set on the MSRP training
split and constructed documents (``tools/calibrate_meaning.py``), never on the sample articles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from viewer.core.classify import DATE_PREFIXES
from viewer.core.model import Progress
from viewer.core.normalize import SentenceForms
from viewer.core.speakers import speakers

if TYPE_CHECKING:
    import numpy as np

GAP_MIN = 0.50  # cosine for a pair facing each other between two links
ELSEWHERE_MIN = 0.84  # cosine for a pair anywhere else
MUTUAL_MIN = 0.70  # ... or for two sentences that are each other's best unplaced match
ATTACH_MIN = 0.55  # cosine of a neighbour with a block's other side, to try joining it
ATTACH_GAIN = 0.08  # ... and how much closer the joined side must then come to the other side
GAP_MAX = 12  # sentences on a side of a gap for the gap rule; larger gaps are "elsewhere"
EMBED_ALL_MAX = 400  # up to this many sentences (both sides) every one is embedded, so every
# linked block gets its meaning similarity; above it only the unplaced ones
MAX_SENTENCES = 1000  # more sentences to embed than this and the stage is skipped, with a note
PHASE = "matching by meaning"

# A clock time ("1:55 p.m.", "9.55am", "0855 GMT"): the same moment is often given in two time
# zones, so times are no evidence of different facts.
_CLOCK_RE = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b(\d{1,2})[:.h](\d{2})\b"
    r"|\b(\d{4})\s*(?:gmt|utc|bst|cet|est|edt|pst|pdt|msk)\b",
    re.IGNORECASE,
)


@dataclass
class Group:
    """A linked block as the stage sees it: mutable while neighbours join it."""

    left: list[int]
    right: list[int]
    moved: bool
    identical: bool = False
    changed: bool = False  # created or grown by this stage
    by_meaning: bool = False  # created by this stage


@dataclass
class StageResult:
    """The groups after the stage, each group's meaning similarity, and a note when skipped."""

    groups: list[Group]
    meaning: dict[int, float] = field(default_factory=dict)  # id(group) -> cosine
    note: str = ""


def _figures(forms: SentenceForms) -> frozenset[str]:
    """The sentence's figures that can contradict another's: clock times left out."""
    if not forms.numbers:
        return forms.numbers
    clock: set[str] = set()
    for match in _CLOCK_RE.finditer(forms.folded):
        for part in match.groups():
            if part:
                clock.add(part.lstrip("0") or "0")
                clock.add(part)
        hour, minute = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if hour and minute:
            clock.update({f"{hour}:{minute}", f"{hour}.{minute}"})
    return frozenset(n for n in forms.numbers if n not in clock and ":" not in n.partition(":")[2])


def facts_disagree(a: SentenceForms, b: SentenceForms) -> bool:
    """True when two sentences cannot say the same thing, whatever their embeddings say.

    - a date of the same kind was replaced (Tuesday by Wednesday, June by July);
    - both carry figures (clock times and dates aside) and share none ("3 killed" / "5 killed");
    - both say who speaks ("Shipenko said", "according to Peresild") and no speaker is shared.
    A figure or name on one side only is no disagreement: rewrites drop and add detail. Other
    names are no evidence either way: two outlets name different places, agencies and craft in
    sentences that report one fact.
    """
    figures_a, figures_b = _figures(a), _figures(b)
    plain_a = {n for n in figures_a if not n.startswith(DATE_PREFIXES)}
    plain_b = {n for n in figures_b if not n.startswith(DATE_PREFIXES)}
    if plain_a and plain_b and not plain_a & plain_b:
        return True
    only_a, only_b = figures_a - figures_b, figures_b - figures_a
    kinds_a = {n.partition(":")[0] for n in only_a if n.startswith(DATE_PREFIXES)}
    kinds_b = {n.partition(":")[0] for n in only_b if n.startswith(DATE_PREFIXES)}
    if kinds_a & kinds_b:
        return True
    speakers_a, speakers_b = speakers(a.folded), speakers(b.folded)
    return bool(speakers_a and speakers_b and not speakers_a & speakers_b)


def _heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The pairs, increasing on both sides, of largest total weight (small inputs: O(n^2))."""
    ordered = sorted(pairs)
    best = [w for _, _, w in ordered]
    previous = [-1] * len(ordered)
    for k, (i, j, w) in enumerate(ordered):
        for m in range(k):
            a, b, _ = ordered[m]
            if a < i and b < j and best[m] + w > best[k]:
                best[k], previous[k] = best[m] + w, m
    if not ordered:
        return []
    end = max(range(len(ordered)), key=lambda k: (best[k], -k))
    chain = []
    while end >= 0:
        chain.append(ordered[end])
        end = previous[end]
    return chain[::-1]


def meaning_stage(
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    left_forms: Callable[[int], SentenceForms],
    right_forms: Callable[[int], SentenceForms],
    groups: list[Group],
    left_boilerplate: frozenset[int],
    right_boilerplate: frozenset[int],
    embed_steps: Callable[[list[str]], Generator[int, None, object]],
) -> Generator[Progress, None, StageResult]:
    """Yields progress while it embeds; returns the groups, grown and added to, with meanings.

    ``embed_steps`` maps texts to unit vectors (rows of a numpy array), yielding now and then.
    """
    import numpy as np

    n_left, n_right = len(left_texts), len(right_texts)
    owner_left = {i: g for g in groups for i in g.left}
    owner_right = {j: g for g in groups for j in g.right}
    free_left = [i for i in range(n_left) if i not in owner_left and i not in left_boilerplate]
    free_right = [j for j in range(n_right) if j not in owner_right and j not in right_boilerplate]
    if not groups and not (free_left and free_right):
        return StageResult(groups)

    # What to embed: everything in a short pair; in a long one only the unplaced sentences (so
    # the blocks they border cannot be grown by meaning: splits and merges are left lexical).
    countable = n_left + n_right - len(left_boilerplate) - len(right_boilerplate)
    embed_all = countable <= EMBED_ALL_MAX
    wanted_left: set[int] = set(free_left)
    wanted_right: set[int] = set(free_right)
    if embed_all:
        for g in groups:
            if not g.identical:
                wanted_left.update(g.left)
                wanted_right.update(g.right)
    order_left, order_right = sorted(wanted_left), sorted(wanted_right)
    total = len(order_left) + len(order_right)
    if total > MAX_SENTENCES:
        return StageResult(
            groups,
            note=(
                f"Not matched by meaning: {total:,} sentences would need it, more than the "
                f"{MAX_SENTENCES:,} this pass takes on."
            ),
        )
    yield Progress(PHASE, 0, total)
    texts = [left_texts[i].strip() for i in order_left] + [
        right_texts[j].strip() for j in order_right
    ]
    steps = embed_steps(texts)
    while True:
        try:
            done = next(steps)
        except StopIteration as stop:
            vectors = stop.value
            break
        yield Progress(PHASE, done, total)
    vec_left = {i: vectors[k] for k, i in enumerate(order_left)}
    vec_right = {j: vectors[len(order_left) + k] for k, j in enumerate(order_right)}
    # Every free-to-free cosine in one matrix product; other pairs are few.
    row = {i: k for k, i in enumerate(free_left)}
    column = {j: k for k, j in enumerate(free_right)}
    dimensions = vectors.shape[1]
    left_matrix = np.array([vec_left[i] for i in free_left]).reshape(len(free_left), dimensions)
    right_matrix = np.array([vec_right[j] for j in free_right]).reshape(len(free_right), dimensions)
    free_cosines = left_matrix @ right_matrix.T

    def cos(i: int, j: int) -> float:
        r, c = row.get(i), column.get(j)
        if r is not None and c is not None:
            return float(free_cosines[r, c])
        return float(vec_left[i] @ vec_right[j])

    def disagree(i: int, j: int) -> bool:
        return facts_disagree(left_forms(i), right_forms(j))

    placed_left: set[int] = set()
    placed_right: set[int] = set()
    new_groups: list[Group] = []

    def link(i: int, j: int, moved: bool) -> None:
        g = Group([i], [j], moved, changed=True, by_meaning=True)
        new_groups.append(g)
        owner_left[i], owner_right[j] = g, g
        placed_left.add(i)
        placed_right.add(j)

    # 1. Gaps between consecutive links of the reading order.
    reading_order = sorted(
        (g for g in groups if not g.moved), key=lambda g: (min(g.left), min(g.right))
    )
    bounds = [(-1, -1)] + [(min(g.left), min(g.right)) for g in reading_order]
    bounds.append((n_left, n_right))
    ends = [(-1, -1)] + [(max(g.left), max(g.right)) for g in reading_order]
    ends.append((n_left, n_right))
    set_left, set_right = set(free_left), set(free_right)
    for k in range(len(reading_order) + 1):
        (i0, j0), (i1, j1) = ends[k], bounds[k + 1]
        if j1 <= j0 or i1 <= i0:
            continue
        lefts = [i for i in range(i0 + 1, i1) if i in set_left]
        rights = [j for j in range(j0 + 1, j1) if j in set_right]
        if not lefts or not rights or len(lefts) > GAP_MAX or len(rights) > GAP_MAX:
            continue
        pairs = [(i, j, cos(i, j)) for i in lefts for j in rights]
        pairs = [(i, j, c) for i, j, c in pairs if c >= GAP_MIN and not disagree(i, j)]
        for i, j, _ in _heaviest_chain(pairs):
            link(i, j, False)

    # 2. Splits and merges: a free neighbour joins a block that it means much the same as.
    best_left = _best_partner(free_cosines, free_left, free_right, placed_left, placed_right)
    best_right = _best_partner(free_cosines.T, free_right, free_left, placed_right, placed_left)
    candidates = []
    for side, free, owner, placed, best in (
        (0, free_left, owner_left, placed_left, best_left),
        (1, free_right, owner_right, placed_right, best_right),
    ):
        for index in free:
            if index in placed:
                continue
            for neighbour in (index - 1, index + 1):
                bordering = owner.get(neighbour)
                if bordering is None or bordering.identical or bordering.by_meaning:
                    continue
                others = bordering.right if side == 0 else bordering.left
                vecs = vec_right if side == 0 else vec_left
                if not all(o in vecs for o in others):
                    continue
                score = max(cos(index, o) if side == 0 else cos(o, index) for o in others)
                if score >= ATTACH_MIN and score >= best.get(index, 0.0):
                    candidates.append((score, side, index, neighbour))
    # A neighbour joins only when the joined side means the other side better than the block
    # did (the missing half of a split); a sentence that is merely on the same subject dilutes it.
    trials = []
    for score, side, index, neighbour in sorted(candidates, reverse=True):
        g = (owner_left if side == 0 else owner_right)[neighbour]
        members, others = (g.left, g.right) if side == 0 else (g.right, g.left)
        forms_same = left_forms if side == 0 else right_forms
        forms_other = right_forms if side == 0 else left_forms
        if any(facts_disagree(forms_same(index), forms_other(o)) for o in others):
            continue
        texts_same = left_texts if side == 0 else right_texts
        texts_other = right_texts if side == 0 else left_texts
        trials.append(
            (
                score,
                side,
                index,
                g,
                _join(texts_same, members),
                _join(texts_same, sorted([*members, index])),
                _join(texts_other, others),
            )
        )
    if trials:
        steps = embed_steps([t for trial in trials for t in trial[4:]])
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                trial_vectors = stop.value
                break
            yield Progress(PHASE, total, total)
        for k, (_, side, index, g, _, _, _) in enumerate(trials):
            owner, placed = (owner_left, placed_left) if side == 0 else (owner_right, placed_right)
            before, after, other = trial_vectors[3 * k : 3 * k + 3]
            if index in placed or owner.get(index) is not None:
                continue
            if float(after @ other) < float(before @ other) + ATTACH_GAIN:
                continue
            members = g.left if side == 0 else g.right
            if not (min(members) - 1 <= index <= max(members) + 1):
                continue  # the block grew the other way meanwhile
            members.append(index)
            members.sort()
            g.changed = True
            owner[index] = g
            placed.add(index)

    # 3. Elsewhere: near-certain paraphrases, strongest first, moves when out of order.
    rows, columns = np.nonzero(free_cosines >= ELSEWHERE_MIN)
    strong = [
        (float(free_cosines[r, c]), free_left[r], free_right[c])
        for r, c in zip(rows.tolist(), columns.tolist(), strict=True)
        if free_left[r] not in placed_left and free_right[c] not in placed_right
    ]
    chain = sorted((min(g.left), min(g.right)) for g in groups + new_groups if not g.moved)
    chain_lefts = [i for i, _ in chain]
    chain_rights = [j for _, j in chain]
    # ... and pairs of sentences that are each other's best match among the unplaced ones.
    free_rows = [r for r, i in enumerate(free_left) if i not in placed_left]
    free_columns = [c for c, j in enumerate(free_right) if j not in placed_right]
    if free_rows and free_columns:
        rest = free_cosines[np.ix_(free_rows, free_columns)]
        best_column = rest.argmax(axis=1)
        best_row = rest.argmax(axis=0)
        for r, c in enumerate(best_column.tolist()):
            score = float(rest[r, c])
            if best_row[c] == r and MUTUAL_MIN <= score < ELSEWHERE_MIN:
                strong.append((score, free_left[free_rows[r]], free_right[free_columns[c]]))
    for _, i, j in sorted(strong, key=lambda s: (-s[0], s[1], s[2])):
        if i in placed_left or j in placed_right or disagree(i, j):
            continue
        position = bisect.bisect_left(chain_lefts, i)
        lower = chain_rights[position - 1] if position else -1
        upper = chain_rights[position] if position < len(chain_rights) else n_right
        in_order = lower < j < upper
        link(i, j, not in_order)
        if in_order:
            chain_lefts.insert(position, i)
            chain_rights.insert(position, j)

    result = groups + new_groups
    meaning: dict[int, float] = {}
    joined: list[tuple[Group, str, str]] = []
    for g in result:
        if g.identical:
            meaning[id(g)] = 1.0
        elif not (all(i in vec_left for i in g.left) and all(j in vec_right for j in g.right)):
            continue
        elif len(g.left) == 1 and len(g.right) == 1:
            meaning[id(g)] = cos(g.left[0], g.right[0])
        else:
            joined.append(
                (
                    g,
                    " ".join(left_texts[i].strip() for i in g.left),
                    " ".join(right_texts[j].strip() for j in g.right),
                )
            )
    if joined:
        # A side of several sentences is embedded as the one text it reads as.
        steps = embed_steps([t for _, a, b in joined for t in (a, b)])
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                pairs_vectors = stop.value
                break
            yield Progress(PHASE, total, total)
        for k, (g, _, _) in enumerate(joined):
            meaning[id(g)] = float(pairs_vectors[2 * k] @ pairs_vectors[2 * k + 1])
    yield Progress(PHASE, total, total)
    return StageResult(result, meaning)


def _join(texts: Sequence[str], indices: Sequence[int]) -> str:
    return " ".join([texts[i].strip() for i in indices])


def _best_partner(
    cosines: np.ndarray,
    free: list[int],
    others: list[int],
    placed: set[int],
    placed_others: set[int],
) -> dict[int, float]:
    """Each free sentence's best cosine with a still-free sentence of the other side."""
    keep = [k for k, o in enumerate(others) if o not in placed_others]
    if not keep or not free:
        return {}
    best = cosines[:, keep].max(axis=1).tolist()
    return {index: best[k] for k, index in enumerate(free) if index not in placed}
