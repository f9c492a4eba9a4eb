"""Punctuation changes of a linked block: what the word marks leave out on purpose.

May import: the standard library, ``viewer.core.model``, ``viewer.core.normalize`` and
``viewer.core.word_marks``. Must not import: Qt.

The word marks (``viewer.core.word_marks``) match words ignoring case, quote style, dashes and
punctuation, so none of those is ever drawn as a change. Here they are found, for a reader who
wants to see them (View ▸ Show Punctuation Changes): between two words carried over together
("Russia\u00b4s" → "Russia’s", "said, adding" → "said adding", "U.S." → "US"), at the start or end
of a sentence ("orbit." → "orbit!"), and in the letters of a carried-over word ("Tuesday" →
"tuesday"). Punctuation added or dropped next to a changed word is part of that change and is
not reported; a quote or dash that clings to a carried-over word is compared for its style.

Nothing here is stored: the changes are derived from a block's word marks on demand, as
``[start, end)`` ranges into each side's document text, so a comparison read from JSON shows
them as well as a fresh one.

How the two sides are lined up: the words of the kept runs, taken in order, spell the same
letters on both sides (their keys are equal, or a re-spelling's joined keys are), and so do the
words of the moved runs of one group. Those letters are paired one for one; a case change is a
pair of different letters, and the text between two consecutive letters (nothing inside a word,
an apostrophe, a comma and a space between words) is compared whenever it holds no other word
on either side. Whitespace never counts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import accumulate
from typing import NamedTuple

from viewer.core.model import Block, Comparison, Span, WordRun
from viewer.core.normalize import fold_quotes
from viewer.core.word_marks import KEPT, MOVED, WORD_RE, words_of

PUNCTUATION_KINDS: tuple[str, ...] = ("case", "quote style", "dash", "punctuation")
"""What differs: letter case; the style of a quote or apostrophe (\u00b4 ’ '); the style of a dash
("--" "—" "–" "-"); or a punctuation mark added, dropped or replaced by another."""

CASE, QUOTE_STYLE, DASH, PUNCTUATION = PUNCTUATION_KINDS

# A mark of the text between words: a run of hyphens ("--" is one dash), else one character.
_MARK_RE = re.compile(r"-{2,}|\S")
_DIGITS_RE = re.compile(r"\d+")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


class PunctuationChange(NamedTuple):
    """One difference the word marks ignore: its kind (one of ``PUNCTUATION_KINDS``) and where
    it stands on each side, ``[start, end)`` into that side's document text; None on the side
    that has nothing there (a comma dropped has no rewrite range)."""

    kind: str
    source: Span | None
    rewrite: Span | None


class _Letters:
    """The letters and digits of a chain of carried-over words on one side, in order: the
    pieces of text they stand in (a word, or a figure's digits between thousands commas)."""

    def __init__(self, text: str, pieces: list[Span]):
        self.pieces = pieces
        self.letters = "".join([text[start:end] for start, end in pieces])
        self.starts = list(accumulate((end - start for start, end in pieces), initial=0))

        self._piece_at = {start: index for index, start in enumerate(self.starts)}

    def gap_before(self, k: int) -> Span:
        """The text between letter ``k - 1`` and letter ``k`` (empty inside a piece)."""
        piece = self._piece_at.get(k)
        if piece is None:
            at = self.position(k)
            return (at, at)
        return (self.pieces[piece - 1][1], self.pieces[piece][0])

    def position(self, k: int) -> int:
        """The text index of letter ``k``."""
        piece = bisect_right(self.starts, k) - 1
        return self.pieces[piece][0] + k - self.starts[piece]


def punctuation_changes(
    left_text: str,
    left_spans: Sequence[Span],
    left_runs: Sequence[WordRun],
    right_text: str,
    right_spans: Sequence[Span],
    right_runs: Sequence[WordRun],
) -> tuple[PunctuationChange, ...]:
    """The punctuation, quote style, dash and case changes of a block whose sentences are
    ``left_spans`` of ``left_text`` and ``right_spans`` of ``right_text``, with its word marks
    ``left_runs`` and ``right_runs`` (valid marks, as ``word_marks`` makes them), in the order
    of the source text."""
    if len(left_spans) == len(right_spans) and all(
        left_text[s:e].strip() == right_text[s2:e2].strip()
        for (s, e), (s2, e2) in zip(left_spans, right_spans, strict=True)
    ):  # sentences kept verbatim (most of a long article's blocks): nothing differs
        return ()
    left_chains = _chains(left_text, left_spans, left_runs)
    right_chains = _chains(right_text, right_spans, right_runs)
    found: list[tuple[float, PunctuationChange]] = []
    for key, left in left_chains.items():
        right = right_chains.get(key)
        if right is not None:
            found += _chain_changes(left_text, left_spans, left, right_text, right_spans, right)
    found.sort(key=lambda anchored: anchored[0])
    return tuple(change for _, change in found)


def block_punctuation_changes(
    comparison: Comparison, block: Block
) -> tuple[PunctuationChange, ...]:
    """``punctuation_changes`` of a block of ``comparison``; none for a block without marks."""
    if block.words is None or not block.source or not block.rewrite:
        return ()
    source, rewrite = comparison.source, comparison.rewrite
    return punctuation_changes(
        source.text,
        [source.sentences[i] for i in block.source],
        block.words.source,
        rewrite.text,
        [rewrite.sentences[i] for i in block.rewrite],
        block.words.rewrite,
    )


def describe(change: PunctuationChange, left_text: str, right_text: str) -> str:
    """A change in words, for tooltips: ``quote style " → “``, ``punctuation "," dropped``."""
    before = left_text[change.source[0] : change.source[1]] if change.source else ""
    after = right_text[change.rewrite[0] : change.rewrite[1]] if change.rewrite else ""
    if not after:
        return f"{change.kind} \u201c{before}\u201d dropped"
    if not before:
        return f"{change.kind} \u201c{after}\u201d added"
    return f"{change.kind} {before} \u2192 {after}"


def block_punctuation_text(comparison: Comparison, block: Block) -> str:
    """The punctuation changes of a block in words, joined by "; " ("" when none)."""
    return "; ".join(
        describe(change, comparison.source.text, comparison.rewrite.text)
        for change in block_punctuation_changes(comparison, block)
    )


def _chains(text: str, spans: Sequence[Span], runs: Sequence[WordRun]) -> dict[object, _Letters]:
    """The letters of the kept words (key ``KEPT``) and of each moved group (key the group)."""
    words = words_of(text, spans)
    pieces: dict[object, list[Span]] = {}
    at = 0
    for start, end, mark, group in runs:
        if mark != KEPT and mark != MOVED:
            continue
        chain = pieces.setdefault(KEPT if mark == KEPT else group, [])
        while at < len(words) and words[at][0] < start:
            at += 1
        while at < len(words) and words[at][1] <= end:
            word_start, word_end, _ = words[at]
            if "," in text[word_start:word_end]:  # a figure's thousands commas stand between
                chain += [
                    (m.start(), m.end()) for m in _DIGITS_RE.finditer(text, word_start, word_end)
                ]
            else:
                chain.append((word_start, word_end))
            at += 1
    return {key: _Letters(text, chain) for key, chain in pieces.items() if chain}


def _chain_changes(
    left_text: str,
    left_spans: Sequence[Span],
    left: _Letters,
    right_text: str,
    right_spans: Sequence[Span],
    right: _Letters,
) -> list[tuple[float, PunctuationChange]]:
    """The changes between two chains of the same words, each with the source position it is
    ordered by."""
    if left.letters.lower() != right.letters.lower():
        return []  # not the same letters (a case mapping that changes length): nothing to pair
    found: list[tuple[float, PunctuationChange]] = []
    if left.letters != right.letters:
        found += _case_changes(left_text, left_spans, left, right_text, right_spans, right)
    # Between paired letters where either side has a break between pieces (inside a word on
    # both sides there is nothing between them).
    for k in sorted(set(left.starts[1:-1]) | set(right.starts[1:-1])):
        left_gap = left.gap_before(k)
        right_gap = right.gap_before(k)
        changes = _gap_changes(left_text, left_spans, left_gap, right_text, right_spans, right_gap)
        found += [(left_gap[0] - 0.5, c) for c in changes]
    # Before the first letter and after the last, when only punctuation stands between them
    # and the sentence's edge on both sides.
    last = len(left.letters) - 1
    for left_at, right_at, before, anchor in (
        (left.position(0), right.position(0), True, -0.5),
        (left.position(last), right.position(last), False, 0.5),
    ):
        left_edge = _edge(left_text, left_spans, left_at, before)
        right_edge = _edge(right_text, right_spans, right_at, before)
        if left_edge is not None and right_edge is not None:
            changes = _gap_changes(
                left_text, left_spans, left_edge, right_text, right_spans, right_edge
            )
            found += [(left_at + anchor, c) for c in changes]
    return found


def _case_changes(
    left_text: str,
    left_spans: Sequence[Span],
    left: _Letters,
    right_text: str,
    right_spans: Sequence[Span],
    right: _Letters,
) -> list[tuple[float, PunctuationChange]]:
    """Runs of paired letters that differ in case, contiguous on both sides; a capital that
    only opens a sentence on its side is left out."""
    found: list[tuple[float, PunctuationChange]] = []
    run: list[tuple[int, int]] = []  # (left position, right position) of each letter

    def close() -> None:
        change = PunctuationChange(CASE, (run[0][0], run[-1][0] + 1), (run[0][1], run[-1][1] + 1))
        if not _capital_by_place(left_text, left_spans, right_text, right_spans, change):
            found.append((run[0][0], change))

    for k, (a, b) in enumerate(zip(left.letters, right.letters, strict=True)):
        if a == b:
            continue
        here = (left.position(k), right.position(k))
        if run and (here[0] != run[-1][0] + 1 or here[1] != run[-1][1] + 1):
            close()
            run = []
        run.append(here)
    if run:
        close()
    return found


def _capital_by_place(
    left_text: str,
    left_spans: Sequence[Span],
    right_text: str,
    right_spans: Sequence[Span],
    change: PunctuationChange,
) -> bool:
    """Whether a case change is one capital letter that opens a sentence on its side only
    ("On Tuesday ..." -> "... on Tuesday"): the word's place changed, not its spelling."""
    assert change.source is not None and change.rewrite is not None
    (start, end), (right_start, _) = change.source, change.rewrite
    if end - start != 1:
        return False
    opens_left = _edge(left_text, left_spans, start, before=True) is not None
    opens_right = _edge(right_text, right_spans, right_start, before=True) is not None
    if opens_left == opens_right:
        return False
    capital_left = left_text[start].isupper()
    return capital_left == opens_left and right_text[right_start].isupper() == opens_right


def _edge(text: str, spans: Sequence[Span], position: int, before: bool) -> Span | None:
    """The text between the sentence's start and the letter at ``position`` (``before``), or
    between the letter and the sentence's end; None when a word stands there."""
    for start, end in spans:
        if start <= position < end:
            gap = (start, position) if before else (position + 1, end)
            return gap if WORD_RE.search(text, *gap) is None else None
    return None


def _gap_changes(
    left_text: str,
    left_spans: Sequence[Span],
    left_gap: Span,
    right_text: str,
    right_spans: Sequence[Span],
    right_gap: Span,
) -> list[PunctuationChange]:
    """The differences between the text of ``left_gap`` and of ``right_gap`` (between two
    paired letters), whitespace and text outside the block's sentences aside.

    When a word stands in either gap, what was added or dropped around it belongs to that
    word's change; only the marks that cling to the paired letters (no space between) are
    compared, and only for their style: ``"an experiment"`` -> ``as “an experiment”``.
    """
    left_piece = left_text[left_gap[0] : left_gap[1]]
    right_piece = right_text[right_gap[0] : right_gap[1]]
    if left_piece == right_piece or not (left_piece.strip() or right_piece.strip()):
        return []  # the same text, or spaces only: the usual case
    if not WORD_RE.search(left_text, *left_gap) and not WORD_RE.search(right_text, *right_gap):
        return _compare(
            _marks(left_text, left_spans, left_gap),
            _marks(right_text, right_spans, right_gap),
            styles_only=False,
        )
    found: list[PunctuationChange] = []
    for after in (True, False):
        left_marks = _marks(left_text, left_spans, _clinging(left_text, left_gap, after))
        right_marks = _marks(right_text, right_spans, _clinging(right_text, right_gap, after))
        found += [c for c in _compare(left_marks, right_marks, styles_only=True) if c not in found]
    return found


def _clinging(text: str, gap: Span, after: bool) -> Span:
    """The marks at the start of ``gap`` (``after`` the letter before it) up to a space or a
    word, or those at its end, up to the letter after it."""
    start, end = gap
    if after:
        at = start
        while at < end and not (text[at].isspace() or text[at].isalnum()):
            at += 1
        return (start, at)
    at = end
    while at > start and not (text[at - 1].isspace() or text[at - 1].isalnum()):
        at -= 1
    return (at, end)


def _compare(
    left_marks: list[tuple[str, int]], right_marks: list[tuple[str, int]], styles_only: bool
) -> list[PunctuationChange]:
    """The changes between two sequences of marks: the same marks in another style, and
    (unless ``styles_only``) marks added, dropped or replaced."""
    if [m for m, _ in left_marks] == [m for m, _ in right_marks]:
        return []
    folded_left = [_fold(m) for m, _ in left_marks]
    folded_right = [_fold(m) for m, _ in right_marks]
    found = []
    matcher = SequenceMatcher(None, folded_left, folded_right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            if not styles_only:
                found.append(
                    PunctuationChange(
                        PUNCTUATION, _range(left_marks[i1:i2]), _range(right_marks[j1:j2])
                    )
                )
            continue
        for (a, a_at), (b, b_at) in zip(left_marks[i1:i2], right_marks[j1:j2], strict=True):
            if a != b:  # the same mark in another style
                kind = DASH if a[0] in _DASHES else QUOTE_STYLE
                found.append(PunctuationChange(kind, (a_at, a_at + len(a)), (b_at, b_at + len(b))))
    return found


def _marks(text: str, spans: Sequence[Span], gap: Span) -> list[tuple[str, int]]:
    """The marks of ``gap`` that lie inside the sentences ``spans``, with their places."""
    return [
        (m.group(), m.start())
        for m in _MARK_RE.finditer(text, *gap)
        if any(start <= m.start() and m.end() <= end for start, end in spans)
    ]


def _fold(mark: str) -> str:
    """A mark with its style forgotten: every dash is "-", every quote ' or "."""
    if mark[0] in _DASHES:
        return "-"
    return fold_quotes(mark)


def _range(marks: list[tuple[str, int]]) -> Span | None:
    if not marks:
        return None
    last, last_at = marks[-1]
    return (marks[0][1], last_at + len(last))
