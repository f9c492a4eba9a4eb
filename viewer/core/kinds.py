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

# Punctuation, quote style, dash and case changes inside carried-over wording (see
# ``viewer.core.punctuation_changes``): not counted as changes, so drawn faintly, when asked, in
# a violet that no kind uses (the text), on a pale wash of it.
PUNCTUATION_LABEL = "punctuation"
PUNCTUATION_DESCRIPTION = (
    "faint violet: punctuation, quote style, dash or case changed in carried-over words "
    "(View \u25b8 Show Punctuation Changes); never counted as a change"
)
PUNCTUATION_TEXT_LIGHT = "#7340c8"
PUNCTUATION_WASH_LIGHT = "#ece3fa"
PUNCTUATION_TEXT_DARK = "#c9b1ff"
PUNCTUATION_WASH_DARK = "#3b3152"

BOILERPLATE_LABEL = "Page furniture"
BOILERPLATE_DESCRIPTION = (
    "Headline lists, navigation and other text that is not part of the article"
)

# -- the one vocabulary ------------------------------------------------------------------------
# The window, its tooltips, the command line, the CSV and the HTML export say these words and
# no others: a kind is named by its label (lower-cased inside a sentence), a similarity is
# "N% alike", and the two figures of the source are "reused" and "omitted".

ALIKE = "alike"
REUSED_LABEL = "Reused"
REUSED_DESCRIPTION = "Source words that reappear in the rewrite, in any of the four linked kinds"
# Not a kind's hue: a source share that is reused may be verbatim, edited, paraphrased or
# partly reused, so it takes a neutral slate that no kind uses (a test keeps it apart).
REUSED_COLOUR = "#3d4f60"  # the HTML export's --c0


def alike(similarity: float) -> str:
    """A similarity as every view writes it: ``"85% alike"``."""
    return f"{round(similarity * 100)}% {ALIKE}"


def kind_word(kind: Kind) -> str:
    """The kind's label inside a sentence: ``"lightly edited"``."""
    return KIND_STYLES[kind].label.lower()


# (Summary field, kind whose colour and label the share takes); None is the source's reused share.
REWRITE_SHARE_FIELDS: tuple[tuple[str, Kind], ...] = (
    ("rewrite_verbatim", Kind.IDENTICAL),
    ("rewrite_edited", Kind.EDITED),
    ("rewrite_paraphrased", Kind.PARAPHRASE),
    ("rewrite_partial", Kind.PARTIAL),
    ("rewrite_new", Kind.ADDED),
)
SOURCE_SHARE_FIELDS: tuple[tuple[str, Kind | None], ...] = (
    ("source_carried", None),
    ("source_omitted", Kind.OMITTED),
)


def share_word(kind: Kind | None) -> str:
    """How a share is named: a kind's word, or "reused" for the source's linked words."""
    return REUSED_LABEL.lower() if kind is None else kind_word(kind)


def rewrite_share_phrase(share_text: str, kind: Kind) -> str:
    """``"40% of the rewrite's words are paraphrased"``: the figure says what it counts."""
    return f"{share_text} of the rewrite's words are {kind_word(kind)}"


def source_share_phrase(share_text: str, kind: Kind | None) -> str:
    """``"70% of the source's words are reused"`` / ``"… are omitted"``."""
    return f"{share_text} of the source's words are {share_word(kind)}"


def headline_phrase(share_text: str, words: int | None = None) -> str:
    """The one headline figure: how much of the rewrite comes from the source."""
    whose = "the rewrite's words" if words is None else f"the rewrite's {words:,} words"
    return f"{share_text} of {whose} come from the source"
