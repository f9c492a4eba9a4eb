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


@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_a_lone_surrogate_is_an_export_error(tmp_path, fmt):
    from dataclasses import replace

    from viewer.core import compare, document_from_text
    from viewer.core.export import ExportError, export_comparison

    left = document_from_text("A sentence with a broken \ud800 character. Another one.", "a")
    right = document_from_text("A sentence with a broken \ud800 character. A new one.", "b")
    comparison = compare(left, right)
    comparison = replace(comparison, source=replace(comparison.source, name="left\udcff.txt"))
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(ExportError, match="cannot be written"):
        export_comparison(comparison, target)
    assert list(tmp_path.iterdir()) == []


def test_a_lone_surrogate_read_back_from_json_is_an_export_error(tmp_path, handmade_comparison):
    from viewer.core.export import comparison_to_dict, read_json, write_csv

    data = comparison_to_dict(handmade_comparison)
    text = data["left"]["text"]
    data["left"]["text"] = text[:3] + "\ud800" + text[4:]  # same length: the spans still hold
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")  # valid JSON: "\ud800" escaped
    comparison = read_json(source)
    with pytest.raises(ExportError, match="U\\+D800"):
        write_csv(comparison, tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_a_lone_surrogate_in_a_set_is_an_export_error(tmp_path, fmt):
    from viewer.core import document_from_text
    from viewer.core.export.set_csv import write_set_csv
    from viewer.core.export.set_html import write_set_html
    from viewer.core.export.set_json import write_set_json
    from viewer.core.outlets import compare_set

    source = document_from_text("The council met on Tuesday. It approved the budget.", "source")
    rewrites = [
        document_from_text("The council met on Tuesday. It passed the \ud800 budget.", "one\ud800"),
        document_from_text("On Tuesday the council met. The budget was approved.", "two"),
    ]
    writer = {"html": write_set_html, "json": write_set_json, "csv": write_set_csv}[fmt]
    target = tmp_path / f"set.{fmt}"
    with pytest.raises(ExportError, match="U\\+D800"):
        writer(compare_set(source, rewrites), target)
    assert list(tmp_path.iterdir()) == []
