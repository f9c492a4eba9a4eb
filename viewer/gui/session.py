"""One comparison the user works on: what they asked for, what is shown, and the run in flight.

May import: the standard library, ``viewer.core``, ``viewer.gui.request`` and
``viewer.gui.view_model``. Must not import: Qt, widgets or the worker; a session is plain
state that a test drives without a window.

The window turns user intent (open, paste, drop, swap, a filter toggled) into calls here, sends
``request()`` to the worker, tells the session the token the worker gave it, and passes on what
the worker reports. The session decides whether a report belongs to the current request and
what it changes; the window then shows ``comparison`` and ``documents()``. A report for a
request that has since been replaced changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import replace

from viewer.core import SIDES, Comparison, Document, Kind, Options, Side
from viewer.gui.request import CompareRequest, CompareResult, SideInput
from viewer.gui.view_model import ViewFilters, ViewModel


class ComparisonSession:
    """A source and a rewrite compared with one set of options.

    ``inputs`` are what the next request asks for; ``documents()`` what is on screen. They part
    while a request runs, and meet again when it answers: on success the inputs become the
    documents shown, on failure or cancel the inputs fall back to what is still shown.
    """

    def __init__(self, options: Options | None = None, filters: ViewFilters | None = None):
        self._options = options or Options()
        self._filters = filters or ViewFilters()
        self._inputs: dict[Side, SideInput | None] = dict.fromkeys(SIDES)
        self._shown: dict[Side, Document | None] = dict.fromkeys(SIDES)
        self._result: CompareResult | None = None  # the answer on screen, with a comparison
        self._pending: CompareRequest | None = None
        self._token = 0
        self._cancelling = False
        self._refining = False
        self._started_at = 0.0

    # -- what to compare ---------------------------------------------------------------------

    def input(self, side: Side) -> SideInput | None:
        return self._inputs[side]

    def has_input(self) -> bool:
        return any(self._inputs.values())

    def empty_side(self) -> Side | None:
        """The first side, source first, that nothing has been given for."""
        return next((side for side in SIDES if self._inputs[side] is None), None)

    def set_input(self, side: Side, item: SideInput) -> None:
        self._inputs[side] = item

    def set_path(self, side: Side, path: str) -> None:
        self._inputs[side] = SideInput.from_path(path)

    def set_text(self, side: Side, text: str) -> None:
        """Pasted text becomes ``side``, named "Pasted source" or "Pasted rewrite"."""
        self._inputs[side] = SideInput.from_text(text, f"Pasted {side.label}")

    def set_html(self, side: Side, html: str) -> None:
        """A clipboard's HTML becomes ``side``: the article in it, cleaned as an .html file is."""
        self._inputs[side] = SideInput.from_html(html, f"Pasted {side.label}")

    def set_url(self, side: Side, url: str) -> None:
        """The page at ``url`` becomes ``side``; the worker fetches it."""
        self._inputs[side] = SideInput.from_url(url)

    def clear_input(self, side: Side) -> None:
        """Nothing for ``side``: the next request loads the other side alone."""
        self._inputs[side] = None

    def swap(self) -> bool:
        """Exchange the source and the rewrite; False when there is nothing to swap."""
        inputs = self._inputs
        inputs[Side.SOURCE], inputs[Side.REWRITE] = inputs[Side.REWRITE], inputs[Side.SOURCE]
        return self.has_input()

    @property
    def options(self) -> Options:
        return self._options

    @property
    def filters(self) -> ViewFilters:
        return self._filters

    def set_filters(
        self,
        *,
        hide_identical: bool | None = None,
        show_boilerplate: bool | None = None,
        hidden_kinds: frozenset[Kind] | None = None,
        show_tentative: bool | None = None,
        facts_only: bool | None = None,
        show_punctuation: bool | None = None,
    ) -> None:
        """Change the filters that the next request's view model is laid out with."""
        if hidden_kinds is not None:
            self._filters = replace(self._filters, hidden_kinds=frozenset(hidden_kinds))
        if hide_identical is not None:
            self._filters = replace(self._filters, hide_identical=hide_identical)
        if show_boilerplate is not None:
            self._filters = replace(self._filters, show_boilerplate=show_boilerplate)
        if show_tentative is not None:
            self._filters = replace(self._filters, show_tentative=show_tentative)
        if facts_only is not None:
            self._filters = replace(self._filters, facts_only=facts_only)
        if show_punctuation is not None:
            self._filters = replace(self._filters, show_punctuation=show_punctuation)

    def set_semantic(self, on: bool) -> None:
        """Match by meaning (or not) from the next request on."""
        self._options = replace(self._options, semantic=on)

    # -- runs --------------------------------------------------------------------------------

    def request(self) -> CompareRequest:
        """What the worker needs to bring the screen up to the inputs."""
        return CompareRequest(
            self._inputs[Side.SOURCE], self._inputs[Side.REWRITE], self._options, self._filters
        )

    def started(self, request: CompareRequest, token: int) -> None:
        """``request`` was sent and the worker gave it ``token``: it replaces any other."""
        self._pending = request
        self._token = token
        self._cancelling = False
        self._refining = False
        self._started_at = time.perf_counter()

    @property
    def token(self) -> int:
        """The token of the latest request (0 before the first)."""
        return self._token

    @property
    def pending(self) -> CompareRequest | None:
        """The request that has not answered yet, if any."""
        return self._pending

    def is_current(self, token: int) -> bool:
        return token == self._token

    def elapsed_s(self) -> float:
        """Seconds since the latest request was sent."""
        return time.perf_counter() - self._started_at

    def cancel_requested(self) -> None:
        """The user asked to stop the pending request: its progress is no longer shown."""
        if self._pending is not None:
            self._cancelling = True

    def wants_progress(self, token: int) -> bool:
        return self.is_current(token) and not self._cancelling

    def on_loaded(self, token: int, side: Side, document: Document) -> None:
        """A document of the current request is loaded: a later request need not reload it."""
        if self.is_current(token):
            self._inputs[side] = SideInput.from_document(document)

    def on_refining(self, result: CompareResult) -> bool:
        """The current request's lexical result, shown while its meaning pass runs; False for a
        stale one. The request stays pending: cancelling it now keeps this result."""
        if not self.is_current(result.token):
            return False
        self._result = result
        self._shown = {side: result.document(side) for side in SIDES}
        self._refining = True
        return True

    @property
    def refining(self) -> bool:
        """True while the comparison on screen waits for the current request's meaning pass."""
        return self._refining and self._pending is not None

    def on_finished(self, result: CompareResult) -> bool:
        """Take the current request's answer; False (and nothing changes) for a stale one."""
        if not self.is_current(result.token):
            return False
        self._pending = None
        self._refining = False
        self._result = result if result.comparison is not None else None
        self._shown = {side: result.document(side) for side in SIDES}
        return True

    def on_failed(self, token: int) -> bool:
        """The current request failed: the next one starts from what is on screen."""
        return self._end_unanswered(token)

    def on_cancelled(self, token: int) -> bool:
        """The current request was cancelled: the next one starts from what is on screen."""
        return self._end_unanswered(token)

    def _end_unanswered(self, token: int) -> bool:
        if not self.is_current(token):
            return False
        self._pending = None
        for side, document in self._shown.items():
            self._inputs[side] = SideInput.from_document(document) if document is not None else None
        return True

    # -- what is shown -----------------------------------------------------------------------

    @property
    def result(self) -> CompareResult | None:
        """The answer whose comparison is on screen; None while no comparison is."""
        return self._result

    @property
    def comparison(self) -> Comparison | None:
        return self._result.comparison if self._result is not None else None

    @property
    def view_model(self) -> ViewModel | None:
        """The view model laid out with the comparison, for the filters its request had."""
        return self._result.view_model if self._result is not None else None

    def document(self, side: Side) -> Document | None:
        return self._shown[side]

    def documents(self) -> tuple[Document | None, Document | None]:
        """The documents on screen, source first; either may be None."""
        return self._shown[Side.SOURCE], self._shown[Side.REWRITE]
