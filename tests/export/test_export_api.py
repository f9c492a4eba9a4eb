"""``export_comparison`` picks the writer from the file name; ``FORMATS`` feeds save dialogs."""

from __future__ import annotations

import json

import pytest

from viewer.core.export import FORMATS, ExportError, export_comparison, format_for_path


@pytest.mark.parametrize(
    "name, expected",
    [
        ("report.html", "html"),
        ("REPORT.HTM", "html"),
        ("data.json", "json"),
        ("t.csv", "csv"),
        ("notes.txt", None),
        ("no-extension", None),
    ],
)
def test_format_for_path(name, expected):
    assert format_for_path(name) == expected


def test_every_format_is_described():
    names = [f.name for f in FORMATS]
    assert names == ["html", "json", "csv"]
    for export_format in FORMATS:
        assert export_format.description
        assert all(ext.startswith(".") and ext == ext.lower() for ext in export_format.extensions)


def test_export_by_extension(tmp_path, handmade_comparison):
    assert export_comparison(handmade_comparison, tmp_path / "a.json") == "json"
    assert (
        json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["format"]
        == "source-compare/1"
    )
    assert export_comparison(handmade_comparison, tmp_path / "a.htm") == "html"
    assert (tmp_path / "a.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert export_comparison(handmade_comparison, tmp_path / "b.csv") == "csv"
    assert (tmp_path / "b.csv").read_bytes().startswith(b"\xef\xbb\xbfblock,kind")


def test_explicit_format_wins_over_the_extension(tmp_path, handmade_comparison):
    export_comparison(handmade_comparison, tmp_path / "report.txt", format="json")
    assert json.loads((tmp_path / "report.txt").read_text(encoding="utf-8"))["blocks"]


def test_unknown_extension_is_an_export_error(tmp_path, handmade_comparison):
    with pytest.raises(ExportError, match="unknown export format"):
        export_comparison(handmade_comparison, tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []
