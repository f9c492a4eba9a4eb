"""Sources and articles as records: an id, the text, and an optional date, outlet and URL.

May import: the standard library and ``viewer.core``; ``pyarrow`` and ``fsspec``, lazily, for
Parquet tables and URLs. Must not import: Qt, Dask.

Sources are a folder of files (every format the app reads) or one JSONL/Parquet table. Articles
are a folder or an fsspec URL of JSONL/Parquet shards, or a folder of loose files, grouped into
shards of ``FILES_PER_SHARD`` here. Each shard is read by the task that processes it, so the
corpus never travels through the client.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from viewer.core import Document, LoadError, document_from_text, load_document
from viewer.core.loading import SUPPORTED_EXTENSIONS

FILES_PER_SHARD = 500  # a task costs Dask 5-10 ms: batch loose files about this many at a time
TABLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")


class CorpusInputError(Exception):
    """An input cannot be used at all (missing, empty, not a table). The message says why."""


@dataclass(frozen=True)
class Record:
    """One source or article. ``document`` is the text loaded and split as the app does."""

    id: str
    document: Document
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Shard:
    """A piece of the corpus one task reads: a table file, or a batch of loose files."""

    number: int
    name: str  # shown in progress and failures: the table's path, or "files 1-500 of DIR"
    paths: tuple[str, ...]  # one table file, or the loose files
    tables: bool  # True: ``paths`` is one JSONL/Parquet table
    root: str = ""  # loose files: the articles folder, their ids are paths relative to it


@dataclass(frozen=True)
class BadRecord:
    """A row or file that could not be read; the rest of its shard goes on."""

    id: str
    error: str


# Reading -------------------------------------------------------------------------------------


def is_url(path: str) -> bool:
    return "://" in path


def _open_binary(path: str) -> BinaryIO:
    if is_url(path):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path, "rb")


def _is_table(path: str) -> bool:
    return path.lower().endswith(TABLE_SUFFIXES)


def parse_date(value: Any) -> dt.date | None:
    """A date from a table cell: ISO text ("2021-10-05", with or without a time), a date or a
    datetime; None when empty. Raises ValueError for text that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return dt.date.fromisoformat(text[:10])


def _maybe_gunzip(raw: BinaryIO, gzipped: bool) -> contextlib.AbstractContextManager[BinaryIO]:
    if gzipped:
        return gzip.open(raw)  # type: ignore[return-value]  # GzipFile reads as a binary stream
    return contextlib.nullcontext(raw)


def _table_rows(path: str) -> Iterator[dict[str, Any]]:
    lower = path.lower()
    if lower.endswith(".parquet"):
        import pyarrow.parquet as pq

        with _open_binary(path) as stream:
            table = pq.read_table(stream)
        yield from table.to_pylist()
        return
    with (
        _open_binary(path) as raw,
        _maybe_gunzip(raw, lower.endswith(".gz")) as stream,
        io.TextIOWrapper(stream, encoding="utf-8") as text,
    ):
        for number, line in enumerate(text, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"__error__": f"line {number}: not JSON ({exc.msg})", "id": f"line {number}"}
                continue
            if not isinstance(row, dict):
                yield {"__error__": f"line {number}: not a JSON object", "id": f"line {number}"}
                continue
            yield row


def _record_from_row(row: dict[str, Any], where: str) -> Record:
    if "__error__" in row:
        raise ValueError(row["__error__"])
    record_id, text = row.get("id"), row.get("text")
    if record_id is None or str(record_id) == "":
        raise ValueError(f"{where}: a row has no id")
    if not isinstance(text, str):
        raise ValueError(f"{where}: row {record_id} has no text")
    record_id = str(record_id)
    try:
        date = parse_date(row.get("date"))
    except ValueError:
        raise ValueError(f"row {record_id}: the date {row.get('date')!r} is not a date") from None
    outlet, url = row.get("outlet"), row.get("url")
    return Record(
        id=record_id,
        document=document_from_text(text, record_id),
        date=date,
        outlet=None if outlet in (None, "") else str(outlet),
        url=None if url in (None, "") else str(url),
    )


def _record_from_file(path: Path, root: Path) -> Record:
    record_id = path.relative_to(root).as_posix()
    return Record(id=record_id, document=load_document(path))


