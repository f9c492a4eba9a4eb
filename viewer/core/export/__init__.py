"""Exporters: a comparison written out as an HTML page, a JSON file or a CSV table.

May import: the standard library, ``viewer`` (name and version), ``viewer.resources`` and
``viewer.core``. Must not import: Qt. Every writer is atomic and refuses to overwrite either
compared document; failures raise ``ExportError`` with a message naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple, Protocol

from viewer.core.export.atomic import ExportError, check_target, encode_utf8, write_atomic
from viewer.core.export.csv_table import comparison_to_csv, write_csv
from viewer.core.export.html_page import render_html, write_html
from viewer.core.export.json_format import (
    FORMAT_ID,
    FormatError,
    comparison_from_dict,
    comparison_to_dict,
    comparison_to_json,
    read_json,
    write_json,
)
from viewer.core.model import Comparison


class Writer(Protocol):
    """What every ``write_*`` function accepts: a comparison, a path and the files it must
    never overwrite (by default the compared documents)."""

    def __call__(
        self,
        comparison: Comparison,
        path: str | os.PathLike[str],
        /,
        *,
        protected: tuple[str | None, ...] | None = None,
    ) -> None: ...


class ExportFormat(NamedTuple):
    name: str  # "html", "json", "csv": the ``format`` argument of ``export_comparison``
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the default
    description: str  # for a save dialog's filter list


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("html", (".html", ".htm"), "Web page, highlighted side by side"),
    ExportFormat("json", (".json",), f"JSON ({FORMAT_ID}), for scripts and research"),
    ExportFormat("csv", (".csv",), "CSV table, one row per block, for spreadsheets"),
)

_WRITERS: dict[str, Writer] = {"html": write_html, "json": write_json, "csv": write_csv}


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format name that the file name's extension asks for, or None."""
    suffix = Path(path).suffix.lower()
    for export_format in FORMATS:
        if suffix in export_format.extensions:
            return export_format.name
    return None


def export_comparison(
    comparison: Comparison, path: str | os.PathLike[str], format: str | None = None
) -> str:
    """Write ``comparison`` to ``path`` in ``format`` (default: from the extension); return it.

    Raises ``ExportError`` for an unknown format, an input document as the target, or a file
    that cannot be written; nothing is left behind in that case.
    """
    chosen = format or format_for_path(path)
    if chosen not in _WRITERS:
        known = ", ".join(ext for f in FORMATS for ext in f.extensions)
        raise ExportError(str(path), f"unknown export format; use a file name ending in {known}")
    _WRITERS[chosen](comparison, path)
    return chosen


__all__ = [
    "FORMATS",
    "FORMAT_ID",
    "ExportError",
    "ExportFormat",
    "FormatError",
    "Writer",
    "check_target",
    "comparison_from_dict",
    "comparison_to_csv",
    "comparison_to_dict",
    "comparison_to_json",
    "encode_utf8",
    "export_comparison",
    "format_for_path",
    "read_json",
    "render_html",
    "write_atomic",
    "write_csv",
    "write_html",
    "write_json",
]
