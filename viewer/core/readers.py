"""The article text inside an HTML page, a Word .docx file or a PDF's text layer.

May import: the standard library, trafilatura, lxml (trafilatura's parser), python-docx and
pypdf, and ``viewer.core.encoding``. Must not import: Qt, or other ``viewer`` modules.

Each reader returns plain text with one paragraph per line. A reader raises ``ReadError`` with
a short message when the file is not what its name says; any other exception from a parser is
the caller's to wrap.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.encoding import codec_for_label, decode_text

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_SNIFF_BYTES = 4096
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_INLINE_SPACE_RE = re.compile(r"[^\S\n]+")
_NOT_CONTENT_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
    "nav",
    "aside",
)
_BLOCK_TAGS = frozenset(
    """
    address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section table td th tr ul
    """.split()
)
# Elements a browser never shows: a <template>'s content, and anything marked ``hidden``.
_INVISIBLE_XPATH = "//template | //*[@hidden]"
# A PDF line this much shorter than the longest line of its page ends its paragraph.
PDF_SHORT_LINE_RATIO = 0.75


# Typographic ligatures a PDF's text layer keeps (U+FB00..U+FB06): they count as their letters.
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_LIGATURE_RE = re.compile("[\ufb00-\ufb06]")
# What a browser prints at the top and bottom of each page: the date and time, the page's title,
# its address, "1/2" or "Page 1 of 2".
_PAGE_NUMBER_RE = re.compile(r"(?:^|\s)(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}$", re.I)
_ADDRESS_RE = re.compile(r"^(?:https?://|file://|www\.)\S+", re.I)
_PRINT_STAMP_RE = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I
)
_PAGE_EDGE_LINES = 3  # headers and footers are looked for among a page's first and last lines
_DIGITS_RE = re.compile(r"\d+")


# pypdf logs what it repairs in a damaged file ("EOF marker not found"); without a handler of
# the app's own, Python would print each message on stderr, next to the app's single line.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


class ReadError(Exception):
    """The file could not be read as its format; the message is shown to the user."""


class TooMuchTextError(ReadError):
    """The file holds (or unpacks to) more than the reader was allowed to take in."""


@dataclass(frozen=True)
class Metadata:
    """What a file says about itself, when it does: its title, address and publication date."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO "YYYY-MM-DD"


def unligature(text: str) -> str:
    """``text`` with typographic ligatures (ﬁ, ﬂ, ﬀ...) spelled as the letters they stand for."""
    return text.translate(_LIGATURES) if _LIGATURE_RE.search(text) else text


def decode_html(data: bytes, charset: str | None = None) -> str:
    """HTML bytes as text: a byte-order mark, the server's charset (``charset``) or the page's
    own ``<meta charset>``, else sniffed.

    Only the encoding labels browsers know (the WHATWG Encoding Standard's) are honoured.
    """
    declared = _META_CHARSET_RE.search(data[:_HTML_SNIFF_BYTES])
    labels = [charset] if charset else []
    if declared:
        labels.append(declared.group(1).decode("ascii", "replace"))
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        for label in labels:
            codec = codec_for_label(label)
            if codec is None:
                continue
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; the content decides
    return decode_text(data)[0]


def html_article(html: str) -> tuple[str, Metadata]:
    """The main text of a page (see ``html_text``) and its title, address and date."""
    return html_text(html), html_metadata(html)


def html_metadata(html: str) -> Metadata:
    """The page's title, canonical address and publication date, as trafilatura reads them."""
    from trafilatura import extract_metadata

    try:
        found = extract_metadata(html, extensive=False)
    except Exception:  # metadata is a bonus; a page it cannot read still has its text
        return Metadata()
    if found is None:
        return Metadata()
    title = " ".join((found.title or "").split()) or None
    date = found.date if found.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.date) else None
    return Metadata(title, found.url or None, date)


def html_text(html: str) -> str:
    """The main text of a page: trafilatura first, every visible text block as the fallback."""
    import trafilatura

    # favor_precision drops link lists and teasers; comments are not the article.
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
        prune_xpath=_INVISIBLE_XPATH,
    )
    if text and text.strip():
        return text
    return _visible_text(html)


def _visible_text(html: str) -> str:
    import lxml.etree
    import lxml.html

    # lxml refuses a str that still declares a byte encoding.
    html = _XML_DECLARATION_RE.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_NOT_CONTENT_TAGS)) + root.xpath(_INVISIBLE_XPATH):
        if element.getparent() is not None:
            element.drop_tree()
    lines: list[str] = []
    _collect_blocks(root, lines, [])
    return "\n".join(lines)


def _collect_blocks(element, lines: list[str], current: list[str]) -> None:
    """Walks the tree, starting a new line at each block element."""

    def flush() -> None:
        line = _INLINE_SPACE_RE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            flush()
        if tag and node.text:  # comments and processing instructions have a non-str tag
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(element)
    flush()


