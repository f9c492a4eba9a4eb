"""Alignment: the aligner step by step, and exact alignments of constructed rewrites and seeds."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Generator
from pathlib import Path

import pytest

from viewer.core import align, compare, load_document
from viewer.core.model import Document, Kind, Progress, Side
from viewer.core.normalize import SentenceForms, sentence_forms
from viewer.resources import seed_path

REPO_ROOT = Path(__file__).resolve().parents[2]

S = [
    "Russia on Tuesday launched an actress and a film director into space.",  # 0
    "The crew will spend twelve days aboard the International Space Station.",  # 1
    "Director Klim Shipenko called the film an experiment at a press conference.",  # 2
    "The movie's plot centres on a surgeon sent to save an astronaut in orbit.",  # 3
    "Veteran cosmonaut Anton Shkaplerov commands the Soyuz MS-19 spacecraft.",  # 4
    "Shipenko and Peresild will return to Earth on October 17 with Oleg Novitsky.",  # 5
]


def document(sentences: list[str], name: str = "doc") -> Document:
    spans, position = [], 0
    for text in sentences:
        spans.append((position, position + len(text)))
        position += len(text) + 1
    text = " ".join(sentences)
    return Document(name, text, tuple(spans), ((0, len(text)),))


def links(comparison) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    return [(b.source, b.rewrite, b.kind.value, b.moved) for b in comparison.blocks]


CASES = {
    "unchanged": (S, [((i,), (i,), "identical", False) for i in range(6)]),
    "reordered": (
        [S[0], S[1], S[4], S[2], S[3], S[5]],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "identical", False),
            ((4,), (2,), "identical", True),
            ((2,), (3,), "identical", False),
            ((3,), (4,), "identical", False),
            ((5,), (5,), "identical", False),
        ],
    ),
    "omission": (
        [S[0], S[1], S[3], S[4], S[5]],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "identical", False),
            ((2,), (), "omitted", False),
            ((3,), (2,), "identical", False),
            ((4,), (3,), "identical", False),
            ((5,), (4,), "identical", False),
        ],
    ),
    "addition": (
        [
            S[0],
            S[1],
            S[2],
            "A backup crew trained in Star City in case anyone fell ill.",
            S[3],
            S[4],
            S[5],
        ],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "identical", False),
            ((2,), (2,), "identical", False),
            ((), (3,), "added", False),
            ((3,), (4,), "identical", False),
            ((4,), (5,), "identical", False),
            ((5,), (6,), "identical", False),
        ],
    ),
    "split": (
        [
            S[0],
            S[1],
            "Director Klim Shipenko spoke at a press conference.",
            "He called the film an experiment.",
            S[3],
            S[4],
            S[5],
        ],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "identical", False),
            ((2,), (2, 3), "partial", False),
            ((3,), (4,), "identical", False),
            ((4,), (5,), "identical", False),
            ((5,), (6,), "identical", False),
        ],
    ),
    # Most words of both source sentences survive the merge, yet a merge is partial by definition.
    "merge": (
        [
            S[0],
            S[1],
            S[2],
            "The movie's plot centres on a surgeon sent to save an astronaut in orbit, "
            "on a Soyuz MS-19 spacecraft commanded by veteran cosmonaut Anton Shkaplerov.",
            S[5],
        ],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "identical", False),
            ((2,), (2,), "identical", False),
            ((3, 4), (3,), "partial", False),
            ((5,), (4,), "identical", False),
        ],
    ),
    "synonym swap": (
        [S[0], "The team will stay twelve days on board the International Space Station.", *S[2:]],
        [
            ((0,), (0,), "identical", False),
            ((1,), (1,), "paraphrase", False),
            *[((i,), (i,), "identical", False) for i in range(2, 6)],
        ],
    ),
    "number change": (
        [*S[:5], "Shipenko and Peresild will return to Earth on October 19 with Oleg Novitsky."],
        [*[((i,), (i,), "identical", False) for i in range(5)], ((5,), (5,), "partial", False)],
    ),
}


QUOTES = [
    S[0],
    S[1],
    '"Some things will work out and some things won\'t," he conceded.',
    '"We are not afraid of the cold or the dark," Peresild told reporters.',
    S[5],
]
QUOTES_REWORDED = [
    S[0],
    S[1],
    "He said, \u201cSomethings will work out, and others will not.\u201d",
    "Peresild said the crew feared neither freezing temperatures nor darkness.",
    S[5],
]


def test_reworded_quotes_between_links_pair_in_order():
    comparison = compare(document(QUOTES), document(QUOTES_REWORDED))
    pairs = [(b.source, b.rewrite) for b in comparison.blocks]
    assert pairs == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]


@pytest.mark.parametrize("case", CASES)
def test_constructed_rewrite(case):
    rewrite, expected = CASES[case]
    assert links(compare(document(S, "source"), document(rewrite, "rewrite"))) == expected


def test_light_edit_is_edited():
    rewrite = [
        S[0],
        "The crew will spend twelve days aboard the orbiting International Space Station.",
        *S[2:],
    ]
    comparison = compare(document(S), document(rewrite))
    assert links(comparison)[1] == ((1,), (1,), "edited", False)


def seed(prefix: str) -> Document:
    return load_document(seed_path(prefix))


def find(doc: Document, start: str) -> int:
    matches = [i for i, text in enumerate(doc.sentence_texts()) if text.strip().startswith(start)]
    assert len(matches) == 1, (start, matches)
    return matches[0]


def block_of(comparison, side: Side, index: int):
    return next(b for b in comparison.blocks if index in b.sentences(side))


SEED_001_LINKS = [
    # (source sentence starts, rewrite sentence starts, kinds allowed)
    (["Moscow: Russia on Tuesday"], ["In an attempt to beat"], {"paraphrase", "partial"}),
    (
        ["If successful, the Russian crew"],
        ["The Russian team will defeat"],
        {"paraphrase", "partial"},
    ),
    (
        ["Actress Yulia Peresild, 37"],
        ["Yulia Peresild, 37, and Klim Shipenko, 38, will take out"],
        {"paraphrase", "edited"},
    ),
    (
        ["Led by veteran cosmonaut"],
        ["They\u2019ll go to the International"],
        {"paraphrase", "partial"},
    ),
    (
        ["The movie\u00b4s plot"],
        ["According to Russia\u2019s space agency"],
        {"paraphrase", "partial"},
    ),
    (["Clad in a flight suit"], ["Director Shipenko, dressed"], {"paraphrase", "partial"}),
    (['"Some things will work out'], ["He said, \u201cSomethings"], {"paraphrase", "partial"}),
    (["Shipenko and Peresild are expected"], ["Aboard October 17"], {"paraphrase", "edited"}),
    (
        ["The launch comes at a challenging"],
        ["The launch comes at a challenging"],
        {"paraphrase", "edited"},
    ),
    (["Compared to the Soviet era"], ["In compared to the Soviet era"], {"paraphrase", "edited"}),
]

SEED_002_LINKS = [
    (["Moscow: Russia on Tuesday"], ["On Tuesday, a Russian actress"], {"paraphrase", "partial"}),
    (
        ["If successful, the Russian crew"],
        ["The Russian team is on track"],
        {"paraphrase", "partial"},
    ),
    # The rewrite adds the lease and the docking time but drops the titles: the model is close
    # to even (p about 0.54), so either verdict is defensible; the link is what matters here.
    (
        ["Actress Yulia Peresild, 37"],
        ["Yulia Peresild, 37, and Klim Shipenko, 38, took out"],
        {"partial", "paraphrase"},
    ),
    (["Led by veteran cosmonaut"], ["They\u2019ll journey to the ISS"], {"paraphrase", "edited"}),
    (["The movie\u00b4s plot"], ["The narrative of the film"], {"paraphrase", "partial"}),
    (["Shipenko and Peresild are expected"], ["On October 17, Shipenko"], {"paraphrase", "edited"}),
    # 000 says Sputnik/Gagarin and "struggled to innovate" in one sentence: 002 splits it in two,
    # and merges "struggled to innovate" with the funding sentence before it.
    (
        ["The launch comes at a challenging", "Compared to the Soviet era"],
        ["The Soviets launched Sputnik", "Modern Russia, however"],
        {"partial"},
    ),
]


@pytest.mark.parametrize(
    ("rewrite", "expected"), [("001", SEED_001_LINKS), ("002", SEED_002_LINKS)]
)
def test_seed_rewrites_of_000(rewrite, expected):
    left, right = seed("000"), seed(rewrite)
    comparison = compare(left, right)
    for left_starts, right_starts, kinds in expected:
        lefts = tuple(sorted(find(left, s) for s in left_starts))
        rights = tuple(sorted(find(right, s) for s in right_starts))
        block = block_of(comparison, Side.SOURCE, lefts[0])
        assert (block.source, block.rewrite) == (lefts, rights), left_starts
        assert block.kind.value in kinds, (left_starts, block.kind)
        assert not block.moved
    linked_left = {i for b in comparison.blocks if b.source and b.rewrite for i in b.source}
    expected_left = {find(left, s) for starts, _, _ in expected for s in starts}
    assert linked_left == expected_left  # nothing else of 000 is claimed to be in the rewrite
    for index in sorted(left.boilerplate):
        assert block_of(comparison, Side.SOURCE, index).kind is Kind.OMITTED
        assert block_of(comparison, Side.SOURCE, index).boilerplate


def test_other_outlets_share_few_sentences():
    """003 and 004 are separate reports: only a handful of sentences correspond."""
    left = seed("000")
    for prefix in ("003", "004"):
        right = seed(prefix)
        comparison = compare(left, right)
        linked = [b for b in comparison.blocks if b.source and b.rewrite]
        assert 1 <= len(linked) <= 5
        assert all(b.kind in (Kind.PARTIAL, Kind.PARAPHRASE, Kind.EDITED) for b in linked)


def test_lone_weak_links_do_not_set_the_reading_order():
    from viewer.core.align import GAP_MAX, MOVE_MIN, _without_lone_weak_links

    weak = MOVE_MIN - 0.1
    chain = [
        (0, 0, 0.9),
        (2, 1, weak),
        (10, 12, weak),
        (11, 13, weak),
        (20, 25, weak),
        (30, 30, 0.8),
    ]
    # (2, 1) leans on (0, 0), and (10, 12)/(11, 13) on each other; (20, 25) stands alone.
    assert _without_lone_weak_links(chain) == [c for c in chain if c[:2] != (20, 25)]
    far = 2 * GAP_MAX
    assert _without_lone_weak_links([(0, 0, weak), (far, far, weak)]) == []
    assert _without_lone_weak_links([(0, 0, MOVE_MIN), (far, far, MOVE_MIN)]) == [
        (0, 0, MOVE_MIN),
        (far, far, MOVE_MIN),
    ]


def test_loosely_related_pairs_do_not_hide_the_shared_fact():
    """In 003 and 004, two loosely related pairs in a row (the crew's names; Monday's news
    conference, with other speakers) must not outweigh the one pair they cross that shares a
    specific fact (the Hollywood project with Tom Cruise)."""
    left, right = seed("003"), seed("004")
    comparison = compare(left, right)
    pairs = {(i, j) for b in comparison.blocks for i in b.source for j in b.rewrite}
    project = (
        find(left, "The Russian crew is set to beat"),
        find(right, "It also aims to get in first"),
    )
    conference = (
        find(left, "Speaking at a pre-flight news conference"),
        find(right, "The director told a news conference"),
    )
    assert project in pairs
    assert conference not in pairs


def synthetic():
    spec = importlib.util.spec_from_file_location(
        "synthetic", REPO_ROOT / "benchmarks" / "synthetic.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed_number", [101, 202])
def test_link_f1_on_synthetic_rewrite(seed_number):
    generator = synthetic()
    story = generator.story(seed_number, 300)
    comparison = compare(document(story.left), document(story.right))
    predicted = {(i, j) for b in comparison.blocks for i in b.source for j in b.rewrite}
    precision, recall, f1 = generator.link_scores(predicted, story.links)
    assert f1 >= 0.95, (precision, recall, f1)


# The aligner's steps, one by one (``align_steps`` runs them in this order).


def finish(steps: Generator[Progress, None, object]) -> object:
    """Runs a step to the end and returns its result."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def forms(sentences: list[str]) -> list[SentenceForms]:
    return [sentence_forms(text) for text in sentences]


