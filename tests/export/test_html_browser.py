"""The exported page as a real browser renders it: DOM, hostile text, screenshots, print to PDF."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from viewer.core import load_document
from viewer.core.export.html_page import write_html
from viewer.core.export.set_html import write_set_html
from viewer.core.kinds import KIND_STYLES
from viewer.core.outlets import compare_set
from viewer.resources import seed_path

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_TIMEOUT_S = 60
SCREENSHOT_DIR = Path(__file__).parent / "screenshots"

if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium)", allow_module_level=True
    )


def run_chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with nothing reaching the network; kill it when it hangs."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=CHROMIUM_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"Chromium did not finish within {CHROMIUM_TIMEOUT_S} s")
    assert process.returncode == 0, err[-2000:]
    return out


@pytest.fixture()
def seed_page(tmp_path, seed_comparison) -> Path:
    page = tmp_path / "seeds.html"
    write_html(seed_comparison, page)
    return page


def test_seed_page_dom(tmp_path, seed_page, seed_comparison):
    source = seed_page.read_text(encoding="utf-8")
    dom = run_chromium(tmp_path, "--dump-dom", seed_page.as_uri())
    assert dom.count("<del>") == source.count("<del>") > 1
    assert dom.count("<ins>") == source.count("<ins>") > 1
    assert len(re.findall(r'<tr class="[a-z ]+" id="b\d+">', dom)) == len(seed_comparison.blocks)
    for style in KIND_STYLES.values():
        assert style.label in dom
    assert seed_comparison.source.name in dom and seed_comparison.rewrite.name in dom
    assert re.search(r'<html lang="en" class="js">', dom), "the optional script ran"


def test_pointing_at_a_moved_phrase_highlights_its_partner(tmp_path, seed_page):
    # The page's own script handles the pointer; a line added after it plays the pointer.
    page = tmp_path / "pointer.html"
    page.write_text(
        seed_page.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>document.querySelector('.cmp .mv').dispatchEvent("
            "new MouseEvent('mouseover', {bubbles: true}));</script></body>",
        ),
        encoding="utf-8",
    )
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    lit = re.findall(r'<span class="mv hl" data-g="(\d+)"[^>]*>([^<]*)</span>', dom)
    assert [text for _, text in lit] == ["on Tuesday", "on Tuesday"]
    assert lit[0][0] == lit[1][0]


def test_hostile_text_stays_text_in_the_browser(tmp_path, hostile_comparison):
    page = tmp_path / "hostile.html"
    write_html(hostile_comparison, page)
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert len(re.findall(r"<script\b", dom)) == 1, "no script element came from the documents"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&amp;amp; in the &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt; export." in dom
    assert "right&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;.txt" in dom
    assert len(re.findall(r'<tr class="[a-z ]+" id="b\d+">', dom)) == len(hostile_comparison.blocks)
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert title.startswith("right&lt;/title&gt;")


@pytest.mark.parametrize("name, size", [("wide", "1400,1000"), ("phone", "420,900")])
def test_screenshots(tmp_path, seed_page, name, size):
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    shot = SCREENSHOT_DIR / f"seeds-000-001-{name}.png"
    shot.unlink(missing_ok=True)
    run_chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size}", seed_page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_prints_to_a4_landscape(tmp_path, seed_page):
    pdf = tmp_path / "seeds.pdf"
    run_chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", seed_page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes, "the PDF names its page size"
    for width, height in boxes:
        assert round(float(width)) == 842 and round(float(height)) == 595, (width, height)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    shutil.copy(pdf, SCREENSHOT_DIR / "seeds-000-001-print.pdf")


def test_set_page_in_a_browser(tmp_path):
    source = load_document(seed_path("000"))
    rewrites = [load_document(seed_path(n)) for n in ("001", "002", "003", "004")]
    seed_set = compare_set(source, rewrites)
    page = tmp_path / "set.html"
    write_set_html(seed_set, page)
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert re.search(r'<html lang="en" class="js">', dom), "the scripts ran"
    assert len(re.findall(r'<li id="s\d+" data-i="\d+"', dom)) == 10
    assert dom.count('<section class="pair"') == 4
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    shot = SCREENSHOT_DIR / "set-seeds-000.png"
    shot.unlink(missing_ok=True)
    run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_ticking_show_punctuation_changes_draws_them(tmp_path, seed_page):
    # The page's own script handles the box; lines added after it tick it and note the colour
    # of a punctuation change before and after.
    page = tmp_path / "punctuation.html"
    page.write_text(
        seed_page.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>const pu = document.querySelector('.cmp .pu');"
            "pu.dataset.before = getComputedStyle(pu).color;"
            "document.querySelector('.puf input').click();"
            "pu.dataset.after = getComputedStyle(pu).color;</script></body>",
        ),
        encoding="utf-8",
    )
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert re.search(r'<body class="show-pu">', dom)
    before, after = re.search(
        r'<span class="pu"[^>]*data-before="([^"]+)" data-after="([^"]+)"', dom
    ).groups()
    assert before != after
    assert after == "rgb(115, 64, 200)"  # PUNCTUATION_TEXT_LIGHT
