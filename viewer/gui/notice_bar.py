"""A dismissible message strip at the top of the window: the app's non-modal way to speak up.

May import: the standard library and PySide6 (QtCore, QtGui, QtWidgets). Must not import:
``viewer.core`` or other ``viewer.gui`` modules. A bad drop or an unreadable file is reported
here instead of in a modal dialog, so the user keeps working (and a test never waits on a
dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton, QWidget

LEVELS = ("info", "warning", "error")
ICON_SIZE_PX = 16

# (background, border) per level, for a light and a dark window palette
_COLOURS_LIGHT = {
    "info": ("#e4eefa", "#9dbbe0"),
    "warning": ("#fff3d1", "#e3c46e"),
    "error": ("#fbe1df", "#de9a94"),
}
_COLOURS_DARK = {
    "info": ("#1f3248", "#3d5f86"),
    "warning": ("#463816", "#7d6421"),
    "error": ("#4d2220", "#8c3b35"),
}
_ICONS = {
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class NoticeBar(QFrame):
    """One message at a time, with optional action buttons and a close button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NoticeBar")
        self._level = "info"
        self._icon = QLabel(self)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._close = QToolButton(self)
        self._close.setAutoRaise(True)
        self._close.setText("✕")
        self._close.setToolTip("Dismiss this message")
        self._close.setAccessibleName("Dismiss")
        self._close.clicked.connect(self.dismiss)
        self._buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 5, 6, 5)
        self._layout.setSpacing(8)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self._label, 1)
        self._layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self,
        text: str,
        level: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
    ) -> None:
        """Replace the current message; ``actions`` are (button label, callback) pairs."""
        if level not in LEVELS:
            raise ValueError(f"unknown notice level {level!r}; expected one of {LEVELS}")
        self._level = level
        self._label.setText(text)
        self._icon.setPixmap(
            self.style().standardIcon(_ICONS[level]).pixmap(ICON_SIZE_PX, ICON_SIZE_PX)
        )
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for position, (label, callback) in enumerate(actions or ()):
            button = QPushButton(label, self)
            button.clicked.connect(callback)
            self._layout.insertWidget(2 + position, button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._buttons.append(button)
        self._apply_colours()
        self.show()

    def dismiss(self) -> None:
        if self.isVisible() or self._label.text():
            self.hide()
            self._label.clear()
            self.dismissed.emit()

    def text(self) -> str:
        return self._label.text() if not self.isHidden() else ""

    def level(self) -> str:
        return self._level

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background, border = (_COLOURS_DARK if dark else _COLOURS_LIGHT)[self._level]
        stylesheet = (
            f"#NoticeBar {{ background: {background}; border: none; "
            f"border-bottom: 1px solid {border}; }}"
        )
        if self.styleSheet() != stylesheet:  # setting a style sheet sends a PaletteChange again
            self.setStyleSheet(stylesheet)