def terms_of(left: list[str], right: list[str]) -> align.Terms:
    return finish(align.term_vectors(forms(left), forms(right)))


def test_step_1_weighs_terms_by_rarity_over_both_documents():
    left = [S[0], S[1], "Shipenko filmed in orbit."]
    right = [S[0], "Shipenko filmed the crew for 12 days."]
    terms = terms_of(left, right)
    # The same text gets the same bag; every sentence has one.
    assert len(terms.left.bags) == 3 and len(terms.right.bags) == 2
    assert terms.left.bags[0] is terms.right.bags[0]
    # Document frequency counts sentences: "shipenko" is in two, "orbit" in one.
    assert terms.df["shipenko"] == 2 and terms.df["orbit"] == 1
    assert terms.idf["orbit"] > terms.idf["shipenko"]
    # Bigrams of content words weigh less than words as rare; numbers more.
    assert terms.df["shipenko film"] == terms.df["shipenko"]
    assert terms.idf["shipenko film"] == pytest.approx(align.BIGRAM_WEIGHT * terms.idf["shipenko"])
    # "twelve" and "12" are one number, in two sentences.
    assert terms.df["#12"] == 2
    assert terms.idf["#12"] == pytest.approx(align.NUMBER_BOOST * terms.idf["shipenko"])
    # Vectors are unit length, so their cosine is 1 for the same text.
    assert align.cosine(terms.left[0], terms.right[0]) == pytest.approx(1.0)
    assert 0 < align.cosine(terms.left[2], terms.right[1]) < 1


