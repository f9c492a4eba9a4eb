"""Find in both texts: the bar under the panes and the search over a pane's document.

May import: the standard library, PySide6 and ``viewer.core``. Must not import: the main window,
the worker, settings or the comparison view (the view drives the bar through its signals).

The bar searches as the user types (after a short pause), with case and whole-word options;
it shows how many hits each side has ("2 in source · 1 in rewrite"). Enter / F3 go to the next
hit, Shift+Enter / Shift+F3 to the previous one, across both panes; Esc closes the bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.core.model import SIDES, Side

FIND_DEBOUNCE_MS = 120
"""Typing pauses this long before the texts are searched again."""
MAX_HITS_PER_SIDE = 10_000
"""Beyond this many hits in one pane, the rest are counted as "10,000+" and not marked."""
NO_MATCH_STYLE = "QLineEdit { background: #f6c9c4; color: #000; }"


@dataclass(frozen=True)
class Hit:
    """One match: ``[start, end)`` in the pane's document positions (UTF-16 units)."""

    side: Side
    start: int
    end: int


@dataclass(frozen=True)
class Query:
    text: str
    case_sensitive: bool = False
    whole_words: bool = False


def find_hits(document: QTextDocument, side: Side, query: Query) -> list[Hit]:
    """Every match of ``query`` in ``document``, in order, at most ``MAX_HITS_PER_SIDE``."""
    if not query.text:
        return []
    flags = QTextDocument.FindFlag(0)
    if query.case_sensitive:
        flags |= QTextDocument.FindFlag.FindCaseSensitively
    if query.whole_words:
        flags |= QTextDocument.FindFlag.FindWholeWords
    hits: list[Hit] = []
    cursor = QTextCursor(document)
    while len(hits) < MAX_HITS_PER_SIDE:
        cursor = document.find(query.text, cursor, flags)
        if cursor.isNull():
            break
        hits.append(Hit(side, cursor.selectionStart(), cursor.selectionEnd()))
        if cursor.selectionEnd() == cursor.selectionStart():  # never loop on an empty match
            break
    return hits


def count_text(hits: list[Hit]) -> str:
    """ "2 in source · 1 in rewrite", or "No matches"."""
    if not hits:
        return "No matches"
    parts = []
    for side in SIDES:
        n = sum(1 for hit in hits if hit.side is side)
        shown = f"{n:,}+" if n >= MAX_HITS_PER_SIDE else f"{n:,}"
        parts.append(f"{shown} in {side.label}")
    return " · ".join(parts)


def _tool_button(text: str, tip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(name)
    return button


class FindBar(QWidget):
    """The find bar: a field, case and whole-word options, previous/next, the hit counts."""

    search_changed = Signal()  # the query changed (after the typing pause)
    step_requested = Signal(bool)  # backward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(6)
        self.side_label = QLabel("Find in both texts:")
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in the source and the rewrite")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find text")
        self.edit.installEventFilter(self)
        self.case_box = QCheckBox("Match &case")
        self.case_box.setToolTip("Only matches with the same capital and small letters")
        self.word_box = QCheckBox("&Whole words")
        self.word_box.setToolTip("Only matches that are whole words, not parts of longer ones")
        self.previous_button = _tool_button("▲", "Previous match (Shift+F3)", "Previous match")
        self.next_button = _tool_button("▼", "Next match (F3)", "Next match")
        self.close_button = _tool_button("✕", "Close (Esc)", "Close find bar")
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        layout.addWidget(self.side_label)
        layout.addWidget(self.edit, 1)
        for button in (
            self.previous_button,
            self.next_button,
            self.case_box,
            self.word_box,
            self.status,
        ):
            layout.addWidget(button)
        layout.addStretch(0)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIND_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_changed)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.case_box.toggled.connect(lambda _on: self.search_now())
        self.word_box.toggled.connect(lambda _on: self.search_now())
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(True))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(False))
        self.close_button.clicked.connect(self.close_bar)

    def query(self) -> Query:
        return Query(self.edit.text(), self.case_box.isChecked(), self.word_box.isChecked())

    def search_now(self) -> None:
        """Search at once, without waiting for the typing pause."""
        self._timer.stop()
        self.search_changed.emit()

    def is_search_pending(self) -> bool:
        return self._timer.isActive()

    def set_status(self, text: str, no_match: bool = False) -> None:
        self.status.setText(text)
        self.edit.setProperty("noMatch", no_match)
        self.edit.setStyleSheet(NO_MATCH_STYLE if no_match else "")

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.set_status("")
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
                event.accept()  # Esc closes the bar here, not a window shortcut
                return True
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.search_now()
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.step_requested.emit(shift)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
