"""What a comparison run is asked to do, and what it answers: plain data passed between threads.

May import: the standard library, ``viewer.core`` and ``viewer.gui.view_model``. Must not
import: Qt or any other ``viewer.gui`` module. A ``CompareRequest`` carries everything the
worker needs, so the worker never reads state that the GUI thread may be changing; its answer
is one ``CompareResult``. Both are immutable, so handing them from one thread to the other is
safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from viewer.core import Comparison, Document, Options, Side
from viewer.gui.view_model import ViewFilters, ViewModel


@dataclass(frozen=True)
class SideInput:
    """One side of a request: a file to load, a web address to fetch, pasted text (or a
    clipboard's HTML), or an already loaded document."""

    path: str | None = None
    text: str | None = None
    name: str = ""
    document: Document | None = None
    url: str | None = None
    html: str | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> SideInput:
        return cls(path=str(path), name=Path(path).name)

    @classmethod
    def from_text(cls, text: str, name: str) -> SideInput:
        return cls(text=text, name=name)

    @classmethod
    def from_url(cls, url: str) -> SideInput:
        return cls(url=url.strip(), name=url.strip())

    @classmethod
    def from_html(cls, html: str, name: str, text: str | None = None) -> SideInput:
        """A clipboard's HTML; ``text``, its plain flavour, is read when the HTML holds none."""
        return cls(html=html, name=name, text=text)

    @classmethod
    def from_document(cls, document: Document) -> SideInput:
        return cls(path=document.path, name=document.name, document=document, url=document.url)

    @property
    def display_name(self) -> str:
        return self.name or (Path(self.path).name if self.path else "pasted text")

    @property
    def address(self) -> str | None:
        """What reopens this input later: its file's path or its web address (None if pasted)."""
        if self.path:
            return self.path
        return self.url


@dataclass(frozen=True)
class CompareRequest:
    """Load what is not loaded yet, then compare when both sides are present.

    ``filters`` say which view model to lay out for the result, off the GUI thread; a view
    whose filters have changed since lays out its own.
    """

    source: SideInput | None
    rewrite: SideInput | None
    options: Options | None = None
    filters: ViewFilters = field(default_factory=ViewFilters)

    def input(self, side: Side) -> SideInput | None:
        return self.source if side is Side.SOURCE else self.rewrite


@dataclass(frozen=True)
class CompareResult:
    """A request's answer: the documents of both sides, and their comparison when both exist.

    ``comparison`` is None when only one side was given; ``view_model`` is None when the
    worker was not asked to lay one out.
    """

    token: int
    source: Document | None
    rewrite: Document | None
    comparison: Comparison | None = None
    view_model: ViewModel | None = None

    def document(self, side: Side) -> Document | None:
        return self.source if side is Side.SOURCE else self.rewrite


__all__ = ["CompareRequest", "CompareResult", "SideInput", "ViewFilters", "ViewModel"]
