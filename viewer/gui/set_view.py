"""The first page of a set: the reuse map, the outlet table with sentence strips, the histogram
of outlets by reused share, and the sentence card.

May import: the standard library, PySide6 (QtCore, QtGui, QtWidgets), ``viewer.core`` (with
``viewer.core.outlets`` and ``viewer.core.kinds``), ``viewer.gui.colors`` and
``viewer.gui.summary_strip``. Must not
import: the main window, the set window or the worker: the view shows an ``OutletSet`` and
says what the user asked for with signals (``open_pair``).

Hovering a source sentence highlights its column in every strip, and hovering a strip cell the
sentence; clicking either shows its card. Up/Down move between outlets, Left/Right between
sentences; double-clicking an outlet row, a strip cell or a variant asks for the pair view.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer.core import LINKED_KINDS, Kind
from viewer.core.kinds import KIND_STYLES
from viewer.core.outlets import Cell, OutletSet, group_outlets
from viewer.gui import colors
from viewer.gui.summary_strip import rewrite_segments

MAP_PADDING_PX = 6
MAP_GAP_PX = 3
MAP_NUMBER_WIDTH_PX = 28
MAP_BADGE_WIDTH_PX = 54
MAP_BAR_HEIGHT_PX = 5
DENSITY_RULER_WIDTH_PX = 14
REUSE_HUE = QColor("#0072b2")
DENSITY_ALPHA_MIN, DENSITY_ALPHA_MAX = 12, 120  # tint alpha of a sentence reused by none / all
HISTOGRAM_BINS = 10
HISTOGRAM_HEIGHT_PX = 74
STRIP_CELL_MAX_PX = 12
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OUTLET_ROLE = Qt.ItemDataRole.UserRole + 2


def _reused_label(kind: Kind) -> str:
    return KIND_STYLES[kind].label.lower()


# The reuse map --------------------------------------------------------------------------------


class ReuseMap(QWidget):
    """The source, one sentence a row, tinted by how many outlets reused it, with its badge
    ("3/4") and a bar splitting those outlets by kind; page furniture muted."""

    sentence_hovered = Signal(int)  # -1 when the pointer leaves
    sentence_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self._set: OutletSet | None = None
        self._rows: list[QRect] = []
        self._text_rects: list[QRect] = []
        self._laid_out_width = -1
        self.highlighted = -1
        self.selected = -1
        self.setAccessibleName("Reuse map")

    def set_outlet_set(self, outlet_set: OutletSet | None) -> None:
        self._set = outlet_set
        self.highlighted = self.selected = -1
        self._laid_out_width = -1
        self._layout()
        self.update()

    def row_rect(self, index: int) -> QRect:
        return self._rows[index] if 0 <= index < len(self._rows) else QRect()

    def row_count(self) -> int:
        return len(self._rows)

    def _layout(self) -> None:
        width = max(self.width(), 200)
        if width == self._laid_out_width:
            return
        self._laid_out_width = width
        self._rows, self._text_rects = [], []
        if self._set is None:
            self.setMinimumHeight(0)
            return
        metrics = QFontMetrics(self.font())
        hub = self._set.hub
        text_width = width - MAP_NUMBER_WIDTH_PX - MAP_BADGE_WIDTH_PX - 2 * MAP_PADDING_PX
        y = 0
        for i in range(len(hub.sentences)):
            text = " ".join(hub.sentence_text(i).split())
            bound = metrics.boundingRect(
                QRect(0, 0, text_width, 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            height = bound.height() + 2 * MAP_PADDING_PX + MAP_BAR_HEIGHT_PX + 2
            self._rows.append(QRect(0, y, width, height))
            self._text_rects.append(
                QRect(
                    MAP_NUMBER_WIDTH_PX + MAP_PADDING_PX,
                    y + MAP_PADDING_PX,
                    text_width,
                    bound.height(),
                )
            )
            y += height + MAP_GAP_PX
        self.setMinimumHeight(y)

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(420, max(self.minimumHeight(), 200))

    def index_at(self, y: int) -> int:
        for i, rect in enumerate(self._rows):
            if rect.top() <= y <= rect.bottom() + MAP_GAP_PX:
                return i
        return -1

    def density_color(self, index: int) -> QColor:
        assert self._set is not None
        row = self._set.sentences[index]
        share = row.count / row.spokes if row.spokes else 0.0
        alpha = DENSITY_ALPHA_MIN + (DENSITY_ALPHA_MAX - DENSITY_ALPHA_MIN) * share
        return colors.with_alpha(REUSE_HUE, int(alpha))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._set is None:
            return
        painter = QPainter(self)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = colors.muted_text(palette)
        hub = self._set.hub
        visible = event.rect()
        bold = self.font()
        bold.setBold(True)
        for i, rect in enumerate(self._rows):
            if not rect.intersects(visible):
                continue
            row = self._set.sentences[i]
            if row.boilerplate:
                painter.fillRect(rect, colors.with_alpha(muted, 30))
            else:
                painter.fillRect(rect, self.density_color(i))
            painter.setFont(self.font())
            painter.setPen(muted)
            painter.drawText(
                QRect(rect.left() + 4, rect.top() + MAP_PADDING_PX, MAP_NUMBER_WIDTH_PX - 6, 20),
                int(Qt.AlignmentFlag.AlignLeft),
                str(i + 1),
            )
            painter.setPen(muted if row.boilerplate else text_color)
            painter.drawText(
                self._text_rects[i],
                int(Qt.TextFlag.TextWordWrap),
                " ".join(hub.sentence_text(i).split()),
            )
            if not row.boilerplate:
                painter.setFont(bold)
                painter.setPen(text_color)
                painter.drawText(
                    QRect(
                        rect.right() - MAP_BADGE_WIDTH_PX,
                        rect.top() + MAP_PADDING_PX,
                        MAP_BADGE_WIDTH_PX - MAP_PADDING_PX,
                        20,
                    ),
                    int(Qt.AlignmentFlag.AlignRight),
                    row.badge,
                )
                bar = QRectF(
                    MAP_NUMBER_WIDTH_PX + MAP_PADDING_PX,
                    rect.bottom() - MAP_BAR_HEIGHT_PX - 2,
                    rect.width() - MAP_NUMBER_WIDTH_PX - 2 * MAP_PADDING_PX,
                    MAP_BAR_HEIGHT_PX,
                )
                painter.fillRect(bar, colors.with_alpha(text_color, 25))
                x = bar.left()
                for kind, n in row.counts_by_kind().items():
                    if n and row.spokes:
                        w = bar.width() * n / row.spokes
                        painter.fillRect(QRectF(x, bar.top(), w, bar.height()), colors.strong(kind))
                        x += w
            if i in (self.highlighted, self.selected):
                pen = QPen(palette.color(QPalette.ColorRole.Highlight))
                pen.setWidth(3 if i == self.selected else 2)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    def set_highlighted(self, index: int) -> None:
        if index != self.highlighted:
            self.highlighted = index
            self.update()

    def set_selected(self, index: int) -> None:
        if index != self.selected:
            self.selected = index
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(int(event.position().y()))
        if index != self.highlighted:
            self.set_highlighted(index)
            self.sentence_hovered.emit(index)
        if index >= 0 and self._set is not None:
            row = self._set.sentences[index]
            if row.boilerplate:
                self.setToolTip("Page furniture: not part of the article")
            else:
                kinds = ", ".join(
                    f"{n} {_reused_label(k)}" for k, n in row.counts_by_kind().items() if n
                )
                self.setToolTip(
                    f"Sentence {index + 1}: reused by {row.count} of {row.spokes} outlets"
                    + (f" ({kinds})" if kinds else "")
                )

    def leaveEvent(self, event) -> None:
        self.set_highlighted(-1)
        self.sentence_hovered.emit(-1)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(int(event.position().y()))
        if index >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(index)
            self.sentence_clicked.emit(index)


class DensityRuler(QWidget):
    """Beside the map's scrollbar: reuse along the article, darker where more outlets reused
    it; a click scrolls the map there."""

    jump_requested = Signal(int)  # a y position in the map

    def __init__(self, reuse_map: ReuseMap, parent: QWidget | None = None):
        super().__init__(parent)
        self._map = reuse_map
        self.setFixedWidth(DENSITY_RULER_WIDTH_PX)
        self.setToolTip("Reuse along the article; click to go there")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        total = max(self._map.minimumHeight(), 1)
        scale = self.height() / total
        for i in range(self._map.row_count()):
            rect = self._map.row_rect(i)
            top = int(rect.top() * scale)
            height = max(1, int(rect.height() * scale))
            painter.fillRect(0, top, self.width(), height, self._map.density_color(i))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        total = max(self._map.minimumHeight(), 1)
        self.jump_requested.emit(int(event.position().y() / max(self.height(), 1) * total))


# The outlet table -----------------------------------------------------------------------------


class OutletTableModel(QAbstractTableModel):
    """One row per outlet: name, date, rewrite shares, source carried, verdict, strip, and a
    hidden column holding the position in the "similar outlets together" order. The date can
    be typed in (``date_edited``)."""

    date_edited = Signal(int, str)  # outlet, the text typed

    COLUMNS = ("Outlet", "Date", "Rewrite", "Carried", "Verdict", "Sentence strip", "")
    NAME, DATE, SHARES, CARRIED, VERDICT, STRIP, GROUP = range(7)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.outlet_set: OutletSet | None = None
        self._group_position: list[int] = []

    def set_outlet_set(self, outlet_set: OutletSet | None) -> None:
        self.beginResetModel()
        self.outlet_set = outlet_set
        self._group_position = []
        if outlet_set is not None:
            order = group_outlets(outlet_set).order
            position = [0] * len(order)
            for rank, k in enumerate(order):
                position[k] = rank
            self._group_position = position
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return (
            0 if parent.isValid() or self.outlet_set is None else len(self.outlet_set.comparisons)
        )

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DATE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: object, role: int = 2
    ) -> bool:
        if not index.isValid() or index.column() != self.DATE or role != Qt.ItemDataRole.EditRole:
            return False
        self.date_edited.emit(index.row(), str(value))
        return True

    def has_verdicts(self) -> bool:
        s = self.outlet_set
        return s is not None and any(getattr(c.summary, "verdict", "") for c in s.comparisons)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        s = self.outlet_set
        if s is None or not index.isValid():
            return None
        k, column = index.row(), index.column()
        if role == OUTLET_ROLE:
            return k
        comparison = s.comparisons[k]
        share = s.reused_share(k)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return s.spoke(k).name
            if column == self.DATE:
                return s.dates[k] or ""
            if column == self.CARRIED:
                return f"{share:.0%}"
            if column == self.VERDICT:
                return getattr(comparison.summary, "verdict", "") or ""
            return None
        if role == SORT_ROLE:
            values: list[object] = [
                s.spoke(k).name.lower(),
                s.dates[k] or "",
                comparison.summary.rewrite_new,
                share,
                getattr(comparison.summary, "verdict", "") or "",
                s.strip_text(k),
                self._group_position[k],
            ]
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.SHARES:
                return "\n".join(d for _s, _c, d in rewrite_segments(comparison))
            if column == self.NAME:
                return "Double-click to open this outlet's comparison with the source"
            if column == self.CARRIED:
                return "The share of the source's words this outlet reused"
            if column == self.DATE:
                return "When the outlet published it (YYYY-MM-DD); double-click to type it in"
            if column == self.STRIP:
                return s.strip_text(k) + "\nOne cell per source sentence; double-click to open"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CARRIED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OutletFilter(QSortFilterProxyModel):
    """Sorts by the model's sort values, and hides outlets that reused less than ``threshold``."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.threshold = 0.0

    def set_threshold(self, value: float) -> None:
        # Qt 6.9 replaced invalidateFilter() by a begin/end pair; older Qt has only the former.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.threshold = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.threshold = value
            self.invalidateFilter()

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OutletTableModel)
        if model.outlet_set is None:
            return False
        return model.outlet_set.reused_share(source_row) >= self.threshold - 1e-9


