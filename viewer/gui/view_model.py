"""What each pane shows for a comparison, as plain data the view turns into formats.

May import: the standard library and ``viewer.core``. Must not import: Qt. Everything here is
built from plain tuples so the compare worker can call ``prepare_view_model`` off the GUI thread
and hand the result over. Offsets in ``PaneModel`` are UTF-16 code units, the unit of
``QTextDocument`` positions, so characters above U+FFFF (emoji) never shift a highlight.
"""

from __future__ import annotations

import queue
import re
import sys
import threading
import time
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from viewer.core.confidence import is_tentative, without_tentative
from viewer.core.kinds import kind_word
from viewer.core.model import SIDES, Block, Comparison, Document, Kind, Side
from viewer.core.punctuation_changes import block_punctuation_changes

ROLE_TINT = 0  # the sentence's background (and kept words)
ROLE_DELETED = 1  # words of the source that the rewrite dropped or replaced
ROLE_INSERTED = 2  # words of the rewrite that are not in the source (or replace source words)
ROLE_MOVED = 3  # words carried over, but standing at another place on the other side

# The role a word mark takes in a pane; kept words are plain tint.
_MARK_ROLES = {
    "deleted": ROLE_DELETED,
    "inserted": ROLE_INSERTED,
    "moved": ROLE_MOVED,
}

PARAGRAPH_BREAK = "\n\n"  # an empty line between paragraphs, as in a plain-text article
LINKED = (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL)

# Characters a QTextDocument would take as a line or paragraph break, or cannot hold; replaced
# one for one so that offsets stay the same.
_BREAKS = str.maketrans(
    {"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x00": "\ufffd", "\x0b": " ", "\x0c": " "}
)


# Qt lays a paragraph out all at once, in time that grows faster than its length: a paragraph
# of megabytes (a text without line breaks) or a word of 100,000 letters froze the window for
# seconds to minutes. Longer paragraphs are shown as several, each within these limits.
MAX_SHOWN_PARAGRAPH_CHARS = 10_000
MAX_SHOWN_WORD_CHARS = 2_000
# Both panes of a comparison, and of the one shown before it (the lexical result stays on screen
# while matching by meaning refines it; a filter changed on the GUI thread reuses the text).
SHOWN_TEXTS_REMEMBERED = 4
_SHOWN: dict[str, str] = {}
_SHOWN_LOCK = threading.Lock()


def shown_text(text: str) -> str:
    """``text`` as a pane shows it: no paragraph over ``MAX_SHOWN_PARAGRAPH_CHARS`` characters
    and no run without spaces over ``MAX_SHOWN_WORD_CHARS``.

    A long paragraph is broken where a sentence ends if one is near the limit, else at a space;
    a long run of letters is broken anywhere. Each break replaces one character (a space where
    there is one) by a line break, so every position, in characters and in UTF-16 units, stays
    where it was: sentence offsets need no mapping.

    Breaking up megabytes takes a fifth of a second: the last few texts broken up are
    remembered, so the worker thread that prepares a comparison does the work and the GUI
    thread, showing it, finds it done.
    """
    if len(text) <= MAX_SHOWN_WORD_CHARS or max(map(len, text.split("\n"))) <= MAX_SHOWN_WORD_CHARS:
        return text  # every paragraph is short (the usual case: one quick pass)
    with _SHOWN_LOCK:
        known = _SHOWN.get(text)
    if known is None:
        known = _broken_up(text)
        with _SHOWN_LOCK:
            _SHOWN[text] = known
            while len(_SHOWN) > SHOWN_TEXTS_REMEMBERED:
                del _SHOWN[next(iter(_SHOWN))]  # the oldest
    return known


def _broken_up(text: str) -> str:
    cuts: list[int] = []
    for match in _LONG_RUN_RE.finditer(text):
        for cut in range(match.start() + MAX_SHOWN_WORD_CHARS, match.end(), MAX_SHOWN_WORD_CHARS):
            one_unit = _one_unit_near(text, cut)
            if one_unit is not None:
                cuts.append(one_unit)
    shown = _with_breaks(text, cuts)
    cuts = []
    for match in _LONG_PARAGRAPH_RE.finditer(shown):
        position, end = match.start(), match.end()
        while end - position > MAX_SHOWN_PARAGRAPH_CHARS:
            floor = position + MAX_SHOWN_PARAGRAPH_CHARS // 2
            limit = position + MAX_SHOWN_PARAGRAPH_CHARS
            cut = shown.rfind(". ", floor, limit)
            cut = cut + 1 if cut >= 0 else shown.rfind(" ", position + 1, limit)
            if cut < 0:  # runs of wide characters that could not be broken: leave it
                break
            cuts.append(cut)
            position = cut + 1
    return _with_breaks(shown, cuts)


