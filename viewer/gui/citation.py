"""Copy as Citation: a selected pair of sentences, ready to paste into an article or a note.

May import: the standard library, ``PySide6.QtCore`` (for ``QMimeData``) and ``viewer.core``.
Must not import: widgets, the main window or the comparison view.

A citation gives both sentences, the kind, why (the reasons, or the kind's description), how
alike the pair is, and for each side the document's name, where it came from (its web address
or file) and its publication date when known. It goes to the clipboard as plain text and as
HTML, so a word processor keeps the quotes, the links and the emphasis.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from viewer.core.kinds import KIND_STYLES
from viewer.core.model import LINKED_KINDS, SIDES, Block, Comparison, Document, Side


@dataclass(frozen=True)
class Citation:
    """What a citation of one block says, before it is written as text or HTML."""

    kind: str  # the kind's label: "Paraphrased"
    reasons: str  # why the pair is that kind, one sentence
    alike: int | None  # percent alike, for pairs; None for a sentence on one side only
    quotes: dict[Side, str]  # the block's sentences on each side ("" when it has none)
    documents: dict[Side, Document]


def _quote(doc: Document, indices: tuple[int, ...]) -> str:
    return " ".join(" ".join(doc.sentence_text(i).split()) for i in indices)


def citation_of(comparison: Comparison, block: Block, reasons: str | None = None) -> Citation:
    """The citation of ``block``; ``reasons`` default to the kind's description."""
    style = KIND_STYLES[block.kind]
    quotes = {side: _quote(comparison.document(side), block.sentences(side)) for side in SIDES}
    linked = block.kind in LINKED_KINDS
    return Citation(
        style.label,
        (reasons or style.description).strip().rstrip(".") + ".",
        round(block.alike * 100) if linked else None,
        quotes,
        {side: comparison.document(side) for side in SIDES},
    )


def document_reference(doc: Document) -> str:
    """ "Title, https://…, published 2021-10-05": the document's name, origin and date."""
    parts = [doc.title or doc.name]
    origin = doc.url or doc.path
    if origin and origin != parts[0]:
        parts.append(origin)
    if doc.published:
        parts.append(f"published {doc.published}")
    return ", ".join(parts)


def _summary(citation: Citation) -> str:
    alike = f", {citation.alike} % alike" if citation.alike is not None else ""
    return f"{citation.kind}{alike}. {citation.reasons}"


def citation_text(citation: Citation) -> str:
    """The plain-text citation: each side's quote and document, then the kind and why."""
    lines = []
    for side in SIDES:
        label = side.label.capitalize()
        quote = citation.quotes[side]
        lines.append(
            f"{label}: “{quote}”" if quote else f"{label}: (nothing: not in the {side.label})"
        )
        lines.append(f"    — {document_reference(citation.documents[side])}")
    lines.append(_summary(citation))
    return "\n".join(lines) + "\n"


def _html_reference(doc: Document) -> str:
    name = html.escape(doc.title or doc.name)
    if doc.url:
        name = f'<a href="{html.escape(doc.url, quote=True)}">{name}</a>'
    elif doc.path and doc.path != doc.name:
        name += f" ({html.escape(doc.path)})"
    if doc.published:
        name += f", published {html.escape(doc.published)}"
    return name


def citation_html(citation: Citation) -> str:
    """The HTML citation: the same content, quotes as block quotes and addresses as links."""
    parts = []
    for side in SIDES:
        label = side.label.capitalize()
        quote = citation.quotes[side]
        parts.append(
            f"<p><b>{label}</b> — <cite>{_html_reference(citation.documents[side])}</cite></p>"
        )
        if quote:
            parts.append(f"<blockquote>“{html.escape(quote)}”</blockquote>")
        else:
            parts.append(f"<blockquote><i>Nothing: not in the {side.label}.</i></blockquote>")
    alike = f", {citation.alike} % alike" if citation.alike is not None else ""
    parts.append(
        f"<p><b>{html.escape(citation.kind)}</b>{alike}. {html.escape(citation.reasons)}</p>"
    )
    return "\n".join(parts)


def citation_mime(citation: Citation) -> QMimeData:
    """Clipboard data with both flavours: plain text and HTML."""
    mime = QMimeData()
    mime.setText(citation_text(citation))
    mime.setHtml(citation_html(citation))
    return mime
