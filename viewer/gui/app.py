"""Starts the desktop app: command-line arguments, QApplication, logging, the main window.

May import: the standard library, ``viewer``, ``viewer.resources``, ``viewer.terminal`` (its
argument parser), PySide6 and the other ``viewer.gui`` modules. Must not import: ``viewer.cli``.

    source-compare [SOURCE [REWRITE]] [--settings FILE] [--smoke-test]

``--smoke-test`` opens the window, waits for the first comparison to be on screen, writes the
time it took on stderr and exits 0 (1 when it failed): installers and bundles use it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

import viewer
from viewer.gui import crash, system_libraries
from viewer.gui.settings import AppSettings
from viewer.resources import resource_path
from viewer.terminal import CommandParser

SMOKE_TEST_TIMEOUT_S = 120
APP_SHORT_NAME = "source-compare"
"""Names the app's folders (settings, log): ``~/.local/share/source-compare`` on Linux."""

_log = logging.getLogger(__name__)


class _ErrorReporter(QObject):
    """Carries an error message from any thread to the GUI thread."""

    message = Signal(str)


def _process_age_s() -> float | None:
    """Seconds since this process started (Linux), so start-up time includes Python's own."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            uptime_s = float(uptime.read().split()[0])
        return uptime_s - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=APP_SHORT_NAME,
        description=(
            f"{viewer.APP_NAME} {viewer.__version__}: see how one article was made from another."
        ),
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="the source article, then the rewrite (.txt, .md, .html, .docx, .pdf)",
    )
    parser.add_argument(
        "--settings",
        metavar="FILE",
        help="read and write settings in this INI file instead of the user's settings",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="exit as soon as the first comparison is on screen (0 = it worked)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {viewer.__version__}")
    return parser


def app_icon() -> QIcon:
    """The app's icon, or an empty icon when this build has none."""
    try:
        path = resource_path("icons", f"{viewer.APP_ID}.svg")
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def create_application(qt_args: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity (reused when one exists, as under pytest-qt)."""
    QApplication.setApplicationName(APP_SHORT_NAME)
    QApplication.setApplicationDisplayName(viewer.APP_NAME)
    QApplication.setApplicationVersion(viewer.__version__)
    QApplication.setOrganizationName("")
    QApplication.setOrganizationDomain("source-compare.github.io")
    QGuiApplication.setDesktopFileName(viewer.APP_ID)
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_SHORT_NAME, *(qt_args or [])])
    if not isinstance(app, QApplication):
        raise RuntimeError("a Qt application without widgets is already running in this process")
    app.setWindowIcon(app_icon())
    return app


def main(argv: list[str] | None = None) -> int:
    age = _process_age_s()
    launched = time.perf_counter() - (age if age is not None and 0 <= age < 60 else 0.0)
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    args, qt_args = parser.parse_known_args(argv)
    if len(args.files) > 2:
        parser.error("give at most two files: the source, then the rewrite")
    missing = system_libraries.missing_packages()
    if missing:
        sys.stderr.write(system_libraries.advice(missing) + "\n")
        return 1
    app = create_application(qt_args)
    leftover = [a for a in app.arguments()[1:] if a in qt_args]
    if leftover:
        parser.error(f"unrecognised arguments: {' '.join(leftover)}")

    crash.setup_logging()
    crash.install_qt_message_handler()
    temp_dir = None
    settings_path = args.settings
    if settings_path is None and args.smoke_test:
        temp_dir = tempfile.TemporaryDirectory(
            prefix="source-compare-smoke-"
        )  # never touch the user's settings
        settings_path = str(Path(temp_dir.name) / "settings.ini")
    settings = AppSettings.open(settings_path)
    _log.info("settings: %s", settings.file_name())

    from viewer.gui.main_window import MainWindow  # after logging is up: import errors get logged

    window = MainWindow(settings)
    reporter = _ErrorReporter()
    reporter.message.connect(lambda text: window.show_notice(text, "error"))
    crash.install_exception_hook(reporter.message.emit)

    if args.smoke_test:
        outcome = {"code": 1}

        def shown(_comparison) -> None:
            def done() -> None:
                sys.stderr.write(
                    "smoke test: first comparison on screen "
                    f"{time.perf_counter() - launched:.2f} s after the process started\n"
                )
                outcome["code"] = 0
                window.close()

            QTimer.singleShot(0, done)  # after the paint that the new comparison scheduled

        def failed(message: str) -> None:
            sys.stderr.write(f"smoke test failed: {message}\n")
            window.close()

        def timed_out() -> None:
            sys.stderr.write(f"smoke test failed: no comparison after {SMOKE_TEST_TIMEOUT_S} s\n")
            window.close()

        window.comparison_shown.connect(shown)
        window.run_failed.connect(failed)
        QTimer.singleShot(SMOKE_TEST_TIMEOUT_S * 1000, timed_out)

    window.show()
    window.open_initial(args.files)
    status = app.exec()
    stopped = window.shutdown_worker()
    if args.smoke_test:
        status = outcome["code"]
    _log.info("exiting with status %d", status)
    if temp_dir is not None:
        temp_dir.cleanup()
    if not stopped:
        # A runaway load would make the QThread's destructor abort the process; leave at once.
        logging.shutdown()
        os._exit(status)
    return status
