"""Refines a lexical comparison by meaning: new links, grown blocks, and each block's meaning.

May import: the standard library, the pure ``viewer.core`` modules and ``viewer.core.meaning``.
Must not import: Qt.

``refine_steps(comparison, cancel)`` takes a finished comparison (the lexical result the window
shows first) and returns a new one: blocks that the meaning stage left alone keep their kind,
similarity and diff and gain ``meaning``; blocks it created or grew are classified and diffed
like any other. It yields ``Progress("matching by meaning", ...)`` between batches of sentences
and raises ``Cancelled`` when ``cancel()`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import replace

from viewer.core.classify import classify_pair, kept_share
from viewer.core.facts import block_fact_changes
from viewer.core.meaning import load_encoder, unavailable_reason
from viewer.core.meaning.stage import PHASE, Group, meaning_stage
from viewer.core.model import Block, Cancelled, Comparison, Document, FactChange, Kind, Progress
from viewer.core.normalize import SentenceForms, sentence_forms
from viewer.core.summary import summarise
from viewer.core.word_marks import word_marks
from viewer.core.worddiff import word_diff

UNAVAILABLE_NOTE = "Not matched by meaning: {reason}."


def refine_steps(
    comparison: Comparison, cancel: Callable[[], bool] | None = None
) -> Generator[Progress, None, Comparison]:
    """Yields progress and returns ``comparison`` refined by meaning (see the module doc)."""

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled()

    options = replace(comparison.options, semantic=True)
    reason = unavailable_reason()
    if reason is not None:
        note = UNAVAILABLE_NOTE.format(reason=reason)
        return replace(comparison, options=options, meaning_note=note)
    check()
    yield Progress(PHASE, 0, 1)
    encoder = load_encoder()
    check()

    left, right = comparison.source, comparison.rewrite
    left_texts, right_texts = left.sentence_texts(), right.sentence_texts()
    detect = comparison.options.detect_boilerplate
    left_boilerplate = left.boilerplate if detect else frozenset()
    right_boilerplate = right.boilerplate if detect else frozenset()
    forms_cache: dict[tuple[int, int], SentenceForms] = {}

    def forms(side: int, index: int) -> SentenceForms:
        found = forms_cache.get((side, index))
        if found is None:
            text = (left_texts if side == 0 else right_texts)[index]
            found = forms_cache[(side, index)] = sentence_forms(text)
        return found

    linked = [b for b in comparison.blocks if b.source and b.rewrite]
    groups = [
        Group(list(b.source), list(b.rewrite), b.moved, identical=b.kind is Kind.IDENTICAL)
        for b in linked
    ]
    block_of = {id(g): b for g, b in zip(groups, linked, strict=True)}

    def embed_steps(texts: list[str]) -> Generator[int, None, object]:
        steps = encoder.embed_steps(texts)
        while True:
            check()
            try:
                done = next(steps)
            except StopIteration as stop:
                return stop.value
            yield done

    stage = meaning_stage(
        left_texts,
        right_texts,
        lambda i: forms(0, i),
        lambda j: forms(1, j),
        groups,
        left_boilerplate,
        right_boilerplate,
        embed_steps,
    )
    while True:
        try:
            progress = next(stage)
        except StopIteration as stop:
            result = stop.value
            break
        check()
        yield progress

    blocks: list[Block] = []
    for g in result.groups:
        meaning = result.meaning.get(id(g))
        if meaning is not None:
            meaning = round(max(-1.0, min(1.0, meaning)), 4)
        old = block_of.get(id(g))
        if old is not None and not g.changed:
            blocks.append(replace(old, meaning=meaning))
            continue
        lefts, rights = tuple(g.left), tuple(g.right)
        joined = len(lefts) > 1 or len(rights) > 1
        a = forms(0, lefts[0]) if len(lefts) == 1 else sentence_forms(_joined(left_texts, lefts))
        b = (
            forms(1, rights[0])
            if len(rights) == 1
            else sentence_forms(_joined(right_texts, rights))
        )
        facts: tuple[FactChange, ...] = ()
        if a.key != b.key:
            facts = block_fact_changes(
                left.text,
                [left.sentences[i] for i in lefts],
                right.text,
                [right.sentences[j] for j in rights],
            )
        kind = classify_pair(a, b, joined=joined, facts=facts)
        similarity = 1.0 if kind is Kind.IDENTICAL else min(round(kept_share(a, b), 4), 0.999)
        diff: tuple = ()
        words = None
        if comparison.options.word_diff:
            diff = word_diff(_joined(left_texts, lefts), _joined(right_texts, rights))
            words = word_marks(
                left.text,
                [left.sentences[i] for i in lefts],
                right.text,
                [right.sentences[j] for j in rights],
            )
        boilerplate = all(i in left_boilerplate for i in lefts) and all(
            j in right_boilerplate for j in rights
        )
        blocks.append(
            Block(
                kind,
                lefts,
                rights,
                similarity,
                g.moved,
                diff,
                boilerplate,
                words=words,
                meaning=meaning,
                facts=facts,
            )
        )
        check()

    from viewer.core.compare import _order_blocks, _without_boilerplate

    used_right = {j for block in blocks for j in block.rewrite}
    for j in range(len(right.sentences)):
        if j not in used_right:
            blocks.append(Block(Kind.ADDED, (), (j,), 0.0, False, (), j in right_boilerplate))
    used_left = {i for block in blocks for i in block.source}
    omitted = {
        i: Block(Kind.OMITTED, (i,), (), 0.0, False, (), i in left_boilerplate)
        for i in range(len(left.sentences))
        if i not in used_left
    }
    ordered = tuple((yield from _order_blocks(blocks, len(left.sentences), omitted, check)))
    summary_left: Document = left if detect else _without_boilerplate(left)
    summary_right: Document = right if detect else _without_boilerplate(right)
    summary = summarise(summary_left, summary_right, ordered)
    yield Progress(PHASE, 1, 1)
    return Comparison(left, right, ordered, summary, options, result.note)


def _joined(texts: list[str], indices: tuple[int, ...]) -> str:
    return " ".join([texts[i].strip() for i in indices])
