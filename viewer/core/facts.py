"""Finds the facts that changed inside a linked block, and says in words why a block got its kind.

May import: the standard library, ``viewer.core.model`` and ``viewer.core.normalize``.
Must not import: Qt, or the other engine modules (``compare``, ``classify`` call this one).

A fact-checker reading a rewrite asks which facts it changed, not how many words. Six kinds:

- ``figure``: a number changed, added or dropped. Figures compare after normalising: digit
  grouping ("30,000" = "30 000"), spelled-out numbers ("five" = "5", up to twenty and the tens),
  magnitudes ("5 billion" = "5,000,000,000"), units ("5 percent" = "5%", "12-day" = "12 days",
  "five billion dollars" = "$5 billion", "km" = "kilometres") and rounding, as written, that
  keeps two digits ("1.23" -> "1.2", "$6.32 billion" -> "$6.3 billion").
  "one", "a week" and ordinals ("first") are too often no figure at all to count when they
  merely appear or vanish; they count when replaced. Fractions ("2 1/2", "2½", "1-3/32"),
  decimals without their zero (".20") and "$10-million" are read as figures. A hedged figure
  agrees with any value its hedge allows: "more than 6 percent" / "6.4 percent", "some 55" /
  "about 57", "nearly 10" / "9"; "about 300" / "about 250" differ. The first figure of a range
  takes the second's unit ("between 30 and 80 pounds"), and a figure restated in other units in
  brackets ("220 pounds (100 kg)") may be told once, in either unit.
- ``date``: a weekday, month, year, day of the month, clock time ("0600" = "06:00" =
  "6 a.m.") or relative date ("yesterday", "last week") replaced by another of its kind;
  a relative date swapped for a weekday ("today" -> "on Saturday") counts only when it is all
  the rewrite changed, since a later report names the same day "Tuesday" or "yesterday"; so
  does a day counted from another day of writing ("yesterday" -> "today"), while a week against
  a day ("last week" -> "yesterday") always counts. A year inside a decade ("1985" / "the
  1980s") is no change, nor is a list of years in another order. A date dropped or added is a
  detail, not a change; times in different time zones are not compared.
- ``name``: a person, place or organisation replaced, added or dropped. A name is found on the
  other side by any of its words, a derived form ("Russia"/"Russian") or its initials ("ISS"),
  so "Vladimir Putin" -> "Putin" or a dropped title ("Mr.") is no change; nor is one name
  spelled two ways ("Jeffrey" / "Jeffery", "Nestle" / "Nestlé", "Qaeda" / "al-Qaida") or
  abbreviated, its long form split by small words ("Securities and Exchange Commission" /
  "SEC's"). The adjective of a people before a noun ("an African boy" / "a Nigerian boy") and
  a time zone are no names.
- ``negation``: a "not", "never", "no" (and their kin) added or removed where the words it
  negates are kept; "did not accept" -> "rejected", "not meeting" -> "failing to meet" and
  "nothing but praise" -> "praise" are rewording, and so is a negation the other side makes
  in other words ("wouldn't comment" / "did not return calls", "if not repealed" / "unless
  repealed"). A negative clause added about something new ("and no shares of PalmSource") is
  elaboration, not the other side negated.
- ``quote``: a word inside quotation marks replaced or negated (shortening or extending a
  quotation is not altering it; nor are contractions, numbers spelled out, hyphens, spelling
  variants or the reporter's words in brackets), or a speaker's own first-person words turned
  into reported speech ("We will defend..." -> "he said they would defend..."), or back. A
  quotation whose other mark lies outside its sentence is not compared: where it begins or
  ends is unknown.
- ``attribution``: who said it changed ("the central bank governor said" -> "the finance
  minister said"). A name against a description ("Putin" / "the Russian president") is not
  compared: it may be the same person; nor are two vague ones ("the group" / "the league",
  "initial reports" / "the statement"), nor whom it was said to ("said to a standing ovation").

Pairing needs evidence. A figure or name on each side counts as replaced when the two stand in
the same words ("the 12-day mission" / "the 10-day mission") or carry the same unit (a figure
of another unit in the same words is another figure). One counts as added or dropped only when
it is all that changed: cut out of words the other side kept, the rest said alike ("Peresild,
37, and Shipenko trained" -> "Peresild and Shipenko trained"). A figure or name dropped or
added while the sentence is reworded is trimming or elaboration, which the kind (partial or
not) already tells.

Every change carries ``[start, end)`` ranges into each side's document text, None on the side
where the fact is absent.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from viewer.core.model import FACT_KINDS, Block, Comparison, FactChange, Kind, Span
from viewer.core.normalize import STOP_WORDS, fold_quotes, stem

# Tokens -----------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,:])|\d++(?:[.,:]\d+)*+"
    r"|(?<![\w.])\.\d+(?![.,:]?\d))"  # ".85 cent": a decimal without its leading zero
    r"|(?P<abbr>(?:[A-Z]\.){2,})"
    r"|(?P<word>[^\W\d_][^\W_]*+(?:['\u2019\u00b4`\u2032\-][^\W_]+)*+)"
    r"|(?P<punct>[^\w\s])",
    re.UNICODE,
)


class _Token(NamedTuple):
    # A named tuple: one is made for every word of every linked block, and tuples are cheap.
    text: str
    lower: str  # lowercased, quotes folded, possessive dropped; digits without grouping
    start: int
    end: int
    kind: str  # "num", "word", "punct"
    initial: bool  # the first word of a sentence, or of a quotation or a clause after a colon


def _tokens(text: str, spans: Sequence[Span]) -> list[_Token]:
    out: list[_Token] = []
    append = out.append
    opening, spaces = _OPENING_MARKS, _SPACES_RE
    for span_start, span_end in spans:
        segment = text[span_start:span_end]
        # Folding keeps every character in place, so the folded text's offsets are the text's
        # (lowercasing may not: "İ" becomes two characters, so outside ASCII it is done per
        # token).
        folded = fold_quotes(segment)
        lowered = folded.lower() if segment.isascii() else None
        # ``split`` gives, for each token, the text before it and its four groups in turn (one
        # of them set): cheaper than a match object per token.
        parts = _TOKEN_RE.split(segment)
        starting = True
        at = 0
        for gap, num, abbr, word, punct in zip(
            parts[0::5], parts[1::5], parts[2::5], parts[3::5], parts[4::5], strict=False
        ):
            begin = at + len(gap)
            if word is not None:
                at = begin + len(word)
                lower = lowered[begin:at] if lowered is not None else folded[begin:at].lower()
                if lower.endswith("'s"):
                    lower = lower[:-2]
                append(_Token(word, lower, span_start + begin, span_start + at, "word", starting))
            elif punct is not None:
                at = begin + len(punct)
                if punct in opening:
                    starting = True
                append(_Token(punct, punct, span_start + begin, span_start + at, "punct", False))
                continue
            elif num is not None:
                at = begin + len(num)
                lower = spaces.sub("", num) if not num.isdigit() else num
                append(_Token(num, lower, span_start + begin, span_start + at, "num", starting))
            else:  # initials: "U.S." is the word "us"
                at = begin + len(abbr)
                lower = abbr.replace(".", "").lower()
                append(_Token(abbr, lower, span_start + begin, span_start + at, "word", starting))
            starting = False
    return out


_SPACES_RE = re.compile(r"[ \u00a0\u202f\u2009]")


_OPENING_MARKS = frozenset(':"\u201c\u201e\u00ab(\u2018\u2014\u2013')

# Where a fact stands -----------------------------------------------------------------------------


class _Places:
    """A side's tokens, with what is needed to ask what stands around a span."""

    def __init__(self, text: str, tokens: list[_Token], spans: Sequence[Span] = ()):
        self.text = text
        self.spans = tuple(spans) or ((0, len(text)),)
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.words = [t for t in tokens if t.kind != "punct"]
        self.word_starts = [t.start for t in self.words]
        self.word_pairs = {
            (a.lower, b.lower) for a, b in zip(self.words, self.words[1:], strict=False)
        }
        self.first_word = self.words[0].lower if self.words else ""
        self.last_word = self.words[-1].lower if self.words else ""

    def around(self, span: Span, reach: int = 2) -> tuple[list[str], list[str]]:
        """The ``reach`` tokens before and after ``span``, nearest first."""
        first = bisect_left(self.starts, span[0])
        last = bisect_left(self.starts, span[1])
        before = [t.lower for t in reversed(self.tokens[max(0, first - reach) : first])]
        return before, [t.lower for t in self.tokens[last : last + reach]]

    def neighbour_words(self, span: Span) -> tuple[list[str], str]:
        """The words that may stand before ``span`` once it is cut out (the word before, and
        the one before that when the first is a function word: "held in Geneva on" ->
        "held on"), and the word after ("" at an edge)."""
        first = bisect_left(self.word_starts, span[0])
        last = bisect_left(self.word_starts, span[1])
        before = [self.words[first - 1].lower] if first else []
        if first >= 2 and before[0] in STOP_WORDS:
            before.append(self.words[first - 2].lower)
        after = self.words[last].lower if last < len(self.words) else ""
        return before, after


def _same_place(a: Span, places_a: _Places, b: Span, places_b: _Places) -> bool:
    """Do two spans stand in the same words: is one the other's replacement?"""
    before_a, after_a = places_a.around(a)
    before_b, after_b = places_b.around(b)
    if before_a[:1] == before_b[:1] and after_a[:1] == after_b[:1]:
        return True
    if (len(before_a) == 2 and before_a == before_b) or (len(after_a) == 2 and after_a == after_b):
        return True  # "best the United States to the" / "beat China to the"
    shared = (set(before_a) & set(before_b)) | (set(after_a) & set(after_b))
    return any(w[:1].isalnum() and w not in STOP_WORDS for w in shared)


def _cut_out(span: Span, places_a: _Places, places_b: _Places) -> bool:
    """Was the span cut out of words the other side kept: "Peterson, 27, was" -> "Peterson
    was"? (A fact dropped with the words around it is rewording, not a change.)"""
    before, after = places_a.neighbour_words(span)
    if not after:  # at the end: the other side ends where this one did before the fact
        return bool(before) and before[0] == places_b.last_word and before[0] not in STOP_WORDS
    if not before:
        return after == places_b.first_word and after not in STOP_WORDS
    return any((word, after) in places_b.word_pairs for word in before)


def _alone(span: Span, places_a: _Places, places_b: _Places, also: Sequence[Span] = ()) -> bool:
    """Is the span, with the function words around it, all that side A says and side B does
    not ("held in Geneva on a rainy day" -> "held on a rainy day")? ``also``: other spans of
    side A dropped alike ("Peresild, 37, and Shipenko, 38, trained"). A figure or name dropped
    or added while the rest is reworded is trimming or elaboration, not a changed fact."""
    return _cut_out(span, places_a, places_b) and _rest_alike([span, *also], places_a, [], places_b)


def _rest_alike(
    a: Sequence[Span | None], places_a: _Places, b: Sequence[Span | None], places_b: _Places
) -> bool:
    """Do the two sides say the same words (function words aside) outside the spans ``a`` of
    side A and ``b`` of side B?"""

    def outside(spans: Sequence[Span | None], places: _Places) -> Counter[str]:
        return Counter(
            t.lower
            for t in places.words
            if t.kind in ("word", "num")
            and not any(span and span[0] <= t.start < span[1] for span in spans)
        )

    rest_a, rest_b = outside(a, places_a), outside(b, places_b)
    return all(w in STOP_WORDS for w in (rest_a - rest_b) | (rest_b - rest_a))


