"""Paragraph and sentence spans for news text: fast rules with abbreviation and quotation guards.

May import: the standard library only. Must not import: Qt, or any ``viewer`` module.

Spans are ``[start, end)`` indices into the text as given (never a copy): they exclude surrounding
whitespace, are non-empty, in order, and a sentence never crosses a paragraph boundary. Every
non-whitespace character of the text lies in exactly one sentence.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# A candidate boundary: terminal punctuation, any closing quotes or brackets glued to it, then
# whitespace. The sentence ends after the closers; the next one starts at the next non-space.
# (The first mark is spelled out: a pattern that opens with a plain set lets the search skip
# ahead to it instead of trying a match at every character.)
_BOUNDARY_RE = re.compile(
    r"[.!?\u2026\u203d][.!?\u2026\u203d]*[\"'\u201d\u2019\u00bb\u203a)\]]*(?=\s+\S)"
)
_LINE_RE = re.compile(r"[^\n]+")
_NEXT_WORD_RE = re.compile(r"\s+[\"'\u201c\u2018\u00ab\u2039(\[]*(\w+)")

_JOINED_PREFIX_RE = re.compile(r"^.*[-/]")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")
_TERMINAL_CHARS = frozenset(".!?\u2026\u203d:;\"'\u201d\u2019\u00bb)]")

# Placed before a name: a following capital is the name, never a new sentence.
_TITLES = frozenset(
    """
    Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs St Ste Sts Gen Lt Col Maj Capt Cpt Cmdr Cdr Adm
    Sgt Cpl Pvt Pte Brig Rev Revd Fr Hon Sen Sens Rep Reps Gov Pres Supt Insp Det Mme Mlle Mt Ft
    Pt Pfc Spc Lieut Dept Univ Assn vs Vs v cf Cf eg ie al Nr nr approx Approx Rt Rd Ave Blvd
    """.split()
)
# Placed before a number: "No. 5", "p. 12", "Fig. 3", "Art. 2".
_NUMBER_PREFIXES = frozenset(
    """
    No Nos no nos Vol vol Vols p pp Pp Fig fig Figs Art art Arts Sec sec Ch ch Chap chap Para
    para Tel tel Ref ref Ex ex Ed ed Op op Nr nr Rev rev Pt pt Ps
    """.split()
)
# Can end a sentence as well as stand inside one: split only before a word that usually opens one.
_AMBIGUOUS = frozenset(
    """
    Inc Ltd Co Corp Plc plc LLC Bros Jr Sr Esq etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov
    Dec Mon Tue Tues Thu Thur Thurs Fri est Est min max hr hrs yr yrs mo mos km kg
    """.split()
)
# Capitalised words that usually open a sentence, not continue a name or an acronym.
_SENTENCE_OPENERS = frozenset(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our My Your There
    Here But And Or So Yet If In On At As For From With By Of To After Before When While Since
    Although Though However Meanwhile Now Then Still Also Some Many Most All No Not Only One Two
    Both Each Every Other Such What Which Who Why How Where Last Next According Earlier Later
    Officials Police Mr Mrs Ms Dr Prof Asked Despite During Under Over Until Because Instead
    """.split()
)


def split_paragraphs(text: str, hard_lines: bool = False) -> list[Span]:
    """Paragraphs of ``text``: its lines, with a hard-wrapped sentence kept in one paragraph.

    News text files put one paragraph per line, so a single newline separates paragraphs. The
    exception is a line that stops mid-sentence (no closing punctuation) followed by one that
    starts in lower case: that is a wrapped line, and splitting there would cut a sentence.
    With ``hard_lines`` (text whose every line is a block: a heading, a byline, a paragraph)
    there is no such exception.
    """
    spans: list[Span] = []
    prev_end = -1
    for match in _LINE_RE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            prev_end = -1
            continue
        # Join only across a single newline, not a blank line.
        if (
            not hard_lines
            and spans
            and prev_end == spans[-1][1]
            and text[spans[-1][1] : start].count("\n") == 1
            and text[start].islower()
            and text[spans[-1][1] - 1] not in _TERMINAL_CHARS
            and text[spans[-1][0]] != "#"
        ):  # a Markdown heading is a unit of its own
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev_end = end
    return spans


