"""One side of a comparison: a read-only text pane with tinted sentences, and its header.

May import: the standard library, PySide6, ``viewer.core`` and ``viewer.gui.view_model`` /
``viewer.gui.colors`` / ``viewer.gui.file_drops``.
Must not import: the main window or the worker. The pane knows sentences only as slots of its
``PaneModel``; what a sentence means (its block, its partner) is the view's business.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import cast

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QToolTip, QWidget

from viewer.core.kinds import BOILERPLATE_LABEL
from viewer.core.model import Document, Kind, Side
from viewer.core.summary import article_words
from viewer.gui import colors
from viewer.gui.file_drops import FileDropTarget
from viewer.gui.view_model import (
    ROLE_DELETED,
    ROLE_INSERTED,
    ROLE_MOVED,
    PaneModel,
    PunctuationMark,
    shown_text,
)

DOCUMENT_MARGIN_PX = 14  # space between the frame and the text
OUTLINE_OVERLAP_PX = 1.0  # lines of one sentence overlap by this much, so they unite
HIDDEN_RUN_PROPERTY = "hidden-run"
# A punctuation change's format carries its kind under this property ("punctuation:dash").
PUNCTUATION_PROPERTY = QTextFormat.Property.UserProperty + 1
MIN_NAME_PX = 48  # below this a pane header drops the file name (its tooltip keeps it)
READABLE_MEASURE_CHARS = 84  # a line of prose stays readable however wide the window
TENTATIVE_TINT_SHARE = 0.45  # of the kind's tint in a tentative link; the rest is the page's
# Styling a run costs a few microseconds of QTextCursor calls: an article has some hundred runs,
# a pasted page of 200,000 sentences as many; that many are styled a slice at a time.
FORMAT_RUNS_PER_SLICE = 2_000
MOVED_UNDERLINE_PX = 2.0  # the moved-phrase line: its width, and its height above the line's foot


def _moved_pen(color: QColor) -> QPen:
    pen = QPen(color, MOVED_UNDERLINE_PX, Qt.PenStyle.DotLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _share_before(line, position: int, text: str, at_end: bool = False) -> float:
    """How far along ``line`` (0..1) ``position`` lies, counting only text, not trailing space.

    Sentences that share a line split its height in proportion, so their bands in the link
    bar touch instead of overlapping; a sentence that owns the start (or the end) of a line
    takes its full height.
    """
    line_start = line.textStart()
    line_end = line_start + line.textLength()
    rest = text[position:line_end]
    if not at_end and not text[line_start:position].strip():
        return 0.0
    if at_end and not rest.strip():
        return 1.0
    width = line.naturalTextWidth()
    if width <= 0:
        return 0.0 if not at_end else 1.0
    x = _cursor_x(line, position) - line.x()
    return min(1.0, max(0.0, x / width))


class _FormatJob:
    """The styling of one model's runs, in the order given, slice by slice."""

    def __init__(
        self,
        model: PaneModel,
        order: Iterator[int],
        formats: Callable[[Kind, int, bool, bool], QTextCharFormat],
    ):
        self.model, self.order, self.formats = model, order, formats
        self.cache: dict[tuple, QTextCharFormat] = {}
        self.done = 0


