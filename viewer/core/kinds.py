"""How each kind of reuse is named, described and coloured, for every view of a comparison.

May import: the standard library and ``viewer.core.model``. Must not import: Qt.
The GUI and the HTML export both take their colours from here, so a legend means the same
thing in the window and in an exported page. The hues are the Okabe–Ito palette, which stays
distinguishable for the common forms of colour blindness; the views add a non-colour cue too.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.core.model import Kind


@dataclass(frozen=True)
class KindStyle:
    label: str  # short, for legends and tooltips
    description: str  # one line, for tooltips and the legend's title
    strong: str  # the hue: bands, bars, rulers (#rrggbb)
    tint_light: str  # sentence background on a light palette
    tint_dark: str  # sentence background on a dark palette
    change_light: str  # changed-word background on a light palette
    change_dark: str  # changed-word background on a dark palette


KIND_STYLES: dict[Kind, KindStyle] = {
    Kind.IDENTICAL: KindStyle(
        "Verbatim",
        "Same words (case, spacing, punctuation and quote style aside)",
        "#8c8c8c",
        "#ededed",
        "#383838",
        "#d0d0d0",
        "#555555",
    ),
    Kind.EDITED: KindStyle(
        "Lightly edited",
        "Same sentence with small surface edits; meaning kept",
        "#0072b2",
        "#dcebf7",
        "#1d3a50",
        "#a9cdee",
        "#2f6690",
    ),
    Kind.PARAPHRASE: KindStyle(
        "Paraphrased",
        "Reworded: same facts in new words",
        "#009e73",
        "#d5f0e5",
        "#173f35",
        "#9fdcc3",
        "#1f6e58",
    ),
    Kind.PARTIAL: KindStyle(
        "Partly reused",
        "Shares content, but facts were added or dropped, or sentences merged or split",
        "#e69f00",
        "#fbecc9",
        "#4a3810",
        "#f4cf78",
        "#7a5b12",
    ),
    Kind.OMITTED: KindStyle(
        "Omitted",
        "In the source only: not in the rewrite",
        "#d55e00",
        "#f9dccb",
        "#552814",
        "#f0a77c",
        "#8a3f15",
    ),
    Kind.ADDED: KindStyle(
        "Added",
        "In the rewrite only: not in the source",
        "#cc79a7",
        "#f5dfeb",
        "#47283a",
        "#e5a9ca",
        "#7a3d60",
    ),
}

TENTATIVE_LABEL = "Tentative"
TENTATIVE_DESCRIPTION = (
    "A link with little evidence for it: likelier wrong than right, and not counted as reused"
)

BOILERPLATE_LABEL = "Page furniture"
BOILERPLATE_DESCRIPTION = (
    "Headline lists, navigation and other text that is not part of the article"
)
