"""The CSV export: BOM, CRLF rows, quoting, and the spreadsheet formula guard."""

from __future__ import annotations

import csv
import io

import pytest

from viewer.core.export.csv_table import COLUMNS, comparison_to_csv, guard_formula, write_csv


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return raw, list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_one_row_per_block_after_a_header(tmp_path, seed_comparison):
    target = tmp_path / "blocks.csv"
    write_csv(seed_comparison, target)
    raw, rows = _rows(target)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(seed_comparison.blocks) + 1
    assert raw.count(b"\r\n") >= len(rows)
    assert [row[1] for row in rows[1:]] == [b.kind.value for b in seed_comparison.blocks]


def test_word_mark_columns_list_the_changed_phrases(handmade_comparison):
    rows = list(csv.reader(io.StringIO(comparison_to_csv(handmade_comparison), newline="")))
    header, first, omitted = rows[0], rows[1], rows[2]
    cells = dict(zip(header, first, strict=True))
    assert cells["similarity"] == "0.7123" and cells["alike"] == "0.7059"
    assert cells["moved_words"] == ""
    assert cells["replaced_words"] == "on Tuesday is set → plans"
    assert cells["deleted_words"] == "" and cells["inserted_words"] == ""
    word_columns = ("moved_words", "replaced_words", "deleted_words", "inserted_words")
    assert [omitted[COLUMNS.index(name)] for name in word_columns] == ["", "", "", ""]


def test_moved_phrases_are_listed(seed_comparison):
    rows = list(csv.reader(io.StringIO(comparison_to_csv(seed_comparison), newline="")))
    moved = [row[COLUMNS.index("moved_words")] for row in rows[1:]]
    assert "on Tuesday | the United States to the first movie in orbit" in moved


def test_text_with_quotes_commas_and_line_breaks_survives(tmp_path, hostile_comparison):
    target = tmp_path / "hostile.csv"
    write_csv(hostile_comparison, target)
    _, rows = _rows(target)
    texts = [row[7] for row in rows[1:]] + [row[8] for row in rows[1:]]
    assert 'The mayor said "<script>alert(1)</script>" was found in the form.' in texts
    assert "'-5 percent, said the report, with a line\nbreak." in texts


def test_formula_like_cells_are_guarded(tmp_path, hostile_comparison):
    target = tmp_path / "hostile.csv"
    write_csv(hostile_comparison, target)
    _, rows = _rows(target)
    cells = [cell for row in rows[1:] for cell in row[7:]]
    assert "'=SUM(A1:A9) was typed into the first cell." in cells
    assert "'@everyone was typed into the first cell." in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_guard_formula(cell, expected):
    assert guard_formula(cell) == expected


def test_sentence_numbers_count_from_one(handmade_comparison):
    rows = list(csv.reader(io.StringIO(comparison_to_csv(handmade_comparison), newline="")))
    assert rows[1][:7] == ["1", "paraphrase", "0.7123", "yes", "no", "1", "1"]
    assert rows[2][:7] == ["2", "omitted", "0.0000", "no", "yes", "2", ""]
    assert rows[3][7] == "" and rows[3][8] == "A new line here."


def test_confidence_and_tentative_are_the_last_columns(tentative_comparison):
    rows = list(csv.reader(io.StringIO(comparison_to_csv(tentative_comparison), newline="")))
    assert rows[0][-2:] == ["confidence", "tentative"]
    assert rows[1][-2:] == ["0.3217", "yes"]
    assert rows[2][-2:] == ["", "no"]  # an omitted block
