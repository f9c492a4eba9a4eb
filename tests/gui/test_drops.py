"""Files dropped on the window and on the panes: real QDropEvents with file URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from viewer.core import Kind, Side
from viewer.resources import seed_path

WORKER_WAIT_MS = 30_000


def drop(widget: QWidget, urls: list[QUrl]) -> bool:
    """Drag ``urls`` over the middle of ``widget`` and release; True when the drop was accepted."""
    mime = QMimeData()
    mime.setUrls(urls)
    centre = widget.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def files(*paths) -> list[QUrl]:
    return [QUrl.fromLocalFile(str(p)) for p in paths]


def test_two_files_dropped_on_the_window_become_source_and_rewrite(qtbot, seed_window):
    window = seed_window
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        assert drop(window.statusBar(), files(seed_path("003"), seed_path("004")))
    comparison = shown.args[0]
    assert (comparison.source.name, comparison.rewrite.name) == (
        seed_path("003").name,
        seed_path("004").name,
    )
    kinds = {block.kind for block in comparison.blocks}
    assert kinds & {Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL}  # the same story
    assert kinds <= set(Kind)
    assert len(comparison.source.sentences) > 5 and len(comparison.rewrite.sentences) > 5


def test_two_files_dropped_on_a_pane_fill_both_sides_in_order(qtbot, seed_window):
    window = seed_window
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        drop(window.view.pane(Side.REWRITE).viewport(), files(seed_path("002"), seed_path("000")))
    comparison = shown.args[0]
    assert (comparison.source.name, comparison.rewrite.name) == (
        seed_path("002").name,
        seed_path("000").name,
    )


@pytest.mark.parametrize("side", [Side.SOURCE, Side.REWRITE])
def test_one_file_dropped_on_a_pane_replaces_that_side(qtbot, seed_window, side):
    window = seed_window
    before = window.comparison()
    if side is Side.SOURCE:
        # a new source waits for its rewrite; the notice offers the one shown before
        token = window.current_token()
        drop(window.view.pane(side).viewport(), files(seed_path("002")))
        qtbot.waitUntil(lambda: window.current_token() > token and window.session.pending is None)
        assert window.comparison() is None
        with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
            window.notice_bar.buttons()[0].click()
    else:
        with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
            drop(window.view.pane(side).viewport(), files(seed_path("002")))
    comparison = shown.args[0]
    if side is Side.SOURCE:
        assert (comparison.source.name, comparison.rewrite.name) == (
            seed_path("002").name,
            before.rewrite.name,
        )
        assert comparison.rewrite is before.rewrite  # the kept side is not read again
    else:
        assert (comparison.source.name, comparison.rewrite.name) == (
            before.source.name,
            seed_path("002").name,
        )
        assert comparison.source is before.source
    assert any(block.kind is not Kind.IDENTICAL for block in comparison.blocks)


def test_one_file_dropped_outside_the_panes_asks_for_a_side(qtbot, seed_window):
    window = seed_window
    before = window.comparison()
    drop(window.statusBar(), files(seed_path("002")))
    assert "onto the source (left) or the rewrite (right)" in window.notice_bar.text()
    qtbot.wait(50)
    assert window.comparison() is before and not window.is_running()


def bad_drop_cases(tmp_path: Path) -> dict[str, tuple[list[QUrl], str]]:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return {
        "other address": ([QUrl("ftp://example.org/story.html")], "Only files on this computer"),
        "vanished file": (files(tmp_path / "deleted.txt"), "“deleted.txt” no longer exists"),
        "binary file": (files(binary), "photo.txt"),
        "empty file": (files(empty), "empty.txt"),
    }


@pytest.mark.parametrize("case", ["other address", "vanished file", "binary file", "empty file"])
def test_a_bad_drop_explains_and_keeps_the_comparison(qtbot, seed_window, tmp_path, case):
    window = seed_window
    before = window.comparison()
    urls, message = bad_drop_cases(tmp_path)[case]
    target = window.view.pane(Side.REWRITE).viewport() if len(urls) == 1 else window.statusBar()
    if case in ("binary file", "empty file"):  # only the loader can tell: the worker answers
        with qtbot.waitSignal(window.run_failed, timeout=WORKER_WAIT_MS):
            drop(target, urls)
    else:
        drop(target, urls)
    assert message in window.notice_bar.text()
    assert window.notice_bar.isVisible()
    assert message in window.statusBar().currentMessage()
    qtbot.wait(50)
    assert window.comparison() is before
    assert window.view.comparison() is before
    assert not window.is_running()
    # the app keeps working: the next good drop is compared
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        drop(window.view.pane(Side.REWRITE).viewport(), files(seed_path("002")))
    assert window.comparison().rewrite.name == seed_path("002").name
    assert not window.notice_bar.isVisible()


def test_three_files_dropped_open_a_set_of_outlets(qtbot, seed_window):
    window = seed_window
    before = window.comparison()
    drop(window.statusBar(), files(seed_path("000"), seed_path("003"), seed_path("004")))
    (set_window,) = window.set_windows()
    qtbot.waitUntil(lambda: set_window.set_view.outlet_set() is not None, timeout=WORKER_WAIT_MS)
    outlet_set = set_window.set_view.outlet_set()
    assert outlet_set.hub.name == seed_path("000").name  # the first file is the source
    assert [d.name for d in outlet_set.spokes] == [seed_path("003").name, seed_path("004").name]
    assert window.comparison() is before  # the pair on screen stays
    set_window.close()
    qtbot.waitUntil(lambda: not window.set_windows(), timeout=WORKER_WAIT_MS)


def test_a_folder_dropped_is_compared_with_the_source_on_screen(qtbot, seed_window, tmp_path):
    window = seed_window
    folder = tmp_path / "articles"
    folder.mkdir()
    for prefix in ("002", "003"):
        (folder / seed_path(prefix).name).write_bytes(seed_path(prefix).read_bytes())
    drop(window.statusBar(), files(folder))
    (set_window,) = window.set_windows()
    qtbot.waitUntil(lambda: set_window.set_view.outlet_set() is not None, timeout=WORKER_WAIT_MS)
    outlet_set = set_window.set_view.outlet_set()
    assert outlet_set.hub.name == window.comparison().source.name
    assert len(outlet_set.comparisons) == 2