def test_step_2_links_same_text_at_once_and_pairs_repeats_in_order():
    repeated = "Advertisement"
    left = forms([S[0], repeated, S[1], repeated])
    right = forms([repeated, S[1], S[0], repeated])
    exact, settled_left, settled_right = align.exact_links(left, right)
    # A text found once on each side needs no search; repeats link every way, but stay open.
    assert settled_left == {0, 2} and settled_right == {1, 2}
    assert exact == {(0, 2): 1.0, (2, 1): 1.0, (1, 0): 1.0, (1, 3): 1.0, (3, 0): 1.0, (3, 3): 1.0}
    many = align.EXACT_PAIRS_MAX  # many repeats a side: too many pairs, so in order
    exact, _, _ = align.exact_links(forms([repeated] * many), forms([repeated] * (many + 1)))
    assert exact == {(k, k): 1.0 for k in range(many)}


def test_step_2_indexes_rare_terms_rarest_first():
    df = align.Counter({"b": 1, "a": 1, "c": 2, "the": 50})
    # Ties by the term itself; a term in more sentences than the cap indexes nothing.
    assert align.term_rarity(df, 100) == {"a": 0, "b": 1, "c": 2}
    cap = align.DF_CAP_MAX
    assert list(align.term_rarity(align.Counter({"x": cap, "y": cap + 1}), 10_000)) == ["x"]


