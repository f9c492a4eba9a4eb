"""The breakdown of a comparison at a glance: the verdict, stacked share bars and a legend.

May import: the standard library, PySide6, ``viewer.core`` and ``viewer.gui.colors``.
Must not import: the main window. It reads ``comparison.summary`` only, so it agrees with the
exports.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from viewer.core.kinds import (
    BOILERPLATE_DESCRIPTION,
    BOILERPLATE_LABEL,
    KIND_STYLES,
    TENTATIVE_DESCRIPTION,
    TENTATIVE_LABEL,
)
from viewer.core.model import Comparison, Kind
from viewer.core.verdict import VERDICT_LABELS
from viewer.gui import colors

SHARE_BAR_HEIGHT_PX = 16
SWATCH_PX = 11
SOURCE_BAR_WIDTH_PX = 170
LABEL_MIN_SEGMENT_PX = 34  # narrower segments show their percentage in the tooltip only
TENTATIVE_COLOR = "#c4c4c4"  # tentative links' share: a light neutral, not a kind's hue

Segment = tuple[float, QColor, str]  # (share 0..1, colour, description)


def rewrite_segments(comparison: Comparison) -> list[Segment]:
    """How the rewrite's words split by kind; from sentence counts when shares are missing."""
    s = comparison.summary
    shares = [
        (s.rewrite_verbatim, Kind.IDENTICAL, "verbatim"),
        (s.rewrite_edited, Kind.EDITED, "lightly edited"),
        (s.rewrite_paraphrased, Kind.PARAPHRASE, "paraphrased"),
        (s.rewrite_partial, Kind.PARTIAL, "partly reused"),
        (s.rewrite_new, Kind.ADDED, "new"),
    ]
    if sum(share for share, _k, _d in shares) + s.rewrite_tentative <= 0:
        counts = s.counts
        total = sum(counts.get(k.value, 0) for _s, k, _d in shares)
        shares = [(counts.get(k.value, 0) / total if total else 0.0, k, d) for _s, k, d in shares]
    segments = [
        (share, colors.strong(kind), f"{share:.0%} of the rewrite is {desc}")
        for share, kind, desc in shares
        if share > 0
    ]
    if s.rewrite_tentative > 0:  # after the reused shares, before the new one
        segments.insert(
            len(segments) - (1 if s.rewrite_new > 0 else 0),
            (
                s.rewrite_tentative,
                QColor(TENTATIVE_COLOR),
                f"{s.rewrite_tentative:.0%} of the rewrite is tentatively linked",
            ),
        )
    return segments


