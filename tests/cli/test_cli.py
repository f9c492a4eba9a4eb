"""The command line end to end: report, exports, colour, and every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

import viewer
from viewer.cli import main
from viewer.resources import seed_path

SOURCE = str(seed_path("000"))
REWRITE = str(seed_path("001"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["compare", *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def test_report_on_the_sample_articles(capsys):
    code, out, err = run(capsys, SOURCE, REWRITE)
    assert code == 0, err
    assert out.startswith("Source   000_")
    assert "Rewrite: " in out and "% added" in out and "Blocks:  " in out
    assert "[-" in out and "-]" in out and "{+" in out and "+}" in out
    assert "\x1b[" not in out, "no colour when stdout is not a terminal"
    # Drawn from the word marks: the clauses moved inside sentence 1 are moved, not changed.
    assert (
        "    - [-Moscow-]: Russia [~on Tuesday~] [-is set-] to launch an actress and a film "
        "director into space [-in a bid to best-] [~the United States to the first movie in "
        "orbit~]." in out
    )


def test_counts_in_the_report_agree_with_their_number(capsys, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Rain fell.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(one), SOURCE, "--summary-only")
    assert code == 0
    assert "(1 sentence, 2 words)" in out
    assert " sentences, " in out  # the seed's line


def test_summary_only_and_quiet(capsys):
    code, out, _ = run(capsys, SOURCE, REWRITE, "--summary-only")
    assert code == 0 and "Blocks:" in out and "[-" not in out
    code, out, err = run(capsys, SOURCE, REWRITE, "--quiet")
    assert code == 0 and out == "" and err == ""


def test_colour_always_and_never(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, coloured, _ = run(capsys, SOURCE, REWRITE, "--color", "always")
    assert "\x1b[31m" in coloured and "\x1b[32m" in coloured and "[-" not in coloured
    assert "\x1b[4;36mon Tuesday\x1b[0m" in coloured and "[~" not in coloured
    _, plain, _ = run(capsys, SOURCE, REWRITE, "--color=never")
    assert "\x1b[" not in plain


def test_no_color_wins_over_a_terminal(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(capsys, SOURCE, REWRITE)
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    _, out, _ = run(capsys, SOURCE, REWRITE)
    assert "\x1b[" in out


def _check_json(data: dict) -> None:
    assert data["format"] == "source-compare/1"
    for side in ("left", "right"):
        text = data[side]["text"]
        assert all(0 <= s < e <= len(text) for s, e in data[side]["sentences"])
        covered = sorted(i for block in data["blocks"] for i in block[side])
        assert covered == list(range(len(data[side]["sentences"])))


def test_json_to_stdout_is_pure_json(capsys):
    code, out, err = run(capsys, SOURCE, REWRITE, "--json", "-")
    assert code == 0
    _check_json(json.loads(out))
    assert "Blocks:" in err, "the report moves to standard error"


@pytest.mark.parametrize("seed", ["001", "002", "003", "004"])
def test_all_exports_at_once(tmp_path, capsys, seed):
    outputs = {ext: tmp_path / f"result.{ext}" for ext in ("json", "html", "csv")}
    code, _, err = run(
        capsys,
        SOURCE,
        str(seed_path(seed)),
        "--json",
        str(outputs["json"]),
        "--html",
        str(outputs["html"]),
        "--csv",
        str(outputs["csv"]),
    )
    assert code == 0, err
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    _check_json(data)
    page = outputs["html"].read_text(encoding="utf-8")
    assert page.count(' id="b') == len(data["blocks"])
    rows = list(csv.reader(io.StringIO(outputs["csv"].read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == len(data["blocks"]) + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "result.csv",
        "result.html",
        "result.json",
    ]


def test_python_dash_m_runs_the_same_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "compare", SOURCE, REWRITE, "--json", "-"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    _check_json(json.loads(result.stdout))


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for option in (
        "--json",
        "--html",
        "--csv",
        "--color",
        "--quiet",
        "--summary-only",
        "--keep-boilerplate",
        "--no-word-diff",
        "--version",
        "Exit status",
    ):
        assert option in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"{viewer.APP_NAME} {viewer.__version__}"


@pytest.mark.parametrize(
    "args",
    [
        [],
        [SOURCE],
        [SOURCE, REWRITE, "--color", "sometimes"],
        [SOURCE, REWRITE, "--bogus"],
        [SOURCE, REWRITE, "--html", "-"],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert "usage:" in err and "Traceback" not in err


def _bad_input(tmp_path, kind):
    if kind == "missing":
        return tmp_path / "nowhere.txt"
    if kind == "folder":
        return tmp_path
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(
        {
            "empty": b"",
            "blank": b"  \n\n\t ",
            "binary": bytes(range(256)) * 40,
            "large": b"A sentence here. " * 400,
        }[kind]
    )
    return path


@pytest.mark.parametrize(
    "kind, problem",
    [
        ("missing", "not found"),
        ("folder", "folder"),
        ("empty", "empty"),
        ("blank", "empty"),
        ("binary", "binary"),
        ("large", "too large"),
    ],
)
@pytest.mark.parametrize("side", ["source", "rewrite"])
def test_bad_input_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch, kind, problem, side):
    import viewer.core.loading

    monkeypatch.setattr(viewer.core.loading, "MAX_FILE_BYTES", 5000)  # above the sample articles
    bad = str(_bad_input(tmp_path, kind))
    args = [bad, REWRITE] if side == "source" else [SOURCE, bad]
    code, _out, err = run(capsys, *args, "--html", str(tmp_path / "never.html"))
    assert code == 1
    assert_one_line_error(err, bad, problem)
    assert not (tmp_path / "never.html").exists()


def test_output_equal_to_an_input_is_refused(tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_bytes(seed_path("000").read_bytes())
    before = source.read_bytes()
    for option in ("--json", "--html", "--csv"):
        code, _, err = run(capsys, str(source), REWRITE, option, str(tmp_path / "." / "source.txt"))
        assert code == 1
        assert_one_line_error(err, "refusing to overwrite the input")
    assert source.read_bytes() == before


@pytest.mark.parametrize("target", ["missing-folder/out.html", ".", "/proc/self/out.html"])
def test_unwritable_output_is_exit_1_without_partial_file(tmp_path, capsys, target):
    path = target if target.startswith("/") else str(tmp_path / target)
    code, _out, err = run(capsys, SOURCE, REWRITE, "--html", path)
    assert code == 1
    assert_one_line_error(err, path)
    assert [p.name for p in tmp_path.iterdir()] == []


def test_same_output_twice_is_refused(tmp_path, capsys):
    code, _, err = run(
        capsys, SOURCE, REWRITE, "--json", str(tmp_path / "x"), "--csv", str(tmp_path / "x")
    )
    assert code == 1
    assert_one_line_error(err, "same output file")


def test_file_names_with_line_breaks_still_give_one_line(tmp_path, capsys):
    odd = tmp_path / "two\nlines.txt"
    code, _, err = run(capsys, str(odd), REWRITE)
    assert code == 1
    assert_one_line_error(err, "not found")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
@pytest.mark.parametrize("where", ["input", "output"])
def test_a_symbolic_link_loop_is_one_line(tmp_path, capsys, where):
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    loop = str(tmp_path / "l1")
    if where == "input":
        code, _, err = run(capsys, loop, REWRITE, "--json", str(tmp_path / "o.json"))
    else:
        code, _, err = run(capsys, SOURCE, REWRITE, "--json", loop)
    assert code == 1
    assert_one_line_error(err, loop)
    assert (tmp_path / "l1").is_symlink()
    assert not (tmp_path / "o.json").exists()


def _with_escapes(tmp_path) -> str:
    path = tmp_path / "esc.txt"
    path.write_text(
        seed_path("000").read_text(encoding="utf-8")
        + "\nThen \x1b]0;PWNED\x07 a title. The clipboard \x1b]52;c;cm0gLXJmIH4=\x07 too."
        + " The screen \x1b[2J\x1b[H cleared. A C1 \x9b31m code.\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize("colour", ["never", "always"])
def test_control_characters_from_a_document_never_reach_the_terminal(tmp_path, capsys, colour):
    code, out, _ = run(capsys, SOURCE, _with_escapes(tmp_path), "--color", colour)
    assert code == 0
    assert "PWNED" in out
    assert "^[]0;PWNED^G" in out
    for forbidden in ("\x1b]", "\x07", "\x1b[2J", "\x9b"):
        assert forbidden not in out
    if colour == "never":
        assert "\x1b" not in out


def test_control_characters_in_a_file_name_are_shown_not_sent(tmp_path, capsys):
    odd = tmp_path / "evil\x1b]0;PWNED\x07.txt"
    code, _, err = run(capsys, str(odd), REWRITE)
    assert code == 1
    assert_one_line_error(err, "evil^[]0;PWNED^G.txt", "not found")
    assert "\x1b" not in err and "\x07" not in err


def _run_with_stdout(args: list[str], redirect: str) -> subprocess.CompletedProcess:
    """``python -m viewer compare ARGS`` with standard output redirected by the shell."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        ["sh", "-c", f'"$@" {redirect}', "_", sys.executable, "-m", "viewer", "compare", *args],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("extra", [[], ["--json", "-"]])