def test_step_2_scores_candidates_from_the_inverted_index():
    left = [S[0], S[1], S[2], S[3]]
    right = [
        S[3],  # moved, unchanged
        "The crew of three will stay on the International Space Station for twelve days.",
        "Cosmonauts ate borscht for dinner.",  # unrelated
    ]
    terms = terms_of(left, right)
    scores = finish(
        align.candidate_scores(forms(left), forms(right), terms, frozenset(), frozenset())
    )
    assert scores[(3, 0)] == 1.0
    assert scores[(1, 1)] >= align.LINK_MIN
    assert not any(j == 2 for _, j in scores)
    assert all(score >= align.LINK_MIN for score in scores.values())
    # Page furniture needs a stronger match: the reworded sentence no longer qualifies.
    boilerplate = finish(
        align.candidate_scores(forms(left), forms(right), terms, frozenset({1}), frozenset())
    )
    assert scores[(1, 1)] < align.BOILERPLATE_MIN
    assert (1, 1) not in boilerplate and boilerplate[(3, 0)] == 1.0


def test_step_3_reading_order_is_the_heaviest_chain_without_rivals():
    scores = {
        (0, 0): 0.9,
        (1, 1): 0.8,
        (2, 2): 0.7,
        (1, 2): 0.3,  # under half of sentence 1's best: not a contender
        (3, 0): 0.95,  # crosses the chain: outweighed by the three links in order
        (3, 3): 0.6,
    }
    assert align.reading_order(scores, 4) == [(0, 0, 0.9), (1, 1, 0.8), (2, 2, 0.7), (3, 3, 0.6)]
    # A lone weak link does not take part in the reading order.
    weak = align.MOVE_MIN - 0.05
    far = 3 * align.GAP_MAX
    assert align.reading_order({(0, 0): 0.9, (far, far): weak}, far + 1) == [(0, 0, 0.9)]
    assert align.reading_order({}, 3) == []


