"""Page furniture inside an article's text: related-headline lists, navigation, share prompts.

May import: the standard library only. Must not import: Qt, or any ``viewer`` module.

Works on paragraphs (one line each in news text) and reports sentence indices. Precision
matters more than recall: a sentence marked here drops out of the figures, so only clear
evidence counts. The signals:

* a whole line that is a known furniture phrase ("Advertisement", "Share this article",
  "Related topics : ...") or a navigation bar ("Home | News | Sport");
* a byline ("By Jane Doe, Staff Writer") or a date stamp ("Published: 5 October 2021",
  "date 2021-10-05", "October 5, 2021 9:55 AM") on a line of its own;
* an embedded post pasted as text: a short paragraph whose last line or sentence is the bare
  name of a social network ("... shoot a movie in space. Twitter"), and its title line;
* a run of two or more headline-like lines (short, one sentence, no closing punctuation) after
  the article has begun, whose words are mostly absent from the article: pasted "related
  stories". A heading such as "Related stories" or "Read more" in front of such a run is
  enough on its own. Title blocks at the top and subheads that share the article's vocabulary
  are kept.
"""

from __future__ import annotations

import re
from collections import Counter

Span = tuple[int, int]

MAX_HEADLINE_WORDS = 24
MIN_RUN_OPEN_LINES = 2
# Share of a run's content words that occur nowhere else in the document. On the sample
# articles, pasted headlines of other stories measure 0.64 (seed 004) and 0.96 (seed 000); the
# title and subheads of seed 003 measure 0.0-0.40.
MIN_RUN_NOVELTY = 0.5
MAX_FURNITURE_WORDS = 12

