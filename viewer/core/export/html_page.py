"""A comparison as one self-contained HTML page: both articles side by side, block by block.

May import: the standard library, ``viewer`` (name and version), ``viewer.resources`` (to find
the template), ``viewer.core.model``, ``viewer.core.kinds``, ``viewer.core.word_marks``,
``viewer.core.confidence``, ``viewer.core.verdict``, ``viewer.core.facts`` (the reasons),
``viewer.core.punctuation_changes`` and ``viewer.core.export.atomic``. Must not import: Qt.

The page asks for nothing from the network (styles and script are inlined from
``resources/export/``), so it works offline and as an e-mail attachment. Word changes come
from each block's word marks and are ``<del>``/``<ins>`` elements, so they survive printing in
black and white and screen readers; moved phrases are dotted-underlined spans. Punctuation,
quote style, dash and case changes are spans of their own, drawn only when the reader ticks
"Show punctuation changes" (off, like the window's View ▸ Show Punctuation Changes).
Every piece of document text and every file name goes through ``html.escape``.
"""

from __future__ import annotations

import html
import os
import string
from datetime import UTC, datetime
from functools import cache

import viewer
from viewer.core.confidence import TENTATIVE_BELOW, is_tentative
from viewer.core.export.atomic import ExportError, encode_utf8, write_atomic
from viewer.core.facts import block_reasons
from viewer.core.kinds import (
    BOILERPLATE_DESCRIPTION,
    BOILERPLATE_LABEL,
    KIND_STYLES,
    PUNCTUATION_TEXT_DARK,
    PUNCTUATION_TEXT_LIGHT,
    PUNCTUATION_WASH_DARK,
    PUNCTUATION_WASH_LIGHT,
    REWRITE_SHARE_FIELDS,
    SOURCE_SHARE_FIELDS,
    TENTATIVE_DESCRIPTION,
    TENTATIVE_LABEL,
    alike,
    share_word,
)
from viewer.core.model import KINDS, Block, Comparison, Document, Kind, Side, Span
from viewer.core.punctuation_changes import PunctuationChange, block_punctuation_changes
from viewer.core.verdict import VERDICT_LABELS
from viewer.core.word_marks import sentence_pieces
from viewer.resources import resource_path

# One-letter row classes keep per-block markup small on long documents.
KIND_CLASS: dict[Kind, str] = {
    Kind.IDENTICAL: "i",
    Kind.EDITED: "e",
    Kind.PARAPHRASE: "p",
    Kind.PARTIAL: "t",
    Kind.OMITTED: "o",
    Kind.ADDED: "a",
}
MOVED_LABEL = "moved"
MOVED_DESCRIPTION = "Appears at a different place in the rewrite than in the source"
FACTS_LABEL = "Changed facts"
FACTS_DESCRIPTION = (
    "A figure, date, name, negation, quotation or attribution differs: told under "
    "What happened; such pairs are always partly reused"
)

TENTATIVE_CLASS = "q"  # a row that is a tentative link
TENTATIVE_SHARE_LABEL = "tentatively linked"
# (Summary field, label, kind whose colour the bar segment takes), in the one vocabulary; the
# tentative shares (kind None, a colour of their own) stand between the reused and the rest.
REWRITE_SHARES = (
    *((field, share_word(kind), kind) for field, kind in REWRITE_SHARE_FIELDS[:-1]),
    ("rewrite_tentative", TENTATIVE_SHARE_LABEL, None),
    *((field, share_word(kind), kind) for field, kind in REWRITE_SHARE_FIELDS[-1:]),
)
SOURCE_SHARES = (
    *((field, share_word(kind), kind) for field, kind in SOURCE_SHARE_FIELDS[:1]),
    ("source_tentative", TENTATIVE_SHARE_LABEL, None),
    *((field, share_word(kind), kind) for field, kind in SOURCE_SHARE_FIELDS[1:]),
)
_SHARE_CLASS = {"source_carried": "c", "source_tentative": "u", "rewrite_tentative": "u"}

_esc = html.escape


@cache
def _template_part(name: str) -> str:
    try:
        path = resource_path("export", name)
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # a broken installation, not bad input
        raise ExportError(
            f"resources/export/{name}", f"the page template cannot be read ({exc})"
        ) from None


# Punctuation changes are drawn once the reader ticks the box (the body gets "show-pu"); the
# legend's sample always is.
_PUNCTUATION_SELECTOR = ".show-pu .pu,.pux"


