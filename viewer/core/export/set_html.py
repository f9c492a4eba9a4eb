"""A set as one self-contained HTML page: the reuse map, the outlet table, then every pair.

May import: the standard library, ``viewer`` (name and version), ``viewer.core.model``,
``viewer.core.kinds``, ``viewer.core.outlets``, ``viewer.core.attribution`` and the sibling
exporters ``html_page`` and ``atomic``. Must not import: Qt.

For "many outlets" the page opens with the source, each sentence tinted by how many outlets
reused it, with its badge ("3/4") and a bar splitting those by kind, beside the outlet table
(the rewrite's shares, the share of the source carried, the sentence strip); for an attribution
it opens with the article, each sentence marked with its credited source ("2·P") and the
source list. Below come the pair comparisons themselves, laid out as the single-pair export
lays them out, each outlet's name in the table linking to its section. Like that export it
inlines its styles and script from ``resources/export/`` and escapes every piece of text.
"""

from __future__ import annotations

import html
import os
import string
from datetime import UTC, datetime

import viewer
from viewer.core.attribution import Attribution
from viewer.core.export.atomic import encode_utf8, write_atomic
from viewer.core.export.html_page import (
    KIND_CLASS,
    REWRITE_SHARES,
    _kind_css,
    _percent,
    _row,
    _summary,
    _template_part,
)
from viewer.core.kinds import KIND_STYLES
from viewer.core.model import LINKED_KINDS
from viewer.core.outlets import STRIP_LETTERS, OutletSet, group_outlets

_esc = html.escape
DENSITY_MIN, DENSITY_MAX = 0.04, 0.42  # tint opacity of a sentence reused by none / by all
# Sources in an attribution, by their number: the Okabe–Ito hues that are not kinds' colours
# first, then the rest; beyond eight the numbers tell them apart.
SOURCE_HUES = (
    "#56b4e9",
    "#f0e442",
    "#cc79a7",
    "#009e73",
    "#e69f00",
    "#0072b2",
    "#d55e00",
    "#999999",
)
SOURCE_TINT_ALPHA = "40"  # hex alpha of a credited sentence's tint


def _share_bar(outlet_set: OutletSet, k: int) -> str:
    summary = outlet_set.comparisons[k].summary
    parts = [
        (label, KIND_CLASS[kind], float(getattr(summary, field)))
        for field, label, kind in REWRITE_SHARES
    ]
    total = sum(share for _, _, share in parts)
    if total <= 0:
        return ""
    title = ", ".join(f"{_percent(s)} {label}" for label, _, s in parts if s > 0)
    spans = "".join(
        f'<span class="{cls}" style="width:{share / total * 100:.2f}%"></span>'
        for _, cls, share in parts
        if share > 0
    )
    label = _esc(title)
    return f'<div class="bar" role="img" aria-label="{label}" title="{label}">{spans}</div>'


def _strip(outlet_set: OutletSet, k: int) -> str:
    hub = outlet_set.hub
    cells = []
    for i, cell in enumerate(outlet_set.matrix[k]):
        if i in hub.boilerplate:
            cells.append('<i class="f"></i>')
            continue
        if not cell.reused:
            cells.append(f'<i class="o" title="{i + 1}: not reused"></i>')
            continue
        classes = KIND_CLASS[cell.kind] + (" mv" if cell.moved else "")
        notes = [KIND_STYLES[cell.kind].label.lower()]
        if cell.moved:
            notes.append("moved")
        if cell.facts:
            notes.append("fact changed: " + ", ".join(cell.facts))
        mark = "!" if cell.facts else ""
        cells.append(f'<i class="{classes}" title="{i + 1}: {_esc(", ".join(notes))}">{mark}</i>')
    return (
        f'<div class="strip" aria-label="{_esc(outlet_set.strip_text(k))}">{"".join(cells)}</div>'
    )