def _with_breaks(text: str, cuts: list[int]) -> str:
    if not cuts:
        return text
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        pieces.append(text[last:cut])
        last = cut + 1
    pieces.append(text[last:])
    return "\n".join(pieces)


_LONG_PARAGRAPH_RE = re.compile(rf"^[^\n]{{{MAX_SHOWN_PARAGRAPH_CHARS + 1},}}", re.MULTILINE)
_LONG_RUN_RE = re.compile(rf"(?<!\S)\S{{{MAX_SHOWN_WORD_CHARS + 1},}}")


def _one_unit_near(text: str, position: int) -> int | None:
    """``position``, or a neighbour, holding a character of one UTF-16 unit (not an emoji)."""
    for candidate in range(position, max(-1, position - 16), -1):
        if ord(text[candidate]) <= 0xFFFF:
            return candidate
    return None


@dataclass(frozen=True)
class ViewFilters:
    """Which blocks the panes leave out: unmoved verbatim ones, whole kinds, page furniture,
    and (with ``facts_only``) every pair without a changed fact; whether tentative links
    are shown (hidden, they are shown undone); and whether punctuation changes are drawn."""

    hide_identical: bool = False
    show_boilerplate: bool = True
    hidden_kinds: frozenset[Kind] = frozenset()
    show_tentative: bool = True
    facts_only: bool = False
    # Not a filter but a layer drawn over the panes: with it on, the punctuation changes are
    # found along with the view model, off the window's thread.
    show_punctuation: bool = False


@dataclass(frozen=True)
class HiddenRun:
    """Where a pane left out consecutive sentences: a one-line marker ``[start, end)`` says so."""

    start: int  # UTF-16
    end: int
    count: int
    text: str


@dataclass(frozen=True)
class Run:
    """A styled range of a pane's text: ``[start, end)`` in UTF-16 units."""

    start: int
    end: int
    kind: Kind
    role: int
    boilerplate: bool
    tentative: bool = False  # in a tentative link: drawn lighter


@dataclass(frozen=True)
class PairedWords:
    """A moved or replaced word run of a pane: ``[start, end)`` in UTF-16 units, and the
    block and group that name its partner run(s) in the other pane."""

    start: int
    end: int
    block: int
    group: int
    kind: Kind  # the block's
    moved: bool  # moved (drawn dotted), else replaced


