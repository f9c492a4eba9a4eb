"""CompareWorker in its QThread: loading, comparing, failing, cancelling, and token order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QThread, Signal

from viewer.core import Comparison, Kind, Options, Side, document_from_text, meaning
from viewer.gui.request import CompareRequest, CompareResult, SideInput
from viewer.gui.view_model import ViewFilters, prepare_filtered
from viewer.gui.worker import CompareWorker
from viewer.resources import seed_path

WAIT_MS = 30_000


class GuiThreadRelay(QObject):
    """Re-emits the worker's signals in the GUI thread, as the window receives them."""

    progress = Signal(int, str, int, int)
    loaded = Signal(int, object, object)
    finished = Signal(object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    refining = Signal(object)

    def __init__(self, worker: CompareWorker):
        super().__init__()
        self.worker = worker
        for name in ("progress", "loaded", "finished", "failed", "cancelled", "refining"):
            getattr(worker, name).connect(getattr(self, name))

    def start(self, request: CompareRequest) -> int:
        return self.worker.start(request)

    def cancel(self) -> None:
        self.worker.cancel()

    def is_busy(self) -> bool:
        return self.worker.is_busy()


@pytest.fixture
def worker(qtbot):
    thread = QThread()
    worker = CompareWorker()
    worker.moveToThread(thread)
    thread.start()
    yield GuiThreadRelay(worker)
    worker.cancel()
    thread.quit()
    assert thread.wait(60_000)


def test_compares_two_files_and_reports_progress(qtbot, worker):
    progress, loaded = [], []
    worker.progress.connect(lambda *args: progress.append(args))
    worker.loaded.connect(lambda token, side, doc: loaded.append((token, side, doc.name)))
    request = CompareRequest(
        SideInput.from_path(seed_path("000")), SideInput.from_path(seed_path("001"))
    )
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as blocker:
        token = worker.start(request)
    (result,) = blocker.args
    assert isinstance(result, CompareResult)
    assert result.token == token == 1
    comparison = result.comparison
    assert isinstance(comparison, Comparison)
    assert (result.source, result.rewrite) == (comparison.source, comparison.rewrite)
    assert result.view_model is None  # this worker was given no view-model builder
    assert comparison.source.name == seed_path("000").name
    assert comparison.rewrite.name == seed_path("001").name
    assert {side for _, side, _ in loaded} == {Side.SOURCE, Side.REWRITE}
    assert progress and progress[0][:2] == (token, "reading")
    assert all(args[0] == token for args in progress)
    assert not worker.is_busy()


def test_reuses_loaded_documents_and_pasted_text(qtbot, worker):
    left = document_from_text("The mayor opened the bridge on Monday. It cost ten million.", "a")
    loaded = []
    worker.loaded.connect(lambda token, side, doc: loaded.append(side))
    request = CompareRequest(
        SideInput.from_document(left),
        SideInput.from_text(
            "The mayor opened the bridge on Monday. Crowds cheered.", "Pasted rewrite"
        ),
    )
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as blocker:
        worker.start(request)
    comparison = blocker.args[0].comparison
    assert loaded == [Side.REWRITE]  # the source document was not loaded again
    assert comparison.source is left
    assert comparison.rewrite.name == "Pasted rewrite"
    assert comparison.rewrite.format == "text"
    kinds = [block.kind for block in comparison.blocks]
    assert Kind.IDENTICAL in kinds and Kind.ADDED in kinds and Kind.OMITTED in kinds


def test_one_side_only_loads_it_and_finishes_without_comparison(qtbot, worker):
    with (
        qtbot.waitSignal(worker.loaded, timeout=WAIT_MS) as loaded,
        qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as finished,
    ):
        worker.start(CompareRequest(SideInput.from_path(seed_path("000")), None))
    assert loaded.args[1] is Side.SOURCE
    (result,) = finished.args
    assert result.comparison is None and result.view_model is None
    assert result.source is loaded.args[2] and result.rewrite is None


def test_unreadable_file_fails_with_its_name(qtbot, worker, tmp_path):
    missing = tmp_path / "gone-article.txt"
    with qtbot.waitSignal(worker.failed, timeout=WAIT_MS) as blocker:
        token = worker.start(
            CompareRequest(SideInput.from_path(missing), SideInput.from_path(seed_path("001")))
        )
    assert blocker.args[0] == token
    assert "gone-article.txt" in blocker.args[1]


def test_cancel_mid_run_answers_cancelled(qtbot, worker, big_pair):
    request = CompareRequest(SideInput.from_path(big_pair[0]), SideInput.from_path(big_pair[1]))
    with qtbot.waitSignal(
        worker.progress,
        timeout=WAIT_MS,
        check_params_cb=lambda token, phase, done, total: phase not in ("reading", "splitting"),
    ):
        token = worker.start(request)
    assert worker.is_busy()
    with qtbot.waitSignal(worker.cancelled, timeout=WAIT_MS) as blocker:
        worker.cancel()
    assert blocker.args == [token]
    assert not worker.is_busy()


def test_new_request_cancels_the_running_one(qtbot, worker, big_pair):
    answers = []
    worker.cancelled.connect(lambda token: answers.append(("cancelled", token)))
    worker.finished.connect(lambda result: answers.append(("finished", result.token)))
    big = CompareRequest(SideInput.from_path(big_pair[0]), SideInput.from_path(big_pair[1]))
    small = CompareRequest(
        SideInput.from_path(seed_path("000")), SideInput.from_path(seed_path("002"))
    )
    with qtbot.waitSignal(worker.progress, timeout=WAIT_MS):
        first = worker.start(big)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS):
        second = worker.start(small)
    assert second > first
    assert answers == [("cancelled", first), ("finished", second)]


