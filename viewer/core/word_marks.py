"""Order-free word evidence of a linked block: what became of every word on either side.

May import: the standard library, ``viewer.core.model`` and ``viewer.core.normalize``.
Must not import: Qt.

The in-order word diff (``worddiff``) turns a clause that moved inside a sentence into a
deletion plus an insertion. Here the words of the two sides are matched without that
constraint, in the spirit of Tichy's string-to-string correction with block moves (and of
git's ``--color-moved`` for lines): the longest shared phrases are taken first (greedy string
tiling), then shorter ones down to single content words. The largest set of phrases that keeps
its order on both sides (the heaviest common chain, weighed in words) is ``kept``; the other
phrases are ``moved``, each with its partner on the other side. In the stretches between kept
words, stop words left over are matched in order too ("take off" -> "take out": "take" kept).
What remains is ``replaced`` where both sides lost and gained words between the same kept
neighbours (the two runs share a group), else ``deleted`` or ``inserted``; a replacement that
spells the same letters ("U.S." for "US": the dots split the word) is kept instead.

Words are compared by a key: lower case, with quote style, apostrophes, dashes and other
punctuation falling between words, and thousands separators inside figures, ignored; so none of
those differences ever breaks a match, and none is marked (punctuation belongs to no run).
A phrase made of stop words alone ("of the") is never matched out of order: such words are
kept only in order, between kept neighbours.

Every word of the block's sentences lies in exactly one run; runs never cross a sentence's
end. The renderers (panes, HTML, CSV, terminal) all draw these marks.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import accumulate, pairwise
from typing import NamedTuple

from viewer.core.model import WORD_MARKS, Span, WordMarks, WordRun
from viewer.core.normalize import STOP_WORDS

KEPT, MOVED, REPLACED, DELETED, INSERTED = WORD_MARKS

# A word: a figure with its inner separators ("3,000", "2.5", "06:00"), or a run of letters and
# digits. Apostrophes and dashes split words ("Russia's" -> "Russia", "s"; "12-day" -> "12",
# "day"), so that a possessive gives the same words whichever apostrophe it is written with.
# (Possessive quantifiers: the same matches as greedy ones here, found faster.)
WORD_RE = re.compile(r"\d++(?:[.,:]\d+)*+|[^\W_]++")

# Past this many words on a side, each word is looked up among at most this many of its
# occurrences on the other side (those nearest the same relative place), so that a block of
# thousands of words with hundreds of repeats stays fast; shorter blocks are matched exhaustively.
LONG_SIDE_WORDS = 400
LONG_SIDE_OCCURRENCES = 16
# The in-order matching of left-over stop words between kept words skips gaps longer than this
# (a gap that long is a rewritten passage, and stop words in it are not evidence).
GAP_MAX_WORDS = 200
SHARE_DECIMALS = 4  # the carried share, rounded as the JSON format writes it
SMALL_CHAIN_TILES = 12  # up to this many shared phrases, the kept chain comes from a table
SMALL_TABLE_CELLS = 2500  # up to this many (words x words), stop words are paired by a table


# The same pattern in a group: ``split`` then gives the text between words and the words in
# turn, whose lengths add up (in C) to every word's offsets.
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")


class _Words(NamedTuple):
    starts: list[int]
    ends: list[int]
    keys: list[str]
    sentence_ends: list[int]  # for each of the block's sentences, the index after its last word


def word_key(word: str) -> str:
    """The form under which two words match: lower case; figures without thousands commas."""
    if word[0].isdigit():
        return word.replace(",", "")
    return word.lower()


def _keys(found: list[str]) -> list[str]:
    """``word_key`` of every word at once: commas occur inside figures only, and no word holds a
    space, so one join, replace and lower do them all."""
    joined = " ".join(found)
    if "," in joined:
        joined = joined.replace(",", "")
    return joined.lower().split()


def _words(text: str, spans: Sequence[Span]) -> _Words:
    if len(spans) == 1:  # most blocks: one sentence a side
        start, end = spans[0]
        parts = _SPLIT_RE.split(text[start:end])
        offsets = list(accumulate(map(len, parts), initial=start))
        words = parts[1::2]
        return _Words(offsets[1:-1:2], offsets[2::2], _keys(words), [len(words)])
    starts: list[int] = []
    ends: list[int] = []
    found: list[str] = []
    sentence_ends: list[int] = []
    for start, end in spans:
        parts = _SPLIT_RE.split(text[start:end])
        offsets = list(accumulate(map(len, parts), initial=start))
        starts += offsets[1:-1:2]
        ends += offsets[2::2]
        found += parts[1::2]
        sentence_ends.append(len(found))
    return _Words(starts, ends, _keys(found), sentence_ends)


def words_of(text: str, spans: Sequence[Span]) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word of the sentences ``spans`` of ``text``, in order."""
    found = _words(text, spans)
    return list(zip(found.starts, found.ends, found.keys, strict=True))