def docx_article(data: bytes, max_unpacked_bytes: int | None = None) -> tuple[str, Metadata]:
    """The text of a .docx body (see ``docx_text``) and the title its properties give."""
    import docx

    text = docx_text(data, max_unpacked_bytes)
    try:
        title = docx.Document(io.BytesIO(data)).core_properties.title
    except Exception:  # the properties part is optional and often malformed
        title = None
    return text, Metadata(title=" ".join((title or "").split()) or None)


def docx_text(data: bytes, max_unpacked_bytes: int | None = None) -> str:
    """The paragraphs of a .docx body, tables included, in document order.

    With ``max_unpacked_bytes``, an archive whose members unpack to more than that is refused
    before anything is inflated: a .docx of a megabyte can hold a gigabyte of XML.
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a Word .docx file (old .doc files must be saved as .docx)")
    if max_unpacked_bytes is not None:
        _check_unpacked_size(data, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"not a Word .docx file ({exc})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(line.strip() for line in lines if line.strip())


def _check_unpacked_size(data: bytes, limit: int) -> None:
    """Refuses an archive whose members, as its directory declares them, unpack past ``limit``.

    Python's zipfile never inflates a member past its declared size (the CRC check fails
    first), so the declared sizes bound what parsing the archive can allocate.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadError(f"not a Word .docx file ({exc})") from None
    if unpacked > limit:
        raise TooMuchTextError(
            f"it unpacks to {_megabytes(unpacked)}, over the limit of {_megabytes(limit)}"
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB".replace(".0 MB", " MB")


def pdf_article(
    data: bytes, max_chars: int | None = None, between_pages: Callable[[], None] | None = None
) -> tuple[str, Metadata]:
    """The text of a PDF (see ``pdf_text``) and the title its document information gives."""
    from pypdf import PdfReader

    text = pdf_text(data, max_chars, between_pages)
    try:
        info = PdfReader(io.BytesIO(data)).metadata
        title = info.get("/Title") if info is not None else None
    except Exception:  # the information dictionary is optional and often malformed
        title = None
    title = " ".join(str(title).split()) if title else None
    return text, Metadata(title=title or None)


def pdf_text(
    data: bytes, max_chars: int | None = None, between_pages: Callable[[], None] | None = None
) -> str:
    """The text layer of a PDF, with each paragraph's wrapped lines joined into one line.

    The headers and footers a browser prints on every page (date, title, address, "1/2") are
    left out, and so are any lines repeated at the top or bottom of most pages. With
    ``max_chars``, reading stops with ``TooMuchTextError`` as soon as the pages read so far hold
    more text than that. ``between_pages`` is called before each page (a long PDF takes a
    while); whatever it raises ends the reading.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:  # an installation without the library AES needs
            raise ReadError("the PDF's encryption cannot be read by this installation") from None
        except Exception:
            raise ReadError("the PDF is encrypted in a way that cannot be read") from None
        if not opened:
            raise ReadError("the PDF is password-protected")
    pages: list[list[str]] = []
    chars = 0
    for page in reader.pages:
        if between_pages is not None:
            between_pages()
        try:
            page_text = page.extract_text() or ""
        except DependencyError:
            raise ReadError("a part of the PDF cannot be read by this installation") from None
        chars += len(page_text)
        if max_chars is not None and chars > max_chars:
            raise TooMuchTextError(f"it holds more than {max_chars:,} characters of text")
        pages.append(unligature(page_text).splitlines())
    paragraphs: list[str] = []
    for lines in _without_page_furniture(pages):
        paragraphs.extend(_unwrap_lines(lines))
    return "\n".join(paragraphs)


def _edge_indices(lines: list[str]) -> list[int]:
    """Indices of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_PAGE_EDGE_LINES] + filled[-_PAGE_EDGE_LINES:]))


def _edge_key(line: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(line.split()).casefold())


def _is_print_furniture(line: str) -> bool:
    line = " ".join(line.split())
    return bool(
        (_PAGE_NUMBER_RE.search(line) and len(line.split()) <= 12)
        or _ADDRESS_RE.match(line)
        or _PRINT_STAMP_RE.match(line)
    )


def _without_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without its running header and footer."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_edge_key(lines[i]) for i in _edge_indices(lines)})
    repeated = {key for key, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    cleaned = []
    for lines in pages:
        drop = {
            i
            for i in _edge_indices(lines)
            if _edge_key(lines[i]) in repeated or _is_print_furniture(lines[i])
        }
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _unwrap_lines(raw_lines: list[str]) -> list[str]:
    """Rejoins the visual lines of a page into paragraphs.

    Wrapped lines run the full width of the page; a line clearly shorter than that ends its
    paragraph (or is a heading), and so does a blank line.
    """
    lines = [_INLINE_SPACE_RE.sub(" ", line).strip() for line in raw_lines]
    full_width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].isalnum():
            current += line  # a hyphen at the wrap: keep it, "well-known" must survive
        else:
            current += " " + line
        if len(line) < PDF_SHORT_LINE_RATIO * full_width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
