"""Asking what to compare: File ▸ New Comparison (both sides, one run) and File ▸ Open URL.

May import: the standard library, PySide6, ``viewer.core`` and ``viewer.gui.request``. Must not
import: the main window, the worker or settings. The dialogs only collect what the user chose,
as ``SideInput``s; the window decides what to do with them. Nothing is loaded here: a file is
read and a page fetched by the worker, off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core import MAX_FILE_BYTES, SIDES, SUPPORTED_EXTENSIONS, Side
from viewer.core.fetch import is_url
from viewer.gui.request import SideInput

FIELD_MIN_WIDTH_PX = 420


@dataclass(frozen=True)
class Pasted:
    """What the clipboard held when Paste was pressed: its text and its HTML flavour, if any."""

    text: str
    html: str | None = None


def clipboard_contents() -> Pasted | None:
    """The clipboard's text (and HTML flavour); None when it holds no text at all."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    text = mime.text() if mime.hasText() else ""
    html = mime.html() if mime.hasHtml() else None
    if not text.strip() and not (html and html.strip()):
        return None
    return Pasted(text, html if html and html.strip() else None)


def clipboard_problem(pasted: Pasted | None) -> str:
    """Why the clipboard cannot be used as an article ("" when it can)."""
    if pasted is None:
        return (
            "The clipboard holds no text. Copy the article in your browser or editor first, "
            "then paste it here."
        )
    size = max(len(pasted.text), len(pasted.html or ""))
    if size > MAX_FILE_BYTES:  # the same limit as a file: beyond it nobody reads a comparison
        return (
            f"The clipboard holds {size / 1e6:.0f} million characters; Source Compare takes at "
            f"most {MAX_FILE_BYTES / 1e6:.0f} million. Paste a shorter text."
        )
    return ""


def pasted_input(side: Side, pasted: Pasted) -> SideInput:
    """A pasted article: its HTML flavour cleaned as a page when there is one, else its text."""
    name = f"Pasted {side.label}"
    if pasted.html is not None:
        return SideInput.from_html(pasted.html, name, pasted.text)
    return SideInput.from_text(pasted.text, name)


def file_filter() -> str:
    patterns = " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
    return f"Articles ({patterns});;All files (*)"


