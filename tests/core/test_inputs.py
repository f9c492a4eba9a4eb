"""Texts as journalists get them: pages, pasted HTML, PDFs printed from a browser, bylines."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core import compare, document_from_html, document_from_text, load_document
from viewer.core.readers import _unwrap_lines, _without_page_furniture, unligature
from viewer.resources import seed_path

DATA = Path(__file__).parent / "data" / "inputs"
# seed 000 printed to PDF by Chromium with its default header and footer (date and time, title,
# address, "1/2"), two pages; its text layer spells "film" with the ligature U+FB01.
PRINTED = DATA / "wire-printed-by-browser.pdf"


def test_a_wire_story_printed_from_a_browser_is_identical_to_its_text():
    printed = load_document(PRINTED)
    original = load_document(seed_path("000"))
    assert "\ufb01" not in printed.text and "12/7/26" not in printed.text
    assert "wire.html" not in printed.text and "1/2" not in printed.text
    assert printed.title == "Russia to launch actress in space"
    comparison = compare(original, printed)
    counts = comparison.summary.counts
    assert counts["identical"] == len(original.sentences) == len(printed.sentences)
    assert printed.boilerplate == original.boilerplate


def test_running_headers_and_page_numbers_are_dropped_from_every_page():
    pages = [
        [
            "Daily Planet - World",
            "First line of the story runs the full width of the page",
            "and goes on here.",
            "Page 1 of 3",
        ],
        [
            "Daily Planet - World",
            "Second page text that is the article itself and long enough",
            "to wrap.",
            "Page 2 of 3",
        ],
        ["Daily Planet - World", "Third page ends the story.", "Page 3 of 3"],
    ]
    kept = _without_page_furniture(pages)
    assert [line for page in kept for line in page] == [
        "First line of the story runs the full width of the page",
        "and goes on here.",
        "Second page text that is the article itself and long enough",
        "to wrap.",
        "Third page ends the story.",
    ]


def test_a_one_page_print_loses_its_stamp_address_and_page_number():
    page = [
        "10/5/21, 9:55 AM Russia films in space",
        "The story itself.",
        "https://example.org/world/russia-film 1/1",
    ]
    assert _without_page_furniture([page]) == [["The story itself."]]


def test_a_line_end_hyphen_joins_the_next_line_whatever_its_case():
    lines = [
        "The crew will shoot scenes for a film called The Challenge, the Full-",
        "Length Feature that will be the first shot in orbit, aboard a Soyuz MS-",
        "19 spaceship that lifted off from the Baikonur cosmodrome on Tuesday.",
    ]
    assert _unwrap_lines(lines) == [
        "The crew will shoot scenes for a film called The Challenge, the Full-Length Feature "
        "that will be the first shot in orbit, aboard a Soyuz MS-19 spaceship that lifted off "
        "from the Baikonur cosmodrome on Tuesday."
    ]


def test_ligatures_count_as_their_letters():
    assert unligature("\ufb01lm \ufb02ight o\ufb00 e\ufb03cient") == "film flight off efficient"
    a = document_from_text("The \ufb01lm crew took o\ufb00.", "a")
    b = document_from_text("The film crew took off.", "b")
    assert compare(a, b).summary.counts["identical"] == 1


HEADED = (
    "<html><head><title>Space film</title></head><body><article>"
    "<h1>Russian actress and director blast off to film in space</h1>"
    "<p>By Jane Doe, Staff Writer</p><p>date 2021-10-05</p>"
    "<p>Moscow: Russia on Tuesday launched an actress and a film director into space.</p>"
    "<p>they will spend twelve days on the station, officials said.</p>"
    "</article></body></html>"
)


def test_headline_byline_and_dateline_are_never_glued_to_a_sentence(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(HEADED, encoding="utf-8")
    doc = load_document(path)
    sentences = doc.sentence_texts()
    assert sentences == [
        "Russian actress and director blast off to film in space",
        "By Jane Doe, Staff Writer",
        "date 2021-10-05",
        "Moscow: Russia on Tuesday launched an actress and a film director into space.",
        "they will spend twelve days on the station, officials said.",  # a block of its own
    ]
    assert doc.boilerplate == {1, 2}
    assert doc.title == "Russian actress and director blast off to film in space"  # the headline


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Staff Writer",
        "By JANE DOE and JOHN ROE | Reuters",
        "By AFP",
        "Published: 5 October 2021",
        "Updated 10:32 GMT, 5 Oct 2021",
        "October 5, 2021 9:55 AM",
        "date 2021-10-05",
        "Posted on Tuesday, October 5, 2021",
    ],
)
def test_bylines_and_date_stamps_are_page_furniture(line):
    doc = document_from_text(f"{line}\nThe crew lifted off on Tuesday from Baikonur.", "a")
    assert doc.boilerplate == {0}


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday the crew had landed",
        "By the time they landed, it was dark.",
        "On October 5, 2021, the crew lifted off.",
        "The 2021 mission was the first of its kind",
    ],
)
def test_prose_that_looks_like_a_byline_or_date_is_kept(line):
    doc = document_from_text(f"{line}\nThe crew lifted off on Tuesday from Baikonur.", "a")
    assert doc.boilerplate == frozenset()


# What a browser puts on the clipboard after "select all" on a news page: the menu, a cookie
# banner, a share bar and the copyright line around the article.
SELECTED_PAGE = (
    "<html><body><meta charset='utf-8'>"
    "<header><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
    "<li><a href='/b'>Business</a></li><li><a href='/s'>Sport</a></li></ul></header>"
    "<div class='cookie-banner'>We use cookies to improve your experience. Accept all</div>"
    "<main><article><h1>Russia sends a film crew to space</h1>"
    "<p>Moscow: Russia on Tuesday launched an actress and a film director into space, a bid "
    "to make the first feature film in orbit ahead of a Hollywood project.</p>"
    "<p>The crew lifted off as scheduled at 1:55 p.m. from the Baikonur cosmodrome in "
    "Kazakhstan, a live broadcast showed, and docked with the station hours later.</p>"
    "<p>They will spend twelve days aboard the International Space Station before returning "
    "to Earth with a cosmonaut who has been there for six months.</p>"
    "</article><div class='share'>Share on Facebook Share on Twitter Email</div></main>"
    "<footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"
)


def test_pasted_html_keeps_the_article_and_drops_the_page_around_it():
    doc = document_from_html(SELECTED_PAGE, "Pasted")
    assert doc.format == "html"
    for furniture in ("Home", "Business", "cookies", "Share on", "Copyright", "rights reserved"):
        assert furniture not in doc.text
    assert doc.sentence_texts()[0] == "Russia sends a film crew to space"
    assert len(doc.sentences) == 4