class ShareBarDelegate(QStyledItemDelegate):
    def __init__(self, table: OutletTable):
        super().__init__(table)
        self._table = table

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        s = self._table.outlet_set()
        if s is None:
            return
        k = index.data(OUTLET_ROLE)
        rect = QRectF(option.rect).adjusted(4, option.rect.height() * 0.3, -4, 0)
        rect.setHeight(option.rect.height() * 0.4)
        segments = rewrite_segments(s.comparisons[k])
        total = sum(seg[0] for seg in segments) or 1.0
        x = rect.left()
        for share, color, _desc in segments:
            w = rect.width() * share / total
            painter.fillRect(QRectF(x, rect.top(), w, rect.height()), color)
            x += w


class StripDelegate(QStyledItemDelegate):
    """One small cell per source sentence, coloured by kind, empty when not reused; a moved
    sentence has a bar under its cell, a changed fact a dot; the hovered column is outlined."""

    def __init__(self, table: OutletTable):
        super().__init__(table)
        self._table = table

    def cell_rects(self, rect: QRect, count: int) -> list[QRectF]:
        if count == 0:
            return []
        width = min(STRIP_CELL_MAX_PX, (rect.width() - 8) / count)
        top = rect.top() + rect.height() * 0.2
        height = rect.height() * 0.6
        return [
            QRectF(rect.left() + 4 + i * width, top, max(width - 1, 1), height)
            for i in range(count)
        ]

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        s = self._table.outlet_set()
        if s is None:
            return
        k = index.data(OUTLET_ROLE)
        row: Sequence[Cell] = s.matrix[k]
        furniture = s.hub.boilerplate
        palette = option.palette
        line = colors.with_alpha(palette.color(QPalette.ColorRole.Text), 70)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        for i, cell_rect in enumerate(self.cell_rects(option.rect, len(row))):
            cell = row[i]
            if i in furniture:
                pass
            elif cell.reused:
                painter.fillRect(cell_rect, colors.strong(cell.kind))
                if cell.moved:
                    painter.fillRect(
                        QRectF(cell_rect.left(), cell_rect.bottom() + 1, cell_rect.width(), 2),
                        palette.color(QPalette.ColorRole.Text),
                    )
                if cell.facts:
                    painter.setBrush(QColor("#ffffff"))
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.drawEllipse(cell_rect.center(), 2, 2)
            else:
                painter.setPen(line)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(cell_rect.adjusted(0, 0, -1, -1))
            if i in (self._table.highlighted_sentence, self._table.selected_sentence):
                pen = QPen(highlight)
                pen.setWidth(2)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(cell_rect.adjusted(-1, -2, 1, 2))


