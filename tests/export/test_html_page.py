"""The HTML page: escaping, word marks, legend and figures, self-containment, print, phone CSS."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import viewer
from viewer.core import Kind, compare, document_from_text
from viewer.core.export.html_page import render_html, write_html
from viewer.core.kinds import BOILERPLATE_LABEL, KIND_STYLES
from viewer.resources import seed_path

NETWORK_URL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)|url\(\s*["']?\s*(?:[a-z]+:|//)""",
    re.IGNORECASE,
)


class PageReader(HTMLParser):
    """Collects the text inside each tag name, and every start tag, as a browser parses them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.start_tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.script_texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.start_tags.append((tag, dict(attrs)))
        if tag in ("del", "ins", "script", "td", "title", "th"):
            self.open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        for tag in set(self.open):
            self.texts[tag][-1] += data


def read_page(page: str) -> PageReader:
    reader = PageReader()
    reader.feed(page)
    reader.close()
    return reader


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_document_text_and_file_names_are_escaped(hostile_comparison):
    page = render_html(hostile_comparison)
    reader = read_page(page)
    scripts = [attrs for tag, attrs in reader.start_tags if tag == "script"]
    assert len(scripts) == 1, "only the page's own script"
    assert "alert(1)" not in reader.texts["script"][0]
    cells = " ".join(reader.texts["td"])
    assert '"<script>alert(1)</script>"' in cells
    assert "&amp; in the </td></tr></table> export." in cells
    assert "'no comment'" in cells
    assert reader.texts["title"][0].startswith(
        'right</title><script>x()</script>.txt compared with left <b>"&amp;".txt'
    )
    assert '<b>"&amp;' not in page and "</title><script>x()" not in page


def test_word_changes_are_del_on_the_source_and_ins_on_the_rewrite(handmade_comparison):
    page = render_html(handmade_comparison)
    reader = read_page(page)
    # The legend's samples, then the block's replaced words.
    assert reader.texts["del"] == ["deleted", "replaced", "on Tuesday is set"]
    assert reader.texts["ins"] == ["inserted", "replacing", "plans"]
    assert '<del class="r" data-g="1">on Tuesday is set</del>' in page
    assert '<ins class="r" data-g="1">plans</ins>' in page


def test_every_changed_word_of_the_seeds_is_marked(seed_comparison):
    page = render_html(seed_comparison)
    reader = read_page(page)
    left, right = seed_comparison.source, seed_comparison.rewrite

    def marked(doc, side, marks):
        return [
            doc.text[start:end]
            for block in seed_comparison.blocks
            if block.words
            for start, end, mark, _ in getattr(block.words, side)
            if mark in marks
        ]

    assert reader.texts["del"][2:] == marked(left, "source", ("deleted", "replaced"))
    assert reader.texts["ins"][2:] == marked(right, "rewrite", ("inserted", "replaced"))
    moved = [  # punctuation changes inside a moved phrase are spans of their own
        re.sub(r'<span class="pu"[^>]*>([^<]*)</span>', r"\1", inner)
        for inner in re.findall(
            r'<span class="mv" data-g="\d+" title="[^"]*">'
            r'((?:[^<]|<span class="pu"[^>]*>[^<]*</span>)*)</span>',
            page,
        )
    ]
    assert moved == [
        html.escape(text, quote=False)
        for block in seed_comparison.blocks
        if block.words
        for doc, runs in ((left, block.words.source), (right, block.words.rewrite))
        for text in (doc.text[s:e] for s, e, mark, _ in runs if mark == "moved")
    ]
    assert "the United States to the first movie in orbit" in moved


def test_a_block_without_word_marks_is_plain_text(handmade_comparison):
    from dataclasses import replace

    block = replace(handmade_comparison.blocks[0], words=None)
    comparison = replace(handmade_comparison, blocks=(block, *handmade_comparison.blocks[1:]))
    reader = read_page(render_html(comparison))
    assert reader.texts["del"] == ["deleted", "replaced"]
    assert "Russia on Tuesday is set to launch a film crew." in " ".join(reader.texts["td"])


def test_legend_figures_names_date_and_version(handmade_comparison):
    when = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)
    page = render_html(handmade_comparison, generated_at=when)
    reader = read_page(page)
    row_heads = " ".join(reader.texts["th"])
    for kind in Kind:
        assert KIND_STYLES[kind].label in row_heads
        assert KIND_STYLES[kind].strong in page
        assert KIND_STYLES[kind].description in page
    assert BOILERPLATE_LABEL.lower() in row_heads
    assert "↕ moved" in row_heads
    assert "src.txt" in page and "out.txt" in page
    assert '<time datetime="2026-03-04T05:06Z">2026-03-04 05:06 UTC</time>' in page
    assert f"{viewer.APP_NAME} {viewer.__version__}" in page
    assert "60% paraphrased" in page and "40% added" in page and "100% reused" in page
    assert 'class="p m"' in page and 'class="o f"' in page


def test_the_page_is_self_contained(seed_comparison, hostile_comparison):
    for comparison in (seed_comparison, hostile_comparison):
        page = render_html(comparison)
        assert not NETWORK_URL.search(page), NETWORK_URL.search(page)
        assert "@import" not in page and "<link" not in page and "<img" not in page


def test_structure_print_and_phone_rules(seed_comparison):
    page = render_html(seed_comparison)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for fragment in (
        "<header>",
        "<main>",
        '<table class="cmp">',
        '<th scope="col">Source: ',
        "<th scope=row>",
        '<meta name="viewport"',
        "@page{size:A4 landscape",
        "print-color-adjust:exact",
        "break-inside:avoid",
        "@media screen and (max-width:760px)",
        "prefers-color-scheme:dark",
    ):
        assert fragment in page, fragment
    rows = re.findall(r'<tr class="[a-z ]+" id="b(\d+)">', page)
    assert rows == [str(n) for n in range(1, len(seed_comparison.blocks) + 1)]


def test_big_documents_stay_under_four_times_the_text_size():
    texts = [seed_path(p).read_text(encoding="utf-8") for p in ("000", "001", "002", "003", "004")]
    left = document_from_text("\n\n".join(texts[0:1] * 3 + texts[3:4] * 3) * 4, "left.txt")
    right = document_from_text("\n\n".join(texts[1:3] * 3 + texts[4:5] * 2) * 4, "right.txt")
    page = render_html(compare(left, right))
    ratio = len(page.encode("utf-8")) / len((left.text + right.text).encode("utf-8"))
    assert ratio < 4, ratio


def test_write_html_is_utf8(tmp_path, hostile_comparison):
    target = tmp_path / "page.html"
    write_html(hostile_comparison, target)
    page = target.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in page and "&lt;/td&gt;" in page
    assert list(tmp_path.iterdir()) == [target]


def test_verdict_and_tentative_links(tentative_comparison, handmade_comparison):
    page = render_html(tentative_comparison)
    assert (
        '<p class="verdict" data-verdict="independent"><strong>Independent</strong>: 0 of 2' in page
    )
    # Listed apart, pointing at the row, which is drawn as tentative and can be hidden.
    assert 'id="h-tent">Tentative links' in page and 'href="#b1">Block 1</a>' in page
    assert '<tr class="p q m" id="b1">' in page
    assert "tentative · confidence 0.32" in page
    assert 'data-k="q"' in page and ".h-q .cmp tr.q" in page
    assert "tentatively linked" in page  # the share in the figures
    plain = render_html(handmade_comparison)
    assert 'class="verdict"' not in plain and 'id="h-tent"' not in plain


def test_punctuation_changes_are_marked_and_drawn_only_when_asked():
    source = document_from_text("Elon Musk\u00b4s SpaceX flew -- again.", "a.txt")
    rewrite = document_from_text("Elon Musk\u2019s SpaceX flew \u2014 again.", "b.txt")
    page = render_html(compare(source, rewrite))
    assert '<span class="pu" title="quote style changed">\u00b4</span>' in page
    assert '<span class="pu" title="quote style changed">\u2019</span>' in page
    assert '<span class="pu" title="dash changed">--</span>' in page
    assert '<span class="pu" title="dash changed">\u2014</span>' in page
    assert "Show punctuation changes (2)" in page
    # Off until the reader ticks the box: the page's body starts without the class that draws.
    assert "<body>" in page and ".show-pu .pu," in page

    same = document_from_text("Elon Musk\u00b4s SpaceX flew -- again.", "c.txt")
    plain = render_html(compare(source, same))
    assert 'class="pu"' not in plain
    assert "Show punctuation changes (0)" in plain
