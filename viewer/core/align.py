"""Sentence alignment: which source sentences became which rewrite sentences.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.normalize``.
Must not import: Qt.

The pipeline is lexical and never compares all pairs:
1. every sentence becomes a TF-IDF vector of content stems, stem bigrams and numbers, IDF taken
   over the two documents (so words common to this story weigh little);
2. a sentence whose normalised text occurs once on each side is linked at once; for the others,
   candidates come from an inverted index over their rarest terms (a document-frequency cap
   drops words that are everywhere), the top few both ways;
3. the main reading order is the heaviest monotone chain of candidate links (a weighted longest
   increasing subsequence) among pairs that score near the best of each of their sentences,
   less its weak links that stand alone;
4. sentences left over are paired globally, strongest first; a pair that does not fit the
   reading order so far is a move and needs a higher score; a lone sentence facing a lone
   sentence between two links needs a lower one;
5. each link grows by unlinked neighbours that are mostly found on the other side and explain a
   clear share of it that the link did not (splits and merges), repeatedly, so a sentence split
   in three, or two sentences merged and split again, come out as one group.
Every sentence ends in at most one group; groups become the linked blocks.

Each step is one function, with its own inputs and outputs: ``term_vectors`` (1),
``candidate_scores`` (2), ``reading_order`` (3), ``pair_leftovers`` (4) and ``grow_groups`` (5).
``align_steps`` runs them in turn as one generator (progress, and a chance to cancel, every few
milliseconds), then scores the groups and frees its search structures a batch at a time.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Protocol

from viewer.core.model import Progress
from viewer.core.normalize import SentenceForms

CANDIDATES_PER_SENTENCE = 5
CANDIDATES_PER_SENTENCE_LONG = 3  # long documents: fewer, to bound the work per sentence
LONG_DOCUMENT_SENTENCES = 2000  # both sides together
DF_CAP_SHARE = 0.05  # terms in more than this share of all sentences do not index candidates
DF_CAP_MIN = 12  # ... but short documents keep their words
DF_CAP_MAX = 40  # ... and long ones index only words rare enough to be worth a lookup
QUERY_TERMS = 6  # rarest terms of a sentence looked up in the index
QUERY_TERMS_LONG = 4  # ... in long documents
BIGRAM_WEIGHT = 0.6  # a shared bigram is strong evidence, yet paraphrase breaks most of them
NUMBER_BOOST = 1.5  # numbers name facts: sharing one says more than sharing a word of same IDF
LINK_MIN = 0.17  # cosine below which a pair is not a link, in reading order
MOVE_MIN = 0.32  # out of order needs more evidence than in order
GAP_MIN = 0.1  # ... but sentences in a small gap between two links need only this much
GAP_MAX = 3  # sentences on each side of such a gap
RIVAL_SHARE = 0.5  # a chain link must score at least this share of each side's best candidate
BOILERPLATE_MIN = 0.6  # page furniture is linked only when it really matches
ATTACH_CONTAINED = 0.22  # IDF-weighted share of a neighbour's words found on the other side
ATTACH_GAIN = 0.08  # ... and share of the other side's words it newly explains
EXACT_PAIRS_MAX = 64  # above this many same-text pairs, repeats are paired in order
PROGRESS_EVERY = 64  # sentences between progress reports (and cancel checks by the caller)


Bag = dict[str, int]
"""How often each term occurs in a sentence."""


@dataclass(frozen=True)
class Group:
    """Source and rewrite sentences linked together; ``moved`` when out of the main order."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float
    moved: bool


class _Vectors:
    """TF-IDF vectors of one document's sentences (built on first use), and of joined ones."""

    def __init__(self, bags: list[Bag], idf: dict[str, float]):
        self.bags = bags
        self.idf = idf
        self.cache: list[dict[str, float] | None] = [None] * len(bags)

    def __getitem__(self, index: int) -> dict[str, float]:
        vector = self.cache[index]
        if vector is None:
            vector = self.cache[index] = self.vector(self.bags[index])
        return vector

    def vector(self, bag: Bag) -> dict[str, float]:
        idf = self.idf
        log = math.log
        weights = [
            idf[term] if count == 1 else (1.0 + log(count)) * idf[term]
            for term, count in bag.items()
        ]
        norm = math.sqrt(sum([w * w for w in weights]))
        scale = 1.0 / norm if norm else 0.0
        return {term: w * scale for term, w in zip(bag, weights, strict=True)}

    def joined(self, indices: Sequence[int]) -> dict[str, float]:
        if len(indices) == 1:
            return self[indices[0]]
        bag: Counter[str] = Counter()
        for index in indices:
            bag.update(self.bags[index])
        return self.vector(bag)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # Sentences share few terms: intersecting the key views (in C) beats a lookup per term.
    # fsum is exact, so the set's hash-dependent order cannot change the result.
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])


