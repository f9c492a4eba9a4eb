"""Loads and compares a set off the GUI thread, reporting progress per outlet as Qt signals.

May import: the standard library, ``viewer.core`` (with ``viewer.core.outlets``), PySide6.QtCore
and the plain data of ``viewer.gui.set_session``. Must not import: QtWidgets, QtGui or other
``viewer.gui`` modules.

``SetWorker`` lives in a ``QThread``, as the pair worker does: ``start(request)`` returns an
increasing token, every signal carries it, starting a request cancels the one before, and
cancelling sets a flag the engine's ``cancel`` callback reads between steps. An input that
cannot be read does not stop the set: it is named in the answer's ``problems``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from typing import TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from viewer.core import Cancelled, LoadError, Progress, load_document
from viewer.core.attribution import attribute_steps
from viewer.core.outlets import compare_set_steps
from viewer.gui.set_session import SetItem, SetRequest, SetResult

PROGRESS_INTERVAL_MS = 40
T = TypeVar("T")

_log = logging.getLogger(__name__)


class SetWorker(QObject):
    """Runs ``SetRequest``s one at a time in the thread it was moved to."""

    progress = Signal(int, int, int)  # token, outlets done, outlets
    finished = Signal(object)  # the SetResult
    failed = Signal(int, str)  # token, a message for the user
    cancelled = Signal(int)  # token
    _requested = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._last_token = 0
        self._cancelled_through = 0
        self._busy = 0
        self._requested.connect(self._run)

    # -- GUI thread --------------------------------------------------------------------------

    def start(self, request: SetRequest) -> int:
        with self._lock:
            self._cancelled_through = self._last_token
            self._last_token += 1
            token = self._last_token
            self._busy += 1
        self._requested.emit(token, request)
        return token

    def cancel(self) -> None:
        with self._lock:
            self._cancelled_through = self._last_token

    def is_busy(self) -> bool:
        with self._lock:
            return self._busy > 0

    # -- worker thread -----------------------------------------------------------------------

    def _is_cancelled(self, token: int) -> bool:
        with self._lock:
            return token <= self._cancelled_through

    @Slot(int, object)
    def _run(self, token: int, request: SetRequest) -> None:
        try:
            self._execute(token, request)
        except Cancelled:
            self.cancelled.emit(token)
        except Exception as exc:  # reported to the user; the worker keeps serving
            _log.exception("set comparison failed")
            self.failed.emit(token, f"The set could not be compared ({type(exc).__name__}).")
        finally:
            with self._lock:
                self._busy -= 1

    def _load(self, item: SetItem) -> SetItem:
        if item.document is not None:
            return item
        assert item.path is not None
        return SetItem(path=item.path, document=load_document(item.path), date=item.date)

    def _execute(self, token: int, request: SetRequest) -> None:
        if self._is_cancelled(token):
            raise Cancelled()
        try:
            source = self._load(request.source)
        except LoadError as exc:
            self.failed.emit(token, f"The source could not be opened: {exc}")
            return
        problems: list[str] = []
        loaded: list[SetItem] = [source]
        origin: list[int] = []  # the request's index of each outlet that loaded
        for number, item in enumerate(request.outlets):
            if self._is_cancelled(token):
                raise Cancelled()
            try:
                loaded.append(self._load(item))
                origin.append(number)
            except LoadError as exc:
                problems.append(str(exc))
        outlets = loaded[1:]
        if not outlets:
            self.finished.emit(SetResult(token, None, tuple(problems), tuple(loaded)))
            return
        assert source.document is not None
        documents = [o.document for o in outlets if o.document is not None]
        dates = [o.date for o in outlets]

        def cancel() -> bool:
            return self._is_cancelled(token)

        attribution = None
        if request.attribute:
            primary = origin.index(request.primary) if request.primary in origin else None
            steps = attribute_steps(
                source.document, documents, request.options, cancel, primary, dates
            )
            attribution = self._drive(token, steps)
            outlet_set = attribution.outlet_set
        else:
            steps_set = compare_set_steps(
                source.document, documents, request.options, cancel, dates
            )
            outlet_set = self._drive(token, steps_set)
        self.finished.emit(
            SetResult(token, outlet_set, tuple(problems), tuple(loaded), attribution)
        )

    def _drive(self, token: int, steps: Generator[Progress, None, T]) -> T:
        last = 0.0
        while True:
            try:
                step = next(steps)
            except StopIteration as stop:
                return stop.value
            now = time.perf_counter()
            if (now - last) * 1000 >= PROGRESS_INTERVAL_MS or step.done == step.total:
                last = now
                self.progress.emit(token, step.done, step.total)


__all__ = ["SetWorker"]