# Figures ----------------------------------------------------------------------------------------

_SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_MAGNITUDES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
    "tn": 1_000_000_000_000,
}
_CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr", "₽": "rub"}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "pound": "gbp",
    "pounds": "gbp",
    "sterling": "gbp",
    "gbp": "gbp",
    "yen": "jpy",
    "yuan": "cny",
    "rupee": "inr",
    "rupees": "inr",
    "rouble": "rub",
    "roubles": "rub",
    "ruble": "rub",
    "rubles": "rub",
}
_PERCENT_WORDS = ("percent", "pct")
# Units a figure may carry ("12 days", "12-day"), singular; others leave the unit unknown.
_UNITS = frozenset(
    (
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "decade",
        "century",
        "metre",
        "meter",
        "kilometre",
        "kilometer",
        "km",
        "mile",
        "foot",
        "feet",
        "inch",
        "kilogram",
        "kg",
        "gram",
        "tonne",
        "ton",
        "litre",
        "liter",
        "barrel",
        "point",
        "degree",
        "fahrenheit",
        "celsius",
        "hectare",
        "acre",
        "gallon",
        "ounce",
        "yard",
        "mph",
        "cent",
        "share",
        "vote",
        "seat",
        "people",
        "person",
        "time",
    )
)
_TIME_ZONES = frozenset(
    ("gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "msk", "ist")
)
_YEAR_MIN, _YEAR_MAX = 1800, 2100

_WEEKDAYS = {
    day: day[:3]
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}
_MONTHS = {
    month: month[:3]
    for month in (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
}
_MONTH_NAMES = frozenset(_MONTHS)
_MONTHS.update({"jan": "jan", "feb": "feb", "aug": "aug", "sept": "sep", "oct": "oct"})
_MONTHS.update({"nov": "nov", "dec": "dec"})
# Relative dates: (words, category, value). "last week" is compared with days: "last week" ->
# "yesterday" moves the event.
_RELATIVE_DATES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("earlier", "today"), "day", "today"),
    (("later", "today"), "day", "today"),
    (("this", "morning"), "day", "today"),
    (("this", "afternoon"), "day", "today"),
    (("this", "evening"), "day", "today"),
    (("last", "night"), "day", "yesterday"),
    (("earlier", "this", "week"), "day", "this-week"),
    (("later", "this", "week"), "day", "this-week"),
    (("this", "week"), "day", "this-week"),
    (("last", "week"), "day", "last-week"),
    (("next", "week"), "day", "next-week"),
    (("this", "weekend"), "day", "this-weekend"),
    (("last", "weekend"), "day", "last-weekend"),
    (("next", "weekend"), "day", "next-weekend"),
    (("earlier", "this", "month"), "month", "this-month"),
    (("this", "month"), "month", "this-month"),
    (("last", "month"), "month", "last-month"),
    (("next", "month"), "month", "next-month"),
    (("earlier", "this", "year"), "year", "this-year"),
    (("later", "this", "year"), "year", "this-year"),
    (("this", "year"), "year", "this-year"),
    (("last", "year"), "year", "last-year"),
    (("next", "year"), "year", "next-year"),
    (("today",), "day", "today"),
    (("tonight",), "day", "today"),
    (("yesterday",), "day", "yesterday"),
    (("tomorrow",), "day", "tomorrow"),
)
# The patterns by first word, longest first: most words start none.
_RELATIVE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _pattern in sorted(_RELATIVE_DATES, key=lambda p: -len(p[0])):
    _RELATIVE_BY_FIRST.setdefault(_pattern[0][0], []).append(_pattern)


# Words that may make a figure or a date besides numbers and the words a figure starts with.
_FIGURE_OR_DATE_WORDS = frozenset(
    [
        *_MAGNITUDES,
        *_CURRENCY_WORDS,
        *_PERCENT_WORDS,
        "per",
        "cent",
        "pm",
        "am",
        "p",
        "m",
        "noon",
        "midday",
        "midnight",
        *_TIME_ZONES,
        *_WEEKDAYS,
        *_MONTHS,
        *(word for words, _, _ in _RELATIVE_DATES for word in words),
        "st",
        "nd",
        "rd",
        "th",
    ]
)
# The words a figure may start with, besides a number.
_FIGURE_STARTS = frozenset(
    [*_CURRENCY_SIGNS, *_SMALL_NUMBERS, *_ORDINALS, "us", "a", "an", "past", "c", "hk"]
) | frozenset(
    f"{tens}-{unit}"
    for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
)


@dataclass(frozen=True)
class _Figure:
    value: float
    unit: str | None
    span: Span
    weak: bool  # "one", "first": counts only when replaced
    ordinal: bool = False
    qualifier: str = ""  # "about", "nearly", "over", "under" (see _QUALIFIERS), "" if exact
    twin: Span | None = None  # the same quantity in other units beside it: "50 miles (80 km)"


@dataclass(frozen=True)
class _Date:
    category: str  # "day", "date", "month", "year", "time"
    value: str
    span: Span
    relative: bool = False
    zone: str | None = None


def _number(token: _Token) -> float | None:
    text = token.lower
    if ":" in text:
        return None
    if "," in text:
        parts = text.split(",")
        if all(len(p) == 3 for p in parts[1:]):
            text = text.replace(",", "")
        else:
            return None  # "2,5" or a list: not a figure we can compare
    try:
        return float(text)
    except ValueError:
        return None


def _spelled(lower: str) -> int | None:
    if lower in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[lower]
    tens, dash, unit = lower.partition("-")
    if dash and tens in _SMALL_NUMBERS and unit in _SMALL_NUMBERS:
        high, low = _SMALL_NUMBERS[tens], _SMALL_NUMBERS[unit]
        if high >= 20 and high % 10 == 0 and low < 10:
            return high + low
    return None


