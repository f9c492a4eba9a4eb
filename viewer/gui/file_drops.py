"""Accepting local files dropped from a file manager: one behaviour for every drop target.

May import: PySide6 (QtGui types only through the events it is given). Must not import: other
``viewer`` modules. What a drop means (which side, is the file usable) is the window's decision.
"""

from __future__ import annotations


def local_file_paths(mime) -> list[str]:
    """The local files a drag carries (other URLs are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDropTarget:
    """Mixin for a QWidget: accept drags that carry local files and pass them to ``files_arrived``.

    List it before the Qt base class so that its event handlers take precedence.
    """

    def files_arrived(self, paths: list[str]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:
        if local_file_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = local_file_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_arrived(paths)
        else:
            event.ignore()