def test_a_full_disk_on_standard_output_is_one_line(extra):
    done = _run_with_stdout([SOURCE, REWRITE, *extra], ">/dev/full")
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "standard output", "No space left on device")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_standard_output_is_one_line():
    done = _run_with_stdout([SOURCE, REWRITE], ">&-")
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "standard output is closed")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_standard_output_is_fine_when_nothing_goes_there(tmp_path):
    done = _run_with_stdout([SOURCE, REWRITE, "-q", "--json", str(tmp_path / "o.json")], ">&-")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["blocks"]


def test_report_speaks_the_window_vocabulary_and_leaves_furniture_out(capsys):
    from viewer.core.kinds import KIND_STYLES
    from viewer.core.model import Kind

    assert main(["compare", str(seed_path("000")), str(seed_path("001")), "--summary-only"]) == 0
    out = capsys.readouterr().out
    assert "% of the rewrite's words come from the source" in out
    assert "% added (of its " in out and "% reused" in out
    for word in ("similar", "% new", "carried"):
        assert word not in out
    blocks = next(line for line in out.splitlines() if line.startswith("Blocks:"))
    for kind in Kind:
        assert KIND_STYLES[kind].label.lower() in blocks
    # The sample source's headline list is counted as page furniture, not as omitted text.
    assert "0 omitted" in blocks and "6 page furniture" in blocks


def test_semantic_asked_for_but_missing_says_what_is_missing(capsys, monkeypatch):
    from viewer.core import meaning

    monkeypatch.setattr(
        meaning, "unavailable_reason", lambda: "onnxruntime not installed (install x)"
    )
    code, out, err = run(capsys, SOURCE, REWRITE, "--semantic", "--summary-only")
    assert code == 2 and out == ""
    assert_one_line_error(err, "--semantic", "onnxruntime not installed")


def test_without_the_extra_the_default_is_the_lexical_comparison(capsys, monkeypatch):
    from viewer.core import meaning

    monkeypatch.setattr(meaning, "unavailable_reason", lambda: "numpy not installed")
    code, out, err = run(capsys, SOURCE, REWRITE, "--json", "-", "-q")
    assert code == 0, err
    data = json.loads(out)
    assert "semantic" not in data["options"]
    assert all("meaning" not in block for block in data["blocks"])


def test_no_semantic_turns_matching_by_meaning_off(capsys):
    code, out, err = run(capsys, SOURCE, REWRITE, "--no-semantic", "--json", "-", "-q")
    assert code == 0, err
    assert all("meaning" not in block for block in json.loads(out)["blocks"])
