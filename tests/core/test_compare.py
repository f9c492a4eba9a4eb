"""The engine's public contract: progress, cancel, block order, diffs, summary, boilerplate."""

from __future__ import annotations

import gc
import importlib
from collections import OrderedDict

import pytest

from viewer.core import (
    Cancelled,
    Kind,
    Options,
    Progress,
    compare,
    compare_steps,
    document_from_text,
)
from viewer.core.model import Document
from viewer.resources import seed_path

SOURCE = [
    "The central bank raised its main interest rate by half a point on Thursday.",
    "Governor Elena Novak said inflation had stayed above target for nine months.",
    "Economists polled by the agency had expected a smaller increase.",
    "The currency rose two percent against the dollar after the decision.",
]
REWRITE = [
    "The central bank raised its main interest rate by half a point on Thursday.",
    "Economists polled by the agency had expected a smaller increase.",
    "Opposition lawmakers called the move a blow to small businesses and families.",
    "After the decision, the currency gained two percent against the dollar.",
]


def document(
    sentences: list[str], name: str = "doc", boilerplate: frozenset[int] = frozenset()
) -> Document:
    spans, position = [], 0
    for text in sentences:
        spans.append((position, position + len(text)))
        position += len(text) + 1
    text = " ".join(sentences)
    return Document(name, text, tuple(spans), ((0, len(text)),), boilerplate)


def run_steps(left, right, options=None, cancel=None):
    steps = compare_steps(left, right, options, cancel)
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as stop:
            return progress, stop.value


def test_blocks_in_rewrite_order_with_omissions_in_place():
    comparison = compare(document(SOURCE), document(REWRITE))
    assert [(b.kind, b.source, b.rewrite) for b in comparison.blocks] == [
        (Kind.IDENTICAL, (0,), (0,)),
        (Kind.OMITTED, (1,), ()),
        (Kind.IDENTICAL, (2,), (1,)),
        (Kind.ADDED, (), (2,)),
        (Kind.PARAPHRASE, (3,), (3,)),
    ]


def test_similarity_and_diffs_per_kind():
    comparison = compare(document(SOURCE), document(REWRITE))
    for block in comparison.blocks:
        if block.kind in (Kind.OMITTED, Kind.ADDED):
            assert block.similarity == 0.0 and block.diff == ()
        else:
            assert 0.0 < block.similarity <= 1.0
            left = " ".join(SOURCE[i] for i in block.source)
            right = " ".join(REWRITE[j] for j in block.rewrite)
            assert "".join(t for op, t in block.diff if op <= 0) == left
            assert "".join(t for op, t in block.diff if op >= 0) == right
    assert comparison.blocks[0].similarity == 1.0


def test_without_word_diff_blocks_have_no_diff():
    comparison = compare(document(SOURCE), document(REWRITE), Options(word_diff=False))
    assert all(block.diff == () for block in comparison.blocks)
    assert comparison.blocks[0].kind is Kind.IDENTICAL


def test_summary_shares_and_counts():
    summary = compare(document(SOURCE), document(REWRITE)).summary
    assert summary.counts == {
        "identical": 2,
        "edited": 0,
        "paraphrase": 1,
        "partial": 0,
        "omitted": 1,
        "added": 1,
    }
    assert (summary.source_sentences, summary.rewrite_sentences) == (4, 4)
    words = [len(s.split()) for s in REWRITE]
    assert summary.rewrite_words == sum(words)
    assert summary.rewrite_verbatim == pytest.approx((words[0] + words[1]) / sum(words))
    assert summary.rewrite_new == pytest.approx(words[2] / sum(words))
    assert summary.rewrite_paraphrased == pytest.approx(words[3] / sum(words))
    total = (
        summary.rewrite_verbatim
        + summary.rewrite_edited
        + summary.rewrite_paraphrased
        + summary.rewrite_partial
        + summary.rewrite_new
    )
    assert total == pytest.approx(1.0)
    source_words = [len(s.split()) for s in SOURCE]
    assert summary.source_omitted == pytest.approx(source_words[1] / sum(source_words))
    assert summary.source_carried + summary.source_omitted == pytest.approx(1.0)


def test_boilerplate_is_flagged_and_left_out_of_the_shares():
    furniture = "Celebrity chef opens up about his new cookery show on television"
    left = document([*SOURCE, furniture], boilerplate=frozenset({4}))
    comparison = compare(left, document(REWRITE))
    block = next(b for b in comparison.blocks if 4 in b.source)
    assert block.kind is Kind.OMITTED and block.boilerplate
    summary = comparison.summary
    assert summary.source_boilerplate_sentences == 1
    assert summary.counts["omitted"] == 2
    assert summary.source_words == sum(len(s.split()) for s in SOURCE)

    kept = compare(left, document(REWRITE), Options(detect_boilerplate=False))
    assert not any(b.boilerplate for b in kept.blocks)
    assert kept.summary.source_words == summary.source_words + len(furniture.split())


