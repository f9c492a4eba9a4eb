"""Sentence and paragraph splitting: a table of news cases, then properties over any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.sentences import split_paragraphs, split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


SPLIT_CASES = [
    # (id, text, expected sentences)
    ("two plain", "The crew left. They arrived.", ["The crew left.", "They arrived."]),
    ("question and exclamation", "Is it ready? Yes! Go now.", ["Is it ready?", "Yes!", "Go now."]),
    ("Mr", "Mr. Smith met the crew. He left.", ["Mr. Smith met the crew.", "He left."]),
    ("Ms without period", "Ms Peresild smiled. She waved.", ["Ms Peresild smiled.", "She waved."]),
    ("Dr", "The crew met Dr. Jones today.", ["The crew met Dr. Jones today."]),
    (
        "St",
        "They prayed at St. Basil's Cathedral. Then they left.",
        ["They prayed at St. Basil's Cathedral.", "Then they left."],
    ),
    (
        "Gen",
        "Gen. Petrov spoke first. Others followed.",
        ["Gen. Petrov spoke first.", "Others followed."],
    ),
    (
        "Jan before number",
        "It launched on Jan. 5 in Kazakhstan.",
        ["It launched on Jan. 5 in Kazakhstan."],
    ),
    ("U.S. inside", "The U.S. Navy watched the launch.", ["The U.S. Navy watched the launch."]),
    (
        "U.S. at the end",
        "Russia wants to beat the U.S. The race is on.",
        ["Russia wants to beat the U.S.", "The race is on."],
    ),
    (
        "p.m. before a name",
        "It lifted off at 1:55 p.m. Moscow time.",
        ["It lifted off at 1:55 p.m. Moscow time."],
    ),
    (
        "p.m. before a bracket",
        "It lifted off at 1:55 p.m. (0855 GMT) from Baikonur.",
        ["It lifted off at 1:55 p.m. (0855 GMT) from Baikonur."],
    ),
    (
        "a.m. at the end",
        "The rocket left at 9 a.m. It was cold.",
        ["The rocket left at 9 a.m.", "It was cold."],
    ),
    ("No. 5", "He wore No. 5 on his suit.", ["He wore No. 5 on his suit."]),
    (
        "e.g.",
        "Some films, e.g. Gravity, were shot on Earth.",
        ["Some films, e.g. Gravity, were shot on Earth."],
    ),
    ("i.e.", "The ISS, i.e. the station, is old.", ["The ISS, i.e. the station, is old."]),
    (
        "initials",
        "J. R. R. Tolkien wrote it. Fans agreed.",
        ["J. R. R. Tolkien wrote it.", "Fans agreed."],
    ),
    (
        "GMT time",
        "They take off at 0855 GMT. The flight is short.",
        ["They take off at 0855 GMT.", "The flight is short."],
    ),
    (
        "9.55am",
        "It left at 9.55am UK time. Crowds cheered.",
        ["It left at 9.55am UK time.", "Crowds cheered."],
    ),
    (
        "money and percent",
        "It cost $2.5 billion, up 4.4% on last year. Critics balked.",
        ["It cost $2.5 billion, up 4.4% on last year.", "Critics balked."],
    ),
    (
        "quote with comma",
        '"Some things will work out and some things won\'t," he conceded.',
        ['"Some things will work out and some things won\'t," he conceded.'],
    ),
    (
        "long quote with comma",
        '"Not only do we need to make a film, '
        'we need to come back to Earth alive," Shkaplerov said.',
        [
            '"Not only do we need to make a film, '
            'we need to come back to Earth alive," Shkaplerov said.'
        ],
    ),
    (
        "split inside a quote",
        'He said: "This mission is special. We have people going into space."',
        ['He said: "This mission is special.', 'We have people going into space."'],
    ),
    (
        "question in quotes then lower case",
        '"Why now?" she asked. Nobody answered.',
        ['"Why now?" she asked.', "Nobody answered."],
    ),
    (
        "ends with straight quote",
        'She said "it was hard." Then she smiled.',
        ['She said "it was hard."', "Then she smiled."],
    ),
    (
        "ends with curly quote",
        "He said, \u201cothers will not.\u201d The crew laughed.",
        ["He said, \u201cothers will not.\u201d", "The crew laughed."],
    ),
    (
        "ends with single curly question",
        "She asked \u2018why?\u2019 He shrugged.",
        ["She asked \u2018why?\u2019", "He shrugged."],
    ),
    (
        "ellipsis char lower case",
        "The crew are nervous\u2026 anything can happen.",
        ["The crew are nervous\u2026 anything can happen."],
    ),
    (
        "three dots lower case",
        "We waited... and waited. It came.",
        ["We waited... and waited.", "It came."],
    ),
    (
        "ellipsis then capital",
        "He paused\u2026 Then he spoke.",
        ["He paused\u2026", "Then he spoke."],
    ),
    (
        "spaced ellipsis then capital",
        "He was listening . . . It was a monologue.",
        ["He was listening . . .", "It was a monologue."],
    ),
    (
        "ellipsis in a title before a figure",
        "A CBS special, AFI's 100 Years . . . 100 Heroes & Villains, aired.",
        ["A CBS special, AFI's 100 Years . . . 100 Heroes & Villains, aired."],
    ),
    (
        "ellipsis before an insertion",
        '"He brings expertise ... [and strengthens] our ability," she said.',
        ['"He brings expertise ... [and strengthens] our ability," she said.'],
    ),
    (
        "stray closing quote at the end",
        '"We will keep on building," he vowed. "',
        ['"We will keep on building," he vowed. "'],
    ),
    (
        "headline lines",
        "Russia to Make Movie History in Space\nThey will film in orbit.",
        ["Russia to Make Movie History in Space", "They will film in orbit."],
    ),
    ("list lines", "- First point\n- Second point", ["- First point", "- Second point"]),
    ("numbered list", "1. First point\n2. Second point", ["1. First point", "2. Second point"]),
    (
        "dateline",
        " date 2021-10-05 A Russian crew is preparing to launch. It will film.",
        ["date 2021-10-05 A Russian crew is preparing to launch.", "It will film."],
    ),
    (
        "Cyrillic",
        "Россия запустила спутник. Он вышел на орбиту.",
        ["Россия запустила спутник.", "Он вышел на орбиту."],
    ),
    (
        "Cyrillic abbreviations",
        "В 1961 г. Гагарин полетел, т. е. первым. Это факт.",
        ["В 1961 г. Гагарин полетел, т. е. первым.", "Это факт."],
    ),
    (
        "bracket end",
        "It docked with the station (ISS). The crew cheered.",
        ["It docked with the station (ISS).", "The crew cheered."],
    ),
    (
        "Inc. before a name",
        "Apple Inc. Chief Tim Cook spoke.",
        ["Apple Inc. Chief Tim Cook spoke."],
    ),
    (
        "Inc. at the end",
        "The deal went to Acme Inc. The shares rose.",
        ["The deal went to Acme Inc.", "The shares rose."],
    ),
    (
        "paragraph boundary without punctuation",
        "First line\nSecond line.",
        ["First line", "Second line."],
    ),
    ("blank lines and indentation", "\n\n   One.   \n\n\tTwo.  \n", ["One.", "Two."]),
    (
        "unit at the end",
        "The payload weighs 5 kg. The crew carries it.",
        ["The payload weighs 5 kg.", "The crew carries it."],
    ),
    (
        "year then capital",
        "It was founded in 1955. It grew.",
        ["It was founded in 1955.", "It grew."],
    ),
    (
        "number after a sentence",
        "It was late. 37 people waited.",
        ["It was late.", "37 people waited."],
    ),
    (
        "hard-wrapped line",
        "The crew will travel in a Soyuz\nspaceship for a 12-day mission. Then home.",
        ["The crew will travel in a Soyuz\nspaceship for a 12-day mission.", "Then home."],
    ),
]


@pytest.mark.parametrize(
    "text,expected", [c[1:] for c in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES]
)
def test_splits_news_sentences(text, expected):
    assert sentences_of(text) == expected


def test_seed_quote_sentence_stays_whole_and_dateline_is_one_unit():
    from viewer.resources import seed_path

    text = seed_path("001").read_text(encoding="utf-8")
    found = sentences_of(text)
    assert (
        found[0] == "date 2021-10-05 A Russian crew is preparing to launch "
        "into space to film the first film in space."
    )
    assert "He said, \u201cSomethings will work out, and others will not.\u201d" in found
    assert all(s.strip() for s in found)


def test_paragraphs_are_lines_without_surrounding_whitespace():
    text = "  Title  \nFirst para.\n\n\n  Second para.  \n"
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "Title",
        "First para.",
        "Second para.",
    ]


def test_markdown_heading_is_not_joined_with_a_lower_case_line():
    text = "# heading\nlower-case text follows."
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "# heading",
        "lower-case text follows.",
    ]


def test_blank_line_ends_a_paragraph_even_mid_sentence():
    text = "a line without an end\n\nand a lower-case one"
    assert len(split_paragraphs(text)) == 2


NEWSY = st.sampled_from(
    [
        *"abcXYZ \n\t.?!…\"'“”‘’()[]:;,-0123456789Мрт",
        "Mr.",
        "U.S.",
        "p.m.",
        "No.",
        "J. ",
        "...",
        "\r\n",
        "\u00a0",
        "\u2028",
        " e.g. ",
        "г.",
    ]
)


def _check_spans(text: str) -> None:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    assert sentences == split_sentences(text)
    previous_end = 0
    for start, end in paragraphs:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    previous_end = 0
    covered = [False] * len(text)
    for start, end in sentences:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece.strip() and piece == piece.strip()
        assert any(ps <= start and end <= pe for ps, pe in paragraphs)
        for i in range(start, end):
            covered[i] = True
        previous_end = end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWSY, max_size=80).map("".join))
def test_spans_cover_news_like_text(text):
    _check_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_spans_cover_any_text(text):
    _check_spans(text)


MSRP_FILE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "msrp"
    / "msr_paraphrase_train.txt"
)
MIN_MSRP_BOUNDARY_F1 = 0.99


@pytest.mark.msrp
def test_boundaries_of_msrp_news_sentences_joined_into_paragraphs():
    if not MSRP_FILE.is_file():
        pytest.skip(f"the MSRP corpus is not at {MSRP_FILE}")
    sentences: dict[str, None] = {}
    for row in MSRP_FILE.read_text(encoding="utf-8-sig").splitlines()[1:]:
        for sentence in row.split("\t")[3:5]:
            if sentence.strip():
                sentences[sentence.strip()] = None
    parts, gold, position = [], set(), 0
    for index, sentence in enumerate(sentences):
        parts.append(sentence)
        position += len(sentence)
        gold.add(position)
        parts.append("\n" if index % 10 == 9 else " ")  # ten sentences to a paragraph
        position += 1
    found = {end for _start, end in split_sentences("".join(parts))}
    hits = len(found & gold)
    precision, recall = hits / len(found), hits / len(gold)
    assert 2 * precision * recall / (precision + recall) >= MIN_MSRP_BOUNDARY_F1
