"""What every command line prints, and how it fails: shown text, one-line errors, standard output.

May import: the standard library. Must not import: Qt or any other ``viewer`` module, so each
command line (``compare``, ``many``, ``attribute``, ``corpus``) can use it alone.

Control characters from documents and file names never reach the terminal: they are shown in
caret notation (``^[``), as ``less`` and ``cat -v`` do, so a document cannot set the window
title, write the clipboard or clear the screen. A problem is told in one line on standard
error, whatever the message holds. Standard output failing (a full disk, a closed descriptor, a
reader that went away) ends the run with exit status 1 and at most one line, never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import NoReturn, Protocol, TextIO

COMMAND = "source-compare"
EXIT_OUTPUT = 1


def _control_names() -> dict[int, str]:
    names = {code: "^" + chr(code + 64) for code in range(0x20)}
    names[0x7F] = "^?"
    names.update({code: f"<U+{code:04X}>" for code in range(0x80, 0xA0)})
    del names[ord("\t")]
    return names


_SHOWN_CONTROLS = _control_names()
_SHOWN_CONTROLS_IN_TEXT = {k: v for k, v in _SHOWN_CONTROLS.items() if k != ord("\n")}


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with C0 and C1 control characters (tab aside) in visible notation: ESC is
    ``^[``, CSI ``<U+009B>``. With ``newlines`` line breaks are kept."""
    return text.translate(_SHOWN_CONTROLS_IN_TEXT if newlines else _SHOWN_CONTROLS)


def one_line(message: str) -> str:
    """``message`` on one printable line: line breaks and runs of spaces become one space."""
    return printable(" ".join(message.split()))


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose usage errors quote the command line printably: an unknown
    argument is the user's text, which may hold a terminal escape sequence."""

    def error(self, message: str) -> NoReturn:
        super().error(one_line(message))

    def _print_message(self, message: str, file: _Writer | None = None) -> None:
        """What ``--help`` and ``--version`` print, flushed at once: argparse drops a failed
        write, and a full disk or a closed pipe on standard output would otherwise go unsaid,
        with exit status 0. (Usage errors go to standard error, as argparse sends them.)"""
        stdout: TextIO | None = sys.stdout
        if stdout is None or file is None or file is not stdout:
            super()._print_message(message, file)
            return
        try:
            stdout.write(message)
            stdout.flush()
        except OSError as exc:
            sys.exit(output_failed(exc))


def prepare_streams() -> None:
    """A console or pipe in a legacy code page cannot show every character of an article; a
    replacement mark is better than a crash halfway through the report."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


def tell(line: str) -> None:
    """One line on standard error, made printable (a line break in it shows as ``^J``); when
    standard error cannot be written either, nothing is left to say it on, and the run goes
    on."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(printable(line) + "\n")
            sys.stderr.flush()


def fail(message: str) -> int:
    """Tell a problem in one line on standard error; returns exit status 1."""
    tell(f"{COMMAND}: {one_line(message)}")
    return EXIT_OUTPUT


def note(message: str) -> None:
    """A warning that does not stop the run, one line on standard error."""
    tell(f"{COMMAND}: note: {one_line(message)}")


def stdout_closed() -> bool:
    """True when the program was started with standard output closed (``>&-``)."""
    return sys.stdout is None


def output_failed(exc: OSError) -> int:
    """Standard output cannot be written: exit status 1, and one line unless the reader went
    away on purpose (``| head``), which needs no word.

    What is still buffered for standard output is dropped, or Python would try again at exit
    and print a second error.
    """
    detach_stdout()
    if isinstance(exc, BrokenPipeError):
        return EXIT_OUTPUT
    return fail(f"standard output: {exc.strerror or exc}")


def detach_stdout() -> None:
    """Point standard output at the null device and forget the Python stream."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    sys.stdout = None


def write_stdout_bytes(data: bytes) -> None:
    """Bytes (a UTF-8 JSON document) to standard output as they are, whatever the console's
    code page; flushed, so a failure shows here and not at exit."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    else:
        buffer.write(data)
        buffer.flush()


__all__ = [
    "COMMAND",
    "EXIT_OUTPUT",
    "CommandParser",
    "detach_stdout",
    "fail",
    "isatty",
    "note",
    "one_line",
    "output_failed",
    "prepare_streams",
    "printable",
    "stdout_closed",
    "tell",
    "write_stdout_bytes",
]
