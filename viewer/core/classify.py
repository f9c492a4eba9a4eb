"""Names what happened to a linked block: identical, edited, paraphrase or partial.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.normalize`` /
``viewer.core.facts`` / ``viewer.core.classify_model`` / ``viewer.core.classify_weights``.
Must not import: Qt, or any machine-learning library: the "same meaning" model is a small
ensemble of gradient-boosted trees and a logistic regression, plus per-word weights, fitted on
the MSRP training split by ``tools/calibrate_classifier.py``; the trees and linear weights are
generated code in ``classify_model.py``, the word weights a data file that
``classify_weights.py`` reads once. Inference is a few lines of pure Python.

Identical needs the same words (case, punctuation and quote style aside). Otherwise the model
decides "same meaning" (MSRP's paraphrase judgement): a block that keeps its meaning is edited
when most words were kept in order (``EDITED_MIN_KEPT``), else paraphrase; one that does not is
partial. Kinds follow the facts: a pair with a fact change (``viewer.core.facts``: a figure,
date, name, negation, quotation or attribution changed) is partial whatever the model says,
as edited and paraphrase both mean "meaning kept"; a figure that is equal once normalised
("5 percent" / "5%") is no change.
Merged and split blocks (several sentences on a side) are partial by definition, unless their
joined text has the very same words (identical): a reader comparing sentence by sentence sees
content spread over other sentences, and the model, which learned from single sentences, is
not asked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from viewer.core import classify_model, classify_weights
from viewer.core.classify_weights import ModelDataError, WordWeights
from viewer.core.facts import fact_changes
from viewer.core.model import FactChange, Kind
from viewer.core.normalize import STOP_WORDS, SentenceForms, names

FEATURE_NAMES: tuple[str, ...] = (
    "p1_min",
    "p1_max",
    "p2_min",
    "p2_max",
    "p3_min",
    "p4_min",
    "content_min",
    "content_max",
    "length_ratio",
    "log_length_gap",
    "numbers_differ",
    "numbers_same",
    "numbers_nested",
    "names_unmatched_min",
    "names_unmatched_max",
    "char4_jaccard",
    "lcs_ratio",
    "extra_content_min",
    "extra_content_max",
    "prefix_p1_min",
    "prefix_p1_max",
    "log_total_length",
    "numbers_shared",
    "numbers_only_min",
    "numbers_only_max",
    "numbers_replaced",
    "numbers_one_sided",
    "negation_mismatch",
    "p3_max",
    "p4_max",
    "char4_contained_min",
    "char4_contained_max",
    "content_length_gap",
    "content_unmatched_min",
    "content_unmatched_max",
    "names_unmatched_count_min",
    "names_unmatched_count_max",
    "content_lcs_ratio",
    "unmatched_stop_share",
    "unmatched_words",
    "unmatched_weight_min",
    "unmatched_weight_max",
    "unmatched_weight_lowest",
    "unmatched_weight_total",
    "matched_weight_total",
    "matched_weight_lowest",
    "idf_shared_min",
    "idf_shared_max",
    "idf_unmatched_min",
    "idf_unmatched_max",
    "idf_content_shared_min",
    "idf_content_shared_max",
    "idf_rarest_unmatched_min",
    "idf_rarest_unmatched_max",
    "idf_cosine",
)

# The model's probability above which a block keeps its meaning. On MSRP (10-fold CV) the
# product's verdict scores 0.782 at 0.5, 0.776 at 0.55 and 0.769 at 0.6. MSRP's annotators are
# more lenient than some users, who want a dropped name or added detail called partial: on the
# seed articles' gold annotations the kind is right on 24 of 29 links at 0.5, 25 at 0.55 and
# 26 at 0.6. The larger and independent corpus decides.
SAME_MEANING_THRESHOLD = 0.5

# Edited means most words stayed put: the words kept in order (longest common subsequence) are
# at least this share of the two sides' words (Dice). Set from the seed gold annotations:
# their light edits keep 0.77-0.83, their paraphrases at most 0.70.
EDITED_MIN_KEPT = 0.75
# So little changed that the model is not asked: in MSRP, the model and the annotators agree
# that such pairs keep their meaning; skipping it saves most of the work on long, lightly
# edited documents.
EDITED_SURE_KEPT = 0.85
DATE_PREFIXES = ("day:", "month:", "when:")  # as normalize.py marks days, months and periods
PREFIX_CHARS = 5
NEGATIONS = frozenset(
    ("not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot", "without")
)

WORD_WEIGHT_FEATURES = 15


@cache
def shipped_word_weights() -> WordWeights:
    """The shipped word weights, read once, after their manifest's feature names are checked
    against ``FEATURE_NAMES``: a table fitted for other features would silently skew every
    verdict."""
    names = tuple(classify_weights.manifest()["feature_names"])
    if names != FEATURE_NAMES:
        raise ModelDataError(
            "the shipped model was fitted for other features than this version computes; "
            "refit it with tools/calibrate_classifier.py --write"
        )
    return classify_weights.word_weights()


def _gram_sets(tokens: tuple[str, ...]) -> tuple[set, set, set]:
    """The distinct 2-, 3- and 4-grams of ``tokens``, zipped from shifted copies made once."""
    second, third, fourth = tokens[1:], tokens[2:], tokens[3:]
    return (
        set(zip(tokens, second, strict=False)),
        set(zip(tokens, second, third, strict=False)),
        set(zip(tokens, second, third, fourth, strict=False)),
    )


def _clipped_shares(counts_a: Counter, counts_b: Counter) -> tuple[float, float]:
    """Share of each side's items (repeats counted) that the other side also has."""
    common = 0
    for item in counts_a.keys() & counts_b.keys():
        x, y = counts_a[item], counts_b[item]
        common += x if x < y else y
    total_a, total_b = counts_a.total(), counts_b.total()
    return (common / total_a if total_a else 0.0), (common / total_b if total_b else 0.0)


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _char_grams(key: str) -> set:
    """Character 4-grams of a padded key."""
    padded = f" {key} "
    # Four shifted copies zipped and joined: cheaper than a slice per position.
    return set(map("".join, zip(padded, padded[1:], padded[2:], padded[3:], strict=False)))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences.

    Bit-parallel (Hyyrö 2004): one big-integer step per token of ``a`` instead of a table, which
    keeps classifying thousands of blocks cheap in pure Python. Exact up to ``LCS_MAX_CELLS``
    (the product of the lengths); past it, as with the word diff's long-block limit, a coarser
    value bounded in time: see ``_estimated_lcs_length``.
    """
    if not a or not b:
        return 0
    if len(a) * len(b) > LCS_MAX_CELLS:
        return _estimated_lcs_length(a, b)
    return _exact_lcs_length(a, b)


# Sentences and the blocks joined from a few of them stay far below this; a text without
# sentence punctuation is one block of hundreds of thousands of words, and the exact
# computation grows with the product of the two lengths (minutes at a few megabytes).
LCS_MAX_CELLS = 4_000_000
LCS_WINDOWS = 16  # windows compared when estimating
LCS_WINDOW_TOKENS = 500  # tokens per window and side


def _exact_lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    masks: dict[str, int] = {}
    for position, token in enumerate(b):
        masks[token] = masks.get(token, 0) | (1 << position)
    full = (1 << len(b)) - 1
    row = full
    for mask in map(masks.get, a):
        if mask:  # a token that ``b`` lacks leaves the row as it is
            match = row & mask
            row = ((row + match) | (row - match)) & full
    return len(b) - bin(row).count("1")


def _estimated_lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """The LCS of two very long sequences, estimated from windows at matching relative places.

    Window ``k`` of ``a`` starts ``k/LCS_WINDOWS`` of the way into ``a``; it is compared with
    the window at the same relative place in ``b``, widened by half its width on each side so
    that text shifted a little by an edit is still found. The share of ``a``'s window tokens
    kept is taken for the whole of ``a``, and the same is done the other way round. Exact for
    identical or disjoint sequences, close for sequences with scattered local edits, and it
    costs the same however long the sequences are.
    """
    return min(_kept_in_windows(a, b), _kept_in_windows(b, a), len(a), len(b))


def _kept_in_windows(a: Sequence[str], b: Sequence[str]) -> int:
    windows = LCS_WINDOWS
    width = min(LCS_WINDOW_TOKENS, max(1, len(a) // windows))
    margin = width // 2 + 1
    kept = seen = 0
    for k in range(windows):
        start = k * len(a) // windows
        part_a = a[start : start + width]
        middle = (start + len(part_a) / 2) * len(b) / len(a)
        low = max(0, int(middle) - len(part_a) // 2 - margin)
        part_b = b[low : low + len(part_a) + 2 * margin]
        if part_a and part_b:
            kept += _exact_lcs_length(part_a, part_b)
        seen += len(part_a)
    return round(kept / seen * len(a)) if seen else 0


def _prefixes(tokens: tuple[str, ...]) -> tuple[str, ...]:
    # Five leading letters join derivations the suffix stripper misses ("government"/"governor"
    # do collide, which costs less than missing "announce"/"announcement").
    return tuple([t[:PREFIX_CHARS] for t in tokens])


def _weight_terms(weights: dict[str, float], terms) -> tuple[float, float]:
    values = [weights[t] for t in terms if t in weights]
    return (
        (math.fsum(values), min(values)) if values else (0.0, 0.0)
    )  # exact: set order must not matter


def pair_features(
    a: SentenceForms, b: SentenceForms, weights: WordWeights | None = None
) -> list[float]:
    """The feature vector of a pair, in ``FEATURE_NAMES`` order; symmetric in ``a`` and ``b``.

    ``weights`` are the per-word weights (a word found on one side only, a word found on both)
    learned from the corpus, the shipped ones unless given.
    """
    return lexical_features(a, b) + word_weight_features(a, b, weights)


def lexical_features(a: SentenceForms, b: SentenceForms) -> list[float]:
    """The features that need no learned word weights (all but the last ``WORD_WEIGHT_FEATURES``).

    N-gram precisions count distinct n-grams (not clipped counts): nearly the same on
    sentences, and several times cheaper, which matters on long documents.
    """
    # Unigrams keep clipped counts: repeated words ("the first ... the first") carry signal.
    tokens_a, tokens_b = a.tokens, b.tokens
    x, y = _clipped_shares(Counter(tokens_a), Counter(tokens_b))
    precisions = [(min(x, y), max(x, y))]
    for grams_a, grams_b in zip(_gram_sets(tokens_a), _gram_sets(tokens_b), strict=True):
        x, y = _share(grams_a, grams_b), _share(grams_b, grams_a)
        precisions.append((min(x, y), max(x, y)))
    features = [*precisions[0], *precisions[1], precisions[2][0], precisions[3][0]]
    content_a, content_b = set(a.content), set(b.content)
    shared = len(content_a & content_b)
    x = shared / len(content_a) if content_a else 1.0
    y = shared / len(content_b) if content_b else 1.0
    features += [min(x, y), max(x, y)]
    len_a, len_b = max(1, len(tokens_a)), max(1, len(tokens_b))
    features.append(min(len_a, len_b) / max(len_a, len_b))
    features.append(abs(math.log(len_a / len_b)))
    numbers_a, numbers_b = a.numbers, b.numbers
    features.append(1.0 if numbers_a != numbers_b else 0.0)
    features.append(1.0 if numbers_a and numbers_a == numbers_b else 0.0)
    features.append(
        1.0
        if numbers_a != numbers_b and (numbers_a <= numbers_b or numbers_b <= numbers_a)
        else 0.0
    )
    key_a, key_b = a.key.split(), b.key.split()
    words_a, words_b = set(key_a), set(key_b)
    all_names_a, all_names_b = names(a), names(b)
    names_a, names_b = len(all_names_a - words_b), len(all_names_b - words_a)
    x = names_a / max(1, len(all_names_a))
    y = names_b / max(1, len(all_names_b))
    features += [min(x, y), max(x, y)]
    four_a, four_b = _char_grams(a.key), _char_grams(b.key)
    common = len(four_a & four_b)
    union = len(four_a) + len(four_b) - common
    features.append(common / union if union else 1.0)
    features.append(2 * lcs_length(tokens_a, tokens_b) / (len_a + len_b))
    prefix_a, prefix_b = set(_prefixes(a.content)), set(_prefixes(b.content))
    x, y = len(prefix_a - prefix_b), len(prefix_b - prefix_a)
    features += [float(min(x, y)), float(max(x, y))]
    x, y = _clipped_shares(Counter(_prefixes(tokens_a)), Counter(_prefixes(tokens_b)))
    features += [min(x, y), max(x, y)]
    features.append(math.log(len_a + len_b))
    # Figures, one feature per way they can differ: the model weighs each.
    only_a, only_b = len(numbers_a - numbers_b), len(numbers_b - numbers_a)
    features += [
        float(len(numbers_a & numbers_b)),
        float(min(only_a, only_b)),
        float(max(only_a, only_b)),
        1.0 if only_a and only_b else 0.0,
        1.0 if bool(only_a) != bool(only_b) else 0.0,
    ]
    negated_a = not NEGATIONS.isdisjoint(words_a) or "n't" in a.key
    negated_b = not NEGATIONS.isdisjoint(words_b) or "n't" in b.key
    features.append(1.0 if negated_a != negated_b else 0.0)
    features += [precisions[2][1], precisions[3][1]]
    x, y = common / max(1, len(four_a)), common / max(1, len(four_b))
    features += [min(x, y), max(x, y)]
    features.append(float(abs(len(a.content) - len(b.content))))
    x, y = len(content_a) - shared, len(content_b) - shared
    features += [float(min(x, y)), float(max(x, y))]
    features += [float(min(names_a, names_b)), float(max(names_a, names_b))]
    features.append(2 * lcs_length(a.content, b.content) / max(1, len(a.content) + len(b.content)))
    # Are the words without a counterpart only function words ("the", "that", "said")?
    unmatched = [w for w in key_a if w not in words_b] + [w for w in key_b if w not in words_a]
    features.append(sum(w in STOP_WORDS for w in unmatched) / max(1, len(unmatched)))
    features.append(float(len(unmatched)))
    return features


def word_weight_features(
    a: SentenceForms, b: SentenceForms, weights: WordWeights | None = None
) -> list[float]:
    """The last ``WORD_WEIGHT_FEATURES`` features of a pair, from learned word weights."""
    # Learned word weights: how much a word without a counterpart (or with one) tells of
    # "same meaning" in the corpus ("also" dropped: harmless; "not" or a name dropped: not).
    one_sided, both_sides, idf, unseen = weights or shipped_word_weights()
    stems_a, stems_b = set(a.tokens), set(b.tokens)
    only_a, only_b, shared = stems_a - stems_b, stems_b - stems_a, stems_a & stems_b
    sum_a, lowest_a = _weight_terms(one_sided, only_a)
    sum_b, lowest_b = _weight_terms(one_sided, only_b)
    kept_sum, kept_lowest = _weight_terms(both_sides, shared)
    features = [
        min(sum_a, sum_b),
        max(sum_a, sum_b),
        min(lowest_a, lowest_b),
        sum_a + sum_b,
        kept_sum,
        kept_lowest,
    ]
    # The same sets weighed by rarity (IDF over the corpus's sentences): a rare word left
    # without a counterpart is more often a fact added or dropped than a common one.
    rarity = {t: idf.get(t, unseen) for t in stems_a | stems_b}
    shared_mass = math.fsum([rarity[t] for t in shared])
    mass_a = shared_mass + math.fsum([rarity[t] for t in only_a])
    mass_b = shared_mass + math.fsum([rarity[t] for t in only_b])
    x, y = shared_mass / mass_a if mass_a else 0.0, shared_mass / mass_b if mass_b else 0.0
    features += [min(x, y), max(x, y)]
    x, y = mass_a - shared_mass, mass_b - shared_mass
    features += [min(x, y), max(x, y)]
    content_a, content_b = set(a.content), set(b.content)
    common = math.fsum([rarity[t] for t in content_a & content_b])
    total_a, total_b = (
        math.fsum([rarity[t] for t in content_a]),
        math.fsum([rarity[t] for t in content_b]),
    )
    x, y = common / total_a if total_a else 0.0, common / total_b if total_b else 0.0
    features += [min(x, y), max(x, y)]
    x = max([rarity[t] for t in only_a], default=0.0)
    y = max([rarity[t] for t in only_b], default=0.0)
    features += [min(x, y), max(x, y)]
    features.append(shared_mass / math.sqrt(mass_a * mass_b) if mass_a and mass_b else 0.0)
    return features


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def same_meaning_probability(features: list[float]) -> float:
    """The shipped model's probability that a pair with these features keeps its meaning: the
    mean of the trees' and the logistic regression's."""
    linear = classify_model.LINEAR_INTERCEPT + math.fsum(
        [w * x for w, x in zip(classify_model.LINEAR_WEIGHTS, features, strict=True)]
    )
    return (_sigmoid(classify_model.log_odds(features)) + _sigmoid(linear)) / 2


def kept_share(a: SentenceForms, b: SentenceForms) -> float:
    """Share of the two sides' words kept in order (Dice over the longest common subsequence)."""
    kept = lcs_length(a.key.split(), b.key.split())
    return 2 * kept / (max(1, a.word_count) + max(1, b.word_count))