def is_content(key: str) -> bool:
    """A word that can carry a match on its own: not a stop word."""
    return key not in STOP_WORDS


def word_marks(
    left_text: str, left_spans: Sequence[Span], right_text: str, right_spans: Sequence[Span]
) -> WordMarks:
    """The word evidence of a block whose sentences are ``left_spans`` of ``left_text`` (the
    source) and ``right_spans`` of ``right_text`` (the rewrite), with the share carried over."""
    if len(left_spans) == len(right_spans) and all(
        left_text[s:e].strip() == right_text[s2:e2].strip()
        for (s, e), (s2, e2) in zip(left_spans, right_spans, strict=True)
    ):  # sentences kept verbatim: no need to find every word
        return WordMarks(_verbatim(left_text, left_spans), _verbatim(right_text, right_spans), 1.0)
    a = _words(left_text, left_spans)
    b = _words(right_text, right_spans)
    if a.keys == b.keys:  # case, quotes or punctuation changed only
        return WordMarks(_all_kept(a), _all_kept(b), 1.0)
    mark_a, mark_b, group_a, group_b = _match(a.keys, b.keys)
    total = len(a.keys) + len(b.keys)
    carried = mark_a.count(KEPT) + mark_a.count(MOVED) + mark_b.count(KEPT) + mark_b.count(MOVED)
    return WordMarks(
        _runs(a, mark_a, group_a),
        _runs(b, mark_b, group_b),
        round(carried / total, SHARE_DECIMALS) if total else 1.0,
    )


def _runs(words: _Words, marks: list[str], groups: list[int | None]) -> tuple[WordRun, ...]:
    runs: list[WordRun] = []
    starts, ends = words.starts, words.ends
    i = 0
    for sentence_end in words.sentence_ends:
        while i < sentence_end:
            mark, group = marks[i], groups[i]
            j = i + 1
            while j < sentence_end and marks[j] is mark and groups[j] == group:
                j += 1
            runs.append(WordRun(starts[i], ends[j - 1], mark, group))
            i = j
    return tuple(runs)


def _verbatim(text: str, spans: Sequence[Span]) -> tuple[WordRun, ...]:
    """One kept run per sentence, from its first to its last letter or digit (where its first
    and last words start and end: a word is a run of letters and digits)."""
    runs: list[WordRun] = []
    for start, end in spans:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start < end:
            runs.append(WordRun(start, end, KEPT, None))
    return tuple(runs)


def _all_kept(words: _Words) -> tuple[WordRun, ...]:
    runs: list[WordRun] = []
    first = 0
    for last in words.sentence_ends:
        if last > first:
            runs.append(WordRun(words.starts[first], words.ends[last - 1], KEPT, None))
        first = last
    return tuple(runs)


def _match(
    a: list[str], b: list[str]
) -> tuple[list[str], list[str], list[int | None], list[int | None]]:
    """Marks and groups of every word of ``a`` and of ``b`` (lists of word keys)."""
    n, m = len(a), len(b)
    mark_a: list[str | None] = [None] * n
    mark_b: list[str | None] = [None] * m
    group_a: list[int | None] = [None] * n
    group_b: list[int | None] = [None] * m
    tiles = _tiles(a, b)
    kept = _heaviest_chain(tiles)
    kept_set = set(kept)
    group = 0
    for tile in tiles:
        i, j, length = tile
        if tile in kept_set:
            mark_a[i : i + length] = [KEPT] * length
            mark_b[j : j + length] = [KEPT] * length
        else:
            group += 1
            mark_a[i : i + length] = [MOVED] * length
            mark_b[j : j + length] = [MOVED] * length
            group_a[i : i + length] = [group] * length
            group_b[j : j + length] = [group] * length
    # Kept phrases are in order on both sides: stop words between them may be kept too.
    kept = _match_gaps(a, b, mark_a, mark_b, kept)
    lost = _unmatched_runs(mark_a) if None in mark_a else []
    gained = _unmatched_runs(mark_b) if None in mark_b else []
    pairs = []
    if lost and gained:
        partner_a: dict[int, int] = {}
        for i, j, length in tiles + [tile for tile in kept if tile not in kept_set]:
            partner_a.update(zip(range(i, i + length), range(j, j + length), strict=True))
        pairs = _replacements(lost, gained, partner_a, n, m)
        if pairs:
            pairs = _keep_respelled(a, b, mark_a, mark_b, pairs)
    for left_run, right_run in pairs:
        group += 1
        for x in range(*left_run):
            mark_a[x] = REPLACED
            group_a[x] = group
        for y in range(*right_run):
            mark_b[y] = REPLACED
            group_b[y] = group
    for start, end in lost:
        for x in range(start, end):
            if mark_a[x] is None:
                mark_a[x] = DELETED
    for start, end in gained:
        for y in range(start, end):
            if mark_b[y] is None:
                mark_b[y] = INSERTED
    return mark_a, mark_b, group_a, group_b  # type: ignore[return-value]