_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_SENTENCE_END = frozenset(".:;,\u2026")
_QUESTION_END = frozenset("?!")
_WORD_RE = re.compile(r"[^\W\d_]+")
_NAV_SEPARATORS_RE = re.compile(r"\s+[|\u2022\u00b7\u00bb/>]\s+")
_FURNITURE_RE = re.compile(
    r"""^(?:
        advertisement | advertising | advert | sponsored(?:\s+content)? | promoted(?:\s+content)?
      | (?:share|email|print)\s+this(?:\s+(?:article|story|page|post))?
      | share(?:\s+on\s+\w+)? | \d+\s+comments?
      | read\s+more | read\s+next | see\s+more | show\s+more | continue\s+reading | view\s+comments
      | (?:related|more)\s+(?:topics?|stories|articles?|links|content|coverage|news|reading
                             |on\s+this\s+story)
      | (?:you\s+may\s+(?:also\s+)?like|recommended(?:\s+for\s+you)?
         |most\s+(?:read|popular|viewed)|trending(?:\s+now)?)
      | (?:sign\s+up|subscribe)\b.* | follow\s+us\b.* | skip\s+to\s+(?:main\s+)?content
      | (?:copyright|\u00a9)\b.* | all\s+rights\s+reserved
      | image\s+(?:source|caption|copyright)\b.* | getty\s+images | click\s+here\b.*
    )(?:\s*[:\-\u2013|]\s*.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)
# An embedded post pasted as text ends with the bare name of its network, as the last "sentence"
# of the post's paragraph: the whole paragraph is the post.
_EMBED_SOURCE_RE = re.compile(
    r"^(?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|telegram|reddit|threads|bluesky)$",
    re.IGNORECASE,
)
MAX_EMBED_SENTENCES = 4
# A byline: "By" and a name or two in capitals, then perhaps a role or an agency
# ("By Jane Doe, Staff Writer", "By JANE DOE and JOHN ROE | Reuters", "By AFP").
_NAME = r"[A-Z][\w'\u2019.-]*"
# "By Tuesday, ...", "By March ...", "By The Time ...": time and function words are not names
_NOT_A_NAME = (
    r"(?i:mon|tues|wednes|thurs|fri|satur|sun)day|(?i:january|february|march|april|may|june|july"
    r"|august|september|october|november|december|christmas|easter|then|now|the|this|that|these"
    r"|those|contrast|comparison|law|far|then|noon|midnight|dawn|night|morning|evening|early|late)"
)
_BYLINE_RE = re.compile(
    rf"""^(?:By|BY|by)\s+(?!{_NOT_A_NAME}\b){_NAME}(?:\s+{_NAME}){{0,3}}
        (?:\s*(?:,|&|\band\b|\||/|\u2013|\u2014|-)\s*[\w'\u2019.&]+(?:\s+[\w'\u2019.&]+){{0,4}})*\s*$""",
    re.VERBOSE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"""(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?
    (?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}} | {_MONTH}\s+\d{{1,2}},?\s+\d{{4}}
     | \d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.]+Z?)? | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"""
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)"
# A date stamp: a date and perhaps a time, alone or after "Published", "Updated", "date"...
_DATE_STAMP_RE = re.compile(
    rf"""^(?:(?:date|published|updated|last\s+updated|first\s+published|posted|modified)
           (?:\s+(?:on|at))?\s*[:\-\u2013|]?\s*)?
        (?:{_DATE}(?:[,\s]+(?:at\s+)?{_TIME})? | {_TIME}(?:[,\s]+{_DATE})?)
        \s*(?:\((?:updated|edited)[^)]*\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Headings that announce a list of other stories: the headline-like lines after them go too.
_LIST_HEADING_RE = re.compile(
    r"""^(?:read\s+more|read\s+next|see\s+more|(?:related|more)\s+(?:stories|articles?|links|
        content|coverage|news|reading|on\s+this\s+story)|you\s+may\s+(?:also\s+)?like|
        recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|trending(?:\s+now)?)\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
_STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours new says said say
    """.split()
)


def detect_boilerplate(
    text: str, paragraphs: list[Span] | tuple[Span, ...], sentences: list[Span] | tuple[Span, ...]
) -> frozenset[int]:
    """Indices of the sentences that are page furniture rather than article text."""
    if not paragraphs:
        return frozenset()
    members = _sentences_per_paragraph(paragraphs, sentences)
    lines = [text[s:e] for s, e in paragraphs]
    kinds = [_line_kind(line, len(members[i])) for i, line in enumerate(lines)]
    flagged = [kind == "furniture" for kind in kinds]
    for i in range(len(kinds)):
        if _is_embedded_post(text, members[i], sentences):
            flagged[i] = True
            # The post's title, when it is the line right above (no blank line between).
            if (
                i
                and kinds[i - 1] == "open"
                and text.count("\n", paragraphs[i - 1][1], paragraphs[i][0]) == 1
            ):
                flagged[i - 1] = True

    first_prose = next((i for i, kind in enumerate(kinds) if kind == "prose"), len(kinds))
    vocabulary = WordCounts(lines)
    index = 0
    while index < len(kinds):
        if kinds[index] not in ("open", "question", "furniture"):
            index += 1
            continue
        end = index
        while end < len(kinds) and kinds[end] in ("open", "question", "furniture"):
            end += 1
        _judge_run(lines, kinds, flagged, index, end, first_prose, vocabulary)
        index = end
    return frozenset(s for i, flag in enumerate(flagged) if flag for s in members[i])


def _judge_run(
    lines: list[str],
    kinds: list[str],
    flagged: list[bool],
    start: int,
    end: int,
    first_prose: int,
    vocabulary: WordCounts,
) -> None:
    if start < first_prose:  # a title block before the article begins
        return
    for i in range(start, end):
        if _LIST_HEADING_RE.match(lines[i].strip()) and i + 1 < end:
            for j in range(i + 1, end):
                flagged[j] = True
            return
    headlines = [i for i in range(start, end) if kinds[i] in ("open", "question")]
    if sum(1 for i in headlines if kinds[i] == "open") < MIN_RUN_OPEN_LINES:
        return
    if vocabulary.novelty(headlines) >= MIN_RUN_NOVELTY:
        for i in headlines:
            flagged[i] = True


class WordCounts:
    """Content words per line, and how often each occurs in the whole document.

    Counted on first use: most documents have no run worth asking about.
    """

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._line_words: list[list[str]] | None = None
        self._totals: Counter[str] = Counter()

    def novelty(self, run: list[int]) -> float:
        """Share of the content words of the lines in ``run`` that no other line uses."""
        if self._line_words is None:
            self._line_words = [content_words(line) for line in self._lines]
            self._totals = Counter(word for words in self._line_words for word in words)
        in_run = Counter(word for i in run for word in self._line_words[i])
        total = sum(in_run.values())
        if not total:
            return 0.0
        return sum(n for word, n in in_run.items() if self._totals[word] == n) / total


def content_words(line: str) -> list[str]:
    """Lower-cased words minus stop words, with plural -s folded (possessive 's falls away as
    a word too short to count)."""
    found = []
    for word in _WORD_RE.findall(line.lower()):
        if len(word) < 3 or word in _STOPWORDS:
            continue
        if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
            word = word[:-1]
        found.append(word)
    return found


def _line_kind(line: str, sentence_count: int) -> str:
    """ "furniture", "open" (headline-like, no closing mark), "question" (headline-like, ends
    in ? or !) or "prose"."""
    stripped = line.strip()
    # Words counted only as far as the limits need: a paragraph of prose can be long.
    words = len(stripped.split(None, max(MAX_FURNITURE_WORDS, MAX_HEADLINE_WORDS)))
    if words <= MAX_FURNITURE_WORDS and (
        _FURNITURE_RE.match(stripped)
        or _is_navigation(stripped)
        or _BYLINE_RE.match(stripped)
        or _DATE_STAMP_RE.match(stripped)
    ):
        return "furniture"
    if sentence_count != 1 or words > MAX_HEADLINE_WORDS:
        return "prose"
    last = stripped.rstrip(_CLOSERS)[-1:] or stripped[-1]
    if last in _SENTENCE_END:
        return "prose"
    if last in _QUESTION_END:
        return "question"
    return "open"


def _is_embedded_post(text: str, members: list[int], sentences) -> bool:
    if not members or len(members) > MAX_EMBED_SENTENCES:
        return False
    start, end = sentences[members[-1]]
    return _EMBED_SOURCE_RE.match(text[start:end].strip().rstrip(".")) is not None


def _is_navigation(line: str) -> bool:
    items = _NAV_SEPARATORS_RE.split(line)
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items)


def _sentences_per_paragraph(paragraphs, sentences) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in paragraphs]
    p = 0
    last = len(paragraphs) - 1
    for index, (start, _end) in enumerate(sentences):
        while p < last and start >= paragraphs[p][1]:
            p += 1
        members[p].append(index)
    return members
