"""Loads and compares documents off the GUI thread, reporting progress as Qt signals.

May import: the standard library, ``viewer.core``, PySide6.QtCore. Must not import: QtWidgets,
QtGui or other ``viewer.gui`` modules (a view-model builder is passed in as a plain function).

``CompareWorker`` lives in a ``QThread``. The GUI thread calls ``start(request)``, which returns
an increasing token; every signal carries the token of the request it belongs to, so the window
drops whatever arrives for a request it has since replaced. Starting a request cancels the one
before it; cancelling only sets a flag that the engine's ``cancel`` callback reads.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from viewer.core import (
    Cancelled,
    Comparison,
    Document,
    LoadError,
    Options,
    compare_steps,
    document_from_text,
    load_document,
)
from viewer.core.collector import frozen_between_steps

PROGRESS_INTERVAL_MS = 40
"""Progress signals are throttled to about one per this interval (plus every phase change)."""
RUN_SWITCH_INTERVAL_S = 0.001
"""The interpreter's thread switch interval while a comparison runs (see ``_execute``)."""

# The cyclic garbage collector runs in whichever thread allocates, holding the GIL: a full
# collection over the engine's millions of young objects stalled the GUI thread for 40-130 ms
# per pass. Freezing what exists at each progress step keeps every pass small; the frozen
# objects return to the collector (and any cyclic garbage among them is freed) when the run ends.

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SideInput:
    """One side of a request: a file to load, pasted text, or an already loaded document."""

    path: str | None = None
    text: str | None = None
    name: str = ""
    document: Document | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> SideInput:
        return cls(path=str(path), name=Path(path).name)

    @classmethod
    def from_text(cls, text: str, name: str) -> SideInput:
        return cls(text=text, name=name)

    @classmethod
    def from_document(cls, document: Document) -> SideInput:
        return cls(path=document.path, name=document.name, document=document)

    @property
    def display_name(self) -> str:
        return self.name or (Path(self.path).name if self.path else "pasted text")


@dataclass(frozen=True)
class CompareRequest:
    """Load what is not loaded yet, then compare when both sides are present."""

    left: SideInput | None
    right: SideInput | None
    options: Options | None = None


