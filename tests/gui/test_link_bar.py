"""LinkBar: bands drawn in the kind's hue, hover, clicks and wheel scrolling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from viewer.core.model import Kind, Side
from viewer.gui import colors


def band_of(bar, block):
    return next(band for band in bar.compute_bands() if band.block == block)


def test_bands_are_painted_in_the_kind_hue(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    bar = comparison_view.link_bar()
    image = bar.grab().toImage()
    blocks = {band.block for band in bar.bands()}
    assert {0, 1, 2, 3, 4} <= blocks
    band = band_of(bar, 1)  # edited: blue
    x = bar.width() // 2
    y = round((band.source[0] + band.source[1] + band.rewrite[0] + band.rewrite[1]) / 4)
    pixel = QColor(image.pixel(x, y))
    hue = colors.strong(Kind.EDITED).hsvHue()
    assert pixel.hsvSaturation() > 25
    assert abs(pixel.hsvHue() - hue) < 25
    background = bar.palette().color(bar.palette().ColorRole.Window)
    assert pixel != background


def test_an_omitted_sentence_gets_a_wedge_to_a_point(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    band = band_of(comparison_view.link_bar(), 4)
    assert band.source[1] > band.source[0]
    assert band.rewrite[0] == band.rewrite[1]


def test_a_moved_band_is_drawn_dashed(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    band = band_of(comparison_view.link_bar(), 3)
    assert band.moved
    # It crosses: the source end is above the partner of the block after it on the rewrite.
    added = band_of(comparison_view.link_bar(), 2)
    assert band.source[0] < band.rewrite[0]
    assert added.rewrite[0] < band.rewrite[0]


def test_hovering_a_band_highlights_its_sentences(comparison_view, small_comparison, qtbot):
    comparison_view.set_comparison(small_comparison)
    bar = comparison_view.link_bar()
    bar.grab()
    band = band_of(bar, 1)
    point = QPoint(
        bar.width() // 2,
        round((band.source[0] + band.source[1] + band.rewrite[0] + band.rewrite[1]) / 4),
    )
    qtbot.mouseMove(bar, point)
    assert comparison_view.hovered_block() == 1
    assert comparison_view.pane(Side.SOURCE).highlighted()[0] == [1]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=point)
    assert comparison_view.selected_block() == 1


def test_wheel_over_the_bar_scrolls_both_panes(comparison_view, long_comparison):
    comparison_view.set_comparison(long_comparison)
    bar = comparison_view.link_bar()
    left, right = comparison_view.pane(Side.SOURCE), comparison_view.pane(Side.REWRITE)
    point = QPointF(bar.width() / 2, bar.height() / 2)
    event = QWheelEvent(
        point,
        QPointF(bar.mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, -360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(bar, event)
    assert left.verticalScrollBar().value() > 0
    assert right.verticalScrollBar().value() > 0


def test_only_blocks_near_the_screen_are_drawn(comparison_view, long_comparison):
    comparison_view.set_comparison(long_comparison)
    bar = comparison_view.link_bar()
    bar.grab()
    drawn = len(bar.bands())
    assert 0 < drawn < len(long_comparison.blocks) // 2


def test_a_band_tooltip_describes_its_block(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    bar = comparison_view.link_bar()
    bar.grab()
    band = band_of(bar, 4)
    point = QPoint(4, round((band.source[0] + band.source[1]) / 2))
    event = QHelpEvent(QEvent.Type.ToolTip, point, bar.mapToGlobal(point))
    QApplication.sendEvent(bar, event)
    assert "not in the rewrite" in QToolTip.text()
    QToolTip.hideText()


def test_page_furniture_wedges_are_neutral_not_omitted_orange(comparison_view, small_comparison):
    comparison_view.set_comparison(small_comparison)
    bar = comparison_view.link_bar()
    assert small_comparison.blocks[5].boilerplate
    band = band_of(bar, 5)
    assert band.boilerplate and not band_of(bar, 4).boilerplate
    image = bar.grab().toImage()
    y = round((band.source[0] + band.source[1]) / 2)
    pixel = QColor(image.pixel(3, y))  # near the source edge, where the wedge is widest
    assert pixel != bar.palette().color(bar.palette().ColorRole.Window)
    assert pixel.hsvSaturation() < 25, "furniture is drawn in the neutral hue, like the legend"
