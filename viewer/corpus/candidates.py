"""Which (source, article) pairs share enough wording to be worth aligning.

May import: the standard library only.

Journalists' reuse is containment of a few sentences, not near-duplication, so the pairs are
found as passim and TextPAIR find them: an inverted index of the sources' word n-grams (5 by
default), looked up with every n-gram of an article. A pair is a candidate when it shares at
least ``min_match`` distinct n-grams (8 by default, about one sentence). An n-gram found in more
than ``max_df`` sources is boilerplate ("said in a statement on Tuesday that the") and dropped.

Keys are integers built from word numbers, not Python's string hashes: the index is built in
one process and looked up in others, where string hashes differ.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"\w+")
# typographic apostrophes count as plain ones
_QUOTES = str.maketrans(dict.fromkeys("\u2019\u2018\u00b4`", "'"))


def words(text: str) -> list[str]:
    """The words of a text as the index compares them: case-folded, punctuation dropped."""
    return _WORD.findall(text.translate(_QUOTES).casefold())


class NgramIndex:
    """The sources' word n-grams, each mapped to the sources (by position) that contain it."""

    def __init__(
        self, n: int, vocabulary: dict[str, int], postings: dict[int, int | tuple[int, ...]]
    ):
        self.n = n
        self.vocabulary = vocabulary
        self.postings = postings  # key -> a source number, or a tuple of them (most are one)
        self._base = len(vocabulary) + 1

    @classmethod
    def build(cls, texts: Sequence[str], n: int = 5, max_df: int = 50) -> NgramIndex:
        if n < 1:
            raise ValueError("n-grams need at least one word")
        vocabulary: dict[str, int] = {}
        tokenised = []
        for text in texts:
            ids = []
            for word in words(text):
                number = vocabulary.get(word)
                if number is None:
                    number = vocabulary[word] = len(vocabulary) + 1
                ids.append(number)
            tokenised.append(ids)
        index = cls(n, vocabulary, {})
        found: dict[int, list[int]] = {}
        for source, ids in enumerate(tokenised):
            for key in set(index._keys(ids)):
                found.setdefault(key, []).append(source)
        postings: dict[int, int | tuple[int, ...]] = {}
        for key, sources in found.items():
            if len(sources) > max_df:
                continue
            postings[key] = sources[0] if len(sources) == 1 else tuple(sources)
        index.postings = postings
        return index

    def _keys(self, ids: Iterable[int | None]) -> Iterable[int]:
        """The key of every run of ``n`` known words; an unknown word (None) breaks the run."""
        n, base = self.n, self._base
        top = base ** (n - 1)
        key, length = 0, 0
        for number in ids:
            if number is None:
                key, length = 0, 0
                continue
            key = (key % top) * base + number if length >= n - 1 else key * base + number
            length += 1
            if length >= n:
                yield key

    def shared(self, text: str) -> Counter[int]:
        """How many distinct indexed n-grams each source shares with ``text``."""
        get = self.vocabulary.get
        counts: Counter[int] = Counter()
        postings = self.postings
        for key in set(self._keys(get(word) for word in words(text))):
            sources = postings.get(key)
            if sources is None:
                continue
            if isinstance(sources, int):
                counts[sources] += 1
            else:
                counts.update(sources)
        return counts

    def candidates(self, text: str, min_match: int) -> list[tuple[int, int]]:
        """``(source number, shared n-grams)`` for every source sharing at least ``min_match``,
        most shared first, then by source number."""
        found = [(s, c) for s, c in self.shared(text).items() if c >= min_match]
        return sorted(found, key=lambda item: (-item[1], item[0]))