@dataclass(frozen=True)
class PunctuationMark:
    """A punctuation, quote style, dash or case change shown in a pane: ``[start, end)`` in
    UTF-16 units, and its kind (one of ``viewer.core.punctuation_changes.PUNCTUATION_KINDS``)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class PaneModel:
    """The text of one pane and where each of its shown sentences is."""

    text: str
    sentences: tuple[int, ...]  # document sentence indices, in display order
    starts: tuple[int, ...]  # UTF-16 start of each shown sentence
    ends: tuple[int, ...]
    runs: tuple[Run, ...]
    length16: int
    hidden_runs: tuple[HiddenRun, ...] = ()
    paired: tuple[PairedWords, ...] = ()  # moved and replaced runs, ascending

    @cached_property
    def paired_starts(self) -> list[int]:
        return [p.start for p in self.paired]

    def paired_at(self, position: int) -> int | None:
        """Index in ``paired`` of the run holding UTF-16 ``position``, or None."""
        i = bisect_right(self.paired_starts, position) - 1
        if i >= 0 and position < self.paired[i].end:
            return i
        return None

    def partners(self, block: int, group: int) -> list[PairedWords]:
        """The runs of this pane with the given block and group."""
        return [p for p in self.paired if p.block == block and p.group == group]

    @cached_property
    def shown(self) -> str:
        """``text`` as the pane shows it (``shown_text``): the same length in characters and
        in UTF-16 units, some spaces or letters of very long paragraphs and words turned into
        line breaks."""
        return shown_text(self.text)

    def slot_of(self, sentence: int) -> int | None:
        """Position of ``sentence`` in ``sentences`` (they ascend), or None when hidden."""
        i = bisect_right(self.sentences, sentence) - 1
        return i if i >= 0 and self.sentences[i] == sentence else None

    def slot_at(self, position: int) -> int | None:
        """The shown sentence whose text holds UTF-16 ``position`` (its end included)."""
        i = bisect_right(self.starts, position) - 1
        if i >= 0 and position <= self.ends[i]:
            return i
        return None


@dataclass(frozen=True)
class Anchor:
    """A linked, unmoved block shown on both sides: the points linked scrolling maps through."""

    source_start: int
    source_end: int
    rewrite_start: int
    rewrite_end: int


class ChangeMark(NamedTuple):
    """A changed block's place in a pane, as shares (0..1) of the pane's text."""

    start: float
    end: float
    kind: Kind
    block: int


# When ruler marks share a row, the one that matters most to a reader wins.
MARK_PRIORITY = {
    Kind.IDENTICAL: 0,
    Kind.EDITED: 1,
    Kind.PARAPHRASE: 2,
    Kind.PARTIAL: 3,
    Kind.ADDED: 4,
    Kind.OMITTED: 5,
}
RULER_ROWS = 2048  # finer than any ruler is tall in pixels


def _ruler_rows(marks: tuple[ChangeMark, ...]) -> tuple[ChangeMark, ...]:
    if len(marks) <= RULER_ROWS:
        return marks
    rows: dict[int, ChangeMark] = {}
    for mark in marks:
        last = min(RULER_ROWS - 1, int(mark.end * RULER_ROWS))
        for row in range(min(last, int(mark.start * RULER_ROWS)), last + 1):
            there = rows.get(row)
            if there is None or MARK_PRIORITY[mark.kind] > MARK_PRIORITY[there.kind]:
                rows[row] = mark
    merged: list[ChangeMark] = []
    for row in sorted(rows):
        mark = rows[row]
        start, end = row / RULER_ROWS, (row + 1) / RULER_ROWS
        if merged and merged[-1].kind is mark.kind and merged[-1].end == start:
            merged[-1] = merged[-1]._replace(end=end)
        else:
            merged.append(ChangeMark(start, end, mark.kind, mark.block))
    return tuple(merged)


@dataclass(frozen=True)
class ViewModel:
    comparison: Comparison
    hide_identical: bool
    show_boilerplate: bool
    source: PaneModel
    rewrite: PaneModel
    source_block: tuple[int, ...]  # block index of every source sentence
    rewrite_block: tuple[int, ...]
    visible_blocks: tuple[int, ...]  # blocks with a sentence shown, reading order
    changes: tuple[int, ...]  # shown blocks that are not unmoved verbatim, reading order
    anchors: tuple[Anchor, ...]  # ascending on both sides
    hidden_kinds: frozenset[Kind] = frozenset()
    # With tentative links hidden, ``comparison`` is the compared one with them undone;
    # ``compared`` is always the comparison the view was given.
    show_tentative: bool = True
    compared: Comparison | None = None
    facts_only: bool = False  # only the pairs with a changed fact are shown

    def pane(self, side: Side) -> PaneModel:
        return self.source if side is Side.SOURCE else self.rewrite

    def punctuation(self, side: Side) -> tuple[PunctuationMark, ...]:
        """The punctuation changes of the shown linked blocks in ``side``'s pane, ascending.
        Found on the first request (View ▸ Show Punctuation Changes), then kept."""
        return self._punctuation[0 if side is Side.SOURCE else 1]

    @cached_property
    def _punctuation(self) -> tuple[tuple[PunctuationMark, ...], tuple[PunctuationMark, ...]]:
        found: tuple[list[PunctuationMark], list[PunctuationMark]] = ([], [])
        comparison = self.comparison
        for number in self.visible_blocks:
            block = comparison.blocks[number]
            for change in block_punctuation_changes(comparison, block):
                for index, side, span in (
                    (0, Side.SOURCE, change.source),
                    (1, Side.REWRITE, change.rewrite),
                ):
                    if span is not None:
                        mark = self._pane_range(side, block.sentences(side), span, change.kind)
                        if mark is not None:
                            found[index].append(mark)
        return (
            tuple(sorted(found[0], key=lambda m: m.start)),
            tuple(sorted(found[1], key=lambda m: m.start)),
        )

    def _pane_range(
        self, side: Side, sentences: tuple[int, ...], span: tuple[int, int], kind: str
    ) -> PunctuationMark | None:
        """Where the document range ``span`` (inside one of ``sentences``) is in the pane."""
        doc = self.comparison.document(side)
        pane = self.pane(side)
        start, end = span
        for i in sentences:
            sentence_start, sentence_end = doc.sentences[i]
            if sentence_start <= start < sentence_end:
                slot = pane.slot_of(i)
                if slot is None:
                    return None
                text = doc.text
                start16 = pane.starts[slot] + utf16_len(text[sentence_start:start])
                end16 = start16 + utf16_len(text[start : min(end, sentence_end)])
                return PunctuationMark(start16, end16, kind)
        return None

    def block_of(self, side: Side, sentence: int) -> int:
        return (self.source_block if side is Side.SOURCE else self.rewrite_block)[sentence]

    def map_position(self, side: Side, position: int) -> int:
        """Map a UTF-16 position of ``side`` to the matching one of the other side.

        Positions inside an anchor interpolate inside its partner; positions between two
        anchors interpolate across the gap, so scrolling one pane moves the other smoothly.
        """
        xs, ys = self._source_to_rewrite if side is Side.SOURCE else self._rewrite_to_source
        return _interpolate(xs, ys, position)

    def change_marks(self, side: Side) -> tuple[ChangeMark, ...]:
        """Where the changed blocks of ``side`` are in its pane, for the overview ruler."""
        return self._source_marks if side is Side.SOURCE else self._rewrite_marks

    @cached_property
    def _source_marks(self) -> tuple[ChangeMark, ...]:
        return self._marks_of(Side.SOURCE)

    @cached_property
    def _rewrite_marks(self) -> tuple[ChangeMark, ...]:
        return self._marks_of(Side.REWRITE)

    def ruler_marks(self, side: Side) -> tuple[ChangeMark, ...]:
        """The change marks as the overview ruler paints them: as they are when they are few;
        when there are thousands, merged into ``RULER_ROWS`` rows of equal share, each row
        showing the kind that matters most there (``MARK_PRIORITY``), so that painting a pane of
        200,000 changed sentences does not go through each of them."""
        return self._source_ruler if side is Side.SOURCE else self._rewrite_ruler

    @cached_property
    def _source_ruler(self) -> tuple[ChangeMark, ...]:
        return _ruler_rows(self.change_marks(Side.SOURCE))

    @cached_property
    def _rewrite_ruler(self) -> tuple[ChangeMark, ...]:
        return _ruler_rows(self.change_marks(Side.REWRITE))

    def _marks_of(self, side: Side) -> tuple[ChangeMark, ...]:
        pane = self.pane(side)
        total = max(1, pane.length16)
        blocks = self.comparison.blocks
        marks = []
        for b in self.changes:
            if blocks[b].boilerplate:
                continue  # page furniture is not a change of the article: no mark
            slots = [
                s for s in (pane.slot_of(i) for i in blocks[b].sentences(side)) if s is not None
            ]
            if slots:
                start, end = pane.starts[slots[0]] / total, pane.ends[slots[-1]] / total
                marks.append(ChangeMark(start, end, blocks[b].kind, b))
        marks.sort()
        return tuple(marks)

    @cached_property
    def _source_to_rewrite(self) -> tuple[list[int], list[int]]:
        xs, ys = [0], [0]
        for a in self.anchors:
            xs += (a.source_start, a.source_end)
            ys += (a.rewrite_start, a.rewrite_end)
        xs.append(self.source.length16)
        ys.append(self.rewrite.length16)
        return xs, ys

    @cached_property
    def _rewrite_to_source(self) -> tuple[list[int], list[int]]:
        xs, ys = self._source_to_rewrite
        return ys, xs


def _interpolate(xs: list[int], ys: list[int], x: int) -> int:
    i = bisect_right(xs, x) - 1
    if i < 0:
        return ys[0]
    if i >= len(xs) - 1:
        return ys[-1]
    x0, y0, x1, y1 = xs[i], ys[i], xs[i + 1], ys[i + 1]
    if x1 <= x0:
        return y1
    return round(y0 + (y1 - y0) * (x - x0) / (x1 - x0))


def utf16_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _utf16_offsets(text: str) -> list[int] | None:
    """``offsets[i]`` is the UTF-16 offset of str index ``i``; None when they are equal."""
    if text.isascii() or utf16_len(text) == len(text):
        return None
    offsets, pos = [], 0
    for ch in text:
        offsets.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    offsets.append(pos)
    return offsets


def _paragraph_of(doc: Document) -> list[int]:
    if doc.paragraphs:
        starts = [p[0] for p in doc.paragraphs]
        return [bisect_right(starts, s) - 1 for s, _ in doc.sentences]
    result, para, prev_end = [], 0, None
    for s, e in doc.sentences:
        if prev_end is not None and "\n" in doc.text[prev_end:s]:
            para += 1
        result.append(para)
        prev_end = e
    return result


def _change_ranges(comparison: Comparison) -> tuple[dict[int, list], dict[int, list]]:
    """Marked word ranges per sentence, both sides, from each block's word marks: (start, end)
    inside the sentence as str offsets, the role, the block index and the group (or None)."""
    source_changes: dict[int, list] = {}
    rewrite_changes: dict[int, list] = {}
    for number, block in enumerate(comparison.blocks):
        words = block.words
        if words is None:
            continue
        for doc, indices, runs, role_of_replaced, out in (
            (comparison.source, block.source, words.source, ROLE_DELETED, source_changes),
            (comparison.rewrite, block.rewrite, words.rewrite, ROLE_INSERTED, rewrite_changes),
        ):
            sentence_at = 0
            for start, end, mark, group in runs:
                role = role_of_replaced if mark == "replaced" else _MARK_ROLES.get(mark)
                if role is None and group is None:
                    continue  # kept: the sentence's own tint
                while doc.sentences[indices[sentence_at]][1] < end:
                    sentence_at += 1  # runs are in text order, each inside one sentence
                i = indices[sentence_at]
                offset = doc.sentences[i][0]
                out.setdefault(i, []).append((start - offset, end - offset, role, number, group))
    return source_changes, rewrite_changes


def is_change(block: Block) -> bool:
    """Whether navigation stops at ``block``: anything but an unmoved verbatim sentence, and
    never page furniture, which no figure counts either."""
    return (block.kind is not Kind.IDENTICAL or block.moved) and not block.boilerplate


def is_identical_in_place(block: Block) -> bool:
    """What View ▸ Hide Identical Sentences hides: unmoved verbatim article sentences."""
    return block.kind is Kind.IDENTICAL and not block.moved and not block.boilerplate


def _hidden_reason(
    block: Block,
    hide_identical: bool,
    show_boilerplate: bool,
    hidden_kinds: frozenset[Kind],
    facts_only: bool = False,
) -> str | None:
    """Why ``block`` is left out, as the marker's noun ("identical"), or None when shown."""
    if block.boilerplate:
        return None if show_boilerplate else FURNITURE
    if hide_identical and is_identical_in_place(block):
        return "identical"
    if block.kind in hidden_kinds:
        return kind_word(block.kind)
    if facts_only and not block.facts:
        return FACTS_KEPT
    return None