def _word_at(tokens: list[_Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _time_of(tokens: list[_Token], i: int) -> tuple[str, int] | None:
    """(HH:MM, index after the time expression) when a clock time starts at token ``i``."""
    token = tokens[i]
    text = token.lower
    hours = minutes = None
    after = i + 1
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
    elif re.fullmatch(r"\d{1,2}", text):
        hours, minutes = int(text), 0
    four = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", text)
    meridiem = _meridiem(tokens, after)
    if meridiem is not None:
        if hours is None or hours > 12:
            return None
        suffix, after = meridiem
        hours = hours % 12 + (12 if suffix == "p" else 0)
    elif four and (text.startswith("0") or _word_at(tokens, after) in _TIME_ZONES | {"hrs"}):
        hours, minutes = int(four.group(1)), int(four.group(2))
    elif not (match and ":" in text):
        return None  # "6" alone or "2.50" is not a time
    if hours is None or minutes is None or hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}", after


def _meridiem(tokens: list[_Token], i: int) -> tuple[str, int] | None:
    word = _word_at(tokens, i)
    if word in ("am", "pm"):
        return word[0], i + 1
    if word in ("a", "p") and _word_at(tokens, i + 1) == "." and _word_at(tokens, i + 2) == "m":
        end = i + 3
        if _word_at(tokens, end) == ".":
            end += 1
        return word, end
    return None


def _zone(tokens: list[_Token], i: int) -> tuple[str | None, int]:
    if _word_at(tokens, i) == "(":
        return None, i
    word = _word_at(tokens, i)
    if word in _TIME_ZONES:
        return word, i + 1
    if _word_at(tokens, i + 1) == "time" and tokens[i].kind == "word":
        return word, i + 2  # "local time", "UK time", "Moscow time"
    return None, i


def _scan_figures_and_dates(tokens: list[_Token]) -> tuple[list[_Figure], list[_Date]]:
    placed: list[tuple[_Figure, int, int]] = []  # each figure and its tokens [start, end)
    dates: list[_Date] = []
    used: set[int] = set()
    count = len(tokens)
    # Dates first: the numbers they hold ("October 5", "2021", "0600 GMT") are not figures.
    for i, token in enumerate(tokens):
        if i in used:
            continue
        lower = token.lower
        if token.kind == "word":
            relative = None
            for words, category, value in _RELATIVE_BY_FIRST.get(lower, ()):
                if all(_word_at(tokens, i + k) == w for k, w in enumerate(words)):
                    if _word_at(tokens, i + len(words)) != "of":  # "the last week of May"
                        relative = words, category, value
                    break
            if relative is not None:
                words, category, value = relative
                end = tokens[i + len(words) - 1].end
                # Relative dates all compare with days: "last year" -> "last month" moves it.
                dates.append(_Date("day", value, (token.start, end), relative=True))
                used.update(range(i, i + len(words)))
            elif lower in _WEEKDAYS and token.text[0].isupper():
                dates.append(_Date("day", _WEEKDAYS[lower], (token.start, token.end)))
                used.add(i)
            elif lower in _MONTHS and _is_month(tokens, i):
                used.add(i)
                month = _MONTHS[lower]
                end = i + 1 if _word_at(tokens, i + 1) != "." else i + 2
                dates.append(_Date("month", month, (token.start, tokens[end - 1].end)))
                day = _day_of_month(tokens, end)
                if day is None and i >= 1:
                    before = i - 2 if _word_at(tokens, i - 1) == "of" else i - 1
                    day = _day_of_month(tokens, before)
                    if day is not None:
                        used.add(before)
                        start = tokens[before].start
                        dates.append(_Date("date", f"{month}-{day}", (start, token.end)))
                elif day is not None:
                    used.add(end)
                    dates.append(_Date("date", f"{month}-{day}", (token.start, tokens[end].end)))
            elif lower in ("noon", "midday", "midnight"):
                value = "00:00" if lower == "midnight" else "12:00"
                dates.append(_Date("time", value, (token.start, token.end)))
                used.add(i)
        elif token.kind == "num":
            clock = _time_of(tokens, i)
            if clock is not None:
                value, after = clock
                zone, after = _zone(tokens, after)
                span = (token.start, tokens[after - 1].end)
                dates.append(_Date("time", value, span, zone=zone))
                used.update(range(i, after))
                continue
            number = _number(token)
            if (
                number is None
                or not number.is_integer()
                or not _YEAR_MIN <= number <= _YEAR_MAX
                or len(lower) != 4
            ):
                continue
            if (
                lower.endswith("0")
                and _word_at(tokens, i + 1) == "s"
                and tokens[i + 1].start == token.end
            ):
                # A decade: "the 1980s" holds 1985.
                dates.append(_Date("year", lower[:3] + "s", (token.start, tokens[i + 1].end)))
                used.update((i, i + 1))
            elif not _counts_something(tokens, i):
                dates.append(_Date("year", lower, (token.start, token.end)))
                used.add(i)
    i = 0
    while i < count:
        token = tokens[i]
        if i in used or (
            token.kind != "num"
            and token.lower not in _FIGURE_STARTS
            and token.lower.partition("-")[0] not in _SMALL_NUMBERS
        ):
            i += 1
            continue
        found = _figure_at(tokens, i)
        if found is None:
            i += 1
            continue
        figure, after = found
        if not any(k in used for k in range(i, after)):
            qualifier = _qualifier_before(tokens, i)
            if qualifier:
                figure = replace(figure, qualifier=qualifier)
            placed.append((figure, i, after))
            used.update(range(i, after))
        i = max(after, i + 1)
    return _read_together(tokens, placed), dates


def _qualifier_before(tokens: list[_Token], i: int) -> str:
    """How the figure starting at token ``i`` is hedged: "about", "nearly", "over", "under"
    (see ``_QUALIFIERS``), or "" for a figure given as exact."""
    for size in (3, 2, 1):
        if i - size < 0:
            continue
        words = tuple(t.lower for t in tokens[i - size : i])
        if words in _QUALIFIERS:
            return _QUALIFIERS[words]
    return ""


def _read_together(tokens: list[_Token], placed: list[tuple[_Figure, int, int]]) -> list[_Figure]:
    """The figures of a side, each read with its neighbour where they go together: the first
    figure of a range takes the unit of the second ("between 30 and 80 pounds"), and a figure
    restated in other units in brackets ("50 miles (80 km)") knows its twin."""
    figures = [figure for figure, _, _ in placed]
    for k in range(len(placed) - 1):
        (first, _, end), (second, start, _) = placed[k], placed[k + 1]
        between = [t.lower for t in tokens[end:start]]
        if (
            first.unit is None
            and second.unit is not None
            and not first.ordinal
            and between in (["and"], ["to"], ["-"], ["\u2013"], ["or"])
        ):
            figures[k] = replace(figures[k], unit=second.unit)
        elif between == ["("] and first.unit and second.unit and first.unit != second.unit:
            figures[k] = replace(figures[k], twin=second.span)
            figures[k + 1] = replace(figures[k + 1], twin=first.span)
    return figures


# Words that hedge a figure, and what they leave it meaning (see _ROOM).
_QUALIFIERS: dict[tuple[str, ...], str] = {
    **{(word,): "about" for word in ("about", "around", "roughly", "approximately", "some")},
    **{(word,): "about" for word in ("estimated", "circa", "approx")},
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("more", "than"): "over",
    ("over",): "over",
    ("above",): "over",
    ("at", "least"): "over",
    ("upwards", "of"): "over",
    ("in", "excess", "of"): "over",
    ("less", "than"): "under",
    ("fewer", "than"): "under",
    ("under",): "under",
    ("below",): "under",
    ("up", "to"): "under",
    ("as", "much", "as"): "under",
    ("as", "many", "as"): "under",
    ("as", "high", "as"): "under",
    ("no", "more", "than"): "under",
    ("at", "most"): "under",
}
# The values a hedged figure allows, as factors of the figure: "about 300" is 285 to 315,
# "nearly 20" 18 to 20, "more than 5,200" 5,200 to 6,500, "up to 16" 12 to 16.
_ROOM = {
    "": (1.0, 1.0),
    "about": (0.95, 1.05),
    "nearly": (0.9, 1.0),
    "over": (1.0, 1.25),
    "under": (0.75, 1.0),
}


def _is_month(tokens: list[_Token], i: int) -> bool:
    token = tokens[i]
    if not token.text[0].isupper():
        return False
    if token.lower == "may" or token.lower not in _MONTH_NAMES:
        # "May" is more often the verb, "Dec"/"Jan" a name, unless a day, year or "in" is beside
        before, after = _word_at(tokens, i - 1), _word_at(tokens, i + 1)
        if after == ".":
            after = _word_at(tokens, i + 2)
        if token.lower == "may" and token.initial:
            return after[:1].isdigit()
        return (
            after[:1].isdigit()
            or before[:1].isdigit()
            or before in ("in", "since", "of", "until", "by", "early", "late", "mid", "last")
        )
    return True


def _day_of_month(tokens: list[_Token], i: int) -> int | None:
    if not 0 <= i < len(tokens) or tokens[i].kind != "num":
        return None
    text = tokens[i].lower
    if len(text) > 2 or not text.isdigit() or not 1 <= int(text) <= 31:
        return None
    return int(text)


def _counts_something(tokens: list[_Token], i: int) -> bool:
    """Is the four-digit number at ``i`` a count ("2000 people", "$2021") rather than a year?
    Not the last of a list of years: "its 2002, 2001 and 2000 results"."""
    before, after = _word_at(tokens, i - 1), _word_at(tokens, i + 1)
    if before in (",", "and", "or", "to", "-", "\u2013", "through") and re.fullmatch(
        r"(18|19|20)\d\d", _word_at(tokens, i - 2)
    ):
        return False
    if before in _CURRENCY_SIGNS or after in ("%", "-") or after in _MAGNITUDES:
        return True
    if after in _CURRENCY_WORDS or after in _PERCENT_WORDS:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(
        nxt is not None
        and nxt.kind == "word"
        and nxt.text[0].islower()
        and nxt.lower not in STOP_WORDS
        and nxt.lower not in ("and", "when", "after", "before", "saw", "was")
    )


def _figure_at(tokens: list[_Token], i: int) -> tuple[_Figure, int] | None:
    """The figure starting at token ``i`` (a currency sign, a number or a spelled number)."""
    start_index = i
    currency = None
    token = tokens[i]
    if token.text in _CURRENCY_SIGNS and i + 1 < len(tokens) and tokens[i + 1].kind == "num":
        currency = _CURRENCY_SIGNS[token.text]
        i += 1
        token = tokens[i]
    elif (
        token.lower in ("us", "a", "c", "hk")
        and _word_at(tokens, i + 1) in _CURRENCY_SIGNS
        and i + 2 < len(tokens)
        and tokens[i + 2].kind == "num"
    ):
        currency = _CURRENCY_SIGNS[tokens[i + 1].text]
        i += 2
        token = tokens[i]
    weak = False
    if token.kind == "num":
        value = _number(token)
        if value is None:
            return None
        suffix = _word_at(tokens, i + 1)
        if suffix in ("st", "nd", "rd", "th") and tokens[i + 1].start == token.end:
            return _Figure(value, None, (token.start, tokens[i + 1].end), True, True), i + 2
        own = _fraction(tokens, i)
        if own is not None:  # "22/32"
            value, i = own
        elif value.is_integer():  # "2 1/2", "1-3/32", "2½"
            k = i + 1
            if _word_at(tokens, k) == "-" and tokens[k].start == token.end:
                k += 1
            mixed = _fraction(tokens, k) if k < len(tokens) else None
            if mixed is not None and tokens[k].start - tokens[k - 1].end <= 1:
                value += mixed[0]
                i = mixed[1]
    elif token.kind == "word":
        spelled = _spelled(token.lower)
        head, dash, tail = token.lower.partition("-")
        if spelled is None and dash and _spelled(head) is not None and _singular(tail) in _UNITS:
            # "four-month": a spelled number and its unit in one word
            value = float(_spelled(head) or 0)
            return _Figure(value, _singular(tail), (token.start, token.end), False), i + 1
        if spelled is None and token.lower in ("a", "an", "past") and not currency:
            period = _singular(_word_at(tokens, i + 1))
            if period in _UNITS and period not in ("time", "people", "person", "share", "vote"):
                # "the past year", "a week": one of the unit, counted only when replaced
                end = tokens[i + 1].end
                return _Figure(1.0, period, (tokens[i + 1].start, end), True), i + 2
            return None
        if spelled is not None:
            value = float(spelled)
            weak = spelled == 1
        elif token.lower in _ORDINALS:
            if token.lower == "second" and _word_at(tokens, i - 1) not in (
                "the",
                "a",
                "its",
                "his",
                "her",
                "their",
            ):
                return None
            figure = _Figure(float(_ORDINALS[token.lower]), None, (token.start, token.end), True)
            return _Figure(figure.value, None, figure.span, True, True), i + 1
        else:
            return None
    else:
        return None
    after = i + 1
    if _word_at(tokens, after) in _MAGNITUDES:
        value *= _MAGNITUDES[_word_at(tokens, after)]
        weak = False
        after += 1
    elif _word_at(tokens, after) == "-" and _word_at(tokens, after + 1) in _MAGNITUDES:
        value *= _MAGNITUDES[_word_at(tokens, after + 1)]  # "a $10-million fine"
        weak = False
        after += 2
    elif (
        currency
        and _word_at(tokens, after) in ("m", "b", "k")
        and tokens[after].start == tokens[after - 1].end
    ):
        value *= {"m": 1e6, "b": 1e9, "k": 1e3}[_word_at(tokens, after)]
        after += 1
    unit: str | None = f"currency:{currency}" if currency else None
    word = _word_at(tokens, after)
    if word == "%" or word in _PERCENT_WORDS:
        unit, after = "%", after + 1
    elif word == "per" and _word_at(tokens, after + 1) == "cent":
        unit, after = "%", after + 2
    elif word in _CURRENCY_WORDS and not currency:
        unit, after = f"currency:{_CURRENCY_WORDS[word]}", after + 1
    elif not currency:
        hyphen = word == "-" and after + 1 < len(tokens)
        candidate = _word_at(tokens, after + 1) if hyphen else word
        singular = _singular(candidate)
        if singular in _UNITS:
            unit = singular
            after += 2 if hyphen else 1
    if weak and unit is not None:
        weak = False  # "one day" is a figure
    return _Figure(value, unit, (tokens[start_index].start, tokens[after - 1].end), weak), after


_VULGAR_FRACTIONS = {
    "\u00bd": 0.5,
    "\u00bc": 0.25,
    "\u00be": 0.75,
    "\u2153": 1 / 3,
    "\u2154": 2 / 3,
}
_FRACTION_DENOMINATORS = frozenset((2, 3, 4, 8, 16, 32, 64))


def _fraction(tokens: list[_Token], k: int) -> tuple[float, int] | None:
    """A fraction written at token ``k`` ("1/2", "3/32", "½"): its value and the index of its
    last token. Only the halves, thirds, quarters and binary fractions that prices and
    measures use, numerator below denominator: "24/7" or "9/11" is no fraction."""
    token = tokens[k]
    if token.kind == "word" and token.text in _VULGAR_FRACTIONS:
        return _VULGAR_FRACTIONS[token.text], k
    if (
        token.kind != "num"
        or len(token.lower) > 2  # the denominators are of two digits at most
        or not token.lower.isdigit()
        or k + 2 >= len(tokens)
        or tokens[k + 1].text != "/"
        or tokens[k + 2].kind != "num"
        or len(tokens[k + 2].lower) > 2
        or not tokens[k + 2].lower.isdigit()
        or tokens[k + 1].start != token.end
        or tokens[k + 2].start != tokens[k + 1].end
    ):
        return None
    numerator, denominator = int(token.lower), int(tokens[k + 2].lower)
    if denominator not in _FRACTION_DENOMINATORS or not 0 < numerator < denominator:
        return None
    return numerator / denominator, k + 2


# Spellings of one unit, by the singular that stands for them all.
_UNIT_NAMES = {
    "kilometer": "kilometre",
    "km": "kilometre",
    "meter": "metre",
    "liter": "litre",
    "kg": "kilogram",
    "person": "people",
    "feet": "foot",
}


def _singular(word: str) -> str:
    if word in _UNIT_NAMES:
        return _UNIT_NAMES[word]
    if word == "people":
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return _UNIT_NAMES.get(word[:-1], word[:-1])
    return word


def _decimals(figure: _Figure, text: str) -> int:
    digits = re.sub(r"[^\d.]", "", text[figure.span[0] : figure.span[1]].split()[0])
    return len(digits.partition(".")[2])


def _equal_figures(a: _Figure, b: _Figure) -> bool:
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


def _rounded(a: _Figure, a_text: str, b: _Figure, b_text: str) -> bool:
    """Is one figure the other rounded ("1.23 percent" -> "1.2 percent")? Only when the
    rounded one keeps two significant digits: "5.4" -> "5" is a change."""
    if a.unit != b.unit or a.ordinal or b.ordinal or a.value == 0 or b.value == 0:
        return False
    places_a, places_b = _decimals(a, a_text), _decimals(b, b_text)
    if places_a == places_b:
        return False
    coarse, fine, places = (a, b, places_a) if places_a < places_b else (b, a, places_b)
    coarse_text, fine_text = (a_text, b_text) if coarse is a else (b_text, a_text)
    # Rounded as written: "$6.32 billion" -> "$6.3 billion" compares 6.32 with 6.3.
    coarse_digits, fine_digits = _digits(coarse, coarse_text), _digits(fine, fine_text)
    if not coarse_digits or not fine_digits:
        return False
    scale = coarse.value / coarse_digits
    if abs(fine.value / fine_digits - scale) > 1e-9 * max(1.0, abs(scale)):
        return False
    if round(fine_digits, places) != coarse_digits:
        return False
    return len(f"{coarse_digits:.{places}f}".replace(".", "").lstrip("0")) >= 2


def _shorthand(a: _Figure, a_text: str, b: _Figure, b_text: str) -> bool:
    """Is one figure the other with its magnitude or unit left to the context ("38" / "38
    million euros", "a $70" / "US$70 million")?"""
    if (a.unit is not None and b.unit is not None and a.unit != b.unit) or a.ordinal or b.ordinal:
        return False
    if _magnified(a, a_text) == _magnified(b, b_text):
        return False  # "$5 billion" / "$5 million": each says its magnitude
    digits = _digits(a, a_text)
    return bool(digits) and digits == _digits(b, b_text) and a.value != b.value


def _magnified(figure: _Figure, text: str) -> bool:
    """Does the figure say its magnitude ("5 million", "$5m")?"""
    written = text[figure.span[0] : figure.span[1]].lower()
    return any(w in _MAGNITUDES for w in re.findall(r"[a-z]+", written)) or bool(
        re.search(r"\d\s*(?:m|bn|b|k)\b", written)
    )


def _digits(figure: _Figure, text: str) -> float:
    """The number as its digits write it ("6.32" of "$6.32 billion"), 0 if none."""
    digits = re.sub(r"[^\d.]", "", text[figure.span[0] : figure.span[1]].split()[0]).strip(".")
    try:
        return float(digits)
    except ValueError:
        return 0.0


def _figure_changes(
    left: list[_Figure], right: list[_Figure], places_a: _Places, places_b: _Places
) -> list[tuple[Span | None, ...]]:
    left_open, right_open = list(left), list(right)
    text_a = _text_of(places_a)
    text_b = _text_of(places_b)

    def equal(a: _Figure, _a_text: str, b: _Figure, _b_text: str) -> bool:
        return _equal_figures(a, b)

    for test in (equal, _rounded, _shorthand, _hedged_alike):
        for a in list(left_open):
            for b in right_open:
                same = test(a, text_a, b, text_b)
                if same:
                    left_open.remove(a)
                    right_open.remove(b)
                    break
    changes: list[tuple[Span | None, ...]] = []
    # Replaced: a figure left on each side in the same words ("the 12-day mission" -> "the
    # 10-day mission"), or of the same unit.
    for a in list(left_open):
        for b in right_open:
            kind_a = (a.ordinal, a.unit)
            same_unit = kind_a == (b.ordinal, b.unit) and (a.unit is not None or a.ordinal)
            # In the same words, a figure of another unit is another figure ("slipped 0.8
            # percent" / "slipped 48 cents"), not this one changed.
            units_agree = a.unit == b.unit or a.value == b.value
            if same_unit or (
                not a.ordinal
                and not b.ordinal
                and units_agree
                and _same_place(a.span, places_a, b.span, places_b)
            ):
                changes.append((a.span, b.span))
                left_open.remove(a)
                right_open.remove(b)
                break
    spans_a = [a.span for a in left_open]
    spans_b = [b.span for b in right_open]
    # A figure dropped or added beside its twin in other units, which the other side has, is
    # the same quantity told once: "50 degrees (120 Fahrenheit)" -> "120 Fahrenheit".
    changes += [
        (a.span, None)
        for a in left_open
        if not a.weak
        and (a.twin is None or a.twin in spans_a)
        and _alone(a.span, places_a, places_b, spans_a)
    ]
    changes += [
        (None, b.span)
        for b in right_open
        if not b.weak
        and (b.twin is None or b.twin in spans_b)
        and _alone(b.span, places_b, places_a, spans_b)
    ]
    return changes


def _hedged_alike(a: _Figure, _a_text: str, b: _Figure, _b_text: str) -> bool:
    """Do two figures agree once their hedges are read: "more than 6 percent" / "6.4 percent",
    "some 55" / "about 57", "nearly 10 percent" / "9 percent"? (Two exact figures that differ
    never do: "23" / "26".)"""
    if not (a.qualifier or b.qualifier) or a.ordinal or b.ordinal:
        return False
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    low_a, high_a = (a.value * factor for factor in _ROOM[a.qualifier])
    low_b, high_b = (b.value * factor for factor in _ROOM[b.qualifier])
    slack = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return low_a <= high_b + slack and low_b <= high_a + slack


def _text_of(places: _Places) -> str:
    return places.text


def _date_changes(
    left: list[_Date], right: list[_Date], places_a: _Places, places_b: _Places
) -> list[tuple[Span | None, ...]]:
    changes: list[tuple[Span | None, ...]] = []
    for category in ("day", "date", "month", "year", "time"):
        side_a = [d for d in left if d.category == category]
        side_b = [d for d in right if d.category == category]
        if category in ("month", "year"):
            # "this year" and "2021" may well be the same year: only like is compared with like.
            for relative in (False, True):
                changes += [
                    (a.span, b.span)
                    for a, b in _unmatched_dates(
                        [d for d in side_a if d.relative == relative],
                        [d for d in side_b if d.relative == relative],
                    )
                ]
        elif category == "time":
            zones = {d.zone for d in side_a} | {d.zone for d in side_b}
            for zone in sorted(zones, key=str):
                changes += [
                    (a.span, b.span)
                    for a, b in _unmatched_dates(
                        [d for d in side_a if d.zone == zone],
                        [d for d in side_b if d.zone == zone],
                    )
                ]
        else:
            # A day named and a day counted from the day of writing ("Tuesday" / "yesterday")
            # are often the same day told by a later report: the swap counts only when it is
            # all the rewrite changed ("arrives today" -> "arrives on Saturday").
            # So are two days counted from two days of writing ("yesterday" / "today"); a
            # week against a day ("last week" / "yesterday") is a change wherever it stands.
            for a, b in _unmatched_dates(side_a, side_b):
                told_apart = a.relative != b.relative or (
                    a.value in _DAYS_FROM_WRITING and b.value in _DAYS_FROM_WRITING
                )
                if not told_apart or _rest_alike([a.span], places_a, [b.span], places_b):
                    changes.append((a.span, b.span))
    return changes


_DAYS_FROM_WRITING = frozenset(("today", "yesterday", "tomorrow"))


def _date_among(value: str, values: set[str]) -> bool:
    """Is the date one of ``values``, or inside one of them, or holding one (a year and its
    decade: "1985" / "1980s")?"""
    if value in values:
        return True
    return any(
        (other.endswith("s") or value.endswith("s")) and other[:3] == value[:3] for other in values
    )


def _unmatched_dates(side_a: list[_Date], side_b: list[_Date]) -> list[tuple[_Date, _Date]]:
    """The dates of each side the other does not have, paired in order, like with like first:
    a named day with a named day, a counted one with a counted one."""
    values_a, values_b = {d.value for d in side_a}, {d.value for d in side_b}
    only_a = [d for d in side_a if not _date_among(d.value, values_b)]
    only_b = [d for d in side_b if not _date_among(d.value, values_a)]
    only_a.sort(key=lambda d: d.relative)
    only_b.sort(key=lambda d: d.relative)
    return list(zip(only_a, only_b, strict=False))


# Names ------------------------------------------------------------------------------------------

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "professor",
        "rev",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "vice",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "mayor",
        "secretary",
        "chairman",
        "chairwoman",
        "chief",
        "st",
        "sheikh",
        "ambassador",
        "commissioner",
        "director",
        "spokesman",
        "spokeswoman",
        "premier",
        "adm",
        "admiral",
        "maj",
        "brig",
        "cmdr",
        "commander",
        "cpl",
        "pvt",
        "det",
        "detective",
        "insp",
        "supt",
        "jr",
        "sr",
    ]
)
_NOT_NAMES = frozenset(
    [
        "i",
        "gmt",
        "utc",
        "bst",
        "am",
        "pm",
        "tv",
        "ok",
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "if",
        "so",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "by",
        "as",
        "it",
        "he",
        "she",
        "we",
        "they",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "after",
        "before",
        "while",
        "since",
        "although",
        "though",
        "however",
        "meanwhile",
        "yet",
        "also",
        *_TIME_ZONES,
    ]
)
_NAME_LINKS = frozenset(("of", "de", "del", "da", "van", "von", "der", "al", "bin", "la", "le"))
_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "de", "&"))
_ALIASES = {
    "us": "us",
    "usa": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "uk": "uk",
    "britain": "uk",
    "british": "uk",
}


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]  # lowercased
    span: Span


