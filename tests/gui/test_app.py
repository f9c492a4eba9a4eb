"""The app as launched: ``python -m viewer`` in a subprocess, arguments, log, exception hook."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from viewer.gui import crash
from viewer.gui.settings import AppSettings
from viewer.resources import seed_path

REPO = Path(__file__).resolve().parents[2]
LAUNCH_TIMEOUT_S = 120


def launch(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=LAUNCH_TIMEOUT_S,
    )


def test_smoke_test_shows_the_samples_and_exits_0(tmp_path):
    result = launch(tmp_path, "--smoke-test", "--settings", str(tmp_path / "s.ini"))
    assert result.returncode == 0, result.stderr
    assert "first comparison on screen" in result.stderr
    seconds = float(result.stderr.split("on screen ")[1].split(" s")[0])
    assert seconds > 0
    log = tmp_path / "data" / "source-compare" / "log" / crash.LOG_FILE_NAME
    assert "starting" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "config").exists()  # the user's settings folder was never touched


def test_two_files_on_the_command_line_are_compared_and_remembered(tmp_path):
    left, right = tmp_path / "source.txt", tmp_path / "rewrite.txt"
    left.write_text(seed_path("003").read_text(encoding="utf-8"), encoding="utf-8")
    right.write_text(seed_path("004").read_text(encoding="utf-8"), encoding="utf-8")
    settings_file = tmp_path / "s.ini"
    result = launch(
        tmp_path, str(left), str(right), "--smoke-test", "--settings", str(settings_file)
    )
    assert result.returncode == 0, result.stderr
    assert AppSettings.open(settings_file).last_comparison() == (str(left), str(right))


def test_smoke_test_fails_with_1_on_an_unreadable_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = launch(
        tmp_path,
        str(empty),
        str(seed_path("001")),
        "--smoke-test",
        "--settings",
        str(tmp_path / "s.ini"),
    )
    assert result.returncode == 1
    assert "empty.txt" in result.stderr


def test_too_many_files_is_a_usage_error(tmp_path):
    result = launch(tmp_path, "a.txt", "b.txt", "c.txt", "--smoke-test")
    assert result.returncode == 2
    assert "at most two files" in result.stderr


def test_unexpected_exception_is_logged_and_reported(tmp_path):
    saved_hooks = sys.excepthook, threading.excepthook
    reports: list[str] = []
    try:
        log_path = crash.setup_logging(tmp_path / "log", level=logging.INFO)
        crash.install_exception_hook(reports.append)
        try:
            {}["missing key"]
        except KeyError:
            sys.excepthook(*sys.exc_info())
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
    finally:
        sys.excepthook, threading.excepthook = saved_hooks
        logging.getLogger("viewer").removeHandler(crash._handler)
        crash._handler.close()
        crash._handler = None
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'missing key'" in text and "ZeroDivisionError" in text
    assert len(reports) == 2
    assert reports[0].startswith("Something went wrong (KeyError: 'missing key').")
    assert str(log_path) in reports[0]


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_exit_cleanly(tmp_path, argv):
    result = launch(tmp_path, *argv)
    assert result.returncode == 0
    assert "source-compare" in result.stdout
