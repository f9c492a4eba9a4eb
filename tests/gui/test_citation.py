"""Copy as Citation: both sentences, the kind, why, % alike and each document's origin, as plain
text and HTML, from the context menu, Edit ▸ Copy as Citation and Ctrl+Shift+C."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from viewer.core.model import Side
from viewer.gui.citation import citation_html, citation_of, citation_text, document_reference

WORKER_WAIT_MS = 30_000


def with_web_source(comparison):
    source = replace(
        comparison.source,
        title="Russia films in space",
        url="https://example.org/news?id=1&lang=en",
        published="2021-10-05",
    )
    return replace(comparison, source=source)


def test_citation_of_an_edited_pair(small_comparison):
    comparison = with_web_source(small_comparison)
    citation = citation_of(comparison, comparison.blocks[1])
    assert citation_text(citation) == (
        "Source: “Dogs bark loudly at night.”\n"
        "    — Russia films in space, https://example.org/news?id=1&lang=en, "
        "published 2021-10-05\n"
        "Rewrite: “Dogs 🐶 bark very loudly at dusk.”\n"
        "    — rewrite.txt, /tmp/rewrite.txt\n"
        "Lightly edited, 73 % alike. Same sentence with small surface edits; meaning kept.\n"
    )
    page = citation_html(citation)
    assert '<a href="https://example.org/news?id=1&amp;lang=en">Russia films in space</a>' in page
    assert "<blockquote>“Dogs bark loudly at night.”</blockquote>" in page
    assert "<b>Lightly edited</b>, 73 % alike." in page
    assert "published 2021-10-05" in page


def test_citation_of_a_sentence_on_one_side_and_given_reasons(small_comparison):
    omitted = citation_of(small_comparison, small_comparison.blocks[4])
    text = citation_text(omitted)
    assert "Source: “This one was dropped.”" in text
    assert "Rewrite: (nothing: not in the rewrite)" in text
    assert text.rstrip().endswith("Omitted. In the source only: not in the rewrite.")
    assert "% alike" not in text
    reasoned = citation_of(small_comparison, small_comparison.blocks[1], "the time changed")
    assert citation_text(reasoned).rstrip().endswith("73 % alike. the time changed.")
    assert document_reference(small_comparison.rewrite) == "rewrite.txt, /tmp/rewrite.txt"


def test_context_menu_copies_the_pair_under_the_pointer(qtbot, comparison_view, small_comparison):
    view = comparison_view
    view.set_comparison(with_web_source(small_comparison))
    pane = view.pane(Side.REWRITE)
    slot = pane.model().slot_of(3)  # "A moved sentence is here." in the rewrite: block 3
    point = pane.slot_rects(slot)[0].center().toPoint()
    menu = view.context_menu(Side.REWRITE, point)
    assert view.selected_block() == 3
    actions = {a.text(): a for a in menu.actions() if a.text()}
    cite = actions["Copy as C&itation"]
    assert cite.isEnabled() and cite.shortcut().toString() == "Ctrl+Shift+C"
    with qtbot.waitSignal(view.citation_copied) as copied:
        cite.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasText() and mime.hasHtml()
    assert mime.text() == copied.args[0]
    assert mime.text().startswith("Source: “A moved sentence is here.”")
    assert "Verbatim, 100 % alike." in mime.text()
    assert "<blockquote>“A moved sentence is here.”</blockquote>" in mime.html()
    menu.deleteLater()


def test_ctrl_shift_c_in_the_window(qtbot, seed_window):
    window = seed_window
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text() == "before"  # nothing selected: nothing copied
    assert "Select a sentence first" in window.statusBar().currentMessage()
    window.next_change_action.trigger()
    block = window.comparison().blocks[window.view.selected_block()]
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QGuiApplication.clipboard().text()
    source = window.comparison().source
    assert f"    — {source.name}, {source.path}" in text
    for i in block.source:
        assert " ".join(source.sentence_text(i).split()) in text
    assert window.statusBar().currentMessage() == "Citation copied."
