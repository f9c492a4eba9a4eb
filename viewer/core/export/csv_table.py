"""A comparison as a spreadsheet: one row per block, ready for Excel, LibreOffice or pandas.

May import: the standard library, ``viewer.core.model``, ``viewer.core.kinds``,
``viewer.core.facts`` (the reasons) and ``viewer.core.export.atomic``.
Must not import: Qt.

The file is UTF-8 with a byte-order mark (Excel otherwise guesses a legacy code page), rows end
in CRLF and every cell is quoted when it holds a comma, quote or line break. Sentence numbers
count from 1, as in the HTML page. ``similarity`` is the aligner's link score; ``alike`` is
the share of the block's words its word marks carry over (what the app shows as "% alike"),
and the last four columns list its moved, replaced, deleted and inserted phrases. A text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
so that a spreadsheet shows it as text instead of running it as a formula (CSV formula
injection).
"""

from __future__ import annotations

import csv
import io
import os

from viewer.core.export.atomic import encode_utf8, write_atomic
from viewer.core.facts import block_reasons
from viewer.core.kinds import KIND_STYLES
from viewer.core.model import Block, Comparison, Document

COLUMNS = (
    "block",
    "kind",
    "similarity",
    "moved",
    "boilerplate",
    "source_sentences",
    "rewrite_sentences",
    "source_text",
    "rewrite_text",
    "label",  # the kind as the window and the HTML page name it
    "alike",
    "moved_words",
    "replaced_words",
    "deleted_words",
    "inserted_words",
    "reasons",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SIMILARITY_DECIMALS = 4
RUN_SEPARATOR = " | "  # between the phrases of one word-marks cell
PART_SEPARATOR = " … "  # between the runs of one moved or replaced group on one side


def guard_formula(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet: a formula-like start is prefixed with ``'``."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def _joined(doc: Document, indices: tuple[int, ...]) -> str:
    return " ".join(doc.sentence_text(i).strip() for i in indices)


def _numbers(indices: tuple[int, ...]) -> str:
    return ", ".join(str(i + 1) for i in indices)


def _word_cells(block: Block, source: Document, rewrite: Document) -> tuple[str, str, str, str]:
    """The moved, replaced, deleted and inserted phrases of the block, from its word marks."""
    if block.words is None:
        return "", "", "", ""
    groups: dict[tuple[str, int], tuple[list[str], list[str]]] = {}
    deleted = [source.text[s:e] for s, e, mark, _ in block.words.source if mark == "deleted"]
    inserted = [rewrite.text[s:e] for s, e, mark, _ in block.words.rewrite if mark == "inserted"]
    for number, doc, runs in ((0, source, block.words.source), (1, rewrite, block.words.rewrite)):
        for start, end, mark, group in runs:
            if group is not None:
                groups.setdefault((mark, group), ([], []))[number].append(doc.text[start:end])
    moved = [PART_SEPARATOR.join(a) for (mark, _), (a, _) in groups.items() if mark == "moved"]
    replaced = [
        f"{PART_SEPARATOR.join(a)} → {PART_SEPARATOR.join(b)}"
        for (mark, _), (a, b) in groups.items()
        if mark == "replaced"
    ]
    return (
        RUN_SEPARATOR.join(moved),
        RUN_SEPARATOR.join(replaced),
        RUN_SEPARATOR.join(deleted),
        RUN_SEPARATOR.join(inserted),
    )


def comparison_to_csv(comparison: Comparison) -> str:
    """The CSV text (without the byte-order mark), rows ending in CRLF."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # the default dialect: CRLF, minimal quoting with doubled quotes
    writer.writerow(COLUMNS)
    source, rewrite = comparison.source, comparison.rewrite
    for number, block in enumerate(comparison.blocks, start=1):
        writer.writerow(
            (
                number,
                block.kind.value,
                f"{block.similarity:.{SIMILARITY_DECIMALS}f}",
                "yes" if block.moved else "no",
                "yes" if block.boilerplate else "no",
                _numbers(block.source),
                _numbers(block.rewrite),
                guard_formula(_joined(source, block.source)),
                guard_formula(_joined(rewrite, block.rewrite)),
                KIND_STYLES[block.kind].label,
                f"{block.alike:.{SIMILARITY_DECIMALS}f}" if block.words is not None else "",
                *map(guard_formula, _word_cells(block, source, rewrite)),
                guard_formula(block_reasons(comparison, block)),
            )
        )
    return out.getvalue()


def write_csv(
    comparison: Comparison,
    path: str | os.PathLike[str],
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the CSV atomically, never over one of the compared documents (``ExportError``)."""
    if protected is None:
        protected = (comparison.source.path, comparison.rewrite.path)
    write_atomic(path, encode_utf8(comparison_to_csv(comparison), path, "utf-8-sig"), protected)
