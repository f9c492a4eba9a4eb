"""The connector between the panes: a band from each source sentence to what it became.

May import: the standard library, PySide6, ``viewer.core``, ``viewer.gui.colors`` /
``file_drops`` / ``panes`` / ``view_model``.
Must not import: the main window. Like Meld's link map, each band is closed by two cubic
Bézier curves and filled with its kind's hue; an end that is off screen leaves the bar as a
stub; a tentative link's band is fainter, with a short-dashed edge. Only blocks with a sentence
on screen are drawn, found from the panes' visible slot ranges, so painting costs the same for
20 blocks as for 7,000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from viewer.core.confidence import is_tentative
from viewer.core.model import Kind
from viewer.gui import colors
from viewer.gui.file_drops import FileDropTarget
from viewer.gui.panes import SentencePane
from viewer.gui.view_model import ViewModel

LINK_BAR_WIDTH_PX = 56
OFF_SCREEN_PX = 6  # how far past the edge an off-screen end is drawn, so it reads as a stub
PREVIOUS_BLOCK_SEARCH = 64  # how far back to look for where a one-sided block fell
FILL_ALPHA_LIGHT, FILL_ALPHA_DARK = 70, 110
IDENTICAL_FILL_ALPHA = 45
OUTLINE_ALPHA = 190
HOVER_FILL_ALPHA = 150
TENTATIVE_FILL_SHARE = 0.45  # of the usual fill, for a tentative link
TENTATIVE_DASH = [2.0, 2.5]  # dash and gap, in pen widths


@dataclass
class Band:
    block: int
    kind: Kind
    moved: bool
    left: tuple[float, float]
    right: tuple[float, float]
    path: QPainterPath
    boilerplate: bool = False  # page furniture: drawn in the neutral hue, as in the panes
    tentative: bool = False  # a tentative link: a lighter fill and a dashed edge


class LinkBar(FileDropTarget, QWidget):
    """Draws the bands between two ``SentencePane``s; hover and click pick a block."""

    band_hovered = Signal(int)  # block index, -1 when none
    band_clicked = Signal(int)
    files_dropped = Signal(list)

    def __init__(self, left: SentencePane, right: SentencePane, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkBar")
        self.setAccessibleName("Links between source and rewrite sentences")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self._left, self._right = left, right
        self._model: ViewModel | None = None
        self._bands: list[Band] = []
        self.hover_block = -1
        self.selected_block = -1
        self.linked = True
        self.tooltip_provider: Callable[[int], str] | None = None
        for pane in (left, right):
            pane.geometry_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(LINK_BAR_WIDTH_PX, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(LINK_BAR_WIDTH_PX, 20)

    def set_model(self, model: ViewModel | None) -> None:
        self._model = model
        self._bands = []
        self.hover_block = -1
        self.update()

    def set_hover_block(self, block: int) -> None:
        if block != self.hover_block:
            self.hover_block = block
            self.update()

    def set_selected_block(self, block: int) -> None:
        if block != self.selected_block:
            self.selected_block = block
            self.update()

    def bands(self) -> list[Band]:
        """The bands of the last paint, for hit tests."""
        return list(self._bands)

    # -- geometry -------------------------------------------------------------------------

    def _offset(self, pane: SentencePane) -> float:
        return self.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, 0))).y()

    def _side_extent(
        self,
        pane: SentencePane,
        model_side,
        sentences,
        offset: float,
        visible: dict,
        first: int,
        last: int,
    ) -> tuple[float, float] | None:
        slots = [s for s in (model_side.slot_of(i) for i in sentences) if s is not None]
        if not slots:
            return None
        above = offset - OFF_SCREEN_PX
        below = offset + pane.viewport().height() + OFF_SCREEN_PX
        tops, bottoms = [], []
        for slot in slots:
            if slot in visible:
                y0, y1 = visible[slot]
                tops.append(offset + y0)
                bottoms.append(offset + y1)
            elif slot < first:
                tops.append(above)
                bottoms.append(above)
            else:
                tops.append(below)
                bottoms.append(below)
        return min(tops), max(bottoms)

    def compute_bands(self) -> list[Band]:
        model = self._model
        if model is None:
            return []
        comparison = model.comparison
        left, right = self._left, self._right
        lvis, rvis = left.visible_extents(), right.visible_extents()
        lfirst, llast = left.visible_slot_range()
        rfirst, rlast = right.visible_slot_range()
        loff, roff = self._offset(left), self._offset(right)
        candidates = set()
        for slot in range(lfirst, llast + 1):
            candidates.add(model.left_block[model.left.sentences[slot]])
        for slot in range(rfirst, rlast + 1):
            candidates.add(model.right_block[model.right.sentences[slot]])
        extents: dict[tuple[str, int], tuple[float, float] | None] = {}

        def extent(side: str, b: int):
            key = (side, b)
            if key not in extents:
                block = comparison.blocks[b]
                if side == "left":
                    extents[key] = self._side_extent(
                        left, model.left, block.left, loff, lvis, lfirst, llast
                    )
                else:
                    extents[key] = self._side_extent(
                        right, model.right, block.right, roff, rvis, rfirst, rlast
                    )
            return extents[key]

        def fallen_at(side: str, b: int, offset: float) -> tuple[float, float]:
            # A one-sided block points at the end of the nearest earlier block on the other side.
            for prev in range(b - 1, max(-1, b - 1 - PREVIOUS_BLOCK_SEARCH), -1):
                e = extent(side, prev)
                if e is not None:
                    return e[1], e[1]
            return offset, offset

        width = self.width()
        bands = []
        for b in sorted(candidates):
            block = comparison.blocks[b]
            le, re_ = extent("left", b), extent("right", b)
            if le is None and re_ is None:
                continue
            if le is None:
                le = fallen_at("left", b, loff)
            if re_ is None:
                re_ = fallen_at("right", b, roff)
            bands.append(
                Band(
                    b,
                    block.kind,
                    block.moved,
                    le,
                    re_,
                    _band_path(le, re_, width),
                    block.boilerplate,
                    is_tentative(block),
                )
            )
        return bands

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Window))
        self._bands = self.compute_bands()
        shapes = merge_wedges(self._bands, self.width())
        emphasised_bands = [
            b for b in self._bands if b.block in (self.hover_block, self.selected_block)
        ]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = colors.is_dark(palette)
        fill_alpha = FILL_ALPHA_DARK if dark else FILL_ALPHA_LIGHT

        def order(band: Band) -> tuple:
            return (band.kind is not Kind.IDENTICAL, band.moved, band.block)

        drawn = [(band, False) for band in sorted(shapes, key=order)]
        drawn += [(band, True) for band in emphasised_bands]
        for band, emphasised in drawn:
            hue = colors.strong(Kind.IDENTICAL if band.boilerplate else band.kind)
            alpha = (
                HOVER_FILL_ALPHA
                if emphasised
                else (IDENTICAL_FILL_ALPHA if band.kind is Kind.IDENTICAL else fill_alpha)
            )
            if band.tentative:
                alpha = round(alpha * TENTATIVE_FILL_SHARE)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.with_alpha(hue, alpha))
            painter.drawPath(band.path)
            if band.moved:
                hatch = QBrush(colors.with_alpha(hue, 200), Qt.BrushStyle.BDiagPattern)
                painter.setBrush(hatch)
                painter.drawPath(band.path)
            pen = QPen(
                colors.with_alpha(hue, 255 if emphasised else OUTLINE_ALPHA),
                2.0 if emphasised else 1.0,
            )
            if band.tentative:
                pen.setDashPattern(TENTATIVE_DASH)  # shorter than a move's dashes
            elif band.moved:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(band.path)
        painter.end()

    # -- interaction ----------------------------------------------------------------------

    def band_at(self, point: QPointF) -> int:
        # The topmost band wins: the last drawn of those under the pointer.
        hits = [band for band in self._bands if band.path.contains(point)]
        if not hits:
            return -1
        hits.sort(key=lambda band: (band.right[1] - band.right[0]) + (band.left[1] - band.left[0]))
        return hits[0].block

    def mouseMoveEvent(self, event) -> None:
        self.band_hovered.emit(self.band_at(event.position()))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            block = self.band_at(QPointF(event.pos()))
            text = self.tooltip_provider(block) if block >= 0 and self.tooltip_provider else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.band_hovered.emit(-1)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            block = self.band_at(event.position())
            if block >= 0:
                self.band_clicked.emit(block)

    def wheelEvent(self, event) -> None:
        # Scrolling the source pane moves the rewrite with it; unlinked, both are moved.
        targets = [self._left] if self.linked else [self._left, self._right]
        for pane in targets:
            QApplication.sendEvent(pane.verticalScrollBar(), event)
        event.accept()

    def files_arrived(self, paths: list[str]) -> None:
        self.files_dropped.emit(paths)


def merge_wedges(bands: list[Band], width: float) -> list[Band]:
    """Join runs of omitted (or added) sentences that fall at one point into a single wedge.

    Twenty omitted sentences in a row would otherwise fan out as twenty wedges into one point;
    a run only merges when no other band starts between its members.
    """
    merged: list[Band] = []
    for side in ("left", "right"):
        ordered = sorted(bands, key=lambda b: getattr(b, side)[0])
        run: list[Band] = []
        for band in [*ordered, None]:
            one_sided = band is not None and _point_side(band) == (
                "right" if side == "left" else "left"
            )
            if run and (
                band is None
                or not one_sided
                or band.kind is not run[0].kind
                or band.boilerplate != run[0].boilerplate
                or abs(_point(band) - _point(run[0])) > 0.5
            ):
                merged.append(_join(run, side, width))
                run = []
            if band is not None and one_sided:
                run.append(band)
    merged += [b for b in bands if _point_side(b) is None]
    return merged


def _point_side(band: Band) -> str | None:
    if band.kind is Kind.OMITTED and band.right[0] == band.right[1]:
        return "right"
    if band.kind is Kind.ADDED and band.left[0] == band.left[1]:
        return "left"
    return None


def _point(band: Band) -> float:
    return band.right[0] if _point_side(band) == "right" else band.left[0]


def _join(run: list[Band], side: str, width: float) -> Band:
    if len(run) == 1:
        return run[0]
    top = min(getattr(b, side)[0] for b in run)
    bottom = max(getattr(b, side)[1] for b in run)
    point = (_point(run[0]),) * 2
    left, right = ((top, bottom), point) if side == "left" else (point, (top, bottom))
    return Band(
        run[0].block,
        run[0].kind,
        False,
        left,
        right,
        _band_path(left, right, width),
        run[0].boilerplate,
    )


def _band_path(left: tuple[float, float], right: tuple[float, float], width: float) -> QPainterPath:
    (lt, lb), (rt, rb) = left, right
    mid = width / 2
    path = QPainterPath(QPointF(0, lt))
    path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
    path.lineTo(QPointF(width, rb))
    path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
    path.closeSubpath()
    return path


__all__ = ["LINK_BAR_WIDTH_PX", "Band", "LinkBar"]
