"""ComparisonView: tints, word marks, navigation, filters, hover, linked scrolling, find, drops."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QHelpEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from viewer.core.kinds import alike
from viewer.core.model import Kind, Side
from viewer.gui import colors
from viewer.gui.view_model import prepare_view_model, utf16_len


def char_format_at(pane, position: int):
    """The format of the character starting at UTF-16 ``position``."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def position_of(pane, text: str) -> int:
    """UTF-16 position of ``text`` in the pane (what QTextDocument counts)."""
    plain = pane.toPlainText()
    index = plain.index(text)
    return utf16_len(plain[:index])


def slot_point(view, side: str, sentence: int) -> QPoint:
    pane = view.pane(side)
    slot = view.view_model().pane(side).slot_of(sentence)
    rects = pane.slot_rects(slot)
    assert rects, f"sentence {sentence} of {side} is not on screen"
    return rects[0].center().toPoint()


def dark(view) -> bool:
    return colors.is_dark(view.palette())


def test_sentences_are_tinted_by_their_block_kind(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    expect = {
        (Side.SOURCE, "cat sat"): Kind.IDENTICAL,
        (Side.SOURCE, "Dogs bark"): Kind.EDITED,
        (Side.SOURCE, "This one was"): Kind.OMITTED,
        (Side.REWRITE, "Brand new"): Kind.ADDED,
        (Side.REWRITE, "A moved"): Kind.IDENTICAL,
    }
    for (side, text), kind in expect.items():
        pane = left if side is Side.SOURCE else right
        fmt = char_format_at(pane, position_of(pane, text))
        assert fmt.background().color() == colors.tint(kind, dark(comparison_view)), (side, text)


def test_paragraphs_are_kept_and_sentences_of_one_paragraph_flow_together(
    comparison_view, small_comparison
):
    comparison_view.set_comparison(small_comparison)
    text = comparison_view.pane(Side.SOURCE).toPlainText()
    assert text.startswith("The cat sat on the mat. Dogs bark loudly at night.\n")
    assert comparison_view.pane(Side.SOURCE).document().blockCount() >= 3


def test_changed_words_are_struck_on_the_source_and_underlined_on_the_rewrite(
    comparison_view, small_comparison
):
    comparison_view.set_comparison(small_comparison)
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    is_dark = dark(comparison_view)
    deleted = char_format_at(left, position_of(left, "night"))
    assert deleted.fontStrikeOut()
    assert deleted.background().color() == colors.change(Kind.EDITED, is_dark)
    kept = char_format_at(left, position_of(left, "loudly"))
    assert not kept.fontStrikeOut()
    assert kept.background().color() == colors.tint(Kind.EDITED, is_dark)
    for word in ("very", "dusk"):
        inserted = char_format_at(right, position_of(right, word))
        assert inserted.fontUnderline(), word
        assert inserted.background().color() == colors.change(Kind.EDITED, is_dark)
    assert not char_format_at(right, position_of(right, "bark")).fontUnderline()


def test_an_emoji_before_a_changed_word_does_not_shift_its_mark(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    right = comparison_view.pane(Side.REWRITE)
    plain = right.toPlainText()
    # "🐶" is one Python character but two UTF-16 units: a str index would be off by one here.
    str_index = plain.index("very")
    assert position_of(right, "very") == str_index + 1
    assert char_format_at(right, str_index + 1).fontUnderline()  # the "v"
    assert not char_format_at(right, str_index).fontUnderline()  # the space before it
    assert char_format_at(
        right, position_of(right, "y loudly") + 1
    ).background().color() == colors.tint(
        Kind.EDITED, dark(comparison_view)
    )  # the space after "very" is not marked


def test_next_and_previous_change_walk_changes_in_reading_order(
    comparison_view, small_comparison, qtbot
):
    comparison_view.set_comparison(small_comparison)
    seen = []
    comparison_view.change_position_changed.connect(lambda i, n: seen.append((i, n)))
    assert not comparison_view.previous_change()
    visited = []
    while comparison_view.next_change():
        visited.append(comparison_view.selected_block())
    # The unmoved verbatim block 0 is skipped; the moved one (3) is a change; the page
    # furniture (5) is not, as no figure counts it.
    assert small_comparison.blocks[5].boilerplate
    assert visited == [1, 2, 3, 4]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert comparison_view.previous_change()
    assert comparison_view.selected_block() == 3
    assert seen[-1] == (3, 4)


def test_hide_identical_removes_unmoved_verbatim_sentences_from_the_panes(
    comparison_view, small_comparison
):
    comparison_view.set_comparison(small_comparison)
    comparison_view.set_hide_identical(True)
    assert comparison_view.hide_identical()
    for side in (Side.SOURCE, Side.REWRITE):
        text = comparison_view.pane(side).toPlainText()
        assert "The cat sat" not in text
        assert "A moved sentence is here." in text
    assert 0 not in comparison_view.visible_blocks()
    # A marker stands where the run was hidden, then the text goes on.
    assert (
        comparison_view.pane(Side.SOURCE)
        .toPlainText()
        .startswith("⋯ 1 identical sentence ⋯\n\nDogs bark loudly")
    )
    comparison_view.set_hide_identical(False)
    assert "The cat sat" in comparison_view.pane(Side.SOURCE).toPlainText()


def test_page_furniture_is_muted_and_can_be_hidden(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    left = comparison_view.pane(Side.SOURCE)
    fmt = char_format_at(left, position_of(left, "celebrity"))
    assert fmt.fontItalic()
    assert fmt.foreground().color() == colors.muted_text(comparison_view.palette())
    # neutral, like the legend's swatch: furniture is not counted as omitted text
    assert fmt.background().color() == colors.tint(Kind.IDENTICAL, dark(comparison_view))
    assert fmt.background().color() != colors.tint(Kind.OMITTED, dark(comparison_view))
    comparison_view.set_show_boilerplate(False)
    assert "celebrity" not in left.toPlainText()
    assert 5 not in comparison_view.visible_blocks()
    seen = []
    comparison_view.change_position_changed.connect(lambda i, n: seen.append((i, n)))
    while comparison_view.next_change():
        pass
    assert seen[-1] == (4, 4)


@pytest.mark.parametrize(
    "side, sentence, expected",
    [
        (Side.SOURCE, 1, ["Lightly edited · 73% alike"]),
        (Side.SOURCE, 3, ["Omitted", "not in the rewrite"]),
        (Side.REWRITE, 2, ["Added", "not in the source"]),
        (Side.REWRITE, 3, ["Verbatim · moved"]),
        (Side.SOURCE, 4, ["not in the rewrite", "page furniture"]),
    ],
)
def test_hover_tooltip_names_the_kind(comparison_view, small_comparison, side, sentence, expected):
    comparison_view.set_comparison(small_comparison)
    text = comparison_view.pane(side).tooltip_at(slot_point(comparison_view, side, sentence))
    for part in expected:
        assert part in text


def test_the_tooltip_gives_the_meaning_similarity_when_it_was_measured(
    comparison_view, small_comparison
):
    blocks = tuple(
        replace(b, meaning=0.8125) if b.kind is Kind.EDITED else b for b in small_comparison.blocks
    )
    comparison_view.set_comparison(replace(small_comparison, blocks=blocks))
    text = comparison_view.pane(Side.SOURCE).tooltip_at(slot_point(comparison_view, Side.SOURCE, 1))
    edited = next(b for b in blocks if b.kind is Kind.EDITED)
    assert f"Lightly edited · {alike(edited.alike)} · meaning 0.81" in text


def test_a_real_tooltip_event_shows_the_sentence_tooltip(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    pane = comparison_view.pane(Side.SOURCE)
    point = slot_point(comparison_view, Side.SOURCE, 3)
    event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), event)
    assert "not in the rewrite" in QToolTip.text()
    QToolTip.hideText()


def test_hovering_a_sentence_highlights_it_and_its_partner(
    comparison_view, small_comparison, qtbot
):
    comparison_view.set_comparison(small_comparison)
    qtbot.mouseMove(
        comparison_view.pane(Side.SOURCE).viewport(), slot_point(comparison_view, Side.SOURCE, 1)
    )
    assert comparison_view.hovered_block() == 1
    assert comparison_view.link_bar().hover_block == 1
    right_model = comparison_view.view_model().rewrite
    assert comparison_view.pane(Side.REWRITE).highlighted()[0] == [right_model.slot_of(1)]


def test_clicking_a_sentence_selects_its_block_and_partner(
    comparison_view, small_comparison, qtbot
):
    comparison_view.set_comparison(small_comparison)
    qtbot.mouseClick(
        comparison_view.pane(Side.SOURCE).viewport(),
        Qt.MouseButton.LeftButton,
        pos=slot_point(comparison_view, Side.SOURCE, 2),
    )
    assert comparison_view.selected_block() == 3
    right_model = comparison_view.view_model().rewrite
    assert comparison_view.pane(Side.REWRITE).highlighted()[1] == [right_model.slot_of(3)]


def test_clicking_brings_the_partner_level(comparison_view, long_comparison, qtbot):
    comparison_view.set_comparison(long_comparison)
    comparison_view.set_linked_scrolling(False)
    view_model = comparison_view.view_model()
    left = comparison_view.pane(Side.SOURCE)
    left.scroll_position_to(view_model.source.starts[40], 0)
    first, _last = left.visible_slot_range()
    qtbot.mouseClick(
        left.viewport(),
        Qt.MouseButton.LeftButton,
        pos=slot_point(comparison_view, Side.SOURCE, view_model.source.sentences[first + 2]),
    )
    block = long_comparison.blocks[comparison_view.selected_block()]
    right = comparison_view.pane(Side.REWRITE)
    left_y = left.visible_extents()[view_model.source.slot_of(block.source[0])][0]
    right_y = right.visible_extents()[view_model.rewrite.slot_of(block.rewrite[0])][0]
    assert abs(left_y - right_y) <= right.line_height()


def test_linked_scrolling_keeps_partners_level(comparison_view, long_comparison):
    comparison_view.set_comparison(long_comparison)
    view_model = comparison_view.view_model()
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    for sentence in (30, 55, 70):
        left.scroll_position_to(view_model.source.starts[view_model.source.slot_of(sentence)], 0)
        top_right = view_model.rewrite.sentences[right.visible_slot_range()[0]]
        partner = next(b.rewrite[0] for b in long_comparison.blocks if b.source == (sentence,))
        assert top_right == partner, sentence
    comparison_view.set_linked_scrolling(False)
    before = right.verticalScrollBar().value()
    left.verticalScrollBar().setValue(left.verticalScrollBar().value() + 5)
    assert right.verticalScrollBar().value() == before


def test_scrolling_the_rewrite_moves_the_source(comparison_view, long_comparison):
    comparison_view.set_comparison(long_comparison)
    view_model = comparison_view.view_model()
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    right.scroll_position_to(view_model.rewrite.starts[60], 0)
    top_left = view_model.source.sentences[left.visible_slot_range()[0]]
    block = long_comparison.blocks[view_model.rewrite_block[view_model.rewrite.sentences[60]]]
    if block.source:
        assert top_left == block.source[0]
    assert left.verticalScrollBar().value() > 0


def test_wheel_on_a_pane_scrolls_both(comparison_view, long_comparison, qtbot):
    comparison_view.set_comparison(long_comparison)
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    from PySide6.QtGui import QWheelEvent

    point = QPointF(50, 50)
    event = QWheelEvent(
        point,
        QPointF(left.viewport().mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, -480),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(left.viewport(), event)
    assert left.verticalScrollBar().value() > 0
    assert right.verticalScrollBar().value() > 0


def test_zoom_changes_the_pane_font_size(comparison_view, small_comparison, qtbot):
    comparison_view.set_comparison(small_comparison)
    size = comparison_view.pane(Side.SOURCE).font().pointSizeF()
    with qtbot.waitSignal(comparison_view.zoom_changed) as signal:
        comparison_view.zoom_in()
    assert signal.args == [1]
    assert comparison_view.zoom() == 1
    assert comparison_view.pane(Side.SOURCE).font().pointSizeF() == pytest.approx(size + 1)
    assert comparison_view.pane(Side.REWRITE).font().pointSizeF() == pytest.approx(size + 1)
    comparison_view.zoom_out()
    comparison_view.zoom_out()
    assert comparison_view.pane(Side.REWRITE).font().pointSizeF() == pytest.approx(size - 1)
    comparison_view.zoom_reset()
    assert comparison_view.zoom() == 0
    assert comparison_view.pane(Side.SOURCE).font().pointSizeF() == pytest.approx(size)


def _drop(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(widget.width() / 2, widget.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)


@pytest.mark.parametrize(
    "target, side", [(Side.SOURCE, Side.SOURCE), (Side.REWRITE, Side.REWRITE), ("bar", None)]
)
def test_dropping_files_reports_the_side(
    comparison_view, small_comparison, tmp_path, qtbot, target, side
):
    comparison_view.set_comparison(small_comparison)
    dropped = tmp_path / "article.txt"
    dropped.write_text("An article.", encoding="utf-8")
    widget = (
        comparison_view.link_bar() if target == "bar" else comparison_view.pane(target).viewport()
    )
    with qtbot.waitSignal(comparison_view.files_dropped) as signal:
        _drop(widget, [dropped])
    assert signal.args == [side, [str(dropped)]]


def test_find_selects_matches_and_reports_none(comparison_view, small_comparison, qtbot):
    comparison_view.set_comparison(small_comparison)
    comparison_view.show_find(Side.REWRITE)
    bar = comparison_view.find_bar()
    assert bar.isVisible()
    assert comparison_view.find_next("moved")
    assert comparison_view.pane(Side.REWRITE).textCursor().selectedText() == "moved"
    assert not comparison_view.find_next("zebra")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status.text() == "No matches"
    bar.edit.setText("sentence")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    first = comparison_view.current_hit()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    second = comparison_view.current_hit()
    assert second != first
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert comparison_view.current_hit() == first
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_copy_puts_the_selected_text_on_the_clipboard(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    pane = comparison_view.pane(Side.SOURCE)
    pane.setFocus()
    cursor = pane.textCursor()
    cursor.setPosition(position_of(pane, "cat"))
    cursor.setPosition(position_of(pane, "cat") + 3, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    comparison_view.copy()
    assert QApplication.clipboard().text() == "cat"


def test_headers_name_each_document(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    header = comparison_view.header(Side.SOURCE)
    # No format (the name has it), and page furniture is counted apart, as in every figure:
    # "Related: celebrity news headline." is 4 of the 24 words.
    assert header.full_text() == "Source — source.txt · 4 sentences · 20 words · 1 page furniture"
    assert header.toolTip() == "/tmp/source.txt"
    assert comparison_view.header(Side.REWRITE).full_text().startswith("Rewrite — rewrite.txt")


def test_placeholder_shows_until_there_is_something_to_show(comparison_view, small_comparison):
    comparison_view.set_placeholder("Drop two articles here")
    assert comparison_view.placeholder_visible()
    comparison_view.set_documents(small_comparison.source, None)
    assert not comparison_view.placeholder_visible()
    assert "The cat sat" in comparison_view.pane(Side.SOURCE).toPlainText()
    comparison_view.set_comparison(small_comparison)
    assert comparison_view.comparison() is small_comparison
    comparison_view.set_comparison(None)
    assert comparison_view.placeholder_visible()
    assert comparison_view.comparison() is None


def test_a_prepared_view_model_is_used_as_is(comparison_view, small_comparison):
    prepared = prepare_view_model(small_comparison)
    comparison_view.set_comparison(small_comparison, prepared=prepared)
    assert comparison_view.view_model() is prepared


def test_a_dark_palette_switches_to_dark_tints(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    palette = QPalette(comparison_view.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#18191a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    comparison_view.setPalette(palette)
    left = comparison_view.pane(Side.SOURCE)
    fmt = char_format_at(left, position_of(left, "Dogs"))
    assert fmt.background().color() == colors.tint(Kind.EDITED, True)


def test_ruler_click_jumps_to_a_change(comparison_view, long_comparison, qtbot):
    comparison_view.set_comparison(long_comparison)
    ruler = comparison_view.ruler(Side.REWRITE)
    assert ruler.mark_count() > 0
    qtbot.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(5, ruler.height() - 10))
    selected = comparison_view.selected_block()
    assert selected is not None and selected > len(long_comparison.blocks) // 2
    assert comparison_view.pane(Side.REWRITE).verticalScrollBar().value() > 0


SCREENSHOT_DIR = Path(__file__).parent / "screenshots"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_the_samples(qtbot, scheme):
    """Seeds 000 and 001 at 1400x900, saved for people to look at; the bands must be drawn."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from viewer.core import compare, load_document
    from viewer.gui.comparison_view import ComparisonView
    from viewer.gui.summary_strip import SummaryStrip
    from viewer.resources import seed_path

    comparison = compare(load_document(seed_path("000")), load_document(seed_path("001")))
    window = QWidget()
    qtbot.addWidget(window)
    if scheme == "dark":
        palette = QPalette()
        roles = QPalette.ColorRole
        for role, color in (
            (roles.Window, "#2b2b2b"),
            (roles.WindowText, "#e6e6e6"),
            (roles.Base, "#1e1e1e"),
            (roles.Text, "#e6e6e6"),
            (roles.Button, "#353535"),
            (roles.ButtonText, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(color))
        window.setPalette(palette)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    strip, view = SummaryStrip(), ComparisonView()
    layout.addWidget(strip)
    layout.addWidget(view)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    strip.set_summary(comparison)
    view.set_comparison(comparison)
    view.next_change()
    qtbot.wait(50)  # lets the layouts settle as they would in a running window
    assert colors.is_dark(view.palette()) == (scheme == "dark")
    image = window.grab()
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    image.save(str(SCREENSHOT_DIR / f"comparison_view_{scheme}.png"))
    assert view.link_bar().bands()


def test_the_ruler_marks_changes_but_not_page_furniture(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    marked = set(comparison_view.ruler(Side.SOURCE).marked_blocks())
    assert small_comparison.blocks[5].boilerplate
    assert 5 not in marked
    assert {1, 4} <= marked  # the edited pair and the omitted sentence


def test_tentative_links_drawn_lighter_and_hideable(comparison_view, tentative_comparison):
    from viewer.core.model import Kind
    from viewer.gui.comparison_view import tooltip_text

    comparison_view.set_comparison(tentative_comparison)
    model = comparison_view.view_model()
    weak = [run for run in model.rewrite.runs if run.tentative]
    assert weak and all(run.kind is Kind.EDITED for run in weak)
    left = comparison_view.pane(Side.SOURCE)
    sure = char_format_at(left, position_of(left, "cat"))
    light = char_format_at(left, position_of(left, "loudly"))
    assert light.background().color().lightness() > sure.background().color().lightness()
    block = tentative_comparison.blocks[1]
    text = tooltip_text(block, tentative_comparison, Side.REWRITE, 1)
    assert "tentative (confidence 0.21)" in text and "not counted as reused" in text
    bands = {band.block: band for band in comparison_view.link_bar().compute_bands()}
    assert bands[1].tentative and not bands[0].tentative

    comparison_view.set_show_tentative(False)
    hidden = comparison_view.view_model()
    assert hidden.compared is tentative_comparison
    kinds = [b.kind for b in hidden.comparison.blocks]
    assert Kind.EDITED not in kinds and kinds.count(Kind.ADDED) == 2
    assert not any(run.tentative for run in hidden.rewrite.runs)
    comparison_view.set_comparison(tentative_comparison, hidden)  # a prepared model is reused
    assert comparison_view.view_model() is hidden


def _long_paragraph_comparison(word: str, sentences: int):
    from viewer.core import compare, document_from_text

    left_text = (
        "Russia launched a film crew into space on Tuesday. "
        + " ".join(f"Sentence number {i} tells of the launch." for i in range(sentences))
        + f" Then came {word} in the middle. The crew will spend twelve days there."
    )
    right_text = left_text.replace("Tuesday", "Monday").replace("twelve", "ten")
    return compare(document_from_text(left_text, "left"), document_from_text(right_text, "right"))


def test_a_huge_paragraph_and_word_are_shown_in_bounded_pieces(comparison_view, qtbot):
    from viewer.gui import view_model

    comparison = _long_paragraph_comparison("x" * 30_000 + "🚀" + "y" * 3_000, 2_000)
    comparison_view.set_comparison(comparison)
    from viewer.core.model import SIDES

    for side in SIDES:
        pane = comparison_view.pane(side)
        model = comparison_view.view_model().pane(side)
        document = pane.document()
        longest = max(document.findBlockByNumber(n).length() for n in range(document.blockCount()))
        assert document.blockCount() > 10
        assert longest <= view_model.MAX_SHOWN_PARAGRAPH_CHARS + 1
        # Every position is where it was: the document has the model's length in UTF-16 units.
        assert document.characterCount() - 1 == model.length16
        assert position_of(pane, "Then came x") == utf16_len(
            model.text[: model.text.index("Then came x")]
        )
        # Copying gives the text itself, without the line breaks shown in its place.
        pane.selectAll()
        copied = pane.createMimeDataFromSelection().text()
        assert copied == model.text


def test_shown_text_keeps_every_offset():
    from viewer.gui.view_model import MAX_SHOWN_PARAGRAPH_CHARS, MAX_SHOWN_WORD_CHARS, shown_text

    texts = [
        "x" * 100_000,
        "One sentence here. " * 5_000,
        "short\ntext",
        "a " * 3_000 + "y" * 5_000 + " b" * 100,
        ("abc" * 3 + "🚀") * 2_000,
        ("word " * 100 + "\n") * 300,
    ]
    for text in texts:
        shown = shown_text(text)
        assert len(shown) == len(text)
        assert utf16_len(shown) == utf16_len(text)
        assert all(a == b or a == "\n" for a, b in zip(shown, text, strict=True))
        lines = shown.split("\n")
        assert max(map(len, lines)) <= MAX_SHOWN_PARAGRAPH_CHARS
        assert max(len(w) for line in lines for w in line.split(" ")) <= MAX_SHOWN_WORD_CHARS
    assert shown_text("short\ntext") == "short\ntext"
    assert shown_text(texts[-1]) == texts[-1]  # ordinary paragraphs are shown as they are


def test_a_moved_phrase_is_dotted_and_pointing_at_it_outlines_its_partner(comparison_view, qtbot):
    from viewer.core import compare, document_from_text

    comparison = compare(
        document_from_text("On Tuesday the council approved the new budget.", "source"),
        document_from_text("The council approved the new budget on Tuesday.", "rewrite"),
    )
    comparison_view.set_comparison(comparison)
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    kind = comparison.blocks[0].kind
    moved = char_format_at(right, position_of(right, "Tuesday"))
    assert not moved.fontStrikeOut() and not moved.fontUnderline()
    assert moved.background().color() == colors.tint(kind, dark(comparison_view))
    kept = char_format_at(right, position_of(right, "council"))
    assert not kept.fontUnderline() and not kept.fontStrikeOut()
    # The dotted line in the kind's colour is painted under the moved words, not the kept ones.
    image = right.viewport().grab().toImage()
    strong = colors.strong(kind).rgb()

    def line_pixels(word: str) -> int:
        start = position_of(right, word)
        (rect,) = right.range_rects(start, start + len(word))
        y = int(rect.bottom() - 2)
        return sum(
            1
            for x in range(int(rect.left()), int(rect.right()))
            for dy in range(0, 3)
            if image.pixel(x, y + dy) == strong
        )

    assert line_pixels("Tuesday") > 3
    assert line_pixels("council") == 0

    cursor = QTextCursor(left.document())
    cursor.setPosition(position_of(left, "Tuesday") + 2)
    qtbot.mouseMove(left.viewport(), left.cursorRect(cursor).center())
    start = position_of(right, "on Tuesday")
    assert right.word_highlight() == [(start, start + len("on Tuesday"))]
    assert left.word_highlight() == [(0, len("On Tuesday"))]
    cursor.setPosition(position_of(left, "budget") + 2)
    qtbot.mouseMove(left.viewport(), left.cursorRect(cursor).center())
    assert right.word_highlight() == [] and left.word_highlight() == []


def _many_sentence_comparison(sentences: int):
    from viewer.core import compare, document_from_text

    source = document_from_text(
        "Russia launched a film crew into space on Tuesday. "
        + " ".join(f"Item {i} was left out of the story." for i in range(sentences))
        + " The crew will spend twelve days there.\n",
        "many.txt",
    )
    rewrite = document_from_text(
        "Russia launched a film crew into space on Tuesday. The crew will spend ten days there.\n",
        "short.txt",
    )
    return compare(source, rewrite)


def test_thousands_of_runs_are_styled_a_slice_at_a_time(comparison_view, qtbot):
    from viewer.gui import panes
    from viewer.gui.view_model import ROLE_TINT

    comparison = _many_sentence_comparison(3 * panes.FORMAT_RUNS_PER_SLICE)
    comparison_view.set_comparison(comparison)
    pane = comparison_view.pane(Side.SOURCE)
    model = comparison_view.view_model().pane(Side.SOURCE)
    assert len(model.runs) > 2 * panes.FORMAT_RUNS_PER_SLICE
    last = next(r for r in reversed(model.runs) if r.kind is Kind.OMITTED)  # near the end
    assert last.role == ROLE_TINT and model.runs.index(last) > panes.FORMAT_RUNS_PER_SLICE
    omitted = colors.tint(Kind.OMITTED, dark(comparison_view))
    # set_comparison returns with the first runs styled and the rest to come
    assert pane.formats_pending()
    assert char_format_at(pane, model.runs[0].start).background().color() != QColor()
    assert char_format_at(pane, last.start).background().color() != omitted
    qtbot.waitUntil(lambda: not pane.formats_pending(), timeout=30_000)
    assert char_format_at(pane, last.start).background().color() == omitted


def test_a_new_comparison_stops_the_styling_of_the_one_before(
    comparison_view, qtbot, small_comparison
):
    from viewer.gui import panes

    comparison_view.set_comparison(_many_sentence_comparison(3 * panes.FORMAT_RUNS_PER_SLICE))
    pane = comparison_view.pane(Side.SOURCE)
    assert pane.formats_pending()
    comparison_view.set_comparison(small_comparison)
    assert not pane.formats_pending()
    qtbot.wait(50)  # turns of the event loop in which the old job would have gone on
    fmt = char_format_at(pane, position_of(pane, "This one was"))
    assert fmt.background().color() == colors.tint(Kind.OMITTED, dark(comparison_view))
    assert len(pane.toPlainText()) < 1_000


def test_the_worker_prepares_what_showing_needs():
    from viewer.gui.view_model import (
        MARK_PRIORITY,
        RULER_ROWS,
        prepare_view_model,
        shown_text,
    )

    comparison = _many_sentence_comparison(5_000)
    model = prepare_view_model(comparison)
    for side in (Side.SOURCE, Side.REWRITE):
        pane = model.pane(side)
        # worked out in prepare_view_model (the worker's call), kept for the GUI thread
        assert "shown" in vars(pane)
        assert pane.shown == shown_text(pane.text)
    long_text = model.pane(Side.SOURCE).text
    assert shown_text(long_text) is shown_text(long_text)  # broken up once
    marks = model.change_marks(Side.SOURCE)
    rows = model.ruler_marks(Side.SOURCE)
    assert len(marks) > RULER_ROWS >= len(rows)
    # every share of the text that has a mark has a row, of the kind that matters most there
    assert rows[0].start <= marks[0].start and rows[-1].end >= marks[-1].end
    for mark in marks[:: len(marks) // 50]:
        row = next(r for r in rows if r.start <= mark.start < r.end or r.start == mark.start)
        assert MARK_PRIORITY[row.kind] >= MARK_PRIORITY[mark.kind]
    few = prepare_view_model(_many_sentence_comparison(10))
    assert few.ruler_marks(Side.SOURCE) == few.change_marks(Side.SOURCE)


def test_a_replaced_view_model_is_taken_apart_only_when_nothing_else_holds_it():
    from viewer.gui.view_model import _dismantle, prepare_view_model

    comparison = _many_sentence_comparison(20)
    model = prepare_view_model(comparison)
    also_held = model
    _dismantle(model)  # another reference: left whole
    assert vars(model) and model.source.text
    del also_held
    kept_pane = model.source  # the source pane is still in use elsewhere
    _dismantle(model)
    assert vars(model) == {}  # taken apart, attribute by attribute
    assert kept_pane.text and kept_pane.runs  # what others hold stays whole
    assert comparison.blocks and comparison.source.text
