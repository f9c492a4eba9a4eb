"""The app's log file and its last line of defence against unexpected exceptions.

May import: the standard library, ``viewer``, PySide6.QtCore. Must not import: QtWidgets or
other ``viewer.gui`` modules (the window passes in how to show a message).
An exception that escapes a slot or a thread is logged with its traceback and reported to the
user in one short sentence that names the log file; the app keeps running.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QtMsgType, qInstallMessageHandler

import viewer

LOG_FILE_NAME = "source-compare.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 2

_log = logging.getLogger("viewer.gui")
_handler: logging.Handler | None = None


def log_dir() -> Path:
    """``<AppLocalDataLocation>/log``: where the log file goes."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".source-compare") / "log"


def log_file() -> Path | None:
    """The log file in use, or None when logging goes to stderr only."""
    if isinstance(_handler, logging.FileHandler):
        return Path(_handler.baseFilename)
    return None


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send the ``viewer`` loggers to a rotating log file; returns its path (None on failure).

    When the folder cannot be created (read-only home, sandbox) logging falls back to stderr:
    a missing log must never stop the app from starting.
    """
    global _handler
    logger = logging.getLogger("viewer")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            directory / LOG_FILE_NAME,
            maxBytes=MAX_LOG_BYTES,
            backupCount=LOG_BACKUPS,
            encoding="utf-8",
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler
    _log.info("Source Compare %s starting (Python %s)", viewer.__version__, sys.version.split()[0])
    return log_file()


def describe_unexpected(exc: BaseException) -> str:
    """One short sentence for the user about an exception that should not have happened."""
    where = log_file()
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    tail = f" Details are in {where}." if where else ""
    return f"Something went wrong ({detail}).{tail}"


def install_exception_hook(report: Callable[[str], None]) -> None:
    """Log uncaught exceptions (main thread, Qt slots, other threads) and ``report`` them."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _log.critical("Unexpected error", exc_info=(exc_type, exc, tb))
        try:
            report(describe_unexpected(exc))
        except Exception:  # the reporter itself failed: the log already has the cause
            _log.exception("Could not show the error message")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install_qt_message_handler() -> None:
    """Route Qt's own warnings into the log instead of the terminal."""
    qt_log = logging.getLogger("viewer.qt")

    def handler(msg_type, context, message):
        qt_log.log(_QT_LEVELS.get(msg_type, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
