"""A deterministic synthetic corpus with planted reuse, for corpus mode's tests and benchmark.

May import: the standard library only. The same ``seed`` always gives the same corpus.

Sources are wire-like stories of ``sentences`` sentences. Some articles reuse one source (a
share of its sentences from 10 % to 100 %, at least two), some reuse two, the rest none; a
reused sentence is copied verbatim, lightly edited (one word dropped, added or replaced) or
more heavily edited (three words replaced). Every article also has sentences of its own, and
some sources and articles carry the same boilerplate line, as agency copy does. Words come from
a generated vocabulary with a Zipf-like frequency, so common words recur as they do in news
while whole phrases rarely do by chance. ``planted`` is the truth: (source id, article id) ->
the number of source sentences the article reused.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

OUTLETS = tuple(f"Outlet {chr(65 + i)}" for i in range(20))
# Carried by 70 % of the sources and 30 % of the articles: with more than 70 sources it is in more
# than --max-df (50) of them, and the index drops it.
BOILERPLATE = (
    "For more information visit the agency website or call the press office during working hours."
)
_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "tu", "se", "vo", "di", "pa", "ge", "shi", "ul", "an")


@dataclass
class Corpus:
    sources: list[dict] = field(default_factory=list)  # id, text, date
    articles: list[dict] = field(default_factory=list)  # id, text, date, outlet, url
    planted: dict[tuple[str, str], int] = field(default_factory=dict)


def _vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Words and their cumulative Zipf-like weights."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    cumulative, total = [], 0.0
    for rank in range(size):
        total += 1.0 / (rank + 1) ** 0.9
        cumulative.append(total)
    return ordered, cumulative


def _sentence(rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(14, 30))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _edit(rng: random.Random, text: str, vocabulary: list[str], changes: int) -> str:
    words = text.rstrip(".").split()
    for _ in range(changes):
        position = rng.randrange(1, len(words))
        action = rng.random()
        if action < 0.3 and len(words) > 8:
            del words[position]
        elif action < 0.6:
            words.insert(position, rng.choice(vocabulary))
        else:
            words[position] = rng.choice(vocabulary)
    return " ".join(words) + "."


def make_corpus(seed: int, sources: int = 50, articles: int = 2000, sentences: int = 20) -> Corpus:
    rng = random.Random(seed)
    vocabulary, weights = _vocabulary(rng)
    corpus = Corpus()
    start = dt.date(2024, 1, 1)
    bodies = []
    for number in range(sources):
        body = [_sentence(rng, vocabulary, weights) for _ in range(sentences)]
        if rng.random() < 0.7:
            body.append(BOILERPLATE)
        bodies.append(body)
        corpus.sources.append(
            {
                "id": f"wire-{number:04d}",
                "text": "\n\n".join(body),
                "date": (start + dt.timedelta(days=number % 300)).isoformat(),
            }
        )
    for number in range(articles):
        article_id = f"article-{number:06d}"
        roll = rng.random()
        used = rng.sample(range(sources), 2 if roll < 0.1 else 1) if roll < 0.5 else []
        text_parts = [_sentence(rng, vocabulary, weights) for _ in range(rng.randint(4, 12))]
        first_date = None
        for source in used:
            body = bodies[source][:sentences]
            share = rng.uniform(0.1, 1.0)
            count = max(2, round(share * sentences))
            chosen = sorted(rng.sample(range(sentences), count))
            reused = []
            for index in chosen:
                kind = rng.random()
                if kind < 0.5:
                    reused.append(body[index])
                elif kind < 0.8:
                    reused.append(_edit(rng, body[index], vocabulary, 1))
                else:
                    reused.append(_edit(rng, body[index], vocabulary, 3))
            place = rng.randint(0, len(text_parts))
            text_parts[place:place] = reused
            corpus.planted[(corpus.sources[source]["id"], article_id)] = count
            source_date = dt.date.fromisoformat(corpus.sources[source]["date"])
            first_date = min(first_date or source_date, source_date)
        if rng.random() < 0.3:
            text_parts.append(BOILERPLATE)
        if first_date is None:
            date = start + dt.timedelta(days=rng.randint(0, 320))
        else:
            date = first_date + dt.timedelta(days=rng.randint(0, 5))
        outlet = rng.choice(OUTLETS)
        corpus.articles.append(
            {
                "id": article_id,
                "text": "\n\n".join(text_parts),
                "date": date.isoformat(),
                "outlet": outlet,
                "url": f"https://{outlet.lower().replace(' ', '-')}.example/{article_id}",
            }
        )
    return corpus


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def write_shards(rows: list[dict], folder: Path, per_shard: int) -> list[Path]:
    """The rows as JSONL shards of ``per_shard`` rows: ``shard-00000.jsonl``, ..."""
    return [
        write_jsonl(
            rows[start : start + per_shard], folder / f"shard-{start // per_shard:05d}.jsonl"
        )
        for start in range(0, len(rows), per_shard)
    ]
