"""The comparison itself: two article panes, the connector bar between them and overview rulers.

May import: the standard library, PySide6, ``viewer.core`` and the view's own modules
(``panes``, ``link_bar``, ``overview_ruler``, ``view_model``, ``colors``, ``find_bar``,
``history``, ``citation``). Must not import: the main window, the worker or settings — the
window drives this view through its public methods and signals only.

Scrolling is linked the way Meld links panes: the position of the pane being scrolled is
mapped through the anchors (linked, unmoved blocks) into the other pane, under a lock so the
other pane never scrolls the first one back.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedLayout,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.core.confidence import is_tentative
from viewer.core.facts import block_reasons
from viewer.core.kinds import KIND_STYLES, TENTATIVE_DESCRIPTION, alike
from viewer.core.model import SIDES, Block, Comparison, Document, Kind, Side
from viewer.core.punctuation_changes import block_punctuation_text
from viewer.gui import colors
from viewer.gui.citation import citation_mime, citation_of
from viewer.gui.file_drops import FileDropTarget
from viewer.gui.find_bar import FindBar, Hit, count_text, find_hits
from viewer.gui.history import JumpHistory, Place
from viewer.gui.link_bar import LINK_BAR_WIDTH_PX, LinkBar
from viewer.gui.overview_ruler import OverviewRuler
from viewer.gui.panes import PaneHeader, SentencePane, char_format, punctuation_format
from viewer.gui.view_model import ViewModel, prepare_view_model, release_later

ZOOM_MIN_STEPS, ZOOM_MAX_STEPS = -6, 20
ZOOM_STEP_PT = 1.0
MIN_POINT_SIZE_PT = 6.0
READING_POINT_SIZE_PT = 11.0  # prose is read at a slightly larger size than menus
SPLITTER_HANDLE_PX = 5
FIND_HIT_COLOUR = QColor("#ffe45c")  # every hit: a marker-pen yellow, on any tint
FIND_CURRENT_COLOUR = QColor("#ff9b3d")  # the hit the reader is on


class ComparisonView(FileDropTarget, QWidget):
    """Source on the left, rewrite on the right, bands between them; see the module docstring."""

    change_position_changed = Signal(int, int)  # 1-based index (0 when none), total
    zoom_changed = Signal(int)
    history_changed = Signal()  # back or forward became possible or impossible
    citation_copied = Signal(str)  # the plain-text citation now on the clipboard
    files_dropped = Signal(object, list)  # the pane's Side, or None for the bar and the rest

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonView")
        self.setAcceptDrops(True)
        self._comparison: Comparison | None = None
        self._model: ViewModel | None = None
        self._documents: tuple[Document | None, Document | None] = (None, None)  # source, rewrite
        self._hide_identical = False
        self._show_boilerplate = True
        self._hidden_kinds: frozenset[Kind] = frozenset()
        self._show_tentative = True
        self._facts_only = False
        self._show_punctuation = False
        self._linked = True
        self._zoom = 0
        self._selected: int | None = None
        self._hover = -1
        self._active_side = Side.REWRITE
        self._sync_locked = False
        self._hits: list[Hit] = []
        self._hit_index = -1
        self._find_jumped = False  # the search under way has left its starting place
        self._history = JumpHistory()

        self._panes = {side: SentencePane(side) for side in SIDES}
        self._headers = {side: PaneHeader(side.label.capitalize()) for side in SIDES}
        self._rulers = {side: OverviewRuler(side) for side in SIDES}
        self._bar = LinkBar(self._panes[Side.SOURCE], self._panes[Side.REWRITE])
        self._find_bar = FindBar()
        self._find_bar.hide()
        base = QApplication.font()
        self._base_point_size = max(READING_POINT_SIZE_PT, base.pointSizeF())

        # Source | bar | rewrite in a splitter, so the reader can give either article more room;
        # the window remembers its state. The bar keeps its width and starts where the panes do.
        columns = []
        for side in SIDES:
            column = QWidget()
            grid = QGridLayout(column)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(0)
            grid.addWidget(self._headers[side], 0, 0, 1, 2)
            pane_column = 1 if side is Side.SOURCE else 0  # the rulers sit on the outer edges
            grid.addWidget(self._panes[side], 1, pane_column)
            grid.addWidget(self._rulers[side], 1, 1 - pane_column)
            grid.setColumnStretch(pane_column, 1)
            columns.append(column)
        middle = QWidget()
        middle.setFixedWidth(LINK_BAR_WIDTH_PX)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        self._bar_spacer = QWidget()
        self._bar_spacer.setFixedHeight(self._headers[Side.SOURCE].sizeHint().height())
        middle_layout.addWidget(self._bar_spacer)
        middle_layout.addWidget(self._bar, 1)
        self._headers[Side.SOURCE].installEventFilter(self)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("comparisonSplitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(SPLITTER_HANDLE_PX)
        for column in (columns[0], middle, columns[1]):
            self._splitter.addWidget(column)
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 0)
        self._splitter.setStretchFactor(2, 1)

        content = QWidget()
        content.setObjectName("comparisonContent")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        content_layout.addWidget(self._splitter, 1)
        # The selected pair's kind, likeness and reasons, where the eye goes after clicking.
        self._details = QLabel(content)
        self._details.setObjectName("pairDetails")
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.RichText)
        self._details.setContentsMargins(8, 4, 8, 4)
        self._details.setAutoFillBackground(True)
        self._details.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._details_plain = ""
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.hide()
        content_layout.addWidget(self._details)
        content_layout.addWidget(self._find_bar)

        self._placeholder = QLabel("Open a source and a rewrite to compare them.")
        self._placeholder.setObjectName("comparisonPlaceholder")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setMargin(24)
        font = self._placeholder.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self._placeholder.setFont(font)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(content)
        self._content = content

        for side in SIDES:
            pane = self._panes[side]
            pane.tooltip_provider = lambda slot, side=side: self._tooltip(side, slot)
            pane.sentence_hovered.connect(
                lambda slot, side=side: self._on_sentence_hovered(side, slot)
            )
            pane.words_hovered.connect(lambda index, side=side: self._on_words_hovered(side, index))
            pane.sentence_clicked.connect(
                lambda slot, side=side: self._on_sentence_clicked(side, slot)
            )
            pane.files_dropped.connect(
                lambda paths, side=side: self.files_dropped.emit(side, paths)
            )
            pane.focused.connect(lambda side=side: self._set_active_side(side))
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(
                lambda point, side=side: self._show_context_menu(side, point)
            )
            pane.verticalScrollBar().valueChanged.connect(
                lambda _v, side=side: self._on_scrolled(side)
            )
            pane.geometry_changed.connect(self._rulers[side].update)
            self._rulers[side].span_provider = lambda side=side: self._view_span(side)
            self._rulers[side].block_clicked.connect(lambda b: self.select_block(b))
        self._bar.band_hovered.connect(self._set_hover)
        self._bar.tooltip_provider = self._band_tooltip
        self._bar.band_clicked.connect(lambda b: self.select_block(b))
        self._bar.files_dropped.connect(lambda paths: self.files_dropped.emit(None, paths))
        self._find_bar.search_changed.connect(self._on_search_changed)
        self._find_bar.step_requested.connect(lambda backward: self.find_step(backward))
        self._find_bar.closed.connect(self._on_find_closed)
        self._apply_zoom()
        self._show_page()

    # -- content --------------------------------------------------------------------------

    def set_comparison(
        self, comparison: Comparison | None, prepared: ViewModel | None = None
    ) -> None:
        """Show ``comparison`` (None clears). ``prepared`` may come from the worker thread."""
        self._comparison = comparison
        self._documents = (comparison.source, comparison.rewrite) if comparison else (None, None)
        if comparison is None:
            model = None
        elif (
            prepared is not None
            and prepared.compared is comparison
            and prepared.hide_identical == self._hide_identical
            and prepared.show_boilerplate == self._show_boilerplate
            and prepared.hidden_kinds == self._hidden_kinds
            and prepared.show_tentative == self._show_tentative
            and prepared.facts_only == self._facts_only
        ):
            model = prepared
        else:
            model = self._prepare(comparison)
        self._history.clear()
        self.history_changed.emit()
        self._apply_model(model)
        self._update_headers()
        self._show_page()
        self._emit_position()

    def _prepare(self, comparison: Comparison) -> ViewModel:
        return prepare_view_model(
            comparison,
            self._hide_identical,
            self._show_boilerplate,
            self._hidden_kinds,
            show_tentative=self._show_tentative,
            facts_only=self._facts_only,
        )

    def comparison(self) -> Comparison | None:
        return self._comparison

    def view_model(self) -> ViewModel | None:
        return self._model

    def set_documents(self, source: Document | None, rewrite: Document | None) -> None:
        """Show the headers (and plain text) of documents loaded but not compared yet."""
        self._documents = (source, rewrite)
        current = self._comparison
        if current is not None and (current.source is not source or current.rewrite is not rewrite):
            self._comparison = None
            self._apply_model(None)
            self._emit_position()
        if self._comparison is None:
            for side, doc in zip(SIDES, self._documents, strict=True):
                self._panes[side].set_plain_document(doc)
            self._history.clear()
            self.history_changed.emit()
            self._refresh_find()
        self._update_headers()
        self._show_page()

    def set_placeholder(self, text: str) -> None:
        self._placeholder.setText(text)

    def placeholder_visible(self) -> bool:
        return self._stack.currentWidget() is self._placeholder

    def _show_page(self) -> None:
        empty = self._comparison is None and self._documents == (None, None)
        self._stack.setCurrentWidget(self._placeholder if empty else self._content)

    def _update_headers(self) -> None:
        for side, doc in zip(SIDES, self._documents, strict=True):
            self._headers[side].set_document(doc)

    def _formats(self, kind: Kind, role: int, boilerplate: bool, tentative: bool = False):
        return char_format(kind, role, boilerplate, self.palette(), tentative)

    def _punctuation_format(self, kind: str) -> QTextCharFormat:
        return punctuation_format(kind, self.palette())

    def _apply_punctuation(self) -> None:
        """Draw the punctuation changes of the panes' blocks, or take them away: the panes'
        text and the comparison stay as they are."""
        model = self._model
        for side in SIDES:
            if model is not None and self._show_punctuation:
                self._panes[side].set_punctuation(model.punctuation(side), self._punctuation_format)
            else:
                self._panes[side].set_punctuation(())

    def _apply_model(self, model: ViewModel | None) -> None:
        if self._model is not None and self._model is not model:
            release_later(self._model)  # freed off the GUI thread
        self._model = model
        self._selected = None
        self._hover = -1
        with self._sync_lock():
            for side in SIDES:
                self._panes[side].set_model(model.pane(side) if model else None, self._formats)
            self._apply_punctuation()
        self._bar.set_model(model)
        self._bar.set_selected_block(-1)
        for ruler in self._rulers.values():
            ruler.set_model(model)
        self._update_highlights()
        self._refresh_find()

    def _refilter(self) -> None:
        if self._comparison is None:
            return
        keep = self._top_sentence(Side.REWRITE) or self._top_sentence(Side.SOURCE)
        selected = self._selected
        model = self._prepare(self._comparison)
        self._apply_model(model)
        if keep is not None:
            side, sentence = keep
            pane_model = model.pane(side)
            slot = bisect_left(pane_model.sentences, sentence)
            if slot < len(pane_model.sentences):
                self._panes[side].scroll_position_to(pane_model.starts[slot], 0)
                self._sync_from(side)
        if selected is not None and selected in model.visible_blocks:
            self._selected = selected
            self._bar.set_selected_block(selected)
            self._update_highlights()
        self._emit_position()

    def _top_sentence(self, side: Side) -> tuple[Side, int] | None:
        if self._model is None:
            return None
        pane = self._panes[side]
        first, last = pane.visible_slot_range()
        if last < first:
            return None
        return side, self._model.pane(side).sentences[first]

    # -- filters --------------------------------------------------------------------------

    def set_hide_identical(self, hide: bool) -> None:
        if bool(hide) != self._hide_identical:
            self._hide_identical = bool(hide)
            self._refilter()

    def hide_identical(self) -> bool:
        return self._hide_identical

    def set_hidden_kinds(self, kinds: frozenset[Kind]) -> None:
        """Leave the sentences of ``kinds`` out of both panes (the legend's toggles)."""
        if frozenset(kinds) != self._hidden_kinds:
            self._hidden_kinds = frozenset(kinds)
            self._refilter()

    def hidden_kinds(self) -> frozenset[Kind]:
        return self._hidden_kinds

    def set_show_boilerplate(self, show: bool) -> None:
        if bool(show) != self._show_boilerplate:
            self._show_boilerplate = bool(show)
            self._refilter()

    def show_boilerplate(self) -> bool:
        return self._show_boilerplate

    def set_show_tentative(self, show: bool) -> None:
        if bool(show) != self._show_tentative:
            self._show_tentative = bool(show)
            self._selected = None  # hiding or showing links renumbers the blocks
            self._refilter()

    def show_tentative(self) -> bool:
        return self._show_tentative

    def set_facts_only(self, on: bool) -> None:
        """Show only the pairs with a changed fact (View > Changed Facts)."""
        if bool(on) != self._facts_only:
            self._facts_only = bool(on)
            self._refilter()

    def facts_only(self) -> bool:
        return self._facts_only

    def set_show_punctuation(self, on: bool) -> None:
        """Draw punctuation, quote style, dash and case changes faintly (View ▸ Show
        Punctuation Changes); the panes are restyled, nothing is compared again."""
        if bool(on) != self._show_punctuation:
            self._show_punctuation = bool(on)
            self._apply_punctuation()

    def show_punctuation(self) -> bool:
        return self._show_punctuation

    def details_text(self) -> str:
        """What the details strip under the panes says about the selected pair ("" if hidden)."""
        return self._details_plain if not self._details.isHidden() else ""

    def set_linked_scrolling(self, linked: bool) -> None:
        self._linked = bool(linked)
        self._bar.linked = self._linked
        if self._linked:
            self._sync_from(self._active_side)

    def linked_scrolling(self) -> bool:
        return self._linked

    # -- widgets --------------------------------------------------------------------------

    def pane(self, side: Side) -> SentencePane:
        return self._panes[side]

    def header(self, side: Side) -> PaneHeader:
        return self._headers[side]

    def ruler(self, side: Side) -> OverviewRuler:
        return self._rulers[side]

    def link_bar(self) -> LinkBar:
        return self._bar

    def find_bar(self) -> FindBar:
        return self._find_bar

    def visible_blocks(self) -> list[int]:
        return list(self._model.visible_blocks) if self._model else []

    # -- selection and navigation ---------------------------------------------------------

    def selected_block(self) -> int | None:
        return self._selected

    def select_block(self, block_index: int) -> None:
        """Select a block and centre it in both panes: a jump, which Back returns from."""
        if self._model is None or not 0 <= block_index < len(self._model.comparison.blocks):
            return
        self._record_jump()
        self._selected = block_index
        self._bar.set_selected_block(block_index)
        self._centre_block(block_index)
        self._update_highlights()
        self._emit_position()

    def next_change(self) -> bool:
        return self._step_change(forward=True)

    def previous_change(self) -> bool:
        return self._step_change(forward=False)

    def _step_change(self, forward: bool) -> bool:
        if self._model is None or not self._model.changes:
            return False
        changes = self._model.changes
        current = self._selected
        if current is None:
            if not forward:
                return False
            target = 0
        elif forward:
            target = bisect_right(changes, current)
        else:
            target = bisect_left(changes, current) - 1
        if not 0 <= target < len(changes):
            return False
        self.select_block(changes[target])
        return True

    def _emit_position(self) -> None:
        total = len(self._model.changes) if self._model else 0
        index = 0
        if self._model is not None and self._selected is not None:
            i = bisect_left(self._model.changes, self._selected)
            if i < total and self._model.changes[i] == self._selected:
                index = i + 1
        self.change_position_changed.emit(index, total)

    def _block_slots(self, block_index: int, side: Side) -> list[int]:
        if self._model is None:
            return []
        block = self._model.comparison.blocks[block_index]
        pane_model = self._model.pane(side)
        sentences = block.sentences(side)
        return [s for s in (pane_model.slot_of(i) for i in sentences) if s is not None]

    def _centre_block(self, block_index: int) -> None:
        model = self._model
        if model is None:
            return
        placed = []
        with self._sync_lock():
            for side in SIDES:
                slots = self._block_slots(block_index, side)
                if slots:
                    pane = self._panes[side]
                    y = pane.viewport().height() / 2 - pane.line_height()
                    pane.scroll_position_to(model.pane(side).starts[slots[0]], y)
                    placed.append(side)
        if len(placed) == 1 and self._linked:
            self._sync_from(placed[0])

    def _on_sentence_clicked(self, side: Side, slot: int) -> None:
        if self._model is None:
            return
        block_index = self._model.block_of(side, self._model.pane(side).sentences[slot])
        other = side.other
        partner = self._block_slots(block_index, other)
        if partner:  # the partner pane jumps
            self._record_jump()
        self._selected = block_index
        self._bar.set_selected_block(block_index)
        pane = self._panes[side]
        y = pane.visible_extents().get(slot, (0.0, 0.0))[0]
        with self._sync_lock():
            if partner:
                self._panes[other].scroll_position_to(self._model.pane(other).starts[partner[0]], y)
        if not partner and self._linked:
            self._sync_from(side)
        self._update_highlights()
        self._emit_position()

    # -- hover and tooltips ---------------------------------------------------------------

    def _on_sentence_hovered(self, side: Side, slot: int) -> None:
        if self._model is None or slot < 0:
            self._set_hover(-1)
            return
        self._set_hover(self._model.block_of(side, self._model.pane(side).sentences[slot]))

    def _on_words_hovered(self, side: Side, index: int) -> None:
        """A moved (or replaced) run under the pointer: outline it and its partner run(s) in
        the other pane, in the kind's colour; off it, clear both."""
        ranges: dict[Side, list[tuple[int, int]]] = {each: [] for each in SIDES}
        color = QColor()
        if self._model is not None and index >= 0:
            paired = self._model.pane(side).paired[index]
            color = colors.strong(self._model.comparison.blocks[paired.block].kind)
            for each in SIDES:
                ranges[each] = [
                    (run.start, run.end)
                    for run in self._model.pane(each).partners(paired.block, paired.group)
                ]
        for each in SIDES:
            self._panes[each].set_word_highlight(ranges[each], color)

    def _set_hover(self, block_index: int) -> None:
        if block_index == self._hover:
            return
        self._hover = block_index
        self._bar.set_hover_block(block_index)
        self._update_highlights()

    def hovered_block(self) -> int:
        return self._hover

    def _update_highlights(self) -> None:
        for side in SIDES:
            hover_slots, selected_slots = [], []
            hover_color = selected_color = QColor()
            if self._model is not None:
                blocks = self._model.comparison.blocks
                if self._hover >= 0:
                    hover_slots = self._block_slots(self._hover, side)
                    hover_color = colors.strong(blocks[self._hover].kind)
                if self._selected is not None:
                    selected_slots = self._block_slots(self._selected, side)
                    selected_color = colors.strong(blocks[self._selected].kind)
            self._panes[side].set_highlight(
                hover_slots, hover_color, selected_slots, selected_color
            )
        self._update_details()

    def _update_details(self) -> None:
        if self._model is None or self._selected is None:
            self._details.hide()
            return
        comparison = self._model.comparison
        block = comparison.blocks[self._selected]
        self._details_plain = details_text(block, comparison)
        # The same words, the kind and the reasons in bold: what the reader came for.
        reasons = html.escape(block_reasons(comparison, block))
        if block.facts:
            reasons = f"⚑ <b>{reasons}</b>"
        headline = html.escape(_headline(block)).replace(
            html.escape(KIND_STYLES[block.kind].label),
            f"<b>{html.escape(KIND_STYLES[block.kind].label)}</b>",
            1,
        )
        where = html.escape(self._details_plain.rpartition("  (")[2].rstrip(")"))
        self._details.setText(f"{headline} — {reasons} &nbsp; <small>({where})</small>")
        self._details.show()

    def _band_tooltip(self, block_index: int) -> str:
        if self._model is None:
            return ""
        block = self._model.comparison.blocks[block_index]
        side = Side.SOURCE if block.source else Side.REWRITE
        return tooltip_text(block, self._model.comparison, side, block.sentences(side)[0])

    def _tooltip(self, side: Side, slot: int) -> str:
        if self._model is None:
            return ""
        sentence = self._model.pane(side).sentences[slot]
        block = self._model.comparison.blocks[self._model.block_of(side, sentence)]
        text = tooltip_text(block, self._model.comparison, side, sentence)
        if self._show_punctuation:
            punctuation = block_punctuation_text(self._model.comparison, block)
            if punctuation:
                text += f"\nPunctuation (not counted): {punctuation}"
        return text

    # -- linked scrolling -----------------------------------------------------------------

    @contextmanager
    def _sync_lock(self):
        previous, self._sync_locked = self._sync_locked, True
        try:
            yield
        finally:
            self._sync_locked = previous

    def _on_scrolled(self, side: Side) -> None:
        self._rulers[side].update()
        if self._sync_locked or not self._linked:
            return
        self._sync_from(side)

    def _sync_from(self, side: Side) -> None:
        """Scroll the other pane so the text level with ``side``'s sync point is its partner."""
        if self._model is None:
            return
        leader = self._panes[side]
        target = self._panes[side.other]
        bar = leader.verticalScrollBar()
        page, maximum, value = bar.pageStep(), bar.maximum(), bar.value()
        # The sync point is the top edge until the last screen, then slides to the bottom
        # edge so both panes reach their ends together (Meld slides it the same way).
        near_end = maximum - page
        fraction = 0.0 if value <= near_end else min(1.0, (value - near_end) / max(1, page))
        sync_y = fraction * leader.viewport().height()
        position = leader.position_at_y(sync_y)
        y = leader.y_of_position(position)
        mapped = self._model.map_position(side, position)
        with self._sync_lock():
            target.scroll_position_to(mapped, y)
        for ruler in self._rulers.values():
            ruler.update()

    def _view_span(self, side: Side) -> tuple[float, float]:
        if self._model is None:
            return 0.0, 0.0
        pane_model = self._model.pane(side)
        first, last = self._panes[side].visible_slot_range()
        if last < first or pane_model.length16 == 0:
            return 0.0, 0.0
        return pane_model.starts[first] / pane_model.length16, pane_model.ends[
            last
        ] / pane_model.length16

    # -- zoom -----------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_MIN_STEPS, min(ZOOM_MAX_STEPS, int(steps)))
        if steps == self._zoom:
            return
        self._zoom = steps
        self._apply_zoom()
        self.zoom_changed.emit(steps)

    def zoom(self) -> int:
        return self._zoom

    def _apply_zoom(self) -> None:
        size = max(MIN_POINT_SIZE_PT, self._base_point_size + self._zoom * ZOOM_STEP_PT)
        for pane in self._panes.values():
            font = QFont(pane.font())
            font.setPointSizeF(size)
            pane.setFont(font)

    # -- find and copy --------------------------------------------------------------------

    def _set_active_side(self, side: Side) -> None:
        self._active_side = side

    def active_side(self) -> Side:
        return self._active_side

    def show_find(self, side: Side | None = None) -> None:
        """Open the find bar; the search covers both texts, ``side`` is where it starts."""
        if side is not None:
            self._set_active_side(side)
        else:
            focused = next((s for s in SIDES if self._panes[s].hasFocus()), None)
            self._set_active_side(focused or self._active_side)
        selected = self._panes[self._active_side].textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) <= 200:
            self._find_bar.edit.setText(selected)
        self._find_jumped = False
        self._find_bar.show()
        self._find_bar.edit.setFocus()
        self._find_bar.edit.selectAll()
        if self._find_bar.edit.text():
            self._find_bar.search_now()

    def find_hits(self) -> list[Hit]:
        """Every hit of the find bar's query, the source's first, then the rewrite's."""
        return list(self._hits)

    def current_hit(self) -> Hit | None:
        return self._hits[self._hit_index] if 0 <= self._hit_index < len(self._hits) else None

    def _search(self) -> None:
        query = self._find_bar.query()
        self._hits = [
            hit for side in SIDES for hit in find_hits(self._panes[side].document(), side, query)
        ]
        self._hit_index = -1

    def _refresh_find(self) -> None:
        """The texts changed: search them again if the bar is open, else drop the marks."""
        if self._find_bar.isVisible() and self._find_bar.edit.text():
            self._search()
            self._show_hits()
        elif self._hits:
            self._hits, self._hit_index = [], -1
            self._show_hits()

    def _on_search_changed(self) -> None:
        """The query changed: mark every hit and go to the first one from where the reader is."""
        self._search()
        if self._hits:
            pane = self._panes[self._active_side]
            here = pane.textCursor().selectionStart()
            after = [
                i
                for i, hit in enumerate(self._hits)
                if hit.side is self._active_side and hit.start >= here
            ]
            # typing moves from hit to hit; only leaving the starting place is a jump
            self._go_to_hit(after[0] if after else 0, record=not self._find_jumped)
            self._find_jumped = True
        self._show_hits()

    def find_step(self, backward: bool = False) -> bool:
        """F3 / Shift+F3: the next (previous) hit across both texts, wrapping round."""
        bar = self._find_bar
        if not bar.isVisible() or not bar.edit.text():
            self.show_find()
            return False
        if bar.is_search_pending():
            bar.search_now()
        if not self._hits:
            self._show_hits()
            return False
        if self._hit_index < 0:
            index = len(self._hits) - 1 if backward else 0
        else:
            index = (self._hit_index + (-1 if backward else 1)) % len(self._hits)
        self._go_to_hit(index, record=True)
        self._show_hits()
        return True

    def find_next(self, text: str, backward: bool = False) -> bool:
        """Search both texts for ``text`` (with the bar's options) and go to the next hit."""
        if not text:
            return False
        if not self._find_bar.isVisible():
            self.show_find()
        if self._find_bar.edit.text() != text:
            self._find_bar.edit.setText(text)
            self._find_bar.search_now()
            return bool(self._hits)
        return self.find_step(backward)

    def _go_to_hit(self, index: int, record: bool) -> None:
        if record:
            self._record_jump()
        self._hit_index = index
        hit = self._hits[index]
        pane = self._panes[hit.side]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(hit.start)
        cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        self._set_active_side(hit.side)
        with self._sync_lock():
            pane.scroll_position_to(hit.start, pane.viewport().height() / 3)
        if self._linked:
            self._sync_from(hit.side)

    def _show_hits(self) -> None:
        current = self.current_hit()
        for side in SIDES:
            pane = self._panes[side]
            selections = []
            for hit in self._hits:
                if hit.side is not side:
                    continue
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(pane.document())
                cursor.setPosition(hit.start)
                cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                fmt.setBackground(FIND_CURRENT_COLOUR if hit == current else FIND_HIT_COLOUR)
                fmt.setForeground(QColor("#000000"))
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
            pane.setExtraSelections(selections)
        bar = self._find_bar
        if not bar.edit.text():
            bar.set_status("")
            return
        status = count_text(self._hits)
        if current is not None:
            status += f"  ({self._hit_index + 1} of {len(self._hits):,})"
        bar.set_status(status, no_match=not self._hits)

    def _on_find_closed(self) -> None:
        self._hits, self._hit_index = [], -1
        self._show_hits()
        self._panes[self._active_side].setFocus()

    # -- back and forward -----------------------------------------------------------------

    def place(self) -> Place:
        """Where the reader is now, for the jump history."""
        tops = {}
        for side in SIDES:
            top = self._top_sentence(side)
            tops[side] = top[1] if top is not None else None
        return Place(self._selected, tops[Side.SOURCE], tops[Side.REWRITE], self._active_side)

    def _record_jump(self) -> None:
        if self._model is None:
            return
        self._history.record(self.place())
        self.history_changed.emit()

    def can_go_back(self) -> bool:
        return self._history.can_go_back()

    def can_go_forward(self) -> bool:
        return self._history.can_go_forward()

    def go_back(self) -> bool:
        """Alt+Left: return to where the last jump left from; False when there is none."""
        place = self._history.back(self.place())
        return self._restore(place)

    def go_forward(self) -> bool:
        """Alt+Right: undo a Back; False when there is nothing ahead."""
        place = self._history.forward(self.place())
        return self._restore(place)

    def _restore(self, place: Place | None) -> bool:
        self.history_changed.emit()
        model = self._model
        if place is None or model is None:
            return False
        with self._sync_lock():
            for side in SIDES:
                sentence = place.top(side)
                pane_model = model.pane(side)
                if sentence is None or not pane_model.sentences:
                    continue
                slot = min(bisect_left(pane_model.sentences, sentence), len(pane_model.starts) - 1)
                self._panes[side].scroll_position_to(pane_model.starts[slot], 0)
        selected = place.selected
        if selected is not None and selected not in model.visible_blocks:
            selected = None
        self._selected = selected
        self._bar.set_selected_block(-1 if selected is None else selected)
        self._set_active_side(place.active)
        self._update_highlights()
        self._emit_position()
        for ruler in self._rulers.values():
            ruler.update()
        return True

    # -- copy as citation -----------------------------------------------------------------

    def copy_citation(self, block_index: int | None = None) -> str:
        """Put the selected pair (or ``block_index``) on the clipboard as a citation, in plain
        text and HTML; returns the plain text ("" when no pair is selected)."""
        model = self._model
        if block_index is None:
            block_index = self._selected
        if model is None or block_index is None:
            return ""
        citation = citation_of(model.comparison, model.comparison.blocks[block_index])
        mime = citation_mime(citation)
        text = mime.text()
        QGuiApplication.clipboard().setMimeData(mime)
        self.citation_copied.emit(text)
        return text

    def context_menu(self, side: Side, point: QPoint) -> QMenu:
        """The pane's menu at ``point`` (viewport coordinates): a right-click on a sentence
        selects its pair, which Copy as Citation then copies."""
        pane = self._panes[side]
        slot = pane.slot_at_point(point)
        if slot is not None and self._model is not None:
            block = self._model.block_of(side, self._model.pane(side).sentences[slot])
            if block != self._selected:
                self._selected = block
                self._bar.set_selected_block(block)
                self._update_highlights()
                self._emit_position()
        menu = QMenu(pane)
        copy = menu.addAction("&Copy", pane.copy)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(pane.textCursor().hasSelection())
        cite = menu.addAction("Copy as C&itation", lambda: self.copy_citation())
        cite.setShortcut(QKeySequence("Ctrl+Shift+C"))
        cite.setEnabled(self._selected is not None)
        cite.setToolTip("Both sentences, their kind, why, % alike and where each comes from")
        menu.addSeparator()
        menu.addAction("Select &All", pane.selectAll)
        return menu

    def _show_context_menu(self, side: Side, point: QPoint) -> None:
        menu = self.context_menu(side, point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._panes[side].viewport().mapToGlobal(point))

    def copy(self) -> None:
        focused = next((s for s in SIDES if self._panes[s].hasFocus()), self._active_side)
        self._panes[focused].copy()

    # -- events ---------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for pane in self._panes.values():
                pane.apply_formats(self._formats)  # punctuation changes too, in the new colours
            self._bar.update()
            for ruler in self._rulers.values():
                ruler.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._headers[Side.SOURCE] and isinstance(event, QResizeEvent):
            self._bar_spacer.setFixedHeight(event.size().height())  # the bar starts with the panes
        return super().eventFilter(watched, event)

    def splitter(self) -> QSplitter:
        """Source column | link bar | rewrite column; the window saves and restores its state."""
        return self._splitter

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Find):
            self.show_find()
            event.accept()
            return
        super().keyPressEvent(event)

    def files_arrived(self, paths: list[str]) -> None:
        self.files_dropped.emit(None, paths)