FURNITURE = "furniture"  # left out without a marker: the toolbar's toggle says so already
FACTS_KEPT = "facts kept"  # left out by View > Changed Facts


def hidden_run_text(count: int, reasons: list[str]) -> str:
    """The marker of a run: ``"⋯ 7 identical sentences ⋯"``."""
    noun = "sentence" if count == 1 else "sentences"
    kinds = sorted(set(reasons))
    if kinds == [FACTS_KEPT]:
        return f"⋯ {count:,} {noun} without a changed fact ⋯"
    what = kinds[0] if len(kinds) == 1 else "hidden"
    return f"⋯ {count:,} {what} {noun} ⋯"


def _build_pane(
    doc: Document,
    block_of: list[int],
    blocks: tuple[Block, ...],
    reasons: list[str | None],
    changes: dict[int, list],
) -> PaneModel:
    paragraph = _paragraph_of(doc)
    pieces: list[str] = []
    sentences, starts, ends, runs = [], [], [], []
    hidden_runs: list[HiddenRun] = []
    pending: list[str] = []  # reasons of the sentences hidden since the last one shown
    paired: list[PairedWords] = []
    pos16 = 0
    prev = None
    text = doc.text

    def put_marker(before: str, after: str) -> None:
        nonlocal pos16
        marker = hidden_run_text(len(pending), pending)
        pieces.append(before)
        pos16 += utf16_len(before)
        n16 = utf16_len(marker)
        hidden_runs.append(HiddenRun(pos16, pos16 + n16, len(pending), marker))
        pieces.append(marker + after)
        pos16 += n16 + utf16_len(after)
        pending.clear()

    for i, (s, e) in enumerate(doc.sentences):
        reason = reasons[i]
        if reason is not None:
            if reason != FURNITURE:
                pending.append(reason)
            continue
        if pending:
            put_marker(PARAGRAPH_BREAK if prev is not None else "", PARAGRAPH_BREAK)
            prev = None  # the marker is a paragraph of its own
        if prev is not None:
            if paragraph[prev] != paragraph[i]:
                sep = PARAGRAPH_BREAK
            else:
                gap = text[doc.sentences[prev][1] : s]
                stray = " ".join(gap.split())
                sep = f" {stray} " if stray else (" " if gap else "")
            pieces.append(sep)
            pos16 += utf16_len(sep)
        prev = i
        sentence = text[s:e].translate(_BREAKS)
        n16 = utf16_len(sentence)
        block = blocks[block_of[i]]
        boiler = block.boilerplate or i in doc.boilerplate
        weak = is_tentative(block)
        marks = changes.get(i)
        if marks:
            offsets = _utf16_offsets(sentence)
            cursor = 0
            for a, b, role, number, group in sorted(marks):
                if offsets is not None:
                    a, b = offsets[a], offsets[b]
                if a < cursor:
                    a = cursor
                if a >= b:
                    continue
                if a > cursor:
                    runs.append(Run(pos16 + cursor, pos16 + a, block.kind, ROLE_TINT, boiler, weak))
                runs.append(Run(pos16 + a, pos16 + b, block.kind, role, boiler, weak))
                if group is not None:
                    paired.append(
                        PairedWords(
                            pos16 + a, pos16 + b, number, group, block.kind, role == ROLE_MOVED
                        )
                    )
                cursor = b
            if cursor < n16:
                runs.append(Run(pos16 + cursor, pos16 + n16, block.kind, ROLE_TINT, boiler, weak))
        else:
            runs.append(Run(pos16, pos16 + n16, block.kind, ROLE_TINT, boiler, weak))
        pieces.append(sentence)
        sentences.append(i)
        starts.append(pos16)
        ends.append(pos16 + n16)
        pos16 += n16
    if pending:
        put_marker(PARAGRAPH_BREAK if sentences else "", "")
    return PaneModel(
        "".join(pieces),
        tuple(sentences),
        tuple(starts),
        tuple(ends),
        tuple(runs),
        pos16,
        tuple(hidden_runs),
        tuple(paired),
    )


