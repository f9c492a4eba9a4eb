"""Help ▸ Reading the Comparison: what each figure counts, the kinds, the link bar and rulers.

May import: the standard library, PySide6 and ``viewer.resources``. Must not import: the main
window. The page is ``resources/help/reading.md``, the same text as the README's "Reading the
result" section (a test keeps them equal), so the app and its documentation never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from viewer.resources import resource_path

READING_TITLE = "Reading the Comparison"


def reading_markdown() -> str:
    """The page's Markdown; a short notice when the installation lost it."""
    try:
        return resource_path("help", "reading.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"The help page could not be read ({exc}). See the README's 'Reading the result'."


class ReadingDialog(QDialog):
    """A short, scrollable page; non-modal, so the reader can keep it beside the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(READING_TITLE)
        self.setObjectName("readingDialog")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("readingText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(reading_markdown())
        self.browser.setAccessibleName(READING_TITLE)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:
        return QSize(620, 640)
