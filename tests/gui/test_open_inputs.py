"""Web addresses opened, pasted and dropped; New Comparison; what Open Recent records.

Pages come from a server on 127.0.0.1 started by the test (``web_server`` in conftest.py).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from viewer.core import Side
from viewer.gui.request import SideInput
from viewer.gui.settings import AppSettings
from viewer.resources import seed_path

WORKER_WAIT_MS = 30_000
TITLE = "Russian actress and director blast off to film in space"


def drop_urls(widget: QWidget, urls: list[QUrl]) -> bool:
    mime = QMimeData()
    mime.setUrls(urls)
    centre = widget.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        widget, QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    event = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_a_page_opened_by_address_shows_its_title_address_and_date(qtbot, seed_window, web_server):
    window = seed_window
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.open_url(Side.REWRITE, web_server.url("/article"))
    rewrite = shown.args[0].rewrite
    assert (rewrite.title, rewrite.url, rewrite.published) == (
        TITLE,
        web_server.url("/article"),
        "2021-10-05",
    )
    assert "Home" not in rewrite.text and "All rights reserved" not in rewrite.text
    header = window.view.header(Side.REWRITE)
    assert TITLE in header.full_text()
    assert header.origin_text() == f"{web_server.url('/article')} · published 2021-10-05"
    assert web_server.url("/article") in header.text()
    assert window.view.header(Side.SOURCE).origin_text() == ""  # a file has no address


def test_a_failing_address_is_explained_and_the_comparison_stays(qtbot, seed_window, web_server):
    window = seed_window
    before = window.comparison()
    with qtbot.waitSignal(window.run_failed, timeout=WORKER_WAIT_MS) as failed:
        window.open_url(Side.REWRITE, web_server.url("/missing"))
    assert failed.args[0] == (
        f"Cannot open “{web_server.url('/missing')}”: the page was not found (HTTP 404)."
    )
    assert window.notice_bar.level() == "error"
    assert "previous comparison is still shown" in window.notice_bar.text()
    assert window.comparison() is before
    assert window.view.comparison() is before
    window.open_url(Side.REWRITE, "ftp://example.org/a")
    assert "not a web address" in window.notice_bar.text()
    assert not window.is_running()


def test_a_slow_address_shows_progress_and_can_be_cancelled(qtbot, seed_window, web_server):
    window = seed_window
    before = window.comparison()
    phases: list[str] = []
    window.run_progress.connect(lambda phase, _done, _total: phases.append(phase))
    window.open_url(Side.REWRITE, web_server.url("/slow"))
    qtbot.waitUntil(web_server.slow_waiting.is_set, timeout=WORKER_WAIT_MS)
    qtbot.waitUntil(lambda: window.progress_panel.isVisible(), timeout=WORKER_WAIT_MS)
    assert phases[0] == "fetching"
    assert window.progress_panel.label.text() == "Fetching the page…"
    assert window.comparison() is before  # the GUI thread is free while the server waits
    with qtbot.waitSignal(window.run_cancelled, timeout=WORKER_WAIT_MS):
        window.cancel_run()
    assert not web_server.released.is_set()  # cancelled while the server still held the page
    assert window.comparison() is before
    assert not window.is_running()


def test_paste_takes_an_address_or_the_page_structure(qtbot, seed_window, web_server):
    window = seed_window
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(web_server.url("/article"))
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.paste_rewrite_action.trigger()
    assert shown.args[0].rewrite.url == web_server.url("/article")

    page = (
        "<html><body><nav><ul><li>Home</li><li>World</li><li>Business</li></ul></nav>"
        "<div class='cookie-banner'>We use cookies to improve your experience.</div>"
        "<article><h1>Council approves the budget</h1>"
        "<p>The council approved the budget on Monday after a long debate.</p>"
        "<p>Taxes will rise by two percent next year, the mayor said.</p></article>"
        "<footer>© 2024 Example News. All rights reserved.</footer></body></html>"
    )
    mime = QMimeData()
    mime.setHtml(page)
    mime.setText(
        "Home World Business\nWe use cookies.\nCouncil approves the budget\n"
        "The council approved the budget on Monday after a long debate.\n"
        "© 2024 Example News. All rights reserved."
    )
    clipboard.setMimeData(mime)
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.paste_rewrite_action.trigger()
    pasted = shown.args[0].rewrite
    assert (pasted.name, pasted.format) == ("Pasted rewrite", "html")
    assert "Taxes will rise by two percent" in pasted.text
    assert "Business" not in pasted.text and "All rights reserved" not in pasted.text
    assert "Council approves the budget" in pasted.sentence_texts()  # the headline stands apart


def test_an_address_dropped_on_a_pane_is_fetched(qtbot, seed_window, web_server):
    window = seed_window
    pane = window.view.pane(Side.REWRITE).viewport()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        assert drop_urls(pane, [QUrl(web_server.url("/article"))])
    assert shown.args[0].rewrite.title == TITLE
    assert shown.args[0].source.name == seed_path("000").name


def test_open_web_address_dialog(qtbot, seed_window, web_server):
    window = seed_window
    QGuiApplication.clipboard().setText(web_server.url("/rewrite"))
    dialog = window.choose_url()
    assert dialog.url() == web_server.url("/rewrite")  # the clipboard's address, ready
    dialog.edit.setText("not an address")
    dialog.accept()
    assert dialog.isVisible() and "http://" in dialog.message.text()
    dialog.edit.setText(web_server.url("/rewrite"))
    dialog.side_box.setCurrentIndex(1)
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        dialog.accept()
    assert shown.args[0].rewrite.title == "Film crew heads to orbit"


def test_a_new_source_waits_for_its_rewrite(qtbot, seed_window, monkeypatch):
    window = seed_window
    old_rewrite = window.comparison().rewrite
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(seed_path("003")), ""))
    shown: list = []
    window.comparison_shown.connect(shown.append)
    token = window.current_token()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_token() > token and window.session.pending is None)
    assert shown == []  # no comparison of the new source with the old rewrite
    assert window.comparison() is None
    source, rewrite = window.documents()
    assert source.name == seed_path("003").name and rewrite is None
    assert old_rewrite.name in window.notice_bar.text()
    # the notice's button compares with the rewrite shown before, without reloading it
    label, action = window.notice_bar.buttons()[0].text(), window.notice_bar.buttons()[0]
    assert label.startswith("Compare with")
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as done:
        action.click()
    assert done.args[0].source.name == seed_path("003").name
    assert done.args[0].rewrite is old_rewrite


def test_new_comparison_dialog_runs_once(qtbot, seed_window, web_server, tmp_path):
    window = seed_window
    dialog = window.new_comparison()
    assert dialog.isVisible()
    assert dialog.fields[Side.SOURCE].edit.text() == str(seed_path("000"))
    dialog.fields[Side.SOURCE].edit.setText(str(tmp_path / "nowhere.txt"))
    dialog.fields[Side.REWRITE].edit.setText("")
    dialog.accept()
    assert dialog.isVisible()
    assert "Source: there is no file" in dialog.message.text()
    assert "Rewrite: choose a file" in dialog.message.text()

    dialog.fields[Side.SOURCE].edit.setText(str(seed_path("003")))
    QGuiApplication.clipboard().setText(web_server.url("/rewrite"))
    qtbot.mouseClick(dialog.fields[Side.REWRITE].paste_button, Qt.MouseButton.LeftButton)
    assert dialog.fields[Side.REWRITE].edit.text() == web_server.url("/rewrite")
    shown: list = []
    window.comparison_shown.connect(shown.append)
    token = window.current_token()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert window.current_token() == token + 1  # one run for both sides
    comparison = shown[0]
    assert comparison.source.name == seed_path("003").name
    assert comparison.rewrite.url == web_server.url("/rewrite")


def test_new_comparison_takes_pasted_text_and_ctrl_n_opens_it(qtbot, seed_window):
    window = seed_window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window._new_dialog
    assert dialog is not None and dialog.isVisible()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("The council approved the budget on Monday. Taxes will rise.")
    dialog.fields[Side.SOURCE].paste()
    assert dialog.fields[Side.SOURCE].edit.text() == "Pasted text (10 words)"
    clipboard.setText("The council approved the budget on Monday. Residents protested.")
    dialog.fields[Side.REWRITE].paste()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        dialog.accept()
    assert (shown.args[0].source.name, shown.args[0].rewrite.name) == (
        "Pasted source",
        "Pasted rewrite",
    )


def test_open_recent_records_the_samples_and_addresses(
    qtbot, seed_window, web_server, settings_file
):
    window = seed_window
    samples = (str(seed_path("000")), str(seed_path("001")))
    assert AppSettings.open(settings_file).recent_comparisons()[0] == samples
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_files(web_server.url("/article"), web_server.url("/rewrite"))
    recent = AppSettings.open(settings_file).recent_comparisons()
    assert recent[0] == (web_server.url("/article"), web_server.url("/rewrite"))
    window.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.recent_menu.actions() if a.text()]
    host = web_server.base.split("://")[1]
    assert labels[0] == f"&1  {host}/article  ↔  {host}/rewrite"
    assert labels[1] == f"&2  {seed_path('000').name}  ↔  {seed_path('001').name}"
    # an address is never fetched at start-up: the last comparison stays the files
    assert AppSettings.open(settings_file).last_comparison() == samples
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.recent_menu.actions()[1].trigger()
    assert shown.args[0].source.name == seed_path("000").name


def test_side_input_addresses():
    assert SideInput.from_url(" https://example.org/a ").address == "https://example.org/a"
    assert SideInput.from_path("/tmp/a.txt").address == "/tmp/a.txt"
    assert SideInput.from_text("Some text.", "Pasted source").address is None


def test_addresses_given_at_start_are_fetched(qtbot, make_window, web_server):
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.open_initial([web_server.url("/article"), web_server.url("/rewrite")])
    comparison = shown.args[0]
    assert (comparison.source.title, comparison.rewrite.title) == (
        TITLE,
        "Film crew heads to orbit",
    )
    assert window.windowTitle().endswith(f"{comparison.source.name} ↔ {comparison.rewrite.name}")


def test_pasted_html_without_text_falls_back_to_the_plain_flavour(qtbot, seed_window):
    window = seed_window
    mime = QMimeData()
    mime.setHtml("<html><body><img src='chart.png'></body></html>")
    mime.setText("The council approved the budget on Monday. Residents protested.")
    QGuiApplication.clipboard().setMimeData(mime)
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS) as shown:
        window.paste_rewrite_action.trigger()
    assert shown.args[0].rewrite.sentence_texts() == [
        "The council approved the budget on Monday.",
        "Residents protested.",
    ]


def test_new_comparison_says_when_the_clipboard_is_empty(qtbot, seed_window):
    dialog = seed_window.new_comparison()
    QGuiApplication.clipboard().setText("  ")
    qtbot.mouseClick(dialog.fields[Side.SOURCE].paste_button, Qt.MouseButton.LeftButton)
    assert "clipboard holds no text" in dialog.message.text()
    assert dialog.fields[Side.SOURCE].edit.text() == str(seed_path("000"))  # unchanged
    dialog.reject()
