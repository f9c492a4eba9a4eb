"""Loads and compares documents off the GUI thread, reporting progress as Qt signals.

May import: the standard library, ``viewer.core``, PySide6.QtCore and the plain data of
``viewer.gui.request``. Must not import: QtWidgets, QtGui or other ``viewer.gui`` modules (a
view-model builder is passed in as a plain function).

``CompareWorker`` lives in a ``QThread``. The GUI thread calls ``start(request)``, which returns
an increasing token; every signal carries the token of the request it belongs to, so the caller
drops whatever arrives for a request it has since replaced. Starting a request cancels the one
before it; cancelling only sets a flag that the engine's ``cancel`` callback reads. The request
carries everything the run needs (inputs, options, view filters): the worker reads nothing
else, and answers with one ``CompareResult``. When the request's options ask for matching by
meaning, the lexical result comes first, as ``refining`` (the window shows it at once), and the
meaning pass then runs in the same request, with its own progress, before the answer.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.core import (
    SIDES,
    Cancelled,
    Comparison,
    Document,
    LoadError,
    Options,
    Progress,
    Side,
    compare_steps,
    document_from_html,
    document_from_text,
    load_document,
    load_url,
)
from viewer.core.collector import frozen_between_steps
from viewer.core.fetch import is_url
from viewer.core.meaning.refine import refine_steps
from viewer.gui.request import CompareRequest, CompareResult, ViewFilters, ViewModel

PROGRESS_INTERVAL_MS = 40
"""Progress signals are throttled to about one per this interval (plus every phase change)."""
RUN_SWITCH_INTERVAL_S = 0.001
"""The interpreter's thread switch interval while a comparison runs (see ``_execute``)."""
FETCH_POLL_S = 0.05
"""How often a run waiting for a web page checks whether it was cancelled."""
SHOWN_WAIT_S = 0.25
"""How long the meaning pass waits for the window to say the lexical result is on screen."""

# The cyclic garbage collector runs in whichever thread allocates, holding the GIL: a full
# collection over the engine's millions of young objects stalled the GUI thread for 40-130 ms
# per pass. Freezing what exists at each progress step keeps every pass small; the frozen
# objects return to the collector (and any cyclic garbage among them is freed) when the run ends.

_log = logging.getLogger(__name__)


