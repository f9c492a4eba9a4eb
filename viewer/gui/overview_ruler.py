"""A thin strip beside a pane showing where the changes are in the whole article.

May import: the standard library, PySide6, ``viewer.core``, ``viewer.gui.colors`` /
``view_model``. Must not import: the main window. Marks sit at each changed block's relative
position in the pane's text (by character, which needs no layout of the whole document);
clicking jumps to the nearest one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.core.kinds import KIND_STYLES
from viewer.core.model import Kind, Side
from viewer.gui import colors
from viewer.gui.view_model import MARK_PRIORITY, ChangeMark, ViewModel

OVERVIEW_RULER_WIDTH_PX = 12
MARK_MIN_HEIGHT_PX = 3
END_PADDING_PX = 4


class OverviewRuler(QWidget):
    """Coloured marks for the changed blocks of one side; emits the block clicked."""

    block_clicked = Signal(int)

    def __init__(self, side: Side, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Ruler")
        self.setAccessibleName(f"Overview of changes in the {side.label}")
        self.setToolTip("Where the changes are; click to jump")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._marks: tuple[ChangeMark, ...] = ()
        self._painted: tuple[ChangeMark, ...] = ()  # the marks, merged when there are thousands
        self._centres: list[float] | None = None
        self._rows_cache: tuple | None = None
        self.span_provider: Callable[[], tuple[float, float]] | None = None  # on-screen part, 0..1

    def sizeHint(self) -> QSize:
        return QSize(OVERVIEW_RULER_WIDTH_PX, 100)

    def minimumSizeHint(self) -> QSize:
        return QSize(OVERVIEW_RULER_WIDTH_PX, 20)

    def set_model(self, model: ViewModel | None) -> None:
        # The marks come with the model, worked out where it was prepared (the worker thread).
        self._marks = model.change_marks(self.side) if model is not None else ()
        self._painted = model.ruler_marks(self.side) if model is not None else ()
        self._centres = None  # worked out at the first click
        self.update()

    def mark_count(self) -> int:
        return len(self._marks)

    def marked_blocks(self) -> list[int]:
        """The blocks that have a mark, top to bottom."""
        return [mark[3] for mark in self._marks]

    def _span_px(self) -> tuple[float, float]:
        return END_PADDING_PX, max(1.0, self.height() - 2 * END_PADDING_PX)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Window))
        top, span = self._span_px()
        width = self.width()
        v0, v1 = self.span_provider() if self.span_provider else (0.0, 0.0)
        if v1 > v0:
            painter.fillRect(
                QRectF(0, top + v0 * span, width, max(2.0, (v1 - v0) * span)),
                colors.with_alpha(palette.color(palette.ColorRole.Text), 28),
            )
        for y, h, kind in self._rows(top, span):
            painter.fillRect(QRectF(2, y, width - 4, h), colors.strong(kind))
        painter.end()

    def _rows(self, top: float, span: float) -> list[tuple[float, float, Kind]]:
        """Marks merged per pixel row, cached per height: thousands of blocks, some hundred rows."""
        key = (top, span, id(self._painted))
        if self._rows_cache is not None and self._rows_cache[0] == key:
            return self._rows_cache[1]
        rows: dict[int, Kind] = {}
        for start, end, kind, _block in self._painted:
            y0 = int(top + start * span)
            y1 = max(y0 + MARK_MIN_HEIGHT_PX, int(top + end * span))
            for y in range(y0, y1):
                current = rows.get(y)
                if current is None or MARK_PRIORITY[kind] > MARK_PRIORITY[current]:
                    rows[y] = kind
        merged: list[tuple[float, float, Kind]] = []
        for y in sorted(rows):
            kind = rows[y]
            if merged and merged[-1][2] is kind and merged[-1][0] + merged[-1][1] == y:
                merged[-1] = (merged[-1][0], merged[-1][1] + 1, kind)
            else:
                merged.append((float(y), 1.0, kind))
        self._rows_cache = (key, merged)
        return merged

    def block_near(self, y: float) -> int | None:
        if not self._marks:
            return None
        if self._centres is None:
            self._centres = [(m.start + m.end) / 2 for m in self._marks]
        centres = self._centres
        top, span = self._span_px()
        fraction = (y - top) / span
        i = bisect_left(centres, fraction)
        best = min(
            (j for j in (i - 1, i) if 0 <= j < len(self._marks)),
            key=lambda j: abs(centres[j] - fraction),
        )
        return self._marks[best][3]

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            block = self.block_near(event.position().y())
            if block is not None:
                self.block_clicked.emit(block)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            block = self.block_near(event.pos().y())
            if block is not None:
                kind = next(m[2] for m in self._marks if m[3] == block)
                self.setToolTip(f"{KIND_STYLES[kind].label} — click to jump")
        return super().event(event)
