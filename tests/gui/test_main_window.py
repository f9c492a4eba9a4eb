"""MainWindow: start-up, navigation, cancelling, stale results, settings across restarts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from viewer.core import MAX_FILE_BYTES, Kind, Side, compare, load_document, meaning
from viewer.gui.request import CompareResult
from viewer.gui.settings import AppSettings
from viewer.resources import seed_path

WORKER_WAIT_MS = 30_000


def test_first_start_shows_the_sample_comparison(seed_window, settings_file):
    window = seed_window
    comparison = window.comparison()
    assert comparison is not None and window.view.comparison() is comparison
    assert comparison.source.name == seed_path("000").name
    assert comparison.rewrite.name == seed_path("001").name
    assert window.windowTitle() == f"{seed_path('000').name} ↔ {seed_path('001').name}"
    assert window.position_text().endswith("changes")
    assert not window.notice_bar.isVisible()
    assert not window.progress_panel.isVisible()
    # Open Recent records what was compared, the samples too
    assert AppSettings.open(settings_file).recent_comparisons() == [
        (str(seed_path("000")), str(seed_path("001")))
    ]


def test_next_and_previous_change_walk_the_changes_in_order(qtbot, seed_window):
    window = seed_window
    window.activateWindow()
    comparison = window.comparison()
    expected = [  # page furniture is no change: no figure counts it
        b
        for b in window.view.visible_blocks()
        if comparison.blocks[b].kind is not Kind.IDENTICAL and not comparison.blocks[b].boilerplate
    ]
    assert len(expected) >= 3
    visited = []
    for number in range(1, len(expected) + 1):
        qtbot.keyClick(window, Qt.Key.Key_F7)
        visited.append(window.view.selected_block())
        assert window.position_text() == f"change {number} of {len(expected)}"
    assert visited == expected
    qtbot.keyClick(window, Qt.Key.Key_F7)  # past the last change: stays, says so
    assert window.view.selected_block() == expected[-1]
    assert "No more changes" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selected_block() == expected[-2]
    assert window.position_text() == f"change {len(expected) - 1} of {len(expected)}"
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.view.selected_block() == expected[-3]


def test_cancel_keeps_the_previous_comparison(qtbot, seed_window, big_pair):
    window = seed_window
    before = window.comparison()
    with qtbot.waitSignal(
        window.run_progress,
        timeout=WORKER_WAIT_MS,
        check_params_cb=lambda phase, done, total: phase not in ("reading", "splitting"),
    ):
        window.open_files(str(big_pair[0]), str(big_pair[1]))
    qtbot.waitUntil(window.progress_panel.isVisible, timeout=WORKER_WAIT_MS)
    assert window.cancel_action.isEnabled()
    with qtbot.waitSignal(window.run_cancelled, timeout=WORKER_WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.comparison() is before
    assert window.view.comparison() is before
    assert not window.progress_panel.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()
    # the next request starts from what is on screen, not from the cancelled files
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.swap_sides()
    assert shown.args[0].source.name == before.rewrite.name


def test_a_stale_result_is_dropped(qtbot, seed_window):
    window = seed_window
    stale = compare(load_document(seed_path("003")), load_document(seed_path("004")))
    shown = []
    window.comparison_shown.connect(shown.append)
    old_token = window.current_token()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_files(str(seed_path("000")), str(seed_path("002")))
    assert window.current_token() > old_token
    late = CompareResult(old_token, stale.source, stale.rewrite, stale)
    window.worker.finished.emit(late)  # a late answer to the replaced request
    window.worker.failed.emit(old_token, "late failure")
    qtbot.wait(50)
    assert [c.rewrite.name for c in shown] == [seed_path("002").name]
    assert window.comparison().rewrite.name == seed_path("002").name
    assert not window.notice_bar.isVisible()


def test_starting_a_new_comparison_replaces_a_running_one(qtbot, seed_window, big_pair):
    window = seed_window
    with qtbot.waitSignal(window.run_progress, timeout=WORKER_WAIT_MS):
        window.open_files(str(big_pair[0]), str(big_pair[1]))
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.open_files(str(seed_path("003")), str(seed_path("004")))
    assert shown.args[0].source.name == seed_path("003").name
    qtbot.wait(100)
    assert window.comparison().source.name == seed_path("003").name
    assert not window.is_running()


def test_closing_during_a_run_stops_the_worker(qtbot, make_window, big_pair):
    window = make_window()
    with qtbot.waitSignal(
        window.run_progress,
        timeout=WORKER_WAIT_MS,
        check_params_cb=lambda phase, done, total: phase not in ("reading", "splitting"),
    ):
        window.open_files(str(big_pair[0]), str(big_pair[1]))
    started = time.perf_counter()
    window.close()
    assert window._thread.isFinished()
    assert time.perf_counter() - started < 10  # a generous bound: the engine checks cancel often


def test_unreadable_file_keeps_the_previous_comparison(qtbot, seed_window, tmp_path):
    window = seed_window
    before = window.comparison()
    empty = tmp_path / "empty-article.txt"
    empty.write_text("  \n", encoding="utf-8")
    with qtbot.waitSignal(window.run_failed, timeout=WORKER_WAIT_MS):
        window.open_side(Side.REWRITE, str(empty))
    assert window.notice_bar.isVisible()
    assert "empty-article.txt" in window.notice_bar.text()
    assert window.notice_bar.level() == "error"
    assert window.comparison() is before
    # dismissing the notice hides it
    qtbot.mouseClick(window.notice_bar._close, Qt.MouseButton.LeftButton)
    assert not window.notice_bar.isVisible()


def test_open_dialogs_load_each_side(qtbot, seed_window, monkeypatch):
    window = seed_window
    chosen = iter([str(seed_path("003")), str(seed_path("004"))])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (next(chosen), ""))
    token = window.current_token()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_token() > token and window.session.pending is None)
    assert window.documents()[0].name == seed_path("003").name  # waiting for its rewrite
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        qtbot.keyClick(
            window,
            Qt.Key.Key_O,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    comparison = window.comparison()
    assert (comparison.source.name, comparison.rewrite.name) == (
        seed_path("003").name,
        seed_path("004").name,
    )


def test_paste_as_source_and_rewrite(qtbot, seed_window):
    window = seed_window
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("   ")
    window.paste_source_action.trigger()
    assert "clipboard holds no text" in window.notice_bar.text()
    clipboard.setText("An article. " * (MAX_FILE_BYTES // 12 + 1))
    window.paste_rewrite_action.trigger()
    assert "Paste a shorter text" in window.notice_bar.text()
    assert not window.is_running()
    clipboard.setText("The council approved the budget on Monday. Taxes will rise by two percent.")
    token = window.current_token()
    window.paste_source_action.trigger()
    qtbot.waitUntil(lambda: window.current_token() > token and window.session.pending is None)
    assert window.documents() == (window.documents()[0], None)  # the rewrite comes next
    clipboard.setText("The council approved the budget on Monday. Residents protested outside.")
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.paste_rewrite_action.trigger()
    comparison = shown.args[0]
    assert (comparison.source.name, comparison.rewrite.name) == ("Pasted source", "Pasted rewrite")
    kinds = {block.kind for block in comparison.blocks}
    assert Kind.IDENTICAL in kinds and Kind.ADDED in kinds
    assert window.windowTitle() == "Pasted source ↔ Pasted rewrite"


def test_swap_exchanges_the_sides(qtbot, seed_window):
    window = seed_window
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        qtbot.keyClick(
            window,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    comparison = shown.args[0]
    assert (comparison.source.name, comparison.rewrite.name) == (
        seed_path("001").name,
        seed_path("000").name,
    )


def test_view_toggles_and_zoom_reach_the_view(qtbot, seed_window):
    window = seed_window
    window.hide_identical_action.trigger()
    assert window.view.hide_identical() is True
    window.show_boilerplate_action.trigger()
    assert window.view.show_boilerplate() is False
    window.link_scrolling_action.trigger()
    assert window.view.linked_scrolling() is False
    before = window.view.zoom()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == before + 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == before + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == 0


def copy_seed(prefix: str, folder) -> str:
    target = folder / f"copy-{seed_path(prefix).name}"
    target.write_text(seed_path(prefix).read_text(encoding="utf-8"), encoding="utf-8")
    return str(target)


def test_settings_survive_a_restart(qtbot, make_window, settings_file, tmp_path):
    left, right = copy_seed("003", tmp_path), copy_seed("004", tmp_path)
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_files(left, right)
    # the offscreen screen is 800 x 800 and restoreGeometry clamps to it: vary the height only
    window.resize(window.width(), 530)
    assert window.height() == 530
    window.hide_identical_action.setChecked(True)
    window.show_boilerplate_action.setChecked(False)
    window.link_scrolling_action.setChecked(False)
    window.view.set_zoom(3)
    splitter = window.view.splitter()
    splitter.setSizes([150, 56, splitter.width() - 206])  # the reader widened the rewrite
    assert splitter.sizes()[0] < splitter.sizes()[2] / 2
    window.close()

    again = make_window(show=False)
    assert again.height() == 530  # the default is 820 (clamped to the screen)
    assert again.hide_identical_action.isChecked() and again.view.hide_identical()
    assert not again.show_boilerplate_action.isChecked() and not again.view.show_boilerplate()
    assert not again.link_scrolling_action.isChecked() and not again.view.linked_scrolling()
    assert again.view.zoom() == 3
    assert AppSettings.open(settings_file).recent_comparisons() == [(left, right)]
    again.show()
    with qtbot.waitSignal(again.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        again.open_initial([])  # the last comparison, not the samples
    assert shown.args[0].source.path == left
    sizes = again.view.splitter().sizes()
    assert sizes[0] < sizes[2] / 2, sizes  # by default the two articles share the width evenly


def test_last_comparison_with_a_vanished_file_falls_back_to_the_samples(
    qtbot, make_window, settings_file, tmp_path
):
    gone = tmp_path / "gone.txt"
    settings = AppSettings.open(settings_file)
    settings.set_last_comparison(str(gone), str(seed_path("004")))
    settings.sync()
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.open_initial([])
    assert shown.args[0].source.name == seed_path("000").name


def test_recent_menu_opens_prunes_and_clears(qtbot, make_window, settings_file, tmp_path):
    kept_left, kept_right = tmp_path / "kept-a.txt", tmp_path / "kept-b.txt"
    kept_left.write_text(seed_path("000").read_text(encoding="utf-8"), encoding="utf-8")
    kept_right.write_text(seed_path("002").read_text(encoding="utf-8"), encoding="utf-8")
    settings = AppSettings.open(settings_file)
    settings.set_recent_comparisons(
        [(str(tmp_path / "gone.txt"), str(kept_right)), (str(kept_left), str(kept_right))]
    )
    settings.sync()
    window = make_window()
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.text() and not a.isSeparator()]
    assert [a.text() for a in entries] == [
        "&1  kept-a.txt  ↔  kept-b.txt",
        "&Clear Recent Comparisons",
    ]
    assert "no longer exist" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        entries[0].trigger()
    assert shown.args[0].source.name == "kept-a.txt"
    window.clear_recent_action.trigger()
    assert AppSettings.open(settings_file).recent_comparisons() == []
    window.recent_menu.aboutToShow.emit()
    assert not window.clear_recent_action.isEnabled()


def test_about_and_shortcuts_do_not_block(qtbot, seed_window):
    window = seed_window
    box = window.show_about()
    qtbot.waitUntil(box.isVisible)
    assert "GNU General Public License" in box.text()
    box.close()
    window.shortcuts_action.trigger()
    dialog = window._shortcuts_dialog
    assert dialog.isVisible()
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["Next Change"] == "F7,  Alt+Down"
    assert rows["Open Source"] == "Ctrl+O"
    dialog.close()


def test_export_writes_the_file_off_the_gui_thread(qtbot, seed_window, tmp_path, monkeypatch):
    export = pytest.importorskip("viewer.core.export")
    if not hasattr(export, "export_comparison"):
        pytest.skip("viewer.core.export has no export_comparison in this build")
    window = seed_window
    target = tmp_path / "out" / "comparison.json"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    qtbot.waitUntil(lambda: "Exported" in window.notice_bar.text(), timeout=WORKER_WAIT_MS)
    assert target.is_file() and target.stat().st_size > 0
    assert [b.text() for b in window.notice_bar.buttons()] == ["Open", "Show Folder"]


def test_screenshots_of_the_window(qtbot, seed_window, big_pair, tmp_path):
    """Grabs the window as a user sees it (seeds, a notice, a run in progress) for review."""
    folder = Path(__file__).parent / "screenshots"
    folder.mkdir(exist_ok=True)
    window = seed_window
    window.resize(1400, 900)
    qtbot.wait(50)
    assert window.grab().save(str(folder / "window-seeds.png"))

    window.handle_drop(None, [str(tmp_path / "moved-away.txt")])
    assert window.notice_bar.isVisible()
    qtbot.wait(50)
    assert window.grab().save(str(folder / "window-notice.png"))

    window.notice_bar.dismiss()
    with qtbot.waitSignal(
        window.run_progress,
        timeout=WORKER_WAIT_MS,
        check_params_cb=lambda phase, done, total: phase not in ("reading", "splitting"),
    ):
        window.open_files(str(big_pair[0]), str(big_pair[1]))
    qtbot.waitUntil(window.progress_panel.isVisible, timeout=WORKER_WAIT_MS)
    assert window.grab().save(str(folder / "window-running.png"))
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (1400, 900)
    window.cancel_run()


def test_one_file_at_start_waits_for_the_rewrite(qtbot, make_window):
    window = make_window()
    window.open_initial([str(seed_path("000"))])
    qtbot.waitUntil(
        lambda: "Now open the rewrite" in window.notice_bar.text(), timeout=WORKER_WAIT_MS
    )
    assert window.comparison() is None
    assert window.documents()[0].name == seed_path("000").name
    assert window.windowTitle() == f"{seed_path('000').name} ↔ …"
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.handle_drop(None, [str(seed_path("001"))])  # the empty side is filled
    assert shown.args[0].rewrite.name == seed_path("001").name
    assert not window.notice_bar.isVisible()


def test_export_failure_is_reported_and_changes_nothing(qtbot, seed_window, tmp_path):
    pytest.importorskip("viewer.core.export")
    window = seed_window
    before = window.comparison()
    window.export_to(str(tmp_path / "no-such-folder" / "comparison.html"))
    qtbot.waitUntil(lambda: "Could not export" in window.notice_bar.text(), timeout=WORKER_WAIT_MS)
    assert window.notice_bar.level() == "error"
    assert "comparison.html" in window.notice_bar.text()
    assert window.comparison() is before
    assert not (tmp_path / "no-such-folder").exists()


def test_show_tentative_links_is_a_remembered_view_option(qtbot, make_window):
    window = make_window()
    assert window.show_tentative_action.isChecked() and window.view.show_tentative()
    assert window.show_tentative_action in window.menuBar().actions()[2].menu().actions()
    window.show_tentative_action.setChecked(False)
    assert not window.view.show_tentative()
    window.close()
    again = make_window(show=False)
    assert not again.show_tentative_action.isChecked() and not again.view.show_tentative()


def test_closing_while_an_export_runs_finishes_it_quietly(qtbot, settings_file, tmp_path):
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from viewer.core import export
    from viewer.gui.main_window import MainWindow

    # A window of its own: this one is deleted on close, as the app's is.
    window = MainWindow(AppSettings.open(settings_file))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_initial([])
    release, started = threading.Event(), threading.Event()
    real = export.export_comparison

    def slow_export(comparison, path, format=None):
        started.set()
        release.wait(30)  # held until the window is gone
        return real(comparison, path, format)

    target = tmp_path / "comparison.html"
    try:
        export.export_comparison = slow_export
        window.export_to(str(target))
        assert started.wait(30)
        threading.Timer(0.3, release.set).start()  # the export ends while the window closes
        window.quit_action.trigger()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        release.set()
        assert QThreadPool.globalInstance().waitForDone(30_000)
        with qtbot.captureExceptions() as raised:
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
    finally:
        export.export_comparison = real
        release.set()
    assert [str(error[1]) for error in raised] == []
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(tmp_path.glob("*.part"))


def test_loading_a_long_pdf_is_cancelled_between_pages(
    qtbot, make_window, tmp_path, monkeypatch, make_pdf
):
    from pypdf import PageObject

    window = make_window()
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([[f"Page {n} tells of the launch."] for n in range(200)]))
    pages_read: list[int] = []
    real = PageObject.extract_text

    def count_and_cancel(page, *args, **kwargs):
        pages_read.append(1)
        if len(pages_read) == 3:
            window.worker.cancel()  # what Esc does, at a known point of the reading
        return real(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", count_and_cancel)
    with qtbot.waitSignal(window.run_cancelled, timeout=WORKER_WAIT_MS):
        window.open_files(str(path), str(seed_path("001")))
    assert len(pages_read) <= 4
    assert window.comparison() is None


def test_a_file_with_invalid_utf8_is_shown_with_a_warning(qtbot, make_window, tmp_path):
    window = make_window()
    data = seed_path("000").read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:400] + b"\xff" + data[400:])
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_files(str(path), str(seed_path("001")))
    assert window.notice_bar.isVisible()
    assert window.notice_bar.level() == "warning"
    assert "“damaged.txt”: 1 byte that is not valid UTF-8 replaced" in window.notice_bar.text()


MEANING_REASON = meaning.unavailable_reason()


@pytest.mark.skipif(MEANING_REASON is not None, reason=f"matching by meaning: {MEANING_REASON}")
def test_match_by_meaning_refines_the_comparison_and_can_be_switched_off(
    qtbot, seed_window, settings_file
):
    window = seed_window
    action = window.match_by_meaning_action
    assert action.isEnabled() and action.isChecked()
    assert action in window.menuBar().actions()[2].menu().actions()  # View
    assert window.comparison().options.semantic
    assert not window.meaning_hint.isVisible()
    box = window.show_about()
    assert "Matching by meaning: on" in box.text()
    box.close()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        action.trigger()  # off: the same pair again, by wording alone
    assert not window.comparison().options.semantic
    assert all(b.meaning is None for b in window.comparison().blocks)
    assert AppSettings.open(settings_file).match_by_meaning() is False


def test_without_the_extra_the_window_says_so_and_compares_by_wording(
    qtbot, make_window, monkeypatch
):
    monkeypatch.setattr(meaning, "unavailable_reason", lambda: "onnxruntime not installed")
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_initial([])
    action = window.match_by_meaning_action
    assert not action.isEnabled() and not action.isChecked()
    assert "onnxruntime not installed" in action.toolTip()
    assert window.meaning_hint.isVisible()
    assert window.meaning_hint.text() == "Matching by wording only"
    assert "onnxruntime not installed" in window.meaning_hint.toolTip()
    assert not window.comparison().options.semantic
    box = window.show_about()
    assert "Matching by meaning is not installed: onnxruntime not installed" in box.text()
    box.close()