@pytest.mark.parametrize(
    "filters", [ViewFilters(), ViewFilters(hide_identical=True, show_boilerplate=False)]
)
def test_the_view_model_is_laid_out_with_the_request_s_filters(qtbot, filters):
    thread = QThread()
    worker = CompareWorker(prepare=prepare_filtered)
    worker.moveToThread(thread)
    thread.start()
    relay = GuiThreadRelay(worker)
    request = CompareRequest(
        SideInput.from_path(seed_path("000")),
        SideInput.from_path(seed_path("001")),
        filters=filters,
    )
    try:
        with qtbot.waitSignal(relay.finished, timeout=WAIT_MS) as blocker:
            relay.start(request)
    finally:
        worker.cancel()
        thread.quit()
        assert thread.wait(60_000)
    result = blocker.args[0]
    model = result.view_model
    assert model is not None and model.comparison is result.comparison
    assert (model.hide_identical, model.show_boilerplate) == (
        filters.hide_identical,
        filters.show_boilerplate,
    )


needs_meaning = pytest.mark.skipif(
    meaning.unavailable_reason() is not None,
    reason=f"matching by meaning: {meaning.unavailable_reason()}",
)


@needs_meaning
def test_matching_by_meaning_sends_the_lexical_result_first(qtbot, worker):
    refining, phases = [], []
    worker.refining.connect(refining.append)
    worker.progress.connect(lambda token, phase, done, total: phases.append(phase))
    request = CompareRequest(
        SideInput.from_path(seed_path("003")),
        SideInput.from_path(seed_path("004")),
        Options(semantic=True),
    )
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as finished:
        token = worker.start(request)
    result = finished.args[0]
    assert [r.token for r in refining] == [token]
    lexical = refining[0].comparison
    assert not lexical.options.semantic
    assert all(b.meaning is None for b in lexical.blocks)
    assert result.comparison.options.semantic
    assert any(b.meaning is not None for b in result.comparison.blocks)
    assert phases.index("matching by meaning") > phases.index("aligning")
    assert not worker.is_busy()


@needs_meaning
def test_cancelling_the_meaning_pass_answers_cancelled_after_the_lexical_result(qtbot, worker):
    refining, cancelled, finished = [], [], []
    worker.finished.connect(finished.append)
    worker.cancelled.connect(cancelled.append)

    worker.refining.connect(refining.append)
    # Cancelled in the worker's thread the moment the lexical result is out, before the
    # meaning pass starts: the request has not answered yet.
    busy = []

    def cancel_now(_result: CompareResult) -> None:
        busy.append(worker.is_busy())
        worker.cancel()

    worker.worker.refining.connect(cancel_now, Qt.ConnectionType.DirectConnection)
    request = CompareRequest(
        SideInput.from_path(seed_path("000")),
        SideInput.from_path(seed_path("003")),
        Options(semantic=True),
    )
    token = worker.start(request)
    qtbot.waitUntil(lambda: bool(cancelled or finished), timeout=WAIT_MS)
    assert [r.token for r in refining] == [token]
    assert cancelled == [token] and finished == [] and busy == [True]


@needs_meaning
def test_the_meaning_pass_waits_for_the_lexical_result_to_be_shown(qtbot, worker, monkeypatch):
    from viewer.gui import worker as worker_module

    monkeypatch.setattr(worker_module, "SHOWN_WAIT_S", 60.0)  # longer than this test waits
    refining, meaning_steps = [], []
    worker.refining.connect(refining.append)
    worker.progress.connect(
        lambda token, phase, done, total: (
            meaning_steps.append(phase) if phase == "matching by meaning" else None
        )
    )
    request = CompareRequest(
        SideInput.from_path(seed_path("003")),
        SideInput.from_path(seed_path("004")),
        Options(semantic=True),
    )
    token = worker.start(request)
    qtbot.waitUntil(lambda: bool(refining), timeout=WAIT_MS)
    qtbot.wait(300)  # the worker holds back: nothing of the meaning pass yet
    assert meaning_steps == [] and worker.is_busy()
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as finished:
        worker.worker.shown(token)  # the window has shown it
    assert meaning_steps and finished.args[0].comparison.options.semantic