def read_shard(shard: Shard) -> tuple[list[Record], list[BadRecord]]:
    """The readable records of a shard, and the rows or files that could not be read."""
    records: list[Record] = []
    bad: list[BadRecord] = []
    if shard.tables:
        (table,) = shard.paths
        for row in _table_rows(table):
            try:
                records.append(_record_from_row(row, table))
            except ValueError as exc:
                bad.append(BadRecord(str(row.get("id", "?")), str(exc)))
        return records, bad
    root = Path(shard.root)
    for name in shard.paths:
        file = Path(name)
        try:
            records.append(_record_from_file(file, root))
        except LoadError as exc:
            bad.append(BadRecord(file.relative_to(root).as_posix(), exc.problem))
    return records, bad


def _loose_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS and not p.name.startswith(".")
    )


def read_sources(path: str) -> tuple[list[Record], list[BadRecord]]:
    """Every source, in a stable order (by id). Raises CorpusInputError when there is none."""
    if not is_url(path) and Path(path).is_dir():
        folder = Path(path)
        files = _loose_files(folder)
        tables = sorted(p for p in folder.rglob("*") if p.is_file() and _is_table(str(p)))
        if files and tables:
            raise CorpusInputError(
                f"{path}: holds both article files and tables; give one kind of sources"
            )
        records, bad = [], []
        if tables:
            for table in tables:
                more, worse = read_shard(Shard(0, str(table), (str(table),), True))
                records += more
                bad += worse
        for file in files:
            try:
                records.append(_record_from_file(file, folder))
            except LoadError as exc:
                bad.append(BadRecord(file.relative_to(folder).as_posix(), exc.problem))
    elif is_url(path) or Path(path).is_file():
        if not _is_table(path):
            raise CorpusInputError(
                f"{path}: sources must be a folder of files or a JSONL/Parquet table"
            )
        try:
            records, bad = read_shard(Shard(0, path, (path,), True))
        except OSError as exc:
            raise CorpusInputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    else:
        raise CorpusInputError(f"{path}: no such file or folder")
    ids = [r.id for r in records]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise CorpusInputError(f"{path}: the source id {duplicate!r} is used twice")
    if not records:
        raise CorpusInputError(f"{path}: no readable source was found")
    return sorted(records, key=lambda r: r.id), bad


def list_shards(path: str) -> list[Shard]:
    """The article shards, in a stable order (part numbers follow it, so --resume can match)."""
    if is_url(path):
        import fsspec

        fs, root = fsspec.core.url_to_fs(path)
        protocol = path.split("://", 1)[0]
        found = [root] if fs.isfile(root) else sorted(fs.find(root))
        tables = [f"{protocol}://{p}" for p in found if _is_table(p)]
        if not tables:
            raise CorpusInputError(f"{path}: no JSONL or Parquet shards were found")
        return [Shard(i, t, (t,), True) for i, t in enumerate(tables)]
    folder = Path(path)
    if folder.is_file():
        if not _is_table(path):
            raise CorpusInputError(f"{path}: articles must be a folder or a JSONL/Parquet table")
        return [Shard(0, path, (path,), True)]
    if not folder.is_dir():
        raise CorpusInputError(f"{path}: no such file or folder")
    found = sorted(p for p in folder.rglob("*") if p.is_file() and _is_table(str(p)))
    files = _loose_files(folder)
    shards = [Shard(i, str(t), (str(t),), True) for i, t in enumerate(found)]
    for start in range(0, len(files), FILES_PER_SHARD):
        batch = files[start : start + FILES_PER_SHARD]
        name = f"files {start + 1}-{start + len(batch)} of {folder}"
        paths = tuple(str(p) for p in batch)
        shards.append(Shard(len(shards), name, paths, False, str(folder)))
    if not shards:
        raise CorpusInputError(f"{path}: no articles (JSONL, Parquet or article files) were found")
    return shards


def fingerprint(paths: list[str]) -> str:
    """A short digest of the inputs' names, sizes and modification times (for run.json)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        try:
            if is_url(path):
                import fsspec

                fs, inner = fsspec.core.url_to_fs(path)
                info = fs.info(inner)
                stamp = f"{info.get('size')}:{info.get('mtime', info.get('LastModified', ''))}"
            else:
                status = os.stat(path)
                stamp = f"{status.st_size}:{status.st_mtime_ns}"
        except OSError:
            stamp = "missing"
        digest.update(f"{path}\0{stamp}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:16]
