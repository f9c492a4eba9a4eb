"""The window explains itself: figures that agree, one vocabulary, a legend that teaches."""

from __future__ import annotations

import csv
import io

from PySide6.QtGui import QColor

from viewer.core.export.csv_table import comparison_to_csv
from viewer.core.export.html_page import render_html
from viewer.core.kinds import KIND_STYLES, REUSED_COLOUR, alike
from viewer.core.model import SIDES, Kind, Side
from viewer.core.summary import article_counts, article_words

# Words the views once used for the same things, and must not any more.
RETIRED_WORDS = ("similar", " new", "carried", "was left out", "comes from")


def _colour_distance(a: str, b: str) -> float:
    ca, cb = QColor(a), QColor(b)
    return (
        (ca.red() - cb.red()) ** 2 + (ca.green() - cb.green()) ** 2 + (ca.blue() - cb.blue()) ** 2
    ) ** 0.5


def test_figures_leave_page_furniture_out(seed_window):
    window = seed_window
    comparison = window.comparison()
    furniture = [b for b in comparison.blocks if b.boilerplate]
    assert furniture, "the samples' source carries a headline list"
    strip = window.summary_strip
    counts = article_counts(comparison.blocks)
    for kind in Kind:
        assert strip.legend[kind.value].count == counts[kind.value]
    # The source's furniture is all omitted blocks: the legend's Omitted does not count them.
    assert strip.legend["omitted"].count == comparison.summary.counts["omitted"] - len(furniture)
    assert strip.legend["boilerplate"].count == len(furniture)
    # "N changes" in the status bar counts article blocks only.
    changes = sum(
        1
        for b in comparison.blocks
        if not b.boilerplate and (b.kind is not Kind.IDENTICAL or b.moved)
    )
    assert window.position_text() == f"{changes} changes"
    # The pane headers count the article's words, as the shares do.
    for side in SIDES:
        doc = comparison.document(side)
        assert f"· {article_words(doc):,} words" in window.view.header(side).full_text()
        assert f"{comparison.summary.word_count(side):,} words" in (
            (strip.source_label if side is Side.SOURCE else strip.rewrite_label).text()
        )  # at this width the rewrite's label has its longest wording


def test_each_share_bar_sits_above_its_pane(seed_window):
    window = seed_window
    strip, view = window.summary_strip, window.view
    for side, bar in ((Side.SOURCE, strip.source_bar), (Side.REWRITE, strip.rewrite_bar)):
        pane = view.pane(side)
        bar_left = bar.mapTo(window, bar.rect().topLeft()).x()
        bar_right = bar.mapTo(window, bar.rect().topRight()).x()
        pane_left = pane.mapTo(window, pane.rect().topLeft()).x()
        pane_right = pane.mapTo(window, pane.rect().topRight()).x()
        assert pane_left - 80 <= bar_left and bar_right <= pane_right + 30, side
    # Moving the splitter moves the bars with the panes.
    splitter = view.splitter()
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0] + 200, sizes[1], sizes[2] - 200])
    splitter.splitterMoved.emit(sizes[0] + 200, 1)
    window.summary_strip.layout().activate()
    source_right = strip.source_bar.mapTo(window, strip.source_bar.rect().topRight()).x()
    pane = view.pane(Side.SOURCE)
    assert abs(source_right - pane.mapTo(window, pane.rect().topRight()).x()) < 40


def test_the_reused_colour_is_no_kind_colour(seed_window):
    for style in KIND_STYLES.values():
        assert _colour_distance(REUSED_COLOUR, style.strong) > 90, style.label
    colours = [c.name() for _s, c, _d in seed_window.summary_strip.source_bar.segments()]
    assert QColor(REUSED_COLOUR).name() in colours