def _reuse_map(outlet_set: OutletSet) -> str:
    hub = outlet_set.hub
    count = len(outlet_set.comparisons)
    items = []
    for row in outlet_set.sentences:
        text = _esc(hub.sentence_text(row.sentence).strip())
        number = row.sentence + 1
        if row.boilerplate:
            items.append(
                f'<li class="f" id="s{row.sentence}"><span class="n">{number}</span>'
                f"<span>{text}</span><span></span></li>"
            )
            continue
        density = DENSITY_MIN + (DENSITY_MAX - DENSITY_MIN) * (row.count / count if count else 0)
        counts = row.counts_by_kind()
        bar = "".join(
            f'<span class="{KIND_CLASS[kind]}" style="width:{n / count * 100:.2f}%" '
            f'title="{n} {_esc(KIND_STYLES[kind].label.lower())}"></span>'
            for kind, n in counts.items()
            if n
        )
        detail = ", ".join(
            f"{n} {KIND_STYLES[kind].label.lower()}" for kind, n in counts.items() if n
        )
        if row.moved:
            detail += f", {row.moved} moved"
        if row.fact_changes:
            detail += f", {row.fact_changes} with a fact changed"
        items.append(
            f'<li id="s{row.sentence}" data-i="{row.sentence}" style="--d:{density:.3f}">'
            f'<span class="n">{number}</span><span>{text}</span>'
            f'<span class="b" title="reused by {row.count} of {count} outlets'
            f'{": " + _esc(detail) if detail else ""}">{row.badge}</span>'
            f'<span class="kb" aria-hidden="true">{bar}</span></li>'
        )
    return (
        '<section aria-labelledby="h-map"><h2 id="h-map">Reuse map <small>the source, each '
        "sentence tinted by how many outlets reused it; the bar splits them by kind</small></h2>"
        f'<ol class="map">{"".join(items)}</ol></section>'
    )


def _outlet_table(outlet_set: OutletSet, heading: str, note: str) -> str:
    rows = []
    order = group_outlets(outlet_set).order
    verdicts = [getattr(c.summary, "verdict", "") or "" for c in outlet_set.comparisons]
    verdict_head = '<th scope="col" data-sort="t">Verdict</th>' if any(verdicts) else ""
    for k in order:
        doc = outlet_set.spoke(k)
        summary = outlet_set.comparisons[k].summary
        share = outlet_set.reused_share(k)
        verdict = f"<td>{_esc(verdicts[k])}</td>" if any(verdicts) else ""
        date = outlet_set.dates[k] or ""
        rows.append(
            f'<tr><td data-v="{_esc(doc.name.lower())}">'
            f'<a href="#pair{k}">{_esc(doc.name)}</a></td>'
            f'<td data-v="{_esc(date)}">{_esc(date)}</td>'
            f'<td data-v="{summary.rewrite_new:.4f}">{_share_bar(outlet_set, k)}</td>'
            f'<td class="r" data-v="{share:.4f}">{_percent(share)}</td>'
            + verdict
            + f'<td data-v="{_esc(outlet_set.strip_text(k))}">{_strip(outlet_set, k)}</td></tr>'
        )
    legend = " ".join(
        f'<li><i class="{KIND_CLASS[kind]}"></i>{_esc(KIND_STYLES[kind].label)}</li>'
        for kind in LINKED_KINDS
    )
    return (
        f'<section aria-labelledby="h-out"><h2 id="h-out">{_esc(heading)} <small>{_esc(note)}'
        "</small></h2>"
        '<table class="outlets"><thead><tr><th scope="col" data-sort="t">Outlet</th>'
        '<th scope="col" data-sort="t">Date</th><th scope="col" data-sort="n">Rewrite '
        '(new share)</th><th scope="col" data-sort="n">Source carried</th>'
        f'{verdict_head}<th scope="col" data-sort="t">Sentence strip</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        f'<ul class="keys">{legend}<li><i class="o" style="background:none;box-shadow:inset 0 0 '
        '0 1px var(--line)"></i>not reused</li><li>underline mark: moved</li>'
        "<li>! a fact changed</li></ul></section>"
    )


