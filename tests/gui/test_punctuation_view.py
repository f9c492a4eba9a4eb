"""View ▸ Show Punctuation Changes: the real action restyles the panes and is remembered."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from viewer.core.kinds import PUNCTUATION_TEXT_LIGHT, PUNCTUATION_WASH_LIGHT
from viewer.core.model import Side
from viewer.gui.panes import PUNCTUATION_PROPERTY, SentencePane
from viewer.gui.settings import AppSettings

WORKER_WAIT_MS = 30_000

APOSTROPHE = "Musk\u2019s"  # the rewrite of 001 writes it so; the source 000 has "Musk\u00b4s"


def char_format_at(pane: SentencePane, position: int):
    """The format of the character at UTF-16 ``position`` (a cursor reports the one before)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def all_formats(pane: SentencePane) -> list[tuple]:
    """Every fragment of the pane's text with what its format draws."""
    found = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            found.append(
                (
                    fragment.position(),
                    fragment.length(),
                    fmt.background().color().name(),
                    fmt.foreground().color().name(),
                    fmt.fontStrikeOut(),
                    fmt.fontUnderline(),
                    fmt.property(PUNCTUATION_PROPERTY),
                )
            )
            it += 1
        block = block.next()
    return found


def test_the_action_draws_punctuation_changes_faintly_and_takes_them_away(seed_window, qtbot):
    window = seed_window
    view = window.view
    action = window.show_punctuation_action
    assert action.isCheckable() and not action.isChecked()  # off by default
    assert action in window.menuBar().actions()[2].menu().actions()  # in the View menu
    comparison = view.comparison()
    panes = {side: view.pane(side) for side in (Side.SOURCE, Side.REWRITE)}
    before = {side: all_formats(pane) for side, pane in panes.items()}
    assert all(not pane.punctuation_marks() for pane in panes.values())
    rewrite = panes[Side.REWRITE]
    at = rewrite.toPlainText().index(APOSTROPHE) + len("Musk")
    assert char_format_at(rewrite, at).property(PUNCTUATION_PROPERTY) is None
    slot = rewrite.model().slot_at(at)
    assert "Punctuation" not in rewrite.tooltip_provider(slot)

    action.trigger()

    assert action.isChecked() and view.show_punctuation()
    assert view.comparison() is comparison  # restyled, not compared again
    fmt = char_format_at(rewrite, at)
    assert fmt.property(PUNCTUATION_PROPERTY) == "punctuation:quote style"
    assert fmt.foreground().color().name() == PUNCTUATION_TEXT_LIGHT
    assert fmt.background().color().name() == PUNCTUATION_WASH_LIGHT
    # Only the apostrophe: the letters around it keep their run's format.
    assert char_format_at(rewrite, at - 1).property(PUNCTUATION_PROPERTY) is None
    assert char_format_at(rewrite, at + 1).property(PUNCTUATION_PROPERTY) is None
    assert "Punctuation (not counted): " in rewrite.tooltip_provider(slot)
    assert "quote style \u00b4 \u2192 \u2019" in rewrite.tooltip_provider(slot)
    source = panes[Side.SOURCE]
    source_at = source.toPlainText().index("Musk\u00b4s") + len("Musk")
    assert char_format_at(source, source_at).property(PUNCTUATION_PROPERTY) == (
        "punctuation:quote style"
    )
    # Every mark drawn is a punctuation change, and the text itself is untouched.
    for pane in panes.values():
        marks = pane.punctuation_marks()
        assert marks
        text = pane.toPlainText()
        for mark in marks:
            assert not any(ch.isspace() for ch in text[mark.start : mark.end])
            fmt = char_format_at(pane, mark.start)
            assert fmt.property(PUNCTUATION_PROPERTY) == f"punctuation:{mark.kind}"
    assert "punctuation" in {label for label, _ in window.summary_strip.word_legend.samples()}

    action.trigger()

    assert not action.isChecked()
    assert {side: all_formats(pane) for side, pane in panes.items()} == before
    assert "punctuation" not in {label for label, _ in window.summary_strip.word_legend.samples()}


def test_the_choice_is_remembered(seed_window, make_window, settings_file, qtbot):
    seed_window.show_punctuation_action.trigger()
    assert AppSettings.open(settings_file).show_punctuation() is True
    seed_window.close()

    again = make_window()
    assert again.show_punctuation_action.isChecked()
    with qtbot.waitSignal(again.comparison_shown, timeout=WORKER_WAIT_MS):
        again.open_initial([])
    rewrite = again.view.pane(Side.REWRITE)
    at = rewrite.toPlainText().index(APOSTROPHE) + len("Musk")
    assert char_format_at(rewrite, at).property(PUNCTUATION_PROPERTY) == "punctuation:quote style"

    again.show_punctuation_action.trigger()
    assert AppSettings.open(settings_file).show_punctuation() is False
