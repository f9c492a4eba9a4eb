"""The breakdown of a comparison at a glance: the verdict, stacked share bars, a colour legend
and how word changes are drawn.

May import: the standard library, PySide6, ``viewer.core`` and ``viewer.gui.colors``. Must not
import: the main window. It reads ``comparison.summary`` and counts blocks as
``viewer.core.summary`` does, page furniture left out, so it agrees with the command line and
the exports.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from viewer.core.kinds import (
    BOILERPLATE_DESCRIPTION,
    BOILERPLATE_LABEL,
    KIND_STYLES,
    PUNCTUATION_DESCRIPTION,
    PUNCTUATION_LABEL,
    REUSED_COLOUR,
    REWRITE_SHARE_FIELDS,
    SOURCE_SHARE_FIELDS,
    TENTATIVE_DESCRIPTION,
    TENTATIVE_LABEL,
    headline_phrase,
    rewrite_share_phrase,
    source_share_phrase,
)
from viewer.core.model import Comparison, Kind
from viewer.core.summary import article_counts, furniture_blocks
from viewer.core.verdict import VERDICT_LABELS
from viewer.gui import colors

SHARE_BAR_HEIGHT_PX = 16
SWATCH_PX = 11
LEGEND_MARGIN_PX = 12
LEGEND_SPACING_PX = 14
ITEM_SPACING_PX = 5
MIN_BAR_PX = 140  # the headline takes a shorter wording before the rewrite bar gets narrower
LINK_GAP_PX = 64  # the link bar's width until ``align_to`` is called
LABEL_MIN_SEGMENT_PX = 34  # narrower segments show their percentage in the tooltip only
TENTATIVE_COLOR = "#c4c4c4"  # tentative links' share: a light neutral, not a kind's hue

Segment = tuple[float, QColor, str]  # (share 0..1, colour, description)


def rewrite_segments(comparison: Comparison) -> list[Segment]:
    """How the rewrite's words split by kind, page furniture left out."""
    s = comparison.summary
    segments = [
        (share, colors.strong(kind), rewrite_share_phrase(f"{share:.0%}", kind))
        for share, kind in ((getattr(s, field), kind) for field, kind in REWRITE_SHARE_FIELDS)
        if share > 0
    ]
    if s.rewrite_tentative > 0:  # after the reused shares, before the new one
        segments.insert(
            len(segments) - (1 if s.rewrite_new > 0 else 0),
            (
                s.rewrite_tentative,
                QColor(TENTATIVE_COLOR),
                f"{s.rewrite_tentative:.0%} of the rewrite's words are tentatively linked",
            ),
        )
    return segments


def source_segments(comparison: Comparison) -> list[Segment]:
    """How the source's words split into reused and omitted, page furniture left out."""
    s = comparison.summary
    segments = []
    for field, kind in SOURCE_SHARE_FIELDS:
        share = getattr(s, field)
        if share > 0:
            color = colors.strong(kind) if kind is not None else QColor(REUSED_COLOUR)
            segments.append((share, color, source_share_phrase(f"{share:.0%}", kind)))
        if kind is None and s.source_tentative > 0:  # right after the reused share
            segments.append(
                (
                    s.source_tentative,
                    QColor(TENTATIVE_COLOR),
                    f"{s.source_tentative:.0%} of the source's words are tentatively linked",
                )
            )
    return segments