def _kind_css() -> str:
    light, dark = [], []
    for kind, cls in KIND_CLASS.items():
        style = KIND_STYLES[kind]
        light.append(
            f".{cls}{{--s:{style.strong};--t:{style.tint_light};--c:{style.change_light}}}"
        )
        dark.append(f".{cls}{{--t:{style.tint_dark};--c:{style.change_dark}}}")
    return (
        "\n".join(light) + f"\n{_PUNCTUATION_SELECTOR}{{color:{PUNCTUATION_TEXT_LIGHT};"
        f"background:{PUNCTUATION_WASH_LIGHT}}}"
        + "\n@media screen and (prefers-color-scheme:dark){\n"
        + "\n".join(dark)
        + f"\n{_PUNCTUATION_SELECTOR}{{color:{PUNCTUATION_TEXT_DARK};"
        f"background:{PUNCTUATION_WASH_DARK}}}" + "\n}"
    )


# Word changes ---------------------------------------------------------------------------------

# How each word mark is drawn, per side: (element, class). Kept words and the text between runs
# are plain text. Moved phrases are not changes: a dotted underline in the block's colour, and
# their partner on the other side lights up under the pointer.
_MARK_TAGS = {
    ("deleted", Side.SOURCE): ("del", ""),
    ("replaced", Side.SOURCE): ("del", "r"),
    ("inserted", Side.REWRITE): ("ins", ""),
    ("replaced", Side.REWRITE): ("ins", "r"),
    ("moved", Side.SOURCE): ("span", "mv"),
    ("moved", Side.REWRITE): ("span", "mv"),
}
MOVED_WORDS_TITLE = "moved: the same words stand elsewhere on the other side"
PUNCTUATION_CLASS = "pu"  # a punctuation change, drawn when the body has class "show-pu"


def _marked(
    doc: Document,
    indices: tuple[int, ...],
    runs,
    side: Side,
    punctuation: list[tuple[Span, str]] | None = None,
) -> str:
    """The block's sentences on one side, escaped and joined by single spaces, with the word
    marks as elements: ``<del>``/``<ins>`` for words only this side has (class ``r`` when
    something took their place), ``<span class="mv">`` for moved phrases; ``data-g`` pairs a
    moved or replaced run with its partner in the same row. ``punctuation`` ((range, kind) in
    the document text) become ``<span class="pu">`` inside them."""
    if runs is None:
        return _esc(block_text(doc, indices))
    out = []
    for index in indices:
        parts = []
        start, end = doc.sentences[index]
        sentence = doc.text[start:end]
        at = start + len(sentence) - len(sentence.lstrip())
        for piece, mark, group in sentence_pieces(doc.text, doc.sentences[index], runs):
            body = _with_punctuation(piece, at, punctuation) if punctuation else _esc(piece)
            at += len(piece)
            tag = _MARK_TAGS.get((mark, side)) if mark else None
            if tag is None:
                parts.append(body)
                continue
            element, cls = tag
            attributes = f' class="{cls}"' if cls else ""
            if group is not None:
                attributes += f' data-g="{group}"'
            if cls == "mv":
                attributes += f' title="{MOVED_WORDS_TITLE}"'
            parts.append(f"<{element}{attributes}>{body}</{element}>")
        out.append("".join(parts))
    return " ".join(out)


def _with_punctuation(piece: str, at: int, punctuation: list[tuple[Span, str]]) -> str:
    """``piece`` (which starts at ``at`` in the document text), escaped, with the punctuation
    changes inside it as spans."""
    out = []
    done = 0
    for (start, end), kind in punctuation:
        start, end = max(start - at, done), min(end - at, len(piece))
        if start >= end:
            continue
        out.append(_esc(piece[done:start]))
        out.append(
            f'<span class="{PUNCTUATION_CLASS}" title="{_esc(kind)} changed">'
            f"{_esc(piece[start:end])}</span>"
        )
        done = end
    out.append(_esc(piece[done:]))
    return "".join(out)


def _side_punctuation(changes: tuple[PunctuationChange, ...], side: Side) -> list[tuple[Span, str]]:
    """Where ``changes`` stand on ``side``, ascending, with their kinds."""
    found = [
        (change.source if side is Side.SOURCE else change.rewrite, change.kind)
        for change in changes
    ]
    return sorted((span, kind) for span, kind in found if span is not None)


# Rows -----------------------------------------------------------------------------------------


