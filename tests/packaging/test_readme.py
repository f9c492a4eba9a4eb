"""The README tells a new user the truth: how to install, how to read the window, what it lacks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEVELOPER_SECTIONS = ("## How it works", "## Project layout", "## Working on Source Compare")


def _heading(name: str) -> int:
    position = README.find(f"\n{name}\n")
    assert position >= 0, f"README has no {name!r} section"
    return position


def test_reading_and_limitations_come_before_the_developer_sections():
    reading, limitations = _heading("## Reading the result"), _heading("## Limitations")
    for section in DEVELOPER_SECTIONS:
        assert reading < _heading(section) and limitations < _heading(section), section


def test_no_promise_of_an_unpublished_package():
    for line in README.splitlines():
        if "pipx install source-compare" in line:
            assert "not" in line, line  # only ever to say that it does not work yet
    assert "pipx install dist/source_compare-*.whl" in README


def test_every_image_the_readme_shows_exists():
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert "docs/summary-and-legend.png" in images
    for image in images:
        assert (ROOT / image).is_file(), image