class OutletTable(QTableView):
    """The outlet table; says which sentence a strip cell under the pointer stands for."""

    sentence_hovered = Signal(int)
    sentence_clicked = Signal(int)
    outlet_activated = Signal(int, int)  # outlet, source sentence (-1: the first reused)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table_model = OutletTableModel(self)
        self.proxy = OutletFilter(self)
        self.proxy.setSourceModel(self.table_model)
        self.setModel(self.proxy)
        self.highlighted_sentence = -1
        self.selected_sentence = -1
        self.strip_delegate = StripDelegate(self)
        self.setItemDelegateForColumn(OutletTableModel.SHARES, ShareBarDelegate(self))
        self.setItemDelegateForColumn(OutletTableModel.STRIP, self.strip_delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSortingEnabled(True)
        self.setMouseTracking(True)
        self.verticalHeader().hide()
        self.setColumnHidden(OutletTableModel.GROUP, True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(OutletTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OutletTableModel.STRIP, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(OutletTableModel.NAME, 170)
        self.setColumnWidth(OutletTableModel.DATE, 84)
        self.setColumnWidth(OutletTableModel.SHARES, 90)
        self.setColumnWidth(OutletTableModel.CARRIED, 64)
        self.setAccessibleName("Outlets")
        self.doubleClicked.connect(self._on_double_clicked)

    def outlet_set(self) -> OutletSet | None:
        return self.table_model.outlet_set

    def set_outlet_set(self, outlet_set: OutletSet | None) -> None:
        self.table_model.set_outlet_set(outlet_set)
        self.setColumnHidden(OutletTableModel.VERDICT, not self.table_model.has_verdicts())
        self.setColumnHidden(OutletTableModel.GROUP, True)

    def outlet_at_row(self, row: int) -> int:
        return int(self.proxy.index(row, 0).data(OUTLET_ROLE))

    def visible_outlets(self) -> list[int]:
        return [self.outlet_at_row(r) for r in range(self.proxy.rowCount())]

    def current_outlet(self) -> int:
        index = self.currentIndex()
        return int(index.data(OUTLET_ROLE)) if index.isValid() else -1

    def select_outlet(self, outlet: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.outlet_at_row(row) == outlet:
                self.setCurrentIndex(self.proxy.index(row, OutletTableModel.NAME))
                return

    def sentence_at(self, index: QModelIndex, x: int) -> int:
        s = self.outlet_set()
        if s is None or not index.isValid() or index.column() != OutletTableModel.STRIP:
            return -1
        rects = self.strip_delegate.cell_rects(self.visualRect(index), len(s.hub.sentences))
        for i, rect in enumerate(rects):
            if rect.left() <= x <= rect.right() + 1:
                return i
        return -1

    def set_highlighted_sentence(self, index: int) -> None:
        if index != self.highlighted_sentence:
            self.highlighted_sentence = index
            self.viewport().update()

    def set_selected_sentence(self, index: int) -> None:
        if index != self.selected_sentence:
            self.selected_sentence = index
            self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        sentence = self.sentence_at(self.indexAt(pos), pos.x())
        if sentence != self.highlighted_sentence:
            self.set_highlighted_sentence(sentence)
            self.sentence_hovered.emit(sentence)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.set_highlighted_sentence(-1)
        self.sentence_hovered.emit(-1)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        sentence = self.sentence_at(self.indexAt(pos), pos.x())
        super().mousePressEvent(event)
        if sentence >= 0:
            self.set_selected_sentence(sentence)
            self.sentence_clicked.emit(sentence)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or index.column() == OutletTableModel.DATE:
            return
        outlet = int(index.data(OUTLET_ROLE))
        sentence = -1
        if index.column() == OutletTableModel.STRIP:
            sentence = self.selected_sentence
        self.outlet_activated.emit(outlet, sentence)


# The histogram --------------------------------------------------------------------------------


class ReuseHistogram(QWidget):
    """Outlets by the share of the source they reused, in ten bins, with a threshold the user
    drags: outlets below it leave the table."""

    threshold_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shares: list[float] = []
        self.threshold = 0.0
        self.setMinimumHeight(HISTOGRAM_HEIGHT_PX)
        self.setMaximumHeight(HISTOGRAM_HEIGHT_PX)
        self.setToolTip("Outlets by the share of the source they reused; drag to filter the table")
        self.setAccessibleName("Histogram of outlets by reused share")
        self.setCursor(Qt.CursorShape.SizeHorCursor)

    def set_shares(self, shares: list[float]) -> None:
        self._shares = shares
        self.update()

    def counts(self) -> list[int]:
        bins = [0] * HISTOGRAM_BINS
        for share in self._shares:
            bins[min(int(share * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
        return bins

    def set_threshold(self, value: float) -> None:
        value = min(max(value, 0.0), 1.0)
        if value != self.threshold:
            self.threshold = value
            self.update()
            self.threshold_changed.emit(value)

    def _plot(self) -> QRectF:
        return QRectF(4, 4, self.width() - 8, self.height() - 20)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        plot = self._plot()
        counts = self.counts()
        top = max(counts) or 1
        width = plot.width() / HISTOGRAM_BINS
        for b, count in enumerate(counts):
            height = plot.height() * count / top
            bar = QRectF(plot.left() + b * width + 1, plot.bottom() - height, width - 2, height)
            shown = (b + 1) / HISTOGRAM_BINS > self.threshold
            painter.fillRect(bar, colors.with_alpha(REUSE_HUE, 200 if shown else 60))
        painter.setPen(colors.muted_text(palette))
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 2, plot.width(), 14),
            int(Qt.AlignmentFlag.AlignLeft),
            "0%",
        )
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 2, plot.width(), 14),
            int(Qt.AlignmentFlag.AlignRight),
            "100% of the source reused",
        )
        x = plot.left() + plot.width() * self.threshold
        pen = QPen(text)
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
        painter.drawText(
            QRectF(x + 4, plot.top(), 60, 14),
            int(Qt.AlignmentFlag.AlignLeft),
            f"≥ {self.threshold:.0%}",
        )
        painter.end()

    def _value_at(self, x: float) -> float:
        plot = self._plot()
        return round((x - plot.left()) / max(plot.width(), 1) * 100) / 100

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.set_threshold(self._value_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.set_threshold(self._value_at(event.position().x()))


# The sentence card ----------------------------------------------------------------------------


def _marked_partner(outlet_set: OutletSet, outlet: int, cell: Cell) -> str:
    """The outlet's rendering of a source sentence, its inserted words underlined."""
    comparison = outlet_set.comparisons[outlet]
    block = comparison.blocks[cell.block]
    inserted = "".join(
        f"<u>{html.escape(text)}</u>" if op == 1 else html.escape(text)
        for op, text in block.diff
        if op != -1
    )
    if inserted.strip():
        return inserted
    doc = comparison.rewrite
    return html.escape(" ".join(doc.sentence_text(j).strip() for j in cell.partner))


def sentence_card_html(outlet_set: OutletSet, sentence: int) -> str:
    """Every outlet's version of one source sentence: identical renderings collapsed into one
    line with the outlets' names, each distinct variant with its kind and marked words, most
    common first; then the outlets that left it out."""
    hub = outlet_set.hub
    row = outlet_set.sentences[sentence]
    names = [d.name for d in outlet_set.spokes]
    head = (
        f"<h3>Sentence {sentence + 1} · reused by {row.count} of {row.spokes} outlets</h3>"
        f"<p><i>{html.escape(' '.join(hub.sentence_text(sentence).split()))}</i></p>"
    )
    if row.boilerplate:
        return head + "<p>Page furniture: not part of the article.</p>"
    variants: dict[str, list[tuple[int, Cell]]] = {}
    for reuse in row.reuses:
        comparison = outlet_set.comparisons[reuse.outlet]
        text = " ".join(
            " ".join(comparison.rewrite.sentence_text(j).split()) for j in reuse.cell.partner
        )
        variants.setdefault(text.casefold(), []).append((reuse.outlet, reuse.cell))
    parts = [head]
    ordered = sorted(variants.values(), key=lambda group: (-len(group), group[0][0]))
    for group in ordered:
        outlet, cell = group[0]
        chips = ", ".join(
            f'<a href="pair:{k}:{sentence}">{html.escape(names[k])}</a>' for k, _ in group
        )
        kinds = {c.kind for _, c in group}
        label = " / ".join(_reused_label(k) for k in LINKED_KINDS if k in kinds)
        moved = sum(1 for _, c in group if c.moved)
        facts = sorted({f for _, c in group for f in c.facts})
        notes = (
            [f"{round(cell.similarity * 100)}% alike"] if cell.kind is not Kind.IDENTICAL else []
        )
        if moved:
            notes.append(f"moved in {moved}")
        if facts:
            notes.append("fact changed: " + ", ".join(facts))
        color = KIND_STYLES[cell.kind].strong
        parts.append(
            f'<p style="margin-top:8px"><b style="color:{color}">■</b> <b>{html.escape(label)} '
            f"in {len(group)} outlet{'s' * (len(group) != 1)}</b>"
            + (f" ({', '.join(notes)})" if notes else "")
            + f": {chips}<br>{_marked_partner(outlet_set, outlet, cell)}</p>"
        )
    omitted = [k for k in range(len(names)) if not outlet_set.matrix[k][sentence].reused]
    if omitted:
        chips = ", ".join(html.escape(names[k]) for k in omitted)
        parts.append(
            f'<p style="margin-top:8px"><b>omitted by {len(omitted)} outlet'
            f"{'s' * (len(omitted) != 1)}</b>: {chips}</p>"
        )
    return "".join(parts)


class SentenceCard(QTextBrowser):
    """The card of the sentence last clicked; a click on an outlet's name opens the pair."""

    pair_requested = Signal(int, int)  # outlet, source sentence

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.sentence = -1
        self.setAccessibleName("Sentence card")
        self.setPlaceholderText("Click a source sentence or a strip cell to see every version.")

    def show_sentence(self, outlet_set: OutletSet | None, sentence: int) -> None:
        self.sentence = sentence
        if outlet_set is None or sentence < 0:
            self.clear()
            return
        self.setHtml(sentence_card_html(outlet_set, sentence))

    def _on_anchor(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 3 and parts[0] == "pair":
            self.pair_requested.emit(int(parts[1]), int(parts[2]))


# The page -------------------------------------------------------------------------------------


class SetView(QWidget):
    """The reuse map beside the outlet table (with its histogram), the sentence card below."""

    open_pair = Signal(int, int)  # outlet, source sentence (-1: the first it reused)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._set: OutletSet | None = None
        self.reuse_map = ReuseMap()
        self.map_scroll = QScrollArea()
        self.map_scroll.setWidget(self.reuse_map)
        self.map_scroll.setWidgetResizable(True)
        self.ruler = DensityRuler(self.reuse_map)
        self.ruler.jump_requested.connect(
            lambda y: self.map_scroll.verticalScrollBar().setValue(
                max(0, y - self.map_scroll.viewport().height() // 2)
            )
        )
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)

        self.table = OutletTable()
        self.histogram = ReuseHistogram()
        self.histogram.threshold_changed.connect(self._on_threshold)
        self.group_box = QCheckBox("&Group similar outlets")
        self.group_box.setToolTip(
            "Order the outlets so that those that reused the same sentences the same way stand "
            "together (copy chains show)"
        )
        self.group_box.toggled.connect(self.set_grouped)
        self.count_label = QLabel()
        self.card = SentenceCard()

        map_side = QWidget()
        map_layout = QVBoxLayout(map_side)
        map_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Reuse map: the source, tinted by how many outlets reused each sentence")
        heading.setWordWrap(True)
        map_layout.addWidget(heading)
        map_row = QHBoxLayout()
        map_row.setSpacing(2)
        map_row.addWidget(self.map_scroll, 1)
        map_row.addWidget(self.ruler)
        map_layout.addLayout(map_row, 1)

        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.histogram)
        controls = QHBoxLayout()
        controls.addWidget(self.group_box)
        controls.addStretch(1)
        controls.addWidget(self.count_label)
        table_layout.addLayout(controls)
        table_layout.addWidget(self.table, 1)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(map_side)
        top.addWidget(table_side)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 5)
        top.setSizes([560, 760])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)

        self.reuse_map.sentence_hovered.connect(self.table.set_highlighted_sentence)
        self.reuse_map.sentence_clicked.connect(self.select_sentence)
        self.table.sentence_hovered.connect(self.reuse_map.set_highlighted)
        self.table.sentence_hovered.connect(self._scroll_map_to)
        self.table.sentence_clicked.connect(self.select_sentence)
        self.table.outlet_activated.connect(self._activate)
        self.card.pair_requested.connect(self.open_pair)
        self.table.installEventFilter(self)

    # -- content --------------------------------------------------------------------------

    def outlet_set(self) -> OutletSet | None:
        return self._set

    def set_outlet_set(self, outlet_set: OutletSet | None) -> None:
        self._set = outlet_set
        self.reuse_map.set_outlet_set(outlet_set)
        self.table.set_outlet_set(outlet_set)
        count = len(outlet_set.comparisons) if outlet_set else 0
        self.histogram.set_shares(
            [outlet_set.reused_share(k) for k in range(count)] if outlet_set else []
        )
        if outlet_set is not None:
            self.title.setText(
                f"{outlet_set.hub.name} and the {count} outlet{'s' * (count != 1)} compared with it"
            )
        else:
            self.title.setText("")
        self.card.show_sentence(outlet_set, -1)
        self.set_grouped(self.group_box.isChecked())
        self._update_count()
        self.ruler.update()

    # -- interaction ------------------------------------------------------------------------

    def set_grouped(self, grouped: bool) -> None:
        if self.group_box.isChecked() != grouped:
            self.group_box.setChecked(grouped)  # comes back here through toggled
            return
        if grouped:
            self.table.sortByColumn(OutletTableModel.GROUP, Qt.SortOrder.AscendingOrder)
        else:
            self.table.sortByColumn(OutletTableModel.CARRIED, Qt.SortOrder.DescendingOrder)

    def select_sentence(self, index: int) -> None:
        if self._set is None or not 0 <= index < len(self._set.hub.sentences):
            return
        self.reuse_map.set_selected(index)
        self.table.set_selected_sentence(index)
        self.card.show_sentence(self._set, index)
        self._scroll_map_to(index)

    def selected_sentence(self) -> int:
        return self.reuse_map.selected

    def _scroll_map_to(self, index: int) -> None:
        if index >= 0:
            rect = self.reuse_map.row_rect(index)
            self.map_scroll.ensureVisible(rect.center().x(), rect.center().y(), 0, rect.height())

    def _on_threshold(self, value: float) -> None:
        self.table.proxy.set_threshold(value)
        self._update_count()

    def _update_count(self) -> None:
        total = len(self._set.comparisons) if self._set else 0
        shown = self.table.proxy.rowCount()
        self.count_label.setText(
            f"{shown} of {total} outlets"
            + (f" reused ≥ {self.histogram.threshold:.0%}" if shown != total else "")
        )

    def _activate(self, outlet: int, sentence: int) -> None:
        if sentence < 0:
            sentence = self.selected_sentence()
        self.open_pair.emit(outlet, sentence)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._set is not None:
                step = -1 if key == Qt.Key.Key_Left else 1
                current = self.selected_sentence()
                count = len(self._set.hub.sentences)
                index = current + step if current >= 0 else 0
                while 0 <= index < count and index in self._set.hub.boilerplate:
                    index += step
                if 0 <= index < count:
                    self.select_sentence(index)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                outlet = self.table.current_outlet()
                if outlet >= 0:
                    self._activate(outlet, -1)
                    return True
        return super().eventFilter(watched, event)


__all__ = [
    "OutletTable",
    "OutletTableModel",
    "ReuseHistogram",
    "ReuseMap",
    "SentenceCard",
    "SetView",
    "sentence_card_html",
]
