"""How faithfully the word marks show reused wording, on the linked pairs of the seed articles.

For each comparison of seed 000 with 001, 002, 003 and 004 (``load_document`` on ``seeds/``,
``compare`` with the default options), over the blocks with sentences on both sides:

- A **word** is a match of ``viewer.core.word_marks.WORD_RE`` inside one of the block's
  sentences: a figure with its inner separators, or a run of letters and digits (apostrophes,
  dashes and other punctuation split words). Its **normalised form** is its lower-case text,
  figures without thousands commas (``word_marks.word_key``); quote style never matters, as
  quotes and apostrophes are not part of words.
- A **content word** is a word whose normalised form is not in ``normalize.STOP_WORDS``.
- A word **occurs on both sides** of a pair when its normalised form is the normalised form of
  at least one word of the other side's sentences in the same block; otherwise it **occurs on
  one side only**.

Two shares, counted over the words of both sides of every linked pair:

- *shared drawn as changed*: of the content words that occur on both sides, the share drawn as
  deleted, inserted or replaced (target <= 5 %);
- *unshared drawn as reused*: of the words (stop words included) that occur on one side only,
  the share drawn as kept or moved (target <= 2 %).

"after" is the block's word marks (``Block.words``), what every view draws. "before" is the
in-order word diff (``Block.diff``) as the views drew it until the marks existed: a word is
changed when any of its characters lies in a deleted (source side) or inserted (rewrite side)
piece of the diff, cut along the block's shown text as the page and the report did.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SOURCE_SEED = "000"
REWRITE_SEEDS = ("001", "002", "003", "004")
SHARED_CHANGED_MAX = 0.05
UNSHARED_REUSED_MAX = 0.02
CHANGED_MARKS = frozenset(("deleted", "inserted", "replaced"))
REUSED_MARKS = frozenset(("kept", "moved"))


def _marks_after(doc, indices, runs) -> list[tuple[str, str]]:
    """(normalised form, mark) of every word of the block's sentences, from the word marks."""
    from viewer.core.word_marks import words_of

    words = words_of(doc.text, [doc.sentences[i] for i in indices])
    out, at = [], 0
    for start, end, key in words:
        while runs[at].end < end:
            at += 1
        assert runs[at].start <= start, "a word outside every run"
        out.append((key, runs[at].mark))
    return out


def _side_runs(
    diff: tuple[tuple[int, str], ...], keep: int, text: str
) -> list[tuple[bool, str]] | None:
    """Cut ``text`` into (changed, piece) runs that follow one side of the block's word diff.

    The diff was made on the engine's own joining of the block's sentences; whitespace may
    differ from ``text``, so it is matched loosely. None when the diff does not fit the text.
    ``keep`` is -1 for the source side, 1 for the rewrite side. (How the HTML page and the
    command line cut the diff until the word marks replaced it.)
    """
    runs: list[tuple[bool, str]] = []
    pos, size = 0, len(text)
    for op, piece in diff:
        if op != 0 and op != keep:
            continue
        if text.startswith(piece, pos):
            runs.append((op != 0, piece))
            pos += len(piece)
            continue
        taken = []
        for char in piece:
            if pos < size and text[pos] == char:
                taken.append(char)
                pos += 1
            elif char.isspace():
                continue
            else:
                while pos < size and text[pos].isspace():
                    taken.append(text[pos])
                    pos += 1
                if pos < size and text[pos] == char:
                    taken.append(char)
                    pos += 1
                else:
                    return None
        runs.append((op != 0, "".join(taken)))
    rest = text[pos:]
    if rest.strip():
        return None
    if rest:
        runs.append((False, rest))
    return runs


def _marks_before(doc, indices, diff, keep: int) -> list[tuple[str, str]]:
    """(normalised form, "changed" or "kept") of every word, from the in-order diff."""
    from viewer.core.export.html_page import block_text
    from viewer.core.word_marks import words_of

    text = block_text(doc, indices)
    runs = _side_runs(diff, keep, text) or [(False, text)]
    changed = []
    for is_changed, piece in runs:
        changed.extend([is_changed] * len(piece))
    out = []
    for start, end, key in words_of(text, [(0, len(text))]):
        out.append((key, "deleted" if any(changed[start:end]) else "kept"))
    return out


def _count(left_words, right_words, totals: list[int]) -> None:
    from viewer.core.normalize import STOP_WORDS

    keys = (
        {key for key, _ in left_words},
        {key for key, _ in right_words},
    )
    for side, words in enumerate((left_words, right_words)):
        other = keys[1 - side]
        for key, mark in words:
            if key in other:
                if key not in STOP_WORDS:
                    totals[0] += 1
                    totals[1] += mark in CHANGED_MARKS
            else:
                totals[2] += 1
                totals[3] += mark in REUSED_MARKS


def measure(rewrite_seed: str) -> tuple[list[int], list[int], int]:
    """Counts [shared content, of them changed, unshared, of them reused], before and after."""
    from viewer.core import compare, load_document
    from viewer.resources import seed_path

    left = load_document(seed_path(SOURCE_SEED))
    right = load_document(seed_path(rewrite_seed))
    comparison = compare(left, right)
    before, after = [0, 0, 0, 0], [0, 0, 0, 0]
    pairs = 0
    for block in comparison.blocks:
        if not block.source or not block.rewrite:
            continue
        pairs += 1
        _count(
            _marks_before(left, block.source, block.diff, -1),
            _marks_before(right, block.rewrite, block.diff, 1),
            before,
        )
        _count(
            _marks_after(left, block.source, block.words.source),
            _marks_after(right, block.rewrite, block.words.rewrite),
            after,
        )
    return before, after, pairs


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def run() -> list[str]:
    lines = []
    total_before, total_after = [0, 0, 0, 0], [0, 0, 0, 0]
    for rewrite in REWRITE_SEEDS:
        before, after, pairs = measure(rewrite)
        total_before = [x + y for x, y in zip(total_before, before, strict=True)]
        total_after = [x + y for x, y in zip(total_after, after, strict=True)]
        changed_before, changed_after = _share(before[1], before[0]), _share(after[1], after[0])
        reused_before, reused_after = _share(before[3], before[2]), _share(after[3], after[2])
        ok = changed_after <= SHARED_CHANGED_MAX and reused_after <= UNSHARED_REUSED_MAX
        lines.append(
            f"evidence: {SOURCE_SEED}/{rewrite} ({pairs} linked pairs): shared content words drawn "
            f"as changed {changed_before:.1%} -> {changed_after:.1%} of {after[0]} (target <= "
            f"{SHARED_CHANGED_MAX:.0%}); one-side words drawn as reused {reused_before:.1%} -> "
            f"{reused_after:.1%} of {after[2]} (target <= {UNSHARED_REUSED_MAX:.0%}) "
            + ("[ok]" if ok else "[FAIL]")
        )
    lines.append(
        f"evidence: all four pairs: shared content words drawn as changed "
        f"{_share(total_before[1], total_before[0]):.1%} -> "
        f"{_share(total_after[1], total_after[0]):.1%} of {total_after[0]}; one-side words drawn "
        f"as reused {_share(total_before[3], total_before[2]):.1%} -> "
        f"{_share(total_after[3], total_after[2]):.1%} of {total_after[2]}"
    )
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
