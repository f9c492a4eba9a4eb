"""Many outlets: the star of pair comparisons, per-sentence reuse, strips and grouping."""

from __future__ import annotations

import random

import pytest

from viewer.core import Cancelled, Kind, Progress, compare, document_from_text, load_document
from viewer.core.outlets import (
    OUTLETS_PHASE,
    compare_set,
    compare_set_steps,
    group_outlets,
    parse_date,
    set_from_comparisons,
    strip_similarity,
)
from viewer.resources import seed_path

SOURCE = [
    "The central bank raised its main interest rate by half a point on Thursday.",
    "Governor Elena Novak said inflation had stayed above target for nine months.",
    "Economists polled by the agency had expected a smaller increase.",
    "The currency rose two percent against the dollar after the decision.",
    "Shares of the largest lenders fell in early trading in the capital.",
    "The next rate decision is due in six weeks, the bank said.",
]


def text_of(sentences: list[str]) -> str:
    return "\n\n".join(sentences) + "\n"


@pytest.fixture(scope="module")
def seeds_set():
    source = load_document(seed_path("000"))
    rewrites = [load_document(seed_path(n)) for n in ("001", "002", "003", "004")]
    return compare_set(source, rewrites)


def test_seed_set_badges(seeds_set):
    # Read from the four pair comparisons (000 against 001..004):
    # - sentence 1 ("Moscow: Russia on Tuesday is set to launch...") is paraphrased in all four
    #   rewrites (blocks "source 1 -> rewrite 2/2/3/1", all Paraphrased): 4/4.
    # - sentence 5 (the movie's plot) is paraphrased by 001 and 002 and omitted by 003 and 004.
    # - sentence 7 ("Some things will work out...") is partly reused by 001 only (12% alike:
    #   "He said, 'Somethings will work out, and others will not.'"), omitted by the others.
    # - sentences 11-16 are the "related headlines" list under the article: page furniture.
    hub = seeds_set.hub
    assert hub.name.startswith("000")
    names = [d.name[:3] for d in seeds_set.spokes]
    assert names == ["001", "002", "003", "004"]
    first, plot, quote = seeds_set.sentences[0], seeds_set.sentences[4], seeds_set.sentences[6]
    assert first.badge == "4/4"
    assert first.counts_by_kind()[Kind.PARAPHRASE] == 4
    assert plot.badge == "2/4"
    assert [r.outlet for r in plot.reuses] == [0, 1]
    assert {r.cell.kind for r in plot.reuses} == {Kind.PARAPHRASE}
    assert quote.badge == "1/4"
    assert quote.reuses[0].outlet == 0 and quote.reuses[0].cell.kind is Kind.PARTIAL
    assert [s.boilerplate for s in seeds_set.sentences[10:]] == [True] * 6
    assert all(s.count == 0 for s in seeds_set.sentences[10:])


def test_seed_set_cells_match_the_pair_comparisons(seeds_set):
    source = seeds_set.hub
    for k, rewrite in enumerate(seeds_set.spokes):
        pair = compare(source, rewrite)
        assert pair.blocks == seeds_set.comparisons[k].blocks
        for block_number, block in enumerate(pair.blocks):
            for i in block.source:
                cell = seeds_set.matrix[k][i]
                assert cell.kind is block.kind
                assert cell.block == block_number
                assert cell.partner == block.rewrite
                assert cell.moved == block.moved
        # the reused share is the source_carried figure of the pair
        assert seeds_set.reused_share(k) == pytest.approx(pair.summary.source_carried)


def test_strip_text_letters(seeds_set):
    strip = seeds_set.strip_text(2)  # 003: one moved partial reuse, omissions, furniture
    assert len(strip) == len(seeds_set.hub.sentences)
    assert strip.endswith(" " * 6)
    assert "." in strip
    cells = seeds_set.matrix[2]
    assert any(cell.moved for cell in cells)
    for cell, letter in zip(cells, strip, strict=True):
        if cell.reused and not cell.facts and letter != " ":
            # a moved sentence is lower case, one in place upper case
            assert letter == (letter.lower() if cell.moved else letter.upper())
        elif cell.reused and cell.facts and letter != " ":
            assert letter == "!"  # a changed fact outweighs the kind


