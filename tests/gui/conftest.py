"""Fixtures for the desktop window's tests: throwaway settings, big inputs, a running window."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from viewer.resources import seeds_dir

BIG_PAIR_SENTENCES = 7000
WORKER_WAIT_MS = 30_000


@pytest.fixture(scope="session", autouse=True)
def _qt_test_paths():
    """Point QStandardPaths (log folder, default settings) at Qt's test locations."""
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


def write_big_pair(folder: Path, sentences: int = BIG_PAIR_SENTENCES) -> tuple[Path, Path]:
    """A deterministic source/rewrite pair of ``sentences`` sentences each (about 1 MB each).

    The source repeats the sample articles' sentences, each made unique by a number; the rewrite
    keeps most, edits some words, drops some, adds some and swaps neighbours.
    """
    pool = []
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    rng = random.Random(20240611)
    source = [f"{pool[i % len(pool)].rstrip('.!?')} in case {i}." for i in range(sentences)]
    rewrite: list[str] = []
    i = 0
    while i < len(source):
        roll = rng.random()
        if roll < 0.05:
            i += 1  # omitted
            continue
        sentence = source[i]
        if roll < 0.20:
            words = sentence.split()
            words[rng.randrange(len(words))] = rng.choice(
                ["reportedly", "officials", "Tuesday", "several"]
            )
            sentence = " ".join(words)
        elif roll < 0.25 and i + 1 < len(source):
            rewrite += [source[i + 1], sentence]
            i += 2
            continue
        rewrite.append(sentence)
        if rng.random() < 0.05:
            rewrite.append(f"Readers wrote in about item {i} with further questions on the matter.")
        i += 1

    def paragraphs(items: list[str]) -> str:
        return "\n\n".join(" ".join(items[k : k + 5]) for k in range(0, len(items), 5)) + "\n"

    left, right = folder / "big-source.txt", folder / "big-rewrite.txt"
    left.write_text(paragraphs(source), encoding="utf-8")
    right.write_text(paragraphs(rewrite), encoding="utf-8")
    return left, right


@pytest.fixture(scope="session")
def big_pair(tmp_path_factory) -> tuple[Path, Path]:
    return write_big_pair(tmp_path_factory.mktemp("big"))


@pytest.fixture
def settings_file(tmp_path) -> Path:
    return tmp_path / "settings" / "source-compare.ini"


@pytest.fixture
def app_settings(settings_file):
    from viewer.gui.settings import AppSettings

    return AppSettings.open(settings_file)


@pytest.fixture
def make_window(qtbot, settings_file):
    """Builds MainWindows on the test's INI file; each is closed (worker stopped) at the end."""
    from viewer.gui.main_window import MainWindow
    from viewer.gui.settings import AppSettings

    windows = []

    def make(show: bool = True):
        window = MainWindow(AppSettings.open(settings_file))
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def seed_window(qtbot, make_window):
    """A shown window that has finished comparing the samples 000 and 001."""
    window = make_window()
    with qtbot.waitSignal(window.comparison_shown, timeout=WORKER_WAIT_MS):
        window.open_initial([])
    return window


# -- a small comparison built by hand, for exact control over what the view shows --------------

SMALL_SOURCE = (
    "The cat sat on the mat. Dogs bark loudly at night.\n"
    "A moved sentence is here. This one was dropped.\n"
    "Related: celebrity news headline."
)
SMALL_REWRITE = (
    "The cat sat on the mat. Dogs 🐶 bark very loudly at dusk.\n"
    "Brand new sentence added here. A moved sentence is here."
)
SMALL_EDIT_DIFF = (
    (0, "Dogs "),
    (1, "🐶 "),
    (0, "bark "),
    (1, "very "),
    (0, "loudly at "),
    (-1, "night"),
    (1, "dusk"),
    (0, "."),
)


def _spans(text: str, sentences: list[str]) -> tuple[tuple[int, int], ...]:
    spans, pos = [], 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return tuple(spans)


@pytest.fixture
def small_comparison():
    """Blocks in reading order: 0 identical, 1 edited (with an emoji before a changed word),
    2 added, 3 identical but moved, 4 omitted, 5 omitted page furniture."""
    from viewer.core.model import Block, Comparison, Document, Kind, Summary
    from viewer.core.word_marks import word_marks

    left = Document(
        "source.txt",
        SMALL_SOURCE,
        _spans(
            SMALL_SOURCE,
            [
                "The cat sat on the mat.",
                "Dogs bark loudly at night.",
                "A moved sentence is here.",
                "This one was dropped.",
                "Related: celebrity news headline.",
            ],
        ),
        paragraphs=((0, 50), (51, 98), (99, 132)),
        boilerplate=frozenset({4}),
        format="txt",
        path="/tmp/source.txt",
    )
    right = Document(
        "rewrite.txt",
        SMALL_REWRITE,
        _spans(
            SMALL_REWRITE,
            [
                "The cat sat on the mat.",
                "Dogs 🐶 bark very loudly at dusk.",
                "Brand new sentence added here.",
                "A moved sentence is here.",
            ],
        ),
        paragraphs=((0, 56), (57, 113)),
        format="txt",
        path="/tmp/rewrite.txt",
    )
    blocks = (
        Block(Kind.IDENTICAL, (0,), (0,), 1.0),
        Block(
            Kind.EDITED,
            (1,),
            (1,),
            0.85,
            diff=SMALL_EDIT_DIFF,
            words=word_marks(
                SMALL_SOURCE, [left.sentences[1]], SMALL_REWRITE, [right.sentences[1]]
            ),
        ),
        Block(Kind.ADDED, (), (2,)),
        Block(Kind.IDENTICAL, (2,), (3,), 1.0, moved=True),
        Block(Kind.OMITTED, (3,), ()),
        Block(Kind.OMITTED, (4,), (), boilerplate=True),
    )
    summary = Summary(
        5,
        4,
        {"identical": 2, "edited": 1, "paraphrase": 0, "partial": 0, "omitted": 2, "added": 1},
        rewrite_verbatim=0.5,
        rewrite_edited=0.3,
        rewrite_new=0.2,
        source_carried=0.6,
        source_omitted=0.4,
        source_words=21,
        rewrite_words=22,
        source_boilerplate_sentences=1,
    )
    return Comparison(left, right, blocks, summary)