def _unmatched_runs(marks: list[str | None]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for x, mark in enumerate(marks):
        if mark is None and start is None:
            start = x
        elif mark is not None and start is not None:
            runs.append((start, x))
            start = None
    if start is not None:
        runs.append((start, len(marks)))
    return runs


def _replacements(
    lost: list[tuple[int, int]],
    gained: list[tuple[int, int]],
    partner_a: dict[int, int],
    n: int,
    m: int,
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Words lost and words gained that took their place: a run of the source and a run of the
    rewrite between the same carried-over words (the word before one is the partner of the
    word before the other, or likewise the word after). A shared word outweighs a shared edge
    of the block; each run is paired once."""
    if not lost or not gained:
        return []
    by_before = {start - 1: (start, end) for start, end in gained}
    by_after = {end: (start, end) for start, end in gained}
    scored: list[tuple[int, int, tuple[int, int], tuple[int, int]]] = []
    for start, end in lost:
        before = partner_a.get(start - 1, -1) if start > 0 else -1
        after = partner_a.get(end, m) if end < n else m
        candidates: dict[tuple[int, int], int] = {}
        if before in by_before:
            candidates[by_before[before]] = 2 if before >= 0 else 1
        if after in by_after:
            run = by_after[after]
            candidates[run] = candidates.get(run, 0) + (2 if after < m else 1)
        for run, score in candidates.items():
            scored.append((-score, start, (start, end), run))
    scored.sort()
    taken_left: set[tuple[int, int]] = set()
    taken_right: set[tuple[int, int]] = set()
    pairs = []
    for _, _, left_run, right_run in scored:
        if left_run not in taken_left and right_run not in taken_right:
            taken_left.add(left_run)
            taken_right.add(right_run)
            pairs.append((left_run, right_run))
    return pairs


def _keep_respelled(
    a: list[str],
    b: list[str],
    mark_a: list[str | None],
    mark_b: list[str | None],
    pairs: list[tuple[tuple[int, int], tuple[int, int]]],
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Mark kept the replacements that spell the same letters in other words ("U.S." and
    "US", "e-mail" and "email": dots and dashes split words) and stand between the same kept
    words; return the other pairs."""
    kept_before_a = list(accumulate((mark is KEPT for mark in mark_a), initial=0))
    kept_before_b = list(accumulate((mark is KEPT for mark in mark_b), initial=0))
    left_over = []
    for left_run, right_run in pairs:
        (i, i_end), (j, j_end) = left_run, right_run
        if kept_before_a[i] == kept_before_b[j] and "".join(a[i:i_end]) == "".join(b[j:j_end]):
            mark_a[i:i_end] = [KEPT] * (i_end - i)
            mark_b[j:j_end] = [KEPT] * (j_end - j)
        else:
            left_over.append((left_run, right_run))
    return left_over


def _tiles(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Greedy string tiling: non-overlapping shared phrases (i, j, length), longest first, each
    holding at least one content word. Ties go to the phrase nearest the same relative place
    on both sides, so repeated words pair up in order."""
    n, m = len(a), len(b)
    stop = STOP_WORDS
    where: dict[str, list[int]] = {}  # content words only: a stop word never starts a tile
    for j, key in enumerate(b):
        if key not in stop:
            where.setdefault(key, []).append(j)
    long_side = n > LONG_SIDE_WORDS or m > LONG_SIDE_WORDS
    heap: list[tuple[int, int, int, int]] = []
    reach: dict[int, int] = {}  # diagonal i - j -> end on a of the maximal match found on it
    for i, key in enumerate(a):
        if key in stop:
            continue
        places = where.get(key)
        if not places:
            continue
        if long_side and len(places) > LONG_SIDE_OCCURRENCES:
            places = _nearest(places, i * m // max(n, 1))
        for j in places:
            if reach.get(i - j, -1) > i:
                continue  # inside a maximal match already found
            start_i, start_j = i, j
            while start_i and start_j and a[start_i - 1] == b[start_j - 1]:
                start_i -= 1
                start_j -= 1
            end_i, end_j = i + 1, j + 1
            while end_i < n and end_j < m and a[end_i] == b[end_j]:
                end_i += 1
                end_j += 1
            reach[i - j] = end_i
            heap.append((start_i - end_i, abs(start_i * m - start_j * n), start_i, start_j))
    heapq.heapify(heap)
    free_a = [True] * n
    free_b = [True] * m
    tiles: list[tuple[int, int, int]] = []
    while heap:
        negative_length, _, i, j = heapq.heappop(heap)
        length = -negative_length
        if all(free_a[i : i + length]) and all(free_b[j : j + length]):
            tiles.append((i, j, length))
            free_a[i : i + length] = [False] * length
            free_b[j : j + length] = [False] * length
            continue
        stretch_start = None
        pieces: list[tuple[int, int]] = []
        for k in range(length + 1):
            free = k < length and free_a[i + k] and free_b[j + k]
            if free and stretch_start is None:
                stretch_start = k
            elif not free and stretch_start is not None:
                pieces.append((stretch_start, k))
                stretch_start = None
        for start, end in pieces:  # what is still free goes back, shorter
            if any(key not in stop for key in a[i + start : i + end]):
                si, sj = i + start, j + start
                heapq.heappush(heap, (start - end, abs(si * m - sj * n), si, sj))
    return tiles


def _nearest(places: list[int], target: int) -> list[int]:
    at = bisect_left(places, target)
    low = max(0, at - LONG_SIDE_OCCURRENCES // 2)
    return places[low : low + LONG_SIDE_OCCURRENCES]


def _heaviest_chain(tiles: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The tiles in order on both sides whose words add up to the most (kept); the rest moved.

    Tiles never overlap, so ordering them by ``i`` and asking for increasing ``j`` is enough: a
    heaviest increasing subsequence, with a Fenwick tree of prefix maxima over ``j``'s rank.
    """
    if len(tiles) <= 1:
        return list(tiles)
    ordered = sorted(tiles)
    if len(ordered) <= SMALL_CHAIN_TILES:  # the usual case: a plain table is cheaper
        return _heaviest_chain_small(ordered)
    ranks = {j: rank for rank, j in enumerate(sorted(j for _, j, _ in ordered), start=1)}
    size = len(ordered)
    tree_weight = [0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best_weight = [0] * size
    previous = [-1] * size
    for index, (_, j, length) in enumerate(ordered):
        rank = ranks[j]
        weight, before = 0, -1
        at = rank - 1
        while at > 0:
            if tree_weight[at] > weight:
                weight, before = tree_weight[at], tree_index[at]
            at -= at & -at
        best_weight[index] = weight + length
        previous[index] = before
        at = rank
        while at <= size:
            if best_weight[index] > tree_weight[at]:
                tree_weight[at], tree_index[at] = best_weight[index], index
            at += at & -at
    index = max(range(size), key=best_weight.__getitem__)
    chain = []
    while index >= 0:
        chain.append(ordered[index])
        index = previous[index]
    chain.reverse()
    return chain


def _heaviest_chain_small(ordered: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    best: list[int] = []
    previous: list[int] = []
    for index, (_, j, length) in enumerate(ordered):
        weight, before = 0, -1
        for other in range(index):
            if ordered[other][1] < j and best[other] > weight:
                weight, before = best[other], other
        best.append(weight + length)
        previous.append(before)
    index = max(range(len(ordered)), key=best.__getitem__)
    chain = []
    while index >= 0:
        chain.append(ordered[index])
        index = previous[index]
    chain.reverse()
    return chain


def _match_gaps(
    a: list[str],
    b: list[str],
    mark_a: list[str | None],
    mark_b: list[str | None],
    kept: list[tuple[int, int, int]],
) -> list[tuple[int, int, int]]:
    """Between consecutive kept phrases, the left-over words (stop words: every shared content
    word is in a phrase already) that match in order become kept as well. Returns every kept
    phrase, these single words included, in order."""
    n, m = len(a), len(b)
    found: list[tuple[int, int, int]] = []
    for (i, j, length), (next_i, next_j, _) in pairwise([(0, 0, 0), *kept, (n, m, 0)]):
        if next_i - i - length <= 0 or next_j - j - length <= 0:
            continue
        lost = [x for x in range(i + length, next_i) if mark_a[x] is None]
        if not lost or len(lost) > GAP_MAX_WORDS:
            continue
        gained = [y for y in range(j + length, next_j) if mark_b[y] is None]
        if not gained or len(gained) > GAP_MAX_WORDS:
            continue
        keys_lost = [a[x] for x in lost]
        keys_gained = [b[y] for y in gained]
        if set(keys_lost).isdisjoint(keys_gained):
            continue
        for x, y in _common_subsequence(keys_lost, keys_gained):
            mark_a[lost[x]] = KEPT
            mark_b[gained[y]] = KEPT
            found.append((lost[x], gained[y], 1))
    if not found:
        return kept
    return sorted(kept + found)


def _common_subsequence(x: list[str], y: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of two short word lists (a table; gaps
    between kept words hold a few words), or of difflib's matching blocks for long ones."""
    if len(x) * len(y) > SMALL_TABLE_CELLS:
        matcher = SequenceMatcher(None, x, y, autojunk=False)
        return [(i + k, j + k) for i, j, size in matcher.get_matching_blocks() for k in range(size)]
    width = len(y) + 1
    table = [0] * ((len(x) + 1) * width)  # table[i * width + j]: LCS of x[i:] and y[j:]
    for i in range(len(x) - 1, -1, -1):
        row, below = i * width, (i + 1) * width
        xi = x[i]
        for j in range(len(y) - 1, -1, -1):
            if xi == y[j]:
                table[row + j] = table[below + j + 1] + 1
            else:
                right, down = table[row + j + 1], table[below + j]
                table[row + j] = right if right > down else down
    pairs = []
    i = j = 0
    while i < len(x) and j < len(y):
        if x[i] == y[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif table[(i + 1) * width + j] >= table[i * width + j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def run_problem(text: str, spans: Sequence[Span], runs: Sequence[WordRun]) -> str | None:
    """Why ``runs`` are not valid marks of the sentences ``spans`` of ``text``, or None.

    Valid runs are in text order, each inside one of the sentences, with a known mark and a
    group exactly when the mark is moved or replaced, and every word lies in exactly one run.
    """
    words = _words(text, spans)
    at = 0  # next word to cover
    count = len(words.starts)
    previous_end = -1
    for number, run in enumerate(runs):
        start, end, mark, group = run
        if mark not in WORD_MARKS:
            return f"run {number} has the unknown mark {mark!r}"
        if (group is None) != (mark in (KEPT, DELETED, INSERTED)):
            return f"run {number} ({mark}) must have a group only if moved or replaced"
        if not start < end or start < previous_end:
            return f"run {number} is empty or out of order"
        if not any(s <= start and end <= e for s, e in spans):
            return f"run {number} is not inside one of the block's sentences"
        if at >= count or words.starts[at] != start:
            return f"run {number} does not start at a word"
        while at < count and words.ends[at] <= end:
            at += 1
        if words.ends[at - 1] != end:
            return f"run {number} does not end at a word"
        previous_end = end
    if at != count:
        return "not every word is in a run"
    return None


Piece = tuple[str, str | None, int | None]
"""A piece of a sentence as drawn: (text, mark or None between runs, group or None)."""


def sentence_pieces(text: str, span: Span, runs: Sequence[WordRun]) -> list[Piece]:
    """The sentence ``span`` of ``text``, stripped of surrounding whitespace, cut at the runs
    inside it. Text between runs (spaces, punctuation) comes as pieces without a mark. The
    views, the HTML page and the terminal report all draw a block through this."""
    start, end = span
    sentence = text[start:end]
    start += len(sentence) - len(sentence.lstrip())
    end -= len(sentence) - len(sentence.rstrip())
    pieces: list[Piece] = []
    at = start
    for run_start, run_end, mark, group in runs:
        if run_end <= start or run_start >= end:
            continue
        if run_start > at:
            pieces.append((text[at:run_start], None, None))
        pieces.append((text[run_start:run_end], mark, group))
        at = run_end
    if at < end:
        pieces.append((text[at:end], None, None))
    return pieces


def carried_share(
    left_text: str,
    left_spans: Sequence[Span],
    left_runs: Sequence[WordRun],
    right_text: str,
    right_spans: Sequence[Span],
    right_runs: Sequence[WordRun],
) -> float:
    """The share of the words of both sides that valid ``runs`` mark kept or moved."""
    carried = total = 0
    for text, spans, runs in (
        (left_text, left_spans, left_runs),
        (right_text, right_spans, right_runs),
    ):
        total += len(_words(text, spans).keys)
        carried += sum(
            len(WORD_RE.findall(text, start, end))
            for start, end, mark, _ in runs
            if mark in (KEPT, MOVED)
        )
    return round(carried / total, SHARE_DECIMALS) if total else 1.0
