"""The meaning channel: its alignment stage, its facts rule, and the model end to end.

The stage is tested with a bag-of-words embedder built here (its contract is only "texts in,
unit vectors out"), so each rule is checked with exact cosines; the tests that need the real
model skip, with the reason, when the ``semantic`` extra or the built model is missing.
"""

from __future__ import annotations

import importlib.util
import math
from collections import Counter

import pytest

from viewer.core import Cancelled, Options, compare, compare_steps, load_document
from viewer.core import meaning as meaning_channel
from viewer.core.evaluation import partition_problems
from viewer.core.meaning import stage
from viewer.core.meaning.stage import Group, facts_disagree, meaning_stage
from viewer.core.normalize import sentence_forms
from viewer.resources import seed_path

HAS_NUMPY = importlib.util.find_spec("numpy") is not None
needs_numpy = pytest.mark.skipif(not HAS_NUMPY, reason="numpy (semantic extra) is not installed")
REASON = meaning_channel.unavailable_reason()
needs_model = pytest.mark.skipif(REASON is not None, reason=f"meaning channel: {REASON}")


class BagEmbedder:
    """Unit vectors of word counts over a fixed vocabulary: cosines are exact word overlaps."""

    def __init__(self, texts: list[str]) -> None:
        self.vocabulary = sorted({w for t in texts for w in t.split()})
        self.calls: list[list[str]] = []

    def embed_steps(self, texts: list[str]):
        import numpy as np

        self.calls.append(list(texts))
        rows = []
        for text in texts:
            counts = Counter(text.split())
            row = np.array([counts[w] for w in self.vocabulary], dtype=np.float64)
            rows.append(row / (np.linalg.norm(row) or 1.0))
        yield len(texts)
        return np.array(rows).reshape(len(texts), len(self.vocabulary))


def run_stage(left: list[str], right: list[str], groups: list[Group]):
    embedder = BagEmbedder(left + right)
    steps = meaning_stage(
        left,
        right,
        lambda i: sentence_forms(left[i]),
        lambda j: sentence_forms(right[j]),
        groups,
        frozenset(),
        frozenset(),
        embedder.embed_steps,
    )
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def pairs(result) -> set[tuple[tuple[int, ...], tuple[int, ...], bool]]:
    return {(tuple(g.left), tuple(g.right), g.moved) for g in result.groups}


ANCHOR_A = "anchor alpha first words here"
ANCHOR_B = "anchor omega last words there"


@needs_numpy
def test_a_gap_between_two_links_takes_pairs_at_the_lower_threshold():
    # cos 2/3 (>= GAP_MIN, < MUTUAL_MIN) in a gap; a crossing pair of 1/3 is left alone.
    left = [ANCHOR_A, "red blue green", "cat dog fox", ANCHOR_B]
    right = [ANCHOR_A, "red blue pink", "cat dog owl", ANCHOR_B]
    groups = [Group([0], [0], False, identical=True), Group([3], [3], False, identical=True)]
    result = run_stage(left, right, groups)
    assert pairs(result) == {
        ((0,), (0,), False),
        ((3,), (3,), False),
        ((1,), (1,), False),
        ((2,), (2,), False),
    }
    assert all(g.by_meaning for g in result.groups[2:])
    assert result.meaning[id(result.groups[2])] == pytest.approx(2 / 3)
    assert result.meaning[id(result.groups[0])] == 1.0  # identical: no embedding needed


@needs_numpy
def test_outside_a_gap_the_same_similarity_is_not_enough():
    left = ["red blue green", ANCHOR_A, "cat dog fox"]
    right = ["tree leaf root", ANCHOR_A, "red blue pink", "sun moon star"]
    groups = [Group([1], [1], False, identical=True)]
    result = run_stage(left, right, groups)
    # 0 -> 2 is out of the reading order (a move) at cosine 2/3: below MUTUAL_MIN.
    assert pairs(result) == {((1,), (1,), False)}


