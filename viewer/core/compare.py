"""Compares two documents: aligned, classified blocks with word evidence, and a summary.

May import: the standard library, ``diff_match_patch`` (through ``worddiff``) and the other
pure ``viewer.core`` modules. Must not import: Qt.
Every linked block that is not identical carries its fact changes (``viewer.core.facts``),
found on the documents' own text so their offsets index it; the kind follows them.

Each linked block gets its in-order word diff (``diff``, kept for the JSON format) and its
order-free word marks (``words``, what every view draws, with the share of words carried over
that the views show as "% alike"). ``similarity`` stays the aligner's link score: the
classifier never sees either, it works from the sentences' normalised forms.

``compare_steps`` is the one long computation of the app: a generator that yields ``Progress``
("aligning", "classifying", "word diffs", and "matching by meaning" when ``options.semantic``)
often enough for a progress bar, checks ``cancel``
at every yield (a few milliseconds of work apart) and returns the ``Comparison``.
Blocks come in the rewrite's reading order; each omitted source sentence is its own block,
placed right after the block holding the source sentence before it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Generator
from dataclasses import replace

from viewer.core.align import Group, align_steps
from viewer.core.classify import classify_pair, kept_share
from viewer.core.collector import paused_in_steps
from viewer.core.confidence import with_confidence
from viewer.core.facts import block_fact_changes
from viewer.core.model import (
    Block,
    Cancelled,
    Comparison,
    Document,
    FactChange,
    Kind,
    Options,
    Progress,
    Span,
)
from viewer.core.normalize import SentenceForms, sentence_forms
from viewer.core.speakers import statements_apart
from viewer.core.summary import summarise
from viewer.core.word_marks import word_marks
from viewer.core.worddiff import word_diff

PROGRESS_INTERVAL_S = 0.01  # report (and check for cancel) at most this often within a phase
FORMS_CHUNK = 256  # sentences normalised between cancel checks (a few milliseconds)
FORMS_KEPT_DOCUMENTS = 2  # documents whose sentence forms are kept for the next comparison

# The sentence forms of the documents compared last, by text and sentence spans: comparing them
# again (with other options, or once more) normalises none of their sentences again.
_forms_by_document: OrderedDict[tuple[str, tuple[Span, ...]], tuple[SentenceForms, ...]] = (
    OrderedDict()
)


def _kept_forms(document: Document) -> tuple[SentenceForms, ...] | None:
    key = (document.text, tuple(document.sentences))
    found = _forms_by_document.get(key)
    if found is not None:
        _forms_by_document.move_to_end(key)
    return found


def _keep_forms(document: Document, forms: list[SentenceForms]) -> None:
    _forms_by_document[document.text, tuple(document.sentences)] = tuple(forms)
    while len(_forms_by_document) > FORMS_KEPT_DOCUMENTS:
        _forms_by_document.popitem(last=False)


def _joined(texts: list[str], indices: tuple[int, ...]) -> str:
    if len(indices) == 1:  # most blocks
        return texts[indices[0]].strip()
    return " ".join([texts[i].strip() for i in indices])


def _order_blocks(
    linked: list[Block],
    source_count: int,
    omitted: dict[int, Block],
    check: Callable[[], None] = lambda: None,
) -> Generator[Progress, None, list[Block]]:
    """Linked and added blocks by rewrite position, each omitted block after its predecessor.

    One pass over the source sentences (a long source against a short rewrite omits nearly
    all of them), yielding ``Progress("ordering", ...)`` and calling ``check`` now and then.
    """
    ordered = sorted(linked, key=lambda b: (b.rewrite[0], b.source[0] if b.source else -1))
    holder: dict[int, int] = {}
    for position, block in enumerate(ordered):
        for i in block.source:
            holder[i] = position
    after: dict[int, list[Block]] = {}  # position of the holding block (-1: the very start)
    # A run of omitted sentences hangs after the linked block before the run, in order: the
    # holder of the last sentence seen that was not omitted.
    current_holder = -1
    last = time.perf_counter()
    for i in range(source_count):
        omitted_block = omitted.get(i)
        if omitted_block is None:
            current_holder = holder.get(i, -1)
        else:
            after.setdefault(current_holder, []).append(omitted_block)
        if not i % FORMS_CHUNK:
            now = time.perf_counter()
            if now - last >= PROGRESS_INTERVAL_S:
                last = now
                check()
                yield Progress("ordering", i, source_count)
    result = list(after.get(-1, []))
    for position, block in enumerate(ordered):
        result.append(block)
        result.extend(after.get(position, ()))
    return result


def compare_steps(
    source: Document,
    rewrite: Document,
    options: Options | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Generator[Progress, None, Comparison]:
    """Yields progress and returns the comparison; raises ``Cancelled`` when ``cancel()`` is True.

    The cyclic garbage collector is paused while each step runs, and only then (see
    ``viewer.core.collector``).
    """
    return (
        yield from paused_in_steps(_compare_steps(source, rewrite, options or Options(), cancel))
    )


def _compare_steps(
    left: Document, right: Document, options: Options, cancel: Callable[[], bool] | None
) -> Generator[Progress, None, Comparison]:

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled()

    check()
    left_boilerplate = left.boilerplate if options.detect_boilerplate else frozenset()
    right_boilerplate = right.boilerplate if options.detect_boilerplate else frozenset()
    left_forms: list[SentenceForms] = []
    right_forms: list[SentenceForms] = []
    total = len(left.sentences) + len(right.sentences)
    known: dict[str, SentenceForms] = {}  # sentences kept verbatim are normalised once

    def forms_of(text: str) -> SentenceForms:
        forms = known.get(text)
        if forms is None:
            forms = known[text] = sentence_forms(text)
        return forms

    left_texts, right_texts = left.sentence_texts(), right.sentence_texts()
    for forms, texts, document in (
        (left_forms, left_texts, left),
        (right_forms, right_texts, right),
    ):
        stored = _kept_forms(document)
        if stored is not None:
            forms.extend(stored)
            continue
        for start in range(0, len(texts), FORMS_CHUNK):
            forms.extend(map(forms_of, texts[start : start + FORMS_CHUNK]))
            check()
            yield Progress("aligning", 0, total)
        _keep_forms(document, forms)
    known.clear()

    aligner = align_steps(left_forms, right_forms, left_boilerplate, right_boilerplate)
    while True:
        try:
            progress = next(aligner)
        except StopIteration as stop:
            groups: list[Group] = stop.value
            break
        check()
        yield progress
    # Two people's different statements are no link, however the words fell. (Splits and
    # merges grew by shared content: the rule is for one sentence facing one.)
    groups = [
        group
        for group in groups
        if len(group.left) > 1
        or len(group.right) > 1
        or not statements_apart(left_forms[group.left[0]], right_forms[group.right[0]])
    ]

    # Forms of joined sentences, and the share of words kept in order of each block whose two
    # sides differ: worked out once, for the kind and again for the confidence.
    joined_forms = _JoinedForms((left_texts, right_texts), (left_forms, right_forms))
    kept_by_source: dict[int, float] = {}  # by the block's first source sentence
    # (kind, left, right, similarity, moved, boilerplate, facts): each Block is built once, with
    # its diff.
    classified: list[
        tuple[Kind, tuple[int, ...], tuple[int, ...], float, bool, bool, tuple[FactChange, ...]]
    ] = []
    last = time.perf_counter()
    left_spans, right_spans = left.sentences, right.sentences
    for number, group in enumerate(groups):
        now = time.perf_counter()
        if now - last >= PROGRESS_INTERVAL_S:
            last = now
            check()
            yield Progress("classifying", number, len(groups))
        joined = len(group.left) > 1 or len(group.right) > 1
        if not joined:
            a, b = left_forms[group.left[0]], right_forms[group.right[0]]
        else:
            a, b = joined_forms(0, group.left), joined_forms(1, group.right)
        facts: tuple[FactChange, ...] = ()
        kept = None
        if a.key != b.key:
            facts = block_fact_changes(
                left.text,
                [left_spans[i] for i in group.left],
                right.text,
                [right_spans[j] for j in group.right],
            )
            kept = kept_by_source[group.left[0]] = kept_share(a, b)
        kind = classify_pair(a, b, joined=joined, facts=facts, kept=kept)
        similarity = 1.0 if kind is Kind.IDENTICAL else min(group.similarity, 0.999)
        boilerplate = all(i in left_boilerplate for i in group.left) and all(
            j in right_boilerplate for j in group.right
        )
        classified.append(
            (kind, group.left, group.right, round(similarity, 4), group.moved, boilerplate, facts)
        )
    check()
    yield Progress("classifying", len(groups), len(groups))

    linked: list[Block] = []
    if options.word_diff:
        last = time.perf_counter()
        for number, entry in enumerate(classified):
            kind, lefts, rights, similarity, moved, boilerplate, facts = entry
            now = time.perf_counter()
            if now - last >= PROGRESS_INTERVAL_S:
                last = now
                check()
                yield Progress("word diffs", number, len(classified))
            diff = word_diff(_joined(left_texts, lefts), _joined(right_texts, rights))
            words = word_marks(
                left.text,
                [left_spans[i] for i in lefts],
                right.text,
                [right_spans[j] for j in rights],
            )
            linked.append(
                Block(
                    kind,
                    lefts,
                    rights,
                    similarity,
                    moved,
                    diff,
                    boilerplate,
                    words=words,
                    facts=facts,
                )
            )
        check()
        yield Progress("word diffs", len(classified), len(classified))
    else:
        linked = [
            Block(kind, lefts, rights, similarity, moved, (), boilerplate, facts=facts)
            for kind, lefts, rights, similarity, moved, boilerplate, facts in classified
        ]

    used_right = {j for block in linked for j in block.rewrite}
    for j in range(len(right.sentences)):
        if j not in used_right:
            linked.append(Block(Kind.ADDED, (), (j,), 0.0, False, (), j in right_boilerplate))
    used_left = {i for block in linked for i in block.source}
    omitted = {
        i: Block(Kind.OMITTED, (i,), (), 0.0, False, (), i in left_boilerplate)
        for i in range(len(left.sentences))
        if i not in used_left
    }
    ordered = yield from _order_blocks(linked, len(left.sentences), omitted, check)
    check()
    blocks = tuple(
        with_confidence(
            ordered,
            left_forms,
            right_forms,
            joined_forms,
            kept_of=lambda block: kept_by_source.get(block.source[0]),
        )
    )
    check()
    summary_left = left if options.detect_boilerplate else _without_boilerplate(left)
    summary_right = right if options.detect_boilerplate else _without_boilerplate(right)
    summary = summarise(summary_left, summary_right, blocks)
    if not options.semantic:
        return Comparison(left, right, blocks, summary, options)
    # The last stage, by meaning, works on the lexical result (imported here: the base engine
    # never needs it, nor the packages it loads).
    from viewer.core.meaning.refine import refine_steps

    lexical = Comparison(left, right, blocks, summary, replace(options, semantic=False))
    return (yield from refine_steps(lexical, cancel))


def _forms_of(
    texts: list[str], indices: tuple[int, ...], forms: list[SentenceForms]
) -> SentenceForms:
    if len(indices) == 1:
        return forms[indices[0]]
    return sentence_forms(_joined(texts, indices))


class _JoinedForms:
    """The forms of several sentences of a side joined (side 0 the source, 1 the rewrite),
    each worked out once; a single sentence's are its own."""

    def __init__(
        self,
        texts: tuple[list[str], list[str]],
        forms: tuple[list[SentenceForms], list[SentenceForms]],
    ):
        self.texts, self.forms = texts, forms
        self.known: dict[tuple[int, tuple[int, ...]], SentenceForms] = {}

    def __call__(self, side: int, indices: tuple[int, ...]) -> SentenceForms:
        if len(indices) == 1:
            return self.forms[side][indices[0]]
        found = self.known.get((side, indices))
        if found is None:
            found = self.known[side, indices] = sentence_forms(_joined(self.texts[side], indices))
        return found


def _without_boilerplate(document: Document) -> Document:
    return replace(document, boilerplate=frozenset())


def compare(source: Document, rewrite: Document, options: Options | None = None) -> Comparison:
    """The comparison of ``source`` and ``rewrite``, without progress reports."""
    steps = compare_steps(source, rewrite, options)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value
