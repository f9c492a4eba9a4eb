"""PROVISIONAL: replaced by the real aligner. Greedy difflib matching, for wiring only."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Generator

from viewer.core.model import Block, Cancelled, Comparison, Document, Kind, Options, Progress, Summary


def compare_steps(left: Document, right: Document, options: Options | None = None, cancel=None
                  ) -> Generator[Progress, None, Comparison]:
    options = options or Options()
    lt, rt = left.sentence_texts(), right.sentence_texts()
    used, pairs = set(), {}
    for i, a in enumerate(lt):
        if cancel and cancel():
            raise Cancelled()
        yield Progress("aligning", i, len(lt))
        best, score = None, 0.0
        for j, b in enumerate(rt):
            if j in used:
                continue
            r = difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()
            if r > score:
                best, score = j, r
        if best is not None and score > 0.5:
            used.add(best)
            pairs[best] = (i, score)
    blocks = []
    for j in range(len(rt)):
        if j in pairs:
            i, s = pairs[j]
            kind = Kind.IDENTICAL if s > 0.98 else Kind.EDITED if s > 0.8 else Kind.PARAPHRASE
            blocks.append(Block(kind, (i,), (j,), s))
        else:
            blocks.append(Block(Kind.ADDED, (), (j,)))
    linked = {i for i, _ in pairs.values()}
    for i in range(len(lt)):
        if i not in linked:
            blocks.append(Block(Kind.OMITTED, (i,), ()))
    counts = Counter(b.kind.value for b in blocks)
    summary = Summary(len(lt), len(rt), {k.value: counts.get(k.value, 0) for k in Kind})
    return Comparison(left, right, tuple(blocks), summary, options)


def compare(left: Document, right: Document, options: Options | None = None) -> Comparison:
    gen = compare_steps(left, right, options)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value