class SentencePane(FileDropTarget, QPlainTextEdit):
    """A read-only article whose sentences are tinted by kind; reports hovers, clicks, drops."""

    sentence_hovered = Signal(int)  # slot, -1 when the pointer leaves the sentences
    words_hovered = Signal(int)  # index in the model's ``paired`` runs, -1 when off them
    sentence_clicked = Signal(int)
    files_dropped = Signal(list)
    focused = Signal()
    geometry_changed = Signal()  # scrolled, resized or re-laid out: extents must be recomputed

    def __init__(self, side: Side, parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Pane")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # A long URL must wrap too: prose panes never scroll sideways.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setAccessibleName(f"{side.label.capitalize()} article")
        self.document().setDocumentMargin(DOCUMENT_MARGIN_PX)
        self._model: PaneModel | None = None
        self._full_text: str | None = None  # the text, when the pane shows it with extra breaks
        self._format_job: _FormatJob | None = None  # runs still to be styled
        self._extents: dict[int, tuple[float, float]] | None = None
        self._visible_slots: tuple[int, int] = (0, -1)
        self._highlight: tuple = ([], QColor(), [], QColor())
        self._word_highlight: tuple[list[tuple[int, int]], QColor] = ([], QColor())
        self._hovered_words = -1
        self._formats: Callable[[Kind, int, bool, bool], QTextCharFormat] | None = None
        self._punctuation: tuple[PunctuationMark, ...] = ()
        self._punctuation_format: Callable[[str], QTextCharFormat] | None = None
        self.tooltip_provider: Callable[[int], str] | None = None
        self.verticalScrollBar().valueChanged.connect(self._invalidate)
        self.document().documentLayout().documentSizeChanged.connect(self._invalidate)
        self.updateRequest.connect(self._on_update_request)

    # -- content --------------------------------------------------------------------------

    def model(self) -> PaneModel | None:
        return self._model

    def set_model(
        self, model: PaneModel | None, formats: Callable[[Kind, int, bool, bool], QTextCharFormat]
    ) -> None:
        """Show ``model``'s text once, then style each run (the text itself is never edited)."""
        self._model = model
        self._format_job = None
        self._highlight = ([], QColor(), [], QColor())
        self._word_highlight = ([], QColor())
        self._hovered_words = -1
        self._punctuation = ()  # the view gives the new model's, if they are shown
        self._set_text(model.text if model else "", model.shown if model else "")
        if model:
            self.apply_formats(formats)
        self._invalidate()

    def set_plain_document(self, doc: Document | None) -> None:
        """Show a document that was loaded but not yet compared: its sentences, no tints."""
        self._model = None
        self._format_job = None
        text = doc.text if doc is not None else ""
        self._set_text(text, shown_text(text))
        self._invalidate()

    def _set_text(self, text: str, shown: str) -> None:
        """Show ``text`` as ``shown`` (``shown_text``, prepared off the GUI thread)."""
        self._full_text = text if shown != text else None
        self.setPlainText(shown)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (a Qt override)
        """Copies the text itself, not the line breaks that ``shown_text`` put in its place."""
        data = super().createMimeDataFromSelection()
        if self._full_text is not None:
            cursor = self.textCursor()
            units = self._full_text.encode("utf-16-le")
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            plain = QMimeData()  # Qt's own builds its text from the document when asked
            plain.setText(units[2 * start : 2 * end].decode("utf-16-le", "replace"))
            data = plain
        return data

    def apply_formats(self, formats: Callable[[Kind, int, bool, bool], QTextCharFormat]) -> None:
        """Style every run: at once for an ordinary article; for one of many thousand runs, a
        slice of ``FORMAT_RUNS_PER_SLICE`` runs each turn of the event loop, those on screen
        first, so the window never stalls on them. Markers and punctuation changes follow."""
        self._formats = formats
        self._format_job = None
        if not self._model:
            return
        runs = self._model.runs
        top = self.cursorForPosition(QPoint(0, 0)).position()
        first = max(0, bisect_right(runs, top, key=lambda run: run.start) - 1)
        order = itertools.chain(range(first, len(runs)), range(first))
        job = _FormatJob(self._model, order, formats)
        self._format_job = job
        self._format_slice(job)

    def formats_pending(self) -> bool:
        """True while runs of the model on show are still to be styled."""
        return self._format_job is not None

    def _format_slice(self, job: _FormatJob) -> None:
        if job is not self._format_job:
            return  # another model (or palette) since
        runs = job.model.runs
        chosen = [runs[index] for index in itertools.islice(job.order, FORMAT_RUNS_PER_SLICE)]
        job.done += len(chosen)
        finished = job.done >= len(runs)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        self._format_runs(cursor, chosen, job.formats, job.cache)
        if finished:
            self._format_hidden_runs(cursor)
            self._format_punctuation(cursor)
            self._format_job = None
        cursor.endEditBlock()
        if not finished:
            QTimer.singleShot(0, self, lambda: self._format_slice(job))
        elif job.done > FORMAT_RUNS_PER_SLICE:
            self._invalidate()  # italic furniture may have wrapped lines anew

    @staticmethod
    def _format_runs(
        cursor: QTextCursor,
        runs,
        formats: Callable[[Kind, int, bool, bool], QTextCharFormat],
        cache: dict[tuple, QTextCharFormat] | None = None,
    ) -> None:
        cache = {} if cache is None else cache
        for run in runs:
            key = (run.kind, run.role, run.boilerplate, run.tentative)
            fmt = cache.get(key)
            if fmt is None:
                fmt = cache[key] = formats(*key)
            cursor.setPosition(run.start)
            cursor.setPosition(run.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def set_punctuation(
        self,
        marks: tuple[PunctuationMark, ...],
        fmt: Callable[[str], QTextCharFormat] | None = None,
    ) -> None:
        """Draw ``marks`` (punctuation changes) over the runs' formats with ``fmt(kind)``, in
        place of those drawn before; the runs under marks that go get their own format back.
        Only the runs concerned are restyled: the text and the other formats stay. While runs
        are still being styled, the marks are drawn once they all are."""
        previous = self._punctuation
        self._punctuation = tuple(marks) if fmt is not None else ()
        self._punctuation_format = fmt
        if not self._model or (not previous and not self._punctuation):
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        if previous and self._formats is not None:
            self._format_runs(cursor, self._runs_under(previous), self._formats)
        if self._format_job is None:
            self._format_punctuation(cursor)
        cursor.endEditBlock()

    def punctuation_marks(self) -> tuple[PunctuationMark, ...]:
        """The punctuation changes drawn now (none unless the view shows them)."""
        return self._punctuation

    def _runs_under(self, marks: tuple[PunctuationMark, ...]) -> list:
        assert self._model is not None
        runs = self._model.runs
        starts = [run.start for run in runs]
        under: dict[int, object] = {}
        for mark in marks:
            index = max(0, bisect_right(starts, mark.start) - 1)
            while index < len(runs) and runs[index].start < mark.end:
                if runs[index].end > mark.start:
                    under[index] = runs[index]
                index += 1
        return list(under.values())

    def _format_punctuation(self, cursor: QTextCursor) -> None:
        """Punctuation changes: merged over the run's format, which stays underneath."""
        fmt = self._punctuation_format
        if not self._punctuation or fmt is None:
            return
        cache: dict[str, QTextCharFormat] = {}
        for mark in self._punctuation:
            merged = cache.get(mark.kind)
            if merged is None:
                merged = cache[mark.kind] = fmt(mark.kind)
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(merged)

    def _format_hidden_runs(self, cursor: QTextCursor) -> None:
        """Markers where sentences were left out: muted and italic, never tinted."""
        if not self._model or not self._model.hidden_runs:
            return
        fmt = QTextCharFormat()
        fmt.setForeground(colors.muted_text(self.palette()))
        fmt.setFontItalic(True)
        fmt.setProperty(QTextFormat.Property.UserProperty, HIDDEN_RUN_PROPERTY)
        for run in self._model.hidden_runs:
            cursor.setPosition(run.start)
            cursor.setPosition(run.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def hidden_run_texts(self) -> list[str]:
        """The markers on show, for tests and accessibility."""
        return [run.text for run in self._model.hidden_runs] if self._model else []

    # -- geometry -------------------------------------------------------------------------

    def _invalidate(self, *_args) -> None:
        self._extents = None
        self.geometry_changed.emit()

    def _on_update_request(self, _rect, dy: int) -> None:
        if dy:
            self._invalidate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_measure()
        self._invalidate()

    def measure_px(self) -> int:
        """The widest the text column gets: about ``READABLE_MEASURE_CHARS`` characters."""
        metrics = QFontMetrics(self.font())
        return READABLE_MEASURE_CHARS * metrics.averageCharWidth() + 2 * DOCUMENT_MARGIN_PX

    def _fit_measure(self) -> None:
        """On a wide pane, keep lines at a readable measure: the spare width goes to the outer
        side, so the text still meets the link bar."""
        bar = self.verticalScrollBar()
        spare = self.width() - (bar.width() if bar.isVisible() else 0) - self.measure_px()
        spare = max(0, spare)
        left, right = (spare, 0) if self.side is Side.SOURCE else (0, spare)
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (left, right):
            # The spare width is painted as the page, not as the window around it.
            self.setAutoFillBackground(True)
            self.setBackgroundRole(QPalette.ColorRole.Base)
            self.setViewportMargins(left, 0, right, 0)

    def text_column_width(self) -> int:
        return self.viewport().width()

    def visible_extents(self) -> dict[int, tuple[float, float]]:
        """Viewport y (top, bottom) of every shown sentence that is at least partly on screen."""
        if self._extents is None:
            self._extents = self._compute_extents()
        return self._extents

    def visible_slot_range(self) -> tuple[int, int]:
        """First and last slot on screen (last < first when none)."""
        self.visible_extents()
        return self._visible_slots

    def _compute_extents(self) -> dict[int, tuple[float, float]]:
        extents: dict[int, tuple[float, float]] = {}
        self._visible_slots = (0, -1)
        model = self._model
        if not model or not model.starts:
            return extents
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        first = last = None
        texts: dict[int, str] = {}

        def text_of(b) -> str:
            if b.blockNumber() not in texts:
                texts[b.blockNumber()] = b.text()
            return texts[b.blockNumber()]

        while block.isValid() and top <= height:
            block_height = self.blockBoundingRect(block).height()
            layout = block.layout()
            bpos, blen = block.position(), block.length()
            i = max(0, bisect_right(model.starts, bpos) - 1)
            while i < len(model.starts) and model.starts[i] < bpos + blen:
                if model.ends[i] > bpos or (model.ends[i] == model.starts[i] == bpos):
                    start = max(0, model.starts[i] - bpos)
                    end = max(start, min(model.ends[i], bpos + blen - 1) - bpos)
                    l0 = layout.lineForTextPosition(start)
                    l1 = layout.lineForTextPosition(max(start, end - 1))
                    if l0.isValid() and l1.isValid():
                        y0 = top + l0.y() + l0.height() * _share_before(l0, start, text_of(block))
                        y1 = (
                            top
                            + l1.y()
                            + l1.height() * _share_before(l1, end, text_of(block), True)
                        )
                        if y1 >= 0 and y0 <= height:
                            extents[i] = (y0, y1)
                            first = i if first is None else min(first, i)
                            last = i if last is None else max(last, i)
                i += 1
            top += block_height
            block = block.next()
        if first is not None and last is not None:
            self._visible_slots = (first, last)
        return extents

    def slot_rects(self, slot: int) -> list[QRectF]:
        """Viewport rectangles, one per line, covering a sentence that is on screen."""
        model = self._model
        if not model or slot not in self.visible_extents():
            return []
        start, end = model.starts[slot], model.ends[slot]
        block = self.document().findBlock(start)
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        layout, bpos = block.layout(), block.position()
        rects = []
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            l0 = bpos + line.textStart()
            l1 = l0 + line.textLength()
            a, b = max(start, l0), min(end, l1)
            if a >= b:
                continue
            x0, x1 = _cursor_x(line, a - bpos), _cursor_x(line, b - bpos)
            rects.append(QRectF(origin.x() + x0, origin.y() + line.y(), x1 - x0, line.height()))
        return rects

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles, one per line, covering UTF-16 ``[start, end)`` of the text."""
        rects: list[QRectF] = []
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
            if origin.y() > self.viewport().height():
                break
            layout, bpos = block.layout(), block.position()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                l0 = bpos + line.textStart()
                a, b = max(start, l0), min(end, l0 + line.textLength())
                if a >= b:
                    continue
                x0, x1 = _cursor_x(line, a - bpos), _cursor_x(line, b - bpos)
                rects.append(QRectF(origin.x() + x0, origin.y() + line.y(), x1 - x0, line.height()))
            block = block.next()
        return rects

    def words_at_point(self, point: QPoint) -> int | None:
        """The moved or replaced run under ``point`` (its index in the model's ``paired``)."""
        model = self._model
        if not model or not model.paired:
            return None
        index = model.paired_at(self.cursorForPosition(point).position())
        if index is None:
            # The cursor position is the nearest gap between characters: check the point is on
            # the run's own text, not beside it.
            index = model.paired_at(self.cursorForPosition(point).position() - 1)
            if index is None:
                return None
        run = model.paired[index]
        for rect in self.range_rects(run.start, run.end):
            if rect.adjusted(-1, 0, 1, 0).contains(QPointF(point)):
                return index
        return None

    def set_word_highlight(self, ranges: list[tuple[int, int]], color: QColor) -> None:
        """Outline word runs (UTF-16 ranges): a moved phrase and its partner, under the pointer."""
        state = (list(ranges), QColor(color))
        if state == self._word_highlight:
            return
        self._word_highlight = state
        self.viewport().update()

    def word_highlight(self) -> list[tuple[int, int]]:
        return list(self._word_highlight[0])

    def slot_at_point(self, point: QPoint) -> int | None:
        if not self._model:
            return None
        cursor = self.cursorForPosition(point)
        slot = self._model.slot_at(cursor.position())
        if slot is None:
            return None
        for rect in self.slot_rects(slot):
            if rect.adjusted(-2, 0, 2, 0).contains(QPointF(point)):
                return slot
        return None

    def _laid_out(self, block):
        # QPlainTextEdit lays blocks out lazily; asking for a block's rectangle lays it out.
        self.document().documentLayout().blockBoundingRect(block)
        return block.layout()

    def line_height(self) -> float:
        return float(QFontMetrics(self.font()).lineSpacing())

    def scroll_position_to(self, position: int, viewport_y: float) -> None:
        """Scroll so that ``position``'s line sits about ``viewport_y`` pixels from the top.

        The scroll bar counts lines, and blocks not laid out yet count as one line, so the
        lines above the target are laid out and walked one by one up to ``viewport_y``.
        """
        block = self.document().findBlock(max(0, position))
        bar = self.verticalScrollBar()
        if not block.isValid():
            bar.setValue(bar.maximum())
            return
        layout = self._laid_out(block)
        line = layout.lineForTextPosition(position - block.position())
        index = line.lineNumber() if line.isValid() else 0
        room = viewport_y
        while True:
            if index > 0:
                height = layout.lineAt(index - 1).height()
                if room < height / 2:
                    break
                room -= height
                index -= 1
                continue
            previous = block.previous()
            if not previous.isValid():
                break
            previous_layout = self._laid_out(previous)
            count = max(1, previous_layout.lineCount())
            height = (
                previous_layout.lineAt(count - 1).height()
                if previous_layout.lineCount()
                else self.line_height()
            )
            if room < height / 2:
                break
            room -= height
            block, layout, index = previous, previous_layout, count - 1
        bar.setValue(block.firstLineNumber() + index)

    def position_at_y(self, viewport_y: float) -> int:
        return self.cursorForPosition(QPoint(DOCUMENT_MARGIN_PX, int(viewport_y))).position()

    def y_of_position(self, position: int) -> float:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        return self.cursorRect(cursor).top()

    # -- highlight ------------------------------------------------------------------------

    def set_highlight(
        self,
        hover_slots: list[int],
        hover_color: QColor,
        selected_slots: list[int],
        selected_color: QColor,
    ) -> None:
        """Outline the hovered and the selected sentences over the text (formats untouched)."""
        state = (
            list(hover_slots),
            QColor(hover_color),
            list(selected_slots),
            QColor(selected_color),
        )
        if state == self._highlight:
            return
        self._highlight = state
        self.viewport().update()

    def outline_path(self, slots: list[int]) -> QPainterPath:
        """One closed outline around the lines of ``slots``, not one box per line.

        Each line's rectangle reaches down to the next line's top, so the rectangles of a
        sentence overlap and their union is a single shape, like a text selection's.
        """
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for slot in slots:
            for rect in self.slot_rects(slot):
                path.addRect(rect.adjusted(-2, -OUTLINE_OVERLAP_PX, 2, OUTLINE_OVERLAP_PX))
        return path.simplified()

    def highlighted(self) -> tuple[list[int], list[int]]:
        return self._highlight[0], self._highlight[2]

    def _paint_moved(self, painter: QPainter) -> None:
        """A dotted line under each moved phrase on screen, in its kind's colour: thicker than
        a font's own dotted underline, which is too faint to tell a moved phrase at a glance."""
        model = self._model
        if not model or not model.paired:
            return
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(
            QPoint(self.viewport().width(), self.viewport().height())
        ).position()
        index = max(0, bisect_right(model.paired_starts, first) - 1)
        for run in model.paired[index:]:
            if run.start > last:
                break
            if not run.moved:
                continue
            painter.setPen(_moved_pen(colors.strong(run.kind)))
            for rect in self.range_rects(run.start, run.end):
                y = rect.bottom() - MOVED_UNDERLINE_PX
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        hover, hover_color, selected, selected_color = self._highlight
        words, words_color = self._word_highlight
        painter = QPainter(self.viewport())
        self._paint_moved(painter)
        if not (hover or selected or words):
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if words:
            path = QPainterPath()
            for start, end in words:
                for rect in self.range_rects(start, end):
                    path.addRoundedRect(rect.adjusted(-1, 0, 1, 0), 2.0, 2.0)
            painter.setPen(QPen(words_color, 2.0))
            painter.setBrush(colors.with_alpha(words_color, 60))
            painter.drawPath(path.simplified())
        for slots, color, width, alpha in (
            (selected, selected_color, 2.0, 255),
            (hover, hover_color, 1.5, 170),
        ):
            path = self.outline_path(slots)
            if path.isEmpty():
                continue
            pen = QPen(colors.with_alpha(color, alpha), width)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()

    # -- events ---------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        point = event.position().toPoint()
        slot = self.slot_at_point(point)
        self.sentence_hovered.emit(-1 if slot is None else slot)
        words = self.words_at_point(point) if slot is not None else None
        self._set_hovered_words(-1 if words is None else words)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.sentence_hovered.emit(-1)
        self._set_hovered_words(-1)

    def _set_hovered_words(self, index: int) -> None:
        if index != self._hovered_words:
            self._hovered_words = index
            self.words_hovered.emit(index)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            slot = self.slot_at_point(event.position().toPoint())
            if slot is not None:
                self.sentence_clicked.emit(slot)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        slot = self.slot_at_point(point)
        if slot is None or self.tooltip_provider is None:
            return ""
        return self.tooltip_provider(slot)

    def files_arrived(self, paths: list[str]) -> None:
        self.files_dropped.emit(paths)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_measure()
            self._invalidate()


def _cursor_x(line: QTextLine, position: int) -> float:
    """The x of a cursor at ``position`` in ``line``: PySide6 returns the (x, position) pair of
    the C++ out-parameter, which its type stubs call ``object``."""
    return cast(tuple[float, int], line.cursorToX(position))[0]


def char_format(
    kind: Kind, role: int, boilerplate: bool, palette: QPalette, tentative: bool = False
) -> QTextCharFormat:
    """The character format of a run: tint by kind, changed words stronger and struck/underlined,
    moved words dotted-underlined.

    A tentative link's sentences, changed words included, take a lighter tint (part way to the
    page's colour), so a weak link does not look like sure reuse; changed words keep their
    strike-through or underline."""
    dark = colors.is_dark(palette)
    fmt = QTextCharFormat()
    if tentative and not boilerplate:
        base = palette.color(QPalette.ColorRole.Base)
        lighter = colors.mix(colors.tint(kind, dark), base, TENTATIVE_TINT_SHARE)
        fmt.setBackground(lighter)
        if role == ROLE_DELETED:
            fmt.setFontStrikeOut(True)
        elif role == ROLE_INSERTED:
            fmt.setFontUnderline(True)
        fmt.setProperty(QTextFormat.Property.UserProperty, f"{kind.value}:{role}:tentative")
        return fmt
    if role == ROLE_MOVED:
        # Carried over word for word, at another place: not a change, so the sentence's tint;
        # the pane paints a dotted line under it in the kind's colour, and its partner lights up
        # under the pointer.
        fmt.setBackground(colors.tint(kind, dark))
    elif role in (ROLE_DELETED, ROLE_INSERTED):
        fmt.setBackground(colors.change(kind, dark))
        if role == ROLE_DELETED:
            fmt.setFontStrikeOut(True)
        else:
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    else:
        fmt.setBackground(colors.tint(kind, dark))
    if boilerplate:
        # Furniture is not article text: a neutral tint, matching the legend's grey swatch,
        # instead of the omitted/added hue that would count it as reuse at a glance.
        if role not in (ROLE_DELETED, ROLE_INSERTED):
            fmt.setBackground(colors.tint(Kind.IDENTICAL, dark))
        fmt.setForeground(colors.muted_text(palette))
        fmt.setFontItalic(True)
        if role != ROLE_INSERTED:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setProperty(QTextFormat.Property.UserProperty, f"{kind.value}:{role}")
    return fmt


def punctuation_format(kind: str, palette: QPalette) -> QTextCharFormat:
    """What a punctuation change adds to its run's format: violet text on a pale wash of it,
    faint beside the changed words' stronger tints and lines."""
    text, wash = colors.punctuation(colors.is_dark(palette))
    fmt = QTextCharFormat()
    fmt.setForeground(text)
    fmt.setBackground(wash)
    fmt.setProperty(PUNCTUATION_PROPERTY, f"punctuation:{kind}")
    return fmt


class PaneHeader(QLabel):
    """ "Source — name · N sentences · N words", the name elided in the middle; a second line
    gives a fetched page's address and the publication date when they are known."""

    def __init__(self, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._role = role
        self._name = ""
        self._details = ""
        self._origin = ""
        self._figures = ""  # the details without the furniture count, for narrow panes
        self.setObjectName(f"{role.lower()}Header")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(DOCUMENT_MARGIN_PX, 6, 6, 6)
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.set_document(None)

    def set_document(self, doc: Document | None) -> None:
        if doc is None:
            self._name, self._details, self._origin = "", "nothing loaded", ""
            self._figures = self._details
            self.setToolTip("")
        else:
            # Page furniture is counted apart, as in every figure; the format is in the name.
            furniture = len(doc.boilerplate)
            sentences = len(doc.sentences) - furniture
            self._name = doc.title or doc.name
            self._figures = (
                f"{sentences:,} sentence{'s' if sentences != 1 else ''}"
                f" · {article_words(doc):,} words"
            )
            self._details = self._figures + (
                f" · {furniture:,} {BOILERPLATE_LABEL.lower()}" if furniture else ""
            )
            self._origin = " · ".join(
                part
                for part in (doc.url or "", f"published {doc.published}" if doc.published else "")
                if part
            )
            self.setToolTip("\n".join(p for p in (doc.title, doc.url or doc.path or doc.name) if p))
        self.setAccessibleName(self.full_text())
        self._elide()

    def origin_text(self) -> str:
        """The address and publication date line ("" when neither is known)."""
        return self._origin

    def full_text(self) -> str:
        first = (
            f"{self._role} — {self._name} · {self._details}"
            if self._name
            else f"{self._role} — {self._details}"
        )
        return f"{first}\n{self._origin}" if self._origin else first

    def _elide(self) -> None:
        """Fit the header: the name elides, then goes, then the furniture count, then the role;
        the sentence and word counts never elide."""
        metrics = QFontMetrics(self.font())
        room = self.contentsRect().width() - 4
        origin = (
            "\n" + metrics.elidedText(self._origin, Qt.TextElideMode.ElideMiddle, max(40, room))
            if self._origin
            else ""
        )

        def fits(text: str) -> bool:
            return metrics.horizontalAdvance(text) <= room

        for details in dict.fromkeys((self._details, self._figures)):
            if self._name:
                fixed = metrics.horizontalAdvance(f"{self._role} —  · {details}")
                if fits(f"{self._role} — {self._name} · {details}"):
                    self.setText(f"{self._role} — {self._name} · {details}{origin}")
                    return
                if room - fixed >= MIN_NAME_PX:
                    name = metrics.elidedText(
                        self._name, Qt.TextElideMode.ElideMiddle, room - fixed
                    )
                    self.setText(f"{self._role} — {name} · {details}{origin}")
                    return
            if fits(f"{self._role} — {details}"):
                self.setText(f"{self._role} — {details}{origin}")
                return
        self.setText(self._figures + origin)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()
