"""The attribution page: one article, each sentence marked with the source it is credited to.

May import: the standard library, PySide6 (QtCore, QtGui, QtWidgets), ``viewer.core`` (with
``viewer.core.attribution``, ``viewer.core.outlets``, ``viewer.core.kinds`` and the source
hues of ``viewer.core.export.set_html``) and ``viewer.gui.colors``. Must not import: the
windows or the worker.

The article on the left, each sentence tinted by its credited source with a chip "2·P"
(source 2, paraphrased); unattributed sentences plain ("own"). On the right the sources ordered
by the share of the article credited to each, with how many sentences each also has that went
elsewhere; below, the card of the clicked sentence with its runners-up. A source can be pinned
as the primary one (near-ties go to it); double-clicking a source opens its pair view.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer.core.attribution import Attribution, Credit
from viewer.core.export.set_html import SOURCE_HUES
from viewer.core.kinds import KIND_STYLES
from viewer.core.outlets import STRIP_LETTERS
from viewer.gui import colors

ROW_PADDING_PX = 6
ROW_GAP_PX = 3
CHIP_WIDTH_PX = 52
TINT_ALPHA = 70


def source_numbers(attribution: Attribution) -> dict[int, int]:
    """Each source's number as listed: 1 for the largest share."""
    return {s.source: n for n, s in enumerate(attribution.sources, start=1)}


def chip_text(attribution: Attribution, credit: Credit) -> str:
    if credit.reuse is None:
        return "" if credit.reason == "furniture" else "own"
    number = source_numbers(attribution)[credit.reuse.outlet]
    return f"{number}\u00b7{STRIP_LETTERS[credit.reuse.cell.kind]}"


def source_hue(number: int) -> QColor:
    return QColor(SOURCE_HUES[(number - 1) % len(SOURCE_HUES)])


