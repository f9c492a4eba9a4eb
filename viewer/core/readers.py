"""The article text inside an HTML page, a Word .docx file or a PDF's text layer.

May import: the standard library, trafilatura, lxml (trafilatura's parser), python-docx and
pypdf, and ``viewer.core.encoding``. Must not import: Qt, or other ``viewer`` modules.

Each reader returns plain text with one paragraph per line. A reader raises ``ReadError`` with
a short message when the file is not what its name says; any other exception from a parser is
the caller's to wrap.
"""

from __future__ import annotations

import io
import re
import zipfile

from viewer.core.encoding import decode_text

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
# A PDF line this much shorter than the longest line of its page ends its paragraph.
PDF_SHORT_LINE_RATIO = 0.75


class ReadError(Exception):
    """The file could not be read as its format; the message is shown to the user."""


def decode_html(data: bytes) -> str:
    """HTML bytes as text: a byte-order mark or the page's own ``<meta charset>``, else sniffed."""
    declared = _META_CHARSET_RE.search(data[:_HTML_SNIFF_BYTES])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration is common; the content decides
    return decode_text(data)[0]


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
    for element in list(root.iter(*_NOT_CONTENT_TAGS)):
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


def docx_text(data: bytes) -> str:
    """The paragraphs of a .docx body, tables included, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a Word .docx file (old .doc files must be saved as .docx)")
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


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, with each paragraph's wrapped lines joined into one line."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise ReadError("the PDF is password-protected")
        except ReadError:
            raise
        except Exception:  # pypdf needs an optional crypto package for AES
            raise ReadError("the PDF is encrypted") from None
    paragraphs: list[str] = []
    for page in reader.pages:
        paragraphs.extend(_unwrap_lines((page.extract_text() or "").splitlines()))
    return "\n".join(paragraphs)


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
        elif current.endswith("-") and line[:1].islower():
            current += line  # a hyphen at the wrap: keep it, "well-known" must survive
        else:
            current += " " + line
        if len(line) < PDF_SHORT_LINE_RATIO * full_width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
