"""Opening a corpus run's results: the chooser of a source, and the reading off the GUI thread.

May import: the standard library, ``corpus_results`` and PySide6. Must not import:
``viewer.core`` directly, ``viewer.cli`` or ``viewer.corpus``.

``CorpusSourceDialog.choose`` lists the sources a results folder holds, each with how many
articles reuse it, and returns the one picked (``None`` when cancelled). ``run_in_pool`` runs a
reading function on the global ``QThreadPool`` and answers through a ``CorpusTask``'s signals,
connected before it starts and delivered on the GUI thread; any exception becomes the
``failed`` message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.gui.corpus_results import CorpusResults

_ID_ROLE = 256  # Qt.ItemDataRole.UserRole
T = TypeVar("T")


class CorpusSourceDialog(QDialog):
    """A list of the sources found, most reused first; OK opens the selected one."""

    def __init__(self, results: CorpusResults, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Open Corpus Results")
        layout = QVBoxLayout(self)
        total = sum(n for _id, n in results.sources)
        lines = [
            f"{len(results.sources):,} sources reused by {total:,} article pairs. "
            "Choose the source to open as a set of outlets."
        ]
        if results.errors:
            lines.append(f"{results.errors:,} pairs failed in the run and are left out.")
        if results.problems:
            lines.append("Not read: " + "; ".join(results.problems))
        label = QLabel("\n".join(lines))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.sources = QListWidget()
        for source_id, articles in results.sources:
            item = QListWidgetItem(f"{source_id}  —  {articles:,} article{'s' * (articles != 1)}")
            item.setData(_ID_ROLE, source_id)
            self.sources.addItem(item)
        if self.sources.count():
            self.sources.setCurrentRow(0)
        self.sources.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.sources, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def chosen(self) -> str | None:
        if self.sources.currentRow() < 0:
            return None
        return str(self.sources.currentItem().data(_ID_ROLE))

    @classmethod
    def choose(cls, results: CorpusResults, parent: QWidget | None = None) -> str | None:
        dialog = cls(results, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class CorpusTask(QObject):
    """The answer of one reading: ``finished(value)`` or ``failed(message)``."""

    finished = Signal(object)
    failed = Signal(str)


def run_in_pool(
    work: Callable[[], T],
    finished: Callable[[T], None],
    failed: Callable[[str], None],
) -> CorpusTask:
    """Run ``work`` on the global thread pool; its value goes to ``finished`` and any error's
    message to ``failed``, on the thread that called this (connected before the work starts)."""
    task = CorpusTask()
    task.finished.connect(finished)
    task.failed.connect(failed)

    def run() -> None:
        try:
            value = work()
        except Exception as exc:  # every failure is a message; the window stays up
            task.failed.emit(str(exc) or type(exc).__name__)
        else:
            task.finished.emit(value)

    QThreadPool.globalInstance().start(run)
    return task


__all__ = ["CorpusSourceDialog", "CorpusTask", "run_in_pool"]
