"""Word-level diff of one aligned block, with diff-match-patch in word mode.

May import: the standard library, ``diff_match_patch`` and ``viewer.core.model``.
Must not import: Qt. Never run on whole articles: the engine calls it per aligned block, where
inputs are a few sentences long and an exact diff (no timeout) costs well under a millisecond.
Each token (word, whitespace run or punctuation mark) is mapped to one character below U+D800,
so diff-match-patch compares words, not letters, and the joined output is exactly the input.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from viewer.core.model import DiffOp

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Below the surrogate range, and never 0 so no token maps to NUL.
_FIRST_CODE = 1
_LAST_CODE = 0xD7FF

_engine = diff_match_patch()
_engine.Diff_Timeout = 0  # exact and independent of the machine's speed: inputs are short


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def word_diff(left: str, right: str) -> tuple[DiffOp, ...]:
    """(op, text) runs turning ``left`` into ``right``: -1 delete, 0 equal, 1 insert."""
    if left == right:
        return ((0, left),) if left else ()
    codes: dict[str, str] = {}
    vocabulary: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _TOKEN_RE.findall(text):
            code = codes.get(token)
            if code is None:
                if len(vocabulary) >= _LAST_CODE - _FIRST_CODE:
                    # More distinct tokens than code points: fall back to per-character pieces.
                    code = token
                else:
                    code = chr(_FIRST_CODE + len(vocabulary))
                    vocabulary.append(token)
                    codes[token] = code
            out.append(code)
        return "".join(out)

    encoded_left, encoded_right = encode(left), encode(right)
    if len(vocabulary) >= _LAST_CODE - _FIRST_CODE:
        diffs = _engine.diff_main(left, right, False)
        _engine.diff_cleanupSemantic(diffs)
        return tuple((op, text) for op, text in diffs if text)
    diffs = _engine.diff_main(encoded_left, encoded_right, False)
    _engine.diff_cleanupSemantic(diffs)
    return tuple((op, "".join(vocabulary[ord(c) - _FIRST_CODE] for c in text)) for op, text in diffs if text)
