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
from viewer.core.model import SIDES, Kind, Side
from viewer.gui import colors
from viewer.gui.file_drops import FileDropTarget
from viewer.gui.panes import SentencePane
from viewer.gui.view_model import PaneModel, ViewModel

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
    source: tuple[float, float]  # top and bottom of the band's end at the source pane
    rewrite: tuple[float, float]
    path: QPainterPath
    boilerplate: bool = False  # page furniture: drawn in the neutral hue, as in the panes
    tentative: bool = False  # a tentative link: a lighter fill and a dashed edge

    def end(self, side: Side) -> tuple[float, float]:
        return self.source if side is Side.SOURCE else self.rewrite


class LinkBar(FileDropTarget, QWidget):
    """Draws the bands between two ``SentencePane``s; hover and click pick a block."""

    band_hovered = Signal(int)  # block index, -1 when none
    band_clicked = Signal(int)
    files_dropped = Signal(list)

    def __init__(self, source: SentencePane, rewrite: SentencePane, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkBar")
        self.setAccessibleName("Links between source and rewrite sentences")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self._panes = {Side.SOURCE: source, Side.REWRITE: rewrite}
        self._model: ViewModel | None = None
        self._bands: list[Band] = []
        self.hover_block = -1
        self.selected_block = -1
        self.linked = True
        self.tooltip_provider: Callable[[int], str] | None = None
        # The bands of the last paint and what they were computed from: a hover or a selection
        # repaints the bar without computing them again.
        self._bands_for: tuple | None = None
        self._geometry = 0  # counts the panes' geometry changes
        for pane in (source, rewrite):
            pane.geometry_changed.connect(self._geometry_changed)

    def _geometry_changed(self) -> None:
        self._geometry += 1
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(LINK_BAR_WIDTH_PX, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(LINK_BAR_WIDTH_PX, 20)

    def set_model(self, model: ViewModel | None) -> None:
        self._model = model
        self._bands = []
        self._bands_for = None
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
        pane_model: PaneModel,
        sentences: tuple[int, ...],
        offset: float,
        visible: dict,
        first: int,
        last: int,
    ) -> tuple[float, float] | None:
        slots = [s for s in (pane_model.slot_of(i) for i in sentences) if s is not None]
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
        visible = {side: pane.visible_extents() for side, pane in self._panes.items()}
        ranges = {side: pane.visible_slot_range() for side, pane in self._panes.items()}
        offsets = {side: self._offset(pane) for side, pane in self._panes.items()}
        candidates = set()
        for side, (first, last) in ranges.items():
            pane_model = model.pane(side)
            for slot in range(first, last + 1):
                candidates.add(model.block_of(side, pane_model.sentences[slot]))
        extents: dict[tuple[Side, int], tuple[float, float] | None] = {}

        def extent(side: Side, b: int) -> tuple[float, float] | None:
            key = (side, b)
            if key not in extents:
                first, last = ranges[side]
                extents[key] = self._side_extent(
                    self._panes[side],
                    model.pane(side),
                    comparison.blocks[b].sentences(side),
                    offsets[side],
                    visible[side],
                    first,
                    last,
                )
            return extents[key]

        # Blocks are visited in ascending order: each side's earlier blocks are scanned once,
        # not again for every one-sided block (a page of thousands of omitted sentences).
        scanned = {side: -1 for side in SIDES}  # blocks below this one were looked at
        last_shown: dict[Side, int | None] = {side: None for side in SIDES}

        def fallen_at(side: Side, b: int) -> tuple[float, float]:
            # A one-sided block points at the end of the nearest earlier block on the other side,
            # looking back at most PREVIOUS_BLOCK_SEARCH blocks.
            for prev in range(max(scanned[side], b - PREVIOUS_BLOCK_SEARCH, 0), b):
                if extent(side, prev) is not None:
                    last_shown[side] = prev
            scanned[side] = max(scanned[side], b)
            nearest = last_shown[side]
            e = extent(side, nearest) if nearest is not None else None
            if nearest is not None and nearest >= b - PREVIOUS_BLOCK_SEARCH and e is not None:
                return e[1], e[1]
            return offsets[side], offsets[side]

        width = self.width()
        bands = []
        for b in sorted(candidates):
            block = comparison.blocks[b]
            source_end, rewrite_end = extent(Side.SOURCE, b), extent(Side.REWRITE, b)
            if source_end is None and rewrite_end is None:
                continue
            if source_end is None:
                source_end = fallen_at(Side.SOURCE, b)
            if rewrite_end is None:
                rewrite_end = fallen_at(Side.REWRITE, b)
            bands.append(
                Band(
                    b,
                    block.kind,
                    block.moved,
                    source_end,
                    rewrite_end,
                    _band_path(source_end, rewrite_end, width),
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
        inputs = (
            self._model,
            self._geometry,
            self.width(),
            *((self._offset(pane), pane.viewport().height()) for pane in self._panes.values()),
        )
        cached = self._bands_for
        if cached is None or cached[0] is not self._model or cached[1:] != inputs[1:]:
            self._bands = self.compute_bands()
            self._bands_for = inputs
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
        hits.sort(
            key=lambda band: (band.rewrite[1] - band.rewrite[0]) + (band.source[1] - band.source[0])
        )
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
        source = self._panes[Side.SOURCE]
        targets = [source] if self.linked else list(self._panes.values())
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
    for side in SIDES:
        ordered: list[Band | None] = [*sorted(bands, key=lambda b: b.end(side)[0]), None]
        run: list[Band] = []
        for band in ordered:
            one_sided = band is not None and _point_side(band) is side.other
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


def _point_side(band: Band) -> Side | None:
    """The side where a one-sided band narrows to a point (where its sentences fell)."""
    if band.kind is Kind.OMITTED and band.rewrite[0] == band.rewrite[1]:
        return Side.REWRITE
    if band.kind is Kind.ADDED and band.source[0] == band.source[1]:
        return Side.SOURCE
    return None


def _point(band: Band) -> float:
    return band.rewrite[0] if _point_side(band) is Side.REWRITE else band.source[0]


def _join(run: list[Band], side: Side, width: float) -> Band:
    if len(run) == 1:
        return run[0]
    top = min(b.end(side)[0] for b in run)
    bottom = max(b.end(side)[1] for b in run)
    point = (_point(run[0]),) * 2
    source, rewrite = ((top, bottom), point) if side is Side.SOURCE else (point, (top, bottom))
    return Band(
        run[0].block,
        run[0].kind,
        False,
        source,
        rewrite,
        _band_path(source, rewrite, width),
        run[0].boilerplate,
    )


def _band_path(
    source: tuple[float, float], rewrite: tuple[float, float], width: float
) -> QPainterPath:
    """The band's outline: the source end at x = 0, the rewrite end at x = ``width``."""
    (lt, lb), (rt, rb) = source, rewrite
    mid = width / 2
    path = QPainterPath(QPointF(0, lt))
    path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
    path.lineTo(QPointF(width, rb))
    path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
    path.closeSubpath()
    return path


__all__ = ["LINK_BAR_WIDTH_PX", "Band", "LinkBar"]
