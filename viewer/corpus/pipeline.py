"""The corpus run: candidates, alignment and one part file per shard, on Dask or in-process.

May import: the standard library, ``viewer``, ``viewer.core`` (with its exporters),
``candidates``, ``records`` and ``stats``; ``distributed`` and ``pyarrow``, lazily. Must not
import: Qt, ``viewer.gui``.

One streaming pass with no shuffle. The sources and their n-gram index are broadcast to every
worker once (``scatter([payload], broadcast=True)``: a scattered dict would scatter each value).
Each task reads its own shard (the client never ships the corpus through the scheduler), finds
the shard's candidates, aligns them with ``compare`` (errors are caught per pair and written in
the row), and writes its part under a temporary name that it then renames, with a small
``.meta.json`` beside it. A task that raises fails its shard alone; a worker that dies has its
task retried by Dask. ``--resume`` redoes only the shards whose part is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import viewer
from viewer.core import Options, compare
from viewer.core.export.json_format import SHARE_FIELDS, comparison_to_dict, comparison_to_json
from viewer.core.model import KINDS
from viewer.corpus.candidates import NgramIndex
from viewer.corpus.records import (
    BadRecord,
    CorpusInputError,
    Record,
    Shard,
    fingerprint,
    list_shards,
    read_shard,
    read_sources,
)

SCHEDULERS = ("local", "threads", "synchronous")
FORMATS = ("parquet", "jsonl")


class MissingExtraError(Exception):
    """The run needs a package of the ``[corpus]`` extra that is not installed."""


@dataclass(frozen=True)
class Settings:
    """What every task needs besides its shard."""

    ngram: int = 5
    min_match: int = 8
    max_df: int = 50
    after_source: bool = False
    max_days: int | None = None
    format: str = "parquet"
    full_json: bool = False


@dataclass(frozen=True)
class CorpusRun:
    """One ``source-compare corpus`` invocation."""

    sources: str
    articles: str
    out: str
    settings: Settings = field(default_factory=Settings)
    scheduler: str = "local"  # "local", "threads", "synchronous" or "tcp://host:port"
    workers: int | None = None
    memory_limit: str | None = None
    resume: bool = False


@dataclass(frozen=True)
class Payload:
    """Broadcast to every worker once."""

    sources: tuple[Record, ...]
    index: NgramIndex
    settings: Settings


@dataclass
class ShardResult:
    shard: int
    articles: int = 0
    pairs: int = 0
    errors: int = 0
    seconds: float = 0.0
    outlets: dict[str, int] = field(default_factory=dict)  # every article, candidate or not
    bad: list[dict[str, str]] = field(default_factory=list)


@dataclass
class RunOutcome:
    shards: int
    written: int
    skipped: int  # already written, with --resume
    failed: list[dict[str, Any]]
    pairs: int
    errors: int
    articles: int
    seconds: float


def required_modules(run: CorpusRun) -> list[str]:
    """The ``[corpus]`` packages this run needs that cannot be imported."""
    wanted = []
    if run.scheduler != "synchronous":
        wanted.append(("distributed", "dask[distributed]"))
    if run.settings.format == "parquet":
        wanted.append(("pyarrow", "pyarrow"))
    if "://" in run.articles or "://" in run.sources:
        wanted.append(("fsspec", "fsspec"))
    missing = []
    for module, package in wanted:
        try:
            __import__(module)
        except ImportError:
            missing.append(package)
    return missing


# Rows ----------------------------------------------------------------------------------------


def _arrow_schema(settings: Settings):
    import pyarrow as pa

    block = pa.struct(
        [
            ("kind", pa.string()),
            ("left", pa.list_(pa.int32())),
            ("right", pa.list_(pa.int32())),
            ("similarity", pa.float64()),
            ("moved", pa.bool_()),
            ("confidence", pa.float64()),
        ]
    )
    columns = [
        ("source_id", pa.string()),
        ("article_id", pa.string()),
        ("outlet", pa.string()),
        ("article_date", pa.string()),
        ("source_date", pa.string()),
        ("url", pa.string()),
        ("shared_ngrams", pa.int64()),
        ("error", pa.string()),
        ("source_sentences", pa.int64()),
        ("article_sentences", pa.int64()),
        *((name, pa.float64()) for name in SHARE_FIELDS),
        *((kind.value, pa.int64()) for kind in KINDS),
        ("moved", pa.int64()),
        ("verdict", pa.string()),
        ("fact_changes", pa.int64()),
        ("blocks", pa.list_(block)),
        ("engine_version", pa.string()),
        ("seconds", pa.float64()),
    ]
    if settings.full_json:
        columns.append(("comparison", pa.string()))
    return pa.schema(columns)


def _verdict(summary: dict[str, Any]) -> str | None:
    verdict = summary.get("verdict")
    if isinstance(verdict, dict):
        for key in ("label", "class", "name", "value"):
            if isinstance(verdict.get(key), str):
                return verdict[key]
        return None
    return verdict if isinstance(verdict, str) else None


def pair_row(
    source: Record,
    article: Record,
    shared: int,
    settings: Settings,
    run_compare: Callable[..., Any] = compare,
) -> dict[str, Any]:
    """One candidate pair aligned by the app's engine, as a row; an error is kept in the row."""
    started = time.perf_counter()
    row: dict[str, Any] = {
        "source_id": source.id,
        "article_id": article.id,
        "outlet": article.outlet,
        "article_date": article.date.isoformat() if article.date else None,
        "source_date": source.date.isoformat() if source.date else None,
        "url": article.url,
        "shared_ngrams": shared,
        "error": None,
    }
    blank: dict[str, Any] = {
        "source_sentences": None,
        "article_sentences": None,
        **dict.fromkeys(SHARE_FIELDS),
        **{kind.value: None for kind in KINDS},
        "moved": None,
        "verdict": None,
        "fact_changes": None,
        "blocks": None,
    }
    try:
        options = Options(word_diff=settings.full_json)
        comparison = run_compare(source.document, article.document, options)
        data = comparison_to_dict(comparison)
        summary = data["summary"]
        blocks = data["blocks"]
        facts = [len(b["facts"]) for b in blocks if isinstance(b.get("facts"), list)]
        row.update(
            source_sentences=summary["left_sentences"],
            article_sentences=summary["right_sentences"],
            **{name: summary[name] for name in SHARE_FIELDS},
            **{kind.value: summary["counts"].get(kind.value, 0) for kind in KINDS},
            moved=sum(1 for b in blocks if b["moved"]),
            verdict=_verdict(summary),
            fact_changes=sum(facts) if facts else None,
            blocks=[
                {
                    "kind": b["kind"],
                    "left": b["left"],
                    "right": b["right"],
                    "similarity": b["similarity"],
                    "moved": b["moved"],
                    "confidence": b.get("confidence"),
                }
                for b in blocks
            ],
        )
        if settings.full_json:
            row["comparison"] = comparison_to_json(comparison)
    except Exception as exc:  # one pair's failure is a row, never the shard's
        row.update(blank)
        row["error"] = f"{type(exc).__name__}: {exc}"[:2000]
        if settings.full_json:
            row["comparison"] = None
    row["engine_version"] = viewer.__version__
    row["seconds"] = round(time.perf_counter() - started, 6)
    return row


