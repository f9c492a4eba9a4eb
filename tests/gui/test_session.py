"""ComparisonSession without a window: inputs, requests, tokens and what each answer changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QThread, Signal

from viewer.core import Options, Side, compare, document_from_text
from viewer.gui.request import CompareResult, SideInput
from viewer.gui.session import ComparisonSession
from viewer.gui.view_model import ViewFilters, prepare_filtered
from viewer.gui.worker import CompareWorker
from viewer.resources import seed_path

WAIT_MS = 30_000


def _documents():
    source = document_from_text("The mayor opened the bridge. It cost ten million.", "a.txt")
    rewrite = document_from_text("The mayor opened the bridge. Crowds cheered.", "b.txt")
    return source, rewrite


def _answered(session: ComparisonSession, token: int) -> CompareResult:
    """Send the session's request as ``token`` and answer it with a real comparison."""
    source, rewrite = _documents()
    session.started(session.request(), token)
    comparison = compare(source, rewrite)
    result = CompareResult(token, source, rewrite, comparison)
    assert session.on_finished(result)
    return result


def test_a_new_session_is_empty():
    session = ComparisonSession()
    assert session.documents() == (None, None)
    assert session.comparison is None and session.result is None and session.view_model is None
    assert session.pending is None and session.token == 0
    assert not session.has_input()
    assert session.empty_side() is Side.SOURCE
    assert session.filters == ViewFilters()
    assert session.options == Options()


def test_the_request_carries_the_inputs_the_options_and_the_filters(tmp_path):
    options = Options(detect_boilerplate=False)
    session = ComparisonSession(options)
    session.set_path(Side.SOURCE, str(tmp_path / "wire.txt"))
    session.set_text(Side.REWRITE, "Pasted words.")
    session.set_filters(hide_identical=True)
    session.set_filters(show_boilerplate=False)
    request = session.request()
    assert request.source == SideInput.from_path(tmp_path / "wire.txt")
    assert request.rewrite == SideInput.from_text("Pasted words.", "Pasted rewrite")
    assert request.input(Side.REWRITE) is request.rewrite
    assert request.options is options
    assert request.filters == ViewFilters(hide_identical=True, show_boilerplate=False)
    assert session.empty_side() is None


def test_swap_exchanges_the_inputs_and_says_whether_there_were_any():
    session = ComparisonSession()
    assert not session.swap()
    session.set_text(Side.SOURCE, "Only a source.")
    assert session.swap()
    assert session.input(Side.SOURCE) is None
    assert session.input(Side.REWRITE).text == "Only a source."
    assert session.empty_side() is Side.SOURCE


def test_the_current_answer_is_shown_and_a_stale_one_changes_nothing():
    session = ComparisonSession()
    result = _answered(session, 1)
    assert session.comparison is result.comparison
    assert session.result is result
    assert session.documents() == (result.source, result.rewrite)
    assert session.pending is None

    session.set_text(Side.REWRITE, "Another rewrite.")
    request = session.request()
    session.started(request, 2)
    assert session.pending is request and session.token == 2
    source, rewrite = _documents()
    late = CompareResult(1, source, rewrite, compare(source, rewrite))
    assert not session.on_finished(late)
    assert not session.on_failed(1) and not session.on_cancelled(1)
    assert session.comparison is result.comparison
    assert session.pending is request
    assert session.input(Side.REWRITE).text == "Another rewrite."


def test_a_loaded_document_is_reused_by_the_next_request_but_not_from_a_stale_one():
    session = ComparisonSession()
    session.set_path(Side.SOURCE, "wire.txt")
    session.started(session.request(), 1)
    source, _ = _documents()
    session.on_loaded(1, Side.SOURCE, source)
    assert session.request().source.document is source
    session.started(session.request(), 2)
    session.on_loaded(1, Side.REWRITE, source)  # a late report of the replaced request
    assert session.input(Side.REWRITE) is None


@pytest.mark.parametrize("outcome", ["failed", "cancelled"])
def test_after_a_failure_or_a_cancel_the_inputs_fall_back_to_what_is_shown(outcome):
    session = ComparisonSession()
    shown = _answered(session, 1)
    session.set_path(Side.SOURCE, "missing.txt")
    session.started(session.request(), 2)
    assert getattr(session, f"on_{outcome}")(2)
    assert session.pending is None
    assert session.comparison is shown.comparison
    assert session.input(Side.SOURCE).document is shown.source
    assert session.input(Side.REWRITE).document is shown.rewrite