@needs_numpy
def test_near_certain_paraphrases_are_linked_anywhere_as_moves():
    six = "one two three four five six"
    left = [six + " seven", ANCHOR_A, "cat dog fox"]
    right = ["tree leaf root", ANCHOR_A, six + " eight"]
    groups = [Group([1], [1], False, identical=True)]
    result = run_stage(left, right, groups)
    assert math.isclose(6 / 7, 0.857, abs_tol=1e-3) and stage.ELSEWHERE_MIN <= 6 / 7
    assert ((0,), (2,), True) in pairs(result)


@needs_numpy
def test_mutual_best_matches_are_linked_at_the_middle_threshold():
    # cos 3/4 = 0.75 each other's best, out of order; a rival at 2/4 is not.
    left = ["a b c d", ANCHOR_A, "p q r s"]
    right = ["p q x y", ANCHOR_A, "a b c e"]
    groups = [Group([1], [1], False, identical=True)]
    result = run_stage(left, right, groups)
    assert ((0,), (2,), True) in pairs(result)
    assert ((2,), (0,), True) not in pairs(result)


@needs_numpy
def test_figures_that_disagree_veto_a_link_by_meaning():
    left = [ANCHOR_A, "the blast killed 3 people in the market", ANCHOR_B]
    right = [ANCHOR_A, "the blast killed 5 people in the market", ANCHOR_B]
    groups = [Group([0], [0], False, identical=True), Group([2], [2], False, identical=True)]
    assert len(run_stage(left, right, groups).groups) == 2


@needs_numpy
def test_a_neighbour_joins_a_block_when_it_is_the_missing_half():
    left = [ANCHOR_A, "red blue green cat dog fox", ANCHOR_B]
    right = [ANCHOR_A, "red blue green", "cat dog fox", ANCHOR_B]
    groups = [
        Group([0], [0], False, identical=True),
        Group([1], [1], False),
        Group([2], [3], False, identical=True),
    ]
    result = run_stage(left, right, groups)
    assert ((1,), (1, 2), False) in pairs(result)
    grown = next(g for g in result.groups if g.right == [1, 2])
    assert grown.changed and not grown.by_meaning
    assert result.meaning[id(grown)] == pytest.approx(1.0)


@needs_numpy
def test_a_neighbour_on_another_subject_does_not_join():
    left = [ANCHOR_A, "red blue green cat dog fox", ANCHOR_B]
    right = [ANCHOR_A, "red blue green", "sun moon star", ANCHOR_B]
    groups = [
        Group([0], [0], False, identical=True),
        Group([1], [1], False),
        Group([2], [3], False, identical=True),
    ]
    assert ((1,), (1,), False) in pairs(run_stage(left, right, groups))


@needs_numpy
def test_too_many_sentences_skip_the_stage_with_a_note(monkeypatch):
    monkeypatch.setattr(stage, "MAX_SENTENCES", 3)
    left = ["a b c", "d e f", "g h i"]
    right = ["a b x", "d e y"]
    result = run_stage(left, right, [])
    assert result.groups == [] and "Not matched by meaning: 5 sentences" in result.note


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        ("Three people were killed on Monday.", "Five people were killed on Monday.", True),
        ("The vote is on Tuesday.", "The vote is on Wednesday.", True),
        ("Prices rose 4% in June.", "Prices rose in June.", False),  # a figure dropped
        ("It lifted off at 1:55 p.m. (0855 GMT).", "It took off at 9.55am.", False),
        ("Director Shipenko called it an experiment.", "Actress Peresild called it hard.", True),
        ("Shipenko called it an experiment.", "The director called it an experiment.", False),
        ("The craft reached orbit, reported CNN.", "The Soyuz reached orbit.", False),
        (
            "The plot centres on a surgeon sent to the ISS.",
            "It tells of a surgeon on Earth.",
            False,
        ),
    ],
)
def test_facts_rule(a, b, disagree):
    assert facts_disagree(sentence_forms(a), sentence_forms(b)) is disagree