def test_boilerplate_still_links_when_it_really_matches():
    line = "Related topics : Space Nasa"
    comparison = compare(
        document([*SOURCE, line], boilerplate=frozenset({4})),
        document([*REWRITE, line], boilerplate=frozenset({4})),
    )
    block = next(b for b in comparison.blocks if 4 in b.source)
    assert (block.kind, block.rewrite, block.boilerplate) == (Kind.IDENTICAL, (4,), True)


def test_progress_phases_and_result():
    left = document_from_text(seed_path("000").read_text(encoding="utf-8"), "000")
    right = document_from_text(seed_path("002").read_text(encoding="utf-8"), "002")
    progress, comparison = run_steps(left, right)
    assert all(isinstance(p, Progress) and 0 <= p.done <= p.total for p in progress)
    phases = [p.phase for p in progress]
    assert phases[0] == "aligning" and phases[-1] == "word diffs"
    assert "classifying" in phases
    assert [p for p in progress if p.phase == "word diffs"][-1].done == sum(
        1 for b in comparison.blocks if b.source and b.rewrite
    )
    assert comparison.blocks == compare(left, right).blocks


def test_cancel_stops_with_cancelled():
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        run_steps(document(SOURCE), document(REWRITE), cancel=cancel)
    with pytest.raises(Cancelled):
        run_steps(document(SOURCE), document(REWRITE), cancel=lambda: True)


def test_empty_documents():
    empty = document_from_text("", "empty")
    comparison = compare(empty, document(REWRITE))
    assert [b.kind for b in comparison.blocks] == [Kind.ADDED] * 4
    assert comparison.summary.rewrite_new == pytest.approx(1.0)
    assert comparison.summary.source_carried == 0.0
    both = compare(empty, empty)
    assert both.blocks == () and both.summary.counts["added"] == 0


def test_repeated_lines_pair_in_order():
    left = document(["Advertisement"] * 100 + SOURCE)
    right = document(["Advertisement"] * 80 + SOURCE)
    comparison = compare(left, right)
    pairs = [(b.source, b.rewrite) for b in comparison.blocks if b.source and b.rewrite]
    assert pairs[:80] == [((i,), (i,)) for i in range(80)]
    assert sum(1 for b in comparison.blocks if b.kind is Kind.OMITTED) == 20


def test_same_output_whatever_the_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; the comparison must not."""
    import os
    import subprocess
    import sys

    code = (
        "from viewer.core import compare, load_document\n"
        "from viewer.resources import seed_path\n"
        "for rewrite in ('001', '002', '003'):\n"
        "    c = compare(load_document(seed_path('000')), load_document(seed_path(rewrite)))\n"
        "    print(repr(c.blocks), repr(c.summary))\n"
    )
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_collector_paused_only_while_a_step_runs():
    # The switch is process-wide: between steps (when the caller's code runs) and after the
    # end, cancellation included, the collector must be on again.
    seen_during_cancel = []

    def cancel():
        seen_during_cancel.append(gc.isenabled())
        return False

    assert gc.isenabled()
    steps = compare_steps(document(SOURCE), document(REWRITE), None, cancel)
    for _ in steps:
        assert gc.isenabled()
    assert gc.isenabled()
    assert seen_during_cancel and not any(seen_during_cancel)  # paused inside the steps
    with pytest.raises(Cancelled):
        run_steps(document(SOURCE), document(REWRITE), cancel=lambda: True)
    assert gc.isenabled()
    abandoned = compare_steps(document(SOURCE), document(REWRITE))
    next(abandoned)
    abandoned.close()
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        compare(document(SOURCE), document(REWRITE))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_comparing_the_same_documents_again_reuses_their_sentence_forms(monkeypatch):
    # The module, not the function ``viewer.core`` exports under the same name.
    compare_module = importlib.import_module("viewer.core.compare")
    normalised: list[str] = []
    real = compare_module.sentence_forms

    def counting(text: str):
        normalised.append(text)
        return real(text)

    monkeypatch.setattr(compare_module, "sentence_forms", counting)
    monkeypatch.setattr(compare_module, "_forms_by_document", OrderedDict())  # none kept yet
    left, right = document(SOURCE, "first"), document(REWRITE, "second")
    first = compare(left, right)
    assert sorted(set(normalised)) == sorted(set(SOURCE) | set(REWRITE))
    normalised.clear()
    again = compare(document(SOURCE, "first"), document(REWRITE, "second"))
    assert normalised == []  # equal documents: nothing normalised again
    assert again == first
    # The same text cut into other sentences is another document.
    merged = Document("merged", left.text, ((0, len(SOURCE[0]) + 1 + len(SOURCE[1])),))
    compare(merged, right)
    assert normalised == [SOURCE[0] + " " + SOURCE[1]]