def classify_pair(
    a: SentenceForms,
    b: SentenceForms,
    model: Callable[[list[float]], float] | None = None,
    weights: WordWeights | None = None,
    joined: bool = False,
    facts: Sequence[FactChange] | None = None,
    kept: float | None = None,
) -> Kind:
    """The kind of a linked block whose two sides have the forms ``a`` and ``b``.

    ``joined`` when a side is several sentences joined (a merge or a split). ``model`` maps
    features to a probability and ``weights`` are the word weights; the shipped ones unless
    given (the calibration script passes each cross-validation fold's own fit). ``facts`` are
    the block's fact changes; found from the two texts when not given. ``kept`` is the pair's
    ``kept_share`` when the caller has it already.
    """
    if a.key == b.key:
        return Kind.IDENTICAL
    if facts is None:
        facts = fact_changes(a.folded, b.folded)
    if joined or facts:
        return Kind.PARTIAL
    if kept is None:
        kept = kept_share(a, b)
    if kept >= EDITED_SURE_KEPT:
        return Kind.EDITED
    probability = (model or same_meaning_probability)(pair_features(a, b, weights))
    if probability < SAME_MEANING_THRESHOLD:
        return Kind.PARTIAL
    return Kind.EDITED if kept >= EDITED_MIN_KEPT else Kind.PARAPHRASE
