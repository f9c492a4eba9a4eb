"""The main window: menus, toolbar, status bar, file handling, and the worker that feeds the view.

May import: the standard library, ``viewer``, ``viewer.core`` (including ``viewer.core.export``),
``viewer.resources``, PySide6 and the other ``viewer.gui`` modules. Must not import:
``viewer.cli``. The window never compares anything itself: it turns user intent (open, drop,
paste, swap) into changes of its ``ComparisonSession``, sends the session's request to the
``CompareWorker`` in its thread, hands the answers back to the session, and shows what the
session then holds in the ``ComparisonView``. Problems are reported in the notice bar, never in
a modal dialog, and the comparison on screen stays until a new one is ready.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.core import (
    SIDES,
    SUPPORTED_EXTENSIONS,
    Comparison,
    Document,
    Kind,
    Side,
    export,
    meaning,
)
from viewer.core.fetch import is_url
from viewer.core.kinds import KIND_STYLES
from viewer.gui import crash
from viewer.gui.comparison_view import ComparisonView
from viewer.gui.file_drops import dropped_addresses
from viewer.gui.new_comparison import (
    NewComparisonDialog,
    OpenUrlDialog,
    clipboard_contents,
    clipboard_problem,
    file_filter,
    pasted_input,
)
from viewer.gui.notice_bar import NoticeBar
from viewer.gui.reading_help import READING_TITLE, ReadingDialog
from viewer.gui.request import CompareResult, SideInput, ViewModel
from viewer.gui.sample_banner import SampleBanner
from viewer.gui.session import ComparisonSession
from viewer.gui.set_session import files_in
from viewer.gui.set_window import SetWindow
from viewer.gui.settings import AppSettings
from viewer.gui.summary_strip import SummaryStrip
from viewer.gui.view_model import is_identical_in_place, prepare_filtered, shown_text
from viewer.gui.worker import CompareWorker, stop_thread
from viewer.resources import seed_path

PROGRESS_DELAY_MS = 150
"""A run shorter than this never flashes the progress bar."""
STATUS_MESSAGE_MS = 6000
"""How long closing the window waits for a cancelled run to wind down."""
TOOLBAR_ICON_PX = 20

PHASE_LABELS = {
    "fetching": "Fetching the page",
    "reading": "Reading files",
    "splitting": "Splitting sentences",
    "aligning": "Aligning sentences",
    "classifying": "Classifying",
    "word diffs": "Comparing words",
    "matching by meaning": "Matching by meaning",
}

_log = logging.getLogger(__name__)


def _glyph_icon(glyph: str, colour: QColor, size_px: int = 32) -> QIcon:
    """An icon drawn from one character, for actions no icon theme or QStyle covers."""
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont()
    font.setPixelSize(int(size_px * 0.8))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


def short_address(address: str) -> str:
    """A file's name, or a web address without its scheme: what a menu entry shows."""
    if is_url(address):
        return address.split("://", 1)[1].rstrip("/")
    return Path(address).name


def _address_input(address: str) -> SideInput:
    return SideInput.from_url(address) if is_url(address) else SideInput.from_path(address)


def _reopenable(address: str) -> bool:
    return is_url(address) or Path(address).is_file()


def _is_the_sample(comparison: Comparison) -> bool:
    """Whether ``comparison`` is the first-start sample: the AFP story and its spun copy."""
    try:
        sample = (seed_path("000").resolve(), seed_path("001").resolve())
    except (FileNotFoundError, OSError):
        return False
    source, rewrite = comparison.source.path, comparison.rewrite.path
    if not source or not rewrite:
        return False
    return (Path(source).resolve(), Path(rewrite).resolve()) == sample


def _open_local(path: str) -> None:
    """Open a file or folder in the desktop's application for it."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class _ExportSignals(QObject):
    done = Signal(object, str)  # the task, the path written
    failed = Signal(object, str)  # the task, the message


# Exports still being written. They belong to no window: a window closed (and deleted) while
# one runs must not take the task and its signals with it, and the file is finished anyway.
_RUNNING_EXPORTS: set[_ExportTask] = set()
EXPORT_CLOSE_WAIT_MS = 30_000  # how long closing the window waits for an export to finish


class _ExportTask(QRunnable):
    """Writes one export on the global thread pool: big comparisons take a while to render."""

    def __init__(self, comparison: Comparison, path: str):
        super().__init__()
        self.signals = _ExportSignals()
        self._comparison, self._path = comparison, path

    def run(self) -> None:
        try:
            export.export_comparison(self._comparison, self._path)
        except export.ExportError as exc:
            self.signals.failed.emit(self, str(exc))
        except Exception as exc:  # a bug in an exporter: logged, reported, never a crash
            _log.exception("export to %s failed", self._path)
            self.signals.failed.emit(self, f"{self._path}: {type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self, self._path)
        finally:
            _RUNNING_EXPORTS.discard(self)


class ProgressPanel(QWidget):
    """Status-bar widget: phase text, a progress bar and a Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop this comparison and keep the previous one (Esc)")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)

    def set_progress(self, phase: str, done: int, total: int) -> None:
        text = PHASE_LABELS.get(phase, phase.capitalize()) + "…"
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setToolTip(f"{done:,} of {total:,}")
        else:
            self.bar.setRange(0, 0)  # busy indicator
            self.bar.setToolTip("")
        self.label.setText(text)


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: every action that has a shortcut, in menu order."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = [
            (
                a.text().replace("&", "").rstrip(".…"),
                ",  ".join(
                    k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()
                ),
            )
            for a in actions
            if a.shortcuts()
        ]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)