def _numbers(indices: tuple[int, ...]) -> str:
    if len(indices) > 1 and indices[-1] - indices[0] == len(indices) - 1:
        return f"{indices[0] + 1}–{indices[-1] + 1}"
    return ", ".join(str(i + 1) for i in indices)


def block_text(doc: Document, indices: tuple[int, ...]) -> str:
    """The sentences of one side of a block, as shown: stripped and joined by single spaces."""
    return " ".join(doc.sentence_text(i).strip() for i in indices)


def _cell(
    doc: Document,
    indices: tuple[int, ...],
    runs,
    side: Side,
    punctuation: list[tuple[Span, str]] | None = None,
) -> str:
    if not indices:
        return "<td></td>"
    body = _marked(doc, indices, runs, side, punctuation)
    return f'<td data-n="{_numbers(indices)}">{body}</td>'


def _row(
    number: int,
    block: Block,
    comparison: Comparison,
    punctuation: tuple[PunctuationChange, ...] = (),
) -> str:
    style = KIND_STYLES[block.kind]
    classes = KIND_CLASS[block.kind]
    words = block.words
    tags = [f"<b>{_esc(style.label)}</b>"]
    if block.kind not in (Kind.OMITTED, Kind.ADDED):
        tags.append(f"<small>{alike(block.alike)}</small>")
    if is_tentative(block):
        classes += f" {TENTATIVE_CLASS}"
        tags.append(
            f'<em class="{TENTATIVE_CLASS}" title="{_esc(TENTATIVE_DESCRIPTION)}">'
            f"{_esc(TENTATIVE_LABEL.lower())} · {_confidence(block)}</em>"
        )
    if block.moved:
        classes += " m"
        tags.append(f"<em>↕ {MOVED_LABEL}</em>")
    if block.boilerplate:
        classes += " f"
        tags.append(f"<em>{_esc(BOILERPLATE_LABEL.lower())}</em>")
    if block.facts:
        classes += " fc"
    if block.source and block.rewrite:
        tags.append(f'<span class="why">{_esc(block_reasons(comparison, block))}</span>')
    return (
        f'<tr class="{classes}" id="b{number}">'
        + _cell(
            comparison.source,
            block.source,
            words.source if words else None,
            Side.SOURCE,
            _side_punctuation(punctuation, Side.SOURCE),
        )
        + f"<th scope=row>{''.join(tags)}</th>"
        + _cell(
            comparison.rewrite,
            block.rewrite,
            words.rewrite if words else None,
            Side.REWRITE,
            _side_punctuation(punctuation, Side.REWRITE),
        )
        + "</tr>"
    )


# Summary and legend ---------------------------------------------------------------------------


def _percent(share: float) -> str:
    value = share * 100
    if 0 < value < 1:
        return "<1%"
    return f"{value:.0f}%"


def _bar(title: str, words: int, parts) -> str:
    total = sum(share for _, _, share in parts)
    segments, items = [], []
    for label, cls, share in parts:
        if share > 0 and total > 0:
            width = share / total * 100
            segments.append(
                f'<span class="{cls}" style="width:{width:.2f}%" '
                f'title="{_esc(label)}: {_percent(share)}"></span>'
            )
        zero = ' class="z"' if share <= 0 else ""
        items.append(f'<li{zero}><i class="{cls}"></i>{_esc(_percent(share))} {_esc(label)}</li>')
    bar = (
        (
            f'<div class="bar" role="img" aria-label="{_esc(title)}: '
            + _esc(", ".join(f"{_percent(s)} {label}" for label, _, s in parts))
            + '">'
            + "".join(segments)
            + "</div>"
        )
        if total > 0
        else '<p class="none">No word figures.</p>'
    )
    return (
        f'<div class="fig"><h3>{_esc(title)} <small>{words:,} words</small></h3>'
        + bar
        + '<ul class="keys">'
        + "".join(items)
        + "</ul></div>"
    )


def _confidence(block: Block) -> str:
    return f"confidence {block.confidence:.2f}" if block.confidence is not None else ""


def share_class(field: str, kind: Kind | None) -> str:
    """The CSS class of a share's bar segment: its kind's, or the share's own."""
    return KIND_CLASS[kind] if kind is not None else _SHARE_CLASS[field]


