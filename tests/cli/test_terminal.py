"""Every command line prints alike: control characters shown, not sent; one line per problem;
standard output failing is one line and exit status 1, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from viewer import terminal
from viewer.__main__ import main
from viewer.resources import seed_path

SOURCE = str(seed_path("000"))
REWRITE = str(seed_path("001"))
EVIL_NAME = "evil\x1b]0;PWNED\x07.txt"
EVIL_SHOWN = "evil^[]0;PWNED^G.txt"
SENT = ("\x1b]", "\x07", "\x1b[2J", "\x9b")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture()
def hostile_source(tmp_path) -> str:
    """The sample source under a name holding an escape sequence, with a last paragraph that
    tries to set the window title, write the clipboard and clear the screen."""
    path = tmp_path / EVIL_NAME
    path.write_text(
        seed_path("000").read_text(encoding="utf-8")
        + "\nThen \x1b]0;PWNED\x07 a title. The clipboard \x1b]52;c;cm0gLXJmIH4=\x07 too."
        + " The screen \x1b[2J\x1b[H cleared. A C1 \x9b31m code.\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize("command", ["many", "attribute"])
@pytest.mark.parametrize("colour", ["never", "always"])
def test_set_reports_show_control_characters_of_names_and_text(
    capsys, hostile_source, tmp_path, command, colour
):
    rewrite = tmp_path / f"rewrite{EVIL_NAME}"
    shutil.copy(REWRITE, rewrite)
    code, out, err = run(capsys, command, hostile_source, str(rewrite), "--color", colour)
    assert code == 0, err
    assert EVIL_SHOWN in out.splitlines()[0]  # "Source   evil^[..." / "Article  evil^[..."
    assert f"rewrite{EVIL_SHOWN}"[:20] in out  # the outlet's row or the source list
    assert "Then ^[]0;PWNED^G a title." in out  # the last sentence, in the report
    for forbidden in SENT:
        assert forbidden not in out and forbidden not in err
    if colour == "never":
        assert "\x1b" not in out


@pytest.mark.parametrize("command", ["compare", "many", "attribute", "corpus"])
def test_a_file_name_in_a_message_is_shown_not_sent(capsys, tmp_path, command):
    missing = str(tmp_path / EVIL_NAME)
    if command == "corpus":
        args = [command, missing, str(tmp_path), "--out", str(tmp_path / "out")]
    else:
        args = [command, missing, REWRITE]
    code, _, err = run(capsys, *args)
    assert code == 1
    assert_one_line_error(err, EVIL_SHOWN)
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.parametrize("command", ["compare", "many", "attribute", "corpus"])
def test_a_usage_error_quotes_the_command_line_printably(capsys, command):
    code, _, err = run(capsys, command, SOURCE, REWRITE, "--out", "o", "x\x1b]0;PWNED\x07")
    assert code == 2
    assert "x^[]0;PWNED^G" in err
    assert "\x1b" not in err and "\x07" not in err


def test_a_set_report_of_a_rewrite_notice_is_one_line(capsys, tmp_path):
    # A UTF-8 file with one invalid byte is read with a replacement and the run says so.
    text = seed_path("001").read_bytes()
    broken = tmp_path / "bad\x1b[2J.txt"
    broken.write_bytes(text[:800] + b"\xff" + text[800:])
    code, _, err = run(capsys, "many", SOURCE, str(broken), "-q")
    assert code == 0
    notes = [line for line in err.splitlines() if ": note: " in line]
    assert len(notes) == 1 and "bad^[[2J.txt" in notes[0]


def _run_with_stdout(args: list[str], redirect: str) -> subprocess.CompletedProcess:
    """``python -m viewer ARGS`` with standard output redirected by the shell."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        ["sh", "-c", f'"$@" {redirect}', "_", sys.executable, "-m", "viewer", *args],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["many", "attribute"])
@pytest.mark.parametrize("extra", [[], ["--json", "-"]])
def test_a_full_disk_on_standard_output_is_one_line(command, extra):
    done = _run_with_stdout([command, SOURCE, REWRITE, *extra], ">/dev/full")
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "standard output", "No space left on device")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["compare", "--help"], ["many", "--version"]]
)
def test_help_on_a_full_disk_is_one_line_and_a_failure(args):
    # argparse drops a failed write of its help: without a flush the run would end with 0.
    done = _run_with_stdout(args, ">/dev/full")
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "standard output", "No space left on device")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
@pytest.mark.parametrize("command", ["many", "attribute"])
def test_a_closed_standard_output_is_one_line(command):
    done = _run_with_stdout([command, SOURCE, REWRITE], ">&-")
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "standard output is closed")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_standard_output_is_fine_when_nothing_goes_there(tmp_path):
    target = tmp_path / "set.json"
    done = _run_with_stdout(["many", SOURCE, REWRITE, "-q", "--json", str(target)], ">&-")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert target.read_text(encoding="utf-8").startswith("{")


def test_the_helpers_are_the_ones_every_command_line_uses():
    import viewer.cli
    import viewer.corpus.command
    import viewer.set_cli

    for module in (viewer.cli, viewer.set_cli):
        assert module.printable is terminal.printable
        assert module.fail is terminal.fail
        assert module.output_failed is terminal.output_failed
    assert viewer.corpus.command.fail is terminal.fail


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain\ttab", "plain\ttab"),
        ("bell\x07", "bell^G"),
        ("esc\x1b[31m", "esc^[[31m"),
        ("del\x7f", "del^?"),
        ("csi\x9b1m", "csi<U+009B>1m"),
        ("two\nlines", "two^Jlines"),
    ],
)
def test_printable(text, shown):
    assert terminal.printable(text) == shown


def test_one_line_keeps_a_message_on_one_line():
    assert terminal.one_line("a\n  b\x1b") == "a b^["
