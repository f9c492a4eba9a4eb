"""Classifying linked blocks: identical, edited, paraphrase or partial, and the features behind it."""

from __future__ import annotations

import random

import pytest

from viewer.core.classify import FEATURE_NAMES, MODEL_WEIGHTS, classify_pair, lcs_length, pair_features
from viewer.core.model import Kind
from viewer.core.normalize import sentence_forms, stem, words


def kind_of(left: str, right: str) -> Kind:
    return classify_pair(sentence_forms(left), sentence_forms(right))


CASES = [
    # (source, rewrite, expected kind)
    ("The movie\u00b4s plot was revealed by Russia\u00b4s space agency.",
     "the movie's plot was revealed by russia's space agency", Kind.IDENTICAL),
    ('He called the film "an experiment."', "He called the film \u201can experiment\u201d.", Kind.IDENTICAL),
    ("Shipenko and Peresild are expected to return to Earth on October 17 in a capsule.",
     "Shipenko and Peresild are expected to return to Earth on October 17 in a small capsule.",
     Kind.EDITED),
    ("Actress Yulia Peresild, 37, and film director Klim Shipenko, 38, are expected to take off "
     "from the Baikonur Cosmodrome in ex-Soviet Kazakhstan at 0855 GMT.",
     "Yulia Peresild, 37, and Klim Shipenko, 38, will take out from the Baikonur Cosmodrome in "
     "ex-Soviet Kazakhstan at 0855 GMT.", Kind.EDITED),
    ("If successful, the Russian crew will beat a Hollywood project announced by Tom Cruise.",
     "The Russian team will defeat a Hollywood initiative suggested by Tom Cruise if they succeed.",
     Kind.PARAPHRASE),
    ("The crew will beat a Hollywood project that was announced earlier this year.",
     "The crew will beat a Hollywood project that was announced last year.", Kind.PARTIAL),
    ("The company said on Monday that profits rose 12 percent to 4.5 billion dollars.",
     "The company said on Monday that profits rose 15 percent to 4.5 billion dollars.", Kind.PARTIAL),
    ("Russia has struggled to innovate.",
     "Russia has struggled to innovate, and its space programme now depends on ageing Soviet "
     "rockets, falling budgets and a shrinking pool of engineers.", Kind.PARTIAL),
]


@pytest.mark.parametrize(("left", "right", "expected"), CASES)
def test_kind_of_constructed_pairs(left, right, expected):
    assert kind_of(left, right) is expected


def test_changed_number_is_never_same_meaning():
    kind = classify_pair(sentence_forms("Shares fell 5 percent on Monday."),
                         sentence_forms("Shares fell 6 percent on Monday."))
    assert kind is Kind.PARTIAL


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
    assert len(pair_features(a, b)) == len(FEATURE_NAMES) == len(MODEL_WEIGHTS)
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