def test_unavailable_reason_names_the_missing_packages(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name in ("onnxruntime", "tokenizers") else real(name, *args),
    )
    meaning_channel.unavailable_reason.cache_clear()
    try:
        reason = meaning_channel.unavailable_reason()
    finally:
        monkeypatch.undo()
        meaning_channel.unavailable_reason.cache_clear()
    assert reason == "onnxruntime, tokenizers not installed (install source-compare[semantic])"


def test_without_the_channel_the_comparison_is_lexical_and_says_why(monkeypatch):
    from viewer.core.meaning import refine

    monkeypatch.setattr(refine, "unavailable_reason", lambda: "numpy not installed (test)")
    left, right = load_document(seed_path("000")), load_document(seed_path("003"))
    lexical = compare(left, right)
    refined = compare(left, right, Options(semantic=True))
    assert refined.blocks == lexical.blocks
    assert refined.meaning_note == "Not matched by meaning: numpy not installed (test)."
    assert all(b.meaning is None for b in lexical.blocks)


def test_the_engine_imports_no_numerical_package_unless_asked():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from viewer.core import compare, document_from_text\n"
        "compare(document_from_text('One cat sat. Two dogs ran.', 'a'),"
        " document_from_text('Two dogs ran. One cat sat.', 'b'))\n"
        "print(','.join(m for m in ('numpy', 'onnxruntime', 'tokenizers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@needs_model
def test_the_model_gives_sentence_transformers_cosines():
    encoder = meaning_channel.load_encoder()
    vectors = encoder.embed(["A man is eating food.", "A man is eating a piece of bread."])
    assert float(vectors[0] @ vectors[1]) == pytest.approx(0.7553, abs=2e-3)
    assert float(vectors[0] @ vectors[0]) == pytest.approx(1.0, abs=1e-5)


@needs_model
@pytest.mark.parametrize("rewrite", ["001", "003"])
def test_refined_comparison_is_a_partition_with_a_meaning_per_link(rewrite):
    left, right = load_document(seed_path("000")), load_document(seed_path(rewrite))
    result = compare(left, right, Options(semantic=True))
    assert result.options.semantic and result.meaning_note == ""
    assert partition_problems(result.blocks, len(left.sentences), len(right.sentences)) == []
    linked = [b for b in result.blocks if b.source and b.rewrite]
    assert linked and all(b.meaning is not None and -1 <= b.meaning <= 1 for b in linked)
    assert all(b.meaning is None for b in result.blocks if not (b.source and b.rewrite))


@needs_model
def test_the_meaning_pass_reports_progress_and_can_be_cancelled():
    left, right = load_document(seed_path("003")), load_document(seed_path("004"))
    seen: list[str] = []

    def cancel() -> bool:
        return "matching by meaning" in seen

    steps = compare_steps(left, right, Options(semantic=True), cancel)
    with pytest.raises(Cancelled):
        for progress in steps:
            seen.append(progress.phase)
    assert seen[-1] == "matching by meaning"


def test_meanings_and_the_note_survive_a_json_round_trip(tmp_path):
    from dataclasses import replace

    from viewer.core.export.json_format import comparison_to_json, read_json

    left, right = load_document(seed_path("000")), load_document(seed_path("001"))
    lexical = compare(left, right)
    blocks = tuple(
        replace(b, meaning=round(0.5 + 0.01 * n, 4)) if b.source and b.rewrite else b
        for n, b in enumerate(lexical.blocks)
    )
    note = "Not matched by meaning: too long."
    measured = replace(lexical, blocks=blocks, options=Options(semantic=True), meaning_note=note)
    path = tmp_path / "c.json"
    path.write_text(comparison_to_json(measured), encoding="utf-8")
    back = read_json(path)
    assert [b.meaning for b in back.blocks] == [b.meaning for b in blocks]
    assert back.options.semantic and back.meaning_note == note
    assert '"meaning"' not in comparison_to_json(lexical)


@needs_model
def test_the_command_line_reports_meaning_by_default_when_installed(capsys):
    from viewer.cli import main

    code = main(["compare", str(seed_path("003")), str(seed_path("004")), "--color", "never"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "· meaning 0." in out
