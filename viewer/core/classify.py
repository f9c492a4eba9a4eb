"""Names what happened to a linked block: identical, edited, paraphrase or partial.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.normalize``.
Must not import: Qt, or any machine-learning library: the model is a logistic regression whose
weights were fitted on the MSRP training split by ``tools/calibrate_classifier.py`` and pasted
below as constants.

"Same meaning" (MSRP's paraphrase judgement) decides paraphrase/edited against partial; how many
words survived unchanged decides edited against paraphrase. A block whose numbers changed never
says the same thing, whatever the model thinks: that rule is the product's, not the corpus's.
Merged and split blocks (1:n, n:1) go through the same model on their joined text, so a split
that carries all the facts over is a paraphrase (or edited), and one that drops or adds facts is
partial.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from viewer.core.model import Kind
from viewer.core.normalize import SentenceForms

FEATURE_NAMES: tuple[str, ...] = (
    "p1_min", "p1_max", "p2_min", "p2_max", "p3_min", "p4_min",
    "content_min", "content_max", "length_ratio", "log_length_gap",
    "numbers_differ", "numbers_same", "numbers_nested",
    "names_unmatched_min", "names_unmatched_max", "char4_jaccard", "lcs_ratio",
    "extra_content_min", "extra_content_max", "prefix_p1_min", "prefix_p1_max", "log_total_length",
)

# Fitted by tools/calibrate_classifier.py on msr_paraphrase_train.txt (4,076 pairs): 10-fold
# cross-validated accuracy 0.755 (majority class 0.675). Weights apply to raw feature values.
MODEL_BIAS = 2.7190262077182417
MODEL_WEIGHTS: tuple[float, ...] = (
    6.208004737470732,  # p1_min
    -8.732752835245249,  # p1_max
    2.109364299033587,  # p2_min
    -4.147291458647948,  # p2_max
    -1.5420009521355393,  # p3_min
    -1.798180722087206,  # p4_min
    0.9477409046003427,  # content_min
    -0.9688938544471525,  # content_max
    -7.605776445206232,  # length_ratio
    0.5367629676297835,  # log_length_gap
    -0.5583804274319619,  # numbers_differ
    0.1310433038794696,  # numbers_same
    0.26986086317241786,  # numbers_nested
    -0.17314753441629052,  # names_unmatched_min
    0.30960200285784034,  # names_unmatched_max
    4.547907452339703,  # char4_jaccard
    4.2651077031213545,  # lcs_ratio
    -0.12092497491961192,  # extra_content_min
    0.022082133203757293,  # extra_content_max
    12.276530607492369,  # prefix_p1_min
    -2.145717630362167,  # prefix_p1_max
    -0.27880165813798136,  # log_total_length
)
SAME_MEANING_THRESHOLD = 0.5

# Edited means most words stayed put: at least this share of each side's words is unchanged.
EDITED_MIN_KEPT = 0.8
PREFIX_CHARS = 5


def _gram_set(tokens: tuple[str, ...], n: int) -> set:
    if n == 1:
        return set(tokens)
    return set(zip(*(tokens[k:] for k in range(n))))


def _clipped_share(part: Counter, whole: Counter) -> float:
    total = sum(part.values())
    if not total:
        return 0.0
    return sum(min(count, whole[gram]) for gram, count in part.items()) / total


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _char_grams(key: str) -> set:
    padded = f" {key} "
    return set(zip(padded, padded[1:], padded[2:], padded[3:]))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences.

    Bit-parallel (Hyyrö 2004): one big-integer step per token of ``a`` instead of a table, which
    keeps classifying thousands of blocks cheap in pure Python.
    """
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for position, token in enumerate(b):
        masks[token] = masks.get(token, 0) | (1 << position)
    full = (1 << len(b)) - 1
    row = full
    for token in a:
        match = row & masks.get(token, 0)
        row = ((row + match) | (row - match)) & full
    return len(b) - bin(row).count("1")


def _prefixes(tokens: tuple[str, ...]) -> tuple[str, ...]:
    # Five leading letters join derivations the suffix stripper misses ("government"/"governor"
    # do collide, which costs less than missing "announce"/"announcement").
    return tuple(t[:PREFIX_CHARS] for t in tokens)