def _is_capitalised(token: _Token) -> bool:
    return token.kind == "word" and token.text[0].isupper()


def _names(tokens: list[_Token]) -> list[_Name]:
    words = [t for t in tokens if t.kind == "word"]
    lowercase = [t for t in words if not _is_capitalised(t) and t.lower not in STOP_WORDS]
    if len(words) >= 4 and not lowercase:
        return []  # a headline in title case: capitals say nothing
    starts = [t.start for t in tokens]
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        if token.initial and current:  # a name never runs into the next sentence
            runs.append(current)
            current = []
        if _is_capitalised(token) and token.lower not in _NOT_NAMES:
            current.append(token)
            continue
        if (
            current
            and token.lower in _NAME_LINKS
            and i + 1 < len(tokens)
            and _is_capitalised(tokens[i + 1])
        ):
            current.append(token)
            continue
        if token.text == "." and current and current[-1].lower in _TITLES:
            continue  # "Mr." inside a run
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    names: list[_Name] = []
    for run in runs:
        while run and run[-1].lower in _NAME_LINKS:
            run = run[:-1]
        kept = [
            t
            for t in run
            if t.lower not in _TITLES
            and t.lower not in _WEEKDAYS
            and not (t.lower in _MONTHS and len(run) == 1)
        ]
        kept = [t for t in kept if t.lower not in _NAME_LINKS]
        if not kept:
            continue
        if len(run) == 1 and run[0].initial:
            continue  # a sentence's first word is capitalised whatever it is
        if len(run) == 1 and _demonym(run[0], tokens, starts):
            continue
        names.append(_Name(tuple(t.lower for t in kept), (kept[0].start, kept[-1].end)))
    return names


# Endings of the adjectives of peoples and places ("African", "Korean", "Chinese", "British").
_DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish")
# Adjectives with those endings that name a party, not a people: a change of party is a fact.
_PARTY_ADJECTIVES = frozenset(("republican", "anglican", "publican"))


def _demonym(token: _Token, tokens: list[_Token], starts: list[int]) -> bool:
    """Is the capitalised word an adjective of a people or place before a common noun ("an
    African boy", "the Korean company", "Palestinian militants")? It describes, as "a young
    Nigerian child" or "Hamas militants" would more closely: no name to replace."""
    lower = token.lower
    if not lower.endswith(_DEMONYM_ENDINGS) or lower in _PARTY_ADJECTIVES:
        return False
    k = bisect_left(starts, token.end)
    following = tokens[k] if k < len(tokens) else None
    return (
        following is not None
        and following.kind == "word"
        and not _is_capitalised(following)
        and following.lower not in STOP_WORDS
    )


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _ACRONYM_SKIP)


