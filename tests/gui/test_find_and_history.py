"""Find in both texts (as you type, counts per side, options, F3) and Back / Forward after jumps."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence

from viewer.core.model import Side
from viewer.gui.find_bar import Query, count_text
from viewer.gui.history import JumpHistory, Place

WORKER_WAIT_MS = 30_000


def marked(view, side: Side) -> list[str]:
    """The text under every find mark in ``side``'s pane."""
    return [s.cursor.selectedText() for s in view.pane(side).extraSelections()]


def test_find_searches_both_texts_as_you_type(qtbot, comparison_view, small_comparison):
    view = comparison_view
    view.set_comparison(small_comparison)
    view.show_find(Side.SOURCE)
    bar = view.find_bar()
    qtbot.keyClicks(bar.edit, "the")
    qtbot.waitUntil(lambda: bar.status.text().startswith("2 in source · 2 in rewrite"))
    assert marked(view, Side.SOURCE) == ["The", "the"]
    assert marked(view, Side.REWRITE) == ["The", "the"]
    assert view.current_hit() == view.find_hits()[0]  # the first hit, in the source
    assert bar.status.text() == "2 in source · 2 in rewrite  (1 of 4)"

    bar.case_box.setChecked(True)  # options search again at once
    assert bar.status.text().startswith("1 in source · 1 in rewrite")
    bar.case_box.setChecked(False)

    bar.edit.setText("sent")
    bar.search_now()
    assert bar.status.text().startswith("1 in source · 2 in rewrite")
    bar.word_box.setChecked(True)
    assert bar.status.text() == "No matches"
    assert bar.edit.property("noMatch") is True
    assert marked(view, Side.SOURCE) == [] and marked(view, Side.REWRITE) == []
    bar.edit.setText("sentence")
    bar.search_now()
    assert bar.status.text().startswith("1 in source · 2 in rewrite")

    # a hit after an emoji is marked on its own letters (UTF-16 positions)
    bar.word_box.setChecked(False)
    bar.edit.setText("bark very")
    bar.search_now()
    assert marked(view, Side.REWRITE) == ["bark very"]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert marked(view, Side.REWRITE) == []  # closing the bar takes the marks away


def test_f3_walks_the_hits_of_both_panes_and_wraps(qtbot, seed_window):
    window = seed_window
    view = window.view
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar()
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "space")
    qtbot.waitUntil(lambda: "in source" in bar.status.text())
    hits = view.find_hits()
    sides = {hit.side for hit in hits}
    assert sides == {Side.SOURCE, Side.REWRITE}
    counts = [sum(1 for h in hits if h.side is s) for s in (Side.SOURCE, Side.REWRITE)]
    assert bar.status.text().startswith(f"{counts[0]} in source · {counts[1]} in rewrite")
    visited = [view.current_hit()]
    for _ in range(len(hits)):
        window.find_next_action.trigger()
        visited.append(view.current_hit())
    assert visited[-1] == visited[0]  # round the end, back to the first
    assert set(visited) == set(hits)
    pane = view.pane(visited[-1].side)
    assert pane.textCursor().selectedText().lower() == "space"
    window.find_previous_action.trigger()
    assert view.current_hit() == hits[(hits.index(visited[0]) - 1) % len(hits)]
    assert window.find_next_action.shortcut() == QKeySequence("F3")
    assert window.find_previous_action.shortcut() == QKeySequence("Shift+F3")


def test_count_text_and_query_defaults():
    assert count_text([]) == "No matches"
    assert Query("x") == Query("x", case_sensitive=False, whole_words=False)


def test_history_is_a_browser_history():
    history = JumpHistory()
    a, b, c = (Place(i, i, i) for i in range(3))
    assert history.back(a) is None
    history.record(a)
    history.record(a)  # the same place once
    assert history.back(b) == a and history.forward(a) == b
    assert history.back(b) == a
    history.record(a)  # a new jump drops the way forward
    assert not history.can_go_forward()
    assert history.back(c) == a


def test_back_and_forward_after_each_kind_of_jump(qtbot, seed_window):
    window = seed_window
    view = window.view
    assert not window.back_action.isEnabled() and not window.forward_action.isEnabled()

    # F7
    window.next_change_action.trigger()
    first = view.selected_block()
    window.next_change_action.trigger()
    second = view.selected_block()
    assert first is not None and second != first
    assert window.back_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.selected_block() == first
    assert window.forward_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.selected_block() == second
    assert not window.forward_action.isEnabled()

    # a click on a sentence whose partner is in the other pane
    pane = view.pane(Side.REWRITE)
    model = view.view_model()
    slot = next(
        i
        for i, sentence in enumerate(model.pane(Side.REWRITE).sentences)
        if i in pane.visible_extents()
        and model.block_of(Side.REWRITE, sentence) != second
        and model.comparison.blocks[model.block_of(Side.REWRITE, sentence)].source
    )
    point = pane.slot_rects(slot)[0].center().toPoint()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    clicked = view.selected_block()
    assert clicked == model.block_of(Side.REWRITE, model.pane(Side.REWRITE).sentences[slot])
    window.back_action.trigger()
    assert view.selected_block() == second

    # a click on a ruler
    ruler = view.ruler(Side.SOURCE)
    y = next(y for y in range(ruler.height()) if ruler.block_near(y) not in (None, second))
    target = ruler.block_near(y)
    qtbot.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(ruler.width() // 2, y))
    assert view.selected_block() == target
    window.back_action.trigger()
    assert view.selected_block() == second

    # a find: typing jumps to the first hit, F3 to the next; Back returns hit by hit
    view.show_find(Side.SOURCE)
    before_find = view.place()
    view.find_bar().edit.setText("the")
    view.find_bar().search_now()
    view.find_step()
    assert view.current_hit() is not None
    assert window.back_action.isEnabled()
    assert view.go_back()
    if view.place() != before_find:  # hit by hit (places that look the same are kept once)
        assert view.go_back()
    assert view.place() == before_find
    assert view.go_back() and view.selected_block() == first  # the F7 jumps lie before