def test_figures_say_what_they_count(seed_window):
    strip = seed_window.summary_strip
    summary = seed_window.comparison().summary
    assert strip.headline.text() == (
        f"{1 - summary.rewrite_new:.0%} of the rewrite's {summary.rewrite_words} words come from"
        " the source"
    )
    assert strip.headline is strip.rewrite_label  # the headline labels the rewrite's own bar
    for bar, whose in ((strip.rewrite_bar, "rewrite's"), (strip.source_bar, "source's")):
        for _share, _colour, description in bar.segments():
            assert f"of the {whose} words are " in description


def test_one_vocabulary_in_window_cli_csv_and_html(seed_window, tmp_path):
    window = seed_window
    comparison = window.comparison()
    linked = next(b for b in comparison.blocks if b.kind is Kind.EDITED)
    slot = window.view.view_model().source.slot_of(linked.source[0])
    tooltip = window.view._tooltip(Side.SOURCE, slot)
    assert alike(linked.alike) in tooltip
    texts = [
        tooltip,
        window.summary_strip.rewrite_bar.toolTip(),
        window.summary_strip.source_bar.toolTip(),
        window.summary_strip.headline.text(),
    ]
    for text in texts:
        for word in RETIRED_WORDS:
            assert word not in text, (word, text)
    rows = list(csv.DictReader(io.StringIO(comparison_to_csv(comparison))))
    assert {row["label"] for row in rows} <= {style.label for style in KIND_STYLES.values()}
    assert rows[0]["label"] == KIND_STYLES[Kind(rows[0]["kind"])].label
    page = render_html(comparison)
    assert "% added" in page and "% reused" in page and alike(linked.alike) in page
    for kind in Kind:
        label = KIND_STYLES[kind].label
        assert label in page
        assert window.summary_strip.legend[kind.value].label.text() == label


# -- Hide identical ---------------------------------------------------------------------------


def test_hide_identical_leaves_a_marker_where_it_hid_a_run(comparison_view, long_comparison):
    from viewer.gui.view_model import is_identical_in_place

    comparison_view.set_comparison(long_comparison)
    comparison_view.set_hide_identical(True)
    pane = comparison_view.pane(Side.SOURCE)
    markers = pane.hidden_run_texts()
    assert markers, "the long comparison has runs of unmoved verbatim sentences"
    hidden = sum(len(b.source) for b in long_comparison.blocks if is_identical_in_place(b))
    counts = [int(text.split()[1].replace(",", "")) for text in markers]
    assert sum(counts) == hidden
    for text, count in zip(markers, counts, strict=True):
        noun = "sentence" if count == 1 else "sentences"
        assert text == f"⋯ {count} identical {noun} ⋯"
        assert text in pane.toPlainText()
    # The marker is not a sentence: hovering it shows no tooltip and it is no slot.
    model = pane.model()
    assert model is not None
    for run in model.hidden_runs:
        assert model.slot_at(run.start + 1) is None
    comparison_view.set_hide_identical(False)
    assert pane.hidden_run_texts() == []


def test_hide_identical_says_so_when_there_is_nothing_to_hide(make_window, qtbot, tmp_path):
    source = tmp_path / "source.txt"
    rewrite = tmp_path / "rewrite.txt"
    source.write_text("The council met on Monday. It approved the budget.\n", encoding="utf-8")
    rewrite.write_text("Councillors gathered Monday. The budget passed.\n", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=20_000):
        window.open_files(str(source), str(rewrite))
    window.hide_identical_action.setChecked(True)
    assert window.statusBar().currentMessage() == (
        "Nothing to hide: no sentence is identical and in place."
    )
    window.hide_identical_action.setChecked(False)


def test_hide_identical_says_how_much_it_hid(seed_window):
    window = seed_window
    comparison = window.comparison()
    from viewer.gui.view_model import is_identical_in_place

    hidden = sum(len(b.source) for b in comparison.blocks if is_identical_in_place(b))
    window.hide_identical_action.setChecked(True)
    message = window.statusBar().currentMessage()
    if hidden:
        assert message.startswith(f"Hid {hidden}")
    else:
        assert message.startswith("Nothing to hide")
    window.hide_identical_action.setChecked(False)