def _name_found(
    name: _Name, other_words: set[str], other_names: list[_Name], other_acronyms: set[str]
) -> bool:
    # "Florida-grown" and "XML-based" are found by their first part; "MCI's" as "MCIs".
    parts = {part for w in other_words for part in w.replace("'", "").split("-")}
    other_words = other_words | parts
    words = [part for w in name.words for part in w.replace("'", "").split("-")[:1]]
    for word in words:
        if word + "s" in other_words:
            return True
        if word in other_words:
            return True
        alias = _ALIASES.get(word)
        if alias and alias in {_ALIASES.get(w) for w in other_words}:
            return True
        if len(word) >= 4:
            for other in other_words:
                if len(other) >= 4 and (
                    (other.startswith(word) and len(other) - len(word) <= 3)
                    or (word.startswith(other) and len(word) - len(other) <= 3)
                ):
                    return True
    if any(
        len(word) >= 5
        and len(other) >= 5
        and other[0] == word[0]
        and abs(len(other) - len(word)) <= 1
        and _variant(_plain(word), _plain(other))
        for word in words
        for other in other_words  # hyphenated words are here by their parts too
    ):
        return True  # "Qaeda" / "al-Qaida"
    if len(name.words) >= 2 and _initials(name.words) in other_acronyms:
        return True
    if len(name.words) == 1:
        return any(
            len(other.words) >= 2 and _initials(other.words) == name.words[0]
            for other in other_names
        )
    return False


def _acronyms(places: _Places) -> set[str]:
    """The words written in capitals ("SEC", "CDC's", "U.S."), lowercased."""
    return {
        t.lower
        for t in places.words
        if len(t.lower) >= 2 and _POSSESSIVE_RE.sub("", t.text).isupper()
    }


_POSSESSIVE_RE = re.compile("['\u2019\u00b4`]s$")
_LONG_FORM_LINKS = frozenset(("of", "and", "for", "with", "on", "the", "&", ",", "de"))


def _long_forms(places: _Places) -> list[tuple[Span, tuple[str, ...]]]:
    """Runs of capitalised words, with the small words between them ("Bureau of Alcohol,
    Tobacco, Firearms and Explosives"), and the initials an acronym of each may take: of its
    capitalised words, and of all its words."""
    forms: list[tuple[Span, tuple[str, ...]]] = []
    tokens = places.tokens
    run: list[_Token] = []

    def close() -> None:
        words = [t for t in run if t.kind == "word"]
        if len(words) >= 2:
            capitals = "".join(t.lower[0] for t in words if _is_capitalised(t))
            every = "".join(t.lower[0] for t in words)
            forms.append(((run[0].start, run[-1].end), (capitals, every)))

    for i, token in enumerate(tokens):
        if _is_capitalised(token) and not (token.initial and run):
            run.append(token)
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if run and token.lower in _LONG_FORM_LINKS and following and _is_capitalised(following):
            run.append(token)
            continue
        close()
        run = [token] if _is_capitalised(token) else []
    close()
    return forms


def _spells_out(acronym: str, forms: list[tuple[Span, tuple[str, ...]]]) -> bool:
    return any(_abbreviates({acronym}, initials) for _, initials in forms)


def _abbreviates(acronyms: set[str], initials: tuple[str, ...]) -> bool:
    """Is one of the acronyms made of these initials: their start ("GE" of General Electric
    Co.), a run of three inside them ("ATF" of Bureau of Alcohol, Tobacco, Firearms...), or
    they its start ("CHOGM" of Commonwealth Heads of Government meeting)?"""
    for acronym in acronyms:
        letters = acronym.replace(".", "")
        if len(letters) < 2 or not letters.isalpha():
            continue
        for spelled in initials:
            if len(spelled) < 2:
                continue
            if spelled.startswith(letters) or (len(letters) >= 3 and letters in spelled):
                return True
            if len(spelled) >= 3 and letters.startswith(spelled):
                return True
    return False


def _spelled_alike(a: Sequence[str], b: Sequence[str]) -> bool:
    """One name spelled two ways ("Jeffrey" / "Jeffery", "Nestle" / "Nestlé", "Niels" /
    "Nielsen") or abbreviated ("International Atomic Energy Agency" / "IAEA")."""
    a = [_plain(w) for w in a]
    b = [_plain(w) for w in b]
    if any(
        SequenceMatcher(None, x, y).ratio() >= 0.8
        or (len(x) >= 4 and len(y) >= 4 and (x.startswith(y[:4]) or y.startswith(x[:4])))
        for x in a
        for y in b
    ):
        return True
    return any(
        len(w) >= 2 and (_initials(a).startswith(w) or w.startswith(_initials(a)))
        for w in b
        if len(a) >= 2
    ) or any(
        len(w) >= 2 and (_initials(b).startswith(w) or w.startswith(_initials(b)))
        for w in a
        if len(b) >= 2
    )


def _plain(word: str) -> str:
    """A word without accents, apostrophes or hyphens."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _name_changes(
    left: list[_Name],
    right: list[_Name],
    left_words: set[str],
    right_words: set[str],
    places_a: _Places,
    places_b: _Places,
) -> list[tuple[Span | None, ...]]:
    acronyms_a = _acronyms(places_a)
    acronyms_b = _acronyms(places_b)
    dropped = [n for n in left if not _name_found(n, right_words, right, acronyms_b)]
    added = [n for n in right if not _name_found(n, left_words, left, acronyms_a)]
    if dropped or added:
        # "the Securities and Exchange Commission" / "the SEC": the long form, split at its
        # small words into several names, is the acronym spelled out, and the acronym is it.
        forms_a, forms_b = _long_forms(places_a), _long_forms(places_b)
        spelled_a = [span for span, initials in forms_a if _abbreviates(acronyms_b, initials)]
        spelled_b = [span for span, initials in forms_b if _abbreviates(acronyms_a, initials)]
        dropped = [
            n
            for n in dropped
            if not any(_inside(n.span, span) for span in spelled_a)
            and not (len(n.words) == 1 and _spells_out(n.words[0], forms_b))
        ]
        added = [
            n
            for n in added
            if not any(_inside(n.span, span) for span in spelled_b)
            and not (len(n.words) == 1 and _spells_out(n.words[0], forms_a))
        ]
    changes: list[tuple[Span | None, ...]] = []
    # One-letter "names" are the halves of an abbreviation ("S&P", "AT&T").
    dropped = [n for n in dropped if len(_plain("".join(n.words))) > 1]
    added = [n for n in added if len(_plain("".join(n.words))) > 1]
    articles = (places_a.text, places_b.text)
    for a in list(dropped):
        for b in added:
            if _spelled_alike(a.words, b.words) or _one_person(a, b, articles):
                dropped.remove(a)
                added.remove(b)
                break
            if _same_place(a.span, places_a, b.span, places_b):
                changes.append((a.span, b.span))
                dropped.remove(a)
                added.remove(b)
                break
    changes += [(a.span, None) for a in dropped if _alone(a.span, places_a, places_b)]
    changes += [(None, b.span) for b in added if _alone(b.span, places_b, places_a)]
    return changes


def _one_person(a: _Name, b: _Name, articles: tuple[str, ...]) -> bool:
    """Are two names parts of one full name that either article gives ("Hussein" / "Saddam"
    where "Saddam Hussein" stands elsewhere; "George" / "Harrison")?"""
    for text in articles:
        holding = _full_names_holding(text)  # the full names a word is part of, by number
        of_a = [holding[w] for w in a.words if w in holding]
        if not of_a:
            continue
        of_b = [holding[w] for w in b.words if w in holding]
        if of_b and not frozenset().union(*of_a).isdisjoint(frozenset().union(*of_b)):
            return True
    return False


@lru_cache(maxsize=8)
def _full_names_holding(text: str) -> dict[str, frozenset[int]]:
    """Each word of the full names of an article (``_full_names``), with the numbers of the
    names it is part of: a name is looked up by its words, not against every full name."""
    holding: dict[str, set[int]] = {}
    for number, name in enumerate(_full_names(text)):
        for word in name:
            holding.setdefault(word, set()).add(number)
    return {word: frozenset(numbers) for word, numbers in holding.items()}


@lru_cache(maxsize=8)
def _full_names(text: str) -> list[frozenset[str]]:
    """The names of two to four capitalised words in a whole article, their words lowercased
    (read once per article, by one pattern: an article may be megabytes long)."""
    return [
        frozenset(word.lower() for word in _NAME_WORD_RE.findall(run.group()))
        for run in _FULL_NAME_RE.finditer(text)
    ]


_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
# Capitalised words side by side, a middle initial allowed ("Harold W. Gehman").
_FULL_NAME_RE = re.compile(
    r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'\u2019-]+){1,3}"
)


# Negation ---------------------------------------------------------------------------------------

_NEGATORS = frozenset(
    ("not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "cannot", "nowhere")
)
# Contractions written without their apostrophe, as some wires print them ("dont", "isnt").
_BARE_NT = frozenset(
    "dont doesnt didnt isnt wasnt arent werent cant couldnt wouldnt shouldnt wont havent hasnt"
    " hadnt aint".split()
)
_NEGATION_REACH = 5  # tokens before a word within which the other side's negator may stand


def _is_negator(token: _Token) -> bool:
    return token.kind == "word" and (
        token.lower in _NEGATORS or token.lower.endswith("n't") or token.lower in _BARE_NT
    )


def _negators(tokens: list[_Token]) -> list[int]:
    found: list[int] = []
    for i, token in enumerate(tokens):
        if not _is_negator(token) or (token.text[0].isupper() and not token.initial):
            continue  # "the Do Not Call list" is a name
        after, before = _word_at(tokens, i + 1), _word_at(tokens, i - 1)
        if token.lower == "not" and after in ("only", "just", "least"):
            continue  # "not only ... but": no negation
        if token.lower == "not" and before == "or":
            continue  # "whether or not"
        if after == "but":
            continue  # "nothing but praise": only praise
        if token.lower == "nor" and found:
            continue  # "not found ..., nor has ...": the negation goes on
        found.append(i)
    return found


# Verbs that negate what follows: "declined to comment" says what "had no comment" says.
_NEGATIVE_VERBS = frozenset(
    [
        "declined",
        "declines",
        "decline",
        "refused",
        "refuses",
        "refuse",
        "denied",
        "denies",
        "deny",
        "failed",
        "fails",
        "fail",
        "rejected",
        "rejects",
        "reject",
        "failing",
        "declining",
        "refusing",
        "denying",
        "rejecting",
        "without",
        "lack",
        "lacks",
        "lacked",
        "rarely",
        "seldom",
        "hardly",
        "unless",
        "failure",
        "absence",
        "absent",
    ]
)


def _negator_key(token: _Token) -> str:
    """One negator however it is written: "isn't", "isnt", "cannot" and "not" are all "not"."""
    lower = fold_quotes(token.lower)
    if lower.endswith("n't") or lower in _BARE_NT or lower == "cannot":
        return "not"
    return lower


def _further_nors(tokens: list[_Token], negators: list[int]) -> int:
    """The "nor"s that negate a clause of their own but were not counted as negators."""
    nors = sum(1 for t in tokens if t.lower == "nor")
    neithers = sum(1 for t in tokens if t.lower == "neither")
    counted = sum(1 for i in negators if tokens[i].lower == "nor")
    return max(0, nors - neithers - counted)


def _next_content(tokens: list[_Token], k: int, reach: int = 4) -> _Token | None:
    """The first content word from token ``k`` on, within ``reach`` tokens and the clause."""
    for token in tokens[k : k + reach]:
        if token.kind == "punct" and token.text not in ("-", "'"):
            return None
        if (
            token.kind == "word"
            and token.lower not in STOP_WORDS
            and token.lower not in _DEGREE_WORDS
            and not _is_negator(token)
        ):
            return token
    return None


# Words that strengthen a negation without saying what it negates ("no timeline was ever").
_DEGREE_WORDS = frozenset("ever yet even still really always quite much any".split())


def _negation_changes(
    side_a: list[_Token], side_b: list[_Token], negated_on_a: list[int], negated_on_b: list[int]
) -> list[Span]:
    """Negators of side A with no counterpart on side B, whose negated word side B keeps
    without a negation. The negated word is the first content word after the negator; when
    side B does not have it, the sentence was reworded and nothing is claimed. Nor is anything
    claimed when side B has as many negations of its own that side A lacks ("wouldn't
    comment" / "did not return calls", "neither I nor my film" / "he and his film are not",
    "if not repealed" / "unless repealed"): the negation was reworded, not dropped."""
    own = Counter(_negator_key(side_a[i]) for i in negated_on_a)
    other = Counter(_negator_key(side_b[j]) for j in negated_on_b)
    # "None ..., nor was he asked" / "None ... and he was not asked": a "nor" that goes on
    # negating counts here as the "not" it stands for (not the "nor" of "neither ... nor").
    own["not"] += _further_nors(side_a, negated_on_a)
    other["not"] += _further_nors(side_b, negated_on_b)
    words_a = Counter(t.lower for t in side_a if t.kind == "word" and t.lower in _NEGATIVE_VERBS)
    words_b = Counter(t.lower for t in side_b if t.kind == "word" and t.lower in _NEGATIVE_VERBS)
    room = sum((own - other).values()) - sum((other - own).values())
    room -= sum((words_b - words_a).values())
    if room <= 0:
        return []
    stems_b: dict[str, list[int]] = {}
    for j, token in enumerate(side_b):
        if token.kind == "word":
            stems_b.setdefault(stem(token.lower), []).append(j)
    negated_b = set(negated_on_b) | {
        j for j, t in enumerate(side_b) if t.kind == "word" and t.lower in _NEGATIVE_VERBS
    }
    # A negator the other side also has (the same word) is matched first, wherever it stands.
    unmatched_b = [_negator_key(side_b[j]) for j in negated_on_b]
    changed = []
    for i in negated_on_a:
        word = _negator_key(side_a[i])
        if word in unmatched_b:
            unmatched_b.remove(word)
            continue
        negated = None
        for token in side_a[i + 1 :]:
            if token.kind == "punct" and token.text not in ("-", "'"):
                break
            if token.kind == "word" and token.lower not in STOP_WORDS and not _is_negator(token):
                negated = token
                break
        if negated is None:
            # Nothing follows ("and some things won't."): the word before stands for it.
            for token in reversed(side_a[max(0, i - 3) : i]):
                if token.kind == "word" and token.lower not in STOP_WORDS:
                    negated = token
                    break
        if negated is None:
            continue
        places = stems_b.get(stem(negated.lower))
        if not places:
            continue
        following = _next_content(side_a, side_a.index(negated) + 1)
        if following is not None and stem(following.lower) not in stems_b:
            # "no shares of PalmSource" where the other side has "shares" but nothing of
            # PalmSource: a negative statement added, not the other side's statement negated.
            continue
        kept_negated = any(
            any(k in negated_b for k in range(max(0, j - _NEGATION_REACH), j + 1)) for j in places
        )
        if not kept_negated:
            changed.append((side_a[i].start, side_a[i].end))
    return changed[:room]


# Quotations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Quote:
    words: tuple[str, ...]  # lowercased words, in order
    pieces: tuple[tuple[str, ...], ...]  # the words between ellipses
    span: Span  # the quotation marks included
    whole: bool = True  # both its marks stand in the sentence (else its extent is unknown)


def _quotes(text: str, spans: Sequence[Span]) -> list[_Quote]:
    """The quotations of a side. A quotation that runs past its sentence (news quotes span
    sentences) is cut at the sentence's end, and one that began in an earlier sentence (a
    closing mark with no opening before it) starts at the sentence's start."""
    found: list[_Quote] = []
    for span_start, span_end in spans:
        segment = text[span_start:span_end]
        i = 0
        first = True
        while True:
            mark = _QUOTE_MARK_RE.search(segment, i)
            if mark is None:
                break
            start, after = mark.span()
            char = mark.group()
            if char == "\u2018" and start and segment[start - 1].isalnum():
                i = after  # an apostrophe
                continue
            tail_only = not any(c.isalnum() for c in segment[after:])
            if first and (char in _CLOSING_ONLY or (char in _STRAIGHT and tail_only)):
                # The end of a quotation opened in an earlier sentence.
                begin = len(segment) - len(segment.lstrip())
                _add_quote(
                    found, segment[begin:start], span_start + begin, span_start + after, False
                )
                i, first = after, False
                continue
            first = False
            closing = _QUOTE_CLOSERS.get(char)
            if closing is None:
                i = after
                continue
            end_mark = closing.search(segment, after)
            if end_mark is None:
                end = close_end = len(segment.rstrip())
            else:
                end, close_end = end_mark.span()
            _add_quote(
                found,
                segment[after:end],
                span_start + start,
                span_start + close_end,
                end_mark is not None,
            )
            i = max(close_end, after)
    return found