def _within_dates(source: Record, article: Record, settings: Settings) -> bool:
    if source.date is None or article.date is None:
        return True
    days = (article.date - source.date).days
    if settings.after_source and days < 0:
        return False
    return settings.max_days is None or abs(days) <= settings.max_days


def shard_rows(
    records: list[Record], payload: Payload, run_compare: Callable[..., Any] = compare
) -> Iterator[dict[str, Any]]:
    settings = payload.settings
    for article in records:
        text = article.document.text
        for number, shared in payload.index.candidates(text, settings.min_match):
            source = payload.sources[number]
            if _within_dates(source, article, settings):
                yield pair_row(source, article, shared, settings, run_compare)


# Parts ---------------------------------------------------------------------------------------


def part_path(out: Path, shard: int, fmt: str) -> Path:
    return out / "pairs" / f"part-{shard:05d}.{fmt}"


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def write_part(path: Path, rows: list[dict[str, Any]], settings: Settings) -> None:
    """The rows of one shard, written under a temporary name and renamed into place."""
    if settings.format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_arrow_schema(settings))
        _write_atomic(path, lambda p: pq.write_table(table, p))
    else:
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        _write_atomic(path, lambda p: p.write_text(lines, encoding="utf-8"))


def read_part(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def process_shard(
    shard: Shard, payload: Payload, out: str, run_compare: Callable[..., Any] = compare
) -> ShardResult:
    """The task: read a shard, align its candidates, write its part. Runs on a worker."""
    started = time.perf_counter()
    records, bad = read_shard(shard)
    rows = list(shard_rows(records, payload, run_compare))
    outlets = Counter(record.outlet or "" for record in records)
    result = ShardResult(
        shard=shard.number,
        articles=len(records),
        pairs=len(rows),
        errors=sum(1 for row in rows if row["error"]),
        outlets=dict(outlets),
        bad=[{"record": b.id, "error": b.error} for b in bad],
    )
    folder = Path(out)
    target = part_path(folder, shard.number, payload.settings.format)
    result.seconds = round(time.perf_counter() - started, 6)
    meta = target.with_name(target.name + ".meta.json")
    text = json.dumps(asdict(result), ensure_ascii=False)
    _write_atomic(meta, lambda p: p.write_text(text, encoding="utf-8"))
    write_part(target, rows, payload.settings)  # last: a part that exists is a finished shard
    return result


def _read_meta(out: Path, shard: int, fmt: str) -> ShardResult | None:
    meta = part_path(out, shard, fmt).with_suffix(f".{fmt}.meta.json")
    try:
        return ShardResult(**json.loads(meta.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


# The run -------------------------------------------------------------------------------------


def prepare(run: CorpusRun) -> tuple[Payload, list[BadRecord], float]:
    started = time.perf_counter()
    sources, bad = read_sources(run.sources)
    texts = [record.document.text for record in sources]
    settings = run.settings
    index = NgramIndex.build(texts, n=settings.ngram, max_df=settings.max_df)
    return Payload(tuple(sources), index, settings), bad, time.perf_counter() - started


class _Progress:
    """ "shard 1,234 of 20,000 · 181,220 pairs · 3 errors · ETA 6 min" on standard error."""

    def __init__(self, total: int, quiet: bool, stream=None):
        self.total, self.quiet = total, quiet
        self.stream = stream or sys.stderr
        self.done = self.pairs = self.errors = self.failed = 0
        self.started = time.perf_counter()
        self.shown = 0.0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, result: ShardResult | None) -> None:
        self.done += 1
        if result is None:
            self.failed += 1
        else:
            self.pairs += result.pairs
            self.errors += result.errors
        now = time.perf_counter()
        if self.quiet or (now - self.shown < 1.0 and self.done < self.total):
            return
        self.shown = now
        line = f"shard {self.done:,} of {self.total:,} · {self.pairs:,} pairs · " + (
            f"{self.errors:,} errors"
        )
        if self.failed:
            line += f" · {self.failed:,} shards failed"
        if self.done < self.total:
            remaining = (now - self.started) / self.done * (self.total - self.done)
            line += f" · ETA {_duration(remaining)}"
        try:
            self.stream.write(("\r" + line.ljust(78)) if self.tty else line + "\n")
            if self.tty and self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        except (AttributeError, OSError, ValueError):
            self.quiet = True  # standard error is gone or closed; the run and its results go on


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


# The scheduler serves its HTTP routes (health, metrics, the dashboard when bokeh is there)
# even with the dashboard off, by default on every interface at port 8787: keep them on
# loopback at a free port, so two runs never clash.
_HTTP = "127.0.0.1:0"


def _client(run: CorpusRun):
    from distributed import Client, LocalCluster

    if run.scheduler.startswith("tcp://") or run.scheduler.startswith("tls://"):
        return Client(run.scheduler), None
    workers = run.workers or os.cpu_count() or 1
    if run.scheduler == "threads":  # in this process: workers talk in-process, no sockets
        cluster = LocalCluster(
            processes=False, n_workers=1, threads_per_worker=workers, dashboard_address=_HTTP
        )
    else:
        memory = run.memory_limit if run.memory_limit is not None else "auto"
        cluster = LocalCluster(
            processes=True,
            n_workers=workers,
            threads_per_worker=1,
            memory_limit=memory,
            host="127.0.0.1",  # the scheduler and workers listen on loopback only
            dashboard_address=_HTTP,
        )
    return Client(cluster), cluster


def execute(
    run: CorpusRun,
    payload: Payload,
    shards: list[Shard],
    on_result: Callable[[Shard, ShardResult | None, str | None], None],
    run_compare: Callable[..., Any] = compare,
) -> None:
    """Process ``shards`` and call ``on_result(shard, result, error)`` as each finishes."""
    if run.scheduler == "synchronous":
        for shard in shards:
            try:
                result = process_shard(shard, payload, run.out, run_compare)
            except Exception as exc:
                on_result(shard, None, f"{type(exc).__name__}: {exc}")
            else:
                on_result(shard, result, None)
        return
    from distributed import as_completed

    client, cluster = _client(run)
    try:
        [shipped] = client.scatter([payload], broadcast=True)
        by_key = {}
        futures = []
        for shard in shards:
            future = client.submit(
                process_shard,
                shard,
                shipped,
                run.out,
                run_compare,
                key=f"corpus-shard-{shard.number}-{os.getpid()}-{time.time_ns()}",
                retries=2,
                pure=False,
            )
            by_key[future.key] = shard
            futures.append(future)
        for future in as_completed(futures):
            shard = by_key[future.key]
            if future.status == "finished":
                on_result(shard, future.result(), None)
            else:
                error = future.exception()
                on_result(shard, None, f"{type(error).__name__}: {error}")
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_corpus(
    run: CorpusRun,
    *,
    quiet: bool = False,
    stream=None,
    run_compare: Callable[..., Any] = compare,
) -> RunOutcome:
    """The whole run: prepare, process every shard not yet written, then stats and provenance.

    Raises ``MissingExtraError`` or ``CorpusInputError`` before any work when the run cannot start.
    """
    from viewer.corpus.stats import corpus_stats

    missing = required_modules(run)
    if missing:
        raise MissingExtraError(", ".join(missing))
    started = time.perf_counter()
    out = Path(run.out)
    fmt = run.settings.format
    payload, bad_sources, prepare_seconds = prepare(run)
    shards = list_shards(run.articles)
    try:
        (out / "pairs").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusInputError(
            f"{out}: cannot create the results folder ({exc.strerror})"
        ) from None
    for leftover in (out / "pairs").glob(".part-*.tmp"):
        leftover.unlink(missing_ok=True)  # from a run that was killed mid-write
    done: dict[int, ShardResult] = {}
    if run.resume:
        for shard in shards:
            meta = _read_meta(out, shard.number, fmt)
            if part_path(out, shard.number, fmt).exists() and meta is not None:
                done[shard.number] = meta
    todo = [shard for shard in shards if shard.number not in done]
    progress = _Progress(len(todo), quiet, stream)
    failures: list[dict[str, Any]] = [
        {"kind": "source", "record": b.id, "error": b.error} for b in bad_sources
    ]
    failed_shards: list[dict[str, Any]] = []

    def on_result(shard: Shard, result: ShardResult | None, error: str | None) -> None:
        if result is None:
            failed_shards.append(
                {"kind": "shard", "shard": shard.number, "name": shard.name, "error": error}
            )
        else:
            done[shard.number] = result
        progress.update(result)

    align_started = time.perf_counter()
    if todo:
        execute(run, payload, todo, on_result, run_compare)
    align_seconds = time.perf_counter() - align_started
    for number in sorted(done):
        for bad in done[number].bad:
            failures.append({"kind": "article", "shard": number, **bad})
    failures.extend(failed_shards)
    _write_atomic(
        out / "failures.jsonl",
        lambda p: p.write_text(
            "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures), encoding="utf-8"
        ),
    )
    results = [done[number] for number in sorted(done)]
    stats = corpus_stats((part_path(out, r.shard, fmt) for r in results), payload.sources, results)
    _write_atomic(
        out / "stats.json",
        lambda p: p.write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8"),
    )
    outcome = RunOutcome(
        shards=len(shards),
        written=len(results) - (len(shards) - len(todo)),
        skipped=len(shards) - len(todo),
        failed=failed_shards,
        pairs=sum(r.pairs for r in results),
        errors=sum(r.errors for r in results),
        articles=sum(r.articles for r in results),
        seconds=time.perf_counter() - started,
    )
    provenance = {
        "command": "source-compare corpus",
        "sources": run.sources,
        "articles": run.articles,
        "out": str(out),
        "parameters": {
            **asdict(run.settings),
            "scheduler": run.scheduler,
            "workers": run.workers,
            "memory_limit": run.memory_limit,
            "resume": run.resume,
        },
        "versions": _versions(),
        "inputs": {
            "sources": fingerprint(_input_paths(run.sources)),
            "articles": fingerprint([p for s in shards for p in s.paths]),
        },
        "times": {
            "prepare_seconds": round(prepare_seconds, 3),
            "align_seconds": round(align_seconds, 3),
            "total_seconds": round(outcome.seconds, 3),
        },
        "counts": {
            "sources": len(payload.sources),
            "indexed_ngrams": len(payload.index.postings),
            "shards": outcome.shards,
            "shards_written": outcome.written,
            "shards_already_written": outcome.skipped,
            "shards_failed": len(failed_shards),
            "articles": outcome.articles,
            "pairs": outcome.pairs,
            "pair_errors": outcome.errors,
        },
    }
    _write_atomic(
        out / "run.json",
        lambda p: p.write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8"),
    )
    return outcome


def _input_paths(path: str) -> list[str]:
    if "://" in path or not Path(path).is_dir():
        return [path]
    return [str(p) for p in Path(path).rglob("*") if p.is_file()]


def _versions() -> dict[str, str]:
    found = {"source-compare": viewer.__version__, "python": platform.python_version()}
    for module in ("dask", "distributed", "pyarrow"):
        with contextlib.suppress(ImportError):
            found[module] = __import__(module).__version__
    return found