# -- Cosmetics --------------------------------------------------------------------------------


def test_the_gap_between_two_sentences_is_never_tinted_or_struck(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    checked = 0
    for side in SIDES:
        pane = comparison_view.pane(side)
        model = pane.model()
        assert model is not None
        gaps = {
            position
            for end, start in zip(model.ends, model.starts[1:], strict=False)
            for position in range(end, start)
        }
        block = pane.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                span = range(fragment.position(), fragment.position() + fragment.length())
                if gaps.intersection(span):
                    fmt = fragment.charFormat()
                    assert fmt.background().style().name == "NoBrush", (side, span)
                    assert not fmt.fontStrikeOut() and not fmt.fontUnderline(), (side, span)
                    checked += 1
                it += 1
            block = block.next()
    assert checked >= 2  # "mat. Dogs" on both sides


def test_the_current_sentence_has_one_outline(comparison_view, small_comparison, qtbot):
    comparison_view.resize(520, 500)
    comparison_view.show()
    qtbot.waitExposed(comparison_view)
    comparison_view.set_comparison(small_comparison)
    pane = comparison_view.pane(Side.REWRITE)
    model = pane.model()
    assert model is not None
    slot = max(range(len(model.starts)), key=lambda s: model.ends[s] - model.starts[s])
    assert len(pane.slot_rects(slot)) >= 2, "the pane is narrow enough to wrap the sentence"
    polygons = pane.outline_path([slot]).toSubpathPolygons()
    assert len(polygons) == 1
    # A sentence's lines make one shape like a text selection's: at most eight corners (the
    # polygon repeats its first point), not a box with rounded corners per line joined by notches.
    assert polygons[0].size() <= 9


def test_title_and_headers_say_things_once(seed_window):
    import viewer

    window = seed_window
    assert viewer.APP_NAME not in window.windowTitle()
    assert window.windowTitle() == (
        f"{window.comparison().source.name} ↔ {window.comparison().rewrite.name}"
    )
    for side in SIDES:
        doc = window.comparison().document(side)
        assert f"· {doc.format} ·" not in window.view.header(side).full_text()


# -- The legend teaches -----------------------------------------------------------------------


def test_clicking_a_legend_kind_hides_it_and_the_window_remembers(seed_window, make_window, qtbot):
    from PySide6.QtCore import Qt

    window = seed_window
    comparison = window.comparison()
    paraphrased = [b for b in comparison.blocks if b.kind is Kind.PARAPHRASE]
    assert paraphrased
    text = comparison.rewrite.sentence_text(paraphrased[0].rewrite[0])
    item = window.summary_strip.legend[Kind.PARAPHRASE.value]
    assert KIND_STYLES[Kind.PARAPHRASE].description in item.toolTip()
    assert text in window.view.pane(Side.REWRITE).toPlainText()
    qtbot.mouseClick(item, Qt.MouseButton.LeftButton)
    assert not item.shown()
    assert Kind.PARAPHRASE in window.view.hidden_kinds()
    pane_text = window.view.pane(Side.REWRITE).toPlainText()
    assert text not in pane_text
    assert "paraphrased sentence" in pane_text  # a marker stands where they were
    assert "Hidden" in item.toolTip()
    window.save_settings()
    again = make_window()
    with qtbot.waitSignal(again.comparison_shown, timeout=20_000):
        again.open_initial([])
    assert Kind.PARAPHRASE in again.view.hidden_kinds()
    assert not again.summary_strip.legend[Kind.PARAPHRASE.value].shown()
    assert text not in again.view.pane(Side.REWRITE).toPlainText()
    qtbot.mouseClick(again.summary_strip.legend[Kind.PARAPHRASE.value], Qt.MouseButton.LeftButton)
    assert text in again.view.pane(Side.REWRITE).toPlainText()
    assert again.view.hidden_kinds() == frozenset()


def test_help_explains_reading_the_comparison(seed_window, qtbot):
    window = seed_window
    action = next(
        a for m in window.menuBar().actions() if m.text() == "&Help" for a in m.menu().actions()
    )
    assert action.text() == "&Reading the Comparison"
    action.trigger()
    dialog = window.show_reading()
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    for words in ("Wedges", "Hatched bands", "rulers", "% alike", "page furniture", "headline"):
        assert words in text, words
    for kind in Kind:
        assert KIND_STYLES[kind].label in text
    dialog.close()


def test_the_readme_says_what_the_help_page_says():
    from pathlib import Path

    from viewer.resources import resource_path

    page = resource_path("help", "reading.md").read_text(encoding="utf-8").strip()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reading the result", 1)[1]
    assert page in section


def test_the_sample_comparison_says_what_it_is(seed_window, qtbot, tmp_path):
    from viewer.gui.sample_banner import SAMPLE_TEXT

    window = seed_window
    assert window.sample_banner.isVisible()
    assert SAMPLE_TEXT in window.sample_banner.text()
    assert "AFP wire story" in SAMPLE_TEXT and "F7" in SAMPLE_TEXT
    assert "compare your own" in window.sample_banner.text()
    assert window.sample_banner.open_button.text() == "Open Your Own…"
    source, rewrite = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("The council met on Monday.\n", encoding="utf-8")
    rewrite.write_text("The council met on Monday evening.\n", encoding="utf-8")
    with qtbot.waitSignal(window.comparison_shown, timeout=20_000):
        window.open_files(str(source), str(rewrite))
    assert not window.sample_banner.isVisible()


# -- Small and large windows ------------------------------------------------------------------


def test_a_small_window_keeps_swatches_counts_and_figures(seed_window, qtbot):
    window = seed_window
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() <= 640)
    assert window.width() == 640  # nothing forces the window wider
    strip = window.summary_strip
    strip_right = strip.mapTo(window, strip.rect().topRight()).x()
    for item in strip.legend.values():
        if item.isHidden():
            continue
        assert item.swatch.isVisible() and item.number.isVisible()
        assert item.number.text() == f"{item.count:,}"
        right = item.mapTo(window, item.rect().topRight()).x()
        assert right <= strip_right, "every legend item is inside the window"
    comparison = window.comparison()
    for side in SIDES:
        header = window.view.header(side)
        doc = comparison.document(side)
        sentences = len(doc.sentences) - len(doc.boilerplate)
        figures = f"{sentences:,} sentences · {article_words(doc):,} words"
        assert figures in header.text()
        assert header.fontMetrics().horizontalAdvance(header.text()) <= header.width()
    # The headline takes a shorter wording, and still says what it counts.
    share = f"{1 - comparison.summary.rewrite_new:.0%}"
    wordings = (
        f"Rewrite: {share} from the source",
        f"{share} of the rewrite's {comparison.summary.rewrite_words} words come from the source",
    )
    shown = [label.text() for label in (strip.headline, strip.headline_aside) if label.isVisible()]
    assert any(text in wordings for text in shown), shown


def test_a_wide_window_keeps_a_readable_measure(seed_window, qtbot):
    window = seed_window
    window.resize(1800, 1000)
    qtbot.waitUntil(lambda: window.width() == 1800)
    for side in SIDES:
        pane = window.view.pane(side)
        qtbot.waitUntil(lambda pane=pane: pane.viewport().width() <= pane.measure_px())
        assert pane.width() > pane.measure_px() + 100  # there was room to spare
        # The text meets the link bar: the spare width is on the outer side.
        margins = pane.viewportMargins()
        outer, inner = (
            (margins.left(), margins.right())
            if side is Side.SOURCE
            else (margins.right(), margins.left())
        )
        assert outer > 0 and inner == 0
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    for side in SIDES:
        margins = window.view.pane(side).viewportMargins()
        assert (margins.left(), margins.right()) == (0, 0)
