"""The one-line banner over the sample comparison: what it is, and how to open your own.

May import: PySide6. Must not import: the main window or ``viewer.core``. The window decides
when the samples are on screen and what "open your own" does; the banner only shows and asks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

SAMPLE_TEXT = (
    "An AFP wire story and a machine-spun copy of it; hover a sentence, F7 for the next change."
)
OPEN_OWN_TEXT = "Drop two files here to compare your own."
OPEN_OWN_BUTTON = "Open Your Own…"


class SampleBanner(QFrame):
    """Says what the sample comparison is; "Open Your Own…" asks the window to start one."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 3, 6, 3)
        layout.setSpacing(8)
        self.label = QLabel(f"<b>Sample:</b> {SAMPLE_TEXT} {OPEN_OWN_TEXT}")
        self.label.setObjectName("sampleBannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.open_button = QPushButton(OPEN_OWN_BUTTON)
        self.open_button.setObjectName("sampleOpenButton")
        self.open_button.setToolTip("Choose the source article, then the rewrite")
        self.open_button.clicked.connect(self.open_requested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close")
        self.close_button.setAccessibleName("Close the sample banner")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        self.setAccessibleName(f"Sample comparison: {SAMPLE_TEXT}")
        self.hide()

    def text(self) -> str:
        return self.label.text()