def test_a_one_sided_answer_shows_that_document_and_no_comparison():
    session = ComparisonSession()
    _answered(session, 1)
    source, _ = _documents()
    session.set_text(Side.SOURCE, "x")
    session.swap()
    session.started(session.request(), 2)
    assert session.on_finished(CompareResult(2, None, source))
    assert session.comparison is None and session.result is None
    assert session.documents() == (None, source)
    assert session.document(Side.REWRITE) is source


def test_progress_is_wanted_for_the_current_request_until_the_user_cancels_it():
    session = ComparisonSession()
    session.started(session.request(), 3)
    assert session.wants_progress(3) and not session.wants_progress(2)
    session.cancel_requested()
    assert not session.wants_progress(3)
    session.started(session.request(), 4)
    assert session.wants_progress(4)
    assert session.elapsed_s() >= 0


class _GuiThreadRelay(QObject):
    """Brings the worker's reports to the GUI thread, as a window's slots would receive them."""

    loaded = Signal(int, object, object)
    finished = Signal(object)


def test_a_session_drives_a_real_worker(qtbot):
    """The window's part, without the window: send the request, hand the answer back."""
    thread = QThread()
    worker = CompareWorker(prepare=prepare_filtered)
    worker.moveToThread(thread)
    thread.start()
    session = ComparisonSession(filters=ViewFilters(hide_identical=True))
    relay = _GuiThreadRelay()
    worker.loaded.connect(relay.loaded)
    worker.finished.connect(relay.finished)
    relay.loaded.connect(session.on_loaded)
    relay.finished.connect(session.on_finished)
    try:
        session.set_path(Side.SOURCE, str(seed_path("000")))
        session.set_path(Side.REWRITE, str(seed_path("001")))
        request = session.request()
        with qtbot.waitSignal(relay.finished, timeout=WAIT_MS):
            session.started(request, worker.start(request))
    finally:
        worker.cancel()
        thread.quit()
        assert thread.wait(60_000)
    comparison = session.comparison
    assert comparison is not None
    assert [doc.name for doc in session.documents()] == [
        seed_path("000").name,
        seed_path("001").name,
    ]
    assert session.view_model is not None and session.view_model.hide_identical
    assert session.input(Side.SOURCE).document is comparison.source


def test_addresses_pasted_pages_and_a_cleared_side_make_the_request():
    session = ComparisonSession()
    session.set_url(Side.SOURCE, " https://example.org/story ")
    session.set_html(Side.REWRITE, "<article><p>Hello there.</p></article>")
    request = session.request()
    assert request.source == SideInput(url="https://example.org/story", name=request.source.name)
    assert request.rewrite.html is not None and request.rewrite.name == "Pasted rewrite"
    assert request.source.address == "https://example.org/story"
    assert request.rewrite.address is None  # pasted: nothing to reopen
    session.clear_input(Side.REWRITE)
    assert session.request().rewrite is None
    assert session.empty_side() is Side.REWRITE


def test_the_lexical_result_is_shown_while_the_meaning_pass_runs():
    source, rewrite = _documents()
    session = ComparisonSession(Options(semantic=True))
    session.set_input(Side.SOURCE, SideInput.from_document(source))
    session.set_input(Side.REWRITE, SideInput.from_document(rewrite))
    session.started(session.request(), 1)
    lexical = CompareResult(1, source, rewrite, compare(source, rewrite))
    assert not session.on_refining(CompareResult(7, source, rewrite, lexical.comparison))
    assert session.on_refining(lexical)
    assert session.comparison is lexical.comparison and session.refining
    assert session.pending is not None  # the request still runs
    # cancelled now: the lexical result stays, and the next request starts from its documents
    assert session.on_cancelled(1)
    assert session.comparison is lexical.comparison and not session.refining
    assert session.request().source.document is source


def test_the_meaning_choice_goes_into_the_next_request():
    session = ComparisonSession()
    assert not session.request().options.semantic
    session.set_semantic(True)
    assert session.request().options.semantic
    session.set_semantic(False)
    assert session.options == Options()