class CreditList(QWidget):
    """The article, one sentence a row, tinted by its credited source, with its chip."""

    sentence_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._attribution: Attribution | None = None
        self._rows: list[QRect] = []
        self._width = -1
        self.selected = -1
        self.setMouseTracking(True)
        self.setAccessibleName("The article, credited sentence by sentence")

    def set_attribution(self, attribution: Attribution | None) -> None:
        self._attribution = attribution
        self._width = -1
        self.selected = -1
        self._layout()
        self.update()

    def _layout(self) -> None:
        width = max(self.width(), 200)
        if width == self._width:
            return
        self._width = width
        self._rows = []
        if self._attribution is None:
            self.setMinimumHeight(0)
            return
        metrics = QFontMetrics(self.font())
        article = self._attribution.article
        text_width = width - CHIP_WIDTH_PX - 2 * ROW_PADDING_PX
        y = 0
        for i in range(len(article.sentences)):
            text = " ".join(article.sentence_text(i).split())
            bound = metrics.boundingRect(
                QRect(0, 0, text_width, 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            height = bound.height() + 2 * ROW_PADDING_PX
            self._rows.append(QRect(0, y, width, height))
            y += height + ROW_GAP_PX
        self.setMinimumHeight(y)

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def row_rect(self, index: int) -> QRect:
        return self._rows[index] if 0 <= index < len(self._rows) else QRect()

    def index_at(self, y: int) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if r.top() <= y <= r.bottom() + ROW_GAP_PX), -1
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        attribution = self._attribution
        if attribution is None:
            return
        painter = QPainter(self)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = colors.muted_text(palette)
        numbers = source_numbers(attribution)
        article = attribution.article
        bold = self.font()
        bold.setBold(True)
        for credit in attribution.credits:
            i = credit.sentence
            rect = self._rows[i]
            if not rect.intersects(event.rect()):
                continue
            chip = QRect(rect.left() + 4, rect.top() + ROW_PADDING_PX, CHIP_WIDTH_PX - 10, 18)
            if credit.reuse is not None:
                hue = source_hue(numbers[credit.reuse.outlet])
                painter.fillRect(rect, colors.with_alpha(hue, TINT_ALPHA))
                painter.setPen(QPen(hue, 2))
            else:
                painter.setPen(QPen(colors.with_alpha(muted, 120), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            if credit.reason != "furniture":
                painter.drawRoundedRect(chip, 8, 8)
            painter.setFont(bold)
            painter.setPen(text_color)
            painter.drawText(
                chip, int(Qt.AlignmentFlag.AlignCenter), chip_text(attribution, credit)
            )
            painter.setFont(self.font())
            painter.setPen(muted if credit.reason == "furniture" else text_color)
            painter.drawText(
                QRect(
                    CHIP_WIDTH_PX,
                    rect.top() + ROW_PADDING_PX,
                    rect.width() - CHIP_WIDTH_PX - ROW_PADDING_PX,
                    rect.height() - 2 * ROW_PADDING_PX,
                ),
                int(Qt.TextFlag.TextWordWrap),
                " ".join(article.sentence_text(i).split()),
            )
            if i == self.selected:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(int(event.position().y()))
        if index >= 0:
            self.selected = index
            self.update()
            self.sentence_clicked.emit(index)


def credit_card_html(attribution: Attribution, sentence: int) -> str:
    """Where one article sentence comes from: the credited source's sentence, why, and the
    other sources that have it."""
    outlet_set = attribution.outlet_set
    credit = attribution.credits[sentence]
    numbers = source_numbers(attribution)
    article = attribution.article
    parts = [
        f"<h3>Sentence {sentence + 1}</h3>"
        f"<p><i>{html.escape(' '.join(article.sentence_text(sentence).split()))}</i></p>"
    ]
    if credit.reuse is None:
        text = (
            "Page furniture: never credited."
            if credit.reason == "furniture"
            else "No source has it: the article's own work."
        )
        return parts[0] + f"<p>{text}</p>"
    why = {
        "best": "the closest kind of reuse, then the highest similarity",
        "primary": "a near-tie, given to the pinned primary source",
        "earliest": "a near-tie, given to the earliest dated source",
    }[credit.reason]
    for label, reuse in [("Credited to", credit.reuse)] + [("Also in", r) for r in credit.also_in]:
        cell = reuse.cell
        comparison = outlet_set.comparisons[reuse.outlet]
        source_text = " ".join(
            " ".join(comparison.source.sentence_text(j).split()) for j in cell.partner
        )
        name = outlet_set.spoke(reuse.outlet).name
        style = KIND_STYLES[cell.kind]
        parts.append(
            f'<p style="margin-top:8px"><b>{label} {numbers[reuse.outlet]}: '
            f'<a href="pair:{reuse.outlet}:{sentence}">{html.escape(name)}</a></b> · '
            f'<span style="color:{style.strong}">■</span> {html.escape(style.label.lower())}, '
            f"{round(cell.similarity * 100)}% alike"
            + (f" ({why})" if reuse is credit.reuse else "")
            + f"<br>{html.escape(source_text)}</p>"
        )
    return "".join(parts)


class AttributionView(QWidget):
    """The credited article beside the source list, the sentence card below."""

    open_pair = Signal(int, int)  # source, article sentence
    pin_requested = Signal(object)  # the source's name, or None to unpin

    SOURCE_COLUMNS = (
        "#",
        "Source",
        "Date",
        "Credited",
        "Sentences",
        "Also has, credited elsewhere",
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._attribution: Attribution | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.credits = CreditList()
        self.credit_scroll = QScrollArea()
        self.credit_scroll.setWidget(self.credits)
        self.credit_scroll.setWidgetResizable(True)
        self.sources = QTableWidget(0, len(self.SOURCE_COLUMNS))
        self.sources.setHorizontalHeaderLabels(list(self.SOURCE_COLUMNS))
        self.sources.verticalHeader().hide()
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sources.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sources.horizontalHeader().setStretchLastSection(True)
        self.sources.setColumnWidth(0, 36)
        self.sources.setColumnWidth(1, 220)
        self.sources.setAccessibleName("Sources by share of the article")
        self.sources.cellDoubleClicked.connect(self._on_source_double_clicked)
        self.pin_button = QPushButton("&Pin as Primary Source")
        self.pin_button.setToolTip("Near-ties go to the pinned source (the wire, the release)")
        self.pin_button.clicked.connect(self._pin)
        self.unpin_button = QPushButton("&Unpin")
        self.unpin_button.clicked.connect(lambda: self.pin_requested.emit(None))
        self.own_label = QLabel()
        self.card = QTextBrowser()
        self.card.setOpenLinks(False)
        self.card.anchorClicked.connect(self._on_anchor)
        self.card.setPlaceholderText("Click a sentence to see where it comes from.")
        self.credits.sentence_clicked.connect(self.show_sentence)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pin_button)
        buttons.addWidget(self.unpin_button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_label)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.sources, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.credit_scroll)
        top.addWidget(right)
        top.setSizes([640, 560])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.card)
        split.setSizes([600, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)

    def attribution(self) -> Attribution | None:
        return self._attribution

    def set_attribution(self, attribution: Attribution | None) -> None:
        self._attribution = attribution
        self.credits.set_attribution(attribution)
        self.card.clear()
        self.sources.setRowCount(0)
        if attribution is None:
            self.title.setText("")
            return
        outlet_set = attribution.outlet_set
        count = len(outlet_set.comparisons)
        self.title.setText(
            f"{attribution.article.name} credited among {count} source{'s' * (count != 1)}"
        )
        self.sources.setRowCount(len(attribution.sources))
        for row, share in enumerate(attribution.sources):
            name = outlet_set.spoke(share.source).name
            if share.source == attribution.primary:
                name += " (primary)"
            values = (
                str(row + 1),
                name,
                outlet_set.dates[share.source] or "",
                f"{share.share:.0%}",
                str(share.sentences),
                str(share.also_matches),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, share.source)
                if column == 0:
                    item.setBackground(colors.with_alpha(source_hue(row + 1), TINT_ALPHA * 2))
                self.sources.setItem(row, column, item)
        self.own_label.setText(f"{attribution.unattributed_share:.0%} the article's own")
        self.unpin_button.setEnabled(attribution.primary is not None)

    def show_sentence(self, sentence: int) -> None:
        if self._attribution is None:
            return
        self.credits.selected = sentence
        self.credits.update()
        self.card.setHtml(credit_card_html(self._attribution, sentence))

    def selected_source(self) -> int:
        item = self.sources.item(self.sources.currentRow(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else -1

    def _pin(self) -> None:
        source = self.selected_source()
        if self._attribution is not None and source >= 0:
            self.pin_requested.emit(self._attribution.outlet_set.spoke(source).name)

    def _on_source_double_clicked(self, row: int, _column: int) -> None:
        item = self.sources.item(row, 0)
        if item is not None:
            self.open_pair.emit(int(item.data(Qt.ItemDataRole.UserRole)), -1)

    def _on_anchor(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 3 and parts[0] == "pair":
            self.open_pair.emit(int(parts[1]), int(parts[2]))


__all__ = ["AttributionView", "CreditList", "credit_card_html", "source_numbers"]
