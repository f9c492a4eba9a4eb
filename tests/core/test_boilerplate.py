"""Page furniture: the sample articles' pasted headlines, and the lines that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.boilerplate import WordCounts, content_words, detect_boilerplate
from viewer.core.loading import document_from_text
from viewer.core.sentences import split_paragraphs, split_sentences
from viewer.resources import seed_path


def seed_document(prefix: str):
    return document_from_text(seed_path(prefix).read_text(encoding="utf-8"), prefix)


def furniture_texts(text: str) -> list[str]:
    doc = document_from_text(text, "t")
    return [doc.sentence_text(i) for i in sorted(doc.boilerplate)]


def test_seed_000_trailing_celebrity_headlines():
    doc = seed_document("000")
    assert sorted(doc.boilerplate) == [10, 11, 12, 13, 14, 15]
    assert doc.sentence_text(10).startswith("Gordon Ramsay opens up")
    assert doc.sentence_text(15).startswith("Orlando Bloom comes to Katy Perry")
    assert len(doc.sentences) == 16


def test_seed_003_the_embedded_post_and_the_related_topics_line():
    doc = seed_document("003")
    assert sorted(doc.boilerplate) == [13, 14, 15, 23]
    assert doc.sentence_text(13) == "Russian spacecraft blasts off to International Space Station"
    assert doc.sentence_text(15) == "Twitter"
    assert doc.sentence_text(23) == "Related topics : Space Nasa"
    texts = doc.sentence_texts()
    # The title and the subheads share the article's words: they stay article text.
    for kept in (
        "Russia Outshines the US;",
        "Russia to Make Movie History in Space",
        "Russia is about to Win a Race",
    ):
        index = next(i for i, t in enumerate(texts) if t.startswith(kept))
        assert index not in doc.boilerplate


def test_seed_004_related_stories_in_the_middle():
    doc = seed_document("004")
    assert sorted(doc.boilerplate) == [7, 8, 9]
    assert doc.sentence_text(7).startswith("Barbie (the astronaut)")
    assert doc.sentence_text(8).endswith("how will they land?")
    assert doc.sentence_text(9).startswith("Smoke alarm activated")


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_spun_rewrites_have_no_furniture(prefix):
    # Every paragraph of these rewrites ends with punctuation, apart from a final line cut off
    # mid-sentence in 002, which is alone and so not a headline list.
    assert seed_document(prefix).boilerplate == frozenset()


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Share this article",
        "Read more",
        "Home | News | Sport | Weather",
        "Related topics : Space Nasa",
        "Sign up for our newsletter",
        "Home \u2022 World \u2022 Europe",
    ],
)
def test_furniture_lines_after_the_article(line):
    text = (
        f"The crew launched on Tuesday. They will film a movie.\n{line}\nThe flight lasts 12 days."
    )
    assert furniture_texts(text) == [line]


def test_embedded_post_paragraph_goes_whole_with_its_title():
    text = (
        "The crew launched on Tuesday. They will film a movie.\n\n"
        "Crew blasts off\nThe mission blasted off to the station. Twitter\n\n"
        "The flight lasts 12 days."
    )
    assert furniture_texts(text) == [
        "Crew blasts off",
        "The mission blasted off to the station.",
        "Twitter",
    ]


def test_a_network_named_inside_a_sentence_is_article_text():
    text = (
        "The crew launched on Tuesday. They will film a movie.\n"
        "The agency posted the video on Twitter. Viewers cheered.\nThe flight lasts 12 days."
    )
    assert furniture_texts(text) == []


def test_list_heading_takes_the_headlines_under_it():
    text = (
        "The crew launched on Tuesday. They will film a movie in orbit.\n"
        "Related stories\nRussian crew blasts off to the station\nSpace film crew returns home\n"
        "The mission lasts twelve days."
    )
    assert furniture_texts(text) == [
        "Related stories",
        "Russian crew blasts off to the station",
        "Space film crew returns home",
    ]


def test_title_block_at_the_top_stays():
    text = (
        "Unrelated Big Headline About Markets\nAnother Standfirst Line Here\n"
        "The crew launched on Tuesday. They will film a movie."
    )
    assert furniture_texts(text) == []


def test_a_single_headline_line_between_paragraphs_stays():
    text = (
        "The crew launched on Tuesday.\nCelebrity chef opens new restaurant downtown\n"
        "The flight lasts 12 days."
    )
    assert furniture_texts(text) == []


def test_subheads_sharing_vocabulary_stay():
    text = (
        "The Russian crew launched a film mission to the space station.\n"
        "Russian film crew in space\nSpace station mission for the film crew\n"
        "The crew will film on the station for twelve days."
    )
    assert furniture_texts(text) == []


def test_sentences_ending_with_punctuation_are_never_a_headline_run():
    text = (
        "The crew launched.\nChefs cook dinners.\nBankers count money.\nThe flight lasts 12 days."
    )
    assert furniture_texts(text) == []


def test_novelty_counts_words_absent_from_other_lines():
    lines = ["The rocket launched today", "Celebrity chef opens restaurant", "A rocket launched"]
    counts = WordCounts(lines)
    assert counts.novelty([1]) == 1.0
    assert counts.novelty([2]) == 0.0
    assert counts.novelty([1, 2]) == 4 / 6
    assert counts.novelty([0, 2]) == 1.0  # words shared only inside the run are still new


def test_content_words_fold_plurals_and_possessives():
    assert content_words("Russia\u2019s rockets and the Moon") == ["russia", "rocket", "moon"]


def test_empty_input():
    assert detect_boilerplate("", [], []) == frozenset()
    text = "Advertisement"
    paragraphs = split_paragraphs(text)
    assert detect_boilerplate(text, paragraphs, split_sentences(text, paragraphs)) == frozenset({0})


LINES = st.sampled_from(
    [
        "The crew launched on Tuesday.",
        "Celebrity chef opens restaurant",
        "Advertisement",
        "Who are the astronauts?",
        "Home | News | Sport",
        "Related stories",
        "",
        "Russian crew in space",
        "Pop star’s new album",
        "\u00a0",
        "Read more: rockets",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=30).map("\n".join))
def test_furniture_indices_are_sentences_of_the_document(text):
    doc = document_from_text(text, "t")
    assert doc.boilerplate <= set(range(len(doc.sentences)))
    for index in doc.boilerplate:
        assert doc.sentence_text(index) not in ("The crew launched on Tuesday.",)