def _summary(comparison: Comparison) -> str:
    summary = comparison.summary
    rewrite = [
        (label, share_class(field, kind), float(getattr(summary, field)))
        for field, label, kind in REWRITE_SHARES
    ]
    source = [
        (label, share_class(field, kind), float(getattr(summary, field)))
        for field, label, kind in SOURCE_SHARES
    ]
    rewrite_words = summary.rewrite_words or comparison.rewrite.word_count
    source_words = summary.source_words or comparison.source.word_count
    return (
        _bar("Rewrite", rewrite_words, rewrite)
        + _bar("Source", source_words, source)
        + '<p class="note">Shares of words; page furniture is left out of the figures.</p>'
    )


def _legend(comparison: Comparison, punctuation_changes: int = 0) -> str:
    per_kind = {kind: [0, 0, 0] for kind in KINDS}
    for block in comparison.blocks:
        if block.boilerplate:
            continue  # counted on its own line below, as in the window
        counts = per_kind[block.kind]
        counts[0] += 1
        counts[1] += len(block.source)
        counts[2] += len(block.rewrite)
    rows = []
    for kind in KINDS:
        style = KIND_STYLES[kind]
        blocks, sources, rewrites = per_kind[kind]
        rows.append(
            f'<tr class="{KIND_CLASS[kind]}"><th scope="row"><i></i>{_esc(style.label)}</th>'
            f'<td class="d">{_esc(style.description)}</td>'
            f"<td>{blocks:,}</td><td>{sources:,}</td><td>{rewrites:,}</td>"
            f'<td class="tg"><input type="checkbox" checked data-k="{KIND_CLASS[kind]}" '
            f'aria-label="Show {_esc(style.label.lower())} blocks"></td></tr>'
        )
    moved = sum(1 for block in comparison.blocks if block.moved)
    furniture = sum(1 for block in comparison.blocks if block.boilerplate)
    tentative = sum(1 for block in comparison.blocks if is_tentative(block))
    with_facts = sum(1 for block in comparison.blocks if block.facts)
    return (
        '<table class="legend"><thead><tr><th scope="col">Kind</th>'
        '<th scope="col" class="d">Meaning</th><th scope="col">Blocks</th>'
        '<th scope="col">Source <span>sentences</span></th>'
        '<th scope="col">Rewrite <span>sentences</span></th>'
        '<th scope="col" class="tg">Show</th></tr></thead><tbody>'
        + "".join(rows)
        + f'<tr class="x"><th scope="row"><em>↕ {MOVED_LABEL}</em></th>'
        f'<td class="d">{_esc(MOVED_DESCRIPTION)}</td><td>{moved:,}</td>'
        '<td></td><td></td><td class="tg"></td></tr>'
        + f'<tr class="x"><th scope="row"><em class="{TENTATIVE_CLASS}">'
        f"{_esc(TENTATIVE_LABEL.lower())}</em></th>"
        f'<td class="d">{_esc(TENTATIVE_DESCRIPTION)}; shown lighter, with a dashed edge</td>'
        f"<td>{tentative:,}</td><td></td><td></td>"
        f'<td class="tg"><input type="checkbox" checked data-k="{TENTATIVE_CLASS}" '
        'aria-label="Show tentative links"></td></tr>'
        + f'<tr class="x"><th scope="row"><em>{_esc(BOILERPLATE_LABEL.lower())}</em></th>'
        f'<td class="d">{_esc(BOILERPLATE_DESCRIPTION)}; shown muted</td><td>{furniture:,}</td>'
        '<td></td><td></td><td class="tg"></td></tr>'
        + f'<tr class="x"><th scope="row"><em>⚑ {FACTS_LABEL.lower()}</em></th>'
        f'<td class="d">{_esc(FACTS_DESCRIPTION)}</td><td>{with_facts:,}</td>'
        '<td></td><td></td><td class="tg"></td></tr>'
        + "</tbody></table>"
        + '<p class="fcf"><label><input type="checkbox"> Show only pairs with '
        f"changed facts ({with_facts:,})</label></p>"
        + '<p class="fcf puf"><label><input type="checkbox"> Show punctuation changes '
        f"({punctuation_changes:,}): where carried-over words differ only in punctuation, quote "
        f'style, dashes or case, <span class="{PUNCTUATION_CLASS}x">drawn faintly in '
        "violet</span>; never counted as changes</label></p>"
        + '<p class="p wc"><b>Word changes:</b> <del>deleted</del> words are struck through on '
        "the source side, <ins>inserted</ins> words underlined on the rewrite side; "
        '<del class="r">replaced</del> and <ins class="r">replacing</ins> words are drawn the '
        "same, each paired with what took its place. "
        f'<span class="mv" title="{MOVED_WORDS_TITLE}">Moved</span> phrases, dotted-underlined, '
        "were carried over word for word but stand at another place in the other side's "
        "sentences; pointing at one highlights its partner. Words are matched in any order; "
        "case, quote style and punctuation are not counted as changes, and "
        "“% alike” is the share of the pair's words carried over (kept or moved).</p>"
    )