def test_step_4_pairs_leftovers_as_moves_or_in_order_and_fills_small_gaps():
    left = [S[0], S[1], S[2], S[3], S[4]]
    right = [S[0], S[4], S[2], S[3], S[1]]
    terms = terms_of(left, right)
    chain = [(0, 0, 1.0), (2, 2, 1.0), (3, 3, 1.0)]
    weak = (align.LINK_MIN + align.MOVE_MIN) / 2
    scores = {(0, 0): 1.0, (2, 2): 1.0, (3, 3): 1.0, (1, 4): 1.0, (4, 1): weak}
    links = align.pair_leftovers(chain, scores, terms, frozenset(), frozenset())
    # (1, 4) is out of order and strong: a move. (4, 1) is out of order and weak: no link.
    assert links.scores == {(0, 0): 1.0, (2, 2): 1.0, (3, 3): 1.0, (1, 4): 1.0}
    assert links.moved == {(1, 4)}

    # One sentence facing one between two links pairs at a lower score (a reworded quote).
    left = [S[0], QUOTES[3], S[5]]
    right = [S[0], QUOTES_REWORDED[3], S[5]]
    terms = terms_of(left, right)
    chain = [(0, 0, 1.0), (2, 2, 1.0)]
    links = align.pair_leftovers(
        chain, dict.fromkeys([(0, 0), (2, 2)], 1.0), terms, frozenset(), frozenset()
    )
    gap_score = links.scores[(1, 1)]
    assert align.GAP_MIN <= gap_score < align.LINK_MIN
    assert links.moved == set()
    # ... unless one of them is page furniture.
    links = align.pair_leftovers(
        chain, dict.fromkeys([(0, 0), (2, 2)], 1.0), terms, frozenset({1}), frozenset()
    )
    assert (1, 1) not in links.scores


def test_step_5_groups_grow_by_the_halves_of_a_split():
    left = [S[0], S[1], S[2]]
    right = [
        S[0],
        "The crew will spend twelve days.",
        "They will stay aboard the International Space Station.",
        S[2],
    ]
    terms = terms_of(left, right)
    links = align.Links({(0, 0): 1.0, (1, 1): 0.5, (2, 3): 1.0}, set())
    grown = finish(
        align.grow_groups(
            links, forms(left), forms(right), align._Unigrams(terms), frozenset(), frozenset()
        )
    )
    assert grown == [
        align.GrownGroup([0], [0], False),
        align.GrownGroup([1], [1, 2], False),
        align.GrownGroup([2], [3], False),
    ]
    # A neighbour that is page furniture stays out.
    grown = finish(
        align.grow_groups(
            links, forms(left), forms(right), align._Unigrams(terms), frozenset(), frozenset({2})
        )
    )
    assert grown[1] == align.GrownGroup([1], [1], False)
    groups = finish(align.scored_groups(grown, forms(left), forms(right), terms))
    assert [(g.left, g.right, g.moved) for g in groups] == [
        ((0,), (0,), False),
        ((1,), (1,), False),
        ((2,), (3,), False),
    ]
    assert groups[0].similarity == 1.0 and 0 < groups[1].similarity < 1


def test_align_steps_reports_progress_up_to_the_total():
    story = synthetic().story(7, 150)
    left, right = forms(story.left), forms(story.right)
    steps = align.align_steps(left, right)
    reports = []
    while True:
        try:
            reports.append(next(steps))
        except StopIteration as stop:
            groups = stop.value
            break
    total = len(left) + len(right)
    assert all(p.phase == "aligning" and p.total == total for p in reports)
    done = [p.done for p in reports]
    assert done == sorted(done) and done[-1] == total
    assert len(reports) >= 10  # often enough for the caller to check for cancel
    assert sorted(i for g in groups for i in g.left) == sorted({i for g in groups for i in g.left})


def test_align_steps_can_stop_at_any_report():
    steps = align.align_steps(forms(S), forms(list(reversed(S))))
    next(steps)
    next(steps)
    steps.close()  # what cancelling does: no error, nothing left running
    with pytest.raises(StopIteration):
        next(steps)


def test_search_structures_are_emptied_one_batch_per_report():
    first, second = {"a": 1}, [1, 2]
    third = align.Counter("abc")
    release = align._release_gradually(10, [[first, second], [third]])
    assert next(release) == Progress("aligning", 10, 10)
    assert first == {} and second == [] and third  # the next batch waits for the next report
    next(release)
    assert not third
    with pytest.raises(StopIteration):
        next(release)