class CompareWorker(QObject):
    """Runs ``CompareRequest``s one at a time in the thread it was moved to."""

    progress = Signal(int, str, int, int)  # token, phase, done, total
    loaded = Signal(int, str, object)  # token, "left" | "right", Document
    prepared = Signal(int, object)  # token, the view model; sent just before ``finished``
    finished = Signal(int, object)  # token, Comparison (None when only one side was given)
    failed = Signal(int, str)  # token, a message for the user
    cancelled = Signal(int)  # token
    _requested = Signal(int, object)

    def __init__(
        self, prepare: Callable[[Comparison], object] | None = None, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._prepare = prepare
        self._lock = threading.Lock()
        self._last_token = 0
        self._cancelled_through = 0  # every token <= this one is cancelled
        self._answered_through = 0  # requests run in order and each answers exactly once
        self._requested.connect(self._run)

    # -- GUI thread --------------------------------------------------------------------------

    def start(self, request: CompareRequest) -> int:
        """Queue ``request`` after cancelling whatever runs or waits; returns its token."""
        with self._lock:
            self._cancelled_through = self._last_token
            self._last_token += 1
            token = self._last_token
        self._requested.emit(token, request)
        return token

    def cancel(self) -> None:
        """Ask the running and queued requests to stop; each answers with ``cancelled``."""
        with self._lock:
            self._cancelled_through = self._last_token

    def is_cancelled(self, token: int) -> bool:
        with self._lock:
            return token <= self._cancelled_through

    def is_busy(self) -> bool:
        """True while some request has been started and has not answered yet."""
        with self._lock:
            return self._answered_through < self._last_token

    # -- worker thread -----------------------------------------------------------------------

    @Slot(int, object)
    def _run(self, token: int, request: CompareRequest) -> None:
        try:
            if self.is_cancelled(token):
                raise Cancelled()
            self._execute(token, request)
        except Cancelled:
            _log.info("request %d cancelled", token)
            self._answer(token, self.cancelled, token)
        except LoadError as exc:
            _log.info("request %d: cannot load %s: %s", token, exc.path, exc.problem)
            problem = exc.problem.rstrip(". ")
            self._answer(
                token, self.failed, token, f"Cannot open “{Path(exc.path).name}”: {problem}."
            )
        except MemoryError:
            _log.exception("request %d ran out of memory", token)
            self._answer(
                token,
                self.failed,
                token,
                "Not enough memory to compare these documents. Try smaller files.",
            )
        except Exception as exc:  # any bug in the engine must reach the user, not kill the thread
            _log.exception("request %d failed unexpectedly", token)
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            self._answer(
                token,
                self.failed,
                token,
                f"The comparison failed unexpectedly ({detail}). "
                "Details were written to the log file.",
            )

    def _answer(self, token: int, signal, *args) -> None:
        with self._lock:
            self._answered_through = max(self._answered_through, token)
        signal.emit(*args)

    def _execute(self, token: int, request: CompareRequest) -> None:
        gc.freeze()
        # PySide6 releases the GIL around every call into Qt and takes it back for every Python
        # slot and event handler, so one pass of the GUI's event loop may wait for the GIL many
        # times; while the engine runs, each wait lasts up to the switch interval (5 ms by
        # default). A shorter interval keeps the window responsive for a few percent of speed.
        switch_interval_s = sys.getswitchinterval()
        sys.setswitchinterval(RUN_SWITCH_INTERVAL_S)
        try:
            self._compare(token, request)
        finally:
            sys.setswitchinterval(switch_interval_s)
            gc.unfreeze()

    def _compare(self, token: int, request: CompareRequest) -> None:
        started = time.perf_counter()

        def cancel() -> bool:  # the engine's CancelCheck
            return self.is_cancelled(token)

        sides = [
            (side, item)
            for side, item in (("left", request.left), ("right", request.right))
            if item is not None
        ]
        to_load = [(side, item) for side, item in sides if item.document is None]
        documents: dict[str, Document] = {}
        for done, (side, item) in enumerate(to_load):
            self.progress.emit(
                token, "splitting" if item.text is not None else "reading", done, len(to_load)
            )
            if item.text is not None:
                doc = document_from_text(item.text, item.display_name)
            else:
                doc = load_document(item.path)
            if cancel():
                raise Cancelled()
            documents[side] = doc
            gc.freeze()
            self.loaded.emit(token, side, doc)
        for side, item in sides:
            documents.setdefault(side, item.document)
        if "left" not in documents or "right" not in documents:
            self._answer(token, self.finished, token, None)
            return

        # What each step made is frozen before the collector walks it (see viewer.core.collector).
        steps = frozen_between_steps(
            compare_steps(documents["left"], documents["right"], request.options, cancel)
        )
        last_phase, last_emit = "", 0.0
        while True:
            try:
                phase, done, total = next(steps)
            except StopIteration as stop:
                comparison = stop.value
                break
            now = time.perf_counter()
            if (
                phase != last_phase
                or (now - last_emit) * 1000 >= PROGRESS_INTERVAL_MS
                or done >= total
            ):
                self.progress.emit(token, phase, done, total)
                last_phase, last_emit = phase, now
        if cancel():
            raise Cancelled()
        if self._prepare is not None:
            gc.freeze()
            self.prepared.emit(token, self._prepare(comparison))
        _log.info(
            "request %d: %d x %d sentences compared in %.2f s",
            token,
            len(comparison.left.sentences),
            len(comparison.right.sentences),
            time.perf_counter() - started,
        )
        self._answer(token, self.finished, token, comparison)