class _SideField(QWidget):
    """One side of the New Comparison dialog: a file or an address typed, browsed or pasted."""

    def __init__(self, side: Side, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self._folder = folder
        self._pasted: Pasted | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{side}Field")
        self.edit.setPlaceholderText("A file, or a web address (https://…)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(FIELD_MIN_WIDTH_PX)
        self.edit.setAccessibleName(f"{side.label.capitalize()}: file or web address")
        self.edit.textEdited.connect(self._typed)
        self.browse_button = QPushButton("Browse…", self)
        self.browse_button.setToolTip(f"Choose the {side.label} file")
        self.browse_button.clicked.connect(self.browse)
        self.paste_button = QPushButton("Paste", self)
        self.paste_button.setToolTip(f"Use the article on the clipboard as the {side.label}")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 0, 0)
        layout.addWidget(self.browse_button, 0, 1)
        layout.addWidget(self.paste_button, 0, 2)

    def set_input(self, item: SideInput | None) -> None:
        self._pasted = None
        self.edit.setReadOnly(False)
        if item is None:
            self.edit.clear()
        elif item.address:
            self.edit.setText(item.address)
        elif item.document is not None:  # pasted earlier: kept as it is
            self._pasted = Pasted(item.document.text)
            self._show_pasted(item.document.word_count)
        elif item.text is not None or item.html is not None:
            self._pasted = Pasted(item.text or "", item.html)
            self._show_pasted(len((item.text or item.html or "").split()))

    def _show_pasted(self, words: int) -> None:
        self.edit.setText(f"Pasted text ({words:,} words)")
        self.edit.setReadOnly(True)

    def _typed(self, _text: str) -> None:
        self._pasted = None

    def browse(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, f"Choose the {self.side.label.capitalize()}", self._folder, file_filter()
        )
        if path:
            self._pasted = None
            self.edit.setReadOnly(False)
            self.edit.setText(path)

    def paste(self) -> str:
        """Take the clipboard: an address goes into the field, an article is kept as pasted."""
        pasted = clipboard_contents()
        if pasted is not None and is_url(pasted.text) and "\n" not in pasted.text.strip():
            self._pasted = None
            self.edit.setReadOnly(False)
            self.edit.setText(pasted.text.strip())
            return ""
        problem = clipboard_problem(pasted)
        if problem or pasted is None:
            return problem
        self._pasted = pasted
        self._show_pasted(len(pasted.text.split()))
        return ""

    def clear(self) -> None:
        self.set_input(None)

    def choice(self) -> tuple[SideInput | None, str]:
        """What this field asks for, or None and the reason it cannot be used."""
        label = self.side.label.capitalize()
        if self._pasted is not None:
            return pasted_input(self.side, self._pasted), ""
        value = self.edit.text().strip()
        if not value:
            return None, f"{label}: choose a file, type a web address or paste the article."
        if is_url(value):
            return SideInput.from_url(value), ""
        if "://" in value:
            return None, f"{label}: only web addresses starting with http:// or https:// are read."
        path = Path(value).expanduser()
        if path.is_dir():
            return None, f"{label}: “{path.name}” is a folder; choose a file."
        if not path.is_file():
            return None, f"{label}: there is no file “{value}”."
        return SideInput.from_path(path), ""


class NewComparisonDialog(QDialog):
    """Both sides chosen at once, compared in one run when the user presses Compare."""

    def __init__(
        self,
        current: dict[Side, SideInput | None],
        folder: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("New Comparison")
        self._chosen: dict[Side, SideInput] = {}
        self.fields = {side: _SideField(side, folder, self) for side in SIDES}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        hints = {
            Side.SOURCE: "The original article (left)",
            Side.REWRITE: "The article made from it (right)",
        }
        for side in SIDES:
            label = QLabel(f"&{side.label.capitalize()}:", self)
            label.setBuddy(self.fields[side].edit)
            label.setToolTip(hints[side])
            form.addRow(label, self.fields[side])
            self.fields[side].set_input(current.get(side))
        intro = QLabel(
            "For each side, choose a file, type or paste a web address, or paste the "
            "article's text.",
            self,
        )
        intro.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("newComparisonMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.compare_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.compare_button.setText("&Compare")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for field in self.fields.values():
            field.paste_button.clicked.connect(lambda _c=False, f=field: self._pasted(f))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        empty = next((s for s in SIDES if not self.fields[s].edit.text()), Side.SOURCE)
        self.fields[empty].edit.setFocus()

    def _pasted(self, field: _SideField) -> None:
        self._show_message(field.paste())

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        chosen, problems = {}, []
        for side in SIDES:
            item, problem = self.fields[side].choice()
            if item is None:
                problems.append(problem)
            else:
                chosen[side] = item
        if problems:
            self._show_message("\n".join(problems))
            return
        self._chosen = chosen
        super().accept()

    def choice(self, side: Side) -> SideInput | None:
        """What the user chose for ``side`` (after Compare)."""
        return self._chosen.get(side)


class OpenUrlDialog(QDialog):
    """File ▸ Open URL: a web address, and which side it becomes."""

    def __init__(self, side: Side, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Open Web Address")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("urlField")
        self.edit.setPlaceholderText("https://…")
        self.edit.setMinimumWidth(FIELD_MIN_WIDTH_PX)
        self.edit.setClearButtonEnabled(True)
        self.edit.setText(text)
        self.side_box = QComboBox(self)
        for each in SIDES:
            self.side_box.addItem(
                f"the {each.label} ({'left' if each is Side.SOURCE else 'right'})"
            )
        self.side_box.setCurrentIndex(SIDES.index(side))
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Address:", self.edit)
        form.addRow("&Open as:", self.side_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def url(self) -> str:
        return self.edit.text().strip()

    def side(self) -> Side:
        return SIDES[self.side_box.currentIndex()]

    def accept(self) -> None:
        if not is_url(self.url()):
            self.message.setText("Type a web address that starts with http:// or https://.")
            self.message.show()
            return
        super().accept()