def _add_quote(found: list[_Quote], inner: str, start: int, end: int, whole: bool = True) -> None:
    pieces = tuple(
        tuple(_quote_words(piece)) for piece in re.split(r"\[\.\.\.\]|\.\.\.|\u2026", inner)
    )
    words = tuple(w for piece in pieces for w in piece)
    if words:
        found.append(_Quote(words, tuple(p for p in pieces if p), (start, end), whole))


# Opening marks and the pattern of the mark that closes each; "''" and "``" are old-style
# double quotes; a right single quote closes only where no letter follows (not "won't").
_STRAIGHT = frozenset(('"', "''"))
_CLOSING_ONLY = frozenset(("\u201d", "\u00bb"))
_QUOTE_CLOSERS = {
    '"': re.compile("\"|\u201d|''"),
    "''": re.compile("''|\"|\u201d"),
    "``": re.compile("''|\""),
    "\u201c": re.compile('\u201d|"'),
    "\u201e": re.compile("\u201c|\u201d"),
    "\u00ab": re.compile("\u00bb"),
    "\u2018": re.compile("\u2019(?!\\w)"),
}
_QUOTE_MARK_RE = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018]")


def _quote_words(text: str) -> list[str]:
    """The words of a quotation as the speaker said them: without what the reporter put in
    brackets ("[touch-screen]", "(how)"), contractions opened ("don't" is "do not"), and
    small numbers in digits ("two years" is "2 years")."""
    words: list[str] = []
    for m in _TOKEN_RE.finditer(_EDITORIAL_RE.sub(" ", text)):
        if m.lastgroup not in ("word", "num", "abbr"):
            continue
        word = fold_quotes(m.group()).lower().removesuffix("'s")
        if word.endswith("n't") or word in _BARE_NT:
            stem_part = word[:-3] if word.endswith("n't") else word[:-2]
            words += [_CONTRACTED.get(stem_part, stem_part), "not"]
        elif word in _SMALL_NUMBERS:
            words.append(str(_SMALL_NUMBERS[word]))
        else:
            words.append(word)
    return words


_EDITORIAL_RE = re.compile(r"\[[^\]]*\]|\([^)]*\)")
# The verbs some contractions hide: "won't" is "will not".
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


def _content(words: Sequence[str]) -> set[str]:
    return {stem(w) for w in words if w not in STOP_WORDS}


def _contained(pieces: Sequence[Sequence[str]], words: Sequence[str]) -> bool:
    """Each piece occurs in ``words`` as a contiguous run, in order."""
    at = 0
    for piece in pieces:
        size = len(piece)
        for k in range(at, len(words) - size + 1):
            if tuple(words[k : k + size]) == tuple(piece):
                at = k + size
                break
        else:
            return False
    return True


_CLAIM_WORDS = frozenset(
    "most some all any few many more less no not never only every each both none".split()
)


def _quote_content(words: Sequence[str], keep: frozenset[str] = frozenset()) -> set[str]:
    # Hyphenated words count by their parts and whole: "al-Ghozi" quoted as "Ghozi" is the
    # same name, "long-standing" the same word as "longstanding"; spelling variants
    # ("honor"/"honour", "al-Qa'ida"/"al-Qaida") meet on their first four letters.
    pieces = []
    for w in words:
        w = w.replace("'", "")
        pieces += [w.replace("-", ""), *w.split("-")]
    return {stem(w)[:4] for w in pieces if w and (w not in STOP_WORDS or w in keep)}


def _altered(a: _Quote, b: _Quote) -> bool:
    """Were words inside a quotation replaced? Shortening a quotation, or a change of function
    words and forms only ("we're" / "we are"), is not altering it. A quotation whose other
    mark lies outside its sentence is not compared: where it begins or ends is unknown."""
    if not (a.whole and b.whole):
        return False
    if _contained(a.pieces, b.words) or _contained(b.pieces, a.words):
        return False
    # A word replaced: each quotation says content words, or the small words that carry a
    # claim ("most", "all", "never"), that the other does not. One that only adds words
    # (a quotation extended) or only loses some (trimmed) alters none of the words it keeps.
    words_a = _quote_content(a.words, _CLAIM_WORDS) | _joined(a.words)
    words_b = _quote_content(b.words, _CLAIM_WORDS) | _joined(b.words)
    only_a = _quote_content(a.words, _CLAIM_WORDS) - words_b
    only_b = _quote_content(b.words, _CLAIM_WORDS) - words_a
    if only_a and only_b:
        # A word hyphenated on one side only ("multi-party" / "multiparty") is kept whole.
        for words, only, other in ((a.words, only_a, words_b), (b.words, only_b, words_a)):
            for w in words:
                if "-" in w and stem(w.replace("'", "").replace("-", ""))[:4] in other:
                    only -= _quote_content([w])
        # One word spelled two ways ("al-Qaeda" / "al-Qaida", "@Stake" / "AtStake") is kept.
        spelled_a = {w for w in a.words if _quote_content([w]) & only_a}
        spelled_b = {w for w in b.words if _quote_content([w]) & only_b}
        for x in list(spelled_a):
            for y in spelled_b:
                if _spelled_two_ways(x, y):
                    only_a -= _quote_content([x])
                    only_b -= _quote_content([y])
                    break
    if only_a and only_b:
        return True
    # Only added or only dropped words: a quotation extended or trimmed, unless all it gains
    # or loses is a negation ("We will win" / "We will not win").
    changed = only_a | only_b
    return bool(changed) and changed <= _NEGATORS


def _spelled_two_ways(x: str, y: str) -> bool:
    """One word spelled two ways, whole or by its hyphenated parts ("al-Qaeda" / "al-Qaida",
    "@Stake" / "AtStake")."""
    parts_x = [_plain(x), *(_plain(p) for p in x.split("-") if len(p) >= 4)]
    parts_y = [_plain(y), *(_plain(p) for p in y.split("-") if len(p) >= 4)]
    return any(_variant(p, q) for p in parts_x for q in parts_y)