def test_order_of_inputs_does_not_matter():
    source = document_from_text(text_of(SOURCE), "wire.txt")
    rewrites = [
        document_from_text(text_of([SOURCE[0], SOURCE[2]]), "a.txt"),
        document_from_text(text_of([SOURCE[3], SOURCE[1], "A new closing line."]), "b.txt"),
        document_from_text(text_of(SOURCE[:4]), "c.txt"),
        document_from_text(text_of([SOURCE[5]]), "d.txt"),
    ]
    reference = compare_set(source, rewrites)
    generator = random.Random(7)
    for _ in range(4):
        shuffled = rewrites[:]
        generator.shuffle(shuffled)
        other = compare_set(source, shuffled)
        assert [d.name for d in other.spokes] == ["a.txt", "b.txt", "c.txt", "d.txt"]
        assert other.matrix == reference.matrix
        assert other.sentences == reference.sentences


def test_progress_counts_outlets_and_cancel_stops():
    source = document_from_text(text_of(SOURCE), "wire.txt")
    rewrites = [document_from_text(text_of(SOURCE[: n + 1]), f"r{n}.txt") for n in range(3)]
    steps = list_progress(compare_set_steps(source, rewrites))
    assert steps[0] == Progress(OUTLETS_PHASE, 0, 3)
    assert steps[-1] == Progress(OUTLETS_PHASE, 3, 3)
    assert [p.done for p in steps] == sorted(p.done for p in steps)

    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        list_progress(compare_set_steps(source, rewrites, cancel=cancel))


def list_progress(steps) -> list[Progress]:
    out = []
    while True:
        try:
            out.append(next(steps))
        except StopIteration:
            return out


def test_a_set_needs_one_hub_text():
    a = compare(document_from_text(text_of(SOURCE), "wire.txt"), document_from_text("x.", "x"))
    b = compare(document_from_text(text_of(SOURCE[:2]), "other"), document_from_text("y.", "y"))
    with pytest.raises(ValueError, match="another text"):
        set_from_comparisons([a, b])
    with pytest.raises(ValueError, match="at least one"):
        set_from_comparisons([])


def test_grouping_puts_copy_chains_together():
    source = document_from_text(text_of(SOURCE), "wire.txt")
    chain = [SOURCE[0], SOURCE[2], SOURCE[4]]  # three outlets took the same three sentences
    others = [SOURCE[1], SOURCE[3], SOURCE[5]]  # two took the other three
    rewrites = [
        document_from_text(text_of(chain), "a.txt"),
        document_from_text(text_of(others), "b.txt"),
        document_from_text(text_of([*chain, "A line of its own here."]), "c.txt"),
        document_from_text(text_of(others[:2] + others[2:]), "d.txt"),
        document_from_text(text_of(chain[:2] + chain[2:]), "e.txt"),
    ]
    outlet_set = compare_set(source, rewrites)
    grouping = group_outlets(outlet_set)
    assert sorted(grouping.order) == [0, 1, 2, 3, 4]
    assert [sorted(g) for g in grouping.groups] == [[0, 2, 4], [1, 3]]
    skip = frozenset(outlet_set.hub.boilerplate)
    m = outlet_set.matrix
    assert strip_similarity(m[0], m[2], skip) == 1.0
    assert strip_similarity(m[0], m[1], skip) == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021-10-05", "2021-10-05"), (" 2021-10-05T09:30:00Z ", "2021-10-05T09:30:00+00:00")],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_date_refuses_other_text():
    with pytest.raises(ValueError, match="not a date"):
        parse_date("5 October")


def test_a_date_the_article_states_is_its_date_unless_one_is_given():
    from dataclasses import replace

    source = document_from_text(text_of(SOURCE), "wire.txt")
    dated = replace(document_from_text(text_of(SOURCE[:3]), "a.html"), published="2021-10-05")
    plain = document_from_text(text_of(SOURCE[2:]), "b.txt")
    assert compare_set(source, [plain, dated]).dates == ("2021-10-05", None)
    assert compare_set(source, [dated, plain], dates=["2022-01-01", None]).dates == (
        "2022-01-01",
        None,
    )
