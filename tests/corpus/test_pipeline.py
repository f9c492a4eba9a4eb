"""The corpus run: the same rows on every scheduler, errors kept per pair, resume, outputs."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from viewer.core import compare
from viewer.corpus.pipeline import CorpusRun, Settings, part_path, read_part, run_corpus

VOLATILE = ("seconds",)  # the only column that may differ between two runs


def _rows(out: Path, fmt: str = "parquet") -> list[dict]:
    rows = []
    for part in sorted((out / "pairs").glob(f"part-*.{fmt}")):
        rows += read_part(part)
    for row in rows:
        for key in VOLATILE:
            row.pop(key)
    return sorted(rows, key=lambda r: (r["source_id"], r["article_id"]))


def _run(sources, articles, out, **kwargs) -> object:
    settings = kwargs.pop("settings", Settings())
    return run_corpus(
        CorpusRun(str(sources), str(articles), str(out), settings=settings, **kwargs), quiet=True
    )


def test_threads_cluster_gives_the_rows_of_a_synchronous_run(small_corpus, tmp_path):
    corpus, sources, articles = small_corpus
    synchronous = _run(sources, articles, tmp_path / "sync", scheduler="synchronous")
    threads = _run(sources, articles, tmp_path / "threads", scheduler="threads", workers=2)
    assert synchronous.failed == threads.failed == []
    rows = _rows(tmp_path / "sync")
    assert rows == _rows(tmp_path / "threads")
    planted = {pair for pair, count in corpus.planted.items() if count >= 2}
    found = {(r["source_id"], r["article_id"]) for r in rows}
    assert found == planted
    stats = json.loads((tmp_path / "threads" / "stats.json").read_text())
    assert stats == json.loads((tmp_path / "sync" / "stats.json").read_text())
    assert stats["overall"]["articles"] == 300
    assert stats["overall"]["candidate_pairs"] == len(rows)


def test_a_row_holds_the_engine_comparison_of_its_pair(small_corpus, tmp_path):
    corpus, sources, articles = small_corpus
    _run(sources, articles, tmp_path, scheduler="synchronous")
    row = _rows(tmp_path)[0]
    source = next(s for s in corpus.sources if s["id"] == row["source_id"])
    article = next(a for a in corpus.articles if a["id"] == row["article_id"])
    from viewer.core import document_from_text

    expected = compare(
        document_from_text(source["text"], source["id"]),
        document_from_text(article["text"], article["id"]),
    )
    assert row["error"] is None
    assert row["outlet"] == article["outlet"] and row["article_date"] == article["date"]
    assert row["source_sentences"] == len(expected.source.sentences)
    assert row["article_sentences"] == len(expected.rewrite.sentences)
    assert [b["kind"] for b in row["blocks"]] == [b.kind.value for b in expected.blocks]
    assert [tuple(b["left"]) for b in row["blocks"]] == [b.source for b in expected.blocks]
    assert row["rewrite_new"] == pytest.approx(expected.summary.rewrite_new, abs=1e-4)


def test_a_raising_pair_gives_a_row_with_its_error_and_the_run_goes_on(small_corpus, tmp_path):
    corpus, sources, articles = small_corpus
    victim = next(article for _, article in sorted(corpus.planted))

    def fragile_compare(left, right, options=None):
        if right.name == victim:
            raise ValueError("planted failure")
        return compare(left, right, options)

    outcome = run_corpus(
        CorpusRun(str(sources), str(articles), str(tmp_path), scheduler="threads", workers=1),
        quiet=True,
        run_compare=fragile_compare,
    )
    assert outcome.failed == []
    assert outcome.errors >= 1
    rows = _rows(tmp_path)
    broken = [r for r in rows if r["article_id"] == victim]
    assert broken and all(r["error"] == "ValueError: planted failure" for r in broken)
    assert all(r["blocks"] is None for r in broken)
    assert sum(1 for r in rows if r["error"] is None) == len(rows) - len(broken)


def test_resume_redoes_only_the_missing_parts(small_corpus, tmp_path):
    _, sources, articles = small_corpus
    first = _run(sources, articles, tmp_path, scheduler="synchronous")
    assert first.written == 3
    kept = part_path(tmp_path, 0, "parquet")
    lost = part_path(tmp_path, 1, "parquet")
    kept_stamp = kept.stat().st_mtime_ns
    before = _rows(tmp_path)
    lost.unlink()
    again = _run(sources, articles, tmp_path, scheduler="synchronous", resume=True)
    assert (again.written, again.skipped) == (1, 2)
    assert kept.stat().st_mtime_ns == kept_stamp
    assert lost.exists()
    assert _rows(tmp_path) == before
    provenance = json.loads((tmp_path / "run.json").read_text())
    assert provenance["counts"]["shards_written"] == 1
    assert provenance["counts"]["shards_already_written"] == 2


def test_parquet_schema_and_jsonl_round_trip(small_corpus, tmp_path):
    import pyarrow.parquet as pq

    _, sources, articles = small_corpus
    _run(sources, articles, tmp_path / "p", scheduler="synchronous")
    jsonl = Settings(format="jsonl", full_json=True)
    _run(sources, articles, tmp_path / "j", scheduler="synchronous", settings=jsonl)
    schema = pq.read_schema(part_path(tmp_path / "p", 0, "parquet"))
    assert schema.names[:8] == [
        "source_id",
        "article_id",
        "outlet",
        "article_date",
        "source_date",
        "url",
        "shared_ngrams",
        "error",
    ]
    assert str(schema.field("blocks").type) == (
        "list<element: struct<kind: string, left: list<element: int32>, "
        "right: list<element: int32>, similarity: double, moved: bool, confidence: double>>"
    )
    assert "comparison" not in schema.names
    parquet_rows = _rows(tmp_path / "p")
    jsonl_rows = _rows(tmp_path / "j", "jsonl")
    full = [json.loads(row.pop("comparison")) for row in jsonl_rows]
    assert jsonl_rows == parquet_rows
    assert all(data["format"] == "source-compare/1" for data in full)


def test_loose_files_are_sharded_and_an_unreadable_one_is_reported(small_corpus, tmp_path):
    corpus, sources, _ = small_corpus
    folder = tmp_path / "files"
    (folder / "2024").mkdir(parents=True)
    planted = sorted(corpus.planted)[:5]
    for _, article_id in planted:
        article = next(a for a in corpus.articles if a["id"] == article_id)
        (folder / "2024" / f"{article_id}.txt").write_text(article["text"], encoding="utf-8")
    (folder / "2024" / "empty.txt").write_text("", encoding="utf-8")
    outcome = _run(sources, folder, tmp_path / "out", scheduler="synchronous")
    assert outcome.failed == []
    found = {(r["source_id"], r["article_id"]) for r in _rows(tmp_path / "out")}
    assert {(s, f"2024/{a}.txt") for s, a in planted} <= found
    lines = (tmp_path / "out" / "failures.jsonl").read_text().splitlines()
    failures = [json.loads(line) for line in lines]
    assert [(f["kind"], f["record"]) for f in failures] == [("article", "2024/empty.txt")]


def test_dates_limit_the_candidates(small_corpus, tmp_path):
    _, sources, articles = small_corpus
    all_rows = _rows(_out(_run, sources, articles, tmp_path / "all"))
    within = Settings(after_source=True, max_days=2)
    _run(sources, articles, tmp_path / "near", scheduler="synchronous", settings=within)
    near = _rows(tmp_path / "near")
    assert 0 < len(near) < len(all_rows)
    for row in near:
        from datetime import date

        days = (
            date.fromisoformat(row["article_date"]) - date.fromisoformat(row["source_date"])
        ).days
        assert 0 <= days <= 2


def _out(run, sources, articles, out):
    run(sources, articles, out, scheduler="synchronous")
    return out


def test_articles_from_a_file_url(small_corpus, tmp_path):
    _, sources, articles = small_corpus
    _run(sources, articles, tmp_path / "plain", scheduler="synchronous")
    _run(sources, articles.as_uri(), tmp_path / "url", scheduler="synchronous")
    assert _rows(tmp_path / "url") == _rows(tmp_path / "plain")


@pytest.mark.slow
def test_a_killed_worker_loses_no_shard(small_corpus, tmp_path):
    """A worker process killed mid-run: Dask retries its task elsewhere; the output is complete
    and the same as a synchronous run's."""
    _, sources, articles = small_corpus
    _run(sources, articles, tmp_path / "sync", scheduler="synchronous")
    marker = tmp_path / "killed-once"

    def dying_compare(left, right, options=None, _marker=str(marker)):
        try:
            descriptor = os.open(_marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return compare(left, right, options)
        os.close(descriptor)
        os.kill(os.getpid(), signal.SIGKILL)  # this worker dies in the middle of its shard
        raise AssertionError("unreachable")

    outcome = run_corpus(
        CorpusRun(
            str(sources), str(articles), str(tmp_path / "local"), scheduler="local", workers=2
        ),
        quiet=True,
        run_compare=dying_compare,
    )
    assert marker.exists()
    assert outcome.failed == []
    assert _rows(tmp_path / "local") == _rows(tmp_path / "sync")
