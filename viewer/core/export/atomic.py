"""Writing an export file all at once or not at all, and never over an input document.

May import: the standard library only. Must not import: Qt, or any other ``viewer`` module.
A reader (or a crash) never sees half a file: the bytes go to a temporary file in the target's
own folder (so the final rename stays on one file system), are flushed to disk, then replace the
target in one ``os.replace``. Any failure removes the temporary file and raises ``ExportError``.
"""

from __future__ import annotations

import contextlib
import errno
import os
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
}


def _describe(exc: OSError) -> str:
    known = _PROBLEMS.get(exc.errno) if exc.errno is not None else None
    return known or exc.strerror or "cannot be written"


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links, ``..`` or case-folding file systems)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the resolved spellings
        return Path(a).resolve() == Path(b).resolve()


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
    if target.is_dir():
        raise ExportError(shown, "it is a folder; give a file name")
    parent = target.parent
    if not parent.exists():
        raise ExportError(shown, f"the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(shown, f"{parent} is not a folder")
    return target


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    protected: Iterable[str | os.PathLike[str] | None] = (),
) -> None:
    """Write ``data`` to ``path`` atomically; on any failure leave no file behind."""
    target = check_target(path, protected)
    shown = str(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
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