def source_segments(comparison: Comparison) -> list[Segment]:
    s = comparison.summary
    carried, omitted = s.source_carried, s.source_omitted
    if carried + omitted <= 0:
        linked = sum(
            s.counts.get(k.value, 0)
            for k in (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL)
        )
        left_out = s.counts.get(Kind.OMITTED.value, 0)
        total = linked + left_out
        carried, omitted = (linked / total, left_out / total) if total else (0.0, 0.0)
    segments = []
    if carried > 0:
        segments.append((carried, QColor("#7a8793"), f"{carried:.0%} of the source was reused"))
    if s.source_tentative > 0:
        segments.append(
            (
                s.source_tentative,
                QColor(TENTATIVE_COLOR),
                f"{s.source_tentative:.0%} of the source is tentatively linked",
            )
        )
    if omitted > 0:
        segments.append(
            (omitted, colors.strong(Kind.OMITTED), f"{omitted:.0%} of the source was left out")
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
    """A colour swatch, a label and a count."""

    def __init__(self, label: str, description: str, color: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        self.swatch = QLabel()
        self.swatch.setPixmap(_swatch(color))
        self.text = QLabel()
        layout.addWidget(self.swatch)
        layout.addWidget(self.text)
        self._label = label
        self.setToolTip(description)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.text.setText(f"{self._label} <b>{count:,}</b>")
        self.setAccessibleName(f"{self._label}: {count}")
        self.count = count


class SummaryStrip(QWidget):
    """Figures of the comparison: what the rewrite is made of, what the source lost, a legend."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self.setAccessibleName("Comparison summary")
        # The legend must not set the window's minimum width: on a narrow window it is clipped
        # and the headline steps aside instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 6, 12, 6)
        outer.setSpacing(5)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdictLine")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setWordWrap(True)
        self.verdict.setToolTip(
            "What the two texts are to each other, from how many of the rewrite's sentences "
            "reuse the source's wording (see the README's \"Reading the result\")"
        )
        outer.addWidget(self.verdict)

        bars = QHBoxLayout()
        bars.setSpacing(8)
        self.rewrite_label = QLabel("Rewrite")
        self.rewrite_bar = ShareBar("rewriteShareBar")
        self.source_label = QLabel("Source")
        self.source_bar = ShareBar("sourceShareBar")
        self.source_bar.setFixedWidth(SOURCE_BAR_WIDTH_PX)
        self.headline = QLabel()
        self.headline.setObjectName("summaryHeadline")
        for label in (self.rewrite_label, self.source_label):
            font = label.font()
            font.setWeight(QFont.Weight.DemiBold)
            label.setFont(font)
        bars.addWidget(self.rewrite_label)
        bars.addWidget(self.rewrite_bar, 1)
        bars.addSpacing(10)
        bars.addWidget(self.source_label)
        bars.addWidget(self.source_bar)
        outer.addLayout(bars)

        legend = QHBoxLayout()
        legend.setSpacing(16)
        self.legend: dict[str, LegendItem] = {}
        for kind in Kind:
            style = KIND_STYLES[kind]
            item = LegendItem(style.label, style.description, colors.strong(kind))
            self.legend[kind.value] = item
            legend.addWidget(item)
        item = LegendItem(TENTATIVE_LABEL, TENTATIVE_DESCRIPTION, QColor(TENTATIVE_COLOR))
        self.legend["tentative"] = item
        legend.addWidget(item)
        item = LegendItem(BOILERPLATE_LABEL, BOILERPLATE_DESCRIPTION, QColor("#b0b0b0"))
        self.legend["boilerplate"] = item
        legend.addWidget(item)
        legend.addStretch(1)
        legend.addWidget(self.headline)
        outer.addLayout(legend)
        self.set_summary(None)

    def set_summary(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.rewrite_bar.set_segments([])
            self.source_bar.set_segments([])
            self.headline.setText("")
            self.verdict.setText("")
            self.verdict.hide()
            for item in self.legend.values():
                item.set_count(0)
            self.setEnabled(False)
            return
        self.setEnabled(True)
        s = comparison.summary
        self.rewrite_bar.set_segments(rewrite_segments(comparison))
        self.source_bar.set_segments(source_segments(comparison))
        for kind in Kind:
            self.legend[kind.value].set_count(s.counts.get(kind.value, 0))
        boiler = s.source_boilerplate_sentences + s.rewrite_boilerplate_sentences
        self.legend["boilerplate"].set_count(boiler)
        self.legend["boilerplate"].setVisible(boiler > 0)
        self.legend["tentative"].set_count(s.tentative_links)
        self.legend["tentative"].setVisible(s.tentative_links > 0)
        self._set_verdict(s.verdict, s.verdict_reason)
        if s.rewrite_verbatim or s.rewrite_edited or s.rewrite_paraphrased or s.rewrite_partial:
            reused = 1.0 - s.rewrite_new - s.rewrite_tentative
            self.headline.setText(f"{reused:.0%} of the rewrite comes from the source")
        else:
            self.headline.setText(f"{s.source_sentences:,} → {s.rewrite_sentences:,} sentences")
        self.setAccessibleDescription(self.headline.text())
        self._fit_headline()

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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_headline()

    def _fit_headline(self) -> None:
        legend = sum(
            item.sizeHint().width() + 16 for item in self.legend.values() if not item.isHidden()
        )
        self.headline.setVisible(legend + self.headline.sizeHint().width() + 24 <= self.width())
