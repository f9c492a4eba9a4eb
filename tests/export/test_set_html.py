"""The HTML page of a set: reuse map, outlet table, pair sections; in a real browser too."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from viewer.core import compare, document_from_text, load_document
from viewer.core.attribution import attribute
from viewer.core.export.set_html import render_set_html, write_set_html
from viewer.core.outlets import compare_set
from viewer.resources import seed_path

WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed_set():
    source = load_document(seed_path("000"))
    return compare_set(source, [load_document(seed_path(n)) for n in ("001", "002", "003", "004")])


def test_reuse_map_and_table(seed_set):
    page = render_set_html(seed_set, generated_at=WHEN)
    assert page == render_set_html(seed_set, generated_at=WHEN)
    badges = re.findall(r'<span class="b"[^>]*>(\d+/\d+)</span>', page)
    # one badge per source sentence that is not page furniture, as the pairs say
    assert badges == [row.badge for row in seed_set.sentences if not row.boilerplate]
    assert badges[0] == "4/4" and badges[6] == "1/4"
    for k in range(4):
        assert f'href="#pair{k}"' in page and f'id="pair{k}"' in page
    assert page.count('class="strip"') == 4
    # each pair section holds every block of its comparison, with ids unique in the page
    ids = re.findall(r'id="(p\d+b\d+)"', page)
    assert len(ids) == len(set(ids)) == sum(len(c.blocks) for c in seed_set.comparisons)
    assert "http://" not in page and "https://" not in page


def test_hostile_names_and_text_are_escaped():
    source = document_from_text("The mayor said <b>no</b> & left.\n", "<script>x()</script>.txt")
    rewrite = document_from_text("The mayor said <b>no</b> & left.\n", 'a"b.txt')
    outlet_set = compare_set(source, [rewrite])
    page = render_set_html(outlet_set, generated_at=WHEN)
    assert "<script>x()" not in page and "&lt;script&gt;x()" in page
    assert "<b>no</b>" not in page
    assert "a&quot;b.txt" in page


def test_attribution_page(tmp_path):
    article = load_document(seed_path("002"))
    sources = [load_document(seed_path(n)) for n in ("000", "001", "003", "004")]
    result = attribute(article, sources, primary=0)
    page = render_set_html(result, generated_at=WHEN)
    chips = re.findall(r'<a class="chip" href="#pair\d+"[^>]*>(\d)\u00b7([VEPR])</a>', page)
    credited = [c for c in result.credits if c.reuse is not None]
    assert len(chips) == len(credited)
    assert chips[0][0] == str([s.source for s in result.sources].index(credited[0].source) + 1)
    assert "(primary)" in page
    assert page.count('class="pair"') == 4
    path = tmp_path / "a.html"
    write_set_html(result, path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_one_outlet_set_with_no_reuse():
    source = document_from_text("Rain fell on the city.\n", "s.txt")
    rewrite = document_from_text("Markets rose sharply today.\n", "r.txt")
    assert compare(source, rewrite).summary.source_carried == 0
    page = render_set_html(compare_set(source, [rewrite]), generated_at=WHEN)
    assert ">0/1</span>" in page
