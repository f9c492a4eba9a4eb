"""The set window through qtbot: drop a folder, sort, threshold, card, drill-down and back, keys,
save and reopen, an unreadable file, make an outlet the source."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from viewer.core.export.set_json import read_set_json
from viewer.gui.set_view import OutletTableModel, sentence_card_html
from viewer.gui.set_window import ATTRIBUTION_PAGE, PAIR_PAGE, SET_PAGE, SetWindow
from viewer.resources import seed_path

WORKER_WAIT_MS = 30_000
SOURCE = seed_path("000")
REWRITES = [seed_path(n) for n in ("001", "002", "003", "004")]


@pytest.fixture
def outlet_folder(tmp_path):
    folder = tmp_path / "outlets"
    folder.mkdir()
    for path in REWRITES:
        shutil.copy(path, folder)
    return folder


@pytest.fixture
def make_set_window(qtbot, app_settings):
    windows = []

    def make() -> SetWindow:
        window = SetWindow(app_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def drop(window: SetWindow, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


@pytest.fixture
def seed_set_window(qtbot, make_set_window, outlet_folder):
    window = make_set_window()
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        drop(window, [SOURCE, outlet_folder])  # the source file, then a folder of rewrites
    return window


def names(window: SetWindow) -> list[str]:
    outlet_set = window.set_view.outlet_set()
    return [outlet_set.spoke(k).name[:3] for k in window.set_view.table.visible_outlets()]


def test_a_dropped_folder_becomes_the_set(seed_set_window):
    window = seed_set_window
    outlet_set = window.set_view.outlet_set()
    assert outlet_set.hub.name.startswith("000")
    assert len(outlet_set.comparisons) == 4
    assert window.set_view.table.model().rowCount() == 4
    assert [row.badge for row in outlet_set.sentences[:7]] == [
        "4/4",
        "4/4",
        "3/4",
        "3/4",
        "2/4",
        "2/4",  # 003 quotes Peresild, not Shipenko: no link to his statement
        "1/4",
    ]
    assert window.stack.currentIndex() == SET_PAGE
    assert not window.notice.isVisible()


def test_sort_threshold_and_group(qtbot, seed_set_window):
    view = seed_set_window.set_view
    table = view.table
    # sorted by the share of the source carried, most first
    assert names(seed_set_window) == ["001", "002", "003", "004"]
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert names(seed_set_window) == ["004", "003", "002", "001"]
    # dragging the threshold filters the table: 004 reused 40 % of the source
    histogram = view.histogram
    plot = histogram._plot()
    y = int(plot.center().y())
    qtbot.mousePress(histogram, Qt.MouseButton.LeftButton, pos=QPoint(int(plot.left()), y))
    x = int(plot.left() + plot.width() * 0.5)
    qtbot.mouseMove(histogram, QPoint(x, y))
    histogram.mouseMoveEvent(_move_event(QPointF(x, y)))
    assert histogram.threshold == pytest.approx(0.5, abs=0.011)
    assert sorted(names(seed_set_window)) == ["001", "002", "003"]
    assert "3 of 4 outlets" in view.count_label.text()
    histogram.set_threshold(0.0)
    view.group_box.setChecked(True)
    assert seed_set_window.group_action.isChecked()
    assert sorted(names(seed_set_window)) == ["001", "002", "003", "004"]


def _move_event(pos: QPointF):
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(
        QMouseEvent.Type.MouseMove,
        pos,
        pos,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_card_hover_and_keys(qtbot, seed_set_window):
    view = seed_set_window.set_view
    rect = view.reuse_map.row_rect(4)
    qtbot.mouseClick(view.reuse_map, Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_sentence() == 4
    text = view.card.toPlainText()
    assert "Sentence 5 · reused by 2 of 4 outlets" in text
    assert text.count("paraphrased in 1 outlet") == 2
    assert "omitted by 2 outlets" in text
    # hovering a sentence outlines its column in the strips
    qtbot.mouseMove(view.reuse_map, view.reuse_map.row_rect(1).center())
    assert view.table.highlighted_sentence == 1
    # Left / Right move between sentences, skipping page furniture
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    assert view.selected_sentence() == 5
    view.select_sentence(9)
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    assert view.selected_sentence() == 9  # 10-15 are page furniture
    qtbot.keyClick(view.table, Qt.Key.Key_Left)
    assert view.selected_sentence() == 8


def test_drill_down_and_back(qtbot, seed_set_window):
    window = seed_set_window
    view = window.set_view
    outlet_set = view.outlet_set()
    view.select_sentence(4)
    table = view.table
    table.setCurrentIndex(table.model().index(1, OutletTableModel.NAME))
    outlet = table.current_outlet()
    rect = table.visualRect(table.model().index(1, OutletTableModel.NAME))
    # a double-click is a press, a release, then the double-click itself
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentIndex() == PAIR_PAGE
    assert window.pair_view.comparison() is outlet_set.comparisons[outlet]
    assert window.pair_view.selected_block() == outlet_set.matrix[outlet][4].block
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentIndex() == SET_PAGE
    assert table.current_outlet() == outlet
    # a variant's link in the card opens its pair too
    html = sentence_card_html(outlet_set, 4)
    assert 'href="pair:0:4"' in html
    view.card.pair_requested.emit(0, 4)
    assert window.stack.currentIndex() == PAIR_PAGE
    assert window.pair_view.comparison() is outlet_set.comparisons[0]


def test_save_and_reopen(qtbot, seed_set_window, make_set_window, app_settings, tmp_path):
    path = tmp_path / "wire.set.json"
    assert seed_set_window.save_set(str(path))
    stored = read_set_json(path)
    assert len(stored.outlet_set.comparisons) == 4
    assert app_settings.recent_sets()[0] == str(path.resolve())
    other = make_set_window()
    with qtbot.waitSignal(other.set_shown, timeout=WORKER_WAIT_MS):
        other._fill_recent_menu()
        actions = [a for a in other.recent_menu.actions() if a.isEnabled()]
        assert [a.text() for a in actions] == ["wire.set.json"]
        actions[0].trigger()
    reopened = other.set_view.outlet_set()
    original = seed_set_window.set_view.outlet_set()
    assert [reopened.strip_text(k) for k in range(4)] == [original.strip_text(k) for k in range(4)]
    assert other.set_view.table.model().rowCount() == 4
    assert seed_set_window.export(str(tmp_path / "set.html"))
    assert (tmp_path / "set.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_excluded_outlets_are_saved_and_left_out_on_reopen(
    qtbot, seed_set_window, make_set_window, app_settings, tmp_path
):
    window = seed_set_window
    table = window.set_view.table
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    original = window.set_view.outlet_set()
    strip_004 = original.strip_text(3)
    for row in (3, 1):  # 004, then 002: clicked in the table, left out from the Outlet menu
        name = table.model().index(row, OutletTableModel.NAME).data()
        index = table.model().index(row, OutletTableModel.NAME)
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
        )
        assert window._current_name() == name
        with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
            window.exclude_action.trigger()
        table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    assert sorted(names(window)) == ["001", "003"]
    path = tmp_path / "wire.set.json"
    assert window.save_set(str(path))
    assert [e.document.name[:3] for e in read_set_json(path).excluded] == ["002", "004"]

    other = make_set_window()
    with qtbot.waitSignal(other.set_shown, timeout=WORKER_WAIT_MS):
        other._fill_recent_menu()
        [action] = [a for a in other.recent_menu.actions() if a.isEnabled()]
        action.trigger()
    assert sorted(names(other)) == ["001", "003"]  # still left out
    assert other.session.is_excluded(original.spoke(1).name)
    assert other.notice.isVisible()
    assert "2 outlets are left out" in other.notice.text()
    assert "002_" in other.notice.text() and "004_" in other.notice.text()
    # saved again unchanged, the exclusions stay in the file
    again = tmp_path / "again.set.json"
    assert other.save_set(str(again))
    assert again.read_bytes() == path.read_bytes()
    [include] = other.notice.buttons()
    with qtbot.waitSignal(other.set_shown, timeout=WORKER_WAIT_MS):
        qtbot.mouseClick(include, Qt.MouseButton.LeftButton)
    assert sorted(names(other)) == ["001", "002", "003", "004"]
    reopened = other.set_view.outlet_set()
    assert reopened.strip_text(3) == strip_004  # compared from the text the file kept
    assert not other.session.excluded


def test_an_unreadable_file_is_named_and_the_rest_compared(qtbot, make_set_window, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    window = make_set_window()
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        drop(window, [SOURCE, REWRITES[0], broken, REWRITES[1]])
    assert len(window.set_view.outlet_set().comparisons) == 2
    assert window.notice.isVisible() and "broken.docx" in window.notice.text()


def test_remove_exclude_and_make_source(qtbot, seed_set_window):
    window = seed_set_window
    table = window.set_view.table
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    table.setCurrentIndex(table.model().index(3, 0))  # 004
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        window.exclude_current()
    assert sorted(names(window)) == ["001", "002", "003"]
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        window.include_all()
    assert len(names(window)) == 4
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    table.setCurrentIndex(table.model().index(2, 0))  # 003
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        window.make_current_source()
    outlet_set = window.set_view.outlet_set()
    assert outlet_set.hub.name.startswith("003")
    assert sorted(d.name[:3] for d in outlet_set.spokes) == ["000", "001", "002", "004"]
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    table.setCurrentIndex(table.model().index(0, 0))  # 000
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        window.remove_current()
    assert sorted(names(window)) == ["001", "002", "004"]


def test_a_date_typed_into_the_table(qtbot, seed_set_window):
    window = seed_set_window
    table = window.set_view.table
    table.sortByColumn(OutletTableModel.NAME, Qt.SortOrder.AscendingOrder)
    index = table.model().index(1, OutletTableModel.DATE)  # 002
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        assert table.model().setData(index, "2021-10-05", Qt.ItemDataRole.EditRole)
    outlet_set = window.set_view.outlet_set()
    assert outlet_set.dates[1] == "2021-10-05" and outlet_set.spoke(1).name.startswith("002")
    table.model().setData(table.model().index(0, OutletTableModel.DATE), "soon")
    assert "not a date" in window.notice.text()


def test_attribution_pin_card_drill_down_and_reopen(qtbot, make_set_window, tmp_path):
    window = make_set_window()
    article = str(seed_path("002"))
    sources = [str(seed_path(n)) for n in ("000", "001", "003", "004")]
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        window.attribute(article, sources)
    view = window.attribution_view
    assert window.stack.currentIndex() == ATTRIBUTION_PAGE
    attribution = view.attribution()
    top = attribution.outlet_set.spoke(attribution.sources[0].source).name
    assert top.startswith("001")  # by kind and similarity alone the sibling copy leads
    assert view.sources.rowCount() == 4
    # pin the wire: it leads then
    row = next(
        r for r in range(4) if view.sources.item(r, 1).text().startswith(seed_path("000").name)
    )
    view.sources.setCurrentCell(row, 1)
    with qtbot.waitSignal(window.set_shown, timeout=WORKER_WAIT_MS):
        view.pin_button.click()
    attribution = view.attribution()
    assert attribution.outlet_set.spoke(attribution.primary).name.startswith("000")
    assert attribution.sources[0].source == attribution.primary
    assert "(primary)" in view.sources.item(0, 1).text()
    # the card of a credited sentence names its source and its runners-up
    qtbot.mouseClick(view.credits, Qt.MouseButton.LeftButton, pos=view.credits.row_rect(1).center())
    card = view.card.toPlainText()
    assert "Credited to" in card and "Also in" in card
    # drill down to the credited source's pair and back
    credit = attribution.credits[1]
    view.open_pair.emit(credit.source, 1)
    assert window.stack.currentIndex() == PAIR_PAGE
    assert window.pair_view.selected_block() == credit.reuse.cell.block
    window.back_to_set()
    assert window.stack.currentIndex() == ATTRIBUTION_PAGE
    # saved and reopened, the credits come back with the pin
    path = tmp_path / "credits.json"
    assert window.save_set(str(path))
    other = make_set_window()
    assert other.open_set_file(str(path))
    again = other.attribution_view.attribution()
    assert again.primary == attribution.primary
    assert [c.source for c in again.credits] == [c.source for c in attribution.credits]
