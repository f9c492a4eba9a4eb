"""Classifying linked blocks: identical, edited, paraphrase or partial, and the features used."""

from __future__ import annotations

import random

import pytest

from viewer.core.classify import (
    FEATURE_NAMES,
    classify_pair,
    lcs_length,
    pair_features,
    same_meaning_probability,
    shipped_word_weights,
)
from viewer.core.facts import fact_changes
from viewer.core.model import Kind
from viewer.core.normalize import sentence_forms, stem, words


def kind_of(left: str, right: str) -> Kind:
    return classify_pair(sentence_forms(left), sentence_forms(right))


CASES = [
    # (source, rewrite, expected kind)
    (
        "The movie\u00b4s plot was revealed by Russia\u00b4s space agency.",
        "the movie's plot was revealed by russia's space agency",
        Kind.IDENTICAL,
    ),
    (
        'He called the film "an experiment."',
        "He called the film \u201can experiment\u201d.",
        Kind.IDENTICAL,
    ),
    (
        "Shipenko and Peresild are expected to return to Earth on October 17 in a capsule.",
        "Shipenko and Peresild are expected to return to Earth on October 17 in a small capsule.",
        Kind.EDITED,
    ),
    (
        "Actress Yulia Peresild, 37, and film director Klim Shipenko, 38, are expected to take off "
        "from the Baikonur Cosmodrome in ex-Soviet Kazakhstan at 0855 GMT.",
        "Yulia Peresild, 37, and Klim Shipenko, 38, will take out from the Baikonur Cosmodrome in "
        "ex-Soviet Kazakhstan at 0855 GMT.",
        Kind.EDITED,
    ),
    (
        "If successful, the Russian crew will beat a Hollywood project announced by Tom Cruise.",
        "The Russian team will defeat a Hollywood initiative suggested by Tom Cruise "
        "if they succeed.",
        Kind.PARAPHRASE,
    ),
    (
        "The crew will beat a Hollywood project that was announced earlier this year.",
        "The crew will beat a Hollywood project that was announced last year.",
        Kind.PARTIAL,
    ),
    (
        "The company said on Monday that profits rose 12 percent to 4.5 billion dollars.",
        "The company said on Monday that profits rose 15 percent to 4.5 billion dollars.",
        Kind.PARTIAL,
    ),
    (
        "Russia has struggled to innovate.",
        "Russia has struggled to innovate, and its space programme now depends on ageing Soviet "
        "rockets, falling budgets and a shrinking pool of engineers.",
        Kind.PARTIAL,
    ),
]


@pytest.mark.parametrize(("left", "right", "expected"), CASES)
def test_kind_of_constructed_pairs(left, right, expected):
    assert kind_of(left, right) is expected


def test_changed_number_is_never_same_meaning():
    kind = classify_pair(
        sentence_forms("Shares fell 5 percent on Monday."),
        sentence_forms("Shares fell 6 percent on Monday."),
    )
    assert kind is Kind.PARTIAL


def _fact_kinds(a: str, b: str) -> list[str]:
    return [change.kind for change in fact_changes(a, b)]


def test_replaced_date_is_never_same_meaning():
    a = "The crew took off on Tuesday from the Baikonur Cosmodrome, the agency said."
    b = "The crew blasted off from Baikonur on Wednesday, according to the space agency."
    assert _fact_kinds(a, b) == ["date"]
    assert classify_pair(sentence_forms(a), sentence_forms(b)) is Kind.PARTIAL


def test_relative_date_replaced_by_another_is_never_same_meaning():
    a = 'The project was announced earlier this year by "Mission Impossible" star Tom Cruise.'
    b = "Tom Cruise of Mission Impossible fame announced the initiative last year."
    assert _fact_kinds(a, b) == ["date"]
    assert classify_pair(sentence_forms(a), sentence_forms(b)) is Kind.PARTIAL


def test_date_of_another_kind_is_left_to_the_model():
    # "In June" and "last week" can name the same days, seen from another day: not a change.
    a = "The association said 28.2 million DVDs were rented in the week that ended June 15."
    b = "The dealers association said 28.2 million DVDs were rented out last week."
    assert _fact_kinds(a, b) == []


def test_reworded_sentence_with_another_figure_is_partial():
    # Much else was reworded too, but the figure changed: the facts decide.
    a = "Profits rose 12 percent in the quarter, helped by strong sales in Asia."
    b = "Strong Asian sales lifted quarterly profit by 13 percent."
    assert _fact_kinds(a, b) == ["figure"]
    assert classify_pair(sentence_forms(a), sentence_forms(b)) is Kind.PARTIAL