def _variant(x: str, y: str) -> bool:
    # Letters swapped or one changed, not a word grown ("Austria" / "Australia").
    if x in y or y in x:
        return bool(x and y)
    return abs(len(x) - len(y)) <= 1 and SequenceMatcher(None, x, y).ratio() >= 0.8


def _joined(words: Sequence[str]) -> set[str]:
    """Neighbouring words written as one ("Web site" / "website"), as ``_quote_content``
    keys them."""
    return {stem(a.replace("'", "") + b.replace("'", ""))[:4] for a, b in pairwise(words)}


_FIRST_PERSON = frozenset(
    "i i'm i've i'd i'll im ive me my mine we we're we've we'd we'll us our ours".split()
)
_SPEECH_MIN_WORDS = 5  # shorter quotations are scare quotes, titles or a phrase borrowed
_SPEECH_FOUND_SHARE = 0.7


def _quote_changes(
    left: list[_Quote], right: list[_Quote], places_a: _Places, places_b: _Places
) -> list[tuple[Span, Span]]:
    """Quotations altered, and speech turned from direct to reported or back. (Which of these
    a change is shows in its spans: those of a quotation start with a quotation mark.)"""
    changes: list[tuple[Span, Span]] = []
    matched_right: set[int] = set()
    contents_right = [_content(q.words) for q in right]
    holding: dict[str, list[int]] = {}  # content word -> the right quotations that hold it
    for k, other_content in enumerate(contents_right):
        for word in other_content:
            holding.setdefault(word, []).append(k)
    # Hundreds of quotations in one block are a list of quoted items, not speech: they are
    # matched by their words only, never by place or against reported speech (which would
    # compare each with all the others).
    few = len(left) <= _QUOTES_COMPARED_MAX and len(right) <= _QUOTES_COMPARED_MAX
    contents_left = [_content(q.words) for q in left]
    for quote, content in zip(left, contents_left, strict=True):
        best, best_share = -1, 0.0
        candidates = sorted({k for word in content for k in holding.get(word, ())})
        for k in candidates:
            if k in matched_right:
                continue
            other_content = contents_right[k]
            smaller = min(len(content), len(other_content)) or 1
            share = len(content & other_content) / smaller
            if share > best_share:
                best, best_share = k, share
        if (best < 0 or best_share < 0.5) and few:
            # A quotation standing where the other side has one ('"...," the minister said').
            best = next(
                (
                    k
                    for k, other in enumerate(right)
                    if k not in matched_right
                    and _same_place(quote.span, places_a, other.span, places_b)
                ),
                -1,
            )
            best_share = 1.0 if best >= 0 else 0.0
        if best >= 0 and best_share >= 0.5:
            matched_right.add(best)
            other = right[best]
            if _altered(quote, other):
                changes.append((quote.span, other.span))
            continue
        found = _reported_span(quote, places_b, right) if few else None
        if found is not None:
            changes.append((quote.span, found))  # direct speech turned reported
    if not few:
        return changes
    said_left = set().union(*contents_left)
    for k, quote in enumerate(right):
        if k in matched_right or contents_right[k] & said_left:
            continue
        found = _reported_span(quote, places_a, left)
        if found is not None:
            changes.append((found, quote.span))  # reported speech quoted
    return changes


_QUOTES_COMPARED_MAX = 64


def _reported_span(quote: _Quote, places: _Places, quotes: list[_Quote]) -> Span | None:
    """Where the other side says the quotation's words outside quotation marks, if it does:
    the words of the one sentence that holds most of them."""
    if len(quote.words) < _SPEECH_MIN_WORDS:
        return None
    if not quote.whole or not all(q.whole for q in quotes):
        return None  # a quotation mark outside the sentence: the speech may go on there
    if not any(w in _FIRST_PERSON for w in quote.words):
        # Only a speaker's own words ("We will defend...") change voice when reported ("they
        # would defend..."); a quoted passage told without its marks keeps who says it.
        return None
    content = _content(quote.words)
    if not content:
        return None
    inside = [q.span for q in quotes]
    best: list[_Token] = []
    best_found: set[str] = set()
    for start, end in places.spans:
        words = [
            t
            for t in places.tokens
            if start <= t.start < end
            and t.kind in ("word", "num")
            and stem(t.lower) in content
            and not any(s <= t.start < e for s, e in inside)
        ]
        found = {stem(t.lower) for t in words}
        if len(found) > len(best_found):
            best, best_found = words, found
    if len(best_found) < _SPEECH_FOUND_SHARE * len(content) or len(best_found) < 2:
        return None
    first, last = best[0].start, best[-1].end
    sentence = next(((s, e) for s, e in places.spans if s <= first < e), (first, last))
    if any(t.lower in _FIRST_PERSON for t in places.tokens if sentence[0] <= t.start < sentence[1]):
        return None  # still in the speaker's voice ("I dont know..."): the marks alone are gone
    return first, last


# Attribution -----------------------------------------------------------------------------------

_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "stated",
        "added",
        "announced",
        "claimed",
        "declared",
        "insisted",
        "warned",
        "explained",
        "noted",
        "wrote",
        "tweeted",
        "confirmed",
        "denied",
        "admitted",
        "acknowledged",
        "argued",
        "revealed",
        "reported",
    ]
)
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "who",
        "which",
        "one",
        "someone",
    ]
)
_AGENT_STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "and",
        "but",
        "as",
        "when",
        "while",
        "because",
        "if",
        "however",
        "also",
        "then",
        "has",
        "had",
        "have",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "will",
        "would",
        "could",
        "can",
        "later",
        "earlier",
        "previously",
        "today",
        "yesterday",
    ]
)
_AGENT_MAX_WORDS = 5


@dataclass(frozen=True)
class _Agent:
    words: tuple[str, ...]  # content words, lowercased
    named: bool  # its last word is capitalised: a name, not a description
    span: Span
    # A name that may be a person's: not an acronym ("FBI"), not one capitalised word that
    # opens the sentence and reads as a common noun ("Police said", "Prosecutors said").
    personal: bool = False
    size: int = 0  # its words, titles included ("central bank governor": 3)


def _agents(tokens: list[_Token]) -> list[_Agent]:
    agents = []
    for i, token in enumerate(tokens):
        if token.kind != "word":
            continue
        if token.lower == "according" and _word_at(tokens, i + 1) == "to":
            agent = _agent_after(tokens, i + 2)
        elif token.lower in _SPEECH_VERBS:
            agent = _agent_before(tokens, i)
            if agent is None and _after_quotation(tokens, i):
                agent = _agent_after(tokens, i + 1)  # '"...," said the minister'
            elif agent is None and _word_at(tokens, i - 1) == ",":
                agent = _agent_after(tokens, i + 1, closing=True)  # "..., reported the AP."
        else:
            continue
        if agent is not None:
            agents.append(agent)
    return agents


def _after_quotation(tokens: list[_Token], i: int) -> bool:
    marks = [t.text for t in tokens[max(0, i - 2) : i]]
    return any(fold_quotes(m) in ('"', "'") for m in marks)


def _make_agent(run: list[_Token]) -> _Agent | None:
    while run and (run[0].lower in STOP_WORDS or run[0].lower in _AGENT_STOP):
        run = run[1:]
    while run and (run[-1].lower in STOP_WORDS or run[-1].lower in _AGENT_STOP):
        run = run[:-1]
    if not run or any(t.lower in _PRONOUNS for t in run[-1:]):
        return None
    words = tuple(
        t.lower
        for t in run
        if t.kind == "word"
        and t.lower not in STOP_WORDS
        and t.lower not in _TITLES
        and t.lower not in _WEEKDAYS  # "Corp. Thursday said": when, not who
    )
    if not words:
        return None
    named = _is_capitalised(run[-1])
    names = [t for t in run if t.kind == "word" and t.lower in words]
    common = (
        len(names) == 1
        and names[0].initial
        and (names[0].lower in _VAGUE_AGENTS or names[0].lower.endswith("s"))
    )
    personal = named and not common and not any(t.text.isupper() and len(t.text) > 1 for t in names)
    size = sum(1 for t in run if t.kind == "word" and t.lower not in STOP_WORDS)
    return _Agent(words, named, (run[0].start, run[-1].end), personal, size)


def _agent_before(tokens: list[_Token], i: int) -> _Agent | None:
    run: list[_Token] = []
    k = i - 1
    while k >= 0 and len(run) < _AGENT_MAX_WORDS and not (run and run[0].initial):
        token = tokens[k]
        if token.kind != "word" or token.lower in _AGENT_STOP:
            break
        run.insert(0, token)
        k -= 1
    if run and run[-1].lower in _PRONOUNS:
        return None
    return _make_agent(run)


def _agent_after(tokens: list[_Token], i: int, closing: bool = False) -> _Agent | None:
    """The speaker named after the verb. With ``closing`` the name must end the clause:
    "..., reported the AP." names a speaker, "..., said the attackers fled" does not."""
    if _word_at(tokens, i) in _NOT_AGENTS:
        return None  # '"...," he said to a standing ovation': to whom, not who
    run: list[_Token] = []
    k = i
    while k < len(tokens) and len(run) < _AGENT_MAX_WORDS:
        token = tokens[k]
        if token.kind != "word" or (run and (token.lower in _AGENT_STOP or token.initial)):
            break
        run.append(token)
        k += 1
    if closing and k < len(tokens) and _word_at(tokens, k) not in (".", ",", ";", "!", "?"):
        return None
    return _make_agent(run)


# Words after a speech verb that begin what was said, to whom or when, not who said it.
_NOT_AGENTS = frozenset(
    "to in on at after before during from with without for that about of".split()
)
# Heads that say little of who spoke: "the group" may be "the league".
_VAGUE_AGENTS = frozenset(
    [
        "group",
        "company",
        "firm",
        "agency",
        "organisation",
        "organization",
        "officials",
        "official",
        "authorities",
        "sources",
        "source",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "statement",
        "report",
        "operator",
        "people",
        "police",
        "government",
    ]
)


def _agent_stems(agent: _Agent) -> set[str]:
    return {stem(w) for w in agent.words}


def _attribution_changes(
    left: list[_Agent], right: list[_Agent], left_words: set[str], right_words: set[str]
) -> list[tuple[Span, Span]]:
    """Speakers replaced: an agent of each side, of the same sort, neither of which the other
    side mentions at all. Two names of people written alike ("Smith" / "Jones", "Ann Lee" /
    "Bob Day"), or two descriptions of a role in two words or more ("the central bank
    governor" / "the finance minister"). A person against an organisation ("Microsoft" /
    "Gillian Kent"), an acronym ("Duisenberg" / "ECB") or a one-word description ("the
    document" / "the report") is how a speaker was named, not who."""
    if not left or not right:
        return []
    stems_left = {stem(w) for w in left_words}
    stems_right = {stem(w) for w in right_words}

    def open_agents(agents: list[_Agent], other_stems: set[str]) -> list[_Agent]:
        return [a for a in agents if not (_agent_stems(a) & other_stems)]

    def vague(agent: _Agent) -> bool:
        head = agent.words[-1]
        return not agent.named and (
            head in _VAGUE_AGENTS or head.removesuffix("s") in _VAGUE_AGENTS
        )

    open_left = open_agents(left, stems_right)
    open_right = open_agents(right, stems_left)
    changes = []
    for a in open_left:
        rivals = [
            b
            for b in open_right
            if b.named == a.named
            and not (vague(a) and vague(b))
            and not _spelled_alike(a.words, b.words)
            and (
                (a.personal and b.personal and len(a.words) == len(b.words))
                or (not a.named and a.size >= 2 and b.size >= 2)
            )
        ]
        if rivals:
            changes.append((a.span, rivals[0].span))
            open_right.remove(rivals[0])
    return changes