def _block_of(count: int, blocks: tuple[Block, ...], side: Side) -> list[int]:
    result = [0] * count
    for b, block in enumerate(blocks):
        for i in block.sentences(side):
            if 0 <= i < count:
                result[i] = b
    return result


# Letting go of the view model of 200,000 sentences frees some million objects: 40 ms and more
# of the GUI thread. A view model replaced on screen is handed to a thread of its own instead,
# which drops it a moment later, once the view holds no other reference to it.
RELEASE_DELAY_S = 0.2
_released: queue.SimpleQueue[object] = queue.SimpleQueue()
_release_lock = threading.Lock()
_release_thread: threading.Thread | None = None


def release_later(model: object) -> None:
    """Keep ``model`` (plain data, no Qt object) alive until a thread of its own drops it."""
    global _release_thread
    if model is None:
        return
    with _release_lock:
        if _release_thread is None:
            _release_thread = threading.Thread(
                target=_drop_released, name="release-view-models", daemon=True
            )
            _release_thread.start()
    _released.put(model)


def _drop_released() -> None:
    while True:
        model = _released.get()
        time.sleep(RELEASE_DELAY_S)  # the view lets go of its own references meanwhile
        _dismantle(model)
        del model


RELEASE_DEPTH = 3


def _dismantle(item: object, depth: int = 0) -> None:
    """Drop ``item``'s attributes one at a time, and theirs, when nothing else refers to it: a
    single drop of the whole would hold the interpreter (and the GUI thread) for as long as
    freeing all of it takes; between two of these smaller drops the GUI thread gets its turn."""
    attributes = getattr(item, "__dict__", None)
    # the references: the caller's, this frame's and getrefcount's own
    if attributes is None or depth > RELEASE_DEPTH or sys.getrefcount(item) > 3:
        return
    for key in list(attributes):
        value = attributes.pop(key)
        _dismantle(value, depth + 1)
        del value