def _bag(forms: SentenceForms) -> Bag:
    content = forms.content
    terms = list(content)
    terms += map(" ".join, itertools.pairwise(content))
    terms += ["#" + number for number in sorted(forms.numbers)]
    bag = dict.fromkeys(terms, 1)
    # Most sentences hold each term once; the others are counted (a pass in C either way).
    return bag if len(bag) == len(terms) else Counter(terms)


def _idf(df: Counter[str], sentences: int) -> dict[str, float]:
    """IDF weight of every term, from its document frequency (in how many sentences)."""
    total = sentences + 1
    # Few distinct counts among many terms: one logarithm per count.
    weight_of = {count: math.log(total / count) + 1.0 for count in set(df.values())}
    idf = {}
    for term, count in df.items():
        weight = weight_of[count]
        if " " in term:
            weight *= BIGRAM_WEIGHT
        elif term[0] == "#":
            weight *= NUMBER_BOOST
        idf[term] = weight
    return idf


def _top_candidates(
    queries: _Vectors,
    targets: _Vectors,
    rarity: dict[str, int],
    skip: set[int],
    skip_targets: set[int],
    found: set[tuple[int, int]],
    flip: bool,
    keep: int,
    lookups: int,
) -> Generator[int, None, None]:
    """Adds each query's best targets to ``found``; yields now and then so work can stop.

    Only a query's rarest informative terms are looked up: they are what identifies its
    counterpart, and they keep the work per sentence bounded on long documents. ``rarity`` ranks
    the informative terms, rarest first.
    """
    index: dict[str, list[tuple[int, float]]] = {}
    for j in range(len(targets.bags)):
        if j % (PROGRESS_EVERY * 4) == 0:
            yield 0
        if j in skip_targets:
            continue
        for term, weight in targets[j].items():
            if term in rarity:
                index.setdefault(term, []).append((j, weight))
    for i in range(len(queries.bags)):
        if i % PROGRESS_EVERY == 0:
            yield i
        if i in skip:
            continue
        vector = queries[i]
        terms = sorted(filter(index.__contains__, vector), key=rarity.__getitem__)[:lookups]
        scores: dict[int, float] = {}
        for term in terms:
            weight = vector[term]
            for j, other in index[term]:
                scores[j] = scores.get(j, 0.0) + weight * other
        if not scores:
            continue
        # Best first; ties keep the index's order (stable sort), which is deterministic.
        best = (
            sorted(scores, key=scores.__getitem__, reverse=True)[:keep]
            if len(scores) > keep
            else scores
        )
        if flip:
            found.update([(j, i) for j in best])
        else:
            found.update([(i, j) for j in best])


def _heaviest_chain(
    pairs: list[tuple[int, int, float]], right_count: int
) -> list[tuple[int, int, float]]:
    """The set of pairs, increasing on both sides, whose total weight is largest."""
    # Same left index: larger right first, so one source sentence never takes two chain links.
    ordered = sorted(pairs, key=lambda p: (p[0], -p[1]))
    size = right_count + 1
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best_score = [0.0] * len(ordered)
    previous = [-1] * len(ordered)
    for position, (_, j, weight) in enumerate(ordered):
        # Prefix maximum over right indices below j (Fenwick tree, 1-based).
        value, holder, k = 0.0, -1, j
        while k > 0:
            if tree_value[k] > value:
                value, holder = tree_value[k], tree_index[k]
            k -= k & -k
        best_score[position] = value + weight
        previous[position] = holder
        k = j + 1
        while k <= size:
            if best_score[position] > tree_value[k]:
                tree_value[k], tree_index[k] = best_score[position], position
            k += k & -k
    if not ordered:
        return []
    end = max(range(len(ordered)), key=lambda p: (best_score[p], -p))
    chain = []
    while end >= 0:
        chain.append(ordered[end])
        end = previous[end]
    chain.reverse()
    return chain