def _credits(attribution: Attribution) -> str:
    outlet_set = attribution.outlet_set
    article = outlet_set.hub
    number = {s.source: n for n, s in enumerate(attribution.sources, start=1)}
    items = []
    for credit in attribution.credits:
        text = _esc(article.sentence_text(credit.sentence).strip())
        if credit.reuse is None:
            cls = ' class="f"' if credit.reason == "furniture" else ""
            label = "" if credit.reason == "furniture" else "own"
            items.append(
                f'<li{cls} id="s{credit.sentence}" style="--d:0"><span class="chip">{label}</span>'
                f"<span>{text}</span></li>"
            )
            continue
        cell = credit.reuse.cell
        source = credit.reuse.outlet
        why = {"primary": "; the primary source", "earliest": "; the earliest"}.get(
            credit.reason, ""
        )
        title = (
            f"{outlet_set.spoke(source).name}: {KIND_STYLES[cell.kind].label.lower()}, "
            f"{round(cell.similarity * 100)}% alike{why}"
        )
        also = ", ".join(
            f"{number[r.outlet]}\u00b7{STRIP_LETTERS[r.cell.kind]}" for r in credit.also_in
        )
        hue = SOURCE_HUES[(number[source] - 1) % len(SOURCE_HUES)]
        items.append(
            f'<li id="s{credit.sentence}" style="background:{hue}{SOURCE_TINT_ALPHA}">'
            f'<a class="chip" href="#pair{source}" title="{_esc(title)}" '
            f'style="border-color:{hue}">'
            f"{number[source]}\u00b7{STRIP_LETTERS[cell.kind]}</a><span>{text}</span>"
            + (f'<span class="also">also in {also}</span>' if also else "")
            + "</li>"
        )
    return (
        '<section aria-labelledby="h-map"><h2 id="h-map">The article, sentence by sentence '
        "<small>each marked with its source's number and the kind of reuse (V verbatim, "
        "E lightly edited, P paraphrased, R partly reused); own: no source has it</small></h2>"
        f'<ol class="map credits">{"".join(items)}</ol></section>'
    )


