"""The window of a set: one source against many outlets, and the pair view it drills down to.

May import: the standard library, ``viewer``, ``viewer.core`` (including ``viewer.core.export``
and ``viewer.core.outlets``), PySide6 and the other ``viewer.gui`` modules. Must not import:
``viewer.cli`` or ``viewer.set_cli``.

The window turns user intent (add rewrites, drop files or a folder, remove, exclude, make an
outlet the source, open or save a set) into calls on its ``SetSession``, runs the session's
request in a ``SetWorker`` on its own thread, and shows the answer in the ``SetView``. Double-
clicking an outlet shows its pair comparison in today's ``ComparisonView``, scrolled to the
sentence; Alt+Left returns to the set. Problems go to the notice bar, never to a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.core import SUPPORTED_EXTENSIONS
from viewer.core.attribution import Attribution
from viewer.core.export import ExportError, FormatError
from viewer.core.export.set_csv import write_set_csv
from viewer.core.export.set_html import write_set_html
from viewer.core.export.set_json import SetFile, read_set_json, write_set_json
from viewer.core.outlets import OutletSet
from viewer.gui.attribution_view import AttributionView
from viewer.gui.comparison_view import ComparisonView
from viewer.gui.corpus_dialog import CorpusSourceDialog, CorpusTask, run_in_pool
from viewer.gui.corpus_results import CorpusResults, load_source_set, scan_results
from viewer.gui.notice_bar import NoticeBar
from viewer.gui.set_session import SetResult, SetSession, files_in
from viewer.gui.set_view import SetView
from viewer.gui.set_worker import SetWorker
from viewer.gui.settings import AppSettings
from viewer.gui.worker import stop_thread

STATUS_MESSAGE_MS = 5000
SET_PAGE, PAIR_PAGE, ATTRIBUTION_PAGE = 0, 1, 2
_ARTICLE_FILTER = "Articles (" + " ".join(f"*{e}" for e in SUPPORTED_EXTENSIONS) + ")"
_SET_FILTER = "Source Compare set (*.json)"


class SetWindow(QMainWindow):
    """A source, its outlets, the reuse map and the outlet table; the pair view one step down."""

    set_shown = Signal()  # a set is on screen (compared, or opened from a file)
    run_ended = Signal()  # the latest run answered, failed or was cancelled

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.session = SetSession()
        self.setWindowTitle(f"Set – {viewer.APP_NAME}")
        self.setAcceptDrops(True)
        self.resize(1400, 900)

        self.notice = NoticeBar()
        self.set_view = SetView()
        self.pair_view = ComparisonView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.set_view)
        self.stack.addWidget(self.pair_view)
        self.attribution_view = AttributionView()
        self.stack.addWidget(self.attribution_view)
        self.attribution_view.open_pair.connect(self.open_pair)
        self.attribution_view.pin_requested.connect(self.pin_primary)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        self.set_view.open_pair.connect(self.open_pair)
        self.set_view.table.table_model.date_edited.connect(self.set_date)
        self.pair_view.files_dropped.connect(lambda _side, paths: self.add_paths(paths))
        self._build_menus()

        self._corpus_task: CorpusTask | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("set-worker")
        self.worker = SetWorker()
        self.worker.moveToThread(self._thread)
        self._thread.finished.connect(self.worker.deleteLater)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self._thread.start()
        self._show_empty()

    # -- menus -------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcuts: tuple[str, ...] = (), tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(k) for k in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self.source_action = self._action(
            "Set &Source…", self.choose_source, ("Ctrl+O",), "Choose the source article"
        )
        self.add_action = self._action(
            "&Add Rewrites…", self.choose_rewrites, ("Ctrl+Shift+O",), "Add outlets' articles"
        )
        self.add_folder_action = self._action(
            "Add &Folder…", self.choose_folder, (), "Add every article in a folder"
        )
        self.open_set_action = self._action("&Open Set…", self.choose_set_file, (), "")
        self.open_corpus_action = self._action(
            "Open &Corpus Results…",
            self.choose_corpus_results,
            (),
            "Open one source of a corpus run's results as a set of outlets",
        )
        self.attribute_action = self._action(
            "A&ttribute an Article…",
            self.choose_attribution,
            (),
            "Credit each sentence of one article to the source it most likely came from",
        )
        self.recent_menu = menu.addMenu("Open &Recent Set")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_action = self._action(
            "&Save Set…", self.choose_save_path, ("Ctrl+S",), "Save the set as one file"
        )
        self.export_action = self._action(
            "&Export…", self.choose_export_path, ("Ctrl+E",), "Export as HTML, JSON or CSV"
        )
        self.close_action = self._action("&Close", self.close, ("Ctrl+W",))
        for action in (self.source_action, self.add_action, self.add_folder_action):
            menu.addAction(action)
        menu.addAction(self.attribute_action)
        menu.addSeparator()
        menu.addAction(self.open_set_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.open_corpus_action)
        menu.addAction(self.save_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.close_action)

        outlet = self.menuBar().addMenu("&Outlet")
        self.open_pair_action = self._action(
            "&Open Comparison", self._open_current, ("Ctrl+Return",), "Show the pair view"
        )
        self.exclude_action = self._action(
            "E&xclude Outlet", self.exclude_current, ("Ctrl+Shift+X",), "Leave it out of the set"
        )
        self.remove_action = self._action("&Remove Outlet", self.remove_current, ("Delete",))
        self.make_source_action = self._action(
            "&Make This Outlet the Source",
            self.make_current_source,
            (),
            "Compare every other article with this one (did B copy A rather than the wire?)",
        )
        self.include_all_action = self._action("&Include Every Outlet", self.include_all)
        for action in (
            self.open_pair_action,
            self.exclude_action,
            self.include_all_action,
            self.remove_action,
            self.make_source_action,
        ):
            outlet.addAction(action)

        view = self.menuBar().addMenu("&View")
        self.back_action = self._action(
            "&Back to the Set", self.back_to_set, ("Alt+Left",), "Return to the reuse map"
        )
        self.group_action = QAction("&Group Similar Outlets", self)
        self.group_action.setCheckable(True)
        self.group_action.toggled.connect(self.set_view.set_grouped)
        self.set_view.group_box.toggled.connect(self.group_action.setChecked)
        self.cancel_action = self._action("&Cancel", self.cancel, ("Esc",))
        view.addAction(self.back_action)
        view.addAction(self.group_action)
        view.addAction(self.cancel_action)

    # -- inputs ------------------------------------------------------------------------------

    def _last_folder(self) -> str:
        return self._settings.last_folder()

    def choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the Source", self._last_folder(), _ARTICLE_FILTER
        )
        if path:
            self.set_source(path)

    def choose_rewrites(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Add Rewrites", self._last_folder(), _ARTICLE_FILTER
        )
        if paths:
            self.add_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a Folder", self._last_folder())
        if folder:
            self.add_paths([folder])

    def choose_attribution(self) -> None:
        article, _ = QFileDialog.getOpenFileName(
            self, "Choose the Article to Attribute", self._last_folder(), _ARTICLE_FILTER
        )
        if not article:
            return
        sources, _ = QFileDialog.getOpenFileNames(
            self, "Choose the Candidate Sources", str(Path(article).parent), _ARTICLE_FILTER
        )
        if sources:
            self.attribute(article, sources)

    def attribute(self, article: str, sources: list[str]) -> None:
        """Credit the sentences of ``article`` among ``sources`` (files or folders)."""
        self.session.start_attribution(article, sources)
        self.run()

    def pin_primary(self, name: str | None) -> None:
        self.session.set_primary(name)
        self.run()

    def set_source(self, path: str) -> None:
        self.session.set_source(path)
        self._settings.set_last_folder(str(Path(path).parent))
        self.run()

    def add_paths(self, paths: list[str]) -> None:
        """Dropped or chosen files and folders: without a source yet, the first file is it."""
        paths = [str(p) for p in paths]
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            self.notice.show_message(f"“{Path(missing[0]).name}” no longer exists.", "warning")
            paths = [p for p in paths if p not in missing]
        if not paths:
            return
        if self.session.source is None:
            first = next((p for p in paths if Path(p).is_file()), None)
            if first is None:
                self.notice.show_message(
                    "Choose the source first (File ▸ Set Source…), then add a folder of rewrites.",
                    "info",
                )
                return
            self.session.set_source(first)
            paths = [p for p in paths if p != first]
        added = self.session.add_outlets(paths)
        if paths:
            self._settings.set_last_folder(str(Path(paths[0]).parent))
        if paths and not files_in(paths):
            self.notice.show_message(
                f"“{Path(paths[0]).name}” holds no articles ("
                + ", ".join(SUPPORTED_EXTENSIONS)
                + ").",
                "warning",
            )
        elif paths and not added:
            self.notice.show_message("Those articles are already in the set.", "info")
        self.run()

    def _current_name(self) -> str | None:
        outlet_set = self.session.outlet_set
        if self.session.attribute:
            outlet = self.attribution_view.selected_source()
        else:
            outlet = self.set_view.table.current_outlet()
        if outlet_set is None or outlet < 0:
            return None
        return outlet_set.spoke(outlet).name

    def set_date(self, outlet: int, text: str) -> None:
        """A date typed into the table: the set is re-ordered with it, nothing is recompared."""
        outlet_set = self.session.outlet_set
        if outlet_set is None:
            return
        name = outlet_set.spoke(outlet).name
        try:
            self.session.set_date(name, text)
        except ValueError as exc:
            self.notice.show_message(f"{name}: {exc}", "warning")
            return
        self.set_view.set_outlet_set(self.session.outlet_set)
        self.set_shown.emit()

    def remove_current(self) -> None:
        name = self._current_name()
        if name is not None and self.session.remove_outlet(name):
            self.run()

    def exclude_current(self) -> None:
        name = self._current_name()
        if name is not None:
            self.session.set_excluded(name, True)
            self.statusBar().showMessage(f"{name} is left out of the set.", STATUS_MESSAGE_MS)
            self.run()

    def include_all(self) -> None:
        self.session.excluded = []
        self.run()

    def make_current_source(self) -> None:
        if self.session.attribute:
            self.notice.show_message(
                "An attribution credits one article among its sources; pin a source as the "
                "primary one instead.",
                "info",
            )
            return
        name = self._current_name()
        if name is not None and self.session.make_source(name):
            self.run()

    # -- runs --------------------------------------------------------------------------------

    def run(self) -> None:
        if not self.session.ready():
            self._show_empty()
            return
        request = self.session.request()
        token = self.worker.start(request)
        self.session.started(request, token)
        self.progress.setRange(0, len(request.outlets))
        self.progress.setValue(0)
        self.progress.show()
        self.statusBar().showMessage(f"Comparing {len(request.outlets)} outlets…")

    def cancel(self) -> None:
        if self.worker.is_busy():
            self.worker.cancel()
        elif self.stack.currentIndex() == PAIR_PAGE:
            self.back_to_set()

    def is_busy(self) -> bool:
        return self.session.pending is not None

    def _on_progress(self, token: int, done: int, total: int) -> None:
        if self.session.is_current(token):
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.statusBar().showMessage(f"Comparing outlet {min(done + 1, total)} of {total}…")

    def _on_finished(self, result: SetResult) -> None:
        if not self.session.on_finished(result):
            return
        self.progress.hide()
        if result.attribution is not None:
            self.attribution_view.set_attribution(result.attribution)
            self.stack.setCurrentIndex(ATTRIBUTION_PAGE)
        elif result.outlet_set is not None:
            self.set_view.set_outlet_set(result.outlet_set)
            self.stack.setCurrentIndex(SET_PAGE)
        if result.outlet_set is not None:
            self.setWindowTitle(f"{result.outlet_set.hub.name} – Set – {viewer.APP_NAME}")
            what = "sources" if result.attribution is not None else "outlets"
            self.statusBar().showMessage(
                f"{len(result.outlet_set.comparisons)} {what} compared.", STATUS_MESSAGE_MS
            )
        if result.problems:
            count = len(result.problems)
            verb = "were" if count != 1 else "was"
            self.notice.show_message(
                f"{count} file{'s' * (count != 1)} could not be read and {verb} left out: "
                + "; ".join(result.problems),
                "warning",
            )
        elif result.outlet_set is not None:
            self.notice.dismiss()
        if result.outlet_set is not None:
            self.set_shown.emit()
        self.run_ended.emit()

    def _on_failed(self, token: int, message: str) -> None:
        if self.session.on_ended(token):
            self.progress.hide()
            self.notice.show_message(message, "error")
            self.run_ended.emit()

    def _on_cancelled(self, token: int) -> None:
        if self.session.on_ended(token):
            self.progress.hide()
            self.statusBar().showMessage("Cancelled.", STATUS_MESSAGE_MS)
            self.run_ended.emit()

    def _show_empty(self) -> None:
        if self.session.outlet_set is None:
            self.set_view.title.setText(
                "Drop a source and its rewrites here (several files, or a folder), or use "
                "File ▸ Set Source… and File ▸ Add Rewrites…"
            )

    # -- drill-down --------------------------------------------------------------------------

    def open_pair(self, outlet: int, sentence: int) -> None:
        """Show outlet ``outlet``'s pair, at hub sentence ``sentence`` (-1: the first linked)."""
        outlet_set = self.session.outlet_set
        if outlet_set is None or not 0 <= outlet < len(outlet_set.comparisons):
            return
        comparison = outlet_set.comparisons[outlet]
        self.pair_view.set_comparison(comparison)
        row = outlet_set.matrix[outlet]
        if not 0 <= sentence < len(row) or not row[sentence].reused:
            sentence = next((i for i, cell in enumerate(row) if cell.reused), -1)
        if sentence >= 0:
            self.pair_view.select_block(row[sentence].block)
        if not self.session.attribute:
            self.set_view.table.select_outlet(outlet)
        self.stack.setCurrentIndex(PAIR_PAGE)
        self.statusBar().showMessage(
            f"{comparison.rewrite.name} compared with {comparison.source.name}. "
            "Alt+Left returns to the set.",
            STATUS_MESSAGE_MS,
        )

    def _open_current(self) -> None:
        outlet = self.set_view.table.current_outlet()
        if outlet >= 0:
            self.open_pair(outlet, self.set_view.selected_sentence())

    def back_to_set(self) -> None:
        if self.session.attribute:
            self.stack.setCurrentIndex(ATTRIBUTION_PAGE)
            self.attribution_view.sources.setFocus()
        else:
            self.stack.setCurrentIndex(SET_PAGE)
            self.set_view.table.setFocus()

    # -- files -------------------------------------------------------------------------------

    def choose_set_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Set", self._last_folder(), _SET_FILTER)
        if path:
            self.open_set_file(path)

    def open_set_file(self, path: str) -> bool:
        try:
            stored = read_set_json(path)
        except (OSError, FormatError) as exc:
            self.notice.show_message(f"“{Path(path).name}” could not be opened: {exc}", "error")
            return False
        self.worker.cancel()
        self.session.open_file(stored, path)
        if stored.attribution is not None:
            self.attribution_view.set_attribution(stored.attribution)
            self.stack.setCurrentIndex(ATTRIBUTION_PAGE)
        else:
            self.set_view.set_outlet_set(stored.outlet_set)
            self.stack.setCurrentIndex(SET_PAGE)
        self.setWindowTitle(f"{Path(path).name} – Set – {viewer.APP_NAME}")
        self._settings.add_recent_set(str(Path(path).resolve()))
        if stored.excluded:
            names = ", ".join(e.document.name for e in stored.excluded)
            count = len(stored.excluded)
            self.notice.show_message(
                f"{count} outlet{'s are' if count != 1 else ' is'} left out of this set: {names}.",
                "info",
                [("Include Every Outlet", self.include_all)],
            )
        else:
            self.notice.dismiss()
        self.set_shown.emit()
        return True

    # -- corpus results ----------------------------------------------------------------------

    def choose_corpus_results(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open the Results Folder of a Corpus Run", self._last_folder()
        )
        if folder:
            self.open_corpus_results(folder)

    def open_corpus_results(self, folder: str) -> CorpusTask:
        """Read the folder's parts off the GUI thread, then ask which source to open."""
        self.statusBar().showMessage(f"Reading the corpus results in {folder}…")
        task = run_in_pool(lambda: scan_results(folder), self._corpus_scanned, self._corpus_failed)
        self._corpus_task = task  # kept until it answers
        return task

    def _corpus_failed(self, message: str) -> None:
        self._corpus_task = None
        self.statusBar().clearMessage()
        self.notice.show_message(f"The corpus results could not be opened: {message}", "error")
        self.run_ended.emit()

    def _corpus_scanned(self, results: CorpusResults) -> None:
        self._corpus_task = None
        self.statusBar().clearMessage()
        if not results.sources:
            self.notice.show_message(
                "The corpus results hold no pair that was compared without an error.", "warning"
            )
            self.run_ended.emit()
            return
        source_id = CorpusSourceDialog.choose(results, self)
        if source_id is None:
            self.run_ended.emit()
            return
        self.statusBar().showMessage(f"Reading the pairs of source {source_id}…")
        task = run_in_pool(
            lambda: (source_id, results.folder, *load_source_set(results, source_id)),
            self._corpus_loaded,
            self._corpus_failed,
        )
        self._corpus_task = task

    def _corpus_loaded(self, answer: tuple[str, str, OutletSet, tuple[str, ...]]) -> None:
        self._corpus_task = None
        self.statusBar().clearMessage()
        source_id, folder, outlet_set, problems = answer
        self.worker.cancel()
        self.session.open_file(SetFile(outlet_set), folder)
        self.session.saved_path = None  # a results folder is not a set file to save over
        self.set_view.set_outlet_set(outlet_set)
        self.stack.setCurrentIndex(SET_PAGE)
        self.setWindowTitle(f"{source_id} ({Path(folder).name}) – Set – {viewer.APP_NAME}")
        if problems:
            self.notice.show_message(
                f"{len(problems)} part(s) or pair(s) could not be read: " + "; ".join(problems),
                "warning",
            )
        self.set_shown.emit()
        self.run_ended.emit()

    def choose_save_path(self) -> None:
        if self.session.outlet_set is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the Set", self.session.saved_path or self._last_folder(), _SET_FILTER
        )
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_set(path)

    def _inputs(self) -> tuple[str | None, ...]:
        items = [self.session.source, *self.session.outlets]
        return tuple(item.path for item in items if item is not None)

    def _shown(self) -> OutletSet | Attribution | None:
        return self.session.attribution or self.session.outlet_set

    def save_set(self, path: str) -> bool:
        """Write the set file: the set on screen and the outlets left out of it."""
        stored = self.session.set_file()
        if stored is None:
            return False
        try:
            write_set_json(stored, path, protected=self._inputs())
        except ExportError as exc:
            self.notice.show_message(str(exc), "error")
            return False
        self.session.saved_path = path
        self._settings.add_recent_set(str(Path(path).resolve()))
        self.statusBar().showMessage(f"Saved {path}", STATUS_MESSAGE_MS)
        return True

    def choose_export_path(self) -> None:
        if self.session.outlet_set is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the Set",
            self._last_folder(),
            "Web page (*.html);;JSON (*.json);;Outlet matrix, CSV (*.csv)",
        )
        if path:
            self.export(path)

    def export(self, path: str) -> bool:
        shown = self._shown()
        if shown is None:
            return False
        suffix = Path(path).suffix.lower()
        try:
            if suffix in (".html", ".htm"):
                write_set_html(shown, path, protected=self._inputs())
            elif suffix == ".csv":
                write_set_csv(shown, path, protected=self._inputs())
            elif suffix == ".json":
                write_set_json(self.session.set_file() or shown, path, protected=self._inputs())
            else:
                raise ExportError(path, "unknown export format; use .html, .json or .csv")
        except ExportError as exc:
            self.notice.show_message(str(exc), "error")
            return False
        self.statusBar().showMessage(f"Exported {path}", STATUS_MESSAGE_MS)
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = [p for p in self._settings.recent_sets() if Path(p).exists()]
        if not paths:
            action = menu.addAction("No recent sets")
            action.setEnabled(False)
            return
        for path in paths:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_set_file(p))

    # -- drops and closing -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if not urls:
            return
        event.acceptProposedAction()
        local = [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]
        if len(local) != len(urls):
            self.notice.show_message(
                "Only files on this computer can be dropped here; web addresses are not "
                "downloaded.",
                "warning",
            )
        if local:
            self.add_paths(local)

    def shutdown_worker(self) -> bool:
        return stop_thread(self._thread, self.worker.cancel, "set")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown_worker()
        super().closeEvent(event)


__all__ = ["SetWindow"]
