"""Word tokens and normalised forms of sentences, shared by alignment and classification.

May import: the standard library and ``viewer.core.model``. Must not import: Qt.
Normalisation is deliberately light: lowercase, one quote style, punctuation dropped, and a
tiny suffix stripper so that "launches", "launched" and "launching" meet. News rewrites keep
names and numbers, so those are kept apart as the strongest evidence of "same fact".
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

# Curly quotes, acute accents and primes all stand for the same apostrophe or quote in news copy.
_QUOTE_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)

# A word keeps inner apostrophes, hyphens and number punctuation ("don't", "ex-Soviet", "3,000",
# "2.5"), so that numbers compare as numbers.
# Possessive quantifiers (``++``, ``*+``) match what the greedy ones would (nothing after them
# can fail) without keeping backtracking points: a faster scan of every sentence.
_WORD_RE = re.compile(r"\d++(?:[.,:]\d+)*+|[^\W_]++(?:['\-][^\W_]+)*+", re.UNICODE)

_POSSESSIVE_RE = re.compile(r"'s\b")
# A word token (as _WORD_RE finds them) that starts with a capital letter of the Latin, Greek
# or Cyrillic alphabets. The check that no word character comes before the capital follows the
# capital: a pattern that opens with a plain set lets the search skip ahead to one.
_CAPITALISED_RE = re.compile(
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0400-\u042f](?<![\w'\-].)[^\W_]*(?:['\-][^\W_]+)*"
)

STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told tell according s t one however mr ms mrs dr may might must shall us per
    via
    """.split()
)

_NUMBER_WORDS = {
    "zero": "0",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "dozen": "12",
}
# Days and months are facts as much as numbers are: "on Tuesday" is not "on Monday".
_NUMBER_WORDS.update(
    {
        day: f"day:{day[:3]}"
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    }
)
# ("may" is left out: far more often the verb than the month.)
_NUMBER_WORDS.update(
    {
        month: f"month:{month[:3]}"
        for month in (
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    }
)
# Relative periods ("this year", "last week") are dates too. "yesterday" and "today" are left
# out: a rewrite published a day later rightly turns "yesterday" into "on Tuesday", and MSRP's
# paraphrases do it all the time.
RELATIVE_WORDS = frozenset(("last", "this", "next", "past"))
_RELATIVE = RELATIVE_WORDS
_PERIODS = frozenset(("year", "month", "week", "weekend", "season", "decade", "century"))
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS)
_DIGIT_RE = re.compile(r"\d")

_SUFFIXES = (
    "ational",
    "ization",
    "fulness",
    "iveness",
    "ations",
    "ingly",
    "ation",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "er",
    "ly",
    "s",
)

_stem_cache: dict[str, str] = {}


def fold_quotes(text: str) -> str:
    """The text with every quote and apostrophe variant replaced by ASCII ``'`` or ``"``."""
    # The backquote is the only variant in ASCII: most text skips the per-character table.
    if text.isascii() and "`" not in text:
        return text
    return text.translate(_QUOTE_TABLE)


def words(text: str) -> list[str]:
    """Lowercased words of ``text``, punctuation and quote style ignored, possessives dropped."""
    return _WORD_RE.findall(_POSSESSIVE_RE.sub("", fold_quotes(text).lower()))


def stem(word: str) -> str:
    """A crude stem: enough to join inflections, never meant to be a real word."""
    cached = _stem_cache.get(word)
    if cached is not None:
        return cached
    result = word
    if word[0].isdigit():
        result = word.replace(",", "")
    elif len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                result = word[: -len(suffix)]
                if suffix in ("ies", "ied"):
                    result += "y"
                break
        if len(result) > 3 and result[-1] == result[-2] and result[-1] not in "aeiouls":
            result = result[:-1]  # "stopped" -> "stopp" -> "stop"
        if result.endswith("e") and len(result) > 4:
            result = result[:-1]  # "rate"/"rated" both become "rat"
        if len(result) >= 6 and result.endswith("is"):
            result = result[:-1] + "z"  # British "-ise" meets American "-ize"
    if len(_stem_cache) < 200_000:
        _stem_cache[word] = result
    return result


def number_value(token: str) -> str:
    """A canonical form of a number token or a spelled-out number, else ``""``."""
    if token[:1].isdigit():
        canon = token.replace(",", "")
        if ":" not in canon and "." in canon:
            canon = canon.rstrip("0").rstrip(".") or "0"
        return canon
    return _NUMBER_WORDS.get(token, "")


class SentenceForms(NamedTuple):
    """The normalised forms of one sentence (or of several joined) that the engine compares."""

    # A named tuple rather than a frozen dataclass: built for every sentence of a document, and
    # a tuple is several times cheaper to create.
    key: str  # identity key
    tokens: tuple[str, ...]  # stems of every word, in order
    content: tuple[str, ...]  # stems of the words that are not stop words, in order
    numbers: frozenset[str]  # canonical numbers mentioned (digits and spelled out)
    folded: str  # the text with one quote style, for ``names``: only the classifier needs them
    word_count: int


def sentence_forms(text: str) -> SentenceForms:
    """Everything the aligner and the classifier compare, computed once per sentence."""
    folded = fold_quotes(text)
    surface = _WORD_RE.findall(folded)
    # Words never contain spaces: lowering and dropping possessives on the joined words is one
    # pass in C instead of a second tokenisation.
    line = " ".join(surface).lower()
    if "'" in line:  # most sentences have no possessive: the regex is skipped
        line = _POSSESSIVE_RE.sub("", line)
    lowered = line.split()
    cached = _stem_cache.get
    tokens = tuple([cached(w) or stem(w) for w in lowered])  # stems are never empty
    content = tuple([t for w, t in zip(lowered, tokens, strict=True) if w not in STOP_WORDS])
    present = set(lowered)
    # Set operations and one regex pass run in C: most sentences hold no number at all.
    found = {_NUMBER_WORDS[w] for w in present & _NUMBER_WORD_SET}
    joined = " ".join(lowered)
    if _DIGIT_RE.search(joined):
        found.update(number_value(w) for w in present if w[0].isdigit())
    # Relative dates are facts too: "earlier this year" is not "last year".
    if present & _RELATIVE and present & _PERIODS:
        for first, second in pairwise(lowered):
            if first in _RELATIVE and second in _PERIODS:
                found.add(f"when:{first}-{second}")
    # A sentence without words ("--", "***") is known by its characters instead.
    key = joined or " ".join(folded.split())
    return SentenceForms(key, tokens, content, frozenset(found), folded, len(lowered))


def names(forms: SentenceForms) -> frozenset[str]:
    """Lowercased capitalised words of the sentence that are not its first word."""
    capitalised = _CAPITALISED_RE.findall(forms.folded)
    first = _WORD_RE.search(forms.folded)
    if capitalised and first and capitalised[0] == first.group():
        capitalised = capitalised[1:]  # the first word is capitalised whatever it is
    return frozenset(_POSSESSIVE_RE.sub("", " ".join(capitalised).lower()).split()) - STOP_WORDS