def _source_list(attribution: Attribution) -> str:
    outlet_set = attribution.outlet_set
    rows = []
    for n, share in enumerate(attribution.sources, start=1):
        k = share.source
        date = outlet_set.dates[k] or ""
        pinned = " (primary)" if k == attribution.primary else ""
        rows.append(
            f'<tr><td class="r"><span class="chip" style="border-color:'
            f'{SOURCE_HUES[(n - 1) % len(SOURCE_HUES)]}">{n}</span></td><td><a href="#pair{k}">'
            f"{_esc(outlet_set.spoke(k).name)}</a>{pinned}</td><td>{_esc(date)}</td>"
            f'<td class="r">{_percent(share.share)}</td><td class="r">{share.sentences}</td>'
            f'<td class="r">{share.also_matches}</td>'
            f"<td>{_strip(outlet_set, k)}</td></tr>"
        )
    rows.append(
        f'<tr><td></td><td>the article\'s own</td><td></td><td class="r">'
        f"{_percent(attribution.unattributed_share)}</td><td></td><td></td><td></td></tr>"
    )
    return (
        '<section aria-labelledby="h-out"><h2 id="h-out">Sources <small>by the share of the '
        "article's words credited to each</small></h2>"
        '<table class="outlets"><thead><tr><th scope="col">#</th><th scope="col">Source</th>'
        '<th scope="col">Date</th><th scope="col">Credited</th><th scope="col">Sentences</th>'
        '<th scope="col">Also has <span>credited elsewhere</span></th>'
        '<th scope="col">Sentences of the article it has</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _pairs(outlet_set: OutletSet) -> str:
    sections = []
    for k, comparison in enumerate(outlet_set.comparisons):
        rows = "\n".join(
            _row(n, block, comparison) for n, block in enumerate(comparison.blocks, 1)
        ).replace(' id="b', f' id="p{k}b')
        left, right = _esc(comparison.source.name), _esc(comparison.rewrite.name)
        sections.append(
            f'<section class="pair" id="pair{k}" aria-labelledby="h-pair{k}">'
            f'<h2 id="h-pair{k}"><cite>{right}</cite> compared with <cite>{left}</cite>'
            '<a href="#h-out">back to the table</a></h2>'
            f'<div class="top"><div>{_summary(comparison)}</div></div>'
            '<table class="cmp"><thead><tr>'
            f'<th scope="col">Source: {left}</th><th scope="col">What happened</th>'
            f'<th scope="col">Rewrite: {right}</th></tr></thead><tbody>\n{rows}\n'
            "</tbody></table></section>"
        )
    return "\n".join(sections)


def render_set_html(item: OutletSet | Attribution, *, generated_at: datetime | None = None) -> str:
    """The whole page as one string; ``generated_at`` defaults to now (shown in UTC)."""
    when = generated_at or datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    attribution = item if isinstance(item, Attribution) else None
    outlet_set = item.outlet_set if isinstance(item, Attribution) else item
    hub = outlet_set.hub
    count = len(outlet_set.comparisons)
    if attribution is None:
        heading = (
            f"<cite>{_esc(hub.name)}</cite> <span>and the {count} outlet"
            f"{'s' * (count != 1)} that used it</span>"
        )
        title = f"{hub.name} and {count} outlets"
        meta = (
            f"<div><dt>Source</dt><dd>{_esc(hub.name)} <small>({len(hub.sentences):,} "
            f"sentences)</small></dd></div><div><dt>Outlets</dt><dd>{count}</dd></div>"
        )
        overview = _reuse_map(outlet_set) + _outlet_table(
            outlet_set,
            "Outlets",
            "similar outlets next to each other; click a column to sort, a name for the pair",
        )
    else:
        heading = (
            f"<cite>{_esc(hub.name)}</cite> <span>credited among {count} source"
            f"{'s' * (count != 1)}</span>"
        )
        title = f"{hub.name} credited among {count} sources"
        primary = attribution.primary
        meta = (
            f"<div><dt>Article</dt><dd>{_esc(hub.name)} <small>({len(hub.sentences):,} "
            f"sentences)</small></dd></div><div><dt>Sources</dt><dd>{count}</dd></div>"
            + (
                f"<div><dt>Primary</dt><dd>{_esc(outlet_set.spoke(primary).name)}</dd></div>"
                if primary is not None
                else ""
            )
        )
        overview = _credits(attribution) + _source_list(attribution)
    page = string.Template(_template_part("set.html"))
    return page.substitute(
        title=_esc(f"{title} – {viewer.APP_NAME}"),
        heading=heading,
        meta=meta,
        app=_esc(viewer.APP_NAME),
        version=_esc(viewer.__version__),
        date_iso=when.strftime("%Y-%m-%dT%H:%MZ"),
        date=when.strftime("%Y-%m-%d %H:%M UTC"),
        kind_css=_kind_css(),
        css=_template_part("page.css"),
        set_css=_template_part("set.css"),
        script=_template_part("page.js"),
        set_script=_template_part("set.js"),
        overview=overview,
        pairs=_pairs(outlet_set),
    )


def write_set_html(
    item: OutletSet | Attribution,
    path: str | os.PathLike[str],
    *,
    generated_at: datetime | None = None,
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the page atomically (UTF-8), never over one of the compared documents."""
    outlet_set = item.outlet_set if isinstance(item, Attribution) else item
    if protected is None:
        protected = (outlet_set.hub.path, *(d.path for d in outlet_set.spokes))
    text = render_set_html(item, generated_at=generated_at)
    write_atomic(path, encode_utf8(text, path), protected)


__all__ = ["render_set_html", "write_set_html"]