# The whole block ---------------------------------------------------------------------------------


def _inside(span: Span | None, outer: Span | None) -> bool:
    return span is not None and outer is not None and outer[0] <= span[0] and span[1] <= outer[1]


# Possessive quantifiers (``++``, ``*+``) here and in ``_TOKEN_RE``'s later alternatives match
# what greedy ones would (nothing after them can fail), without keeping backtracking points.
_SURFACE_RE = re.compile(r"[^\W_]++(?:['\u2019\u00b4`\u2032\-][^\W_]+)*+|[$€£¥₹₽%]")


def _surface_words(text: str, spans: Sequence[Span]) -> list[str]:
    words: list[str] = []
    for start, end in spans:
        words += _SURFACE_RE.findall(text, start, end)
    return words


def _differing(
    words_a: list[str], words_b: list[str], set_a: set[str], set_b: set[str]
) -> set[str]:
    """The words one side has more often than the other (set operations first: most words
    occur once, and counting is needed only when both sides have the same set). ``set_a`` and
    ``set_b`` are the sets of ``words_a`` and ``words_b``."""
    differing = set_a ^ set_b
    if len(words_a) - len(set_a) or len(words_b) - len(set_b):
        counts_a, counts_b = Counter(words_a), Counter(words_b)
        differing.update(w for w in set_a & set_b if counts_a[w] != counts_b[w])
    return differing


def _quote_marks(text: str, spans: Sequence[Span]) -> int:
    return sum(len(_QUOTE_MARK_RE.findall(text, start, end)) for start, end in spans)


def _figure_or_date_word(word: str) -> bool:
    """Could ``word`` be (part of) a figure or a date? Answered once per distinct word."""
    known = _figure_words_seen.get(word)
    if known is None:
        known = _figure_or_date_word_uncached(word)
        if len(_figure_words_seen) < _SEEN_WORDS_MAX:
            _figure_words_seen[word] = known
    return known


_figure_words_seen: dict[str, bool] = {}
_SEEN_WORDS_MAX = 200_000  # bounds the memory of the answers kept per word


def _figure_or_date_word_uncached(word: str) -> bool:
    lower = fold_quotes(word).lower().removesuffix("'s")
    return (
        any(c.isdigit() for c in word)
        or lower in _FIGURE_STARTS
        or lower.partition("-")[0] in _SMALL_NUMBERS
        or lower in _FIGURE_OR_DATE_WORDS
        or _singular(lower) in _UNITS
    )


def _negator_word(word: str) -> bool:
    # The last letters of "not", "none", "no", "nor", "nobody"... first: most words end
    # otherwise.
    if word[-1] not in "tTeEoOrRgGyY":
        return False
    lower = word.lower()
    return lower in _NEGATORS or lower in _BARE_NT or (lower[-1:] == "t" and lower[-3:-1] in _NT)


def _negator_count(words: list[str]) -> Counter[str]:
    return Counter(fold_quotes(word.lower()) for word in words if _negator_word(word))


_NT = frozenset(("n'", "n\u2019", "n\u00b4", "n`", "n\u2032"))


def block_fact_changes(
    left_text: str, left_spans: Sequence[Span], right_text: str, right_spans: Sequence[Span]
) -> tuple[FactChange, ...]:
    """The fact changes between the sentences ``left_spans`` of ``left_text`` (the source) and
    the sentences ``right_spans`` of ``right_text`` (the rewrite), ordered by kind (as
    ``FACT_KINDS``) and then by place.

    A look at the words first says which kinds can have changed at all: words that both sides
    have alike (the same number of times) cannot hold a changed figure, date or name.
    """
    words_a, words_b = (
        _surface_words(left_text, left_spans),
        _surface_words(right_text, right_spans),
    )
    set_a, set_b = set(words_a), set(words_b)
    differing = _differing(words_a, words_b, set_a, set_b)
    set_only_a, set_only_b = set_a - set_b, set_b - set_a
    check_figures = any(map(_figure_or_date_word, differing))
    # A capitalised word the other side has in any case is no name added or dropped.
    capitalised = [w.lower() for w in differing if w[:1].isupper()]
    capitalised = [w for w in capitalised if w not in STOP_WORDS]
    check_names = False
    if capitalised:
        lowered_a = {w.lower() for w in set_a}
        lowered_b = {w.lower() for w in set_b}
        check_names = any(not (w in lowered_a and w in lowered_b) for w in capitalised)
    # Negators counted alike on both sides unless one of the words counted differently is one.
    check_negation = any(map(_negator_word, differing))
    if check_negation:
        check_negation = _negator_count(words_a) != _negator_count(words_b)
    # Quotations can only have changed if their marks or some words did.
    marks_a, marks_b = _quote_marks(left_text, left_spans), _quote_marks(right_text, right_spans)
    check_quotes = bool(marks_a or marks_b) and (marks_a != marks_b or bool(differing))
    # A speaker replaced leaves a content word on each side that the other lacks.
    check_attribution = (
        bool(differing)
        and any(w.lower() not in STOP_WORDS for w in set_only_a)
        and any(w.lower() not in STOP_WORDS for w in set_only_b)
        and all(
            any(w.lower() in _SPEECH_VERBS or w.lower() == "according" for w in words)
            for words in (set_a, set_b)
        )
    )
    if not (check_figures or check_names or check_negation or check_quotes or check_attribution):
        return ()

    left_tokens, right_tokens = _tokens(left_text, left_spans), _tokens(right_text, right_spans)
    changes: list[FactChange] = []
    places_a = _Places(left_text, left_tokens, left_spans)
    places_b = _Places(right_text, right_tokens, right_spans)
    if check_figures:
        left_figures, left_dates = _scan_figures_and_dates(left_tokens)
        right_figures, right_dates = _scan_figures_and_dates(right_tokens)
        for a, b in _figure_changes(left_figures, right_figures, places_a, places_b):
            changes.append(FactChange("figure", a, b))
        for a, b in _date_changes(left_dates, right_dates, places_a, places_b):
            changes.append(FactChange("date", a, b))

    left_words = {t.lower for t in left_tokens if t.kind == "word"}
    right_words = {t.lower for t in right_tokens if t.kind == "word"}
    attributions = []
    if check_attribution:
        attributions = _attribution_changes(
            _agents(left_tokens), _agents(right_tokens), left_words, right_words
        )
    if check_names:
        for a, b in _name_changes(
            _names(left_tokens), _names(right_tokens), left_words, right_words, places_a, places_b
        ):
            if any(_inside(a, x) or _inside(b, y) for x, y in attributions):
                continue  # the speaker's name: told once, as attribution
            changes.append(FactChange("name", a, b))

    if check_negation:
        negators_left, negators_right = _negators(left_tokens), _negators(right_tokens)
        for span in _negation_changes(left_tokens, right_tokens, negators_left, negators_right):
            changes.append(FactChange("negation", span, None))
        for span in _negation_changes(right_tokens, left_tokens, negators_right, negators_left):
            changes.append(FactChange("negation", None, span))

    if check_quotes:
        for a, b in _quote_changes(
            _quotes(left_text, left_spans), _quotes(right_text, right_spans), places_a, places_b
        ):
            changes.append(FactChange("quote", a, b))
    for a, b in attributions:
        changes.append(FactChange("attribution", a, b))
    return tuple(sorted(dict.fromkeys(changes), key=_fact_order))


_KIND_ORDER = {kind: n for n, kind in enumerate(FACT_KINDS)}


def _fact_order(change: FactChange) -> tuple[int, int, int]:
    anchor = change.source or change.rewrite or (0, 0)
    return _KIND_ORDER[change.kind], 0 if change.source else 1, anchor[0]


def fact_changes(left: str, right: str) -> tuple[FactChange, ...]:
    """The fact changes between two sentences (or passages); spans index ``left`` and ``right``."""
    return block_fact_changes(left, ((0, len(left)),), right, ((0, len(right)),))


# Reasons in words ------------------------------------------------------------------------------

REASON_TEXT_CHARS = 40  # a fact quoted in a reason is cut to this many characters


def _shown(text: str, span: Span) -> str:
    piece = " ".join(text[span[0] : span[1]].split())
    if len(piece) > REASON_TEXT_CHARS:
        piece = piece[: REASON_TEXT_CHARS - 1].rstrip() + "…"
    return piece


def fact_reason(change: FactChange, source_text: str, rewrite_text: str) -> str:
    """One fact change in words: "figure 12-day → 10-day", "name NASA added"."""
    source = _shown(source_text, change.source) if change.source else ""
    rewrite = _shown(rewrite_text, change.rewrite) if change.rewrite else ""
    if change.kind == "negation":
        word = source or rewrite
        return f"negation “{word.lower()}” " + ("removed" if change.source else "added")
    if change.kind == "quote":
        if not change.rewrite or not change.source:
            return "quotation " + ("dropped" if change.source else "added")
        source_quoted = _QUOTE_MARK_RE.match(source_text, change.source[0]) is not None
        rewrite_quoted = _QUOTE_MARK_RE.match(rewrite_text, change.rewrite[0]) is not None
        if source_quoted and rewrite_quoted:
            return "quotation altered"
        return "direct speech turned reported" if source_quoted else "reported speech quoted"
    label = "attributed to" if change.kind == "attribution" else change.kind
    if change.source and change.rewrite:
        return f"{label} {source} → {rewrite}"
    return f"{label} {source} dropped" if change.source else f"{label} {rewrite} added"


def fact_reasons(facts: Sequence[FactChange], source_text: str, rewrite_text: str) -> str:
    """The fact changes of a block in words, joined by "; " (each reason once)."""
    reasons = [fact_reason(change, source_text, rewrite_text) for change in facts]
    return "; ".join(dict.fromkeys(reasons))


def block_reasons(comparison: Comparison, block: Block) -> str:
    """Why the block got its kind, in words: its fact changes when it has any."""
    if block.facts:
        return fact_reasons(block.facts, comparison.source.text, comparison.rewrite.text)
    if block.kind is Kind.OMITTED:
        return "not in the rewrite"
    if block.kind is Kind.ADDED:
        return "not in the source"
    if block.kind is Kind.IDENTICAL:
        return "same words"
    if len(block.source) > 1 or len(block.rewrite) > 1:
        if len(block.source) > 1 and len(block.rewrite) > 1:
            return f"{len(block.source)} source sentences became {len(block.rewrite)}"
        if len(block.source) > 1:
            return f"{len(block.source)} source sentences merged into one"
        return f"split into {len(block.rewrite)} sentences"
    if block.kind is Kind.EDITED:
        return "small surface edits; facts kept"
    if block.kind is Kind.PARAPHRASE:
        return "reworded; facts kept"
    source_words = sum(comparison.source.sentence_word_counts[i] for i in block.source)
    rewrite_words = sum(comparison.rewrite.sentence_word_counts[i] for i in block.rewrite)
    if rewrite_words > 1.25 * source_words:
        return "detail added"
    if source_words > 1.25 * rewrite_words:
        return "detail dropped"
    return "content added and dropped"
