"""The comparison engine: documents in, an aligned and classified comparison out.

May import: the standard library and the pure-Python dependencies (diff-match-patch,
charset-normalizer, trafilatura, python-docx, pypdf). Must not import: Qt (a test checks).

The one API the command line, the GUI worker and the exporters use:

    load_document(path) -> Document           # raises LoadError with a clear message
    load_url(url) -> Document                 # a web page, fetched; LoadError likewise
    document_from_text(text, name) -> Document
    document_from_html(html, name) -> Document # the article in a page (or a clipboard's HTML)
    compare(source, rewrite, options) -> Comparison
    compare_steps(source, rewrite, options, cancel)  # yields Progress, returns the Comparison
"""

from viewer.core.compare import compare, compare_steps
from viewer.core.loading import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    document_from_html,
    document_from_text,
    load_document,
    load_url,
)
from viewer.core.model import (
    KINDS,
    LINKED_KINDS,
    SAME_MEANING_KINDS,
    SIDES,
    Block,
    CancelCheck,
    Cancelled,
    Comparison,
    Document,
    Kind,
    LoadError,
    Options,
    Progress,
    Side,
    Span,
    Summary,
)

__all__ = [
    "KINDS",
    "LINKED_KINDS",
    "MAX_FILE_BYTES",
    "SAME_MEANING_KINDS",
    "SIDES",
    "SUPPORTED_EXTENSIONS",
    "Block",
    "CancelCheck",
    "Cancelled",
    "Comparison",
    "Document",
    "Kind",
    "LoadError",
    "Options",
    "Progress",
    "Side",
    "Span",
    "Summary",
    "compare",
    "compare_steps",
    "document_from_html",
    "document_from_text",
    "load_document",
    "load_url",
]
