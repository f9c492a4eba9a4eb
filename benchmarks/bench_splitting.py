"""Splitting speed: sentences, paragraphs and furniture on 1 MB documents, news-like and hostile.

Targets: the splitter runs at 1 M characters per second or better; a whole 1 MB document (read,
decode, split, furniture) is ready in well under a second.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from viewer.core.loading import document_from_text, load_document
from viewer.core.sentences import split_paragraphs, split_sentences
from viewer.resources import seeds_dir

TARGET_BYTES = 1_000_000
MIN_CHARS_PER_S = 1_000_000
MAX_DOCUMENT_S = 0.5
REPEATS = 3


def _news_text() -> str:
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    return (seeds + "\n") * (TARGET_BYTES // len(seeds) + 1)


def _best_seconds(work) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _verdict(ok: bool) -> str:
    return "ok" if ok else "SLOW"


def run() -> list[str]:
    news = _news_text()
    hostile = {
        "abbreviations in one paragraph": (
            "Mr. J. R. Smith met Dr. A. B. Jones at 9 a.m. on Jan. 5 with Gen. X. "
        )
        * (TARGET_BYTES // 70),
        "no punctuation in one paragraph": "word " * (TARGET_BYTES // 5),
        "alternating headline lines": "A short headline line here\nA sentence that ends properly.\n"
        * (TARGET_BYTES // 56),
        "headline lines only": "Celebrity news headline number\n" * (TARGET_BYTES // 31),
    }
    lines = []

    seconds = _best_seconds(lambda: split_sentences(news, split_paragraphs(news)))
    rate = len(news) / seconds
    count = len(split_sentences(news))
    lines.append(
        f"split news ({len(news) / 1e6:.1f} M chars, {count} sentences): {seconds * 1000:.0f} ms, "
        f"{rate / 1e6:.1f} M chars/s [{_verdict(rate >= MIN_CHARS_PER_S)}]"
    )

    seconds = _best_seconds(lambda: document_from_text(news, "news"))
    lines.append(
        f"document_from_text news 1 MB (split + furniture): {seconds * 1000:.0f} ms "
        f"[{_verdict(seconds <= MAX_DOCUMENT_S)}]"
    )

    for label, text in hostile.items():
        seconds = _best_seconds(lambda text=text, label=label: document_from_text(text, label))
        lines.append(
            f"document_from_text {label} ({len(text) / 1e6:.1f} M chars): {seconds * 1000:.0f} ms "
            f"[{_verdict(seconds <= MAX_DOCUMENT_S)}]"
        )

    with tempfile.TemporaryDirectory() as folder:
        for name, data in (
            ("news-utf8.txt", news.encode("utf-8")),
            ("news-cp1252.txt", news.replace("\u2019", "'").encode("cp1252", "replace")),
        ):
            path = Path(folder) / name
            path.write_bytes(data)
            seconds = _best_seconds(lambda path=path: load_document(path))
            lines.append(
                f"load_document {name} ({len(data) / 1e6:.1f} MB): {seconds * 1000:.0f} ms "
                f"[{_verdict(seconds <= MAX_DOCUMENT_S)}]"
            )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
