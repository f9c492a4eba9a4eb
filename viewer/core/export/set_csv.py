"""A set as spreadsheets: the outlet matrix, and an attribution's credits.

May import: the standard library, ``viewer.core.model``, ``viewer.core.outlets``,
``viewer.core.attribution`` and the sibling exporters ``csv_table`` and ``atomic``.
Must not import: Qt.

The matrix has one row per outlet and one column per hub sentence (``s1``, ``s2``... counting
from 1, as every export does) holding the kind of reuse ("paraphrase", "identical"...), with
" moved" and " facts: figure, date" appended when that applies, and "omitted" (or "added" for
an attribution, whose hub is the article) when the outlet has no counterpart; page-furniture
columns are marked in the header. The file is written as ``csv_table`` writes: UTF-8 with a
byte-order mark, CRLF rows, formula-like cells guarded.
"""

from __future__ import annotations

import csv
import io
import os

from viewer.core.attribution import Attribution
from viewer.core.export.atomic import encode_utf8, write_atomic
from viewer.core.export.csv_table import guard_formula
from viewer.core.outlets import Cell, OutletSet

DECIMALS = 4


def _cell_text(cell: Cell) -> str:
    text = cell.kind.value
    if cell.reused and cell.moved:
        text += " moved"
    if cell.facts:
        text += " facts: " + ", ".join(cell.facts)
    return text


def matrix_to_csv(outlet_set: OutletSet) -> str:
    """The outlet matrix as CSV text (without the byte-order mark)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    hub = outlet_set.hub
    columns = [
        f"s{i + 1}" + (" (furniture)" if i in hub.boilerplate else "")
        for i in range(len(hub.sentences))
    ]
    writer.writerow(["outlet", "date", "reused_share", "strip", *columns])
    for k, row in enumerate(outlet_set.matrix):
        writer.writerow(
            [
                guard_formula(outlet_set.spoke(k).name),
                outlet_set.dates[k] or "",
                f"{outlet_set.reused_share(k):.{DECIMALS}f}",
                outlet_set.strip_text(k),
                *(_cell_text(cell) for cell in row),
            ]
        )
    return out.getvalue()


def attribution_to_csv(attribution: Attribution) -> str:
    """One row per article sentence: the credited source, how and why, and the runners-up."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    outlet_set = attribution.outlet_set
    article = outlet_set.hub
    writer.writerow(["sentence", "text", "source", "kind", "similarity", "reason", "also_in"])
    for credit in attribution.credits:
        cell = credit.reuse.cell if credit.reuse is not None else None
        source = outlet_set.spoke(credit.source).name if credit.source is not None else ""
        writer.writerow(
            [
                credit.sentence + 1,
                guard_formula(article.sentence_text(credit.sentence).strip()),
                guard_formula(source),
                cell.kind.value if cell else "",
                f"{cell.similarity:.{DECIMALS}f}" if cell else "",
                credit.reason,
                guard_formula(
                    "; ".join(
                        f"{outlet_set.spoke(r.outlet).name} ({r.cell.kind.value})"
                        for r in credit.also_in
                    )
                ),
            ]
        )
    return out.getvalue()


def write_set_csv(
    item: OutletSet | Attribution,
    path: str | os.PathLike[str],
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the matrix (or, for an attribution, the credits) atomically (``ExportError``)."""
    if isinstance(item, Attribution):
        text, outlet_set = attribution_to_csv(item), item.outlet_set
    else:
        text, outlet_set = matrix_to_csv(item), item
    if protected is None:
        protected = (outlet_set.hub.path, *(d.path for d in outlet_set.spokes))
    write_atomic(path, encode_utf8(text, path, "utf-8-sig"), protected)


__all__ = ["attribution_to_csv", "matrix_to_csv", "write_set_csv"]