def prepare_filtered(comparison: Comparison, filters: ViewFilters) -> ViewModel:
    """``prepare_view_model`` with the filters of a request (and, when they are shown, the
    punctuation changes found)."""
    model = prepare_view_model(
        comparison,
        filters.hide_identical,
        filters.show_boilerplate,
        filters.hidden_kinds,
        show_tentative=filters.show_tentative,
        facts_only=filters.facts_only,
    )
    if filters.show_punctuation:
        model.punctuation(Side.SOURCE)  # found once for both panes, then kept
    return model


def prepare_view_model(
    comparison: Comparison,
    hide_identical: bool = False,
    show_boilerplate: bool = True,
    hidden_kinds: frozenset[Kind] = frozenset(),
    show_tentative: bool = True,
    facts_only: bool = False,
) -> ViewModel:
    """Lay out both panes' text, tints, changed words and navigation for ``comparison``.

    Without ``show_tentative``, tentative links are shown undone: their sentences as omitted
    and added, with no band between them.
    """
    compared = comparison
    if not show_tentative and comparison.summary.tentative_links:
        comparison = replace(comparison, blocks=without_tentative(comparison.blocks))
    blocks = comparison.blocks
    source_doc, rewrite_doc = comparison.source, comparison.rewrite
    source_block = _block_of(len(source_doc.sentences), blocks, Side.SOURCE)
    rewrite_block = _block_of(len(rewrite_doc.sentences), blocks, Side.REWRITE)
    hidden = [
        _hidden_reason(b, hide_identical, show_boilerplate, hidden_kinds, facts_only)
        for b in blocks
    ]

    def shown(doc: Document, block_of: list[int]) -> list[str | None]:
        return [
            hidden[block_of[i]]
            or (FURNITURE if not show_boilerplate and i in doc.boilerplate else None)
            for i in range(len(doc.sentences))
        ]

    source_shown = shown(source_doc, source_block)
    rewrite_shown = shown(rewrite_doc, rewrite_block)
    source_changes, rewrite_changes = _change_ranges(comparison)
    source = _build_pane(source_doc, source_block, blocks, source_shown, source_changes)
    rewrite = _build_pane(rewrite_doc, rewrite_block, blocks, rewrite_shown, rewrite_changes)

    visible, changes, anchors = [], [], []
    last_source = last_rewrite = -1
    for b, block in enumerate(blocks):
        sslots = [s for s in (source.slot_of(i) for i in block.source) if s is not None]
        rslots = [s for s in (rewrite.slot_of(i) for i in block.rewrite) if s is not None]
        if not sslots and not rslots:
            continue
        visible.append(b)
        if is_change(block):
            changes.append(b)
        if block.kind in LINKED and sslots and rslots and not block.moved:
            a = Anchor(
                source.starts[sslots[0]],
                source.ends[sslots[-1]],
                rewrite.starts[rslots[0]],
                rewrite.ends[rslots[-1]],
            )
            # Anchors must ascend on both sides, or scrolling would jump back and forth.
            if a.source_start >= last_source and a.rewrite_start >= last_rewrite:
                anchors.append(a)
                last_source, last_rewrite = a.source_end, a.rewrite_end
    model = ViewModel(
        comparison,
        hide_identical,
        show_boilerplate,
        source,
        rewrite,
        tuple(source_block),
        tuple(rewrite_block),
        tuple(visible),
        tuple(changes),
        tuple(anchors),
        frozenset(hidden_kinds),
        show_tentative,
        compared,
        facts_only,
    )
    # What showing it needs, done here: on the worker thread when the worker prepares it.
    for side in SIDES:
        _ = model.pane(side).shown, model.ruler_marks(side)
    return model