def split_sentences(
    text: str, paragraphs: list[Span] | tuple[Span, ...] | None = None
) -> list[Span]:
    """Sentence spans of ``text``, each inside one of ``paragraphs`` (computed when omitted)."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    sentences: list[Span] = []
    append = sentences.append
    finditer = _BOUNDARY_RE.finditer
    for para_start, para_end in paragraphs:
        start = para_start
        for match in finditer(text, para_start, para_end):
            end = match.end()
            if not _is_boundary(text, match.start(), end, para_start, para_end, start):
                continue
            append((start, end))
            start = end
            while text[start].isspace():
                start += 1
        if start < para_end:
            end = para_end
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                if sentences and sentences[-1][0] >= para_start and not _has_word(text, start, end):
                    # A stray closing quote or bracket after the last full stop belongs to the
                    # sentence before it ('he vowed. "'), not to a sentence of its own.
                    start = sentences.pop()[0]
                append((start, end))
    return sentences


def _has_word(text: str, start: int, end: int) -> bool:
    return any(char.isalnum() for char in text[start:end])


def _is_boundary(
    text: str, punct_start: int, punct_end: int, para_start: int, para_end: int, sentence_start: int
) -> bool:
    next_pos = punct_end
    while text[next_pos].isspace():
        next_pos += 1
    nxt = text[next_pos]
    # "...," he said / "Why?" she asked / an ellipsis inside a sentence: lower case continues.
    if nxt.islower() or nxt == ".":  # ". . ." spaced out continues too
        return False
    punct = text[punct_start]
    ellipsis = (
        punct == "\u2026"
        or text.startswith("..", punct_start)
        or (punct == "." and text.startswith(". .", punct_start - 2))
    )
    if ellipsis:
        # A quotation cut short runs on into a figure or a bracketed insertion:
        # "100 Years . . . 100 Heroes", "expertise . . . [and strengthens]".
        return not (nxt.isdigit() or nxt in "([")
    if punct != ".":
        return True
    # The token before the mark starts after the last space, unless it holds other whitespace
    # (none is printable but the space), when a scan back over the characters finds its start.
    token_start = max(text.rfind(" ", sentence_start, punct_start) + 1, sentence_start)
    if not text[token_start:punct_start].isprintable():
        token_start = punct_start
        while token_start > sentence_start and not text[token_start - 1].isspace():
            token_start -= 1
    at_paragraph_start = token_start == para_start
    token = text[token_start:punct_start].lstrip("\"'\u201c\u2018\u00ab([{")
    if not token:
        return True
    word = token.rstrip(".")
    if "-" in word or "/" in word:
        word = _JOINED_PREFIX_RE.sub("", word)  # "then-Gov." is "Gov."
    if word in _TITLES:
        return False
    dotted = _DOTTED_RE.fullmatch(word) is not None  # "U.S", "a.m", "Ph.D"
    if nxt.isdigit() or nxt == "#":
        if word in _NUMBER_PREFIXES or word in _AMBIGUOUS or dotted:  # "No. 5", "Jan. 5"
            return False
        # "1. First item" at the start of a paragraph is a list number, not a sentence.
        return not (word.isdigit() and at_paragraph_start and len(word) <= 3)
    if word.isdigit() and at_paragraph_start and len(word) <= 3:
        return False
    if len(word) == 1 and word.isalpha():
        # Initials ("J. R. R. Tolkien") run on; "hepatitis C. The" ends.
        return _next_word_opens(text, punct_end, para_end, min_length=2)
    if dotted or word in _AMBIGUOUS:  # "U.S.", "a.m.", "Inc.", "Jan."
        return _next_word_opens(text, punct_end, para_end)
    return True


def _next_word_opens(text: str, pos: int, end: int, min_length: int = 1) -> bool:
    match = _NEXT_WORD_RE.match(text, pos, end)
    if match is None:
        return False
    word = match.group(1)
    return len(word) >= min_length and word in _SENTENCE_OPENERS
