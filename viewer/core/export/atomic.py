"""Writing an export file all at once or not at all, and never over an input document.

May import: the standard library only. Must not import: Qt, or any other ``viewer`` module.
A reader (or a crash) never sees half a file: the bytes go to a temporary file in the target's
own folder (so the final rename stays on one file system), are flushed to disk, then replace the
target in one ``os.replace``. Any failure removes the temporary file and raises ``ExportError``.
A target that is a character device or a named pipe (``/dev/null``, ``/dev/stdout``, a pipe
someone reads) is written through instead: replacing it would destroy the device. Other
targets that exist and are not regular files are refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportError(Exception):
    """An export could not be written. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _process_umask() -> int:
    # There is no way to read the umask without setting it; done once, at import, before any
    # worker thread could be creating files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _process_umask()

_PROBLEMS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOENT: "a file cannot be created there",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ELOOP: "a symbolic link loop",
    errno.ENXIO: "nothing is reading from it",
}
# The temporary file's name is ".NAME.XXXXXXXX.part": NAME is shortened so that the whole stays
# within the usual 255-byte limit for a file name even when the target's own name is that long.
_TEMP_NAME_EXTRA_BYTES = 15
_MAX_NAME_BYTES = 255


def _describe(exc: OSError) -> str:
    known = _PROBLEMS.get(exc.errno) if exc.errno is not None else None
    return known or exc.strerror or "cannot be written"


def encode_utf8(text: str, path: str | os.PathLike[str], encoding: str = "utf-8") -> bytes:
    """``text`` as UTF-8 bytes for the export ``path``, or ``ExportError`` when it cannot be.

    Only a lone surrogate (from a damaged JSON file or a bad clipboard) makes UTF-8 fail.
    """
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = ord(exc.object[exc.start])
        raise ExportError(
            str(path), f"the text holds a character that cannot be written (U+{bad:04X})"
        ) from None


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links, ``..`` or case-folding file systems)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        # One of them does not exist (yet), or is a link loop: compare the resolved spellings.
        # ``realpath`` without ``strict`` never raises for a loop, unlike ``Path.resolve``.
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def check_target(
    path: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str] | None] = ()
) -> Path:
    """Raise ``ExportError`` when ``path`` cannot be an export target; return it as a ``Path``.

    ``protected`` are the input documents: an export must never replace one of them.
    """
    target = Path(path)
    shown = str(path)
    if not shown:
        raise ExportError(shown, "no file name given")
    for original in protected:
        if original and same_file(target, original):
            raise ExportError(shown, f"refusing to overwrite the input document {original}")
    info = _existing(target, shown)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(shown, "it is a folder; give a file name")
        if not (stat.S_ISREG(info.st_mode) or _writes_through(info)):
            raise ExportError(shown, "not a regular file")
        if _writes_through(info):
            return target
    parent = target.parent
    if not parent.exists():
        raise ExportError(shown, f"the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(shown, f"{parent} is not a folder")
    return target


def _existing(target: Path, shown: str) -> os.stat_result | None:
    """The target's status through links, None when nothing is there (or a link to nothing)."""
    try:
        return os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a link loop, a name too long, a folder that cannot be searched
        raise ExportError(shown, _describe(exc)) from None
    except ValueError as exc:  # a NUL character in the path
        raise ExportError(shown, str(exc)) from None


def _writes_through(info: os.stat_result) -> bool:
    return stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    protected: Iterable[str | os.PathLike[str] | None] = (),
) -> None:
    """Write ``data`` to ``path`` atomically; on any failure leave no file behind."""
    target = check_target(path, protected)
    shown = str(path)
    info = _existing(target, shown)
    if info is not None and _writes_through(info):
        _write_through(target, data, shown)
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{_short_name(target.name)}.", suffix=".part", dir=target.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise ExportError(shown, _describe(exc)) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    _sync_folder(target.parent)


def _short_name(name: str) -> str:
    """``name`` cut so that the temporary file's name still fits the file system's limit."""
    room = _MAX_NAME_BYTES - _TEMP_NAME_EXTRA_BYTES
    encoded = os.fsencode(name)
    if len(encoded) <= room:
        return name
    return os.fsdecode(encoded[:room]).encode("utf-8", "ignore").decode("utf-8", "ignore") or "x"


def _write_through(target: Path, data: bytes, shown: str) -> None:
    """Writes to a character device or named pipe in place; there is no file to replace.

    The open does not block (a pipe nobody reads fails at once instead of hanging), and the
    opened descriptor is checked again, so a regular file swapped in meanwhile is not truncated.
    """
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        raise ExportError(shown, _describe(exc)) from None
    try:
        if not _writes_through(os.fstat(fd)):
            raise ExportError(shown, "the file changed while it was being written")
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise ExportError(shown, _describe(exc)) from None
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders, and a failure here
    # does not undo a write that already succeeded.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