def _without_lone_weak_links(chain: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The chain without its weak links (below ``MOVE_MIN``) that have no chain neighbour within
    ``GAP_MAX`` sentences on both sides.

    In two outlets' independent reports of one event, a few loosely related pairs can outweigh
    the one real link they cross and so decide the reading order; a weak link earns that say
    only in the company of another. The links dropped here compete again with all the others,
    strongest first.
    """
    kept = []
    for k, (i, j, score) in enumerate(chain):
        if score < MOVE_MIN:
            neighbours = [chain[m] for m in (k - 1, k + 1) if 0 <= m < len(chain)]
            if not any(abs(i - a) <= GAP_MAX and abs(j - b) <= GAP_MAX for a, b, _ in neighbours):
                continue
        kept.append((i, j, score))
    return kept


@dataclass
class Terms:
    """Step 1: the two documents' term bags, document frequencies, IDF weights and vectors."""

    df: Counter[str]
    idf: dict[str, float]
    left: _Vectors
    right: _Vectors


@dataclass
class Links:
    """Step 4: every link, with its score, and those of them that are moves."""

    scores: dict[tuple[int, int], float]
    moved: set[tuple[int, int]]


@dataclass
class GrownGroup:
    """Step 5: a link and the neighbours it grew by (unsorted), before it is scored."""

    left: list[int]
    right: list[int]
    moved: bool


Link = tuple[int, int, float]
"""A source sentence, a rewrite sentence and their score."""


def align_steps(
    left: Sequence[SentenceForms],
    right: Sequence[SentenceForms],
    left_boilerplate: frozenset[int] = frozenset(),
    right_boilerplate: frozenset[int] = frozenset(),
) -> Generator[Progress, None, list[Group]]:
    """Yields ``Progress("aligning", ...)`` and returns the groups in no particular order.

    Runs the five steps of the module docstring, each its own function, then frees the search
    structures a few at a time (see ``_release_gradually``).
    """
    total = len(left) + len(right)
    terms = yield from term_vectors(left, right)
    scores = yield from candidate_scores(left, right, terms, left_boilerplate, right_boilerplate)
    yield Progress("aligning", total * 3 // 4, total)
    chain = reading_order(scores, len(right))
    yield Progress("aligning", total * 3 // 4, total)
    links = pair_leftovers(chain, scores, terms, left_boilerplate, right_boilerplate)
    unigrams = _Unigrams(terms)
    grown = yield from grow_groups(
        links, left, right, unigrams, left_boilerplate, right_boilerplate
    )
    yield Progress("aligning", total, total)
    groups = yield from scored_groups(grown, left, right, terms)
    yield from _release_gradually(
        total,
        [
            [scores, links.scores],
            [unigrams.left, unigrams.right],
            [terms.df, terms.idf, terms.left.cache, terms.right.cache],
            [terms.left.bags, terms.right.bags],
        ],
    )
    return groups


def term_vectors(
    left: Sequence[SentenceForms], right: Sequence[SentenceForms]
) -> Generator[Progress, None, Terms]:
    """Step 1: every sentence's bag of terms, and TF-IDF vectors over the two documents."""
    total = len(left) + len(right)
    bags_left: list[Bag] = []
    bags_right: list[Bag] = []
    known: dict[str, Bag] = {}  # same normalised text, same bag (never modified)

    def bag_of(forms: SentenceForms) -> Bag:
        bag = known.get(forms.key)
        if bag is None:
            bag = known[forms.key] = _bag(forms)
        return bag

    for bags, side in ((bags_left, left), (bags_right, right)):
        for start in range(0, len(side), PROGRESS_EVERY * 8):
            bags.extend(map(bag_of, side[start : start + PROGRESS_EVERY * 8]))
            yield Progress("aligning", 0, total)
    known.clear()
    df: Counter[str] = Counter()
    all_bags = bags_left + bags_right
    for start in range(0, len(all_bags), PROGRESS_EVERY * 16):
        df.update(itertools.chain.from_iterable(all_bags[start : start + PROGRESS_EVERY * 16]))
        yield Progress("aligning", 0, total)
    idf = _idf(df, len(all_bags))
    terms = Terms(df, idf, _Vectors(bags_left, idf), _Vectors(bags_right, idf))
    yield Progress("aligning", 0, total)
    return terms


def exact_links(
    left: Sequence[SentenceForms], right: Sequence[SentenceForms]
) -> tuple[dict[tuple[int, int], float], set[int], set[int]]:
    """Step 2, first half: pairs of the same normalised text (score 1), and the sentences whose
    text occurs once on each side, which need no search (nothing can beat such a pair).

    Same normalised text is a link whatever the vectors say (it also catches sentences made only
    of stop words).
    """
    keys_left: dict[str, list[int]] = {}
    keys_right: dict[str, list[int]] = {}
    for i, forms in enumerate(left):
        if forms.key:
            keys_left.setdefault(forms.key, []).append(i)
    for j, forms in enumerate(right):
        if forms.key:
            keys_right.setdefault(forms.key, []).append(j)
    exact: dict[tuple[int, int], float] = {}
    settled_left: set[int] = set()
    settled_right: set[int] = set()
    for key, lefts in keys_left.items():
        rights = keys_right.get(key, [])
        if len(lefts) == 1 and len(rights) == 1:
            settled_left.add(lefts[0])
            settled_right.add(rights[0])
        if len(lefts) * len(rights) <= EXACT_PAIRS_MAX:
            exact.update(((i, j), 1.0) for i in lefts for j in rights)
        else:
            # A line repeated many times ("Advertisement"): pair occurrences in order.
            exact.update(((i, j), 1.0) for i, j in zip(lefts, rights, strict=False))
    return exact, settled_left, settled_right


def term_rarity(df: Counter[str], sentences: int) -> dict[str, int]:
    """The rank of every term that may index candidates, rarest first; ties by the term itself:
    a total order, whatever the dictionaries' order. Terms in too many sentences are left out."""
    df_cap = max(DF_CAP_MIN, min(DF_CAP_MAX, DF_CAP_SHARE * sentences))
    by_count: dict[int, list[str]] = {}
    for term, count in df.items():
        if count <= df_cap:
            by_count.setdefault(count, []).append(term)
    rarity: dict[str, int] = {}
    for count in sorted(by_count):
        rarity.update(zip(sorted(by_count[count]), itertools.count(len(rarity))))
    return rarity


def candidate_scores(
    left: Sequence[SentenceForms],
    right: Sequence[SentenceForms],
    terms: Terms,
    left_boilerplate: frozenset[int],
    right_boilerplate: frozenset[int],
) -> Generator[Progress, None, dict[tuple[int, int], float]]:
    """Step 2: the score of every candidate pair that is a link at all (``LINK_MIN``, or
    ``BOILERPLATE_MIN`` for page furniture): exact pairs, and each sentence's top few both ways
    found through an inverted index over its rarest terms."""
    n_left, n_right = len(left), len(right)
    total = n_left + n_right
    exact, settled_left, settled_right = exact_links(left, right)
    yield Progress("aligning", 0, total)
    rarity = term_rarity(terms.df, total)
    found: set[tuple[int, int]] = set()
    long_documents = total >= LONG_DOCUMENT_SENTENCES
    keep = CANDIDATES_PER_SENTENCE_LONG if long_documents else CANDIDATES_PER_SENTENCE
    lookups = QUERY_TERMS_LONG if long_documents else QUERY_TERMS
    for done in _top_candidates(
        terms.left, terms.right, rarity, settled_left, settled_right, found, False, keep, lookups
    ):
        yield Progress("aligning", done // 2, total)
    for done in _top_candidates(
        terms.right, terms.left, rarity, settled_right, settled_left, found, True, keep, lookups
    ):
        yield Progress("aligning", (n_left + done) // 2, total)

    scores: dict[tuple[int, int], float] = {}
    for n, (i, j) in enumerate(sorted(found)):
        if n % (PROGRESS_EVERY * 8) == 0:
            yield Progress("aligning", total // 2 + n * total // (4 * max(1, len(found))), total)
        score = cosine(terms.left[i], terms.right[j])
        floor = BOILERPLATE_MIN if (i in left_boilerplate or j in right_boilerplate) else LINK_MIN
        if score >= floor:
            scores[(i, j)] = min(1.0, score)
    scores.update(exact)
    return scores


def reading_order(scores: dict[tuple[int, int], float], right_count: int) -> list[Link]:
    """Step 3: the heaviest monotone chain of the pairs that score near the best of each of
    their two sentences (``RIVAL_SHARE``), less its lone weak links."""
    best_left: dict[int, float] = {}
    best_right: dict[int, float] = {}
    for (i, j), score in scores.items():
        if score > best_left.get(i, 0.0):
            best_left[i] = score
        if score > best_right.get(j, 0.0):
            best_right[j] = score
    # The chain's Fenwick tree is 1-based: the indices go up by one, and back down after.
    contenders = [
        (i + 1, j + 1, score)
        for (i, j), score in sorted(scores.items())
        if score >= RIVAL_SHARE * max(best_left[i], best_right[j])
    ]
    chain = [(i - 1, j - 1, score) for i, j, score in _heaviest_chain(contenders, right_count)]
    return _without_lone_weak_links(chain)


def pair_leftovers(
    chain: list[Link],
    scores: dict[tuple[int, int], float],
    terms: Terms,
    left_boilerplate: frozenset[int],
    right_boilerplate: frozenset[int],
) -> Links:
    """Step 4: the chain, then the other pairs strongest first (a pair out of the reading order
    is a move and needs ``MOVE_MIN``), then a few sentences facing a few in a gap between links
    (``GAP_MIN``)."""
    n_left, n_right = len(terms.left.bags), len(terms.right.bags)
    links = Links({(i, j): score for i, j, score in chain}, set())
    link_left: dict[int, int] = {i: j for i, j, _ in chain}
    link_right: dict[int, int] = {j: i for i, j, _ in chain}
    chain_lefts = [i for i, _, _ in chain]
    chain_rights = [j for _, j, _ in chain]
    strongest_first = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    for (i, j), score in strongest_first:
        if i in link_left or j in link_right:
            continue
        position = bisect.bisect_left(chain_lefts, i)
        lower = chain_rights[position - 1] if position else -1
        upper = chain_rights[position] if position < len(chain_rights) else n_right
        in_order = lower < j < upper
        if score < (LINK_MIN if in_order else MOVE_MIN):
            continue
        link_left[i], link_right[j] = j, i
        links.scores[(i, j)] = score
        if not in_order:
            links.moved.add((i, j))
        else:  # the reading order now runs through this link too
            chain_lefts.insert(position, i)
            chain_rights.insert(position, j)
    for i, j, score in gap_links(
        links, link_left, link_right, terms, left_boilerplate, right_boilerplate, n_left, n_right
    ):
        links.scores[(i, j)] = score
    return links


def gap_links(
    links: Links,
    link_left: dict[int, int],
    link_right: dict[int, int],
    terms: Terms,
    left_boilerplate: frozenset[int],
    right_boilerplate: frozenset[int],
    n_left: int,
    n_right: int,
) -> list[Link]:
    """Step 4, second half: the links found in small gaps; ``link_left`` and ``link_right``
    (each sentence's counterpart) are updated as they are found.

    Between two links in order (or a link and the start or end), a few sentences facing a few
    sentences are most likely each other's counterparts even with few shared words (a reworded
    quote): they are linked in order at a lower score.
    """
    in_order = sorted(pair for pair in links.scores if pair not in links.moved)
    ordered_links = [(-1, -1), *in_order, (n_left, n_right)]
    found: list[Link] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(ordered_links):
        if not (0 < i1 - i0 - 1 <= GAP_MAX and 0 < j1 - j0 - 1 <= GAP_MAX) or j1 <= j0:
            continue
        gap_pairs = []
        for i in range(i0 + 1, i1):
            for j in range(j0 + 1, j1):
                if (
                    i in link_left
                    or j in link_right
                    or i in left_boilerplate
                    or j in right_boilerplate
                ):
                    continue
                score = cosine(terms.left[i], terms.right[j])
                if score >= GAP_MIN:
                    gap_pairs.append((i + 1, j + 1, score))
        for i, j, score in _heaviest_chain(gap_pairs, n_right):
            link_left[i - 1], link_right[j - 1] = j - 1, i - 1
            found.append((i - 1, j - 1, score))
    return found


class _Unigrams:
    """The single-word terms of sentences (cached: a sentence is asked about again and again as
    its group grows), and their IDF mass."""

    def __init__(self, terms: Terms):
        self.terms = terms
        self.left: dict[int, frozenset[str]] = {}
        self.right: dict[int, frozenset[str]] = {}

    def of(self, on_left: bool, indices: Sequence[int]) -> set[str]:
        cache, bags = (
            (self.left, self.terms.left.bags) if on_left else (self.right, self.terms.right.bags)
        )
        found: set[str] = set()
        for index in indices:
            unigrams = cache.get(index)
            if unigrams is None:
                unigrams = cache[index] = frozenset([t for t in bags[index] if " " not in t])
            found |= unigrams
        return found

    def weight(self, terms: set[str]) -> float:
        idf = self.terms.idf
        return math.fsum([idf[t] for t in terms])  # exact: set order must not matter


def _attach(
    unigrams: _Unigrams,
    on_left: bool,
    members: list[int],
    others: list[int],
    owners: dict[int, int],
    limit: int,
    boilerplate: frozenset[int],
) -> bool:
    """Grows ``members`` (sentences of one side) by their free neighbours; True if it grew.

    A neighbour joins when most of it is found on the other side (``others``) and it explains a
    clear share of the other side that the members do not: the two halves of a split.
    """
    other_terms: set[str] | None = None  # worked out once a neighbour is free to join: rarely
    other_weight = 0.0
    covered: set[str] = set()
    grown = False
    for step in (-1, 1):
        edge = (min(members) if step < 0 else max(members)) + step
        while 0 <= edge < limit and edge not in owners and edge not in boilerplate:
            if other_terms is None:
                other_terms = unigrams.of(not on_left, others)
                other_weight = unigrams.weight(other_terms) or 1.0
                covered = other_terms & unigrams.of(on_left, members)
            own = unigrams.of(on_left, (edge,))
            if not own or unigrams.weight(own & other_terms) < ATTACH_CONTAINED * unigrams.weight(
                own
            ):
                break
            newly = (own & other_terms) - covered
            if unigrams.weight(newly) < ATTACH_GAIN * other_weight:
                break
            members.append(edge)
            covered |= newly
            grown = True
            edge += step
    return grown


def grow_groups(
    links: Links,
    left: Sequence[SentenceForms],
    right: Sequence[SentenceForms],
    unigrams: _Unigrams,
    left_boilerplate: frozenset[int],
    right_boilerplate: frozenset[int],
) -> Generator[Progress, None, list[GrownGroup]]:
    """Step 5: each link starts a group, in order; groups grow by unlinked neighbours (splits
    and merges), the rewrite side first, until neither side grows."""
    n_left, n_right = len(left), len(right)
    total = n_left + n_right
    groups: list[GrownGroup] = []
    owner_left: dict[int, int] = {}
    owner_right: dict[int, int] = {}
    for number, (i, j) in enumerate(sorted(links.scores)):
        groups.append(GrownGroup([i], [j], (i, j) in links.moved))
        owner_left[i] = number
        owner_right[j] = number
    for number, group in enumerate(groups):
        if number % PROGRESS_EVERY == 0:
            yield Progress("aligning", total * 3 // 4 + number * total // (4 * len(groups)), total)
        lefts, rights = group.left, group.right
        if left[lefts[0]].key == right[rights[0]].key:
            continue  # an identical pair leaves nothing for a neighbour to explain
        changed = True
        while changed:
            changed = _attach(
                unigrams, False, rights, lefts, owner_right, n_right, right_boilerplate
            )
            for j in rights:
                owner_right[j] = number
            grown_left = _attach(
                unigrams, True, lefts, rights, owner_left, n_left, left_boilerplate
            )
            for i in lefts:
                owner_left[i] = number
            changed = changed or grown_left
    return groups


def scored_groups(
    grown: list[GrownGroup],
    left: Sequence[SentenceForms],
    right: Sequence[SentenceForms],
    terms: Terms,
) -> Generator[Progress, None, list[Group]]:
    """The groups, each side in order, scored by the cosine of their joined sentences."""
    total = len(left) + len(right)
    result = []
    for number, group in enumerate(grown):
        if number % (PROGRESS_EVERY * 8) == 0:
            yield Progress("aligning", total, total)
        lefts, rights = sorted(group.left), sorted(group.right)
        if len(lefts) == len(rights) == 1 and left[lefts[0]].key == right[rights[0]].key:
            score = 1.0
        else:
            score = cosine(terms.left.joined(lefts), terms.right.joined(rights))
        result.append(Group(tuple(lefts), tuple(rights), min(1.0, max(0.0, score)), group.moved))
    return result


class _Emptiable(Protocol):
    def clear(self) -> None: ...


def _release_gradually(
    total: int, batches: list[list[_Emptiable]]
) -> Generator[Progress, None, None]:
    """Empties the search structures one batch at a time, with a yield after each.

    Freed all at once when the generator ends, the search structures of a book-length pair cost
    tens of milliseconds of C work with the GIL held: a stall for a window waiting on another
    thread. Emptied a batch at a time, each stall is short, and the caller's thread (which turns
    the collector back on and may freeze what is left, see ``viewer.core.collector``) runs in
    between. Containers are emptied rather than dropped, so a reference held elsewhere in the
    aligner cannot keep them whole until the end.
    """
    for batch in batches:
        for container in batch:
            container.clear()
        yield Progress("aligning", total, total)