class MainWindow(QMainWindow):
    """Source Compare's window. ``settings`` decides where everything is remembered."""

    comparison_shown = Signal(object)  # the Comparison now on screen
    run_failed = Signal(str)  # the message shown to the user
    run_cancelled = Signal()
    run_progress = Signal(str, int, int)  # phase, done, total of the current request

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.session = ComparisonSession()
        self._held: SideInput | None = None  # the rewrite kept aside while a new source loads
        self._new_dialog: NewComparisonDialog | None = None
        # Why matching by meaning cannot run here (the semantic extra or its model is missing).
        self._meaning_unavailable = meaning.unavailable_reason()
        self._set_windows: list[SetWindow] = []
        self._shortcuts_dialog: ShortcutsDialog | None = None
        self._export_tasks: set[_ExportTask] = set()

        self.setWindowTitle(viewer.APP_NAME)
        self.setAcceptDrops(True)
        self.view = ComparisonView(self)
        self.summary_strip = SummaryStrip(self)
        self.notice_bar = NoticeBar(self)
        self.sample_banner = SampleBanner(self)
        self.sample_banner.open_requested.connect(lambda: self.choose_file(Side.SOURCE))
        self._reading_dialog: ReadingDialog | None = None
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.sample_banner)
        layout.addWidget(self.summary_strip)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self._build_worker()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.view.files_dropped.connect(self.handle_drop)
        self.view.splitter().splitterMoved.connect(lambda _pos, _index: self._align_summary())
        self.summary_strip.kind_toggled.connect(self._set_kind_shown)
        self.view.change_position_changed.connect(self._on_change_position)
        self.view.zoom_changed.connect(self._settings.set_zoom)
        self.view.history_changed.connect(self._update_history_actions)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self._reveal_progress)
        self._restore_settings()
        self._update_actions()
        self._show_placeholder()

    # -- construction --------------------------------------------------------------------------

    def _build_worker(self) -> None:
        self._thread = QThread(self)
        self._thread.setObjectName("compare-worker")
        self.worker = CompareWorker(prepare=prepare_filtered, prepare_text=shown_text)
        self.worker.moveToThread(self._thread)
        self._thread.finished.connect(self.worker.deleteLater)
        self.worker.progress.connect(self._on_progress)
        self.worker.loaded.connect(self._on_loaded)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.refining.connect(self._on_refining)
        self._thread.start()

    def _icon(self, theme: str, fallback: QStyle.StandardPixmap) -> QIcon:
        return QIcon.fromTheme(theme, self.style().standardIcon(fallback))

    def _set_glyph_icon(self, action: QAction, theme: str, glyph: str) -> None:
        """The desktop's themed icon if any, else ``glyph`` in the palette's text colour."""
        if theme and QIcon.hasThemeIcon(theme):
            action.setIcon(QIcon.fromTheme(theme))
            return
        self._glyph_actions[action] = glyph
        action.setIcon(_glyph_icon(glyph, self.palette().color(QPalette.ColorRole.WindowText)))

    def _action(
        self,
        text: str,
        slot: Callable,
        shortcuts=(),
        tip: str = "",
        icon: QIcon | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(k) for k in shortcuts])
        if tip:
            action.setStatusTip(tip)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys and keys not in tip else tip)
        if icon is not None:
            action.setIcon(icon)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts keep working with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        pixmap = QStyle.StandardPixmap
        self._glyph_actions: dict[QAction, str] = {}
        self.open_source_action = self._action(
            "Open &Source…",
            lambda: self.choose_file(Side.SOURCE),
            [QKeySequence.StandardKey.Open],
            "Open the original article (left)",
            self._icon("document-open", pixmap.SP_DialogOpenButton),
        )
        self.open_source_action.setIconText("Source…")
        self.open_rewrite_action = self._action(
            "Open &Rewrite…",
            lambda: self.choose_file(Side.REWRITE),
            ["Ctrl+Shift+O"],
            "Open the article made from it (right)",
            self._icon("document-open", pixmap.SP_DialogOpenButton),
        )
        self.open_rewrite_action.setIconText("Rewrite…")
        self.new_comparison_action = self._action(
            "&New Comparison…",
            self.new_comparison,
            [QKeySequence.StandardKey.New],
            "Choose the source and the rewrite (files, web addresses or pasted text), "
            "then compare them",
            self._icon("document-new", pixmap.SP_FileIcon),
        )
        self.new_comparison_action.setIconText("New…")
        self.open_url_action = self._action(
            "Open &Web Address…",
            self.choose_url,
            ["Ctrl+U"],
            "Fetch a web page as the source or the rewrite",
        )
        self.clear_recent_action = self._action("&Clear Recent Comparisons", self.clear_recent)
        self.export_action = self._action(
            "&Export…",
            self.choose_export,
            ["Ctrl+E"],
            "Save this comparison as HTML, JSON or CSV",
            self._icon("document-save-as", pixmap.SP_DialogSaveButton),
        )
        self.quit_action = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.copy_action = self._action(
            "&Copy", self.view.copy, [QKeySequence.StandardKey.Copy], "Copy the selected text"
        )
        self.copy_citation_action = self._action(
            "Copy as C&itation",
            self.copy_citation,
            ["Ctrl+Shift+C"],
            "Copy the selected pair with its kind, why, % alike and both documents' origins",
        )
        self.find_action = self._action(
            "&Find…",
            self.view.show_find,
            [QKeySequence.StandardKey.Find],
            "Find text in both articles, as you type",
        )
        self.find_next_action = self._action(
            "Find &Next", lambda: self.view.find_step(False), ["F3"], "Go to the next match"
        )
        self.find_previous_action = self._action(
            "Find Pre&vious",
            lambda: self.view.find_step(True),
            ["Shift+F3"],
            "Go to the previous match",
        )
        self.paste_source_action = self._action(
            "Paste as Sour&ce",
            lambda: self.paste_as(Side.SOURCE),
            ["Ctrl+Shift+V"],
            "Use the text on the clipboard as the source (left)",
        )
        self.paste_rewrite_action = self._action(
            "Paste as Re&write",
            lambda: self.paste_as(Side.REWRITE),
            ["Ctrl+Alt+V"],
            "Use the text on the clipboard as the rewrite (right)",
        )
        self.swap_action = self._action(
            "S&wap Sides", self.swap_sides, ["Ctrl+Shift+S"], "Exchange the source and the rewrite"
        )
        self._set_glyph_icon(self.swap_action, "", "⇄")

        self.hide_identical_action = self._action(
            "&Hide Identical Sentences",
            self._set_hide_identical,
            ["Ctrl+H"],
            "Show only the sentences that changed",
            checkable=True,
        )
        self._set_glyph_icon(self.hide_identical_action, "", "≠")
        self.hide_identical_action.setIconText("Hide identical")
        self.show_boilerplate_action = self._action(
            "Show &Page Furniture",
            self._set_show_boilerplate,
            ["Ctrl+Shift+H"],
            "Show headline lists, navigation and other text that is not part of the article",
            checkable=True,
        )
        self.show_tentative_action = self._action(
            "Show &Tentative Links",
            self._set_show_tentative,
            ["Ctrl+Shift+T"],
            "Show links with little evidence for them (dashed); hidden, their sentences show as "
            "omitted and added",
            checkable=True,
        )
        self.show_punctuation_action = self._action(
            "Show P&unctuation Changes",
            self._set_show_punctuation,
            [],
            "Draw faintly where carried-over words differ only in punctuation, quote style, "
            "dashes or case; these are never counted as changes",
            checkable=True,
        )
        self.facts_only_action = self._action(
            "Changed &Facts",
            self._set_facts_only,
            [],
            "Show only the pairs where a figure, date, name, negation, quotation or attribution "
            "changed",
            checkable=True,
        )
        self.link_scrolling_action = self._action(
            "&Link Scrolling",
            self._set_linked_scrolling,
            ["Ctrl+L"],
            "Scroll both articles together",
            checkable=True,
        )
        self.match_by_meaning_action = self._action(
            "Match by &Meaning",
            self._set_match_by_meaning,
            [],
            "Also link sentences that say the same thing in other words (sentence embeddings)"
            if self._meaning_unavailable is None
            else f"Not available: {self._meaning_unavailable}",
            checkable=True,
        )
        self.match_by_meaning_action.setEnabled(self._meaning_unavailable is None)
        self.zoom_in_action = self._action(
            "Zoom &In", self.view.zoom_in, [QKeySequence.StandardKey.ZoomIn, "Ctrl+="]
        )
        self.zoom_out_action = self._action(
            "Zoom &Out", self.view.zoom_out, [QKeySequence.StandardKey.ZoomOut]
        )
        self.zoom_reset_action = self._action("&Reset Zoom", self.view.zoom_reset, ["Ctrl+0"])

        self.next_change_action = self._action(
            "&Next Change", self.next_change, ["F7", "Alt+Down"], "Go to the next change (F7)"
        )
        self._set_glyph_icon(self.next_change_action, "go-down", "▼")
        self.next_change_action.setIconText("Next")
        self.previous_change_action = self._action(
            "&Previous Change",
            self.previous_change,
            ["Shift+F7", "Alt+Up"],
            "Go to the previous change (Shift+F7)",
        )
        self._set_glyph_icon(self.previous_change_action, "go-up", "▲")
        self.previous_change_action.setIconText("Previous")
        self.back_action = self._action(
            "&Back", self.go_back, ["Alt+Left"], "Return to where the last jump left from"
        )
        self._set_glyph_icon(self.back_action, "go-previous", "←")
        self.forward_action = self._action(
            "&Forward", self.go_forward, ["Alt+Right"], "Go forward again after going back"
        )
        self._set_glyph_icon(self.forward_action, "go-next", "→")
        self.cancel_action = self._action(
            "Cancel Comparison", self.cancel_run, ["Esc"], "Stop the running comparison"
        )

        self.shortcuts_action = self._action(
            "&Keyboard Shortcuts", self.show_shortcuts, [QKeySequence.StandardKey.HelpContents]
        )
        self.new_set_action = self._action(
            "&Many Outlets…",
            lambda: self.open_set_window([]),
            ["Ctrl+Shift+N"],
            "Compare one source with many rewrites: the reuse map and the outlet table",
        )
        self.open_set_action = self._action(
            "Open &Set…", self.choose_set_file, [], "Open a saved set of outlets"
        )
        self.open_corpus_action = self._action(
            "Open &Corpus Results…",
            self.choose_corpus_results,
            [],
            "Open one source of a corpus run's results as a set of outlets",
        )
        self.reading_action = self._action(f"&{READING_TITLE}", self.show_reading)
        self.about_action = self._action(f"&About {viewer.APP_NAME}", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_comparison_action)
        file_menu.addSeparator()
        file_menu.addActions(
            [self.open_source_action, self.open_rewrite_action, self.open_url_action]
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.new_set_action, self.open_set_action, self.open_corpus_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.copy_action, self.copy_citation_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.find_next_action, self.find_previous_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.paste_source_action, self.paste_rewrite_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.swap_action)

        view_menu = bar.addMenu("&View")
        view_menu.addActions(
            [
                self.hide_identical_action,
                self.facts_only_action,
                self.show_boilerplate_action,
                self.show_tentative_action,
                self.show_punctuation_action,
                self.link_scrolling_action,
            ]
        )
        view_menu.addSeparator()
        view_menu.addAction(self.match_by_meaning_action)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])

        go_menu = bar.addMenu("&Go")
        go_menu.addActions([self.next_change_action, self.previous_change_action])
        go_menu.addSeparator()
        go_menu.addActions([self.back_action, self.forward_action])

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.reading_action, self.shortcuts_action, self.about_action])
        self._fill_recent_menu()

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("MainToolBar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(TOOLBAR_ICON_PX, TOOLBAR_ICON_PX))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [
                self.new_comparison_action,
                self.open_source_action,
                self.open_rewrite_action,
                self.swap_action,
            ]
        )
        toolbar.addSeparator()
        toolbar.addActions(
            [self.previous_change_action, self.next_change_action, self.hide_identical_action]
        )
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.position_label = QLabel(self)
        self.position_label.setContentsMargins(6, 0, 6, 0)
        self.progress_panel = ProgressPanel(self)
        self.progress_panel.cancel_requested.connect(self.cancel_run)
        self.progress_panel.hide()
        self.facts_label = QLabel(self)
        self.facts_label.setContentsMargins(6, 0, 6, 0)
        self.facts_label.setToolTip(
            "Pairs where a figure, date, name, negation, quotation or attribution changed "
            "(View ▸ Changed Facts shows only them)"
        )
        status.addPermanentWidget(self.progress_panel)
        status.addPermanentWidget(self.facts_label)
        status.addPermanentWidget(self.position_label)
        # The one-line hint that the comparison is by wording alone, and why.
        self.meaning_hint = QLabel("Matching by wording only", self)
        self.meaning_hint.setContentsMargins(6, 0, 6, 0)
        self.meaning_hint.setToolTip(
            f"Matching by meaning is not installed: {self._meaning_unavailable}."
        )
        self.meaning_hint.setVisible(self._meaning_unavailable is not None)
        status.addPermanentWidget(self.meaning_hint)

    # -- settings ------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        geometry = s.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = s.window_state()
        if state is not None:
            self.restoreState(state)
        splitter_state = s.splitter_state()
        if splitter_state is not None:
            self.view.splitter().restoreState(splitter_state)
        for action, value in (
            (self.hide_identical_action, s.hide_identical()),
            (self.show_boilerplate_action, s.show_boilerplate()),
            (self.show_tentative_action, s.show_tentative()),
            (self.show_punctuation_action, s.show_punctuation()),
            (self.link_scrolling_action, s.linked_scrolling()),
            (
                self.match_by_meaning_action,
                s.match_by_meaning() and self._meaning_unavailable is None,
            ),
        ):
            action.setChecked(value)
            action.toggled.emit(value)  # also when the value equals the default
        hidden = s.hidden_kinds()
        self.summary_strip.set_hidden_kinds(hidden)
        self.view.set_hidden_kinds(hidden)
        self.session.set_filters(hidden_kinds=hidden)
        self.view.set_zoom(s.zoom())

    def save_settings(self) -> None:
        s = self._settings
        s.set_geometry(self.saveGeometry())
        s.set_window_state(self.saveState())
        s.set_splitter_state(self.view.splitter().saveState())
        s.set_zoom(self.view.zoom())
        s.sync()

    def _set_hide_identical(self, on: bool) -> None:
        self.view.set_hide_identical(on)
        self.session.set_filters(hide_identical=on)
        self._settings.set_hide_identical(on)
        self._say_what_hide_identical_hid()

    def _say_what_hide_identical_hid(self) -> None:
        """With Hide Identical on, the status bar says how much it hid, or that nothing was."""
        comparison = self.comparison()
        if comparison is None or not self.view.hide_identical():
            return
        hidden = sum(len(b.source) for b in comparison.blocks if is_identical_in_place(b))
        self.statusBar().showMessage(
            f"Hid {hidden:,} identical sentence{'s' if hidden != 1 else ''}."
            if hidden
            else "Nothing to hide: no sentence is identical and in place.",
            STATUS_MESSAGE_MS,
        )

    def _set_show_boilerplate(self, on: bool) -> None:
        self.view.set_show_boilerplate(on)
        self.session.set_filters(show_boilerplate=on)
        self._settings.set_show_boilerplate(on)

    def _set_show_tentative(self, on: bool) -> None:
        self.view.set_show_tentative(on)
        self.session.set_filters(show_tentative=on)
        self._settings.set_show_tentative(on)

    def _set_show_punctuation(self, on: bool) -> None:
        self.view.set_show_punctuation(on)
        self.session.set_filters(show_punctuation=on)
        self.summary_strip.word_legend.set_show_punctuation(on)
        self._settings.set_show_punctuation(on)

    def _set_facts_only(self, on: bool) -> None:
        # A filter for one look, not a preference: it is not saved in the settings.
        self.view.set_facts_only(on)
        self.session.set_filters(facts_only=on)

    def _set_kind_shown(self, kind: Kind, shown: bool) -> None:
        hidden = set(self.view.hidden_kinds())
        (hidden.discard if shown else hidden.add)(kind)
        self.view.set_hidden_kinds(frozenset(hidden))
        self.session.set_filters(hidden_kinds=frozenset(hidden))
        self._settings.set_hidden_kinds(frozenset(hidden))
        label = KIND_STYLES[kind].label
        self.statusBar().showMessage(
            f"{label} sentences shown." if shown else f"{label} sentences hidden.",
            STATUS_MESSAGE_MS,
        )

    def _align_summary(self) -> None:
        """Keep each share bar over the pane it describes."""
        sizes = self.view.splitter().sizes()
        if len(sizes) == 3:
            handle = self.view.splitter().handleWidth()
            self.summary_strip.align_to(sizes[0], sizes[1] + 2 * handle, sizes[2])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._align_summary()

    def _set_linked_scrolling(self, on: bool) -> None:
        self.view.set_linked_scrolling(on)
        self._settings.set_linked_scrolling(on)

    def _set_match_by_meaning(self, on: bool) -> None:
        if self._meaning_unavailable is not None:
            return  # the setting waits for an installation that has the extra
        self._settings.set_match_by_meaning(on)
        if on == self.session.options.semantic:
            return
        self.session.set_semantic(on)
        if self.comparison() is not None or self.session.pending is not None:
            self._start()  # the comparison on screen is redone with the new choice

    # -- opening -------------------------------------------------------------------------------

    def open_initial(self, paths: list[str] | None = None) -> None:
        """What the window shows at start: ``paths``, else the last comparison, else the samples."""
        paths = list(paths or [])
        if len(paths) >= 2:
            self.open_files(paths[0], paths[1])
            return
        if len(paths) == 1:
            self.open_files(paths[0], None)
            return
        last = self._settings.last_comparison()
        if last and all(Path(p).is_file() for p in last):  # never a fetch at start-up
            self.open_files(*last)
            return
        try:
            source, rewrite = seed_path("000"), seed_path("001")
        except FileNotFoundError:
            _log.warning("the sample articles are missing; starting empty")
            self._show_placeholder()
            return
        self.open_files(str(source), str(rewrite))

    def open_files(self, source: str | None, rewrite: str | None) -> int:
        """Load ``source`` and/or ``rewrite`` (None keeps that side), compare; returns the token.

        Either may be a web address instead of a file."""
        self._held = None
        for side, address in zip(SIDES, (source, rewrite), strict=True):
            if address is not None:
                self.session.set_input(side, _address_input(address))
        return self._start()

    def open_side(self, side: Side, path: str) -> int:
        """One side replaced by a file or a web address; see ``replace_side``."""
        return self.replace_side(side, _address_input(path))

    def open_url(self, side: Side, url: str) -> int:
        """The page at ``url`` becomes ``side``, fetched by the worker; 0 if it is no address."""
        if not is_url(url):
            self.show_notice(
                f"“{url.strip()[:200]}” is not a web address: it must start with http:// or "
                "https://.",
                "warning",
            )
            return 0
        return self.replace_side(side, SideInput.from_url(url))

    def replace_side(self, side: Side, item: SideInput) -> int:
        """One side replaced, the other kept; returns the request's token.

        A new rewrite is compared with the source at once. A new source is not compared with
        the old rewrite (that run would be thrown away when the rewrite that belongs with it
        follows): it is loaded alone, and the window offers to compare it with the rewrite
        that was shown."""
        self._held = None
        self.session.set_input(side, item)
        other = self.session.input(Side.REWRITE)
        if side is Side.SOURCE and self.comparison() is not None and other is not None:
            self._held = other
            self.session.clear_input(Side.REWRITE)
        return self._start()

    def compare_with_held(self) -> int:
        """Compare the source just opened with the rewrite that was shown before it."""
        held, self._held = self._held, None
        if held is None:
            return 0
        self.session.set_input(Side.REWRITE, held)
        return self._start()

    def _run_held(self) -> None:
        self.compare_with_held()

    def new_comparison(self) -> NewComparisonDialog:
        """File ▸ New Comparison: both sides in one dialog, then one run."""
        if self._new_dialog is not None:
            self._new_dialog.close()
        current = {side: self.session.input(side) for side in SIDES}
        if self._held is not None:
            current[Side.REWRITE] = self._held
        dialog = NewComparisonDialog(current, self._settings.last_folder(), self)
        dialog.accepted.connect(lambda d=dialog: self._run_new(d))
        self._new_dialog = dialog
        dialog.open()  # window-modal, never a nested event loop
        return dialog

    def _run_new(self, dialog: NewComparisonDialog) -> None:
        self._held = None
        for side in SIDES:
            item = dialog.choice(side)
            if item is not None:
                self.session.set_input(side, item)
                if item.path:
                    self._settings.set_last_folder(str(Path(item.path).parent))
        self._start()

    def choose_url(self) -> OpenUrlDialog:
        """File ▸ Open Web Address: an address typed (or the clipboard's) for either side."""
        clip = QGuiApplication.clipboard().text().strip()
        side = self.session.empty_side() or Side.SOURCE
        dialog = OpenUrlDialog(side, clip if is_url(clip) and "\n" not in clip else "", self)
        dialog.accepted.connect(lambda d=dialog: self.open_url(d.side(), d.url()))
        dialog.open()
        return dialog

    def choose_file(self, side: Side) -> None:
        """File > Open Source / Open Rewrite: a file dialog for one side."""
        current = self.session.document(side)
        folder = (
            str(Path(current.path).parent)
            if current and current.path
            else self._settings.last_folder()
        )
        path, _filter = QFileDialog.getOpenFileName(
            self, f"Open {side.label.capitalize()}", folder, file_filter()
        )
        if path:
            self._settings.set_last_folder(str(Path(path).parent))
            self.open_side(side, path)

    def paste_as(self, side: Side) -> None:
        """Edit > Paste as Source / Rewrite: the clipboard becomes that side.

        A web address is fetched; a page's HTML flavour is cleaned as an .html file is (no
        menus, banners or share bars); plain text is taken as it is."""
        pasted = clipboard_contents()
        address = pasted.text.strip() if pasted is not None else ""
        if is_url(address) and not any(c.isspace() for c in address):
            self.open_url(side, address)
            return
        problem = clipboard_problem(pasted)
        if problem or pasted is None:
            self.show_notice(problem, "warning")
            return
        self.replace_side(side, pasted_input(side, pasted))

    def swap_sides(self) -> None:
        if not self.session.swap():
            return
        self._start()

    def handle_drop(self, side: Side | None, paths: list) -> bool:
        """Files or web addresses dropped on a pane (``side``) or anywhere else (None); False
        when refused."""
        paths = [str(p) for p in paths]
        if not paths:
            self.show_notice(
                "Only files on this computer and web pages (http:// or https://) can be "
                "dropped here.",
                "warning",
            )
            return False
        if len(paths) > 2 or any(not is_url(p) and Path(p).is_dir() for p in paths):
            # several rewrites, or a folder of them: one source against many outlets
            local = [p for p in paths if not is_url(p)]
            if not files_in(local):
                extensions = ", ".join(SUPPORTED_EXTENSIONS)
                self.show_notice(
                    f"“{short_address(paths[0])}” holds no articles ({extensions}).", "warning"
                )
                return False
            window = self.open_set_window(local)
            if len(local) != len(paths):
                window.notice.show_message(
                    "Web addresses are not taken into a set: save those pages and add the files.",
                    "info",
                )
            return True
        for path in paths:
            if is_url(path):
                continue
            p = Path(path)
            if not p.exists():
                self.show_notice(f"“{p.name}” no longer exists.", "warning")
                return False
        if len(paths) == 2:
            self.open_files(paths[0], paths[1])
        elif side is not None:
            self.open_side(side, paths[0])
        elif (empty := self.session.empty_side()) is not None:
            self.open_side(empty, paths[0])
        else:
            self.show_notice(
                f"Drop “{short_address(paths[0])}” onto the source (left) or the rewrite (right) "
                "to replace that side.",
                "info",
            )
            return False
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if not urls:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.handle_drop(None, dropped_addresses(event.mimeData()))

    # -- sets of outlets ------------------------------------------------------------------------

    def open_set_window(self, paths: list[str]) -> SetWindow:
        """A window for one source against many outlets. Dropped files: the first is the
        source; a folder alone: the source on screen here, if any, against its articles."""
        window = SetWindow(self._settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _obj=None, w=window: self._forget_set_window(w))
        self._set_windows.append(window)
        source = self.session.document(Side.SOURCE)
        if paths and all(Path(p).is_dir() for p in paths) and source and source.path:
            window.session.set_source(source.path)
        window.show()
        if paths:
            window.add_paths(paths)
        return window

    def _forget_set_window(self, window: SetWindow) -> None:
        if window in self._set_windows:
            self._set_windows.remove(window)

    def set_windows(self) -> list[SetWindow]:
        return list(self._set_windows)

    def choose_set_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a Set", self._settings.last_folder(), "Source Compare set (*.json)"
        )
        if path:
            self.open_set_file(path)

    def open_set_file(self, path: str) -> SetWindow | None:
        window = self.open_set_window([])
        if not window.open_set_file(path):
            self.show_notice(window.notice.text(), "warning")
            window.close()
            return None
        return window

    def choose_corpus_results(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open the Results Folder of a Corpus Run", self._settings.last_folder()
        )
        if folder:
            self.open_corpus_results(folder)

    def open_corpus_results(self, folder: str) -> SetWindow:
        """A set window that reads a corpus run's results and opens the source chosen."""
        window = self.open_set_window([])
        window.open_corpus_results(folder)
        return window

    # -- recent comparisons ----------------------------------------------------------------------

    def _prune_recent(self) -> list[tuple[str, str]]:
        pairs = self._settings.recent_comparisons()
        kept = [pair for pair in pairs if all(_reopenable(p) for p in pair)]
        if len(kept) != len(pairs):
            self._settings.set_recent_comparisons(kept)
            gone = len(pairs) - len(kept)
            self.statusBar().showMessage(
                f"Removed {gone} recent comparison{'s' if gone > 1 else ''} "
                "whose files no longer exist.",
                STATUS_MESSAGE_MS,
            )
        return kept

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        pairs = self._prune_recent()
        for number, (source, rewrite) in enumerate(pairs, 1):
            label = f"{short_address(source)}  ↔  {short_address(rewrite)}".replace("&", "&&")
            action = menu.addAction(f"&{number % 10}  {label}" if number <= 10 else label)
            action.setToolTip(f"{source}\n{rewrite}")
            action.setStatusTip(f"{source}  ↔  {rewrite}")
            action.triggered.connect(
                lambda _checked=False, s=source, r=rewrite: self.open_recent(s, r)
            )
        if pairs:
            menu.addSeparator()
        sets = [p for p in self._settings.recent_sets() if Path(p).is_file()]
        for path in sets:
            action = menu.addAction(f"Set: {Path(path).name}".replace("&", "&&"))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_set_file(p))
        if sets:
            menu.addSeparator()
        menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(pairs or sets))
        menu.setEnabled(True)

    def open_recent(self, source: str, rewrite: str) -> None:
        missing = [p for p in (source, rewrite) if not _reopenable(p)]
        if missing:
            self._prune_recent()
            self.show_notice(
                " and ".join(f"“{Path(p).name}”" for p in missing)
                + (" no longer exists." if len(missing) == 1 else " no longer exist.")
                + " It was removed from the recent comparisons.",
                "warning",
            )
            return
        self.open_files(source, rewrite)

    def clear_recent(self) -> None:
        self._settings.set_recent_comparisons([])
        self._settings.set_recent_sets([])
        self._fill_recent_menu()
        self.statusBar().showMessage("Recent comparisons cleared.", STATUS_MESSAGE_MS)

    # -- running the worker ------------------------------------------------------------------

    def _start(self) -> int:
        request = self.session.request()
        self.session.started(request, self.worker.start(request))
        self.statusBar().clearMessage()  # the progress panel speaks now
        self.progress_panel.set_progress("reading", 0, 0)
        if not self.progress_panel.isVisible():
            self._progress_timer.start()
        self._update_actions()
        return self.session.token

    def is_running(self) -> bool:
        return self.worker.is_busy()

    def cancel_run(self) -> None:
        if self.worker.is_busy():
            self.session.cancel_requested()
            self.worker.cancel()
            self.progress_panel.label.setText("Cancelling…")

    def current_token(self) -> int:
        return self.session.token

    def _reveal_progress(self) -> None:
        if self.worker.is_busy():
            self.progress_panel.show()

    def _end_run(self) -> None:
        self._progress_timer.stop()
        self.progress_panel.hide()
        self._update_actions()

    def _on_progress(self, token: int, phase: str, done: int, total: int) -> None:
        if self.session.wants_progress(token):
            self.progress_panel.set_progress(phase, done, total)
            self.run_progress.emit(phase, done, total)

    def _on_loaded(self, token: int, side: Side, document: Document) -> None:
        self.session.on_loaded(token, side, document)

    def _on_refining(self, result: CompareResult) -> None:
        """The lexical result, shown while the meaning pass refines it."""
        if not self.session.on_refining(result):
            return  # a newer request replaced this one
        assert result.comparison is not None  # only sent for a comparison
        self._show_comparison(result.comparison, result.view_model)
        self.statusBar().clearMessage()  # the progress panel says what runs now
        # The meaning pass may start once the result is painted (the paint is queued first).
        QTimer.singleShot(0, self, lambda token=result.token: self.worker.shown(token))

    def _on_finished(self, result: CompareResult) -> None:
        if not self.session.on_finished(result):
            return  # a newer request replaced this one
        self._end_run()
        comparison = result.comparison
        source, rewrite = self.session.documents()
        if comparison is None:  # only one side so far
            self.view.set_comparison(None)
            self.summary_strip.set_summary(None)
            self.sample_banner.hide()
            self.view.set_documents(source, rewrite)
            self._show_placeholder()
            if source is not None and rewrite is None and self._held is not None:
                held = self._held.display_name
                self.show_notice(
                    f"New source loaded. Open its rewrite (Ctrl+Shift+O), or compare it with "
                    f"the rewrite shown before, “{held}”.",
                    "info",
                    [(f"Compare with “{held}”", lambda: self._run_held())],
                )
            elif source is not None and rewrite is None:
                self.show_notice(
                    "Now open the rewrite (File ▸ Open Rewrite…, Ctrl+Shift+O) or drop it "
                    "onto the right side.",
                    "info",
                )
            elif rewrite is not None and source is None:
                self.show_notice(
                    "Now open the source (File ▸ Open Source…, Ctrl+O) or drop it onto the "
                    "left side.",
                    "info",
                )
            self._update_title()
            self._update_actions()
            return
        self._show_comparison(comparison, result.view_model)
        elapsed = self.session.elapsed_s()
        how = " by wording and meaning" if comparison.options.semantic else ""
        message = (
            f"Compared {len(comparison.source.sentences):,} with "
            f"{len(comparison.rewrite.sentences):,} sentences{how} in {elapsed:.1f} s."
        )
        if comparison.meaning_note:
            message += " " + comparison.meaning_note
        if self.view.hide_identical() and not any(
            is_identical_in_place(b) for b in comparison.blocks
        ):
            message += " Hide Identical is on, but no sentence is identical and in place."
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
        self.comparison_shown.emit(comparison)

    def _show_comparison(self, comparison: Comparison, view_model: ViewModel | None) -> None:
        self.view.set_comparison(comparison, prepared=view_model)
        self.summary_strip.set_summary(comparison)
        self.sample_banner.setVisible(_is_the_sample(comparison))
        if (
            not self.notice_bar.buttons()
        ):  # advice about the last attempt is moot; an export's offer is not
            self.notice_bar.dismiss()
        repairs = [
            f"“{doc.name}”: {notice}."
            for doc in (comparison.source, comparison.rewrite)
            for notice in doc.notices
        ]
        if repairs:  # what loading had to repair (invalid bytes replaced), so no one is misled
            self.show_notice(" ".join(repairs), "warning")
        self._remember(comparison)
        self._update_title()
        self._update_actions()
        _log.info("showing %s ↔ %s", comparison.source.name, comparison.rewrite.name)

    def _on_failed(self, token: int, message: str) -> None:
        if not self.session.on_failed(token):
            return
        self._held = None  # the session went back to what is shown, rewrite included
        self._end_run()
        keep = " The previous comparison is still shown." if self.comparison() is not None else ""
        self.show_notice(message + keep, "error")
        self.run_failed.emit(message)

    def _on_cancelled(self, token: int) -> None:
        refining = self.session.refining
        if not self.session.on_cancelled(token):
            return
        self._held = None
        self._end_run()
        if refining:
            self.statusBar().showMessage(
                "Matching by meaning cancelled; the comparison by wording is shown.",
                STATUS_MESSAGE_MS,
            )
            self.run_cancelled.emit()
            return
        keep = "; the previous comparison is still shown." if self.comparison() is not None else "."
        self.statusBar().showMessage(f"Comparison cancelled{keep}", STATUS_MESSAGE_MS)
        self.run_cancelled.emit()

    def _remember(self, comparison: Comparison) -> None:
        """Open Recent lists what was compared: files (the samples too) and web addresses."""
        source = comparison.source.path or comparison.source.url
        rewrite = comparison.rewrite.path or comparison.rewrite.url
        if not source or not rewrite:
            return  # pasted text cannot be reopened
        self._settings.add_recent_comparison(source, rewrite)
        if comparison.source.path and comparison.rewrite.path:
            self._settings.set_last_comparison(source, rewrite)  # start-up never fetches
        self._fill_recent_menu()

    # -- navigation and status ------------------------------------------------------------------

    def next_change(self) -> None:
        if not self.view.next_change():
            self.statusBar().showMessage("No more changes below.", STATUS_MESSAGE_MS)

    def previous_change(self) -> None:
        if not self.view.previous_change():
            self.statusBar().showMessage("No more changes above.", STATUS_MESSAGE_MS)

    def copy_citation(self) -> None:
        """Edit ▸ Copy as Citation: the selected pair, as plain text and HTML."""
        if self.view.copy_citation():
            self.statusBar().showMessage("Citation copied.", STATUS_MESSAGE_MS)
        else:
            self.statusBar().showMessage(
                "Select a sentence first (click it, or press F7), then copy it as a citation.",
                STATUS_MESSAGE_MS,
            )

    def go_back(self) -> None:
        if not self.view.go_back():
            self.statusBar().showMessage("No earlier place to go back to.", STATUS_MESSAGE_MS)

    def go_forward(self) -> None:
        if not self.view.go_forward():
            self.statusBar().showMessage("Nothing to go forward to.", STATUS_MESSAGE_MS)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.view.can_go_back())
        self.forward_action.setEnabled(self.view.can_go_forward())

    def _on_change_position(self, index: int, total: int) -> None:
        if self.view.comparison() is None:
            text = ""
        elif total == 0:
            text = "no changes"
        elif index == 0:
            text = f"{total} change{'s' if total != 1 else ''}"
        else:
            text = f"change {index} of {total}"
        self.position_label.setText(text)

    def position_text(self) -> str:
        return self.position_label.text()

    def _update_title(self) -> None:
        # Qt adds the application's display name to every window title ("… — Source
        # Compare"), so the title itself names only what is compared.
        source, rewrite = self.documents()
        if source is None and rewrite is None:
            self.setWindowTitle("")
            return
        self.setWindowTitle(
            f"{source.name if source else '…'} ↔ {rewrite.name if rewrite else '…'}"
        )

    def _update_actions(self) -> None:
        has_comparison = self.comparison() is not None
        self.summary_strip.setVisible(has_comparison)  # empty bars and zero counts say nothing
        for action in (
            self.next_change_action,
            self.previous_change_action,
            self.find_action,
            self.copy_citation_action,
            self.find_next_action,
            self.find_previous_action,
        ):
            action.setEnabled(has_comparison)
        self._update_history_actions()
        self.export_action.setEnabled(has_comparison)
        self.facts_only_action.setEnabled(has_comparison)
        comparison = self.comparison()
        changed = sum(1 for block in comparison.blocks if block.facts) if comparison else 0
        noun = "pair" if changed == 1 else "pairs"
        self.facts_label.setText(f"⚑ {changed:,} {noun} with changed facts" if comparison else "")
        self.swap_action.setEnabled(self.session.has_input())
        self.cancel_action.setEnabled(self.worker.is_busy())

    def _show_placeholder(self) -> None:
        source, rewrite = self.session.documents()
        if source is not None and rewrite is None:
            text = "Now open or drop the rewrite: the article made from this source."
        elif rewrite is not None and source is None:
            text = "Now open or drop the source: the original article."
        else:
            text = (
                "Drop two articles here, the source first, then the rewrite —\n"
                "or use File ▸ Open Source… and File ▸ Open Rewrite…"
            )
        self.view.set_placeholder(text)

    def show_notice(
        self,
        text: str,
        level: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
    ) -> None:
        """A non-modal message at the top of the window, also echoed in the status bar."""
        self.notice_bar.show_message(text, level, actions)
        self.statusBar().showMessage(text.split("\n")[0], STATUS_MESSAGE_MS)
        (_log.warning if level != "info" else _log.info)("notice: %s", text)

    # -- export ------------------------------------------------------------------------------

    def choose_export(self) -> None:
        comparison = self.comparison()
        if comparison is None:
            return
        filters = [
            f"{f.description} ({' '.join('*' + ext for ext in f.extensions)})"
            for f in export.FORMATS
        ]
        source, rewrite = comparison.source, comparison.rewrite
        stem = f"{Path(source.name).stem} vs {Path(rewrite.name).stem}"
        folder = self._settings.last_folder() or str(Path.home())
        first_ext = export.FORMATS[0].extensions[0]
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export Comparison", str(Path(folder) / f"{stem}{first_ext}"), ";;".join(filters)
        )
        if not path:
            return
        if not Path(path).suffix and chosen in filters:
            path += export.FORMATS[filters.index(chosen)].extensions[0]
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the comparison on screen to ``path`` off the GUI thread."""
        comparison = self.comparison()
        if comparison is None:
            return
        task = _ExportTask(comparison, path)
        task.setAutoDelete(False)
        self._export_tasks.add(task)
        _RUNNING_EXPORTS.add(task)
        # Bound methods of the window: Qt drops the connections when the window is deleted.
        task.signals.done.connect(self._on_export_done)
        task.signals.failed.connect(self._on_export_failed)
        self.statusBar().showMessage(f"Exporting to {Path(path).name}…")
        QThreadPool.globalInstance().start(task)

    def _on_export_done(self, task: _ExportTask, path: str) -> None:
        self._export_tasks.discard(task)
        self._settings.set_last_folder(str(Path(path).parent))
        self.show_notice(
            f"Exported to “{Path(path).name}”.",
            "info",
            [
                ("Open", lambda: _open_local(path)),
                ("Show Folder", lambda: _open_local(str(Path(path).parent))),
            ],
        )

    def _on_export_failed(self, task: _ExportTask, message: str) -> None:
        self._export_tasks.discard(task)
        self.show_notice(f"Could not export: {message}", "error")

    # -- help --------------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        if self._shortcuts_dialog is None:
            ordered = [a for menu in self.menuBar().findChildren(QMenu) for a in menu.actions()]
            ordered += [self.cancel_action]
            self._shortcuts_dialog = ShortcutsDialog(list(dict.fromkeys(ordered)), self)
        self._shortcuts_dialog.show()
        self._shortcuts_dialog.raise_()

    def show_reading(self) -> ReadingDialog:
        """Help ▸ Reading the Comparison: one non-modal page, raised when already open."""
        if self._reading_dialog is None:
            self._reading_dialog = ReadingDialog(self)
        self._reading_dialog.show()
        self._reading_dialog.raise_()
        self._reading_dialog.activateWindow()
        return self._reading_dialog

    def _meaning_about(self) -> str:
        """The About box's paragraph on matching by meaning."""
        if self._meaning_unavailable is not None:
            return (
                "<p>Matching by meaning is not installed: "
                f"{html.escape(self._meaning_unavailable)}. Sentences are matched by their "
                "wording only.</p>"
            )
        state = (
            "on" if self.match_by_meaning_action.isChecked() else "off (View ▸ Match by Meaning)"
        )
        return (
            f"<p>Matching by meaning: {state}. Sentence embeddings by all-MiniLM-L6-v2 "
            "(Apache License 2.0), run on this computer with ONNX Runtime.</p>"
        )

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(f"About {viewer.APP_NAME}")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>{viewer.APP_NAME} {viewer.__version__}</h3>"
            "<p>See exactly how one article was made from another: which sentences were "
            "copied, edited, paraphrased, partly reused, left out or added.</p>"
            + self._meaning_about()
            + "<p>Free software under the GNU General Public License, version 3 or later.</p>"
            + (
                f"<p><small>Log file: {html.escape(str(log))}</small></p>"
                if (log := crash.log_file())
                else ""
            )
        )
        box.open()  # window-modal but never blocks the event loop
        return box

    # -- events --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_glyph_actions"):
            colour = self.palette().color(QPalette.ColorRole.WindowText)
            for action, glyph in self._glyph_actions.items():
                action.setIcon(_glyph_icon(glyph, colour))
        super().changeEvent(event)

    def shutdown_worker(self) -> bool:
        """Cancel any run and stop the worker thread; False if it did not stop in time."""
        return stop_thread(self._thread, self.worker.cancel, "comparison")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.shutdown_worker()
        if self._export_tasks:
            # Let the export finish (it is written atomically: all or nothing) before the app
            # may leave; its answer is no longer wanted.
            for task in self._export_tasks:
                task.signals.done.disconnect(self._on_export_done)
                task.signals.failed.disconnect(self._on_export_failed)
            self._export_tasks.clear()
            QThreadPool.globalInstance().waitForDone(EXPORT_CLOSE_WAIT_MS)
        for window in list(self._set_windows):
            window.close()
        if self._shortcuts_dialog is not None:
            self._shortcuts_dialog.close()
        super().closeEvent(event)

    def comparison(self) -> Comparison | None:
        """The comparison on screen."""
        return self.session.comparison

    def documents(self) -> tuple[Document | None, Document | None]:
        """The documents on screen, source first."""
        return self.session.documents()