class ShareBar(QWidget):
    """A horizontal bar of coloured segments, each labelled with its percentage when it fits."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self._segments: list[Segment] = []
        self.setMinimumHeight(SHARE_BAR_HEIGHT_PX)
        self.setMaximumHeight(SHARE_BAR_HEIGHT_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(300, SHARE_BAR_HEIGHT_PX)

    def set_segments(self, segments: list[Segment]) -> None:
        self._segments = segments
        text = "; ".join(desc for _s, _c, desc in segments) or "no figures"
        self.setAccessibleName(text)
        self.setToolTip("\n".join(desc for _s, _c, desc in segments))
        self.update()

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def _rects(self) -> list[tuple[QRectF, Segment]]:
        total = sum(s[0] for s in self._segments) or 1.0
        x, width, out = 0.0, float(self.width()), []
        for seg in self._segments:
            w = width * seg[0] / total
            out.append((QRectF(x, 0, w, self.height()), seg))
            x += w
        return out

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(self.rect()), 4, 4)
        painter.setClipPath(clip)
        palette = self.palette()
        painter.fillRect(self.rect(), colors.with_alpha(palette.color(palette.ColorRole.Text), 25))
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.82))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for rect, (share, color, _desc) in self._rects():
            painter.fillRect(rect, color)
            label = f"{share:.0%}"
            if rect.width() >= max(LABEL_MIN_SEGMENT_PX, metrics.horizontalAdvance(label) + 6):
                painter.setPen(
                    QColor("#000000") if color.lightnessF() > 0.55 else QColor("#ffffff")
                )
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            for rect, (_share, _color, desc) in self._rects():
                if rect.contains(event.pos().toPointF()):
                    QToolTip.showText(event.globalPos(), desc, self)
                    return True
        return super().event(event)


def _swatch(color: QColor, outline: QColor | None = None) -> QPixmap:
    ratio = 2
    pixmap = QPixmap(SWATCH_PX * ratio, SWATCH_PX * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(outline if outline is not None else color.darker(120))
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(0.5, 0.5, SWATCH_PX - 1, SWATCH_PX - 1), 2.5, 2.5)
    painter.end()
    return pixmap


class LegendItem(QWidget):
    """A colour swatch, a label and a count; a click shows or hides the kind in the panes."""

    toggled = Signal(bool)  # shown

    def __init__(
        self,
        label: str,
        description: str,
        color: QColor,
        parent: QWidget | None = None,
        *,
        checkable: bool = True,
    ):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 1, 3, 1)
        layout.setSpacing(ITEM_SPACING_PX)
        self.swatch = QLabel()
        self.label = QLabel(label)
        self.number = QLabel()
        font = self.number.font()
        font.setWeight(QFont.Weight.Bold)
        self.number.setFont(font)
        layout.addWidget(self.swatch)
        layout.addWidget(self.label)
        layout.addWidget(self.number)
        self._label = label
        self._description = description
        self._color = QColor(color)
        self._checkable = checkable
        self._shown = True
        self.count = 0
        if checkable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._refresh()

    def set_count(self, count: int) -> None:
        self.count = count
        self._refresh()

    def shown(self) -> bool:
        return self._shown

    def set_shown(self, shown: bool) -> None:
        """Show or hide the kind without announcing it (the window restores its settings)."""
        if shown != self._shown:
            self._shown = shown
            self._refresh()

    def set_compact(self, compact: bool) -> None:
        """Keep the swatch and the count only, the label going into the tooltip."""
        self.label.setVisible(not compact)

    def is_compact(self) -> bool:
        return self.label.isHidden()

    def full_width(self) -> int:
        """The width with the label shown."""
        spacing = ITEM_SPACING_PX
        return (
            self.swatch.sizeHint().width()
            + self.label.sizeHint().width()
            + self.number.sizeHint().width()
            + 2 * spacing
            + 6
        )

    def compact_width(self) -> int:
        return self.swatch.sizeHint().width() + self.number.sizeHint().width() + 5 + 6

    def _refresh(self) -> None:
        color = self._color
        self.swatch.setPixmap(
            _swatch(color) if self._shown else _swatch(QColor(Qt.GlobalColor.transparent), color)
        )
        self.number.setText(f"{self.count:,}")
        font = self.label.font()
        font.setStrikeOut(not self._shown)
        self.label.setFont(font)
        state = ""
        if self._checkable:
            state = (
                "\nClick to hide these sentences." if self._shown else "\nHidden: click to show."
            )
        self.setToolTip(f"<b>{self._label}</b>: {self._description}{state}".replace("\n", "<br>"))
        self.setAccessibleName(f"{self._label}: {self.count}{'' if self._shown else ', hidden'}")
        self.setAccessibleDescription(self._description)

    def mouseReleaseEvent(self, event) -> None:
        if (
            self._checkable
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self._shown = not self._shown
            self._refresh()
            self.toggled.emit(self._shown)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if self._checkable and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return):
            self._shown = not self._shown
            self._refresh()
            self.toggled.emit(self._shown)
            return
        super().keyPressEvent(event)


WORD_MARKS_DESCRIPTION = (
    "Words inside linked sentences, matched in any order:\n"
    "struck through: only in the source (deleted, or replaced by the rewrite's words)\n"
    "underlined: only in the rewrite (inserted, or replacing the source's words)\n"
    "dotted underline: carried over word for word but moved; point at it to see its partner\n"
    "Case, quote style and punctuation are not counted as changes.\n" + PUNCTUATION_DESCRIPTION
)


class WordMarksLegend(QWidget):
    """How word changes are drawn in the panes: struck, underlined, dotted for moved phrases."""

    SAMPLES = (("deleted", "strike"), ("inserted", "underline"), ("moved", "dotted"))
    PUNCTUATION_SAMPLE = (PUNCTUATION_LABEL, "punctuation")
    GAP_PX = 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._show_punctuation = False
        self.setToolTip(WORD_MARKS_DESCRIPTION)
        self.setAccessibleName("Word changes: deleted struck through, inserted underlined, moved")
        self.setAccessibleDescription(WORD_MARKS_DESCRIPTION)

    def set_show_punctuation(self, on: bool) -> None:
        """Add the faint punctuation sample while the panes show punctuation changes."""
        if bool(on) != self._show_punctuation:
            self._show_punctuation = bool(on)
            self.updateGeometry()
            self.update()

    def samples(self) -> tuple[tuple[str, str], ...]:
        """(label, style) of each sample drawn, in order."""
        return self.SAMPLES + ((self.PUNCTUATION_SAMPLE,) if self._show_punctuation else ())

    def _prefix(self) -> str:
        return "Words:"

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance(self._prefix())
        for label, _style in self.samples():
            width += self.GAP_PX + metrics.horizontalAdvance(label)
        return QSize(width + 2, metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        color = self.palette().color(self.foregroundRole())
        baseline = (self.height() + metrics.ascent() - metrics.descent()) // 2
        x = 0
        painter.setPen(color)
        painter.drawText(x, baseline, self._prefix())
        x += metrics.horizontalAdvance(self._prefix())
        for label, style in self.samples():
            x += self.GAP_PX
            width = metrics.horizontalAdvance(label)
            if style == "punctuation":  # as the panes draw it: violet on a pale wash
                text, wash = colors.punctuation(colors.is_dark(self.palette()))
                painter.fillRect(
                    x - 1, baseline - metrics.ascent(), width + 2, metrics.height(), wash
                )
                painter.setPen(text)
                painter.drawText(x, baseline, label)
                x += width
                continue
            painter.setPen(color)
            painter.drawText(x, baseline, label)
            pen = QPen(color, 1.0)
            if style == "strike":
                y = baseline - metrics.strikeOutPos()
            else:
                y = baseline + max(2, metrics.underlinePos())
                if style == "dotted":
                    pen = QPen(colors.strong(Kind.PARAPHRASE), 1.6, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(x, y, x + width, y)
            x += width
        painter.end()


class SummaryStrip(QWidget):
    """Figures of the comparison: what each side is made of, above its pane, and a legend."""

    kind_toggled = Signal(object, bool)  # Kind, shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self.setAccessibleName("Comparison summary")
        # The legend must not set the window's minimum width: on a narrow window its labels go
        # and the headline steps aside; swatches and counts stay.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        outer.setSpacing(5)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdictLine")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setWordWrap(True)
        self.verdict.setContentsMargins(LEGEND_MARGIN_PX, 0, LEGEND_MARGIN_PX, 0)
        self.verdict.setToolTip(
            "What the two texts are to each other, from how many of the rewrite's sentences "
            "reuse the source's wording (see the README's \"Reading the result\")"
        )
        outer.addWidget(self.verdict)

        # Source bar over the source pane, rewrite bar over the rewrite pane, a gap over the
        # link bar: ``align_to`` keeps the columns on the panes when the splitter moves.
        self._bars = QHBoxLayout()
        self._bars.setContentsMargins(0, 0, 0, 0)
        self._bars.setSpacing(0)
        self.source_label = QLabel("Source")
        self.source_bar = ShareBar("sourceShareBar")
        self.rewrite_label = QLabel("Rewrite")
        self.rewrite_bar = ShareBar("rewriteShareBar")
        self.source_column = self._column(self.source_label, self.source_bar)
        self.rewrite_column = self._column(self.rewrite_label, self.rewrite_bar)
        self._gap = QWidget()
        self._gap.setFixedWidth(LINK_GAP_PX)
        self._bars.addWidget(self.source_column, 1)
        self._bars.addWidget(self._gap)
        self._bars.addWidget(self.rewrite_column, 1)
        outer.addLayout(self._bars)

        legend = QHBoxLayout()
        legend.setContentsMargins(LEGEND_MARGIN_PX, 0, LEGEND_MARGIN_PX, 0)
        legend.setSpacing(LEGEND_SPACING_PX)
        self.legend: dict[str, LegendItem] = {}
        for kind in Kind:
            style = KIND_STYLES[kind]
            item = LegendItem(style.label, style.description, colors.strong(kind))
            item.toggled.connect(lambda shown, kind=kind: self.kind_toggled.emit(kind, shown))
            self.legend[kind.value] = item
            legend.addWidget(item)
        item = LegendItem(
            BOILERPLATE_LABEL,
            BOILERPLATE_DESCRIPTION + "; not counted in any figure",
            QColor("#b0b0b0"),
            checkable=False,
        )
        self.legend["boilerplate"] = item
        legend.addWidget(item)
        item = LegendItem(
            TENTATIVE_LABEL, TENTATIVE_DESCRIPTION, QColor(TENTATIVE_COLOR), checkable=False
        )
        self.legend["tentative"] = item
        legend.addWidget(item)
        self.word_legend = WordMarksLegend()
        legend.addWidget(self.word_legend)
        legend.addStretch(1)
        # Where the rewrite bar's label is too narrow for the headline, it stands here instead.
        self.headline_aside = QLabel()
        self.headline_aside.setObjectName("summaryHeadlineAside")
        font = self.headline_aside.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.headline_aside.setFont(font)
        legend.addWidget(self.headline_aside)
        outer.addLayout(legend)
        # The headline figure is the rewrite bar's own label: it stays in sight at any width.
        self.headline = self.rewrite_label
        self.headline.setObjectName("summaryHeadline")
        self._rewrite_texts: list[str] = ["Rewrite"]
        self.set_summary(None)

    def _column(self, label: QLabel, bar: ShareBar) -> QWidget:
        column = QWidget()
        layout = QHBoxLayout(column)
        layout.setContentsMargins(LEGEND_MARGIN_PX, 0, LEGEND_MARGIN_PX, 0)
        layout.setSpacing(8)
        font = label.font()
        font.setWeight(QFont.Weight.DemiBold)
        label.setFont(font)
        layout.addWidget(label)
        layout.addWidget(bar, 1)
        return column

    def align_to(self, source_px: int, gap_px: int, rewrite_px: int) -> None:
        """Put the source bar over a column ``source_px`` wide, a gap, then the rewrite bar."""
        self._gap.setFixedWidth(max(0, gap_px))
        self._bars.setStretch(0, max(1, source_px))
        self._bars.setStretch(2, max(1, rewrite_px))
        self._bars.activate()
        self._fit_rewrite_label()

    def set_summary(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.rewrite_bar.set_segments([])
            self.source_bar.set_segments([])
            self._rewrite_texts = ["Rewrite"]
            self.rewrite_label.setText("Rewrite")
            self._set_verdict("", "")
            for item in self.legend.values():
                item.set_count(0)
            self.setEnabled(False)
            return
        self.setEnabled(True)
        s = comparison.summary
        self.rewrite_bar.set_segments(rewrite_segments(comparison))
        self.source_bar.set_segments(source_segments(comparison))
        counts = article_counts(comparison.blocks)
        for kind in Kind:
            self.legend[kind.value].set_count(counts[kind.value])
        furniture = furniture_blocks(comparison.blocks)
        self.legend["boilerplate"].set_count(furniture)
        self.legend["boilerplate"].setVisible(furniture > 0)
        self.legend["tentative"].set_count(s.tentative_links)
        self.legend["tentative"].setVisible(s.tentative_links > 0)
        self._set_verdict(s.verdict, s.verdict_reason)
        self.source_label.setText(f"Source · {s.source_words:,} words")
        if s.rewrite_words:
            share = f"{1.0 - s.rewrite_new - s.rewrite_tentative:.0%}"
            self._rewrite_texts = [
                headline_phrase(share, s.rewrite_words),
                f"Rewrite: {share} from the source",
                "Rewrite",
            ]
        else:
            self._rewrite_texts = [f"Rewrite · {s.rewrite_sentences:,} sentences", "Rewrite"]
        self.rewrite_label.setToolTip(headline_phrase(share) if s.rewrite_words else "")
        self.setAccessibleDescription(self._rewrite_texts[0])
        self._fit()

    def _set_verdict(self, verdict: str, reason: str) -> None:
        """The verdict's label in bold, then its reason; hidden for comparisons without one."""
        label = VERDICT_LABELS.get(verdict, "")
        if not label:
            self.verdict.hide()
            self.verdict.setText("")
            return
        rest = reason[len(label) + 2 :] if reason.startswith(label + ": ") else reason
        self.verdict.setText(f"<b>{html.escape(label)}</b>: {html.escape(rest)}")
        self.verdict.setAccessibleName(reason or label)
        self.verdict.show()

    def set_hidden_kinds(self, kinds: frozenset[Kind]) -> None:
        for kind in Kind:
            self.legend[kind.value].set_shown(kind not in kinds)

    def hidden_kinds(self) -> frozenset[Kind]:
        return frozenset(kind for kind in Kind if not self.legend[kind.value].shown())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Legend labels go when they do not fit; swatches and counts always stay."""
        items = [item for item in self.legend.values() if not item.isHidden()]
        room = self.width() - 2 * LEGEND_MARGIN_PX
        full = sum(item.full_width() + LEGEND_SPACING_PX for item in items)
        words = self.word_legend.sizeHint().width() + LEGEND_SPACING_PX
        compact = full + words > room
        for item in items:
            item.set_compact(compact)
        # How words are drawn goes last: the kinds' swatches and counts matter more.
        shortest = sum(item.compact_width() + LEGEND_SPACING_PX for item in items)
        self.word_legend.setVisible(not compact or shortest + words <= room)
        self._fit_rewrite_label()

    def _fit_rewrite_label(self) -> None:
        """The longest wording of the headline that leaves the rewrite bar room to be read."""
        metrics = self.rewrite_label.fontMetrics()
        room = self.rewrite_column.width() - 2 * LEGEND_MARGIN_PX - 8 - MIN_BAR_PX
        fitting = [t for t in self._rewrite_texts if metrics.horizontalAdvance(t) + 4 <= room]
        self.rewrite_label.setText(fitting[0] if fitting else self._rewrite_texts[-1])
        aside = ""
        if len(fitting) <= 1 and len(self._rewrite_texts) > 2:
            legend = sum(
                (item.compact_width() if item.is_compact() else item.full_width())
                + LEGEND_SPACING_PX
                for item in self.legend.values()
                if not item.isHidden()
            )
            if not self.word_legend.isHidden():
                legend += self.word_legend.sizeHint().width() + LEGEND_SPACING_PX
            free = self.width() - 2 * LEGEND_MARGIN_PX - legend
            aside = next(
                (t for t in self._rewrite_texts[:2] if metrics.horizontalAdvance(t) + 8 <= free),
                "",
            )
        self.headline_aside.setText(aside)
        self.headline_aside.setVisible(bool(aside))