class CompareWorker(QObject):
    """Runs ``CompareRequest``s one at a time in the thread it was moved to."""

    progress = Signal(int, str, int, int)  # token, phase, done, total
    loaded = Signal(int, object, object)  # token, Side, Document: reusable before the answer
    finished = Signal(object)  # the CompareResult
    failed = Signal(int, str)  # token, a message for the user
    cancelled = Signal(int)  # token
    refining = Signal(object)  # the lexical CompareResult, while the meaning pass runs
    _requested = Signal(int, object)

    def __init__(
        self,
        prepare: Callable[[Comparison, ViewFilters], ViewModel] | None = None,
        parent: QObject | None = None,
        prepare_text: Callable[[str], object] | None = None,
    ):
        """``prepare`` builds the view model of a comparison; ``prepare_text`` does, for the
        text of a document shown alone (not compared yet), what showing it needs, so that the
        GUI thread finds it done. Both run here, off the GUI thread."""
        super().__init__(parent)
        self._prepare = prepare
        self._prepare_text = prepare_text
        self._lock = threading.Lock()
        self._last_token = 0
        self._cancelled_through = 0  # every token <= this one is cancelled
        self._answered_through = 0  # requests run in order and each answers exactly once
        self._shown = threading.Event()  # the lexical result of the running request is shown
        self._requested.connect(self._run)

    # -- GUI thread --------------------------------------------------------------------------

    def shown(self, token: int) -> None:
        """The lexical result of request ``token`` (``refining``) is on screen: its meaning
        pass may start. The pass waits for this (at most ``SHOWN_WAIT_S``), so the worker does
        not contend for the interpreter while the window lays out a long text."""
        with self._lock:
            if token == self._last_token:
                self._shown.set()

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
            if self.is_cancelled(token):  # a download stopped by the cancel is no failure
                self._answer(token, self.cancelled, token)
                return
            _log.info("request %d: cannot load %s: %s", token, exc.path, exc.problem)
            problem = exc.problem.rstrip(". ")
            shown = exc.path if is_url(exc.path) else Path(exc.path).name
            self._answer(token, self.failed, token, f"Cannot open “{shown}”: {problem}.")
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

    def _drive(self, token: int, steps: Generator[Progress, None, Comparison]) -> Comparison:
        """Runs one of the engine's generators to its end, passing its progress on."""
        # What each step made is frozen before the collector walks it (see viewer.core.collector).
        frozen = frozen_between_steps(steps)
        last_phase, last_emit = "", 0.0
        while True:
            try:
                phase, done, total = next(frozen)
            except StopIteration as stop:
                return stop.value
            now = time.perf_counter()
            if (
                phase != last_phase
                or (now - last_emit) * 1000 >= PROGRESS_INTERVAL_MS
                or done >= total
            ):
                self.progress.emit(token, phase, done, total)
                last_phase, last_emit = phase, now

    def _view_model(self, comparison: Comparison, request: CompareRequest) -> ViewModel | None:
        if self._prepare is None:
            return None
        gc.freeze()
        return self._prepare(comparison, request.filters)

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

        sides = [(side, item) for side in SIDES if (item := request.input(side)) is not None]
        to_load = [(side, item) for side, item in sides if item.document is None]
        documents: dict[Side, Document] = {}
        for done, (side, item) in enumerate(to_load):
            phase = "fetching" if item.url else "reading"
            if item.text is not None or item.html is not None:
                phase = "splitting"
            self.progress.emit(token, phase, done, len(to_load))
            if item.url:
                doc = _fetch(item.url, cancel)
            elif item.html is not None:
                doc = _from_html(item.html, item.text, item.display_name)
            elif item.text is not None:
                doc = document_from_text(item.text, item.display_name)
            else:
                doc = load_document(item.path, cancel)
            if cancel():
                raise Cancelled()
            documents[side] = doc
            gc.freeze()
            self.loaded.emit(token, side, doc)
        for side, item in sides:
            if item.document is not None:
                documents[side] = item.document
        if Side.SOURCE not in documents or Side.REWRITE not in documents:
            if self._prepare_text is not None:  # shown alone, as it is
                for doc in documents.values():
                    self._prepare_text(doc.text)
            result = CompareResult(token, documents.get(Side.SOURCE), documents.get(Side.REWRITE))
            self._answer(token, self.finished, result)
            return

        options = request.options or Options()
        source, rewrite = documents[Side.SOURCE], documents[Side.REWRITE]
        lexical = replace(options, semantic=False)
        comparison = self._drive(token, compare_steps(source, rewrite, lexical, cancel))
        if cancel():
            raise Cancelled()
        if options.semantic:
            # The lexical result is shown while the meaning pass refines it.
            self._shown.clear()
            self.refining.emit(
                CompareResult(
                    token,
                    comparison.source,
                    comparison.rewrite,
                    comparison,
                    self._view_model(comparison, request),
                )
            )
            waited = 0.0
            while not self._shown.wait(FETCH_POLL_S) and waited < SHOWN_WAIT_S:
                waited += FETCH_POLL_S
                if cancel():
                    raise Cancelled()
            comparison = self._drive(token, refine_steps(comparison, cancel))
            if cancel():
                raise Cancelled()
        view_model = self._view_model(comparison, request)
        _log.info(
            "request %d: %d x %d sentences compared in %.2f s",
            token,
            len(comparison.source.sentences),
            len(comparison.rewrite.sentences),
            time.perf_counter() - started,
        )
        result = CompareResult(token, comparison.source, comparison.rewrite, comparison, view_model)
        self._answer(token, self.finished, result)


def _from_html(html: str, text: str | None, name: str) -> Document:
    """A clipboard's HTML flavour read as a page; its plain text when the HTML yields none."""
    try:
        return document_from_html(html, name)
    except LoadError:
        if text is None or not text.strip():
            raise
        return document_from_text(text, name)


def _fetch(url: str, cancel: Callable[[], bool]) -> Document:
    """``load_url`` in a thread of its own, so that a cancel is answered at once even while a
    slow server keeps the connection waiting; the abandoned download ends at its time limit."""
    outcome: list[Document | BaseException] = []

    def run() -> None:
        try:
            outcome.append(load_url(url, cancel))
        except BaseException as exc:  # handed to the waiting run, raised there
            outcome.append(exc)

    thread = threading.Thread(target=run, name="fetch", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(FETCH_POLL_S)
        if cancel():
            raise Cancelled()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


THREAD_QUIT_WAIT_MS = 3000
"""How long a closing window waits for its worker thread to stop."""


def stop_thread(thread: QThread, cancel: Callable[[], None], what: str) -> bool:
    """Cancel the run on ``thread`` and stop it; False (and a log line naming ``what``) when it
    did not stop within ``THREAD_QUIT_WAIT_MS``."""
    if not thread.isRunning():
        return True
    cancel()
    thread.quit()
    stopped = thread.wait(THREAD_QUIT_WAIT_MS)
    if not stopped:
        logging.getLogger(__name__).warning(
            "the %s thread did not stop within %d ms", what, THREAD_QUIT_WAIT_MS
        )
    return stopped
