"""Word-level diff of one aligned block, with diff-match-patch in word mode.

May import: the standard library, ``diff_match_patch``, ``fast_diff_match_patch`` and
``viewer.core.model``. Must not import: Qt.
Never run on whole articles: the engine calls it per aligned block, where inputs are a few
sentences long and an exact diff (no timeout) costs well under a millisecond. Each token (word,
whitespace run or punctuation mark) is mapped to one character below U+D800, so diff-match-patch
compares words, not letters, and the joined output is exactly the input.

``fast_diff_match_patch`` (the C++ port of the same algorithm and cleanup) is used when it is
installed: about three times faster, which the command line needs to diff every block of two
7,000-sentence documents. The pure-Python package is the fallback: same edits, except that where
an inserted run could slide by a token the two may place it one token apart.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

try:
    import fast_diff_match_patch as _fast
except ImportError:  # optional accelerator; the pure-Python engine gives the same result
    _fast = None

from viewer.core.model import DiffOp

_TOKEN_RE = re.compile(r"\w++|\s++|[^\w\s]", re.UNICODE)  # possessive: same tokens, faster
# Below the surrogate range, and never 0 so no token maps to NUL.
_FIRST_CODE = 1
_LAST_CODE = 0xD7FF
_CODES = "".join(map(chr, range(_FIRST_CODE, _LAST_CODE + 1)))

# A "sentence" of thousands of words (a text without punctuation) could take minutes to diff
# exactly; past this many tokens a time limit bounds it, at the cost of a coarser diff.
LONG_BLOCK_TOKENS = 20_000
LONG_BLOCK_TIMEOUT_S = 1.0

_engine = diff_match_patch()
_engine.Diff_Timeout = 0  # exact and independent of the machine's speed: inputs are short
_limited_engine = diff_match_patch()
_limited_engine.Diff_Timeout = LONG_BLOCK_TIMEOUT_S


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def word_diff(left: str, right: str) -> tuple[DiffOp, ...]:
    """(op, text) runs turning ``left`` into ``right``: -1 delete, 0 equal, 1 insert."""
    if left == right:
        return ((0, left),) if left else ()
    tokens_left, tokens_right = _TOKEN_RE.findall(left), _TOKEN_RE.findall(right)
    distinct = dict.fromkeys(tokens_left + tokens_right)
    if len(distinct) > len(_CODES):
        # More distinct tokens than code points (a huge block): a time-limited character diff.
        diffs = _limited_engine.diff_main(left, right, False)
        _limited_engine.diff_cleanupSemantic(diffs)
        return tuple((op, text) for op, text in diffs if text)
    # token -> its character, in order of first use; there are more characters than tokens
    codes = dict(zip(distinct, _CODES, strict=False))
    encoded_left = "".join(map(codes.__getitem__, tokens_left))
    encoded_right = "".join(map(codes.__getitem__, tokens_right))
    timeout_s = (
        LONG_BLOCK_TIMEOUT_S if len(encoded_left) + len(encoded_right) > LONG_BLOCK_TOKENS else 0
    )
    if _fast is not None and USE_FAST:
        return _decode_counts(encoded_left, encoded_right, tokens_left, tokens_right, timeout_s)
    engine = _engine if not timeout_s else _limited_engine
    diffs = engine.diff_main(encoded_left, encoded_right, False)
    engine.diff_cleanupSemantic(diffs)
    vocabulary = list(distinct)
    return tuple(
        (op, "".join(vocabulary[ord(c) - _FIRST_CODE] for c in text)) for op, text in diffs if text
    )


USE_FAST = True  # tests switch it off to check both engines agree


def _decode_counts(
    encoded_left: str,
    encoded_right: str,
    tokens_left: list[str],
    tokens_right: list[str],
    timeout_s: float,
) -> tuple[DiffOp, ...]:
    # One code per token, so the run lengths the C++ port returns count tokens: each run is a
    # slice of the token lists, with no per-character decoding.
    out = []
    at_left = at_right = 0
    for op, length in _fast.diff(
        encoded_left, encoded_right, timelimit=timeout_s, checklines=False, cleanup="Semantic"
    ):
        if not length:
            continue
        if op == "+":
            out.append((1, "".join(tokens_right[at_right : at_right + length])))
            at_right += length
        elif op == "-":
            out.append((-1, "".join(tokens_left[at_left : at_left + length])))
            at_left += length
        else:
            out.append((0, "".join(tokens_left[at_left : at_left + length])))
            at_left += length
            at_right += length
    return tuple(out)