def pair_features(a: SentenceForms, b: SentenceForms) -> list[float]:
    """The feature vector of a pair, in ``FEATURE_NAMES`` order; symmetric in ``a`` and ``b``.

    N-gram precisions count distinct n-grams (not clipped counts): nearly the same on
    sentences, and several times cheaper, which matters on long documents.
    """
    # Unigrams keep clipped counts: repeated words ("the first ... the first") carry signal.
    counts_a, counts_b = Counter(a.tokens), Counter(b.tokens)
    x, y = _clipped_share(counts_a, counts_b), _clipped_share(counts_b, counts_a)
    precisions = [(min(x, y), max(x, y))]
    for n in (2, 3, 4):
        grams_a, grams_b = _gram_set(a.tokens, n), _gram_set(b.tokens, n)
        x, y = _share(grams_a, grams_b), _share(grams_b, grams_a)
        precisions.append((min(x, y), max(x, y)))
    features = [*precisions[0], *precisions[1], precisions[2][0], precisions[3][0]]
    content_a, content_b = set(a.content), set(b.content)
    shared = len(content_a & content_b)
    x = shared / len(content_a) if content_a else 1.0
    y = shared / len(content_b) if content_b else 1.0
    features += [min(x, y), max(x, y)]
    len_a, len_b = max(1, len(a.tokens)), max(1, len(b.tokens))
    features.append(min(len_a, len_b) / max(len_a, len_b))
    features.append(abs(math.log(len_a / len_b)))
    numbers_a, numbers_b = a.numbers, b.numbers
    features.append(1.0 if numbers_a != numbers_b else 0.0)
    features.append(1.0 if numbers_a and numbers_a == numbers_b else 0.0)
    features.append(1.0 if numbers_a != numbers_b and (numbers_a <= numbers_b or numbers_b <= numbers_a) else 0.0)
    words_a, words_b = set(a.key.split()), set(b.key.split())
    x = len(a.names - words_b) / max(1, len(a.names))
    y = len(b.names - words_a) / max(1, len(b.names))
    features += [min(x, y), max(x, y)]
    chars_a, chars_b = _char_grams(a.key), _char_grams(b.key)
    union = len(chars_a | chars_b)
    features.append(len(chars_a & chars_b) / union if union else 1.0)
    features.append(2 * lcs_length(a.tokens, b.tokens) / (len_a + len_b))
    prefix_a, prefix_b = set(_prefixes(a.content)), set(_prefixes(b.content))
    x, y = len(prefix_a - prefix_b), len(prefix_b - prefix_a)
    features += [float(min(x, y)), float(max(x, y))]
    prefix_counts_a, prefix_counts_b = Counter(_prefixes(a.tokens)), Counter(_prefixes(b.tokens))
    x = _clipped_share(prefix_counts_a, prefix_counts_b)
    y = _clipped_share(prefix_counts_b, prefix_counts_a)
    features += [min(x, y), max(x, y)]
    features.append(math.log(len_a + len_b))
    return features


def same_meaning_probability(features: list[float]) -> float:
    z = MODEL_BIAS + sum(w * x for w, x in zip(MODEL_WEIGHTS, features))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def classify_pair(a: SentenceForms, b: SentenceForms) -> tuple[Kind, float]:
    """The kind of a linked block and the model's probability that its meaning was kept."""
    if a.key == b.key:
        return Kind.IDENTICAL, 1.0
    if a.numbers != b.numbers:
        return Kind.PARTIAL, 0.0
    probability = same_meaning_probability(pair_features(a, b))
    if probability < SAME_MEANING_THRESHOLD:
        return Kind.PARTIAL, probability
    kept = lcs_length(a.key.split(), b.key.split()) if a.key and b.key else 0
    words_a, words_b = max(1, a.word_count), max(1, b.word_count)
    if kept / words_a >= EDITED_MIN_KEPT and kept / words_b >= EDITED_MIN_KEPT:
        return Kind.EDITED, probability
    return Kind.PARAPHRASE, probability
