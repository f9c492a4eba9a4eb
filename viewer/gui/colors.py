"""Colours of the window, taken from ``viewer.core.kinds`` and fitted to the light or dark palette.

May import: QtGui and ``viewer.core``. Must not import: QtWidgets (so the colours can be
computed for any palette, with or without a widget).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from viewer.core.kinds import (
    KIND_STYLES,
    PUNCTUATION_TEXT_DARK,
    PUNCTUATION_TEXT_LIGHT,
    PUNCTUATION_WASH_DARK,
    PUNCTUATION_WASH_LIGHT,
)
from viewer.core.model import Kind

DARK_LIGHTNESS_LIMIT = 0.5  # a window background darker than this counts as a dark palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < DARK_LIGHTNESS_LIMIT


def tint(kind: Kind, dark: bool) -> QColor:
    """The sentence background of ``kind``."""
    style = KIND_STYLES[kind]
    return QColor(style.tint_dark if dark else style.tint_light)


def change(kind: Kind, dark: bool) -> QColor:
    """The background of a changed word inside a sentence of ``kind``."""
    style = KIND_STYLES[kind]
    return QColor(style.change_dark if dark else style.change_light)


def strong(kind: Kind) -> QColor:
    """The hue of ``kind`` for bands, bars and ruler marks."""
    return QColor(KIND_STYLES[kind].strong)


def punctuation(dark: bool) -> tuple[QColor, QColor]:
    """The text and background colours of a punctuation change (faint, in no kind's hue)."""
    if dark:
        return QColor(PUNCTUATION_TEXT_DARK), QColor(PUNCTUATION_WASH_DARK)
    return QColor(PUNCTUATION_TEXT_LIGHT), QColor(PUNCTUATION_WASH_LIGHT)


def with_alpha(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(alpha)
    return result


def muted_text(palette: QPalette) -> QColor:
    """Text colour of page furniture: halfway between the text and the background."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() + base.red()) // 2,
        (text.green() + base.green()) // 2,
        (text.blue() + base.blue()) // 2,
    )


def mix(color: QColor, other: QColor, share: float) -> QColor:
    """``share`` of ``color`` and the rest of ``other``, channel by channel."""
    keep = max(0.0, min(1.0, share))
    return QColor(
        round(color.red() * keep + other.red() * (1 - keep)),
        round(color.green() * keep + other.green() * (1 - keep)),
        round(color.blue() * keep + other.blue() * (1 - keep)),
    )