TOOLTIP_PARTNER_CHARS = 300  # the partner's text is cut to this many characters


def _headline(block: Block) -> str:
    parts = [KIND_STYLES[block.kind].label]
    if block.source and block.rewrite and block.kind is not Kind.IDENTICAL:
        parts.append(alike(block.alike))
        if block.meaning is not None:  # the meaning channel's cosine, when it ran
            parts.append(f"meaning {block.meaning:.2f}")
    if block.moved:
        parts.append("moved")
    if is_tentative(block):
        parts.append(f"tentative (confidence {block.confidence:.2f})")
    return " · ".join(parts)


def _partner_text(comparison: Comparison, side: Side, block: Block) -> str:
    other = side.other
    doc = comparison.document(other)
    text = " ".join(doc.sentence_text(i).strip() for i in block.sentences(other))
    if len(text) > TOOLTIP_PARTNER_CHARS:
        text = text[: TOOLTIP_PARTNER_CHARS - 1].rstrip() + "…"
    return text


def tooltip_text(block: Block, comparison: Comparison, side: Side, sentence: int) -> str:
    """What a sentence's tooltip says: its kind, % alike and move, why it got its kind (the
    facts that changed, or what else decided it) and the partner's text on the other side."""
    lines = [_headline(block), block_reasons(comparison, block)]
    if is_tentative(block):
        lines.append(TENTATIVE_DESCRIPTION[0].lower() + TENTATIVE_DESCRIPTION[1:])
    if block.source and block.rewrite:
        other = side.other
        lines.append(f"{other.label.capitalize()}: {_partner_text(comparison, side, block)}")
    if block.boilerplate or sentence in comparison.document(side).boilerplate:
        lines.append("page furniture")
    return "\n".join(lines)


def details_text(block: Block, comparison: Comparison) -> str:
    """The details strip's text for a selected pair: kind, % alike, reasons and where it is."""
    where = [
        f"{side.label} " + ", ".join(str(i + 1) for i in block.sentences(side))
        for side in SIDES
        if block.sentences(side)
    ]
    flag = "⚑ " if block.facts else ""
    return f"{_headline(block)} — {flag}{block_reasons(comparison, block)}  ({' → '.join(where)})"
