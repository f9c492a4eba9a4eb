"""The set commands end to end: many and attribute, folders, dates, bad inputs, exports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from viewer.__main__ import main
from viewer.core.export.set_json import read_set_json
from viewer.resources import seed_path

SOURCE = str(seed_path("000"))
REWRITES = [str(seed_path(n)) for n in ("001", "002", "003", "004")]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def seed_folder(tmp_path):
    folder = tmp_path / "outlets"
    folder.mkdir()
    for path in [SOURCE, *REWRITES]:
        shutil.copy(path, folder)
    (folder / ".hidden.txt").write_text("not an article", encoding="utf-8")
    (folder / "notes.xyz").write_text("not an article either", encoding="utf-8")
    return folder


def test_many_report(capsys):
    code, out, err = run(capsys, "many", SOURCE, *REWRITES, "--color", "never")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Source   000_")
    assert lines[1] == "Outlets  4"
    rows = [line for line in lines if line.startswith(("001_", "002_", "003_", "004_"))]
    assert len(rows) == 4
    # 6 furniture sentences trail as spaces, then the pair's verdict
    assert rows[0].split()[-2:] == ["PPEPPP!PEE", "partially-derived"]
    assert " 1  4/4  Moscow: Russia on Tuesday" in out
    assert " 7  1/4  " in out
    assert "page furniture" in out
    assert "\x1b[" not in out


def test_many_from_a_folder_holding_the_source(capsys, seed_folder, tmp_path):
    source = str(seed_folder / "000_31cfb2adcb11a4fc.txt")
    target = tmp_path / "set.json"
    code, out, err = run(capsys, "many", source, str(seed_folder), "--json", str(target), "-q")
    assert code == 0, err
    assert out == ""
    data = read_set_json(target)
    assert [d.name[:3] for d in data.outlet_set.spokes] == ["001", "002", "003", "004"]


def test_shuffled_command_lines_write_the_same_json(capsys, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "many", SOURCE, *REWRITES, "--json", str(first), "-q")[0] == 0
    shuffled = [REWRITES[2], REWRITES[0], REWRITES[3], REWRITES[1]]
    assert run(capsys, "many", SOURCE, *shuffled, "--json", str(second), "-q")[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_an_unreadable_rewrite_does_not_stop_the_set(capsys, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    missing = tmp_path / "missing.txt"
    target = tmp_path / "set.json"
    code, out, err = run(
        capsys,
        "many",
        SOURCE,
        REWRITES[0],
        str(broken),
        str(missing),
        REWRITES[1],
        "--json",
        str(target),
    )
    assert code == 1
    problems = [line for line in err.splitlines() if not line.startswith("Wrote ")]
    assert len(problems) == 2
    assert "broken.docx" in problems[0] and "missing.txt" in problems[1]
    assert "Outlets  2" in out
    assert len(read_set_json(target).outlet_set.comparisons) == 2


def test_nothing_readable_is_exit_1(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "many", SOURCE, str(empty))
    assert code == 1 and out == ""
    assert "no article files in this folder" in err
    assert "nothing to compare" in err


def test_unreadable_source_stops(capsys, tmp_path):
    code, _, err = run(capsys, "many", str(tmp_path / "nope.txt"), *REWRITES)
    assert code == 1 and "nope.txt" in err and len(err.strip().splitlines()) == 1


def test_all_exports_and_json_to_stdout(capsys, tmp_path):
    html, csv_path = tmp_path / "set.html", tmp_path / "matrix.csv"
    code, out, err = run(
        capsys,
        "many",
        SOURCE,
        *REWRITES,
        "--json",
        "-",
        "--html",
        str(html),
        "--csv",
        str(csv_path),
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "source-compare-set/1"
    assert "Outlets  4" in err  # the report goes to standard error then
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfoutlet,date,")


def test_an_export_over_an_input_is_refused(capsys, tmp_path):
    copy = tmp_path / "r.txt"
    shutil.copy(REWRITES[0], copy)
    code, _, err = run(capsys, "many", SOURCE, str(copy), "--html", str(copy))
    assert code == 1 and "refusing to overwrite" in err
    assert copy.read_bytes() == seed_path("001").read_bytes()


@pytest.mark.parametrize(
    "args", [["many"], ["many", SOURCE], ["many", SOURCE, REWRITES[0], "--html", "-"]]
)
def test_usage_errors_exit_2(capsys, args):
    assert run(capsys, *args)[0] == 2


def test_attribute_without_and_with_primary(capsys):
    article, sources = REWRITES[1], [SOURCE, REWRITES[0], REWRITES[2], REWRITES[3]]
    code, plain, err = run(capsys, "attribute", article, *sources, "--color", "never")
    assert code == 0, err
    code, pinned, err = run(
        capsys, "attribute", article, *sources, "--primary", SOURCE, "--color", "never"
    )
    assert code == 0, err
    top_plain = plain.split("Sources by share")[1].splitlines()[1]
    top_pinned = pinned.split("Sources by share")[1].splitlines()[1]
    assert "001_" in top_plain and "8 sentences" in top_plain
    assert "000_" in top_pinned and "(primary)" in top_pinned
    assert "(primary)" in pinned.split("Sources by share")[0]
    assert "the article's own" in plain


def test_attribute_with_dates_from_a_folder(capsys, seed_folder, tmp_path):
    dates = tmp_path / "dates.csv"
    dates.write_text(
        "file,date\n000_31cfb2adcb11a4fc.txt,2021-10-05\n001_cf35396d2893b0f5.txt,2021-10-06\n"
        "003_a8aaa897d140111f.txt,2021-10-06\n004_cedd8f6f39db9d0e.txt,2021-10-07\n",
        encoding="utf-8",
    )
    article = str(seed_folder / "002_531122d5d6028f4c.txt")
    target = tmp_path / "credits.json"
    code, out, err = run(
        capsys,
        "attribute",
        article,
        str(seed_folder),
        "--dates",
        str(dates),
        "--json",
        str(target),
        "--color",
        "never",
    )
    assert code == 0, err
    assert "(earliest)" in out
    stored = read_set_json(target)
    assert stored.attribution is not None
    assert [d for d in stored.outlet_set.dates] == [
        "2021-10-05",
        "2021-10-06",
        "2021-10-06",
        "2021-10-07",
    ]
    top = stored.attribution.sources[0]
    assert stored.outlet_set.spoke(top.source).name.startswith("000")


def test_a_bad_dates_file_is_one_line(capsys, tmp_path):
    dates = tmp_path / "dates.csv"
    dates.write_text("file,date\n000.txt,5 October\n", encoding="utf-8")
    code, _, err = run(capsys, "attribute", REWRITES[1], SOURCE, "--dates", str(dates))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "line 2" in err and "not a date" in err


def test_python_dash_m_dispatches(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "many", SOURCE, REWRITES[0], "--color", "never"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Outlets  1" in result.stdout
    assert "PySide6" not in result.stderr
