"""Files and pasted text to ``Document``: read safely, decode, extract, split, mark furniture.

May import: the standard library and ``viewer.core`` modules without Qt (``model``, ``encoding``,
``readers``, ``sentences``, ``boilerplate``, ``fetch``). Must not import: Qt.

``load_document`` raises ``LoadError`` and nothing else for a bad file: missing, a folder,
empty, binary, too large (as a file, as the archive a .docx unpacks to, or as the text it
holds), unreadable, or not parseable as its format. ``load_url`` does the same
for a web page, and ``document_from_html`` for HTML already in memory (a clipboard's).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.core import readers
from viewer.core.boilerplate import detect_boilerplate
from viewer.core.encoding import BINARY, NotTextError, decode_text_counting
from viewer.core.fetch import fetch_url
from viewer.core.model import CancelCheck, Cancelled, Document, LoadError
from viewer.core.readers import Metadata
from viewer.core.sentences import split_paragraphs, split_sentences

MAX_FILE_BYTES = 50 * 1024 * 1024
# The text a file may hold, whatever its format: a small .docx or PDF can unpack to far more
# text than its size suggests, and the engine's time and memory grow with the text.
MAX_TEXT_CHARS = MAX_FILE_BYTES
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

_FORMAT_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_FORMAT_NAMES = {"html": "HTML", "docx": "a Word document", "pdf": "PDF"}
_BYTES_PER_MB = 1024 * 1024
_SNIFF_ZIP_BYTES = 64 * 1024
_MAX_REASON_CHARS = 160
_SNIFF_HTML_BYTES = 1024


def document_from_text(
    text: str,
    name: str,
    format: str = "text",
    path: str | None = None,
    *,
    blocks: bool = False,
    meta: Metadata | None = None,
    notices: tuple[str, ...] = (),
) -> Document:
    """A Document from text already in memory: newlines normalised, split, furniture marked.

    With ``blocks`` every line is a block of its own (a heading or a paragraph of a page, a Word
    file or a PDF), so no sentence runs from one line into the next; plain text files wrap
    sentences over lines, and a line that stops mid-sentence joins the next.
    """
    text = readers.unligature(normalise_newlines(text))
    paragraphs = tuple(split_paragraphs(text, hard_lines=blocks))
    sentences = tuple(split_sentences(text, paragraphs))
    meta = meta or Metadata()
    return Document(
        name=name,
        text=text,
        sentences=sentences,
        paragraphs=paragraphs,
        boilerplate=detect_boilerplate(text, paragraphs, sentences),
        format=format,
        path=path,
        title=meta.title,
        url=meta.url,
        published=meta.published,
        notices=notices,
    )


def document_from_html(html: str, name: str, url: str | None = None) -> Document:
    """A Document from an HTML page or a clipboard's HTML: the article text, as for .html files.

    Raises ``LoadError`` when the page holds no article text.
    """
    text, meta = readers.html_article(html)
    if not text.strip():
        raise LoadError(name, "no text found")
    meta = Metadata(meta.title, url or meta.url, meta.published)
    return document_from_text(text, name, "html", blocks=True, meta=meta)


def load_url(url: str, cancel: CancelCheck | None = None) -> Document:
    """Fetches a web page (or a PDF or text file on the web) and reads it as the file would be.

    The document's name is the page's title, else its address; ``url`` is the address after
    redirects. Raises ``LoadError`` with a clear message for every failure.
    """
    page = fetch_url(url, max_bytes=MAX_FILE_BYTES, cancel=cancel)
    shown = url.strip()
    try:
        extracted = _extract(page.data, page.format, page.charset)
    except LoadError:
        raise
    except Exception as exc:
        raise _read_failure(shown, page.format, exc) from None
    if len(extracted.text) > MAX_TEXT_CHARS:
        raise LoadError(shown, _too_much_text(len(extracted.text)))
    text = normalise_newlines(extracted.text)
    if not text.strip():
        raise LoadError(shown, "no text found on the page")
    meta = Metadata(extracted.meta.title, page.url, extracted.meta.published)
    name = meta.title or page.url
    return document_from_text(
        text,
        name,
        page.format,
        blocks=extracted.blocks,
        meta=meta,
        notices=_notices(extracted.replaced),
    )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_document(path, cancel: CancelCheck | None = None) -> Document:
    """Reads a .txt, .md, .html, .docx or .pdf file (other names are sniffed) into a Document.

    ``cancel`` is asked between the steps of loading (and between the pages of a PDF); when it
    returns True, ``Cancelled`` is raised.
    """

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled()

    shown = str(path)
    try:
        absolute = Path(path).expanduser().absolute()
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise LoadError(shown, f"could not be read: {exc}") from None
    check()
    data = _read_bytes(absolute, shown)
    check()
    fmt = _FORMAT_BY_EXTENSION.get(absolute.suffix.lower()) or _sniff_format(data)
    try:
        extracted = _extract(data, fmt, between_pages=check)
    except Cancelled:
        raise
    except Exception as exc:
        raise _read_failure(shown, fmt, exc) from None
    if len(extracted.text) > MAX_TEXT_CHARS:
        raise LoadError(shown, _too_much_text(len(extracted.text)))
    text = normalise_newlines(extracted.text)
    if not text.strip():
        if fmt == "pdf":
            raise LoadError(shown, "no text found (scanned PDF without a text layer?)")
        if fmt in ("html", "docx"):
            raise LoadError(shown, "no text found")
        raise LoadError(shown, "the file is empty")
    check()
    return document_from_text(
        text,
        absolute.name,
        fmt,
        str(absolute),
        blocks=extracted.blocks,
        meta=extracted.meta,
        notices=_notices(extracted.replaced),
    )


def _notices(replaced: int) -> tuple[str, ...]:
    """What the user should know about a decoding that had to replace invalid bytes."""
    if not replaced:
        return ()
    verb = "is" if replaced == 1 else "are"
    return (f"{_count(replaced, 'byte')} that {verb} not valid UTF-8 replaced with \ufffd",)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _read_failure(shown: str, fmt: str, exc: BaseException) -> LoadError:
    """The message for an exception raised while extracting a file's text."""
    kind = _FORMAT_NAMES.get(fmt, fmt)
    if isinstance(exc, NotTextError):
        if str(exc) == BINARY:
            return LoadError(shown, "binary file, not a text document")
        return LoadError(shown, f"could not be read: {exc}")
    if isinstance(exc, readers.TooMuchTextError):
        return LoadError(shown, f"too large: {exc}")
    if isinstance(exc, readers.ReadError):
        return LoadError(shown, f"could not be read as {kind}: {exc}")
    if isinstance(exc, MemoryError):
        return LoadError(shown, "could not be read: not enough memory")
    if isinstance(exc, RecursionError):
        return LoadError(shown, f"could not be read as {kind}: nested too deeply")
    # third-party parsers raise anything on malformed input
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:_MAX_REASON_CHARS]
    return LoadError(shown, f"could not be read as {kind}: {reason}")


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing folders, special files and anything over the size limit.

    The size is checked before reading and again while reading, so a file that grows meanwhile
    is not read past the limit either. The file is opened without blocking and the opened
    descriptor is checked again: a file swapped for a named pipe after the first check would
    otherwise block the open until something writes to the pipe.
    """
    try:
        _check_file(path.stat(), shown)
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as handle:
            _check_file(os.fstat(fd), shown)
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(shown, "file not found") from None
    except IsADirectoryError:
        raise LoadError(shown, "is a folder, not a file") from None
    except PermissionError:
        raise LoadError(shown, "permission denied") from None
    except OSError as exc:
        raise LoadError(shown, f"could not be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a path with a NUL character in it
        raise LoadError(shown, f"could not be read: {exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(shown, _too_large(_current_size(path, len(data))))
    if not data:
        raise LoadError(shown, "the file is empty")
    return data


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _check_file(info: os.stat_result, shown: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(shown, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(shown, "could not be read: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise LoadError(shown, _too_large(info.st_size))


def _current_size(path: Path, at_least: int) -> int:
    try:
        return max(path.stat().st_size, at_least)
    except OSError:
        return at_least


def _too_large(size: int) -> str:
    return f"too large ({_size_text(size)}; the limit is {_size_text(MAX_FILE_BYTES)})"


def _too_much_text(chars: int) -> str:
    return (
        f"too much text ({_size_text(chars, 'characters')}; "
        f"the limit is {_size_text(MAX_TEXT_CHARS, 'characters')})"
    )


def _size_text(size: int, unit: str = "") -> str:
    if unit:
        if size >= 1_000_000:
            return f"{size / 1_000_000:.1f} million {unit}"
        return f"{size:,} {unit}"
    if size >= _BYTES_PER_MB:
        return f"{size // _BYTES_PER_MB} MB"
    return f"{max(1, size // 1024)} KB"


def _sniff_format(data: bytes) -> str:
    """The format of a file whose name does not tell: PDF, .docx or HTML by content, else text."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:_SNIFF_ZIP_BYTES]:
        return "docx"
    head = data[:_SNIFF_HTML_BYTES].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


@dataclass(frozen=True)
class _Extracted:
    text: str
    blocks: bool  # each line is a heading or paragraph of its own (see document_from_text)
    meta: Metadata
    replaced: int = 0  # invalid bytes the decoding replaced with U+FFFD


def _extract(
    data: bytes,
    fmt: str,
    charset: str | None = None,
    between_pages: Callable[[], None] | None = None,
) -> _Extracted:
    if fmt == "html":
        text, meta = readers.html_article(readers.decode_html(data, charset))
        return _Extracted(text, True, meta)
    if fmt == "docx":
        text, meta = readers.docx_article(data, max_unpacked_bytes=MAX_FILE_BYTES)
        return _Extracted(text, True, meta)
    if fmt == "pdf":
        text, meta = readers.pdf_article(
            data, max_chars=MAX_TEXT_CHARS, between_pages=between_pages
        )
        return _Extracted(text, True, meta)
    text, _, replaced = decode_text_counting(data)
    return _Extracted(text, False, Metadata(), replaced)