def _verdict(comparison: Comparison) -> str:
    summary = comparison.summary
    if not summary.verdict:
        return ""
    label = VERDICT_LABELS.get(summary.verdict, summary.verdict)
    reason = summary.verdict_reason
    if reason.startswith(label + ": "):
        reason = reason[len(label) + 2 :]
    return (
        f'<p class="verdict" data-verdict="{_esc(summary.verdict)}">'
        f"<strong>{_esc(label)}</strong>{': ' if reason else ''}{_esc(reason)}</p>"
    )


def _tentative_list(comparison: Comparison) -> str:
    """The tentative links on their own, each pointing at its row of the side-by-side table."""
    items = []
    for number, block in enumerate(comparison.blocks, 1):
        if not is_tentative(block):
            continue
        items.append(
            f'<li><a href="#b{number}">Block {number}</a>: source {_numbers(block.source)} → '
            f"rewrite {_numbers(block.rewrite)}, {_confidence(block)} · "
            f"{alike(block.alike)}"
            f"<q>{_esc(block_text(comparison.source, block.source))}</q>"
            f"<q>{_esc(block_text(comparison.rewrite, block.rewrite))}</q></li>"
        )
    if not items:
        return ""
    return (
        '<section class="tent" aria-labelledby="h-tent"><h2 id="h-tent">Tentative links '
        f"<small>confidence below {TENTATIVE_BELOW:.2f}: likelier wrong than right, and left "
        "out of the reused shares</small></h2><ol>" + "".join(items) + "</ol></section>"
    )


# The page -------------------------------------------------------------------------------------


def _about(doc: Document) -> str:
    """The document's own title, date and address, each when known, for the page header."""
    parts = []
    if doc.title and doc.title != doc.name:
        parts.append(f"<q>{_esc(doc.title)}</q>")
    if doc.published:
        parts.append(
            f'published <time datetime="{_esc(doc.published)}">{_esc(doc.published)}</time>'
        )
    if doc.url and doc.url != doc.name:
        parts.append(f'<span class="url">{_esc(doc.url)}</span>')
    return "".join(f"<br><small>{part}</small>" for part in parts)


def render_html(comparison: Comparison, *, generated_at: datetime | None = None) -> str:
    """The whole page as one string; ``generated_at`` defaults to now (shown in UTC)."""
    when = generated_at or datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    source_name, rewrite_name = comparison.source.name, comparison.rewrite.name
    punctuation = [block_punctuation_changes(comparison, block) for block in comparison.blocks]
    rows = "\n".join(
        _row(n, block, comparison, changes)
        for n, (block, changes) in enumerate(zip(comparison.blocks, punctuation, strict=True), 1)
    )
    page = string.Template(_template_part("page.html"))
    return page.substitute(
        title=_esc(f"{rewrite_name} compared with {source_name} – {viewer.APP_NAME}"),
        source_name=_esc(source_name),
        rewrite_name=_esc(rewrite_name),
        source_about=_about(comparison.source),
        rewrite_about=_about(comparison.rewrite),
        app=_esc(viewer.APP_NAME),
        version=_esc(viewer.__version__),
        date_iso=when.strftime("%Y-%m-%dT%H:%MZ"),
        date=when.strftime("%Y-%m-%d %H:%M UTC"),
        source_count=f"{len(comparison.source.sentences):,}",
        rewrite_count=f"{len(comparison.rewrite.sentences):,}",
        kind_css=_kind_css(),
        css=_template_part("page.css"),
        script=_template_part("page.js"),
        summary=_summary(comparison),
        legend=_legend(comparison, sum(map(len, punctuation))),
        verdict=_verdict(comparison),
        tentative=_tentative_list(comparison),
        rows=rows,
    )


def write_html(
    comparison: Comparison,
    path: str | os.PathLike[str],
    *,
    generated_at: datetime | None = None,
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the page atomically (UTF-8), never over one of the compared documents."""
    if protected is None:
        protected = (comparison.source.path, comparison.rewrite.path)
    write_atomic(
        path, encode_utf8(render_html(comparison, generated_at=generated_at), path), protected
    )