def test_normalised_equal_figures_leave_the_model_to_decide():
    a = "Profits rose 12 percent in the quarter, helped by strong sales in Asia."
    b = "Profits rose 12% in the quarter, helped by strong sales in Asia."
    assert _fact_kinds(a, b) == []
    assert classify_pair(sentence_forms(a), sentence_forms(b)) is Kind.EDITED


def test_dropped_negation_is_a_feature():
    a = sentence_forms("The minister did not approve the new budget on Friday.")
    b = sentence_forms("The minister approved the new budget on Friday.")
    features = dict(zip(FEATURE_NAMES, pair_features(a, b), strict=True))
    assert features["negation_mismatch"] == 1.0
    same = dict(zip(FEATURE_NAMES, pair_features(a, a), strict=True))
    assert same["negation_mismatch"] == 0.0


def test_shipped_word_weights_tell_harmless_words_from_facts():
    one_sided, both_sides, idf, unseen = shipped_word_weights()
    assert len(one_sided) > 5000 and len(both_sides) > 5000
    # A dropped function word costs less than a dropped figure-like word.
    assert one_sided["the"] > one_sided[stem("percent")]
    # Rarer words weigh more; a word never seen weighs most.
    assert idf["the"] < idf[stem("percent")] < idf[stem("astronaut")] < unseen
    assert stem("cosmodrome") not in idf


def test_probability_is_higher_for_a_paraphrase_than_for_a_changed_story():
    source = sentence_forms(
        "The Russian crew will beat a Hollywood project announced by Tom Cruise."
    )
    paraphrase = sentence_forms(
        "A Hollywood project announced by Tom Cruise will be beaten by the Russian crew."
    )
    other = sentence_forms("Tom Cruise said he would shoot a film in orbit with Nasa next year.")
    p_same = same_meaning_probability(pair_features(source, paraphrase))
    p_other = same_meaning_probability(pair_features(source, other))
    assert 0.0 <= p_other < 0.5 < p_same <= 1.0


def test_merged_blocks_are_partial_unless_identical():
    a = sentence_forms("Peresild, 37, and Shipenko, 38, trained for months. They flew to Baikonur.")
    b = sentence_forms("Peresild and Shipenko trained for months before flying to the cosmodrome.")
    # However sure the model is: a merge or split spreads content over other sentences. (The
    # ages dropped amid the rewording are trimming, no fact change: the model alone would keep
    # the meaning.)
    assert classify_pair(a, b, model=lambda features: 0.99, facts=()) is Kind.PARAPHRASE
    assert classify_pair(a, b, model=lambda features: 0.99) is Kind.PARAPHRASE
    assert classify_pair(a, b, model=lambda features: 0.99, joined=True, facts=()) is Kind.PARTIAL
    # Ages dropped where nothing else changed are fact changes, however sure the model is.
    aged = sentence_forms("Peresild, 37, and Shipenko, 38, trained for months.")
    unaged = sentence_forms("Peresild and Shipenko trained for months.")
    assert classify_pair(aged, unaged, model=lambda features: 0.99) is Kind.PARTIAL
    same = sentence_forms("Peresild and Shipenko trained for months, and they flew to Baikonur.")
    split = sentence_forms("Peresild and Shipenko trained for months. And they flew to Baikonur.")
    assert classify_pair(same, split, joined=True) is Kind.IDENTICAL


def test_spelled_out_number_matches_digits():
    assert sentence_forms("two cosmonauts").numbers == sentence_forms("2 cosmonauts").numbers
    assert sentence_forms("3,000 applicants").numbers == frozenset({"3000"})


def test_normalisation_joins_inflections_and_spellings():
    assert stem("launches") == stem("launched") == stem("launching")
    assert stem("prioritising") == stem("prioritizes")
    assert words("Russia\u00b4s \u201cspace\u201d agency") == ["russia", "space", "agency"]


def test_features_are_symmetric_and_complete():
    a = sentence_forms("Yucaipa owned Dominick's before selling the chain to Safeway in 1998.")
    b = sentence_forms("Yucaipa bought Dominick's in 1995 and sold it to Safeway in 1998.")
    assert len(pair_features(a, b)) == len(FEATURE_NAMES)
    assert pair_features(a, b) == pytest.approx(pair_features(b, a), abs=1e-12)


def test_lcs_matches_the_table_algorithm():
    def table_lcs(a, b):
        previous = [0] * (len(b) + 1)
        for x in a:
            current = [0]
            for j, y in enumerate(b):
                current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
            previous = current
        return previous[-1]

    rng = random.Random(7)
    for _ in range(500):
        a = [rng.choice("abcde") for _ in range(rng.randint(0, 40))]
        b = [rng.choice("abcde") for _ in range(rng.randint(0, 40))]
        assert lcs_length(a, b) == table_lcs(a, b)
