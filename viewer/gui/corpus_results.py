"""The results folder of a corpus run, read for the window: its sources, and one source's set.

May import: the standard library, ``viewer.core`` (including ``viewer.core.export``) and
``viewer.core.outlets``; ``pyarrow``, lazily, for Parquet parts. Must not import: Qt or
``viewer.corpus`` (the desktop app does not ship corpus mode; it only reads what a run wrote).

``source-compare corpus SOURCES ARTICLES --out RESULTS/`` writes ``RESULTS/pairs/part-*.parquet``
(or ``.jsonl``), one row per (source, article) pair. ``scan_results`` lists the sources found
and how many articles reuse each; ``load_source_set`` turns one source's rows into the set of
"one source against many outlets": the hub is the source document of the comparisons, the
outlets are the articles, named by their outlet and id and dated by the row. Only a run with
``--full-json`` holds the comparisons themselves (the ``comparison`` column); without it the
rows cannot be shown, and ``NoComparisonsError`` says so. Parts that cannot be read (Parquet
without pyarrow, a broken file) are skipped and named in ``problems``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from viewer.core.export.json_format import FormatError, comparison_from_dict
from viewer.core.model import Comparison
from viewer.core.outlets import OutletSet, set_from_comparisons

PAIRS_FOLDER = "pairs"
RERUN_HINT = "rerun the corpus command with --full-json"


class ResultsError(Exception):
    """The folder cannot be used at all. The message says why."""


class NoComparisonsError(ResultsError):
    """The rows hold no comparisons: the run was written without ``--full-json``."""


@dataclass(frozen=True)
class CorpusResults:
    """What a results folder holds: per source, how many articles reuse it (rows without an
    error), and the parts that could not be read."""

    folder: str
    parts: tuple[str, ...]  # the part files read
    sources: tuple[tuple[str, int], ...]  # (source id, articles), most reused first
    errors: int  # rows whose comparison failed in the run
    problems: tuple[str, ...]  # parts skipped, and why


def _part_files(folder: Path) -> list[Path]:
    pairs = folder / PAIRS_FOLDER
    if not pairs.is_dir():
        raise ResultsError(
            f"“{folder.name}” is not the results folder of a corpus run (it has no "
            f"“{PAIRS_FOLDER}” folder)"
        )
    parts = sorted(
        p
        for p in pairs.iterdir()
        if p.name.startswith("part-") and p.suffix in (".parquet", ".jsonl")
    )
    if not parts:
        raise ResultsError(f"“{folder.name}/{PAIRS_FOLDER}” holds no part files")
    return parts


def _read_rows(
    path: Path, columns: list[str], source_id: str | None = None
) -> list[dict[str, Any]]:
    """The rows of one part with only ``columns`` (missing ones are absent), optionally only
    those of one source. ``ImportError`` for Parquet without pyarrow."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        names = set(pq.read_schema(path).names)
        wanted = [c for c in columns if c in names]
        filters = [("source_id", "=", source_id)] if source_id is not None else None
        return pq.read_table(path, columns=wanted, filters=filters).to_pylist()
    rows = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {number} is not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"line {number} is not a row")
            if source_id is None or row.get("source_id") == source_id:
                rows.append({c: row[c] for c in columns if c in row})
    return rows


def _skipped(path: Path, exc: Exception) -> str:
    if isinstance(exc, ImportError):
        return f"{path.name}: Parquet parts need pyarrow (pip install 'source-compare[corpus]')"
    return f"{path.name}: {exc}"


def scan_results(folder: str) -> CorpusResults:
    """The sources of a results folder and how many articles reuse each.

    ``ResultsError`` when it is not a results folder or no part can be read;
    ``NoComparisonsError`` when the parts hold no comparisons (no ``--full-json``).
    """
    root = Path(folder)
    counts: Counter[str] = Counter()
    errors = 0
    read: list[str] = []
    problems: list[str] = []
    with_json = False
    for path in _part_files(root):
        try:
            rows = _read_rows(path, ["source_id", "error", "comparison"])
        except (ImportError, OSError, ValueError) as exc:
            problems.append(_skipped(path, exc))
            continue
        read.append(str(path))
        for row in rows:
            if "comparison" in row:
                with_json = True
            if row.get("error") is not None:
                errors += 1
            elif row.get("source_id") is not None:
                counts[str(row["source_id"])] += 1
    if not read:
        raise ResultsError("no part could be read: " + "; ".join(problems))
    if counts and not with_json:
        raise NoComparisonsError(
            f"the results in “{root.name}” were written without the comparisons, so they "
            f"cannot be shown: {RERUN_HINT}"
        )
    sources = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return CorpusResults(str(root), tuple(read), sources, errors, tuple(problems))


def _outlet_name(row: dict[str, Any]) -> str:
    outlet, article = row.get("outlet"), str(row.get("article_id"))
    return f"{outlet} · {article}" if outlet else article


def _rename(comparison: Comparison, name: str) -> Comparison:
    return replace(comparison, rewrite=replace(comparison.rewrite, name=name))


def load_source_set(results: CorpusResults, source_id: str) -> tuple[OutletSet, tuple[str, ...]]:
    """One source's pairs as a set of outlets, and what could not be taken (by article).

    ``ResultsError`` when none of its rows can be shown; ``NoComparisonsError`` when they hold
    no comparisons.
    """
    columns = ["source_id", "article_id", "outlet", "article_date", "error", "comparison"]
    comparisons: list[Comparison] = []
    dates: list[str | None] = []
    problems: list[str] = []
    missing_json = 0
    for part in results.parts:
        path = Path(part)
        try:
            rows = _read_rows(path, columns, source_id)
        except (ImportError, OSError, ValueError) as exc:
            problems.append(_skipped(path, exc))
            continue
        for row in rows:
            if row.get("error") is not None:
                continue
            text = row.get("comparison")
            if not isinstance(text, str):
                missing_json += 1
                continue
            try:
                comparison = comparison_from_dict(json.loads(text))
            except (ValueError, FormatError) as exc:
                problems.append(f"article {row.get('article_id')}: {exc}")
                continue
            comparisons.append(_rename(comparison, _outlet_name(row)))
            date = row.get("article_date")
            dates.append(str(date) if date else None)
    if not comparisons:
        if missing_json:
            raise NoComparisonsError(
                f"the rows of source {source_id} hold no comparisons, so they cannot be "
                f"shown: {RERUN_HINT}"
            )
        raise ResultsError(f"no pair of source {source_id} can be shown: " + "; ".join(problems))
    try:
        outlet_set = set_from_comparisons(comparisons, "left", dates)
    except ValueError as exc:
        raise ResultsError(f"the pairs of source {source_id} do not make a set: {exc}") from None
    return outlet_set, tuple(problems)


__all__ = [
    "CorpusResults",
    "NoComparisonsError",
    "ResultsError",
    "load_source_set",
    "scan_results",
]