@pytest.fixture
def long_comparison():
    """Many one-sentence paragraphs linked one to one, with an added sentence now and then on
    the right so that partners do not sit on the same line number."""
    from viewer.core import document_from_text
    from viewer.core.model import Block, Comparison, Kind, Summary

    pairs, added_every = 120, 7
    left_lines = [
        f"Source sentence number {i} says something about the launch." for i in range(pairs)
    ]
    right_lines, blocks = [], []
    for i in range(pairs):
        if i % added_every == 3:
            blocks.append(Block(Kind.ADDED, (), (len(right_lines),)))
            right_lines.append(f"An added remark {i} that the source never made.")
        blocks.append(
            Block(Kind.IDENTICAL if i % 2 else Kind.EDITED, (i,), (len(right_lines),), 0.9)
        )
        right_lines.append(left_lines[i])
    left = document_from_text("\n".join(left_lines), "long-source")
    right = document_from_text("\n".join(right_lines), "long-rewrite")
    assert len(left.sentences) == pairs and len(right.sentences) == len(right_lines)
    return Comparison(left, right, tuple(blocks), Summary(pairs, len(right_lines), {}))


@pytest.fixture
def comparison_view(qtbot):
    """A shown ComparisonView of a readable size."""
    from viewer.gui.comparison_view import ComparisonView

    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def tentative_comparison(small_comparison):
    """``small_comparison`` with its edited link tentative, the figures and a verdict to match."""
    from dataclasses import replace

    blocks = list(small_comparison.blocks)
    blocks[1] = replace(blocks[1], confidence=0.21)
    summary = replace(
        small_comparison.summary,
        rewrite_edited=0.0,
        rewrite_tentative=0.3,
        source_carried=0.4,
        source_tentative=0.2,
        tentative_links=1,
        verdict="partially-derived",
        verdict_reason="Partially derived: 2 of 4 sentences of the rewrite reuse the source's "
        "wording; 1 is tentatively linked; 1 is its own.",
    )
    return replace(small_comparison, blocks=tuple(blocks), summary=summary)


# -- web pages served on loopback, for addresses opened, pasted and dropped ---------------------

WEB_PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Russia films in space | Example News</title>
<meta property="og:title" content="Russian actress and director blast off to film in space">
<meta property="article:published_time" content="2021-10-05T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> / <a href="/world">World</a> / <a href="/biz">Business</a></nav>
<article><h1>Russian actress and director blast off to film in space</h1>
<p>Moscow: Russia on Tuesday launched an actress and a film director into space. They will
spend twelve days aboard the International Space Station to shoot the first feature film in
orbit.</p>
<p>The crew lifted off as scheduled at 1:55 p.m. (0855 GMT) from the Baikonur cosmodrome in
Kazakhstan, a live broadcast showed.</p>
</article><footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"""
WEB_REWRITE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Film crew heads to orbit</title></head><body><article><h1>Film crew heads to orbit</h1>
<p>Russia on Tuesday launched an actress and a film director into space. The crew lifted off
as scheduled from the Baikonur cosmodrome in Kazakhstan, a live broadcast showed.</p>
<p>Critics called the mission a publicity stunt.</p></article></body></html>"""


class WebServer:
    """A threaded HTTP server on 127.0.0.1 at a free port: ``/article``, ``/rewrite``,
    ``/missing`` (404) and ``/slow``, which answers only once ``release()`` is called."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.released = threading.Event()
        self.slow_waiting = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, kind: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/article":
                    self._send(200, "text/html; charset=utf-8", WEB_PAGE)
                elif self.path == "/rewrite":
                    self._send(200, "text/html; charset=utf-8", WEB_REWRITE)
                elif self.path == "/slow":
                    server.slow_waiting.set()
                    server.released.wait(WORKER_WAIT_MS / 1000)
                    self._send(200, "text/html; charset=utf-8", WEB_PAGE)
                else:
                    self._send(404, "text/html", b"<h1>Not found</h1>")

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def web_server():
    server = WebServer()
    yield server
    server.close()
