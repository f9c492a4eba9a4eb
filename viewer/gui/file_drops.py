"""Accepting local files dropped from a file manager: one behaviour for every drop target.

May import: PySide6 (QtGui types only through the events it is given). Must not import: other
``viewer`` modules. What a drop means (which side, is the file usable) is the window's decision.
"""

from __future__ import annotations

WEB_SCHEMES = ("http", "https")


def dropped_addresses(mime) -> list[str]:
    """What a drag carries that can be opened: local files' paths and web pages' addresses.

    A link dragged from a browser arrives as a URL, or only as text holding the address."""
    if mime is None:
        return []
    if mime.hasUrls():
        found = []
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile():
                found.append(url.toLocalFile())
            elif url.scheme().lower() in WEB_SCHEMES and url.host():
                found.append(url.toString())
        return found
    if mime.hasText():
        text = mime.text().strip()
        if text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text):
            return [text]
    return []


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (other URLs are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDropTarget:
    """Mixin for a QWidget: accept drags that carry local files or web addresses and pass them to
    ``files_arrived``.

    List it before the Qt base class so that its event handlers take precedence.
    """

    def files_arrived(self, paths: list[str]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:
        if dropped_addresses(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = dropped_addresses(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_arrived(paths)
        else:
            event.ignore()
