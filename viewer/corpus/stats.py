"""Corpus statistics from the written parts: per source, per outlet and overall.

May import: the standard library, ``records`` and ``pipeline`` (to read the parts). Must not
import: Qt, Dask.

An article's *reused share* against a source is the share of the article's words (page
furniture excluded) that sit in blocks linked to that source: ``1 - rewrite_new``. An article
"takes from a source" when that share is at least ``TAKES_SHARE`` (20 %).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from viewer.corpus.records import Record

TAKES_SHARE = 0.20
BINS = 10  # histograms in tenths: [0, 0.1), [0.1, 0.2), ... [0.9, 1.0]


def reused_share(row: dict[str, Any]) -> float:
    new = row.get("rewrite_new")
    return 0.0 if new is None else max(0.0, 1.0 - float(new))


def _bin(share: float) -> int:
    return min(BINS - 1, int(share * BINS))


def _histogram(values: Iterable[float]) -> list[int]:
    counts = [0] * BINS
    for value in values:
        counts[_bin(value)] += 1
    return counts


def corpus_stats(
    parts: Iterable[Path], sources: Sequence[Record], shard_results: Sequence[Any]
) -> dict[str, Any]:
    """Aggregate the rows of ``parts`` (read one at a time) with the shards' article counts."""
    from viewer.corpus.pipeline import read_part

    per_source_shares: dict[str, list[float]] = defaultdict(list)
    per_source_sentences: dict[str, Counter[int]] = defaultdict(Counter)
    best_share: dict[tuple[str, str], float] = {}  # (outlet, article) -> best reused share
    best_verbatim: dict[tuple[str, str], float] = {}
    pair_shares: list[float] = []
    pairs = errors = 0
    for part in parts:
        for row in read_part(part):
            pairs += 1
            if row.get("error"):
                errors += 1
                continue
            share = reused_share(row)
            source = row["source_id"]
            article = (row.get("outlet") or "", row["article_id"])
            pair_shares.append(share)
            if share > 0:
                per_source_shares[source].append(share)
            reused = set()
            for block in row.get("blocks") or ():
                if block["kind"] not in ("omitted", "added"):
                    reused.update(block["left"])
            per_source_sentences[source].update(reused)
            best_share[article] = max(best_share.get(article, 0.0), share)
            verbatim = float(row.get("rewrite_verbatim") or 0.0)
            best_verbatim[article] = max(best_verbatim.get(article, 0.0), verbatim)

    outlet_articles: Counter[str] = Counter()
    for result in shard_results:
        outlet_articles.update(result.outlets)
    takes: Counter[str] = Counter()
    verbatim_sum: Counter[str] = Counter()
    for (outlet, _), share in best_share.items():
        if share >= TAKES_SHARE:
            takes[outlet] += 1
    for (outlet, _), share in best_verbatim.items():
        verbatim_sum[outlet] += share  # type: ignore[assignment]
    articles = sum(outlet_articles.values())

    source_stats = {}
    for record in sources:
        shares = per_source_shares.get(record.id, [])
        sentences = per_source_sentences.get(record.id, Counter())
        source_stats[record.id] = {
            "sentences": len(record.document.sentences),
            "articles_reusing": len(shares),
            "articles_taking_20_percent": sum(1 for s in shares if s >= TAKES_SHARE),
            "share_histogram": _histogram(shares),
            "sentence_reused_by": [
                sentences.get(i, 0) for i in range(len(record.document.sentences))
            ],
        }
    outlet_stats = {
        outlet or "(no outlet)": {
            "articles": count,
            "taking_20_percent": takes.get(outlet, 0),
            "share_taking_20_percent": round(takes.get(outlet, 0) / count, 4) if count else 0.0,
            "mean_verbatim_share": round(verbatim_sum.get(outlet, 0.0) / count, 4)
            if count
            else 0.0,
        }
        for outlet, count in sorted(outlet_articles.items())
    }
    return {
        "definitions": {
            "reused_share": "share of an article's words (furniture excluded) in blocks linked "
            "to the source: 1 - rewrite_new",
            "taking": f"an article whose reused share from its best source is >= {TAKES_SHARE}",
            "histograms": f"{BINS} bins of width {1 / BINS:g} from 0 to 1",
        },
        "overall": {
            "sources": len(sources),
            "articles": articles,
            "candidate_pairs": pairs,
            "pair_errors": errors,
            "articles_with_candidates": len(best_share),
            "articles_taking_20_percent": sum(1 for s in best_share.values() if s >= TAKES_SHARE),
            "pair_share_histogram": _histogram(pair_shares),
            "article_best_share_histogram": _histogram(best_share.values()),
        },
        "sources": source_stats,
        "outlets": outlet_stats,
    }
